"""The outbox (one row per message), its delivery attempts, the citizen's in-app inbox, their channel preferences,
and the Zalo Official Account token the ZNS/OA channels send with."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from citizen_portal.crypto import decrypt, encrypt


class Channel(models.TextChoices):
    INBOX = "inbox", "Hộp thư trong ứng dụng"
    ZNS = "zns", "Tin nhắn Zalo (ZNS)"
    OA = "oa", "Zalo OA (tài khoản chính thức)"
    EMAIL = "email", "Thư điện tử"
    SMS = "sms", "Tin nhắn SMS"


# Channels that push a message out of the app, in the order tried when the citizen has not chosen.
EXTERNAL_CHANNELS = [Channel.ZNS, Channel.OA, Channel.EMAIL]


def default_channel_order() -> list[str]:
    return [str(channel) for channel in EXTERNAL_CHANNELS]


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    # External channels the person accepts, most preferred first. The inbox always receives everything sent.
    channels = models.JSONField("kênh nhận, theo thứ tự ưu tiên", default=default_channel_order)
    essential_only = models.BooleanField("chỉ nhận thông báo quan trọng", default=False)
    # The person's id as a follower of our Official Account (differs from their Zalo login id).
    zalo_oa_user_id = models.CharField("mã người theo dõi Zalo OA", max_length=64, blank=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "tuỳ chọn nhận thông báo"
        verbose_name_plural = "tuỳ chọn nhận thông báo"

    def __str__(self) -> str:
        return f"{self.user}: {', '.join(self.channels) or 'chỉ hộp thư'}"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Chờ gửi"
    SENDING = "sending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi không được"
    CANCELLED = "cancelled", "Huỷ (không gửi)"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> NotificationQuerySet:
        """Superusers see every message; officers those about their agencies' work."""
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(agency__in=Agency.objects.handled_by(user))

    def due(self, now=None) -> NotificationQuerySet:
        return self.filter(status=NotificationStatus.PENDING, next_attempt_at__lte=now or timezone.now())


class Notification(models.Model):
    """One message to one person, written in the same transaction as the change it reports, delivered after it."""

    public_id = models.UUIDField("mã tra cứu nội bộ", default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="người nhận"
    )
    event = models.CharField("sự kiện", max_length=64, db_index=True)
    # The agency whose work this message reports: scopes what officers see in the back office.
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="cơ quan"
    )
    essential = models.BooleanField("quan trọng", default=False)
    # Only for a code that proves a phone not yet on the account; otherwise the recipient's own phone is used.
    to_phone = models.CharField("gửi đến số", max_length=16, blank=True)
    plan = models.JSONField("các kênh sẽ thử", default=list)
    channel = models.CharField("kênh", max_length=16, choices=Channel.choices, blank=True)
    template = models.CharField("mẫu", max_length=100)
    content = models.JSONField("nội dung đã dựng", default=dict)
    # Files that travel with the message where the channel can carry them (e-mail): [{filename, path, content_type}]
    # with `path` in the default storage. Other channels carry the link in their text instead.
    attachments = models.JSONField("tệp đính kèm", default=list, blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("số lần gửi", default=0)
    channel_attempts = models.PositiveSmallIntegerField("số lần gửi trên kênh hiện tại", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    provider_message_id = models.CharField("mã tin của nhà cung cấp", max_length=128, blank=True)
    # Set by callers that must never notify twice for the same fact (e.g. "dossier_received:<code>").
    dedupe_key = models.CharField("khoá chống gửi trùng", max_length=200, null=True, blank=True, unique=True)
    next_attempt_at = models.DateTimeField("lần gửi tới", default=timezone.now)
    claim_token = models.UUIDField("mã nhận gửi", null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField("nhận gửi lúc", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "thông báo (hàng đợi gửi)"
        verbose_name_plural = "thông báo (hàng đợi gửi)"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["recipient", "sent_at"], name="notification_recipient_sent"),
        ]

    @property
    def phone(self) -> str:
        """Where phone channels send this message: a number being verified, else the recipient's own."""
        return self.to_phone or self.recipient.phone or ""

    def __str__(self) -> str:
        return f"{self.template or self.event} → {self.recipient} ({self.get_status_display()})"


class DeliveryAttempt(models.Model):
    """What each try on each channel answered: the officers' view of why a message did or did not arrive."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="delivery_attempts", verbose_name="thông báo"
    )
    channel = models.CharField("kênh", max_length=16, choices=Channel.choices)
    succeeded = models.BooleanField("thành công")
    retryable = models.BooleanField("có thể thử lại", default=False)
    error = models.TextField("lỗi", blank=True)
    provider_message_id = models.CharField("mã tin của nhà cung cấp", max_length=128, blank=True)
    attempted_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["attempted_at", "id"]
        verbose_name = "lần gửi"
        verbose_name_plural = "các lần gửi"

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {'gửi được' if self.succeeded else self.error[:40]}"


class InboxMessageQuerySet(models.QuerySet):
    def for_user(self, user) -> InboxMessageQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> InboxMessageQuerySet:
        return self.filter(read_at__isnull=True)


class InboxMessage(models.Model):
    public_id = models.UUIDField("mã tra cứu nội bộ", default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages", verbose_name="người nhận"
    )
    notification = models.OneToOneField(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="inbox_message"
    )
    event = models.CharField("sự kiện", max_length=64)
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung")
    link = models.CharField("đường dẫn", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    objects = InboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "tin trong hộp thư"
        verbose_name_plural = "hộp thư"
        indexes = [models.Index(fields=["recipient", "read_at"], name="inbox_recipient_unread")]

    def __str__(self) -> str:
        return self.title


class ZaloOAToken(models.Model):
    """The Official Account's tokens, encrypted at rest. Zalo refresh tokens are single-use: each refresh stores the
    new pair in the same locked transaction that spent the old one."""

    app_id = models.CharField(max_length=64, unique=True)
    access_token_encrypted = models.TextField(blank=True)
    refresh_token_encrypted = models.TextField(blank=True)
    access_expires_at = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập Zalo OA"
        verbose_name_plural = "mã truy cập Zalo OA"

    def __str__(self) -> str:
        return f"Zalo OA {self.app_id}"

    @property
    def access_token(self) -> str:
        return decrypt(self.access_token_encrypted)

    @access_token.setter
    def access_token(self, value: str) -> None:
        self.access_token_encrypted = encrypt(value)

    @property
    def refresh_token(self) -> str:
        return decrypt(self.refresh_token_encrypted)

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self.refresh_token_encrypted = encrypt(value)
