"""ZaloPay payment gateway v2 (../shared/INTEGRATIONS.md).

Create: POST /v2/create (form) with mac = hex(HMAC-SHA256(key1, "app_id|app_trans_id|app_user|amount|app_time|
embed_data|item")); the browser goes to the returned order_url. ZaloPay's server calls our callback on success only,
with {"data": "<json string>", "mac", "type"}; the mac is HMAC-SHA256(key2) over `data` exactly as received. We
answer {"return_code": 1} for a success and for a repeat, -1 for a bad mac, 0 when ZaloPay should try again.
Query: POST /v2/query with mac = HMAC-SHA256(key1, "app_id|app_trans_id|key1"); return_code 1 paid, 2 failed,
3 processing. Refund: POST /v2/refund with
mac = HMAC-SHA256(key1, "app_id|zp_trans_id|amount|description|timestamp")."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
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

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
CALLBACK_REPLIES = {
    Outcome.CONFIRMED: (1, "success"),
    Outcome.ALREADY_CONFIRMED: (1, "success"),
    Outcome.BAD_SIGNATURE: (-1, "mac not equal"),
    Outcome.UNKNOWN_ORDER: (0, "order not found"),
    Outcome.WRONG_AMOUNT: (0, "amount does not match the order"),
    Outcome.ERROR: (0, "internal error, please retry"),
}


def mac(key: str, data: str) -> str:
    return hmac.new(key.encode(), data.encode(), hashlib.sha256).hexdigest()


def app_trans_id(reference: str) -> str:
    """ZaloPay wants yyMMdd_<unique>; our references start with the day in GMT+7."""
    return f"{reference[:6]}_{reference[6:]}"


def reference_from(app_trans_id_value: str) -> str:
    return app_trans_id_value.replace("_", "", 1)


def order_mac(order: dict, key1: str) -> str:
    fields = ("app_id", "app_trans_id", "app_user", "amount", "app_time", "embed_data", "item")
    return mac(key1, "|".join(str(order[f]) for f in fields))


class ZaloPayGateway(PaymentGateway):
    code = "zalopay"
    label = "Ví ZaloPay"

    @property
    def config(self) -> dict:
        return settings.PAYMENTS["ZALOPAY"]

    def _url(self, path: str) -> str:
        return f"{self.config['API_URL'].rstrip('/')}{path}"

    def start(self, attempt, *, return_url: str, client_ip: str) -> StartResult:
        order = {
            "app_id": self.config["APP_ID"],
            "app_user": f"u{attempt.payer_id}",
            "app_trans_id": app_trans_id(attempt.reference),
            "app_time": int(attempt.created_at.timestamp() * 1000),
            "amount": attempt.amount,
            "item": json.dumps(
                [
                    {
                        "itemid": attempt.reference,
                        "itemname": "Thanh toan",
                        "itemprice": attempt.amount,
                        "itemquantity": 1,
                    }
                ],
                separators=(",", ":"),
            ),
            "embed_data": json.dumps({"redirecturl": return_url}, separators=(",", ":")),
            "description": transfer_note(f"Cong Cong dan {attempt.reference}"),
            "bank_code": "",
            "callback_url": f"{settings.PUBLIC_BASE_URL}/thanh-toan/zalopay/callback",
            "expire_duration_seconds": max(300, int((attempt.expires_at - attempt.created_at).total_seconds())),
        }
        order["mac"] = order_mac(order, self.config["KEY1"])
        answer = post(
            self._url("/v2/create"),
            data=urllib.parse.urlencode(order).encode(),
            content_type="application/x-www-form-urlencoded",
        )
        if answer.get("return_code") != 1 or not answer.get("order_url"):
            raise GatewayError(f"ZaloPay refused the order: {answer}")
        return StartResult(
            redirect_url=answer["order_url"], detail={"zp_trans_token": answer.get("zp_trans_token", "")}
        )

    def parse_callback(self, request) -> tuple[bool, GatewayAnswer | None, str]:
        raw = request.body.decode("utf-8", "replace")
        try:
            envelope = json.loads(raw)
            data = envelope["data"]
            given = str(envelope["mac"])
        except (ValueError, KeyError, TypeError):
            return False, None, raw
        if not isinstance(data, str) or not hmac.compare_digest(mac(self.config["KEY2"], data), given.lower()):
            return False, None, raw
        try:
            fields = json.loads(data)
            amount = fields.get("amount")
            answer = GatewayAnswer(
                reference=reference_from(str(fields["app_trans_id"])),
                state="paid",  # ZaloPay calls back on success only
                amount=amount if isinstance(amount, int) else None,
                gateway_txn_id=str(fields.get("zp_trans_id", "")),
                detail={"channel": fields.get("channel"), "server_time": fields.get("server_time")},
            )
        except (ValueError, KeyError, TypeError):
            return True, None, raw
        return True, answer, raw

    def verify_return(self, params: dict[str, str]) -> bool:
        """The redirect's checksum: HMAC-SHA256(key2, the fields below joined with |)."""
        fields = ("appid", "apptransid", "pmcid", "bankcode", "amount", "discountamount", "status")
        expected = mac(self.config["KEY2"], "|".join(params.get(name, "") for name in fields))
        return hmac.compare_digest(expected, params.get("checksum", "").lower())

    def callback_reply(self, outcome: Outcome) -> dict:
        code, message = CALLBACK_REPLIES[outcome]
        return {"return_code": code, "return_message": message}

    def query(self, attempt) -> GatewayAnswer:
        trans_id = app_trans_id(attempt.reference)
        form = {
            "app_id": self.config["APP_ID"],
            "app_trans_id": trans_id,
            "mac": mac(self.config["KEY1"], f"{self.config['APP_ID']}|{trans_id}|{self.config['KEY1']}"),
        }
        answer = post(
            self._url("/v2/query"),
            data=urllib.parse.urlencode(form).encode(),
            content_type="application/x-www-form-urlencoded",
        )
        state = {1: "paid", 2: "failed"}.get(answer.get("return_code"), "pending")
        amount = answer.get("amount")
        return GatewayAnswer(
            reference=attempt.reference,
            state=state,
            amount=amount if isinstance(amount, int) and state == "paid" else None,
            gateway_txn_id=str(answer.get("zp_trans_id") or ""),
            detail=answer,
        )

    def refund(self, attempt, *, amount: int, reason: str, officer) -> RefundResult:
        timestamp = int(time.time() * 1000)
        day = timezone.localtime(timezone.now(), LOCAL).strftime("%y%m%d")
        description = transfer_note(f"Hoan tien {attempt.reference}")
        form = {
            "m_refund_id": f"{day}_{self.config['APP_ID']}_{secrets.token_hex(5)}",
            "app_id": self.config["APP_ID"],
            "zp_trans_id": attempt.gateway_txn_id,
            "amount": amount,
            "timestamp": timestamp,
            "description": description,
        }
        form["mac"] = mac(
            self.config["KEY1"],
            f"{form['app_id']}|{form['zp_trans_id']}|{amount}|{description}|{timestamp}",
        )
        answer = post(
            self._url("/v2/refund"),
            data=urllib.parse.urlencode(form).encode(),
            content_type="application/x-www-form-urlencoded",
        )
        state = {1: "done", 3: "processing"}.get(answer.get("return_code"), "failed")
        return RefundResult(
            state, str(answer.get("refund_id") or form["m_refund_id"]), str(answer.get("return_message", ""))
        )
