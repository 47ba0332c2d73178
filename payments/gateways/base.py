"""The few things every payment gateway does (HOUSE_STYLE §17). A gateway only speaks its provider's protocol:
it signs, verifies and translates; what the answer means for our invoices is decided in payments/services.py."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings


class Outcome(StrEnum):
    """What our records made of a callback; each gateway turns it into its own reply."""

    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_ORDER = "unknown_order"
    WRONG_AMOUNT = "wrong_amount"
    ALREADY_CONFIRMED = "already_confirmed"
    CONFIRMED = "confirmed"
    ERROR = "error"


@dataclass
class StartResult:
    redirect_url: str = ""
    qr_payload: str = ""
    detail: dict = field(default_factory=dict)


@dataclass
class GatewayAnswer:
    """A verified statement from the gateway about one of our attempts (a callback or a query answer)."""

    reference: str
    state: str  # "paid", "failed", "pending"
    amount: int | None = None
    gateway_txn_id: str = ""
    detail: dict = field(default_factory=dict)


@dataclass
class RefundResult:
    state: str  # "done", "processing", "failed"
    gateway_refund_id: str = ""
    message: str = ""


class GatewayError(Exception):
    """The gateway could not be reached or answered something we cannot trust."""


class PaymentGateway:
    code: str = ""
    label: str = ""
    miniapp_only: bool = False

    def start(self, attempt, *, return_url: str, client_ip: str) -> StartResult:
        raise NotImplementedError

    def parse_callback(self, request) -> tuple[bool, GatewayAnswer | None, str]:
        """(signature valid, what it says, the raw text to store)."""
        raise NotImplementedError

    def callback_reply(self, outcome: Outcome) -> dict:
        raise NotImplementedError

    def verify_return(self, params: dict[str, str]) -> bool:
        """Whether the fields the browser came back with are signed by the gateway. Recorded, never acted on."""
        return False

    def query(self, attempt) -> GatewayAnswer:
        raise NotImplementedError

    def refund(self, attempt, *, amount: int, reason: str, officer) -> RefundResult:
        raise NotImplementedError


def post(url: str, *, data: bytes, content_type: str) -> dict:
    request = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.PAYMENTS["TIMEOUT_SECONDS"]) as response:  # noqa: S310
            return json.loads(response.read().decode())
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise GatewayError(f"{url}: {error}") from error
