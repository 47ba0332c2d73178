"""An invoice's states and a payment attempt's states (HOUSE_STYLE §4). Every move goes through one service in
`payments/services.py`; these tables are the only place that says which moves exist."""

from django.db import models


class InvoiceStatus(models.TextChoices):
    OPEN = "open", "Chưa thanh toán"
    PAID = "paid", "Đã thanh toán"
    CANCELLED = "cancelled", "Đã hủy"
    EXPIRED = "expired", "Hết hạn thanh toán"


class AttemptStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ xác nhận"
    PAID = "paid", "Đã thanh toán"
    FAILED = "failed", "Không thành công"
    EXPIRED = "expired", "Hết thời gian thanh toán"
    REFUNDED = "refunded", "Đã hoàn tiền"


IS = InvoiceStatus
INVOICE_TRANSITIONS: dict[str, set[str]] = {
    IS.OPEN: {IS.PAID, IS.CANCELLED, IS.EXPIRED},
    IS.PAID: set(),
    IS.CANCELLED: set(),
    IS.EXPIRED: set(),
}

A = AttemptStatus
ATTEMPT_TRANSITIONS: dict[str, set[str]] = {
    # Only the gateway's server callback, its query answer, a bank notification or an officer's confirmation of a
    # transfer settles an attempt; the browser's return never does.
    A.PENDING: {A.PAID, A.FAILED, A.EXPIRED},
    # Money that arrives after we gave up waiting is recorded as paid (and flagged for refund), never ignored.
    A.EXPIRED: {A.PAID},
    A.FAILED: {A.PAID},
    A.PAID: {A.REFUNDED},
    A.REFUNDED: set(),
}


def invoice_can_transition(current: str, target: str) -> bool:
    return target in INVOICE_TRANSITIONS.get(current, set())


def attempt_can_transition(current: str, target: str) -> bool:
    return target in ATTEMPT_TRANSITIONS.get(current, set())
