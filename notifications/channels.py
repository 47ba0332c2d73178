"""External delivery channels behind one small interface and a registry (HOUSE_STYLE §17).

A channel either returns the provider's message id or raises `DeliveryError`, saying whether trying the same
channel again later could help (`retryable`) or the message should fall back to the next channel now.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.utils.module_loading import import_string

from notifications import zalo
from notifications.models import Channel, Notification, NotificationPreference
from notifications.sms import SmsError

# ZNS: unknown error; OA: rate limited. Zalo says to try again later for these.
RETRYABLE_ZALO_CODES = {-100, -32}


@dataclass
class DeliveryError(Exception):
    reason: str
    retryable: bool

    def __str__(self) -> str:
        return self.reason


class BaseChannel:
    name: Channel

    def unreachable_reason(self, notification: Notification, preference: NotificationPreference) -> str | None:
        """Why this channel cannot carry this message to this person at all (then the next channel is tried)."""
        if self.name not in notification.content:
            return "không có mẫu cho kênh này"
        error = notification.content[self.name].get("error")
        return f"không dựng được nội dung: {error}" if error else None

    def send(self, notification: Notification, preference: NotificationPreference) -> str:
        raise NotImplementedError


def _zalo_call(call, **kwargs) -> str:
    try:
        return call(**kwargs)
    except zalo.ZaloTransportError as error:
        raise DeliveryError(str(error), retryable=True) from error
    except zalo.ZaloError as error:
        raise DeliveryError(str(error), retryable=error.code in RETRYABLE_ZALO_CODES) from error


class ZnsChannel(BaseChannel):
    name = Channel.ZNS

    def unreachable_reason(self, notification, preference):
        if not notification.phone:
            return "chưa có số điện thoại"
        return super().unreachable_reason(notification, preference)

    def send(self, notification, preference):
        content = notification.content[self.name]
        return _zalo_call(
            zalo.send_zns,
            phone=notification.phone.lstrip("+"),
            template_id=content["template_id"],
            template_data=content["template_data"],
            tracking_id=str(notification.public_id),
        )


class OaChannel(BaseChannel):
    name = Channel.OA

    def unreachable_reason(self, notification, preference):
        if not preference.zalo_oa_user_id:
            return "chưa theo dõi Zalo OA"
        return super().unreachable_reason(notification, preference)

    def send(self, notification, preference):
        return _zalo_call(
            zalo.send_oa_text, user_id=preference.zalo_oa_user_id, text=notification.content[self.name]["text"]
        )


class EmailChannel(BaseChannel):
    name = Channel.EMAIL

    def unreachable_reason(self, notification, preference):
        if not notification.recipient.email:
            return "chưa có địa chỉ thư điện tử"
        return super().unreachable_reason(notification, preference)

    def send(self, notification, preference):
        content = notification.content[self.name]
        message = EmailMultiAlternatives(
            subject=content["subject"],
            body=content["text"],
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient.email],
            headers={"X-Notification-Id": str(notification.public_id)},
        )
        if content.get("html"):
            message.attach_alternative(content["html"], "text/html")
        for attachment in notification.attachments:
            try:
                with default_storage.open(attachment["path"], "rb") as handle:
                    message.attach(attachment["filename"], handle.read(), attachment["content_type"])
            except OSError as error:  # the file is gone: retrying will not bring it back
                raise DeliveryError(f"tệp đính kèm {attachment['filename']}: {error}", retryable=False) from error
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            permanent = isinstance(error, smtplib.SMTPRecipientsRefused)
            raise DeliveryError(f"SMTP: {error}", retryable=not permanent) from error
        return message.extra_headers["X-Notification-Id"]


class SmsChannel(BaseChannel):
    """SMS through the gateway named in SMS_PROVIDER (a class with `send(phone, text) -> message id`)."""

    name = Channel.SMS

    def unreachable_reason(self, notification, preference):
        if not notification.phone:
            return "chưa có số điện thoại"
        return super().unreachable_reason(notification, preference)

    def send(self, notification, preference):
        provider = import_string(settings.SMS_PROVIDER)()
        try:
            return provider.send(notification.phone, notification.content[self.name]["text"])
        except SmsError as error:
            raise DeliveryError(f"SMS: {error}", retryable=error.retryable) from error


CHANNELS: dict[str, BaseChannel] = {
    channel.name: channel for channel in (ZnsChannel(), OaChannel(), EmailChannel(), SmsChannel())
}
