"""Our VietQR builder and parser against NAPAS's published payload and check value, and read back by a real QR
decoder (zxing-cpp) from the image we render."""

import io

import pytest
import segno
import zxingcpp
from PIL import Image

from payments.vietqr import VietQR, VietQRError, build, crc16, parse, svg, transfer_note

PUBLISHED = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN"
    "62170813ung ho lu lut6304C15C"
)


def test_the_crc_matches_the_published_check_value():
    assert crc16("123456789") == "29B1"


def test_the_published_payload_parses_and_is_rebuilt_to_the_same_string():
    code = parse(PUBLISHED)
    assert code == VietQR(bank_bin="970415", account="0011001932418", amount=120000, note="ung ho lu lut")
    assert build("970415", "0011001932418", amount=120000, note="ung ho lu lut") == PUBLISHED


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount": None, "note": ""},
        {"amount": 15000, "note": "261130K7QX2M9P"},
        {"amount": 21_000_000_000, "note": "Hoc phi HK1"},
        {"amount": None, "note": "", "card": True},
    ],
)
def test_a_built_payload_parses_back_to_what_was_asked(kwargs):
    payload = build("970436", "1023456789", **kwargs)
    assert parse(payload) == VietQR("970436", "1023456789", kwargs["amount"], kwargs["note"], kwargs.get("card", False))
    assert ("010212" in payload) == (kwargs["amount"] is not None)


@pytest.mark.parametrize(
    "payload, problem",
    [
        (PUBLISHED[:-4] + "C15D", "CRC"),
        (PUBLISHED.replace("5406120000", "5406120.00"), "CRC"),
        ("000201", "CRC"),
        ("", "CRC"),
    ],
)
def test_a_damaged_payload_is_refused(payload, problem):
    with pytest.raises(VietQRError, match=problem):
        parse(payload)


def test_a_payload_with_a_good_crc_but_no_napas_account_is_refused():
    body = "000201010212530370454061200005802VN6304"
    with pytest.raises(VietQRError, match="field 38"):
        parse(body + crc16(body))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bank_bin": "97041", "account": "1"},
        {"bank_bin": "970415", "account": "12-34"},
        {"bank_bin": "970415", "account": "1", "amount": 0},
        {"bank_bin": "970415", "account": "1", "amount": 1.5},
        {"bank_bin": "970415", "account": "1", "note": "Nộp phí có dấu"},
        {"bank_bin": "970415", "account": "1", "note": "x" * 26},
    ],
)
def test_values_that_cannot_make_a_valid_code_are_refused(kwargs):
    bank_bin, account = kwargs.pop("bank_bin"), kwargs.pop("account")
    with pytest.raises(VietQRError):
        build(bank_bin, account, **kwargs)


def test_a_transfer_note_is_plain_ascii_and_short():
    assert transfer_note("Nộp học phí: Đặng Thị Ánh, lớp 3A!") == "Nop hoc phi Dang Thi Anh"
    assert len(transfer_note("x" * 40)) == 25


def test_the_svg_refuses_a_payload_that_does_not_parse():
    with pytest.raises(VietQRError):
        svg(PUBLISHED[:-1] + "0")
    assert svg(PUBLISHED).startswith("<svg")


@pytest.mark.parametrize("amount", [None, 120000, 1_250_500])
def test_the_rendered_qr_decodes_to_the_exact_payload(amount):
    payload = build("970418", "31410001234567", amount=amount, note="261130ABCD1234" if amount else "")
    image = io.BytesIO()
    segno.make_qr(payload, error="m").save(image, kind="png", scale=6, border=4)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.getvalue())))
    assert [code.text for code in decoded] == [payload]
