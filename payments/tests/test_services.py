"""The payments core: invoices and their workflow, starting payments (double taps, several invoices, partial
payments, another family's invoices), receipt numbering without gaps under concurrent payments, expiry, refunds."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from agencies.models import OfficerRole
from agencies.tests.factories import AgencyFactory, OfficerFactory
from citizen_portal.api.exceptions import ApplicationError
from payments.gateways.base import GatewayAnswer
from payments.models import InvoiceHistory, Receipt
from payments.services import (
    attempt_settle,
    attempt_start,
    invoice_cancel,
    invoice_create,
    invoices_expire_due,
    refund_request,
)
from payments.workflow import (
    ATTEMPT_TRANSITIONS,
    INVOICE_TRANSITIONS,
    AttemptStatus,
    InvoiceStatus,
    attempt_can_transition,
    invoice_can_transition,
)


def start(invoices, payer, gateway="vietqr", **kwargs):
    return attempt_start(
        invoices=invoices,
        gateway_code=gateway,
        payer=payer,
        return_url_for=lambda ref: "",
        client_ip="1.1.1.1",
        **kwargs,
    )


def paid(attempt):
    return attempt_settle(
        gateway_code=attempt.gateway,
        answer=GatewayAnswer(reference=attempt.reference, state="paid", amount=attempt.amount, gateway_txn_id="T1"),
    )


@pytest.mark.parametrize("current", list(InvoiceStatus))
@pytest.mark.parametrize("target", list(InvoiceStatus))
def test_the_invoice_transition_table(current, target):
    allowed = current == InvoiceStatus.OPEN and target != InvoiceStatus.OPEN
    assert invoice_can_transition(current, target) is allowed
    assert set(INVOICE_TRANSITIONS) == set(InvoiceStatus)


@pytest.mark.parametrize("current", list(AttemptStatus))
@pytest.mark.parametrize("target", list(AttemptStatus))
def test_the_attempt_transition_table(current, target):
    expected = {
        ("pending", "paid"),
        ("pending", "failed"),
        ("pending", "expired"),
        ("expired", "paid"),
        ("failed", "paid"),
        ("paid", "refunded"),
    }
    assert attempt_can_transition(current, target) is ((current, target) in expected)
    assert set(ATTEMPT_TRANSITIONS) == set(AttemptStatus)


@pytest.mark.django_db
def test_an_invoice_adds_up_its_lines_and_keeps_its_history(make_invoice, citizen):
    invoice = make_invoice(citizen, lines=[("Học phí tháng 9", 300_000), ("Tiền ăn bán trú", 450_000)])
    assert invoice.amount == 750_000 and invoice.code.startswith("KT-") and invoice.payer_name == "Nguyễn Văn An"
    assert list(invoice.history.values_list("to_status", flat=True)) == ["open"]
    invoice_cancel(invoice=invoice, reason="Miễn học phí")
    with pytest.raises(ApplicationError, match="Đã hủy"):
        invoice_cancel(invoice=invoice, reason="lần nữa")


@pytest.mark.django_db
@pytest.mark.parametrize("lines", [[], [("Lệ phí", 0)], [("Lệ phí", -5)], [("Lệ phí", 1.5)]])
def test_an_invoice_without_a_positive_whole_amount_is_refused(agency, citizen, paid_log, lines):
    with pytest.raises(ApplicationError) as refused:
        invoice_create(purpose="test_fee", subject_key="x", payee=agency, payer=citizen, description="x", lines=lines)
    assert refused.value.get_codes() == "amount_invalid"


@pytest.mark.django_db
def test_a_second_tap_finds_the_payment_the_first_started(make_invoice, citizen):
    invoice = make_invoice(citizen)
    first, first_result = start([invoice], citizen)
    second, second_result = start([invoice], citizen)
    assert second.pk == first.pk and second_result.qr_payload == first_result.qr_payload


@pytest.mark.django_db
def test_a_citizen_cannot_pay_or_see_another_familys_invoice(make_invoice, citizen, other_citizen):
    invoice = make_invoice(citizen)
    with pytest.raises(ApplicationError) as refused:
        start([invoice], other_citizen)
    assert refused.value.status_code == 404 and not invoice.attempts.exists()


@pytest.mark.django_db
def test_an_invoice_no_longer_open_is_not_paid_again(make_invoice, citizen):
    invoice = make_invoice(citizen)
    paid(start([invoice], citizen)[0])
    with pytest.raises(ApplicationError, match="đã thanh toán") as refused:
        start([invoice], citizen, gateway="vnpay")
    assert refused.value.get_codes() == "invoice_not_open"


@pytest.mark.django_db
def test_several_invoices_paid_at_once_each_get_their_receipt(make_invoice, citizen, paid_log):
    first, second = make_invoice(citizen, 300_000), make_invoice(citizen, 450_000)
    attempt, _ = start([first, second], citizen)
    assert attempt.amount == 750_000
    paid(attempt)
    receipts = Receipt.objects.order_by("number")
    assert [(r.invoice_id, r.amount) for r in receipts] == [(first.pk, 300_000), (second.pk, 450_000)]
    assert sorted(paid_log) == sorted([first.code, second.code])


@pytest.mark.django_db
def test_a_transfer_goes_to_one_agency_at_a_time(make_invoice, citizen):
    other = make_invoice(citizen, payee=AgencyFactory(name="Trường Tiểu học Kim Đồng"))
    with pytest.raises(ApplicationError) as refused:
        start([make_invoice(citizen), other], citizen)
    assert refused.value.get_codes() == "several_payees"


@pytest.mark.django_db
def test_partial_payments_only_where_the_invoice_allows_them(make_invoice, citizen, paid_log):
    whole = make_invoice(citizen, 500_000)
    with pytest.raises(ApplicationError, match="nộp đủ một lần"):
        start([whole], citizen, amount=100_000)
    instalments = make_invoice(citizen, 500_000, allows_partial=True)
    with pytest.raises(ApplicationError, match="500.000 đồng"):
        start([instalments], citizen, amount=600_000)
    paid(start([instalments], citizen, amount=200_000)[0])
    instalments.refresh_from_db()
    assert (instalments.status, instalments.amount_due, paid_log) == ("open", 300_000, [])
    paid(start([instalments], citizen)[0])
    instalments.refresh_from_db()
    assert instalments.status == InvoiceStatus.PAID and paid_log == [instalments.code]
    assert list(Receipt.objects.filter(invoice=instalments).values_list("amount", flat=True).order_by("number")) == [
        200_000,
        300_000,
    ]


@pytest.mark.django_db
def test_receipts_are_numbered_in_a_series_per_agency_and_year(make_invoice, citizen, other_agency):
    numbers = []
    for payee in [None, None, other_agency, None]:
        invoice = make_invoice(citizen, **({"payee": payee} if payee else {}))
        paid(start([invoice], citizen, gateway="vnpay")[0])
        numbers.append((invoice.payee_id, Receipt.objects.get(invoice=invoice).number))
    mine = [n for agency_id, n in numbers if agency_id != other_agency.pk]
    assert mine == [1, 2, 3] and [n for agency_id, n in numbers if agency_id == other_agency.pk] == [1]
    receipt = Receipt.objects.get(number=3, agency__in=[numbers[0][0]])
    assert (
        receipt.series == f"{receipt.agency.identifier}/{timezone.localtime().year}"
        and receipt.number_text == "0000003"
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_get_consecutive_receipt_numbers(make_invoice, citizen, run_concurrently):
    attempts = [start([make_invoice(citizen)], citizen, gateway="vnpay")[0] for _ in range(8)]
    queue = list(attempts)

    def settle_one():
        return paid(queue.pop())

    results = run_concurrently(settle_one, count=8)
    assert results == ["confirmed"] * 8
    assert sorted(Receipt.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_unpaid_invoices_expire_unless_a_payment_is_still_in_flight(make_invoice, citizen):
    soon = timezone.now() + dt.timedelta(hours=1)
    idle, in_flight = make_invoice(citizen, expires_at=soon), make_invoice(citizen, expires_at=soon)
    attempt, _ = start([in_flight], citizen, gateway="vnpay")
    attempt.expires_at = soon + dt.timedelta(minutes=15)
    attempt.save()
    assert invoices_expire_due(now=soon + dt.timedelta(minutes=1)) == 1
    idle.refresh_from_db(), in_flight.refresh_from_db()
    assert (idle.status, in_flight.status) == ("expired", "open")
    assert InvoiceHistory.objects.filter(invoice=idle, to_status="expired").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "viewer", "other_head"])
def test_only_a_head_of_the_agency_may_refund(make_invoice, citizen, agency, other_agency, role):
    attempt, _ = start([make_invoice(citizen)], citizen)
    paid(attempt)
    person = {
        "officer": lambda: OfficerFactory(agency=agency),
        "viewer": lambda: OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER),
        "other_head": lambda: OfficerFactory(agency=other_agency, agency__role=OfficerRole.HEAD),
    }[role]()
    with pytest.raises(ApplicationError) as refused:
        refund_request(attempt=attempt, officer=person, amount=1000, reason="thử")
    assert refused.value.status_code == 403
    attempt.refresh_from_db()
    assert attempt.refunded_amount == 0 and not attempt.refunds.exists()


@pytest.mark.django_db
def test_a_refund_needs_a_reason_and_at_most_what_was_paid(make_invoice, citizen, agency):
    attempt, _ = start([make_invoice(citizen, 120_000)], citizen)
    paid(attempt)
    head = OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD)
    with pytest.raises(ApplicationError, match="lý do"):
        refund_request(attempt=attempt, officer=head, amount=1000, reason="  ")
    with pytest.raises(ApplicationError, match="120.000 đồng"):
        refund_request(attempt=attempt, officer=head, amount=120_001, reason="nhầm")
    refund = refund_request(attempt=attempt, officer=head, amount=120_000, reason="Nộp nhầm")
    # A transfer is sent back from the agency's account by the accountant; recorded as done.
    assert refund.status == "done"
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.REFUNDED
    with pytest.raises(ApplicationError, match="đã thanh toán"):
        refund_request(attempt=attempt, officer=head, amount=1, reason="lần nữa")
