import pytest

from agencies.tests.factories import UserFactory
from notifications.models import Notification, NotificationStatus
from notifications.services import notify
from notifications.tests.conftest import DOSSIER_FACTS


def failed_for(citizen, agency):
    notification = notify(recipient=citizen, event="dossier_result_ready", context=DOSSIER_FACTS, agency=agency)
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.FAILED, last_error="zns: lỗi")
    return notification


@pytest.mark.django_db
def test_an_officer_sees_only_messages_about_their_agencys_work(client, officer, agency, other_agency, citizen):
    mine = failed_for(citizen, agency)
    theirs = failed_for(citizen, other_agency)
    client.force_login(officer)
    response = client.get("/admin/notifications/notification/", {"status": "failed"})
    assert response.status_code == 200
    shown = {n.pk for n in response.context["cl"].result_list}
    assert shown == {mine.pk}
    assert client.get(f"/admin/notifications/notification/{theirs.pk}/change/").status_code == 302
    counts = response.context["event_counts"]
    assert counts == [
        {
            "event": "dossier_result_ready",
            "total": 1,
            "sent": 0,
            "pending": 0,
            "failed": 1,
            "label": "Hồ sơ đã có kết quả",
        }
    ]


@pytest.mark.django_db
def test_retry_from_the_back_office_goes_through_the_service_and_delivers(
    client, officer, agency, citizen, zalo, django_capture_on_commit_callbacks
):
    notification = failed_for(citizen, agency)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/notifications/notification/",
            {"action": "retry", "_selected_action": [notification.pk]},
            follow=True,
        )
    assert "Đã xếp gửi lại 1 thông báo." in response.content.decode()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(zalo.messages("zns")) == 1


@pytest.mark.django_db
def test_a_sent_message_is_not_sent_again(client, officer, agency, citizen):
    notification = failed_for(citizen, agency)
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.SENT)
    client.force_login(officer)
    response = client.post(
        "/admin/notifications/notification/", {"action": "retry", "_selected_action": [notification.pk]}, follow=True
    )
    assert "Chỉ gửi lại được thông báo đã thất bại hoặc đã huỷ." in response.content.decode()
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT


@pytest.mark.django_db
def test_citizens_inboxes_are_for_superusers_only(client, officer, citizen):
    notify(recipient=citizen, event="dossier_result_ready", context=DOSSIER_FACTS)
    client.force_login(officer)
    assert client.get("/admin/notifications/inboxmessage/").status_code == 403
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/notifications/inboxmessage/").status_code == 200
