"""Import the procedure catalogue from JSON (the format of demo_procedures.json). Idempotent: an unchanged
procedure is left alone, a changed one is updated and its version goes up (dossiers keep their snapshot)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from agencies.models import Agency
from dossiers.models import FormField, Procedure, ProcedureCase, ProcedureField, RequiredDocument

DEMO_CATALOGUE = Path(__file__).resolve().parent / "demo_procedures.json"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _fingerprint(definition: dict) -> str:
    return hashlib.sha256(json.dumps(definition, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def catalogue_import(data: dict) -> ImportResult:
    result = ImportResult()
    for definition in data["procedures"]:
        fingerprint = _fingerprint(definition)
        field, _ = ProcedureField.objects.update_or_create(
            code=definition["field"]["code"], defaults={"name": definition["field"]["name"]}
        )
        agency = Agency.objects.get(identifier=definition["agency"]) if definition.get("agency") else None
        procedure = Procedure.objects.filter(code=definition["code"]).first()
        if procedure is not None and procedure.catalogue_hash == fingerprint:
            result.unchanged += 1
            continue
        values = {
            "name": definition["name"],
            "field": field,
            "agency": agency,
            "agency_kind": definition.get("agency_kind", ""),
            "online_level": definition["online_level"],
            "legal_basis": definition.get("legal_basis", ""),
            "fee_amount": definition.get("fee_amount"),
            "fee_timing": definition.get("fee_timing", ""),
            "result_type": definition["result_type"],
            "catalogue_hash": fingerprint,
        }
        if procedure is None:
            procedure = Procedure.objects.create(code=definition["code"], **values)
            result.created += 1
        else:
            for name, value in values.items():
                setattr(procedure, name, value)
            procedure.version += 1
            procedure.save()
            result.updated += 1
        _import_parts(procedure, definition)
    return result


def _import_parts(procedure: Procedure, definition: dict) -> None:
    kept_cases = []
    for order, case_data in enumerate(definition["cases"]):
        case, _ = ProcedureCase.objects.update_or_create(
            procedure=procedure,
            name=case_data["name"],
            defaults={"duration": case_data["duration"], "duration_unit": case_data["duration_unit"], "order": order},
        )
        kept_cases.append(case.pk)
        keys = []
        for doc_order, doc in enumerate(case_data["documents"]):
            RequiredDocument.objects.update_or_create(
                case=case,
                key=doc["key"],
                defaults={
                    "name": doc["name"],
                    "required": doc.get("required", True),
                    "copies": doc.get("copies", 1),
                    "accepted_types": doc.get("accepted_types", ["pdf", "jpeg", "png"]),
                    "order": doc_order,
                },
            )
            keys.append(doc["key"])
        case.documents.exclude(key__in=keys).delete()
    # Cases that dossiers still point to stay (PROTECT); the others go.
    procedure.cases.exclude(pk__in=kept_cases).filter(dossiers__isnull=True).delete()
    field_keys = []
    for order, field in enumerate(definition["form_fields"]):
        FormField.objects.update_or_create(
            procedure=procedure,
            key=field["key"],
            defaults={
                "section": field.get("section", "Thông tin chung"),
                "label": field["label"],
                "type": field["type"],
                "required": field.get("required", True),
                "choices": field.get("choices", []),
                "help_text": field.get("help_text", ""),
                "prefill": field.get("prefill", ""),
                "order": order,
            },
        )
        field_keys.append(field["key"])
    procedure.form_fields.exclude(key__in=field_keys).delete()


def catalogue_import_file(path: Path | str) -> ImportResult:
    """Import a .json file, or a .csv file in the row-per-item layout of CSV_COLUMNS."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return catalogue_import(catalogue_from_csv(text) if str(path).lower().endswith(".csv") else json.loads(text))


# CSV: one row per procedure, case, document or form field (column `row_type`), for people who keep the catalogue
# in a spreadsheet. Cases and fields name their procedure by `code`; documents name their case by `case`.
CSV_COLUMNS = [
    "row_type",
    "code",
    "name",
    "field_code",
    "field_name",
    "agency",
    "agency_kind",
    "online_level",
    "legal_basis",
    "fee_amount",
    "fee_timing",
    "result_type",
    "case",
    "duration",
    "duration_unit",
    "key",
    "required",
    "copies",
    "accepted_types",
    "section",
    "type",
    "choices",
    "prefill",
    "help_text",
]


class CatalogueFormatError(ValueError):
    pass


def catalogue_from_csv(text: str) -> dict:
    import csv

    procedures: dict[str, dict] = {}
    reader = csv.DictReader(text.splitlines())
    missing = {"row_type", "code"} - set(reader.fieldnames or [])
    if missing:
        raise CatalogueFormatError(f"thiếu cột: {', '.join(sorted(missing))}")
    for line, row in enumerate(reader, start=2):
        kind, code = (row.get("row_type") or "").strip(), (row.get("code") or "").strip()
        try:
            if kind == "procedure":
                procedures[code] = {
                    "code": code,
                    "name": row["name"].strip(),
                    "field": {"code": row["field_code"].strip(), "name": row["field_name"].strip()},
                    "agency": row.get("agency", "").strip() or None,
                    "agency_kind": row.get("agency_kind", "").strip(),
                    "online_level": row["online_level"].strip(),
                    "legal_basis": row.get("legal_basis", "").strip(),
                    "fee_amount": int(row["fee_amount"]) if row.get("fee_amount", "").strip() else None,
                    "fee_timing": row.get("fee_timing", "").strip(),
                    "result_type": row["result_type"].strip(),
                    "cases": [],
                    "form_fields": [],
                }
            elif kind == "case":
                procedures[code]["cases"].append(
                    {
                        "name": row["case"].strip(),
                        "duration": row["duration"].strip(),
                        "duration_unit": row["duration_unit"].strip(),
                        "documents": [],
                    }
                )
            elif kind == "document":
                case = next(c for c in procedures[code]["cases"] if c["name"] == row["case"].strip())
                case["documents"].append(
                    {
                        "key": row["key"].strip(),
                        "name": row["name"].strip(),
                        "required": row.get("required", "1").strip() not in ("0", "false", "không"),
                        "copies": int(row.get("copies") or 1),
                        "accepted_types": [t for t in (row.get("accepted_types") or "pdf jpeg png").split() if t],
                    }
                )
            elif kind == "field":
                procedures[code]["form_fields"].append(
                    {
                        "key": row["key"].strip(),
                        "label": row["name"].strip(),
                        "type": row["type"].strip(),
                        "section": row.get("section", "").strip() or "Thông tin chung",
                        "required": row.get("required", "1").strip() not in ("0", "false", "không"),
                        "choices": [c.strip() for c in (row.get("choices") or "").split("|") if c.strip()],
                        "prefill": row.get("prefill", "").strip(),
                        "help_text": row.get("help_text", "").strip(),
                    }
                )
            else:
                raise CatalogueFormatError(f"dòng {line}: row_type phải là procedure, case, document hoặc field")
        except (KeyError, StopIteration, ValueError, AttributeError) as error:
            if isinstance(error, CatalogueFormatError):
                raise
            raise CatalogueFormatError(f"dòng {line}: {kind or '?'} {code}: dữ liệu không hợp lệ ({error})") from error
    return {"procedures": list(procedures.values())}
