"""NAPAS VietQR (EMVCo merchant-presented QR for a bank transfer): our own builder and parser, one implementation for
dossier fees, tuition and the 4.0 shops. Fields are `ID(2) LEN(2) VALUE`; the payload ends with a CRC-16/CCITT-FALSE
over everything before it, the literal `6304` included (../shared/INTEGRATIONS.md).

A payload is only ever shown after it parses back to the same account, amount and note (`build` checks it)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import segno

NAPAS_GUID = "A000000727"
SERVICE_ACCOUNT = "QRIBFTTA"
SERVICE_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY = "VN"
NOTE_MAX = 25
_NOTE_ALLOWED = re.compile(r"[^A-Za-z0-9 ]+")


class VietQRError(ValueError):
    """A payload that is not a valid VietQR, or values that cannot make one."""


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), four uppercase hex digits."""
    crc = 0xFFFF
    for byte in data.encode("ascii"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return f"{crc:04X}"


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def transfer_note(text: str) -> str:
    """A transfer note banks accept everywhere: ASCII letters, digits and spaces, at most 25 characters."""
    decomposed = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    folded = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(_NOTE_ALLOWED.sub(" ", folded).split())[:NOTE_MAX].strip()


@dataclass(frozen=True)
class VietQR:
    bank_bin: str
    account: str
    amount: int | None = None
    note: str = ""
    card: bool = False

    @property
    def dynamic(self) -> bool:
        return self.amount is not None


def _tlv(payload: str) -> dict[str, str]:
    fields, position = {}, 0
    while position < len(payload):
        if position + 4 > len(payload):
            raise VietQRError("truncated field header")
        tag, length = payload[position : position + 2], payload[position + 2 : position + 4]
        if not (tag.isdigit() and length.isdigit()):
            raise VietQRError(f"bad field header at {position}")
        end = position + 4 + int(length)
        if end > len(payload):
            raise VietQRError(f"field {tag} runs past the end")
        if tag in fields:
            raise VietQRError(f"field {tag} appears twice")
        fields[tag] = payload[position + 4 : end]
        position = end
    return fields


def parse(payload: str) -> VietQR:
    """Read a VietQR payload back; raise VietQRError for anything that is not one (CRC included)."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("no CRC field at the end")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise VietQRError("CRC does not match")
    top = _tlv(payload[:-8])
    if top.get("00") != "01":
        raise VietQRError("not an EMVCo payload (field 00)")
    if top.get("01") not in ("11", "12"):
        raise VietQRError("field 01 must be 11 (static) or 12 (dynamic)")
    if top.get("53") != CURRENCY_VND or top.get("58") != COUNTRY:
        raise VietQRError("not a VND payload for Vietnam")
    if "38" not in top:
        raise VietQRError("no NAPAS account information (field 38)")
    merchant = _tlv(top["38"])
    if merchant.get("00") != NAPAS_GUID or merchant.get("02") not in (SERVICE_ACCOUNT, SERVICE_CARD):
        raise VietQRError("field 38 is not a NAPAS transfer")
    beneficiary = _tlv(merchant.get("01", ""))
    bank_bin, account = beneficiary.get("00", ""), beneficiary.get("01", "")
    if not re.fullmatch(r"\d{6}", bank_bin) or not account:
        raise VietQRError("bank BIN or account missing")
    amount = None
    if "54" in top:
        if not top["54"].isdigit():
            raise VietQRError("amount must be whole dong")
        amount = int(top["54"])
    if (top["01"] == "12") != (amount is not None):
        raise VietQRError("a dynamic payload carries an amount, a static one does not")
    note = _tlv(top["62"]).get("08", "") if "62" in top else ""
    return VietQR(bank_bin, account, amount, note, merchant["02"] == SERVICE_CARD)


def build(bank_bin: str, account: str, *, amount: int | None = None, note: str = "", card: bool = False) -> str:
    """The payload for a transfer to `account` at the bank `bank_bin`; with `amount` a dynamic (one-payment) code."""
    if not re.fullmatch(r"\d{6}", bank_bin or ""):
        raise VietQRError("the bank BIN has 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account or ""):
        raise VietQRError("the account number has 1-19 letters or digits")
    if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0):
        raise VietQRError("the amount is a positive whole number of dong")
    if note and note != transfer_note(note):
        raise VietQRError("the note must be ASCII letters, digits and spaces, at most 25 characters")
    beneficiary = _field("00", bank_bin) + _field("01", account)
    merchant = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_CARD if card else SERVICE_ACCOUNT)
    )
    body = _field("00", "01") + _field("01", "12" if amount is not None else "11") + _field("38", merchant)
    body += _field("53", CURRENCY_VND)
    if amount is not None:
        body += _field("54", str(amount))
    body += _field("58", COUNTRY)
    if note:
        body += _field("62", _field("08", note))
    body += "6304"
    payload = body + crc16(body)
    if parse(payload) != VietQR(bank_bin, account, amount, note, card):
        raise VietQRError("the payload does not read back to itself")
    return payload


def svg(payload: str, *, title: str = "Mã VietQR") -> str:
    """The QR as inline SVG (no image request, prints sharply); refuses a payload that does not parse."""
    parse(payload)
    qr = segno.make_qr(payload, error="m")
    return qr.svg_inline(scale=4, border=2, title=title, dark="#000", light="#fff")
