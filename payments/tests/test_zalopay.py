"""ZaloPay v2 through our real client against the simulator: the create and callback macs, a bad mac (-1), a
repeated callback (1, nothing twice), a callback for an invoice that expired (kept, flagged for refund), query and
refund; and the whole round trip with the simulator calling our live server."""

import datetime as dt
import hashlib
import hmac
import json
import urllib.parse

import pytest
from django.utils import timezone

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from payments.gateways.zalopay import order_mac
from payments.models import Receipt, Refund
from payments.services import attempt_start, invoice_expire, reconcile_pending, refund_request
from payments.workflow import AttemptStatus, InvoiceStatus


def start(invoices, citizen):
    return attempt_start(
        invoices=invoices,
        gateway_code="zalopay",
        payer=citizen,
        return_url_for=lambda ref: f"http://testserver/thanh-toan/giao-dich/{ref}/",
        client_ip="113.161.1.2",
    )


def callback(client, body):
    return client.post("/thanh-toan/zalopay/callback", json.dumps(body), content_type="application/json").json()


def test_the_create_mac_is_hmac_sha256_over_the_documented_fields():
    order = {
        "app_id": "2553",
        "app_trans_id": "261130_K7QX2M9P",
        "app_user": "u7",
        "amount": 120000,
        "app_time": 1796000000000,
        "embed_data": "{}",
        "item": "[]",
    }
    expected = hmac.new(b"k1", b"2553|261130_K7QX2M9P|u7|120000|1796000000000|{}|[]", hashlib.sha256).hexdigest()
    assert order_mac(order, "k1") == expected


@pytest.mark.django_db
def test_an_order_is_created_and_its_callback_settles_it_once(client, zalopay, make_invoice, citizen, paid_log):
    invoice = make_invoice(citizen, 75_000)
    attempt, result = start([invoice], citizen)
    trans_id = f"{attempt.reference[:6]}_{attempt.reference[6:]}"
    assert result.redirect_url.startswith(zalopay.url) and trans_id in zalopay.orders  # the mac was accepted
    zalopay.send_callbacks = False
    location = zalopay.choose(result.redirect_url, "success")
    assert location.startswith(f"http://testserver/thanh-toan/giao-dich/{attempt.reference}/?")
    from payments.gateways.zalopay import ZaloPayGateway

    back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    assert ZaloPayGateway().verify_return(back) and not ZaloPayGateway().verify_return(
        {**back, "status": "1", "amount": "1"}
    )
    body = zalopay.callback_body(trans_id)

    assert callback(client, {**body, "mac": "0" * 64}) == {"return_code": -1, "return_message": "mac not equal"}
    tampered = {**body, "data": body["data"].replace('"amount":75000', '"amount":1')}
    assert callback(client, tampered)["return_code"] == -1
    assert callback(client, body) == {"return_code": 1, "return_message": "success"}
    assert callback(client, body) == {"return_code": 1, "return_message": "success"}  # ZaloPay's retry
    invoice.refresh_from_db()
    attempt.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and attempt.status == AttemptStatus.PAID
    assert attempt.gateway_txn_id == str(zalopay.orders[trans_id]["zp_trans_id"])
    assert Receipt.objects.filter(invoice=invoice).count() == 1 and paid_log == [invoice.code]


@pytest.mark.django_db
def test_a_callback_for_an_unknown_order_asks_zalopay_to_retry(client, zalopay, make_invoice, citizen):
    attempt, result = start([make_invoice(citizen)], citizen)
    zalopay.send_callbacks = False
    zalopay.choose(result.redirect_url, "success")
    body = zalopay.callback_body(f"{attempt.reference[:6]}_{attempt.reference[6:]}")
    data = json.loads(body["data"])
    data["app_trans_id"] = "261130_ZZZZZZZZ"
    raw = json.dumps(data)
    forged = {"data": raw, "mac": hmac.new(zalopay.key2.encode(), raw.encode(), hashlib.sha256).hexdigest(), "type": 1}
    assert callback(client, forged)["return_code"] == 0


@pytest.mark.django_db
def test_money_arriving_for_an_expired_invoice_is_kept_and_flagged(client, zalopay, make_invoice, citizen):
    invoice = make_invoice(citizen, expires_at=timezone.now() + dt.timedelta(minutes=5))
    attempt, result = start([invoice], citizen)
    zalopay.send_callbacks = False
    zalopay.choose(result.redirect_url, "success")
    invoice_expire(invoice=invoice)
    body = zalopay.callback_body(f"{attempt.reference[:6]}_{attempt.reference[6:]}")
    assert callback(client, body)["return_code"] == 1
    attempt.refresh_from_db()
    invoice.refresh_from_db()
    assert attempt.status == AttemptStatus.PAID and attempt.needs_refund
    assert invoice.code in attempt.needs_refund_reason and invoice.status == InvoiceStatus.EXPIRED
    assert not Receipt.objects.exists()
    client.force_login(citizen)
    page = client.get(f"/thanh-toan/giao-dich/{attempt.reference}/").content.decode()
    assert "Cơ quan sẽ hoàn lại tiền cho bạn" in page


@pytest.mark.django_db
def test_reconciliation_queries_zalopay_and_a_head_refunds(zalopay, make_invoice, citizen, agency):
    invoice = make_invoice(citizen, 30_000)
    attempt, result = start([invoice], citizen)
    zalopay.send_callbacks = False  # the callback never arrives
    zalopay.choose(result.redirect_url, "success")
    assert reconcile_pending(now=timezone.now() + dt.timedelta(minutes=11))["paid"] == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PAID and Receipt.objects.filter(invoice=invoice).exists()

    head = OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD)
    refund = refund_request(attempt=attempt, officer=head, amount=10_000, reason="Thu thừa phí")
    assert refund.status == Refund.Status.DONE and zalopay.refunds[-1]["amount"] == "10000"
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PAID and attempt.refunded_amount == 10_000  # partly refunded


@pytest.mark.django_db(transaction=True)
def test_the_round_trip_with_zalopays_server_calling_ours(live_server, zalopay, make_invoice, citizen, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    invoice = make_invoice(citizen, 45_000)
    attempt, result = start([invoice], citizen)
    location = zalopay.choose(result.redirect_url, "success")
    assert zalopay.callback_log[-1]["reply"] == {"return_code": 1, "return_message": "success"}
    assert len(zalopay.callback_log) == 1
    fields = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    assert fields["status"] == "1" and fields["amount"] == "45000"
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
