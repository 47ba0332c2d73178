"""Citizens without Zalo: created at the desk by an officer, then signing in with a code sent to their phone."""

import datetime as dt

import pytest
from django.utils import timezone

from identity.models import IdentityEvent, IdentityLevel, OneTimeCode, User
from notifications.models import InboxMessage, Notification, NotificationStatus


@pytest.fixture
def desk_citizen(officer):
    from identity.services import citizen_create_at_desk

    return citizen_create_at_desk(officer=officer, full_name="Phạm Thị Dung", phone="0376 555 888")


PHONE = "+84376555888"


@pytest.mark.django_db
def test_an_officer_creates_a_citizen_at_the_desk(client, officer):
    client.force_login(officer)
    page = client.get("/admin/identity/user/tao-tai-quay/")
    assert page.status_code == 200
    response = client.post(
        "/admin/identity/user/tao-tai-quay/", {"full_name": "Phạm Thị Dung", "phone": "0376 555 888"}, follow=True
    )
    assert "Đã tạo tài khoản cho Phạm Thị Dung (+84376555888)" in response.content.decode()
    citizen = User.objects.get(phone="+84376555888")
    assert citizen.identity_level == IdentityLevel.BASIC and not citizen.has_usable_password()
    assert IdentityEvent.objects.get(kind=IdentityEvent.Kind.CREATED_AT_DESK).actor == officer
    again = client.post("/admin/identity/user/tao-tai-quay/", {"full_name": "Ai Đó", "phone": "+84376555888"})
    assert "Số điện thoại này đã có tài khoản." in again.content.decode()


@pytest.mark.django_db
def test_a_citizen_cannot_open_the_desk_page(client, citizen):
    client.force_login(citizen)
    assert client.get("/admin/identity/user/tao-tai-quay/").status_code == 302


@pytest.mark.django_db
def test_the_citizen_signs_in_with_the_code_sent_by_sms(
    client, desk_citizen, sms_gateway, caplog, settings, django_capture_on_commit_callbacks
):
    caplog.set_level("INFO")
    sms_gateway.without_zalo(PHONE)  # a citizen without Zalo: the code goes by SMS
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/dang-nhap/ma/", {"phone": "0376555888", "next": "/thong-bao/"})
    assert "Nhập mã đăng nhập" in asked.content.decode()
    code = sms_gateway.last_code(PHONE)
    assert not any(code in record.getMessage() for record in caplog.records)  # never in a log

    notification = Notification.objects.get(event="one_time_code")
    assert notification.status == NotificationStatus.SENT and notification.channel == "sms"
    assert code not in str(notification.content)  # the code is not kept once sent
    assert not InboxMessage.objects.exists()  # and never put in an inbox
    assert code not in OneTimeCode.objects.get().code_hash

    response = client.post("/dang-nhap/ma/", {"phone": "+84376555888", "code": code, "next": "/thong-bao/"})
    assert response.status_code == 302 and response["Location"] == "/thong-bao/"
    assert client.session["_auth_user_id"] == str(desk_citizen.pk)

    client.logout()
    replay = client.post("/dang-nhap/ma/", {"phone": "+84376555888", "code": code})
    assert "Mã không đúng hoặc đã hết hạn" in replay.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_and_expired_codes_are_refused_and_tries_are_limited(
    client, desk_citizen, sms_gateway, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dang-nhap/ma/", {"phone": "0376555888"})
    code = sms_gateway.last_code(PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(settings.OTP_MAX_ATTEMPTS):
        client.post("/dang-nhap/ma/", {"phone": "0376555888", "code": wrong})
    # Even the right code no longer works after too many wrong tries.
    response = client.post("/dang-nhap/ma/", {"phone": "0376555888", "code": code})
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dang-nhap/ma/", {"phone": "0376555888"})
    fresh = sms_gateway.last_code(PHONE)
    OneTimeCode.objects.filter(used_at__isnull=True).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = client.post("/dang-nhap/ma/", {"phone": "0376555888", "code": fresh})
    assert "Mã không đúng hoặc đã hết hạn" in expired.content.decode()


@pytest.mark.django_db
def test_asking_for_a_code_does_not_reveal_whether_a_phone_is_registered(client):
    response = client.post("/dang-nhap/ma/", {"phone": "0912000111"})
    assert "Nếu số điện thoại đã đăng ký" in response.content.decode()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_a_badly_typed_phone_is_explained(client):
    response = client.post("/dang-nhap/ma/", {"phone": "12ab"})
    assert "Số điện thoại không hợp lệ." in response.content.decode()


@pytest.mark.django_db
def test_codes_cannot_be_requested_endlessly(client, desk_citizen):
    for _ in range(3):
        client.post("/dang-nhap/ma/", {"phone": "0376555888"})
    response = client.post("/dang-nhap/ma/", {"phone": "0376555888"})
    assert "Bạn đã yêu cầu mã quá nhiều lần" in response.content.decode()
    assert OneTimeCode.objects.count() == 3
