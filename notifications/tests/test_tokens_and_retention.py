import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from notifications.models import InboxMessage, Notification, NotificationStatus, ZaloOAToken
from notifications.services import notifications_prune, notify
from notifications.tests.conftest import DOSSIER_FACTS


@pytest.mark.django_db
def test_the_oa_token_is_stored_encrypted_from_standard_input(monkeypatch):
    payload = {"access_token": "AT-bi-mat-123", "refresh_token": "RT-bi-mat-456", "expires_in": "90000"}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(payload)))
    call_command("zalo_oa_token", stdout=io.StringIO())
    token = ZaloOAToken.objects.get()
    assert (token.access_token, token.refresh_token) == ("AT-bi-mat-123", "RT-bi-mat-456")
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_token_encrypted, refresh_token_encrypted FROM notifications_zalooatoken")
        raw = " ".join(cursor.fetchone())
    assert "bi-mat" not in raw
    assert token.access_expires_at > timezone.now() + dt.timedelta(hours=24)


@pytest.mark.django_db
def test_a_malformed_token_input_is_refused(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("không phải json"))
    with pytest.raises(CommandError):
        call_command("zalo_oa_token")
    assert not ZaloOAToken.objects.exists()


@pytest.mark.django_db
def test_an_access_token_past_its_expiry_is_refreshed_before_sending(
    zalo, reachable_citizen, django_capture_on_commit_callbacks
):
    ZaloOAToken.objects.update(access_expires_at=timezone.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(recipient=reachable_citizen, event="dossier_result_ready", context=DOSSIER_FACTS)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert zalo.state.refreshes == 1


@pytest.mark.django_db
def test_retention_deletes_old_messages_but_never_pending_ones(citizen, settings):
    old = notify(recipient=citizen, event="dossier_result_ready", context=DOSSIER_FACTS)
    waiting = notify(recipient=citizen, event="dossier_received", context=DOSSIER_FACTS)
    recent = notify(recipient=citizen, event="payment_confirmed", context={"receipt_number": "BL-1"})
    long_ago = timezone.now() - dt.timedelta(days=settings.NOTIFICATIONS["RETENTION_DAYS"] + 1)
    Notification.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=long_ago)
    Notification.objects.filter(pk=old.pk).update(status=NotificationStatus.SENT)
    InboxMessage.objects.filter(notification__in=[old, waiting]).update(created_at=long_ago)

    notifications_prune()

    assert set(Notification.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}
    assert InboxMessage.objects.filter(notification=recent).exists()
    assert not InboxMessage.objects.filter(notification=old).exists()
