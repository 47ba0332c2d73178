"""VNPay payment gateway, protocol 2.1.0 (../shared/INTEGRATIONS.md).

Pay: the browser goes to `VNPAY_PAY_URL` with signed `vnp_*` parameters. The signature is
hex(HMAC-SHA512(hash secret, the non-empty vnp_* parameters sorted by key, form-urlencoded, joined with &)).
Only the IPN (a GET from VNPay's server with the same signed fields) changes our records; its reply is
{"RspCode","Message"}. Query (querydr) and refund are JSON POSTs to `VNPAY_API_URL`, hashed over the pipe-joined
values in the fixed orders below (VNPay's merchant API documentation); their answers are verified the same way."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import urllib.parse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from payments.gateways.base import (
    GatewayAnswer,
    GatewayError,
    Outcome,
    PaymentGateway,
    RefundResult,
    StartResult,
    post,
)
from payments.vietqr import transfer_note

VERSION = "2.1.0"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")


def _documented(order: str) -> list[str]:
    return order.split("|")


# The merchant API's hash orders, as VNPay's documentation writes them.
QUERY_FIELDS = _documented("RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo")
QUERY_ANSWER_FIELDS = _documented(
    "ResponseId|Command|ResponseCode|Message|TmnCode|TxnRef|Amount|BankCode|PayDate|TransactionNo|TransactionType|"
    "TransactionStatus|OrderInfo|PromotionCode|PromotionAmount"
)
REFUND_FIELDS = _documented(
    "RequestId|Version|Command|TmnCode|TransactionType|TxnRef|Amount|TransactionNo|TransactionDate|CreateBy|"
    "CreateDate|IpAddr|OrderInfo"
)
REFUND_ANSWER_FIELDS = QUERY_ANSWER_FIELDS[:-2]  # the same order without the promotion fields
IPN_REPLIES = {
    Outcome.CONFIRMED: ("00", "Confirm Success"),
    Outcome.UNKNOWN_ORDER: ("01", "Order not found"),
    Outcome.ALREADY_CONFIRMED: ("02", "Order already confirmed"),
    Outcome.WRONG_AMOUNT: ("04", "invalid amount"),
    Outcome.BAD_SIGNATURE: ("97", "Invalid signature"),
    Outcome.ERROR: ("99", "Unknown error"),
}


def vnp_time(moment: dt.datetime) -> str:
    return timezone.localtime(moment, LOCAL).strftime("%Y%m%d%H%M%S")


def sign(params: dict[str, str], secret: str) -> str:
    """The vnp_SecureHash of a payment URL, a return or an IPN."""
    signed = sorted((k, str(v)) for k, v in params.items() if k.startswith("vnp_") and k not in HASH_FIELDS and v != "")
    data = "&".join(f"{k}={urllib.parse.quote_plus(v)}" for k, v in signed)
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def verify(params: dict[str, str], secret: str) -> bool:
    return hmac.compare_digest(sign(params, secret), (params.get("vnp_SecureHash") or "").lower())


def sign_pipe(values: dict[str, str], order: list[str], secret: str) -> str:
    """The merchant API's hash: the raw values (without the vnp_ prefix in `order`) joined with |."""
    data = "|".join(str(values.get(f"vnp_{name}", "")) for name in order)
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def order_info(reference: str) -> str:
    return transfer_note(f"Thanh toan {reference}")


class VNPayGateway(PaymentGateway):
    code = "vnpay"
    label = "VNPay (thẻ ATM, QR ngân hàng)"

    @property
    def config(self) -> dict:
        return settings.PAYMENTS["VNPAY"]

    def start(self, attempt, *, return_url: str, client_ip: str) -> StartResult:
        created = vnp_time(attempt.created_at)
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.config["TMN_CODE"],
            "vnp_Amount": str(attempt.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": attempt.reference,
            "vnp_OrderInfo": order_info(attempt.reference),
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": created,
            "vnp_ExpireDate": vnp_time(attempt.expires_at),
        }
        params["vnp_SecureHash"] = sign(params, self.config["HASH_SECRET"])
        url = f"{self.config['PAY_URL']}?{urllib.parse.urlencode(params)}"
        return StartResult(redirect_url=url, detail={"vnp_CreateDate": created})

    def parse_callback(self, request) -> tuple[bool, GatewayAnswer | None, str]:
        params = {k: v for k, v in request.GET.items()}
        raw = request.META.get("QUERY_STRING", "")
        if not verify(params, self.config["HASH_SECRET"]) or params.get("vnp_TmnCode") != self.config["TMN_CODE"]:
            return False, None, raw
        return True, self._answer(params), raw

    def _answer(self, params: dict[str, str]) -> GatewayAnswer:
        try:
            hundredths = int(params.get("vnp_Amount", ""))
        except ValueError:
            hundredths = -1
        amount = hundredths // 100 if hundredths >= 0 and hundredths % 100 == 0 else None
        paid = params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus") == "00"
        return GatewayAnswer(
            reference=params.get("vnp_TxnRef", ""),
            state="paid" if paid else "failed",
            amount=amount,
            gateway_txn_id=params.get("vnp_TransactionNo", ""),
            detail={
                k: params[k]
                for k in ("vnp_BankCode", "vnp_PayDate", "vnp_ResponseCode", "vnp_TransactionStatus")
                if k in params
            },
        )

    def verify_return(self, params: dict[str, str]) -> bool:
        return verify(params, self.config["HASH_SECRET"])

    def callback_reply(self, outcome: Outcome) -> dict:
        code, message = IPN_REPLIES[outcome]
        return {"RspCode": code, "Message": message}

    def _api(self, body: dict, answer_fields: list[str]) -> dict:
        answer = post(self.config["API_URL"], data=json.dumps(body).encode(), content_type="application/json")
        expected = sign_pipe(answer, answer_fields, self.config["HASH_SECRET"])
        if not hmac.compare_digest(expected, str(answer.get("vnp_SecureHash", "")).lower()):
            raise GatewayError(f"VNPay answer with a bad signature: {answer}")
        return answer

    def _request_base(self, attempt, command: str) -> dict:
        return {
            "vnp_RequestId": secrets.token_hex(16),
            "vnp_Version": VERSION,
            "vnp_Command": command,
            "vnp_TmnCode": self.config["TMN_CODE"],
            "vnp_TxnRef": attempt.reference,
            "vnp_OrderInfo": order_info(attempt.reference),
            "vnp_TransactionDate": attempt.gateway_detail.get("vnp_CreateDate") or vnp_time(attempt.created_at),
            "vnp_CreateDate": vnp_time(timezone.now()),
            "vnp_IpAddr": "127.0.0.1",
        }

    def query(self, attempt) -> GatewayAnswer:
        body = self._request_base(attempt, "querydr")
        body["vnp_SecureHash"] = sign_pipe(body, QUERY_FIELDS, self.config["HASH_SECRET"])
        answer = self._api(body, QUERY_ANSWER_FIELDS)
        if answer.get("vnp_ResponseCode") != "00":
            # 91: no such transaction yet (the citizen may still be on VNPay's page); the expiry settles it.
            return GatewayAnswer(reference=attempt.reference, state="pending", detail=answer)
        status = answer.get("vnp_TransactionStatus")
        state = {"00": "paid", "01": "pending"}.get(status, "failed")
        result = self._answer({**answer, "vnp_ResponseCode": "00" if status == "00" else status})
        result.state = state
        result.detail = answer
        return result

    def refund(self, attempt, *, amount: int, reason: str, officer) -> RefundResult:
        body = self._request_base(attempt, "refund")
        body.update(
            {
                "vnp_TransactionType": "02" if amount == attempt.amount else "03",
                "vnp_Amount": str(amount * 100),
                "vnp_TransactionNo": attempt.gateway_txn_id,
                "vnp_CreateBy": officer.username,
                "vnp_OrderInfo": transfer_note(f"Hoan tien {attempt.reference}"),
            }
        )
        body["vnp_SecureHash"] = sign_pipe(body, REFUND_FIELDS, self.config["HASH_SECRET"])
        answer = self._api(body, REFUND_ANSWER_FIELDS)
        if answer.get("vnp_ResponseCode") == "00":
            return RefundResult("done", answer.get("vnp_TransactionNo", ""), answer.get("vnp_Message", ""))
        return RefundResult("failed", "", f"{answer.get('vnp_ResponseCode')}: {answer.get('vnp_Message', '')}")
