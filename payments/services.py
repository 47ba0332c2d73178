"""Every change to invoices, payment attempts, receipts and refunds (HOUSE_STYLE §3: one function per transition).

Money moves only on a verified statement from the gateway's server (IPN, callback, query answer), the bank's signed
notification, or an officer's confirmation of a transfer. The browser's return page only reads."""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import string
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.sequences import next_number
from citizen_portal.text import format_vnd
from payments.gateways import get_gateway, offered_gateways, transfer_possible
from payments.gateways.base import GatewayAnswer, GatewayError, Outcome, PaymentGateway, StartResult
from payments.models import (
    BankNotification,
    Gateway,
    GatewayEvent,
    Invoice,
    InvoiceHistory,
    InvoiceLine,
    InvoiceSequence,
    PaymentAttempt,
    Receipt,
    ReceiptSequence,
    Refund,
)
from payments.registry import get_purpose
from payments.workflow import AttemptStatus, InvoiceStatus, attempt_can_transition, invoice_can_transition

logger = logging.getLogger(__name__)
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
_REFERENCE_ALPHABET = string.ascii_uppercase + string.digits
REFERENCE_PATTERN = re.compile(r"\b(\d{6}[A-Z0-9]{8})\b", re.IGNORECASE)
# A second tap on "Thanh toán" within this time finds the payment it already started.
DOUBLE_TAP_SECONDS = 120


# Invoices -------------------------------------------------------------------------------------------------------


def _invoice_transition(
    invoice: Invoice, to: str, *, actor=None, note: str = "", data: dict | None = None, changes: Iterable[str] = ()
) -> Invoice:
    if not invoice_can_transition(invoice.status, to):
        raise ApplicationError(
            f"Khoản thu đang ở trạng thái “{invoice.get_status_display()}” nên không thể chuyển sang "
            f"“{InvoiceStatus(to).label}”.",
            code="transition_not_allowed",
            status_code=409,
        )
    previous = invoice.status
    invoice.status = to
    invoice.save(update_fields=sorted({"status", *changes}))
    InvoiceHistory.objects.create(
        invoice=invoice, at=timezone.now(), actor=actor, from_status=previous, to_status=to, note=note, data=data or {}
    )
    return invoice


@transaction.atomic
def invoice_create(
    *,
    purpose: str,
    subject_key: str,
    payee,
    description: str,
    lines: list[tuple[str, int]],
    payer=None,
    payer_name: str = "",
    due_date: dt.date | None = None,
    expires_at: dt.datetime | None = None,
    allows_partial: bool = False,
    actor=None,
) -> Invoice:
    get_purpose(purpose)
    if not lines or any(not isinstance(amount, int) or amount <= 0 for _, amount in lines):
        raise ApplicationError("Mỗi dòng của khoản thu phải có số tiền lớn hơn 0.", code="amount_invalid")
    year = timezone.localtime(timezone.now(), LOCAL).year
    code = f"KT-{year}-{next_number(InvoiceSequence, year=year):06d}"
    invoice = Invoice.objects.create(
        code=code,
        purpose=purpose,
        subject_key=subject_key,
        payer=payer,
        payer_name=payer_name or (payer.display_name if payer else ""),
        payee=payee,
        description=description[:255],
        amount=sum(amount for _, amount in lines),
        allows_partial=allows_partial,
        due_date=due_date,
        expires_at=expires_at,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, label=label[:200], amount=amount, order=n)
        for n, (label, amount) in enumerate(lines)
    )
    InvoiceHistory.objects.create(invoice=invoice, at=timezone.now(), actor=actor, to_status=InvoiceStatus.OPEN)
    return invoice


@transaction.atomic
def invoice_cancel(*, invoice: Invoice, actor=None, reason: str) -> Invoice:
    """Nothing is owed any more (the dossier was withdrawn, the fee was changed). Money already paid stays paid."""
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    return _invoice_transition(locked, InvoiceStatus.CANCELLED, actor=actor, note=reason)


@transaction.atomic
def invoice_expire(*, invoice: Invoice, now: dt.datetime | None = None) -> Invoice:
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    return _invoice_transition(locked, InvoiceStatus.EXPIRED, note="Quá thời hạn thanh toán")


def _invoice_take_payment(invoice: Invoice, *, amount: int, attempt: PaymentAttempt, now: dt.datetime) -> Receipt:
    """Apply `amount` of a confirmed attempt to a locked open invoice: a receipt always, "paid" when settled."""
    invoice.amount_paid += amount
    fields = ["amount_paid"]
    if invoice.amount_paid >= invoice.amount:
        invoice.paid_at = now
        _invoice_transition(
            invoice,
            InvoiceStatus.PAID,
            note=f"Đã thanh toán qua {attempt.get_gateway_display()}",
            data={"attempt": attempt.reference, "amount": amount},
            changes=[*fields, "paid_at"],
        )
    else:
        invoice.save(update_fields=fields)
        InvoiceHistory.objects.create(
            invoice=invoice,
            at=now,
            from_status=invoice.status,
            to_status=invoice.status,
            note=f"Đã nộp {format_vnd(amount)}, còn {format_vnd(invoice.amount_due)}",
            data={"attempt": attempt.reference, "amount": amount},
        )
    receipt = receipt_issue(invoice=invoice, attempt=attempt, amount=amount, paid_at=now)
    purpose = get_purpose(invoice.purpose)
    if invoice.status == InvoiceStatus.PAID and purpose.on_paid is not None:
        purpose.on_paid(invoice)
    return receipt


@transaction.atomic
def invoices_expire_due(*, now: dt.datetime | None = None) -> int:
    """Open invoices past their payment time expire, unless a payment for them is still in flight."""
    now = now or timezone.now()
    expired = 0
    due = (
        Invoice.objects.open()
        .filter(expires_at__lt=now)
        .exclude(attempts__status=AttemptStatus.PENDING, attempts__expires_at__gt=now)
    )
    for invoice in due.select_for_update(skip_locked=True)[:500]:
        _invoice_transition(invoice, InvoiceStatus.EXPIRED, note="Quá thời hạn thanh toán")
        expired += 1
    return expired


# Receipts -------------------------------------------------------------------------------------------------------


def receipt_issue(*, invoice: Invoice, attempt: PaymentAttempt, amount: int, paid_at: dt.datetime) -> Receipt:
    """The next number in the payee's series for the year, in the transaction that took the money: a rollback
    gives the number back, so the series has no gaps."""
    year = timezone.localtime(paid_at, LOCAL).year
    number = next_number(ReceiptSequence, agency=invoice.payee, year=year)
    receipt = Receipt.objects.create(
        agency=invoice.payee,
        year=year,
        number=number,
        invoice=invoice,
        attempt=attempt,
        # Someone paying for another (a parent for a child) is named, with whom it was for.
        payer_name=invoice.payer_name
        if invoice.payer_id or not attempt.payer_id
        else f"{attempt.payer.display_name} ({invoice.payer_name})",
        payee_name=invoice.payee.name,
        purpose_label=get_purpose(invoice.purpose).label,
        description=invoice.description,
        amount=amount,
        method=attempt.get_gateway_display(),
        paid_at=paid_at,
    )
    if attempt.payer_id:
        _notify_paid(receipt, attempt)
    return receipt


def _notify_paid(receipt: Receipt, attempt: PaymentAttempt) -> None:
    from notifications.services import notify

    notify(
        recipient=attempt.payer,
        event="payment_confirmed",
        context={
            "receipt_number": f"{receipt.number_text} ({receipt.series})",
            "amount_vnd": format_vnd(receipt.amount),
            "description": receipt.description,
            "paid_at": receipt.paid_at,
        },
        link=receipt.get_absolute_url(),
        agency=receipt.agency,
        dedupe_key=f"payment_confirmed:{receipt.public_id}",
    )


# Attempts -------------------------------------------------------------------------------------------------------


def _new_reference(now: dt.datetime) -> str:
    """yyMMdd (GMT+7) and 8 random letters/digits: unique, fits VNPay's TxnRef, ZaloPay's app_trans_id (yyMMdd_…)
    and a bank transfer note."""
    day = timezone.localtime(now, LOCAL).strftime("%y%m%d")
    return day + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def _attempt_transition(attempt: PaymentAttempt, to: str, *, changes: Iterable[str] = ()) -> PaymentAttempt:
    if not attempt_can_transition(attempt.status, to):
        raise ApplicationError(
            f"Giao dịch đang ở trạng thái “{attempt.get_status_display()}”.",
            code="transition_not_allowed",
            status_code=409,
        )
    attempt.status = to
    attempt.save(update_fields=sorted({"status", *changes}))
    return attempt


def _check_payable(invoices: list[Invoice], payer, amount: int | None, gateway_code: str) -> dict[str, int]:
    """Return how much of the attempt goes to each invoice, or refuse in plain Vietnamese."""
    if not invoices:
        raise ApplicationError("Chưa chọn khoản cần nộp.", code="no_invoice")
    allowed = set(
        Invoice.objects.payable_by(payer).filter(pk__in=[i.pk for i in invoices]).values_list("pk", flat=True)
    )
    if len(allowed) != len({i.pk for i in invoices}):
        raise ApplicationError("Không tìm thấy khoản cần nộp.", code="not_found", status_code=404)
    for invoice in invoices:
        if invoice.status != InvoiceStatus.OPEN:
            raise ApplicationError(
                f"Khoản {invoice.code} {invoice.get_status_display().lower()}, không cần nộp nữa.",
                code="invoice_not_open",
                status_code=409,
            )
    if gateway_code not in {g.code for g in offered_gateways()} | {g.code for g in offered_gateways(miniapp=True)}:
        raise ApplicationError("Hãy chọn một cách thanh toán.", code="gateway_invalid")
    if gateway_code == Gateway.VIETQR and len({i.payee_id for i in invoices}) != 1:
        raise ApplicationError(
            "Chuyển khoản chỉ nộp được cho từng đơn vị thu một; hãy chọn các khoản của cùng một đơn vị.",
            code="several_payees",
        )
    if gateway_code == Gateway.VIETQR and not transfer_possible({i.payee_id for i in invoices}):
        raise ApplicationError(
            "Đơn vị thu chưa có tài khoản nhận chuyển khoản; hãy chọn cách thanh toán khác.",
            code="transfer_unavailable",
        )
    if amount is None:
        return {str(i.pk): i.amount_due for i in invoices}
    if len(invoices) != 1 or not invoices[0].allows_partial:
        raise ApplicationError("Khoản này phải nộp đủ một lần.", code="partial_not_allowed")
    if not 0 < amount <= invoices[0].amount_due:
        raise ApplicationError(
            f"Số tiền phải từ 1 đồng đến {format_vnd(invoices[0].amount_due)}.", code="amount_invalid"
        )
    return {str(invoices[0].pk): amount}


def attempt_start(
    *,
    invoices: list[Invoice],
    gateway_code: str,
    payer,
    return_url_for,
    client_ip: str,
    amount: int | None = None,
    now: dt.datetime | None = None,
) -> tuple[PaymentAttempt, StartResult]:
    """Begin paying `invoices` through a gateway. `return_url_for(reference)` gives the browser's way back.
    A second tap finds the attempt the first one started."""
    now = now or timezone.now()
    # Judge what is saved, not the caller's copies (another tab may have paid meanwhile).
    invoices = list(Invoice.objects.filter(pk__in=[invoice.pk for invoice in invoices]).order_by("pk"))
    allocation = _check_payable(invoices, payer, amount, gateway_code)
    total = sum(allocation.values())
    recent = (
        PaymentAttempt.objects.filter(
            payer=payer,
            gateway=gateway_code,
            status=AttemptStatus.PENDING,
            amount=total,
            created_at__gte=now - dt.timedelta(seconds=DOUBLE_TAP_SECONDS),
            allocation=allocation,
        )
        .order_by("-created_at")
        .first()
    )
    if recent is not None and recent.gateway_detail.get("start"):
        return recent, StartResult(**recent.gateway_detail["start"])
    with transaction.atomic():
        attempt = PaymentAttempt.objects.create(
            reference=_new_reference(now),
            gateway=gateway_code,
            amount=total,
            payer=payer,
            allocation=allocation,
            expires_at=now + dt.timedelta(minutes=settings.PAYMENTS["ATTEMPT_MINUTES"]),
        )
        attempt.invoices.set(invoices)
    gateway = get_gateway(gateway_code)
    try:
        result = gateway.start(attempt, return_url=return_url_for(attempt.reference), client_ip=client_ip)
    except GatewayError as error:
        logger.warning("payment start failed at %s: %s", gateway_code, error)
        with transaction.atomic():
            locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
            locked.gateway_detail = {"error": str(error)[:500]}
            _attempt_transition(locked, AttemptStatus.FAILED, changes=["gateway_detail"])
        raise ApplicationError(
            f"Chưa kết nối được {gateway.label}. Bạn chưa bị trừ tiền; hãy thử lại sau ít phút hoặc chọn cách khác.",
            code="gateway_unavailable",
            status_code=503,
        ) from error
    attempt.gateway_detail = {
        **result.detail,
        "start": {"redirect_url": result.redirect_url, "qr_payload": result.qr_payload, "detail": result.detail},
    }
    attempt.save(update_fields=["gateway_detail"])
    return attempt, result


def _settle_paid(attempt: PaymentAttempt, answer: GatewayAnswer, now: dt.datetime) -> None:
    """The gateway says the money arrived. Apply it to every invoice still open for it; money for an invoice no
    longer open (paid another way, cancelled, expired) is kept on record and flagged for refund."""
    late = attempt.status == AttemptStatus.EXPIRED
    attempt.settled_at = now
    attempt.gateway_txn_id = answer.gateway_txn_id or attempt.gateway_txn_id
    attempt.gateway_detail = {**attempt.gateway_detail, "result": answer.detail}
    _attempt_transition(attempt, AttemptStatus.PAID, changes=["settled_at", "gateway_txn_id", "gateway_detail"])
    invoices = Invoice.objects.select_for_update().filter(pk__in=[int(pk) for pk in attempt.allocation]).order_by("pk")
    problems = []
    for invoice in invoices:
        share = attempt.allocation[str(invoice.pk)]
        if invoice.status != InvoiceStatus.OPEN:
            problems.append(f"{invoice.code} {invoice.get_status_display().lower()}")
        elif share > invoice.amount_due:
            problems.append(f"{invoice.code} chỉ còn {format_vnd(invoice.amount_due)}")
        else:
            _invoice_take_payment(invoice, amount=share, attempt=attempt, now=now)
    if problems:
        attempt.needs_refund = True
        attempt.needs_refund_reason = ("Tiền về sau khi giao dịch hết hạn; " if late else "") + "; ".join(problems)
        attempt.save(update_fields=["needs_refund", "needs_refund_reason"])


@transaction.atomic
def attempt_settle(*, gateway_code: str, answer: GatewayAnswer, now: dt.datetime | None = None) -> Outcome:
    """Apply a verified statement from the gateway (callback or query answer). Repeats change nothing."""
    now = now or timezone.now()
    attempt = (
        PaymentAttempt.objects.select_for_update().filter(reference=answer.reference, gateway=gateway_code).first()
    )
    if attempt is None:
        return Outcome.UNKNOWN_ORDER
    if answer.state == "paid" and answer.amount != attempt.amount:
        return Outcome.WRONG_AMOUNT
    if answer.state == "failed" and answer.amount is not None and answer.amount != attempt.amount:
        return Outcome.WRONG_AMOUNT
    if attempt.status in (AttemptStatus.PAID, AttemptStatus.REFUNDED):
        return Outcome.ALREADY_CONFIRMED
    if answer.state == "failed":
        if attempt.status != AttemptStatus.PENDING:
            return Outcome.ALREADY_CONFIRMED
        attempt.settled_at = now
        attempt.gateway_detail = {**attempt.gateway_detail, "result": answer.detail}
        _attempt_transition(attempt, AttemptStatus.FAILED, changes=["settled_at", "gateway_detail"])
        return Outcome.CONFIRMED
    if answer.state != "paid":
        return Outcome.ERROR
    _settle_paid(attempt, answer, now)
    return Outcome.CONFIRMED


def _record_event(*, gateway_code: str, kind: str, raw: str, verified: bool, outcome: str, reference: str = ""):
    attempt = PaymentAttempt.objects.filter(reference=reference, gateway=gateway_code).first() if reference else None
    return GatewayEvent.objects.create(
        attempt=attempt, gateway=gateway_code, kind=kind, raw=raw[:20000], verified=verified, outcome=outcome
    )


def callback_receive(*, gateway: PaymentGateway, request) -> dict:
    """A gateway's server tells us about a payment: verify, store raw, settle, reply in its format."""
    return _receive(
        gateway,
        request,
        GatewayEvent.Kind.CALLBACK,
        lambda answer: attempt_settle(gateway_code=gateway.code, answer=answer),
    )


def bank_credit_receive(*, request) -> dict:
    """The bank tells us a transfer arrived in a collection account: the same path, settled by `_settle_bank`."""
    return _receive(get_gateway(Gateway.VIETQR), request, GatewayEvent.Kind.BANK, _settle_bank)


def _receive(gateway: PaymentGateway, request, kind: str, settle) -> dict:
    verified, answer, raw = gateway.parse_callback(request)
    if not verified:
        outcome = Outcome.BAD_SIGNATURE
    elif answer is None:
        outcome = Outcome.ERROR
    else:
        try:
            outcome = settle(answer)
        except Exception:  # the reply must still go out in the gateway's format; the gateway retries on 99/0
            logger.exception("payment notice from %s could not be applied", gateway.code)
            outcome = Outcome.ERROR
    _record_event(
        gateway_code=gateway.code,
        kind=kind,
        raw=raw,
        verified=verified,
        outcome=outcome.value,
        reference=answer.reference if answer else "",
    )
    return gateway.callback_reply(outcome)


@transaction.atomic
def _settle_bank(answer: GatewayAnswer) -> Outcome:
    """A bank credit: find our reference in the transfer note; the bank's transaction id makes a repeat harmless."""
    found = REFERENCE_PATTERN.search(answer.reference)
    answer.reference = found.group(1).upper() if found else ""
    try:
        with transaction.atomic():
            notification = BankNotification.objects.create(transaction_id=answer.gateway_txn_id)
    except IntegrityError:
        return Outcome.ALREADY_CONFIRMED
    outcome = attempt_settle(gateway_code=Gateway.VIETQR, answer=answer) if answer.reference else Outcome.UNKNOWN_ORDER
    notification.attempt = PaymentAttempt.objects.filter(reference=answer.reference).first()
    notification.save(update_fields=["attempt"])
    return outcome


def return_record(*, attempt: PaymentAttempt, params: dict[str, str]) -> None:
    """The browser came back from the gateway with these fields: kept for the record (once per attempt), verified
    or not, and never acted on: a forged "success" here changes nothing."""
    if not params or attempt.events.filter(kind=GatewayEvent.Kind.RETURN).exists():
        return
    gateway = get_gateway(attempt.gateway)
    GatewayEvent.objects.create(
        attempt=attempt,
        gateway=attempt.gateway,
        kind=GatewayEvent.Kind.RETURN,
        raw="&".join(f"{k}={v}" for k, v in sorted(params.items()))[:20000],
        verified=gateway.verify_return(params),
        outcome="",
    )


def transfer_confirm(*, attempt: PaymentAttempt, officer, bank_transaction: str = "") -> Outcome:
    """An officer saw the transfer arrive in the agency's account statement."""
    if not officer.has_perm("payments.confirm_transfer"):
        raise ApplicationError("Bạn không có quyền xác nhận chuyển khoản.", code="permission_denied", status_code=403)
    if not PaymentAttempt.objects.for_user(officer).filter(pk=attempt.pk).exists():
        raise ApplicationError("Giao dịch không thuộc cơ quan của bạn.", code="not_your_agency", status_code=403)
    if attempt.gateway != Gateway.VIETQR:
        raise ApplicationError("Chỉ xác nhận được giao dịch chuyển khoản.", code="not_a_transfer", status_code=409)
    answer = GatewayAnswer(
        reference=attempt.reference,
        state="paid",
        amount=attempt.amount,
        gateway_txn_id=bank_transaction.strip()[:64],
        detail={"confirmed_by": officer.username},
    )
    outcome = attempt_settle(gateway_code=Gateway.VIETQR, answer=answer)
    _record_event(
        gateway_code=Gateway.VIETQR,
        kind=GatewayEvent.Kind.OFFICER,
        raw=f"{officer.username}: {bank_transaction}".strip(),
        verified=True,
        outcome=outcome.value,
        reference=attempt.reference,
    )
    if outcome == Outcome.ALREADY_CONFIRMED:
        raise ApplicationError("Giao dịch này đã được xác nhận trước đó.", code="already_confirmed", status_code=409)
    return outcome


@transaction.atomic
def checkout_order_bind(*, attempt: PaymentAttempt, payer, order_id: str) -> PaymentAttempt:
    """The mini app tells us the order id Zalo's createOrder gave it, so the reconciliation job can ask Zalo about
    this attempt if no callback comes. Telling it twice is harmless; another id for the same attempt is refused."""
    locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.payer_id != payer.pk or locked.gateway != Gateway.ZALO_CHECKOUT:
        raise ApplicationError("Không tìm thấy giao dịch.", code="not_found", status_code=404)
    known = locked.gateway_detail.get("checkout_order_id")
    if known == order_id:
        return locked
    if known:
        raise ApplicationError(
            "Giao dịch này đã gắn với một đơn hàng Zalo khác.", code="order_already_bound", status_code=409
        )
    locked.gateway_detail = {**locked.gateway_detail, "checkout_order_id": order_id}
    locked.save(update_fields=["gateway_detail"])
    return locked


@transaction.atomic
def attempt_expire(*, attempt: PaymentAttempt) -> PaymentAttempt:
    locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
    return _attempt_transition(locked, AttemptStatus.EXPIRED)


def reconcile_pending(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Ask the gateway about attempts nobody told us about, and stop waiting for those past their time.
    Transfers cannot be asked about: they wait for the bank or an officer for a few days."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.PAYMENTS["RECONCILE_AFTER_MINUTES"])
    counts = {"paid": 0, "failed": 0, "expired": 0, "unreachable": 0}
    pending = PaymentAttempt.objects.filter(status=AttemptStatus.PENDING, created_at__lte=cutoff).order_by("created_at")
    for attempt in pending[:limit]:
        if attempt.gateway == Gateway.VIETQR:
            if attempt.expires_at + dt.timedelta(days=3) < now:
                attempt_expire(attempt=attempt)
                counts["expired"] += 1
            continue
        try:
            answer = get_gateway(attempt.gateway).query(attempt)
        except GatewayError as error:
            logger.warning("reconciliation could not reach %s: %s", attempt.gateway, error)
            counts["unreachable"] += 1
            continue
        if answer.state in ("paid", "failed"):
            outcome = attempt_settle(gateway_code=attempt.gateway, answer=answer, now=now)
            counts[answer.state] += outcome == Outcome.CONFIRMED
        elif attempt.expires_at < now:
            attempt_expire(attempt=attempt)
            counts["expired"] += 1
        else:
            outcome = Outcome.ALREADY_CONFIRMED
        _record_event(
            gateway_code=attempt.gateway,
            kind=GatewayEvent.Kind.QUERY,
            raw=str(answer.detail)[:20000],
            verified=True,
            outcome=answer.state,
            reference=attempt.reference,
        )
    return counts


# Refunds --------------------------------------------------------------------------------------------------------


def refund_request(*, attempt: PaymentAttempt, officer, amount: int, reason: str) -> Refund:
    """Give money back through the gateway's refund API; audited whether or not the gateway agrees."""
    if not officer.has_perm("payments.refund_payment"):
        raise ApplicationError("Bạn không có quyền hoàn tiền.", code="permission_denied", status_code=403)
    if not PaymentAttempt.objects.for_user(officer).filter(pk=attempt.pk).exists():
        raise ApplicationError("Giao dịch không thuộc cơ quan của bạn.", code="not_your_agency", status_code=403)
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Cần ghi rõ lý do hoàn tiền.", code="reason_required")
    with transaction.atomic():
        # Locked while the gateway is asked, so two officers cannot refund the same money twice.
        locked = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status != AttemptStatus.PAID:
            raise ApplicationError("Chỉ hoàn được giao dịch đã thanh toán.", code="not_paid", status_code=409)
        left = locked.amount - locked.refunded_amount
        if not isinstance(amount, int) or not 0 < amount <= left:
            raise ApplicationError(f"Số tiền hoàn phải từ 1 đồng đến {format_vnd(left)}.", code="amount_invalid")
        try:
            result = get_gateway(locked.gateway).refund(locked, amount=amount, reason=reason, officer=officer)
        except GatewayError as error:
            logger.warning("refund failed at %s: %s", locked.gateway, error)
            result = None
            message = "Không kết nối được cổng thanh toán"
        refund = Refund.objects.create(
            attempt=locked,
            amount=amount,
            reason=reason,
            requested_by=officer,
            status=result.state if result else Refund.Status.FAILED,
            gateway_refund_id=result.gateway_refund_id if result else "",
            message=(result.message if result else message)[:255],
        )
        _record_event(
            gateway_code=locked.gateway,
            kind=GatewayEvent.Kind.REFUND,
            raw=f"{officer.username} {amount} {reason} → {refund.status} {refund.message}",
            verified=True,
            outcome=refund.status,
            reference=locked.reference,
        )
        if refund.status == Refund.Status.FAILED:
            return refund
        locked.refunded_amount += amount
        changes = ["refunded_amount"]
        if locked.refunded_amount == locked.amount:
            locked.needs_refund = False
            changes.append("needs_refund")
            _attempt_transition(locked, AttemptStatus.REFUNDED, changes=changes)
            locked.receipts.update(refunded_at=timezone.now())
        else:
            locked.save(update_fields=changes)
        for invoice in locked.invoices.all():
            InvoiceHistory.objects.create(
                invoice=invoice,
                at=timezone.now(),
                actor=officer,
                from_status=invoice.status,
                to_status=invoice.status,
                note=f"Hoàn {format_vnd(amount)} của giao dịch {locked.reference}: {reason}",
            )
        _notify_refund(locked, amount, reason)
        return refund


def _notify_refund(attempt: PaymentAttempt, amount: int, reason: str) -> None:
    from notifications.services import notify

    notify(
        recipient=attempt.payer,
        event="payment_refunded",
        context={"reference": attempt.reference, "amount_text": format_vnd(amount), "reason": reason},
        link=attempt.get_absolute_url(),
    )
