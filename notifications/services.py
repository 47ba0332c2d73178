"""Every write of the notifications app.

`notify()` is called inside the business transaction: the outbox row and the inbox entry commit or roll back with
the change they report, and delivery is scheduled only after commit. `notification_deliver()` is what workers run:
it claims the row with a conditional update (two workers never send the same message), then walks the channels.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.links import citizen_link, web_link
from notifications.channels import CHANNELS, DeliveryError
from notifications.events import get_event
from notifications.models import (
    EXTERNAL_CHANNELS,
    Channel,
    DeliveryAttempt,
    InboxMessage,
    Notification,
    NotificationPreference,
    NotificationStatus,
)
from notifications.rendering import render_message

logger = logging.getLogger(__name__)


def preference_for(user) -> NotificationPreference:
    """The person's preferences, or the defaults (not saved) when they never chose."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def notify(
    *,
    recipient,
    event: str,
    context: dict | None = None,
    link: str = "",
    agency=None,
    dedupe_key: str | None = None,
    attachments: list[dict] | None = None,
    to_phone: str = "",
) -> Notification | None:
    """Record a message for `recipient` about `event`; deliver it after the surrounding transaction commits.

    Returns None when the person opted out of this (non-essential) kind of message. With `dedupe_key`, a second
    call for the same fact returns the first notification instead of writing another.
    """
    definition = get_event(event)
    preference = preference_for(recipient)
    if not definition.essential and preference.essential_only:
        return None
    if dedupe_key:
        existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
        if existing:
            return existing

    # Citizens' links open the mini app when there is one; officers' open the back office on the web.
    absolute_link = web_link(link) if recipient.is_staff else citizen_link(link)
    content = render_message(
        definition, {**(context or {}), "recipient": recipient, "link": link, "absolute_link": absolute_link}
    )
    wanted = definition.only_channels if definition.only_channels is not None else preference.channels
    plan = [channel for channel in wanted if channel in CHANNELS and channel in content]
    now = timezone.now()
    fields = {
        "recipient": recipient,
        "event": event,
        "essential": definition.essential,
        "plan": plan,
        "channel": plan[0] if plan else Channel.INBOX,
        "template": f"notifications/{event}",
        "content": content,
        "agency": agency,
        "dedupe_key": dedupe_key,
        "attachments": attachments or [],
        "to_phone": to_phone,
    }
    if not plan:  # nothing to push: the inbox entry below is the delivery
        fields.update(status=NotificationStatus.SENT, sent_at=now)
    try:
        with transaction.atomic():  # a savepoint, so a duplicate key does not break the caller's transaction
            notification = Notification.objects.create(**fields)
    except IntegrityError:
        if dedupe_key and (existing := Notification.objects.filter(dedupe_key=dedupe_key).first()):
            return existing
        raise
    if definition.in_inbox:
        inbox = content[Channel.INBOX]
        InboxMessage.objects.create(
            recipient=recipient,
            notification=notification,
            event=event,
            title=inbox["title"],
            body=inbox["body"],
            link=inbox["link"],
        )
    if plan:
        _enqueue_after_commit(notification.pk)
    return notification


def _enqueue_after_commit(notification_id: int) -> None:
    # A failing queue must not undo the business change: the periodic sweep delivers anything left pending.
    def enqueue() -> None:
        try:
            from notifications.tasks import deliver_notification

            deliver_notification.enqueue(notification_id)
        except Exception:
            logger.exception("could not enqueue notification %s; the periodic sweep will send it", notification_id)

    transaction.on_commit(enqueue)


def backoff(channel_attempts: int) -> dt.timedelta:
    config = settings.NOTIFICATIONS
    return dt.timedelta(seconds=config["BACKOFF_BASE_SECONDS"] * config["BACKOFF_FACTOR"] ** (channel_attempts - 1))


def _rate_limit_wait(recipient_id: int, now: dt.datetime) -> dt.timedelta | None:
    """How long until this person may receive another external message, or None if they may now."""
    config = settings.NOTIFICATIONS
    sent = Notification.objects.filter(
        recipient_id=recipient_id, status=NotificationStatus.SENT, sent_at__gt=now - dt.timedelta(days=1)
    ).exclude(channel=Channel.INBOX)
    for window, limit in (
        (dt.timedelta(hours=1), config["RATE_LIMIT_PER_HOUR"]),
        (dt.timedelta(days=1), config["RATE_LIMIT_PER_DAY"]),
    ):
        in_window = sent.filter(sent_at__gt=now - window).order_by("sent_at").values_list("sent_at", flat=True)
        if len(in_window) >= limit:
            return in_window[len(in_window) - limit] + window - now
    return None


def notification_deliver(*, notification_id: int, now: dt.datetime | None = None) -> str:
    """Try to deliver one due message. Returns what happened: sent, retry, failed, deferred, cancelled, skipped."""
    now = now or timezone.now()
    claim = uuid.uuid4()
    won = (
        Notification.objects.due(now)
        .filter(pk=notification_id)
        .update(status=NotificationStatus.SENDING, claim_token=claim, claimed_at=now)
    )
    if won != 1:
        return "skipped"  # not due, already sent, or another worker has it
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    definition = get_event(notification.event)

    def finish(**fields) -> None:
        fields.setdefault("claim_token", None)
        if not definition.in_inbox and fields.get("status") != NotificationStatus.PENDING:
            fields["content"] = {"redacted": True}  # one-time codes are not kept once the message is done
        Notification.objects.filter(pk=notification.pk, claim_token=claim).update(**fields)

    wait = _rate_limit_wait(notification.recipient_id, now) if definition.rate_limited else None
    if wait is not None:
        if notification.essential:
            finish(status=NotificationStatus.PENDING, next_attempt_at=now + wait, last_error="đợi do giới hạn tần suất")
            return "deferred"
        finish(status=NotificationStatus.CANCELLED, last_error="bỏ qua do vượt giới hạn tần suất")
        return "cancelled"

    preference = preference_for(notification.recipient)
    plan = notification.plan
    index = plan.index(notification.channel) if notification.channel in plan else 0
    attempts, channel_attempts = notification.attempts, notification.channel_attempts
    last_error = notification.last_error
    while index < len(plan):
        channel = CHANNELS[plan[index]]
        reason = channel.unreachable_reason(notification, preference)
        if reason is None:
            attempts += 1
            channel_attempts += 1
            try:
                message_id = channel.send(notification, preference)
            except DeliveryError as error:
                reason = str(error)
                DeliveryAttempt.objects.create(
                    notification=notification,
                    channel=channel.name,
                    succeeded=False,
                    retryable=error.retryable,
                    error=reason,
                )
                if error.retryable and channel_attempts < settings.NOTIFICATIONS["MAX_ATTEMPTS_PER_CHANNEL"]:
                    finish(
                        status=NotificationStatus.PENDING,
                        channel=channel.name,
                        attempts=attempts,
                        channel_attempts=channel_attempts,
                        last_error=reason,
                        next_attempt_at=now + backoff(channel_attempts),
                    )
                    return "retry"
            else:
                DeliveryAttempt.objects.create(
                    notification=notification, channel=channel.name, succeeded=True, provider_message_id=message_id
                )
                finish(
                    status=NotificationStatus.SENT,
                    channel=channel.name,
                    attempts=attempts,
                    channel_attempts=channel_attempts,
                    provider_message_id=message_id,
                    sent_at=timezone.now(),
                    last_error="",
                )
                return "sent"
        else:
            DeliveryAttempt.objects.create(
                notification=notification, channel=channel.name, succeeded=False, error=reason
            )
        last_error = f"{channel.name}: {reason}"
        index += 1
        channel_attempts = 0
    finish(status=NotificationStatus.FAILED, attempts=attempts, channel_attempts=0, last_error=last_error)
    return "failed"


def notification_retry(*, notification: Notification) -> Notification:
    """An officer sends a failed or cancelled message again, from the first channel of its plan."""
    with transaction.atomic():
        locked = Notification.objects.select_for_update().get(pk=notification.pk)
        if locked.status not in (NotificationStatus.FAILED, NotificationStatus.CANCELLED):
            raise ApplicationError(
                "Chỉ gửi lại được thông báo đã thất bại hoặc đã huỷ.", code="notification_not_retryable"
            )
        if not locked.plan:
            raise ApplicationError("Người nhận không chọn kênh nào ngoài hộp thư.", code="notification_no_channel")
        locked.status = NotificationStatus.PENDING
        locked.channel = locked.plan[0]
        locked.channel_attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.save(update_fields=["status", "channel", "channel_attempts", "next_attempt_at"])
        _enqueue_after_commit(locked.pk)
    return locked


def notifications_deliver_due(*, now: dt.datetime | None = None, limit: int = 500) -> dict[str, int]:
    """The sweep: put back messages whose worker died mid-send, then deliver everything due."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS["CLAIM_TIMEOUT_SECONDS"])
    Notification.objects.filter(status=NotificationStatus.SENDING, claimed_at__lt=stale).update(
        status=NotificationStatus.PENDING, claim_token=None
    )
    outcomes: dict[str, int] = {}
    for notification_id in (
        Notification.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    ):
        outcome = notification_deliver(notification_id=notification_id, now=now)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def notifications_prune(*, now: dt.datetime | None = None) -> int:
    """Retention: delete messages and inbox entries older than RETENTION_DAYS (nothing pending is touched)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.NOTIFICATIONS["RETENTION_DAYS"])
    inbox_deleted, _ = InboxMessage.objects.filter(created_at__lt=cutoff).delete()
    outbox_deleted, _ = (
        Notification.objects.filter(created_at__lt=cutoff)
        .exclude(status__in=[NotificationStatus.PENDING, NotificationStatus.SENDING])
        .delete()
    )
    return inbox_deleted + outbox_deleted


def preference_update(*, user, channels: list[str], essential_only: bool) -> NotificationPreference:
    unknown = [channel for channel in channels if channel not in EXTERNAL_CHANNELS]
    if unknown or len(set(channels)) != len(channels):
        raise ApplicationError("Kênh nhận thông báo không hợp lệ.", code="invalid_channels")
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"channels": list(channels), "essential_only": essential_only}
    )
    return preference


def inbox_mark_read(*, user, message: InboxMessage) -> None:
    InboxMessage.objects.for_user(user).filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())


def inbox_mark_all_read(*, user) -> int:
    return InboxMessage.objects.for_user(user).unread().update(read_at=timezone.now())
