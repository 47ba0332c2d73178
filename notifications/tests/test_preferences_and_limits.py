import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from notifications.models import Channel, InboxMessage, Notification, NotificationPreference, NotificationStatus
from notifications.services import notification_deliver, notify, preference_update
from notifications.tests.conftest import DOSSIER_FACTS


def answered(citizen):
    return notify(
        recipient=citizen,
        event="question_answered",
        context={"question_title": "Thủ tục đăng ký kết hôn", "agency_name": "Sở Tư pháp"},
        link="/hoi-dap/1/",
    )


def result_ready(citizen):
    return notify(recipient=citizen, event="dossier_result_ready", context={**DOSSIER_FACTS, "electronic": True})


@pytest.mark.django_db
def test_opting_out_drops_non_essential_messages_entirely(zalo, reachable_citizen):
    preference_update(user=reachable_citizen, channels=["zns", "oa"], essential_only=True)
    reachable_citizen.refresh_from_db()
    assert answered(reachable_citizen) is None
    assert not InboxMessage.objects.exists()


@pytest.mark.django_db
def test_essential_messages_still_reach_the_inbox_when_every_channel_is_off(
    zalo, reachable_citizen, django_capture_on_commit_callbacks
):
    preference_update(user=reachable_citizen, channels=[], essential_only=True)
    reachable_citizen.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = result_ready(reachable_citizen)
    assert callbacks == []  # nothing to push
    assert notification.status == NotificationStatus.SENT
    assert notification.channel == Channel.INBOX
    assert InboxMessage.objects.get(recipient=reachable_citizen).title.endswith("đã có kết quả")
    assert zalo.messages() == []


@pytest.mark.django_db
def test_the_chosen_order_is_followed(zalo, reachable_citizen, django_capture_on_commit_callbacks):
    preference_update(user=reachable_citizen, channels=["email", "zns"], essential_only=False)
    reachable_citizen.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notification = answered(reachable_citizen)
    notification.refresh_from_db()
    assert notification.plan == ["email"]  # this event has no ZNS template: ZNS is not in its plan
    assert notification.channel == Channel.EMAIL
    assert zalo.messages() == []


@pytest.mark.django_db
def test_unknown_or_repeated_channels_are_refused(citizen):
    from citizen_portal.api.exceptions import ApplicationError

    for channels in (["sms"], ["zns", "zns"], ["inbox"]):
        with pytest.raises(ApplicationError) as error:
            preference_update(user=citizen, channels=channels, essential_only=False)
        assert error.value.get_codes() == "invalid_channels"
    assert not NotificationPreference.objects.exists()


@pytest.mark.django_db
def test_the_rate_limit_holds_back_essential_messages_and_drops_the_rest(
    zalo, reachable_citizen, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "RATE_LIMIT_PER_HOUR": 2}
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (result_ready(reachable_citizen) for _ in range(3))
        chatter = answered(reachable_citizen)
    statuses = {n.pk: n.status for n in Notification.objects.all()}
    assert [statuses[first.pk], statuses[second.pk]] == [NotificationStatus.SENT, NotificationStatus.SENT]
    assert statuses[third.pk] == NotificationStatus.PENDING
    assert statuses[chatter.pk] == NotificationStatus.CANCELLED
    assert len(zalo.messages()) == 2
    third.refresh_from_db()
    assert third.next_attempt_at > timezone.now() + dt.timedelta(minutes=55)
    # An hour later the held-back essential message goes out.
    assert notification_deliver(notification_id=third.pk, now=third.next_attempt_at) == "sent"
    assert len(zalo.messages()) == 3
    # All four are in the inbox regardless.
    assert InboxMessage.objects.filter(recipient=reachable_citizen).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_delivers_after_commit(zalo, reachable_citizen, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with transaction.atomic():
        notification = result_ready(reachable_citizen)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING  # queued, waiting for a worker
    call_command("db_worker", "--batch", "--no-startup-delay")
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(zalo.messages("zns")) == 1
