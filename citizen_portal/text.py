"""Vietnamese text helpers shared by every app.

Citizens often type without diacritics ("ho so" for "hồ sơ"), so searchable rows keep a folded copy of their
text and queries are folded the same way before matching.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold_vietnamese(text: str) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse white space: "Xã Hưng Điền" → "xa hung dien"."""
    decomposed = unicodedata.normalize("NFD", text or "")
    without_marks = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    without_marks = without_marks.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", without_marks).strip().lower()


def format_vnd(amount: int) -> str:
    """Money the way Vietnamese papers write it: 1250000 → "1.250.000 đồng"."""
    return f"{amount:,} đồng".replace(",", ".")


def format_phone(phone: str | None) -> str:
    """A stored E.164 number the way people read it: "+84912345678" → "0912 345 678"."""
    if not phone:
        return ""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[2:]
    if len(digits) == 10:
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return digits
