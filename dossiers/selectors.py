import datetime as dt

from django.db.models import Case, QuerySet, Value, When

from agencies.models import Ward
from citizen_portal.text import fold_vietnamese, format_phone
from dossiers.models import Dossier, Procedure
from dossiers.search import PROCEDURES
from search.selectors import search_source


def procedures_search(*, query: str = "", field_code: str = "") -> QuerySet[Procedure]:
    """The catalogue, or with a query the portal search's procedures, best first (search.selectors)."""
    procedures = Procedure.objects.published().select_related("field", "agency")
    if field_code:
        procedures = procedures.filter(field__code=field_code)
    if query.strip():
        ranked = [int(hit.key) for hit in search_source(PROCEDURES.name, query, limit=100)]
        order = Case(*(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)), default=Value(0))
        procedures = procedures.filter(pk__in=ranked).order_by(order, "name") if ranked else procedures.none()
    return procedures


def agency_near(user, agencies: list) -> int | None:
    """The office to offer first under "Nộp tại": the only one, else the citizen's last choice, else the one of the
    ward named in their verified address. None rather than a guess: never the alphabetically first office."""
    from identity.models import CitizenProfile

    if len(agencies) == 1:
        return agencies[0].pk
    if not user.is_authenticated:
        return None
    allowed = {agency.pk for agency in agencies}
    last = (
        Dossier.objects.for_citizen(user)
        .filter(receiving_agency_id__in=allowed)
        .order_by("-created_at")
        .values_list("receiving_agency_id", flat=True)
        .first()
    )
    if last:
        return last
    address = fold_vietnamese(CitizenProfile.objects.filter(user=user).values_list("address", flat=True).first() or "")
    if not address:
        return None
    named = [a for a in agencies if a.ward_id and fold_vietnamese(a.ward.name) in address]
    return max(named, key=lambda a: len(a.ward.name)).pk if named else None


def personal_data(user) -> list[dict]:
    """The citizen's dossiers for "Dữ liệu của tôi": answers, the list of files, what they were told, slips."""
    from citizen_portal.personal_data import local
    from dossiers.models import Dossier

    dossiers = (
        Dossier.objects.for_citizen(user)
        .select_related("procedure", "receiving_agency")
        .prefetch_related("attachments", "slips", "history")
    )
    return [
        {
            "ma_ho_so": d.code,
            "thu_tuc": d.procedure.name,
            "noi_nop": d.receiving_agency.name,
            "trang_thai": d.get_status_display(),
            "tao_luc": local(d.created_at),
            "nop_luc": local(d.submitted_at),
            "hen_tra": local(d.effective_due_at),
            "noi_dung_khai": d.answers,
            "tep": [
                {
                    "ten": a.original_name,
                    "loai": a.get_kind_display(),
                    "dung_luong": a.size,
                    "luc": local(a.uploaded_at),
                }
                for a in d.attachments.all()
            ],
            "qua_trinh": [
                {"trang_thai": h.get_to_status_display(), "luc": local(h.at), "ghi_chu": h.note}
                for h in d.history.all()
                if not h.internal
            ],
            "phieu": [{"mau": s.get_form_display(), "so": s.number, "luc": local(s.created_at)} for s in d.slips.all()],
        }
        for d in dossiers
    ]


def answer_text(field: dict, value, wards: dict[int, str]) -> str:
    if value in (None, ""):
        return "—"
    match field["type"]:
        case "date":
            try:
                return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
            except ValueError:
                return str(value)
        case "checkbox":
            return "Có" if value else "Không"
        case "ward":
            return wards.get(int(value), str(value)) if str(value).isdigit() else str(value)
        case "number":
            return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
        case "phone":
            return format_phone(str(value))
    return str(value)


def declaration_sections(dossier: Dossier) -> list[dict]:
    """Section → question → answer, as the citizen saw the form: dates dd/mm/yyyy, wards by name, phones as
    0xxx xxx xxx, never JSON. The officer's workspace, the citizen's check page and the declaration PDF use it."""
    fields = dossier.procedure_snapshot.get("fields", [])
    ward_codes = {
        int(dossier.answers[f["key"]])
        for f in fields
        if f["type"] == "ward" and str(dossier.answers.get(f["key"], "")).isdigit()
    }
    wards = dict(Ward.objects.filter(pk__in=ward_codes).values_list("code", "name")) if ward_codes else {}
    sections: list[dict] = []
    for field in fields:
        if not sections or sections[-1]["title"] != field["section"]:
            sections.append({"title": field["section"], "answers": []})
        value = dossier.answers.get(field["key"])
        sections[-1]["answers"].append(
            {"key": field["key"], "label": field["label"], "text": answer_text(field, value, wards), "value": value}
        )
    return sections
