import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from identity.validators import normalize_phone, validate_citizen_id


@pytest.mark.parametrize(
    ("number", "birth", "sex"),
    [
        ("072068001234", dt.date(1968, 3, 15), "male"),  # Tây Ninh, man born 1968
        ("080301005678", dt.date(2001, 7, 2), "female"),  # Long An, woman born 2001
        ("001199000001", dt.date(1999, 1, 1), "female"),  # Hà Nội, woman born 1999
    ],
)
def test_valid_citizen_ids(number, birth, sex):
    assert validate_citizen_id(number, date_of_birth=birth, sex=sex) == number


@pytest.mark.parametrize(
    ("number", "birth", "sex", "code"),
    [
        ("07206800123", None, None, "cccd_format"),
        ("07206800123A", None, None, "cccd_format"),
        ("003068001234", None, None, "cccd_province"),  # 003 is no province code
        ("072068001234", dt.date(1969, 3, 15), None, "cccd_birth_year"),
        ("072268001234", dt.date(1968, 3, 15), None, "cccd_birth_year"),  # digit 2 = born 2000–2099
        ("072168001234", dt.date(1968, 3, 15), "male", "cccd_sex"),  # digit 1 = woman
    ],
)
def test_invalid_citizen_ids_say_why(number, birth, sex, code):
    with pytest.raises(ValidationError) as error:
        validate_citizen_id(number, date_of_birth=birth, sex=sex)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("raw", "e164"),
    [("0912 345 678", "+84912345678"), ("84912345678", "+84912345678"), ("+84 376 555 888", "+84376555888")],
)
def test_phones_are_normalised_to_e164(raw, e164):
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["", "12345", "0999", "abc"])
def test_bad_phones_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)
