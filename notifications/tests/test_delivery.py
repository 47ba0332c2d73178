"""The outbox: written with the business change, delivered after commit, retried, falling back, never doubled."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.models import (
    Channel,
    DeliveryAttempt,
    InboxMessage,
    Notification,
    NotificationStatus,
    ZaloOAToken,
)
from notifications.services import notification_deliver, notifications_deliver_due, notify
from notifications.tests.conftest import DOSSIER_FACTS

DUE = timezone.make_aware(dt.datetime(2026, 12, 1, 17, 0))


def received(citizen, **extra):
    return notify(
        recipient=citizen,
        event="dossier_received",
        context={**DOSSIER_FACTS, "due_at": DUE},
        link="/ho-so/TNH-UB-25459-261123-0001/",
        **extra,
    )


class BusinessChangeFailed(Exception):
    pass


@pytest.mark.django_db
def test_a_rolled_back_business_change_leaves_no_notification(zalo, reachable_citizen):
    with pytest.raises(BusinessChangeFailed), transaction.atomic():
        received(reachable_citizen)
        raise BusinessChangeFailed
    assert not Notification.objects.exists()
    assert not InboxMessage.objects.exists()
    assert zalo.messages() == []


@pytest.mark.django_db
def test_it_is_written_at_once_but_sent_only_after_commit(zalo, reachable_citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = received(reachable_citizen)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert InboxMessage.objects.get(recipient=reachable_citizen).title == (
        "Hồ sơ TNH-UB-25459-261123-0001 đã được tiếp nhận"
    )
    assert zalo.messages() == []  # nothing left before commit
    assert len(callbacks) == 1

    callbacks[0]()  # the commit happens: the task runs (immediate backend in tests)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.channel == Channel.ZNS
    [sent] = zalo.messages("zns")
    assert sent["phone"] == reachable_citizen.phone.lstrip("+")
    assert sent["tracking_id"] == str(notification.public_id)
    assert sent["template_data"]["due_date"] == "01/12/2026"  # ZNS dates are dd/mm/yyyy
    assert notification.provider_message_id == sent["msg_id"]


@pytest.mark.django_db
def test_a_transient_error_is_retried_with_growing_waits_then_marked_failed(
    zalo, reachable_citizen, settings, django_capture_on_commit_callbacks
):
    preference = reachable_citizen.notification_preference
    preference.channels = ["zns"]
    preference.save()
    zalo.fail_next("/message/template", status=503, times=10)
    with django_capture_on_commit_callbacks(execute=True):
        notification = received(reachable_citizen)

    notification.refresh_from_db()
    first_attempt_at = notification.delivery_attempts.get().attempted_at
    due_times = [notification.next_attempt_at]
    for _ in range(3):
        assert notification.status == NotificationStatus.PENDING
        assert notification_deliver(notification_id=notification.pk, now=timezone.now()) == "skipped"  # not due
        notification_deliver(notification_id=notification.pk, now=notification.next_attempt_at)
        notification.refresh_from_db()
        due_times.append(notification.next_attempt_at)
    waits = [due_times[0] - first_attempt_at, due_times[1] - due_times[0], due_times[2] - due_times[1]]
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == settings.NOTIFICATIONS["MAX_ATTEMPTS_PER_CHANNEL"] == 4
    assert "HTTP 503" in notification.last_error
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 5, 25]
    assert DeliveryAttempt.objects.filter(notification=notification, succeeded=False).count() == 4
    # The citizen still has the message in the app.
    assert InboxMessage.objects.filter(notification=notification).exists()


@pytest.mark.django_db
def test_a_zns_refusal_falls_back_to_the_next_channel_at_once(
    zalo, reachable_citizen, django_capture_on_commit_callbacks
):
    zalo.state.phones_without_zalo.add(reachable_citizen.phone.lstrip("+"))
    with django_capture_on_commit_callbacks(execute=True):
        notification = received(reachable_citizen)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.channel == Channel.OA
    [message] = zalo.messages("oa")
    assert message["user_id"] == "oa-user-an"
    assert "TNH-UB-25459-261123-0001" in message["text"]
    attempts = list(notification.delivery_attempts.values_list("channel", "succeeded", "error"))
    assert attempts == [("zns", False, "Zalo -118: Zalo account not existed"), ("oa", True, "")]


@pytest.mark.django_db
def test_it_falls_back_to_email_when_not_following_the_oa(zalo, reachable_citizen, django_capture_on_commit_callbacks):
    preference = reachable_citizen.notification_preference
    preference.zalo_oa_user_id = ""
    preference.save()
    reachable_citizen.phone = None
    reachable_citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = received(reachable_citizen)
    notification.refresh_from_db()
    assert notification.channel == Channel.EMAIL
    assert notification.status == NotificationStatus.SENT
    [email] = mail.outbox
    assert email.to == ["an.nguyen@example.vn"]
    assert email.subject == "Hồ sơ TNH-UB-25459-261123-0001 đã được tiếp nhận"
    assert "http://127.0.0.1:8000/ho-so/TNH-UB-25459-261123-0001/" in email.body
    assert "text/html" in [mimetype for _, mimetype in email.alternatives]
    reasons = list(notification.delivery_attempts.values_list("error", flat=True))
    assert reasons == ["chưa có số điện thoại", "chưa theo dõi Zalo OA", ""]


@pytest.mark.django_db
def test_when_no_channel_can_deliver_it_fails_but_stays_in_the_inbox(zalo, citizen, django_capture_on_commit_callbacks):
    citizen.phone = None
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = received(citizen)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.last_error == "email: chưa có địa chỉ thư điện tử"
    assert InboxMessage.objects.filter(recipient=citizen).count() == 1


@pytest.mark.django_db
def test_an_expired_token_is_refreshed_once_and_the_new_pair_is_stored(
    zalo, reachable_citizen, django_capture_on_commit_callbacks
):
    zalo.expire_access_token(zalo.initial_access_token)
    old_refresh = ZaloOAToken.objects.get().refresh_token
    with django_capture_on_commit_callbacks(execute=True):
        notification = received(reachable_citizen)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert zalo.state.refreshes == 1
    token = ZaloOAToken.objects.get()
    assert token.refresh_token != old_refresh  # single-use: the new one is stored
    assert old_refresh not in zalo.state.refresh_tokens
    # Stored encrypted: neither token appears in the database column.
    assert token.access_token not in token.access_token_encrypted
    assert token.refresh_token not in token.refresh_token_encrypted

    # The stored refresh token works next time too.
    zalo.expire_access_token(token.access_token)
    with django_capture_on_commit_callbacks(execute=True):
        second = notify(recipient=reachable_citizen, event="dossier_result_ready", context={**DOSSIER_FACTS})
    second.refresh_from_db()
    assert second.status == NotificationStatus.SENT
    assert zalo.state.refreshes == 2


@pytest.mark.django_db
def test_a_token_still_refused_after_one_refresh_is_not_retried_in_a_loop(
    zalo, reachable_citizen, django_capture_on_commit_callbacks
):
    zalo.fail_next("/message/template", body={"error": -124, "message": "Access token is invalid"}, times=2)
    with django_capture_on_commit_callbacks(execute=True):
        notification = received(reachable_citizen)
    assert zalo.state.refreshes == 1
    zns_attempt = notification.delivery_attempts.get(channel="zns")
    assert zns_attempt.error == "Zalo -124: Access token is invalid"
    notification.refresh_from_db()
    assert notification.channel == Channel.OA  # fell back after the one retry


@pytest.mark.django_db
def test_a_zns_parameter_too_long_for_zalo_falls_back_without_calling_zalo(
    zalo, reachable_citizen, django_capture_on_commit_callbacks
):
    facts = {**DOSSIER_FACTS, "dossier_code": "X" * 31}
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=reachable_citizen, event="dossier_result_ready", context=facts)
    notification.refresh_from_db()
    assert zalo.messages("zns") == []
    assert notification.channel == Channel.OA
    assert "dossier_code" in notification.delivery_attempts.get(channel="zns").error


@pytest.mark.django_db
def test_long_names_are_shortened_to_the_zns_limit(zalo, reachable_citizen, django_capture_on_commit_callbacks):
    reachable_citizen.full_name = "Nguyễn Thị Phương Thảo Hoàng Bảo Ngọc Anh"
    reachable_citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        received(reachable_citizen)
    name = zalo.messages("zns")[0]["template_data"]["customer_name"]
    assert len(name) <= 30 and name.endswith("…")
    assert name.startswith("Nguyễn Thị Phương Thảo")


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_deliver_the_same_message_twice(zalo, reachable_citizen, run_concurrently):
    with transaction.atomic():
        notification = notify(recipient=reachable_citizen, event="dossier_result_ready", context={**DOSSIER_FACTS})
    # The immediate backend delivered on commit; put it back in the queue to race two workers on it.
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.PENDING, channel="zns")
    zalo.state.sent.clear()

    outcomes = run_concurrently(lambda: notification_deliver(notification_id=notification.pk))
    assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped"]
    assert len(zalo.messages()) == 1


@pytest.mark.django_db
def test_the_sweep_sends_what_an_enqueue_missed_and_recovers_a_dead_worker(zalo, reachable_citizen):
    with transaction.atomic():
        lost = notify(recipient=reachable_citizen, event="dossier_result_ready", context={**DOSSIER_FACTS})
        # (no on-commit callbacks run in a non-transactional test: as if the queue were down)
    stuck = notify(
        recipient=reachable_citizen,
        event="payment_confirmed",
        context={
            "amount_vnd": "150.000 đ",
            "description": "Học phí tháng 11",
            "paid_at": DUE,
            "receipt_number": "BL-0001",
        },
    )
    Notification.objects.filter(pk=stuck.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1)
    )
    outcomes = notifications_deliver_due()
    assert outcomes == {"sent": 2}
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}
    assert lost.pk != stuck.pk


@pytest.mark.django_db
def test_a_dedupe_key_writes_one_notification_for_one_fact(zalo, reachable_citizen):
    first = received(reachable_citizen, dedupe_key="dossier_received:TNH-UB-25459-261123-0001")
    again = received(reachable_citizen, dedupe_key="dossier_received:TNH-UB-25459-261123-0001")
    assert first.pk == again.pk
    assert Notification.objects.count() == 1
    assert InboxMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_queue_that_refuses_the_task_does_not_undo_the_business_change(zalo, reachable_citizen, settings, caplog):
    # A backend whose only queue is not ours: enqueue raises after commit.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["elsewhere"]}}
    with transaction.atomic():
        notification = notify(recipient=reachable_citizen, event="dossier_result_ready", context={**DOSSIER_FACTS})
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING  # committed, waiting for the sweep
    assert "the periodic sweep will send it" in caplog.text
    assert notifications_deliver_due() == {"sent": 1}
