"""Zalo Checkout SDK, the mini app's only way to pay: createOrder's mac from our server, the Checkout server's
callback (mac and overallMac, both checked), a bad mac refused, a repeat harmless, the amount checked against our
invoice, and the status query when no callback came. The Zalo simulator plays the mini app container and the
Checkout server, and calls our live server as Zalo would."""

import hashlib
import hmac
import json

import pytest
from django.conf import settings as django_settings

from identity.tokens import api_token_issue
from payments.gateways import offered_gateways
from payments.gateways.zalo_checkout import callback_mac, callback_overall_mac, order_mac, status_mac
from payments.models import GatewayEvent, PaymentAttempt, Receipt
from payments.services import reconcile_pending
from payments.workflow import AttemptStatus, InvoiceStatus

KEY = "demo-checkout-private-key"


def h(text: str, key: str = KEY) -> str:
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


def test_the_create_order_mac_follows_the_documented_formula():
    params = {
        "amount": 50000,
        "desc": "Nộp tiền 261130ABCD",
        "item": [{"id": "261130ABCD", "amount": 50000}],
        "extradata": '{"reference":"261130ABCD"}',
        "method": '{"id":"ZALOPAY_SANDBOX","isCustom":false}',
    }
    # Sorted by name, key=value joined by &, objects as JSON.stringify writes them.
    text = (
        'amount=50000&desc=Nộp tiền 261130ABCD&extradata={"reference":"261130ABCD"}'
        '&item=[{"id":"261130ABCD","amount":50000}]&method={"id":"ZALOPAY_SANDBOX","isCustom":false}'
    )
    assert order_mac(params, KEY) == h(text)
    assert order_mac({**params, "mac": "ignored"}, KEY) == h(text)
    assert order_mac({**params, "amount": 50001}, KEY) != h(text)


def test_the_callback_macs_follow_the_documented_formulas():
    data = {
        "appId": "demo-miniapp",
        "orderId": "17960001",
        "transId": "261130_1",
        "amount": 50000,
        "description": "Nộp tiền X",
        "resultCode": 1,
        "message": "Giao dịch thành công",
        "method": "ZALOPAY_SANDBOX",
        "extradata": '{"reference":"X"}',
    }
    fixed = (
        "appId=demo-miniapp&amount=50000&description=Nộp tiền X&orderId=17960001"
        "&message=Giao dịch thành công&resultCode=1&transId=261130_1"
    )
    overall = (
        'amount=50000&appId=demo-miniapp&description=Nộp tiền X&extradata={"reference":"X"}'
        "&message=Giao dịch thành công&method=ZALOPAY_SANDBOX&orderId=17960001&resultCode=1&transId=261130_1"
    )
    assert callback_mac(data, KEY) == h(fixed)
    assert callback_overall_mac(data, KEY) == h(overall)
    assert status_mac("demo-miniapp", "17960001", KEY) == h(f"appId=demo-miniapp&orderId=17960001&privateKey={KEY}")


def test_the_web_never_offers_checkout_and_the_mini_app_offers_only_checkout():
    assert "zalo_checkout" not in {g.code for g in offered_gateways()}
    assert [g.code for g in offered_gateways(miniapp=True)] == ["zalo_checkout"]


@pytest.fixture
def checkout(zalo, live_server, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    config = django_settings.PAYMENTS["ZALO_CHECKOUT"]
    settings.PAYMENTS = {
        **django_settings.PAYMENTS,
        "TIMEOUT_SECONDS": 5,
        "ZALO_CHECKOUT": {**config, "API_URL": zalo.url},
    }
    zalo.configure_checkout(
        miniapp_id=config["APP_ID"],
        private_key=config["PRIVATE_KEY"],
        callback_url=f"{live_server.url}/thanh-toan/zalo-checkout/callback",
    )
    zalo.add_user("8421000001", "Nguyễn Văn An")
    return zalo


def start_in_miniapp(client, citizen, invoice):
    key, _ = api_token_issue(user=citizen)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = client.post(
        "/api/v1/my/payments/",
        {"invoices": [str(invoice.public_id)], "gateway": "zalo_checkout"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    return response.json(), auth


def create_order(zalo, order: dict) -> str:
    """What zmp-sdk's createOrder does inside Zalo: hand the parameters to Checkout, which checks the mac."""
    access = zalo.user_access_token("8421000001")
    answer = zalo._checkout_create({}, json.dumps({**order, "access_token": access}))
    assert answer["error"] == 0, answer
    return answer["data"]["orderId"], access


def pay(zalo, order_id, access, **extra):
    return zalo._checkout_pay({}, json.dumps({"orderId": order_id, "access_token": access, **extra}))


def post_callback(client, body):
    return client.post("/thanh-toan/zalo-checkout/callback", json.dumps(body), content_type="application/json").json()


@pytest.mark.django_db(transaction=True)
def test_a_mini_app_payment_goes_through_checkout_and_settles_once(client, checkout, make_invoice, citizen, paid_log):
    invoice = make_invoice(citizen, 50_000)
    payment, auth = start_in_miniapp(client, citizen, invoice)
    order = payment["checkout_order"]
    assert order["amount"] == 50_000 and order["mac"] and "desc" in order and payment["redirect_url"] == ""
    order_id, access = create_order(checkout, order)  # Checkout accepted our mac

    bound = client.post(
        f"/api/v1/my/payments/{payment['reference']}/checkout-order/",
        {"order_id": order_id},
        content_type="application/json",
        **auth,
    )
    assert bound.status_code == 200

    result = pay(checkout, order_id, access)
    assert result["data"]["resultCode"] == 1
    assert result["data"]["merchantReply"] == {"returnCode": 1, "returnMessage": "Đã ghi nhận kết quả thanh toán"}
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and paid_log == [invoice.code]
    receipt = Receipt.objects.get()
    mine = client.get(f"/api/v1/my/payments/{payment['reference']}/", **auth).json()
    assert mine["status"] == "paid" and mine["receipts"][0]["number"] == receipt.number_text

    # Checkout repeats its callback: answered the same, nothing happens twice.
    again = post_callback(client, checkout.checkout_callback_body(order_id))
    assert again == {"returnCode": 1, "returnMessage": "Đã ghi nhận trước đó"}
    assert Receipt.objects.count() == 1 and paid_log == [invoice.code]


@pytest.mark.django_db(transaction=True)
def test_a_forged_callback_is_refused_and_changes_nothing(client, checkout, make_invoice, citizen):
    invoice = make_invoice(citizen, 50_000)
    payment, _ = start_in_miniapp(client, citizen, invoice)
    order_id, access = create_order(checkout, payment["checkout_order"])
    pay(checkout, order_id, access, no_callback=True)
    genuine = checkout.checkout_callback_body(order_id)

    bad_mac = {**genuine, "mac": "0" * 64}
    assert post_callback(client, bad_mac)["returnCode"] == 0
    # The fixed-field mac is right but extradata was changed to another reference: overallMac catches it.
    swapped = {**genuine, "data": {**genuine["data"], "extradata": '{"reference":"OTHER"}'}}
    assert post_callback(client, swapped)["returnCode"] == 0
    assert post_callback(client, {"data": "not an object"})["returnCode"] == 0
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.OPEN and not Receipt.objects.exists()
    assert GatewayEvent.objects.filter(gateway="zalo_checkout", verified=False).count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_amount_that_differs_from_our_invoice_is_refused(client, checkout, make_invoice, citizen):
    invoice = make_invoice(citizen, 50_000)
    payment, _ = start_in_miniapp(client, citizen, invoice)
    # A Checkout order made for less than we asked (a tampered app): Checkout signs what it charged.
    cheaper = {k: v for k, v in payment["checkout_order"].items() if k != "mac"}
    cheaper["amount"] = 5_000
    cheaper["mac"] = order_mac(cheaper, KEY)
    order_id, access = create_order(checkout, cheaper)
    result = pay(checkout, order_id, access)
    assert result["data"]["merchantReply"] == {"returnCode": 0, "returnMessage": "Số tiền không khớp với đơn hàng"}
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.OPEN and not Receipt.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_mac_made_without_our_key_is_refused_by_checkout(client, checkout, make_invoice, citizen):
    invoice = make_invoice(citizen, 50_000)
    payment, _ = start_in_miniapp(client, citizen, invoice)
    forged = {**payment["checkout_order"], "mac": order_mac(payment["checkout_order"], "not-the-key")}
    answer = checkout._checkout_create(
        {}, json.dumps({**forged, "access_token": checkout.user_access_token("8421000001")})
    )
    assert answer["error"] == -2101


@pytest.mark.django_db(transaction=True)
def test_without_a_callback_reconciliation_asks_checkout(client, checkout, make_invoice, citizen, settings):
    invoice = make_invoice(citizen, 50_000)
    payment, auth = start_in_miniapp(client, citizen, invoice)
    order_id, access = create_order(checkout, payment["checkout_order"])
    pay(checkout, order_id, access, no_callback=True)

    settings.PAYMENTS = {**settings.PAYMENTS, "RECONCILE_AFTER_MINUTES": 0}
    # Before the app tells us the order id there is nothing to ask: the attempt waits.
    assert reconcile_pending()["paid"] == 0
    client.post(
        f"/api/v1/my/payments/{payment['reference']}/checkout-order/",
        {"order_id": order_id},
        content_type="application/json",
        **auth,
    )
    assert reconcile_pending()["paid"] == 1
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert PaymentAttempt.objects.get().status == AttemptStatus.PAID


@pytest.mark.django_db(transaction=True)
def test_only_the_payer_binds_an_order_and_only_once(client, checkout, make_invoice, citizen, other_citizen):
    invoice = make_invoice(citizen, 50_000)
    payment, auth = start_in_miniapp(client, citizen, invoice)
    url = f"/api/v1/my/payments/{payment['reference']}/checkout-order/"
    stranger = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=other_citizen)[0]}"}
    assert client.post(url, {"order_id": "1"}, content_type="application/json", **stranger).status_code == 404
    assert client.post(url, {"order_id": "1"}, content_type="application/json", **auth).status_code == 200
    assert client.post(url, {"order_id": "1"}, content_type="application/json", **auth).status_code == 200
    other = client.post(url, {"order_id": "2"}, content_type="application/json", **auth)
    assert other.status_code == 409 and other.json()["code"] == "order_already_bound"


def test_the_callback_mac_field_order_is_a_setting(settings, rf):
    from payments.gateways.zalo_checkout import ZaloCheckoutGateway

    data = {
        "appId": "demo-miniapp",
        "orderId": "1",
        "transId": "t",
        "amount": 5,
        "description": "d",
        "resultCode": 1,
        "message": "m",
        "extradata": '{"reference":"R"}',
    }
    order = ["transId", "resultCode", "message", "orderId", "description", "amount", "appId"]
    body = {"data": data, "mac": callback_mac(data, KEY, tuple(order)), "overallMac": callback_overall_mac(data, KEY)}
    request = rf.post("/", json.dumps(body), content_type="application/json")
    assert ZaloCheckoutGateway().parse_callback(request)[0] is False  # the default order does not match
    settings.PAYMENTS = {
        **settings.PAYMENTS,
        "ZALO_CHECKOUT": {**settings.PAYMENTS["ZALO_CHECKOUT"], "CALLBACK_MAC_FIELDS": order},
    }
    verified, answer, _ = ZaloCheckoutGateway().parse_callback(request)
    assert verified and answer.reference == "R" and answer.state == "paid" and answer.amount == 5
