"""Zalo Checkout SDK: the only way to take a payment inside a Zalo Mini App. Citizens pick ZaloPay, a bank app or
a card on Zalo's own sheet; Zalo's Checkout server tells us the result. One more gateway of the same core: the
invoice, receipt and dossier effects are the payments module's.

From the Zalo Mini App documentation (miniapp.zaloplatforms.com, read through the search tool):
- createOrder (documents/payment/createOrder): the app passes `amount`, `desc`, `item` (array), `extradata` and
  `method` (JSON strings) and `mac`, which our server computes: HMAC-SHA256 with the mini app's private key over
  the parameters sorted by name, joined as `key=value` with `&`, objects written as JSON (the tutorial's
  documents/tutorial/checkout-sdk/step-2). The private key never reaches the app.
- callback (documents/payment/callback): Zalo's server POSTs JSON `{"data": {...}, "mac", "overallMac"}`. `mac`
  covers appId, amount, description, orderId, message, resultCode, transId; `overallMac` covers every field of
  `data`, sorted by name. resultCode 1 is paid, -1 failed. We answer `{"returnCode": 1, "returnMessage"}` when the
  result is recorded (a repeat included) and 0 otherwise. Zalo's advice: no callback after 20 minutes, ask.
- getOrderStatus (documents/checkout-sdk/getOrderStatus): GET /api/transaction/get-status?orderId&appId&mac with
  mac = HMAC-SHA256(privateKey, "appId={appId}&orderId={orderId}&privateKey={privateKey}"); `returnCode` 1 paid,
  0 processing, -1 failed.
- notify (documents/checkout-sdk/notify) is for cash on delivery and bank transfer, which we do not offer here.
Our own invoice reference travels in `extradata` (`{"reference": …}`), so a callback finds its attempt even before
the app has told us Checkout's order id."""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from payments.gateways.base import GatewayAnswer, GatewayError, Outcome, PaymentGateway, RefundResult, StartResult

CALLBACK_MAC_FIELDS = ("appId", "amount", "description", "orderId", "message", "resultCode", "transId")
CALLBACK_REPLIES = {
    Outcome.CONFIRMED: (1, "Đã ghi nhận kết quả thanh toán"),
    Outcome.ALREADY_CONFIRMED: (1, "Đã ghi nhận trước đó"),
    Outcome.BAD_SIGNATURE: (0, "mac không hợp lệ"),
    Outcome.UNKNOWN_ORDER: (0, "Không tìm thấy đơn hàng"),
    Outcome.WRONG_AMOUNT: (0, "Số tiền không khớp với đơn hàng"),
    Outcome.ERROR: (0, "Lỗi hệ thống, vui lòng gửi lại"),
}


def sign(private_key: str, data: str) -> str:
    return hmac.new(private_key.encode(), data.encode(), hashlib.sha256).hexdigest()


def _text(value) -> str:
    """Objects as JSON (compact, as JavaScript's JSON.stringify writes them); everything else as written."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def sorted_pairs(params: dict) -> str:
    return "&".join(f"{key}={_text(params[key])}" for key in sorted(params))


def order_mac(params: dict, private_key: str) -> str:
    """createOrder's mac over amount, desc, extradata, item, method (whichever are given)."""
    return sign(private_key, sorted_pairs({k: v for k, v in params.items() if k != "mac"}))


def callback_mac(data: dict, private_key: str, fields: tuple[str, ...] = CALLBACK_MAC_FIELDS) -> str:
    """The documentation names the fields the callback's `mac` covers but the stored copy shows no example string:
    the order is a setting (PAYMENTS["ZALO_CHECKOUT"]["CALLBACK_MAC_FIELDS"]); overallMac, sorted, is unambiguous."""
    return sign(private_key, "&".join(f"{key}={_text(data.get(key, ''))}" for key in fields))


def callback_overall_mac(data: dict, private_key: str) -> str:
    return sign(private_key, sorted_pairs(data))


def status_mac(app_id: str, order_id: str, private_key: str) -> str:
    return sign(private_key, f"appId={app_id}&orderId={order_id}&privateKey={private_key}")


def reference_in(extradata) -> str:
    """Our reference from `extradata`, which Zalo may hand back URL-encoded."""
    if isinstance(extradata, str):
        text = urllib.parse.unquote(extradata) if extradata.startswith("%") else extradata
        try:
            extradata = json.loads(text)
        except ValueError:
            return ""
    return str(extradata.get("reference", "")) if isinstance(extradata, dict) else ""


class ZaloCheckoutGateway(PaymentGateway):
    code = "zalo_checkout"
    label = "Thanh toán trong Zalo"
    miniapp_only = True  # Zalo's sheet exists only inside the mini app

    @property
    def config(self) -> dict:
        return settings.PAYMENTS["ZALO_CHECKOUT"]

    def start(self, attempt, *, return_url: str, client_ip: str) -> StartResult:
        """Nothing to call: the app hands these parameters, mac included, to the SDK's createOrder."""
        params = {
            "amount": attempt.amount,
            "desc": f"Nộp tiền {attempt.reference}",
            "item": [{"id": attempt.reference, "amount": attempt.amount}],
            "extradata": json.dumps({"reference": attempt.reference}, separators=(",", ":")),
            "method": json.dumps({"id": "ZALOPAY_SANDBOX", "isCustom": False}, separators=(",", ":")),
        }
        params["mac"] = order_mac(params, self.config["PRIVATE_KEY"])
        return StartResult(detail={"checkout_order": params})

    def parse_callback(self, request) -> tuple[bool, GatewayAnswer | None, str]:
        raw = request.body.decode("utf-8", "replace")
        try:
            envelope = json.loads(raw)
            data = envelope["data"]
            given_mac, given_overall = str(envelope["mac"]).lower(), str(envelope["overallMac"]).lower()
        except (ValueError, KeyError, TypeError):
            return False, None, raw
        if not isinstance(data, dict):
            return False, None, raw
        key = self.config["PRIVATE_KEY"]
        # Both checks always run, each in constant time: neither tells a forger which part was wrong.
        fields = tuple(self.config.get("CALLBACK_MAC_FIELDS") or CALLBACK_MAC_FIELDS)
        mac_ok = hmac.compare_digest(callback_mac(data, key, fields), given_mac)
        overall_ok = hmac.compare_digest(callback_overall_mac(data, key), given_overall)
        if not (mac_ok and overall_ok) or str(data.get("appId")) != str(self.config["APP_ID"]):
            return False, None, raw
        state = {1: "paid", -1: "failed"}.get(_int(data.get("resultCode")), "pending")
        return (
            True,
            GatewayAnswer(
                reference=reference_in(data.get("extradata")),
                state=state,
                amount=_int(data.get("amount")),
                gateway_txn_id=str(data.get("transId", "")),
                detail={"orderId": data.get("orderId"), "method": data.get("method"), "message": data.get("message")},
            ),
            raw,
        )

    def callback_reply(self, outcome: Outcome) -> dict:
        code, message = CALLBACK_REPLIES[outcome]
        return {"returnCode": code, "returnMessage": message}

    def query(self, attempt) -> GatewayAnswer:
        """getOrderStatus, once the app has told us Checkout's order id; before that there is nothing to ask."""
        order_id = attempt.gateway_detail.get("checkout_order_id", "")
        if not order_id:
            return GatewayAnswer(reference=attempt.reference, state="pending", detail={"note": "no order id yet"})
        app_id = self.config["APP_ID"]
        query = urllib.parse.urlencode(
            {"orderId": order_id, "appId": app_id, "mac": status_mac(app_id, order_id, self.config["PRIVATE_KEY"])}
        )
        url = f"{self.config['API_URL'].rstrip('/')}/api/transaction/get-status?{query}"
        try:
            with urllib.request.urlopen(url, timeout=settings.PAYMENTS["TIMEOUT_SECONDS"]) as response:  # noqa: S310
                body = json.loads(response.read().decode())
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise GatewayError(f"{url}: {error}") from error
        if body.get("error") != 0 or not isinstance(body.get("data"), dict):
            raise GatewayError(f"Checkout refused the status query: {body}")
        data = body["data"]
        state = {1: "paid", -1: "failed"}.get(_int(data.get("returnCode")), "pending")
        if data.get("isProcessing"):
            state = "pending"
        return GatewayAnswer(
            reference=attempt.reference,
            state=state,
            amount=_int(data.get("amount")) if state != "pending" else None,
            gateway_txn_id=str(data.get("transId") or ""),
            detail=data,
        )

    def refund(self, attempt, *, amount: int, reason: str, officer) -> RefundResult:
        return RefundResult(
            "failed",
            message="Hoàn tiền Zalo Checkout làm trên trang quản lý mini app của Zalo; "
            "ghi nhận lại ở đây sau khi xong.",
        )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
