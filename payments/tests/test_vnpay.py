"""VNPay 2.1.0 through our real client against the simulator: the published hash vector, the IPN's replies
(97, 01, 04, 02, 00), a forged browser return that changes nothing, querydr and refund."""

import datetime as dt
import urllib.parse

import pytest
from django.utils import timezone

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from payments.gateways.vnpay import sign
from payments.models import GatewayEvent, Invoice, PaymentAttempt, Receipt, Refund
from payments.services import attempt_start, reconcile_pending, refund_request
from payments.workflow import AttemptStatus, InvoiceStatus

VECTOR = (
    "vnp_Amount=1000000&vnp_BankCode=NCB&vnp_BankTranNo=VNP14422574&vnp_CardType=ATM&vnp_OrderInfo=Thanh+toan+don+"
    "hang+2024-05-21T02%3A17%3A31.249Z&vnp_PayDate=20240521091806&vnp_ResponseCode=00&vnp_TmnCode=TEST_TMN_CODE&"
    "vnp_TransactionNo=14422574&vnp_TransactionStatus=00&vnp_TxnRef=1716257871703"
)
VECTOR_HASH = (
    "649982421beb422556a1374713c74e58e716ecbd05007c0c0e1f7effdfaf361dbf146889ca446139afe11b9954c4d5c486e99e3b86fcfab6"
    "957f29eb0be72895"
)


def test_the_hash_matches_vnpays_published_vector():
    params = dict(urllib.parse.parse_qsl(VECTOR))
    assert sign(params, "test_secret") == VECTOR_HASH
    # Hashing the unencoded string (a common mistake) gives another digest: the vector tells them apart.
    assert sign({**params, "vnp_OrderInfo": "Thanh toan"}, "test_secret") != VECTOR_HASH


def start(invoice, citizen, gateway="vnpay"):
    return attempt_start(
        invoices=[invoice],
        gateway_code=gateway,
        payer=citizen,
        return_url_for=lambda ref: f"http://testserver/thanh-toan/giao-dich/{ref}/",
        client_ip="113.161.1.2",
    )


def ipn(client, params):
    return client.get("/thanh-toan/vnpay/ipn", params).json()


@pytest.mark.django_db
def test_the_payment_url_is_signed_and_accepted_by_vnpay(vnpay, make_invoice, citizen):
    invoice = make_invoice(citizen, 120_000)
    attempt, result = start(invoice, citizen)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(result.redirect_url).query))
    assert query["vnp_Amount"] == "12000000" and query["vnp_TxnRef"] == attempt.reference
    assert query["vnp_OrderInfo"].isascii() and query["vnp_CreateDate"].isdigit()
    location = vnpay.choose(result.redirect_url, "success")  # the simulator checked our signature to get here
    assert location.startswith(f"http://testserver/thanh-toan/giao-dich/{attempt.reference}/?")


@pytest.mark.django_db
def test_the_ipn_replies_as_the_protocol_says(client, vnpay, make_invoice, citizen, paid_log):
    invoice = make_invoice(citizen, 120_000)
    attempt, result = start(invoice, citizen)
    request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(result.redirect_url).query))
    good = vnpay.result_params(request, "success")

    forged = {**good, "vnp_Amount": "100"}
    assert ipn(client, forged) == {"RspCode": "97", "Message": "Invalid signature"}
    unknown = vnpay.result_params({**request, "vnp_TxnRef": "261130ZZZZZZZZ"}, "success")
    assert ipn(client, unknown)["RspCode"] == "01"
    cheaper = vnpay.result_params({**request, "vnp_Amount": "1200000"}, "success")
    assert ipn(client, cheaper)["RspCode"] == "04"
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.OPEN and not Receipt.objects.exists()

    assert ipn(client, good) == {"RspCode": "00", "Message": "Confirm Success"}
    assert ipn(client, good) == {"RspCode": "02", "Message": "Order already confirmed"}
    invoice.refresh_from_db()
    attempt.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.amount_paid == 120_000
    assert attempt.status == AttemptStatus.PAID and attempt.gateway_txn_id == good["vnp_TransactionNo"]
    assert Receipt.objects.filter(invoice=invoice).count() == 1 and paid_log == [invoice.code]
    # Every call is kept raw with what we made of it, the forged one too.
    outcomes = list(GatewayEvent.objects.order_by("id").values_list("verified", "outcome"))
    assert outcomes == [
        (False, "bad_signature"),
        (True, "unknown_order"),
        (True, "wrong_amount"),
        (True, "confirmed"),
        (True, "already_confirmed"),
    ]


@pytest.mark.django_db
def test_a_failed_payment_leaves_the_invoice_open(client, vnpay, make_invoice, citizen):
    invoice = make_invoice(citizen)
    attempt, result = start(invoice, citizen)
    request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(result.redirect_url).query))
    assert ipn(client, vnpay.result_params(request, "cancel"))["RspCode"] == "00"
    attempt.refresh_from_db()
    invoice.refresh_from_db()
    assert attempt.status == AttemptStatus.FAILED and invoice.status == InvoiceStatus.OPEN


@pytest.mark.django_db
def test_a_forged_browser_return_changes_no_money(client, vnpay, make_invoice, citizen):
    """The return address carries VNPay's signed fields, but only the IPN may change state: a return saying
    "success" (signed or not) shows "đang chờ xác nhận"."""
    invoice = make_invoice(citizen)
    attempt, result = start(invoice, citizen)
    request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(result.redirect_url).query))
    vnpay.send_ipn = False
    location = vnpay.choose(result.redirect_url, "success")
    client.force_login(citizen)
    page = client.get(location.replace("http://testserver", ""))
    forged = client.get(
        f"/thanh-toan/giao-dich/{attempt.reference}/",
        {**vnpay.result_params(request, "success"), "vnp_ResponseCode": "00", "vnp_SecureHash": "0" * 128},
    )
    for answer in (page, forged):
        assert answer.status_code == 200 and "Đang chờ xác nhận" in answer.content.decode()
    attempt.refresh_from_db()
    invoice.refresh_from_db()
    assert attempt.status == AttemptStatus.PENDING and invoice.status == InvoiceStatus.OPEN
    assert not Receipt.objects.exists()
    # The genuine return is kept for the record, verified; the forged one after it adds nothing.
    returns = list(attempt.events.filter(kind="return").values_list("verified", flat=True))
    assert returns == [True]


@pytest.mark.django_db
def test_reconciliation_asks_vnpay_when_the_ipn_never_came(vnpay, make_invoice, citizen, paid_log):
    paid_invoice, lost_invoice, abandoned_invoice = (make_invoice(citizen) for _ in range(3))
    paid, result = start(paid_invoice, citizen)
    vnpay.send_ipn = False
    vnpay.choose(result.redirect_url, "success")
    failed, result = start(lost_invoice, citizen)
    vnpay.choose(result.redirect_url, "failure")
    abandoned, _ = start(abandoned_invoice, citizen)  # never reached VNPay's page
    later = timezone.now() + dt.timedelta(minutes=11)
    counts = reconcile_pending(now=later)
    assert counts == {"paid": 1, "failed": 1, "expired": 0, "unreachable": 0}
    paid.refresh_from_db(), failed.refresh_from_db(), abandoned.refresh_from_db()
    assert (paid.status, failed.status, abandoned.status) == ("paid", "failed", "pending")
    assert Invoice.objects.get(pk=paid_invoice.pk).status == InvoiceStatus.PAID and paid_log == [paid_invoice.code]
    # Past its time, the abandoned one stops waiting.
    reconcile_pending(now=timezone.now() + dt.timedelta(minutes=16))
    abandoned.refresh_from_db()
    assert abandoned.status == AttemptStatus.EXPIRED
    assert Invoice.objects.get(pk=abandoned_invoice.pk).status == InvoiceStatus.OPEN


@pytest.mark.django_db
def test_reconciliation_survives_vnpay_being_down(vnpay, make_invoice, citizen, settings):
    attempt, _ = start(make_invoice(citizen), citizen)
    settings.PAYMENTS = {**settings.PAYMENTS, "VNPAY": {**settings.PAYMENTS["VNPAY"], "API_URL": "http://127.0.0.1:9/"}}
    counts = reconcile_pending(now=timezone.now() + dt.timedelta(minutes=11))
    attempt.refresh_from_db()
    assert counts["unreachable"] == 1 and attempt.status == AttemptStatus.PENDING


@pytest.mark.django_db
def test_a_head_refunds_through_vnpays_refund_api(client, vnpay, make_invoice, citizen, agency):
    invoice = make_invoice(citizen, 50_000)
    attempt, result = start(invoice, citizen)
    request = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(result.redirect_url).query))
    good = vnpay.result_params(request, "success")
    vnpay.transactions[attempt.reference] = good
    assert ipn(client, good)["RspCode"] == "00"
    head = OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD)
    refund = refund_request(attempt=attempt, officer=head, amount=50_000, reason="Hồ sơ bị rút trước khi tiếp nhận")
    assert refund.status == Refund.Status.DONE
    sent = vnpay.refunds[-1]
    assert sent["vnp_Amount"] == "5000000" and sent["vnp_TransactionType"] == "02"
    assert sent["vnp_TransactionNo"] == good["vnp_TransactionNo"] and sent["vnp_CreateBy"] == head.username
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.REFUNDED and attempt.refunded_amount == 50_000
    assert Receipt.objects.get(attempt=attempt).refunded_at is not None
    assert PaymentAttempt.objects.get(pk=attempt.pk).events.filter(kind="refund", outcome="done").exists()
