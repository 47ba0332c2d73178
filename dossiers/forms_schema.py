"""Validation of answers against a procedure's small typed schema, with messages in plain Vietnamese."""

from __future__ import annotations

import datetime as dt
import math

from django.core.exceptions import ValidationError

from identity.validators import normalize_phone, validate_citizen_id

REQUIRED = "Vui lòng điền thông tin này."


def _clean(field: dict, raw):
    kind = field["type"]
    if kind == "checkbox":
        return raw in (True, "on", "true", "1", 1)
    text = str(raw).strip() if raw is not None else ""
    if kind in ("text", "long_text"):
        limit = 2000 if kind == "long_text" else 300
        if len(text) > limit:
            raise ValidationError(f"Tối đa {limit} ký tự.")
        return text
    if kind == "number":
        try:
            number = int(text) if text.lstrip("-").isdigit() else float(text.replace(",", "."))
        except ValueError as error:
            raise ValidationError("Vui lòng nhập một số.") from error
        # "nan", "inf" and 1e309 parse as floats; none is a number anybody declares (and JSON cannot store them).
        if not math.isfinite(number) or abs(number) > 10**15:
            raise ValidationError("Vui lòng nhập một số hợp lệ.")
        return number
    if kind == "date":
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        raise ValidationError("Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/1968.")
    if kind == "choice":
        if text not in field.get("choices", []):
            raise ValidationError("Vui lòng chọn một trong các lựa chọn.")
        return text
    if kind == "ward":
        from agencies.models import Ward

        if not text.isdigit() or not Ward.objects.filter(code=int(text)).exists():
            raise ValidationError("Vui lòng chọn phường, xã.")
        return int(text)
    if kind == "citizen_id":
        return validate_citizen_id(text)
    if kind == "phone":
        return normalize_phone(text)
    raise ValidationError("Kiểu thông tin không được hỗ trợ.")


def validate_answers(fields: list[dict], answers: dict, *, require_all: bool) -> dict:
    """Clean the answers for `fields`; raise ValidationError({key: [message]}) listing every problem at once.
    With `require_all`, a missing required answer is a problem too (used at submission)."""
    cleaned, errors = {}, {}
    for field in fields:
        raw = answers.get(field["key"])
        empty = raw is None or (isinstance(raw, str) and not raw.strip())
        if empty:
            if require_all and field["required"]:
                errors[field["key"]] = ["Vui lòng đánh dấu ô này." if field["type"] == "checkbox" else REQUIRED]
            continue
        try:
            cleaned[field["key"]] = _clean(field, raw)
        except ValidationError as error:
            errors[field["key"]] = error.messages
        if require_all and field["type"] == "checkbox" and field["required"] and not cleaned.get(field["key"]):
            errors[field["key"]] = ["Vui lòng đánh dấu ô này."]
    if errors:
        raise ValidationError(errors)
    return cleaned
