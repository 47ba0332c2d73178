"""The payments back office signed in as each role of the payee agency, an officer of another agency and a
citizen: invoices, payments and what the gateways said, receipts, refunds, the collection account."""

import pytest

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from payments.gateways.base import GatewayAnswer
from payments.models import Bank, CollectionAccount, Receipt
from payments.services import attempt_settle, attempt_start

ROLES = ["officer", "head", "viewer", "dashboard", "other_officer", "citizen"]
WORKERS = {"officer", "head"}


@pytest.fixture
def people(agency, other_agency, citizen):
    return {
        "officer": OfficerFactory(agency=agency),
        "head": OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD),
        "viewer": OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER),
        "dashboard": OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD),
        "other_officer": OfficerFactory(agency=other_agency),
        "citizen": citizen,
    }


@pytest.fixture
def paid_attempt(make_invoice, citizen):
    invoice = make_invoice(citizen, 120_000, description="Lệ phí đăng ký khai sinh")
    attempt, _ = attempt_start(
        invoices=[invoice], gateway_code="vietqr", payer=citizen, return_url_for=lambda r: "", client_ip="1.1.1.1"
    )
    attempt_settle(
        gateway_code="vietqr",
        answer=GatewayAnswer(reference=attempt.reference, state="paid", amount=120_000, gateway_txn_id="FT1"),
    )
    return attempt


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_payment_pages_per_role(client, people, paid_attempt, role):
    invoice = paid_attempt.invoices.get()
    receipt = Receipt.objects.get(invoice=invoice)
    client.force_login(people[role])
    pages = {
        "invoices": client.get("/admin/payments/invoice/"),
        "invoice": client.get(f"/admin/payments/invoice/{invoice.pk}/change/"),
        "attempts": client.get("/admin/payments/paymentattempt/"),
        "attempt": client.get(f"/admin/payments/paymentattempt/{paid_attempt.pk}/change/"),
        "receipts": client.get("/admin/payments/receipt/"),
    }
    if role in WORKERS:
        assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
        assert invoice.code in pages["invoices"].content.decode()
        assert "Lệ phí đăng ký khai sinh" in pages["invoice"].content.decode()
        workspace = pages["attempt"].content.decode()
        assert paid_attempt.reference in workspace and invoice.code in workspace and receipt.number_text in workspace
        assert ("Hoàn tiền" in workspace) is (role == "head")  # only a head is offered a refund
        assert receipt.payer_name in pages["receipts"].content.decode()
    elif role == "other_officer":
        assert invoice.code not in pages["invoices"].content.decode()
        assert pages["invoice"].status_code in (302, 404) and pages["attempt"].status_code == 404
        assert paid_attempt.reference not in pages["attempts"].content.decode()
        assert receipt.payer_name not in pages["receipts"].content.decode()
    elif role == "citizen":
        assert all(page.status_code == 302 for page in pages.values())
    else:  # figures only: never a payer's name
        assert all(page.status_code in (403, 404) for page in pages.values())
        assert not any(invoice.payer_name in page.content.decode() for page in pages.values())


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "head"])
def test_a_refund_from_the_workspace(client, people, paid_attempt, role):
    client.force_login(people[role])
    answer = client.post(
        f"/admin/payments/paymentattempt/{paid_attempt.pk}/xu-ly/hoan-tien/",
        {"hoan-tien-amount": "120000", "hoan-tien-reason": "Công dân nộp trùng"},
    )
    paid_attempt.refresh_from_db()
    if role == "head":
        assert answer.status_code == 302 and paid_attempt.status == "refunded"
        assert paid_attempt.refunds.get().requested_by == people["head"]
    else:
        assert answer.status_code == 403 and paid_attempt.status == "paid" and not paid_attempt.refunds.exists()


@pytest.mark.django_db
def test_a_refund_form_with_mistakes_comes_back_with_plain_words(client, people, paid_attempt):
    client.force_login(people["head"])
    answer = client.post(
        f"/admin/payments/paymentattempt/{paid_attempt.pk}/xu-ly/hoan-tien/",
        {"hoan-tien-amount": "999999", "hoan-tien-reason": "nhầm"},
    )
    assert answer.status_code == 400 and "Số tiền hoàn phải từ 1 đồng đến 120.000 đồng." in answer.content.decode()
    paid_attempt.refresh_from_db()
    assert paid_attempt.status == "paid"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "head", "other_officer"])
def test_the_collection_account_is_kept_by_the_agencys_head(client, people, agency, role):
    client.force_login(people[role])
    answer = client.post(
        "/admin/payments/collectionaccount/add/",
        {
            "agency": agency.pk,
            "bank": Bank.objects.get(bin="970418").pk,
            "account_number": "31410001234567",
            "account_name": "UBND PHUONG TAN NINH",
        },
    )
    saved = CollectionAccount.objects.filter(agency=agency).exists()
    assert saved is (role == "head"), answer.status_code
