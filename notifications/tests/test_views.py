"""The citizen's Thông báo pages: only their own messages, unread counts, and their channel choices."""

import pytest

from notifications.models import InboxMessage, NotificationPreference
from notifications.services import notify
from notifications.tests.conftest import DOSSIER_FACTS


def result_ready(citizen):
    return notify(
        recipient=citizen,
        event="dossier_result_ready",
        context={**DOSSIER_FACTS, "electronic": True},
        link="/ho-so/TNH-UB-25459-261123-0001/",
    )


@pytest.mark.django_db
def test_the_inbox_lists_only_my_messages_with_the_unread_count(client, citizen, other_citizen):
    result_ready(citizen)
    result_ready(citizen)
    notify(recipient=other_citizen, event="dossier_result_ready", context={**DOSSIER_FACTS, "dossier_code": "KHAC-1"})
    client.force_login(citizen)
    page = client.get("/thong-bao/").content.decode()
    assert page.count("Hồ sơ TNH-UB-25459-261123-0001 đã có kết quả") == 2
    assert "KHAC-1" not in page
    assert 'aria-label="2 chưa đọc"' in page


@pytest.mark.django_db
def test_opening_a_message_marks_it_read(client, citizen):
    result_ready(citizen)
    message = InboxMessage.objects.get(recipient=citizen)
    client.force_login(citizen)
    page = client.get(f"/thong-bao/{message.public_id}/").content.decode()
    assert "Bạn xem và tải kết quả điện tử ngay trên ứng dụng." in page
    assert 'href="/ho-so/TNH-UB-25459-261123-0001/"' in page
    message.refresh_from_db()
    assert message.read_at is not None
    assert "chưa đọc" not in client.get("/thong-bao/").content.decode()


@pytest.mark.django_db
def test_another_citizens_message_is_not_found(client, citizen, other_citizen):
    result_ready(other_citizen)
    theirs = InboxMessage.objects.get(recipient=other_citizen)
    client.force_login(citizen)
    assert client.get(f"/thong-bao/{theirs.public_id}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_mark_all_read_touches_only_my_messages(client, citizen, other_citizen):
    result_ready(citizen)
    result_ready(other_citizen)
    client.force_login(citizen)
    response = client.post("/thong-bao/doc-het/", follow=True)
    assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
    assert InboxMessage.objects.filter(recipient=other_citizen, read_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_the_inbox_needs_a_signed_in_person(client):
    response = client.get("/thong-bao/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_choosing_channels_and_the_first_one(client, citizen):
    client.force_login(citizen)
    response = client.post(
        "/thong-bao/cai-dat/",
        {"channels": ["zns", "email"], "first_choice": "email", "essential_only": "on"},
        follow=True,
    )
    assert "Đã lưu cách nhận thông báo của bạn." in response.content.decode()
    preference = NotificationPreference.objects.get(user=citizen)
    assert preference.channels == ["email", "zns"]
    assert preference.essential_only is True


@pytest.mark.django_db
def test_a_first_choice_that_is_not_chosen_is_explained_and_nothing_is_saved(client, citizen):
    client.force_login(citizen)
    response = client.post("/thong-bao/cai-dat/", {"channels": ["zns"], "first_choice": "oa"})
    assert response.status_code == 200
    assert "Kênh ưu tiên phải là một trong các kênh bạn chọn nhận." in response.content.decode()
    assert not NotificationPreference.objects.exists()


@pytest.mark.django_db
def test_unread_count_costs_one_query_and_nothing_for_visitors(client, citizen, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/")
    client.force_login(citizen)
    client.get("/")  # the first page of a session also checks consent and remembers it in the session
    with django_assert_num_queries(3):  # session, user, unread count
        client.get("/ho-so/tra-cuu/")
    with django_assert_num_queries(5):  # the home page also counts "Hồ sơ của tôi" and "Phản ánh của tôi"
        client.get("/")
