"""Validation of Vietnamese identifiers: citizen ID (CCCD) and phone numbers."""

from __future__ import annotations

import datetime as dt

import phonenumbers
from django.core.exceptions import ValidationError

# Birth-registration province codes printed in the first three digits of a CCCD (the 63 provinces before the 2025
# merger; CCCDs issued earlier keep them, so they stay valid).
CCCD_PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)


def validate_citizen_id(number: str, *, date_of_birth: dt.date | None = None, sex: str | None = None) -> str:
    """A CCCD: 12 digits = province code (3) + century/sex digit + last two digits of the birth year + 6 digits.
    The century/sex digit is 0/1 for men/women born 1900–1999, 2/3 for 2000–2099, and so on."""
    number = (number or "").strip()
    if len(number) != 12 or not number.isdigit():
        raise ValidationError("Số CCCD phải gồm đúng 12 chữ số.", code="cccd_format")
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError("Ba số đầu của CCCD không phải mã tỉnh nơi đăng ký khai sinh.", code="cccd_province")
    century_sex = int(number[3])
    if date_of_birth is not None:
        century = 19 + century_sex // 2
        if date_of_birth.year // 100 != century or date_of_birth.year % 100 != int(number[4:6]):
            raise ValidationError("Số CCCD không khớp với năm sinh.", code="cccd_birth_year")
    if sex in ("male", "female") and ("male", "female")[century_sex % 2] != sex:
        raise ValidationError("Số CCCD không khớp với giới tính.", code="cccd_sex")
    return number


def normalize_phone(raw: str) -> str:
    """Any Vietnamese way of writing a mobile number ("0912 345 678", "84912345678", "+84…") → E.164."""
    text = (raw or "").strip()
    if text.isdigit() and text.startswith("84") and len(text) >= 11:
        text = "+" + text  # Zalo gives numbers as 849…
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException as error:
        raise ValidationError("Số điện thoại không hợp lệ.", code="phone_invalid") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError("Số điện thoại không hợp lệ.", code="phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
