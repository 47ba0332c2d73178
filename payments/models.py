"""Payments: invoices (what someone owes an agency), payment attempts (one try through one gateway), what every
gateway told us, refunds, and electronic receipts (biên lai điện tử) numbered in a series per agency and year.

Amounts are whole dong (VND has no minor unit); no float ever touches money."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from payments.workflow import AttemptStatus, InvoiceStatus


class Bank(models.Model):
    """A bank on the NAPAS network (its BIN goes into VietQR codes). Data, kept in the back office."""

    bin = models.CharField("mã BIN", max_length=6, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=32)
    name = models.CharField("tên ngân hàng", max_length=200)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["short_name"]
        verbose_name = "ngân hàng"
        verbose_name_plural = "ngân hàng"

    def __str__(self) -> str:
        return f"{self.short_name} ({self.bin})"


class CollectionAccount(models.Model):
    """The account an agency collects transfers into (shown in its VietQR codes)."""

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="collection_account", verbose_name="cơ quan"
    )
    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, verbose_name="ngân hàng")
    account_number = models.CharField("số tài khoản", max_length=19)
    account_name = models.CharField("tên tài khoản", max_length=100)

    class Meta:
        verbose_name = "tài khoản thu của cơ quan"
        verbose_name_plural = "tài khoản thu của cơ quan"

    def __str__(self) -> str:
        return f"{self.bank.short_name} {self.account_number}"


class InvoiceSequence(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class InvoiceQuerySet(models.QuerySet):
    def for_user(self, user) -> InvoiceQuerySet:
        """Invoices of the agencies this officer works for."""
        from agencies.models import Agency

        if user.is_superuser:
            return self
        return self.filter(payee__in=Agency.objects.handled_by(user))

    def payable_by(self, user) -> InvoiceQuerySet:
        """What this person may see and pay: their own invoices and those a purpose opens to them (a child's
        tuition to each linked parent)."""
        from payments.registry import visibility_filter

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(payer=user) | visibility_filter(user))

    def open(self) -> InvoiceQuerySet:
        return self.filter(status=InvoiceStatus.OPEN)


class Invoice(models.Model):
    public_id = models.UUIDField("mã công khai", default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("mã khoản thu", max_length=20, unique=True)
    purpose = models.CharField("loại khoản thu", max_length=32, db_index=True)
    # What the invoice is about, in the purpose's own terms ("dossier:<uuid>", "student:<id>"): lets a utility find
    # its invoices without payments importing it.
    subject_key = models.CharField("đối tượng", max_length=64, db_index=True)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name="người nộp",
    )
    payer_name = models.CharField("tên người nộp", max_length=200)
    payee = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="invoices", verbose_name="cơ quan thu"
    )
    description = models.CharField("nội dung", max_length=255)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    amount_paid = models.PositiveBigIntegerField("đã nộp (đồng)", default=0)
    allows_partial = models.BooleanField("cho nộp nhiều lần", default=False)
    due_date = models.DateField("hạn nộp", null=True, blank=True)
    expires_at = models.DateTimeField("hết hạn thanh toán lúc", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN, db_index=True
    )
    created_at = models.DateTimeField("ngày lập", auto_now_add=True)
    paid_at = models.DateTimeField("ngày thanh toán xong", null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "khoản thu"
        verbose_name_plural = "khoản thu"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_amount_positive"),
            models.CheckConstraint(condition=Q(amount_paid__lte=models.F("amount")), name="invoice_not_overpaid"),
        ]
        indexes = [models.Index(fields=["payee", "status", "-created_at"], name="invoice_payee_status")]

    def __str__(self) -> str:
        return f"{self.code} — {self.description}"

    @property
    def amount_due(self) -> int:
        return self.amount - self.amount_paid

    def get_absolute_url(self) -> str:
        return reverse("payments:invoice", args=[self.public_id])


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name="khoản thu")
    label = models.CharField("nội dung", max_length=200)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "dòng khoản thu"
        verbose_name_plural = "dòng khoản thu"

    def __str__(self) -> str:
        return self.label


class InvoiceHistory(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField("lúc")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người",
    )
    from_status = models.CharField("từ", max_length=16, choices=InvoiceStatus.choices, blank=True)
    to_status = models.CharField("sang", max_length=16, choices=InvoiceStatus.choices)
    note = models.TextField("ghi chú", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lịch sử khoản thu"
        verbose_name_plural = "lịch sử khoản thu"

    def __str__(self) -> str:
        return f"{self.get_to_status_display()} lúc {self.at:%d/%m/%Y %H:%M}"


class Gateway(models.TextChoices):
    VNPAY = "vnpay", "VNPay"
    ZALOPAY = "zalopay", "ZaloPay"
    VIETQR = "vietqr", "Chuyển khoản ngân hàng (VietQR)"
    ZALO_CHECKOUT = "zalo_checkout", "Thanh toán trong Zalo (Checkout SDK)"


class PaymentAttemptQuerySet(models.QuerySet):
    def for_user(self, user) -> PaymentAttemptQuerySet:
        from agencies.models import Agency

        if user.is_superuser:
            return self
        return self.filter(invoices__payee__in=Agency.objects.handled_by(user)).distinct()


class PaymentAttempt(models.Model):
    """One try to pay one or more invoices through one gateway, under our own unique reference."""

    reference = models.CharField("mã giao dịch", max_length=20, unique=True)
    gateway = models.CharField("cổng thanh toán", max_length=16, choices=Gateway.choices)
    invoices = models.ManyToManyField(Invoice, related_name="attempts", verbose_name="khoản thu")
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    # How much of `amount` goes to each invoice: {"<invoice pk>": dong}, fixed when the attempt starts.
    allocation = models.JSONField("phân bổ", default=dict)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payment_attempts", verbose_name="người nộp"
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=AttemptStatus.choices, default=AttemptStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField("bắt đầu lúc", auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn lúc")
    settled_at = models.DateTimeField("xác nhận lúc", null=True, blank=True)
    gateway_txn_id = models.CharField("mã giao dịch của cổng", max_length=64, blank=True)
    gateway_detail = models.JSONField("chi tiết từ cổng", default=dict, blank=True)
    # Money we hold but should not keep: paid after expiry, twice, or for an invoice no longer open.
    needs_refund = models.BooleanField("cần hoàn tiền", default=False, db_index=True)
    needs_refund_reason = models.CharField("lý do cần hoàn tiền", max_length=255, blank=True)
    refunded_amount = models.PositiveBigIntegerField("đã hoàn (đồng)", default=0)

    objects = PaymentAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "giao dịch thanh toán"
        verbose_name_plural = "giao dịch thanh toán"
        permissions = [
            ("refund_payment", "Hoàn tiền giao dịch"),
            ("confirm_transfer", "Xác nhận đã nhận chuyển khoản"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="attempt_status_created")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("payments:attempt", args=[self.reference])


class GatewayEvent(models.Model):
    """Everything a gateway or bank sent us (or answered), stored raw with what we made of it."""

    class Kind(models.TextChoices):
        CALLBACK = "callback", "Thông báo từ máy chủ cổng (IPN/callback)"
        QUERY = "query", "Kết quả truy vấn"
        RETURN = "return", "Trình duyệt quay về"
        BANK = "bank", "Thông báo của ngân hàng"
        REFUND = "refund", "Hoàn tiền"
        OFFICER = "officer", "Cán bộ xác nhận"

    attempt = models.ForeignKey(
        PaymentAttempt, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name="giao dịch"
    )
    gateway = models.CharField("cổng", max_length=16, choices=Gateway.choices)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    received_at = models.DateTimeField("lúc", auto_now_add=True)
    raw = models.TextField("nội dung gốc")
    verified = models.BooleanField("chữ ký hợp lệ", default=False)
    outcome = models.CharField("kết quả xử lý", max_length=64, blank=True)

    OUTCOME_LABELS = {
        "confirmed": "đã ghi nhận",
        "already_confirmed": "đã ghi nhận trước đó",
        "bad_signature": "sai chữ ký, bỏ qua",
        "unknown_order": "không có giao dịch này",
        "wrong_amount": "sai số tiền, bỏ qua",
        "error": "lỗi, cổng sẽ gửi lại",
        "paid": "cổng báo đã thanh toán",
        "failed": "không thành công",
        "pending": "cổng chưa có kết quả",
        "done": "đã hoàn",
        "processing": "cổng đang xử lý",
    }

    @property
    def outcome_label(self) -> str:
        return self.OUTCOME_LABELS.get(self.outcome, self.outcome)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = "thông báo từ cổng thanh toán"
        verbose_name_plural = "thông báo từ cổng thanh toán"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.outcome_label}"


class BankNotification(models.Model):
    """A credited transfer the bank told us about; its transaction id makes a repeat harmless."""

    transaction_id = models.CharField("mã giao dịch ngân hàng", max_length=64, unique=True)
    received_at = models.DateTimeField("lúc", auto_now_add=True)
    attempt = models.ForeignKey(
        PaymentAttempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="giao dịch"
    )

    class Meta:
        verbose_name = "thông báo chuyển khoản"
        verbose_name_plural = "thông báo chuyển khoản"

    def __str__(self) -> str:
        return self.transaction_id


class Refund(models.Model):
    class Status(models.TextChoices):
        DONE = "done", "Đã hoàn"
        PROCESSING = "processing", "Cổng đang xử lý"
        FAILED = "failed", "Không hoàn được"

    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    reason = models.TextField("lý do")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="cán bộ"
    )
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices)
    gateway_refund_id = models.CharField("mã hoàn tiền của cổng", max_length=64, blank=True)
    message = models.CharField("thông báo của cổng", max_length=255, blank=True)
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "hoàn tiền"
        verbose_name_plural = "hoàn tiền"

    def __str__(self) -> str:
        return f"Hoàn {self.amount} đồng ({self.get_status_display().lower()})"


class ReceiptSequence(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_receipt_series_per_agency_year")]


def new_receipt_token() -> str:
    return secrets.token_urlsafe(12)


class Receipt(models.Model):
    """An electronic receipt: what the payer holds. Its fields are copied at issue so it never changes later."""

    public_id = models.UUIDField("mã công khai", default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan thu"
    )
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveIntegerField("số")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="receipts", verbose_name="khoản thu")
    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="receipts")
    token = models.CharField(max_length=32, unique=True, default=new_receipt_token, editable=False)
    payer_name = models.CharField("người nộp", max_length=200)
    payee_name = models.CharField("đơn vị thu", max_length=200)
    purpose_label = models.CharField("loại khoản thu", max_length=100)
    description = models.CharField("nội dung", max_length=255)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    method = models.CharField("hình thức", max_length=64)
    paid_at = models.DateTimeField("thời điểm nộp")
    issued_at = models.DateTimeField("ngày lập", auto_now_add=True)
    refunded_at = models.DateTimeField("đã hoàn tiền lúc", null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = "biên lai điện tử"
        verbose_name_plural = "biên lai điện tử"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"], name="receipt_number_unique"),
            models.UniqueConstraint(fields=["invoice", "attempt"], name="one_receipt_per_invoice_payment"),
        ]

    def __str__(self) -> str:
        return f"{self.series} số {self.number_text}"

    @property
    def series(self) -> str:
        """The receipt's symbol (ký hiệu): the agency's identifier and the year."""
        return f"{self.agency.identifier}/{self.year}"

    @property
    def number_text(self) -> str:
        return f"{self.number:07d}"

    def get_absolute_url(self) -> str:
        return reverse("payments:receipt", args=[self.public_id])

    def verification_url(self) -> str:
        from citizen_portal.links import citizen_link

        return citizen_link(reverse("verify_receipt", args=[self.signed_token()]))

    def signed_token(self) -> str:
        from django.core import signing

        return signing.Signer(salt="payments.receipt").sign(self.token)
