"""Bank transfer by VietQR: the code on the page, the bank's signed notification (replay window, repeats), and an
officer's confirmation, signed in as each role."""

import json
import time

import pytest

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from citizen_portal.api.exceptions import ApplicationError
from payments.gateways.transfer import webhook_signature
from payments.models import Receipt
from payments.services import attempt_start, transfer_confirm
from payments.vietqr import VietQR, parse
from payments.workflow import AttemptStatus, InvoiceStatus


def start(invoice, citizen):
    attempt, result = attempt_start(
        invoices=[invoice], gateway_code="vietqr", payer=citizen, return_url_for=lambda ref: "", client_ip="1.1.1.1"
    )
    return attempt, result


def notify_bank(client, body: dict, *, secret=None, timestamp=None):
    raw = json.dumps(body).encode()
    timestamp = str(timestamp or int(time.time()))
    from django.conf import settings

    signature = webhook_signature(secret or settings.PAYMENTS["BANK_WEBHOOK_SECRET"], timestamp, raw)
    return client.post(
        "/thanh-toan/ngan-hang/thong-bao",
        raw,
        content_type="application/json",
        headers={"X-Timestamp": timestamp, "X-Signature": signature},
    )


@pytest.mark.django_db
def test_the_transfer_code_carries_the_account_amount_and_our_reference(make_invoice, citizen):
    attempt, result = start(make_invoice(citizen, 250_000), citizen)
    assert parse(result.qr_payload) == VietQR("970436", "1023456789", 250_000, attempt.reference)


@pytest.mark.django_db
def test_the_citizen_sees_the_code_and_the_note_with_javascript_off(client, make_invoice, citizen):
    invoice = make_invoice(citizen, 250_000)
    client.force_login(citizen)
    answer = client.post("/thanh-toan/nop/", {"khoan": [str(invoice.public_id)], "cach": "vietqr"})
    attempt = invoice.attempts.get()
    assert answer.status_code == 302 and answer["Location"] == f"/thanh-toan/giao-dich/{attempt.reference}/"
    page = client.get(answer["Location"]).content.decode()
    assert "<svg" in page and attempt.reference in page and "1023456789" in page and "Vietcombank" in page


@pytest.mark.django_db
def test_the_banks_notification_settles_the_transfer_once(client, make_invoice, citizen, paid_log):
    invoice = make_invoice(citizen, 250_000)
    attempt, _ = start(invoice, citizen)
    body = {
        "transaction_id": "FT2633400123",
        "amount": 250_000,
        "account_number": "1023456789",
        "description": f"MBVCB.1234.{attempt.reference.lower()}.CT tu 0123 NGUYEN VAN AN",
    }
    first = notify_bank(client, body)
    again = notify_bank(client, body)
    assert (first.status_code, first.json()) == (200, {"code": "confirmed"})
    assert again.json() == {"code": "already_confirmed"}
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and Receipt.objects.filter(invoice=invoice).count() == 1
    assert paid_log == [invoice.code]


@pytest.mark.django_db
def test_a_stale_forged_or_short_notification_changes_nothing(client, make_invoice, citizen):
    invoice = make_invoice(citizen, 250_000)
    attempt, _ = start(invoice, citizen)
    body = {"transaction_id": "FT1", "amount": 250_000, "description": attempt.reference}
    assert notify_bank(client, body, secret="not-the-secret").status_code == 401
    assert notify_bank(client, body, timestamp=int(time.time()) - 3600).status_code == 401  # outside the window
    short = notify_bank(client, {**body, "transaction_id": "FT2", "amount": 200_000})
    assert short.json() == {"code": "wrong_amount"}
    assert notify_bank(client, {**body, "transaction_id": "FT3", "description": "chuyen tien"}).json() == {
        "code": "unknown_order"
    }
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.OPEN


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "head", "viewer", "dashboard", "other_officer"])
def test_confirming_a_transfer_per_role(client, make_invoice, citizen, agency, other_agency, role):
    invoice = make_invoice(citizen, 90_000)
    attempt, _ = start(invoice, citizen)
    people = {
        "officer": lambda: OfficerFactory(agency=agency),
        "head": lambda: OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD),
        "viewer": lambda: OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER),
        "dashboard": lambda: OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD),
        "other_officer": lambda: OfficerFactory(agency=other_agency),
    }
    person = people[role]()
    client.force_login(person)
    answer = client.post(
        f"/admin/payments/paymentattempt/{attempt.pk}/xu-ly/xac-nhan-chuyen-khoan/",
        {"xac-nhan-chuyen-khoan-bank_transaction": "FT99"},
    )
    attempt.refresh_from_db()
    if role in ("officer", "head"):
        assert answer.status_code == 302 and attempt.status == AttemptStatus.PAID
        assert attempt.events.get(kind="officer").raw == f"{person.username}: FT99"
        with pytest.raises(ApplicationError, match="đã được xác nhận"):
            transfer_confirm(attempt=attempt, officer=person)
    else:
        assert answer.status_code in (403, 404) and attempt.status == AttemptStatus.PENDING
        with pytest.raises(ApplicationError):
            transfer_confirm(attempt=attempt, officer=person)
