"""Bank transfer by VietQR: a dynamic code for the exact amount with our reference as the transfer note, into the
payee agency's collection account. No gateway server calls us: an officer confirms the credit, or the bank's
notification webhook does (HMAC-SHA256 over "<timestamp>.<body>" with a shared secret, within a replay window)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from django.conf import settings

from payments.gateways.base import GatewayAnswer, GatewayError, Outcome, PaymentGateway, RefundResult, StartResult
from payments.vietqr import build


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class TransferGateway(PaymentGateway):
    code = "vietqr"
    label = "Chuyển khoản ngân hàng (quét mã VietQR)"

    def start(self, attempt, *, return_url: str, client_ip: str) -> StartResult:
        payees = {invoice.payee for invoice in attempt.invoices.select_related("payee__collection_account__bank")}
        if len(payees) != 1:
            raise GatewayError("a transfer goes to one agency's account")
        payee = payees.pop()
        account = getattr(payee, "collection_account", None)
        if account is None:
            raise GatewayError(f"{payee} has no collection account")
        payload = build(account.bank.bin, account.account_number, amount=attempt.amount, note=attempt.reference)
        return StartResult(
            qr_payload=payload,
            detail={
                "bank": account.bank.short_name,
                "account_number": account.account_number,
                "account_name": account.account_name,
                "note": attempt.reference,
            },
        )

    def parse_callback(self, request) -> tuple[bool, GatewayAnswer | None, str]:
        """The bank's credit notification: {"transaction_id", "amount", "description", "account_number"}."""
        body = request.body
        raw = body.decode("utf-8", "replace")
        timestamp = request.headers.get("X-Timestamp", "")
        given = request.headers.get("X-Signature", "")
        secret = settings.PAYMENTS["BANK_WEBHOOK_SECRET"]
        try:
            fresh = abs(time.time() - int(timestamp)) <= settings.PAYMENTS["BANK_WEBHOOK_WINDOW_SECONDS"]
        except ValueError:
            fresh = False
        if not fresh or not hmac.compare_digest(webhook_signature(secret, timestamp, body), given.lower()):
            return False, None, raw
        try:
            fields = json.loads(raw)
            amount = fields.get("amount")
            answer = GatewayAnswer(
                reference=str(fields.get("description", "")),
                state="paid",
                amount=amount if isinstance(amount, int) else None,
                gateway_txn_id=str(fields["transaction_id"]),
                detail={"account_number": fields.get("account_number", "")},
            )
        except (ValueError, KeyError, TypeError):
            return True, None, raw
        return True, answer, raw

    def callback_reply(self, outcome: Outcome) -> dict:
        return {"code": outcome.value}

    def query(self, attempt) -> GatewayAnswer:
        # Nobody to ask: a transfer is pending until the bank or an officer says it arrived.
        return GatewayAnswer(reference=attempt.reference, state="pending")

    def refund(self, attempt, *, amount: int, reason: str, officer) -> RefundResult:
        # Sent back by the agency's accountant from the bank; recorded here once done.
        return RefundResult("done", "", "Hoàn bằng chuyển khoản từ tài khoản của cơ quan")
