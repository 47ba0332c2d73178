"""A citizen who signed in with Zalo on the web has no phone: they add and verify one with a code sent to it, asked
when it matters; until then no page promises Zalo messages (the inbox still gets everything)."""

import pytest

from identity.models import IdentityEvent, OneTimeCode
from notifications.models import InboxMessage, Notification


@pytest.fixture
def zalo_web_citizen(citizen):
    citizen.phone = None
    citizen.save()
    return citizen


@pytest.mark.django_db
def test_without_a_phone_no_page_promises_zalo_messages(client, zalo_web_citizen):
    client.force_login(zalo_web_citizen)
    account = client.get("/tai-khoan-cua-toi/").content.decode()
    assert (
        "Chưa có — thông báo chỉ đến mục Thông báo" in account and 'href="/tai-khoan-cua-toi/so-dien-thoai/"' in account
    )
    preferences = client.get("/thong-bao/cai-dat/").content.decode()
    assert "chưa gửi được tin nhắn Zalo" in preferences
    # Plain words, not product names; every external channel can be turned off.
    assert "Tin nhắn Zalo đến số điện thoại của bạn" in preferences and "ZNS" not in preferences
    assert "Tin nhắn từ trang Zalo của tỉnh" in preferences and "chỉ muốn xem trong Cổng" in preferences
    client.post("/thong-bao/cai-dat/", {"channels": [], "first_choice": ""})
    assert zalo_web_citizen.notification_preference.channels == []


@pytest.mark.django_db
def test_the_citizen_adds_and_verifies_a_phone_with_a_code(
    client, zalo_web_citizen, sms_gateway, django_capture_on_commit_callbacks
):
    sms_gateway.without_zalo("+84376555999")
    client.force_login(zalo_web_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "0376 555 999", "next": "/ho-so/cua-toi/"})
    assert "Mã gồm 6 chữ số vừa được gửi tới số 0376 555 999" in asked.content.decode()
    code = sms_gateway.last_code("+84376555999")
    notification = Notification.objects.get(event="phone_verification_code")
    assert notification.to_phone == "+84376555999" and notification.channel == "sms"
    assert not InboxMessage.objects.exists()
    zalo_web_citizen.refresh_from_db()
    assert zalo_web_citizen.phone is None  # not until the code comes back

    wrong = "000000" if code != "000000" else "111111"
    refused = client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "+84376555999", "code": wrong})
    assert refused.status_code == 400 and "Mã không đúng" in refused.content.decode()
    done = client.post(
        "/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "+84376555999", "code": code, "next": "/ho-so/cua-toi/"}
    )
    assert done.status_code == 302 and done["Location"] == "/ho-so/cua-toi/"
    zalo_web_citizen.refresh_from_db()
    assert zalo_web_citizen.phone == "+84376555999" and zalo_web_citizen.phone_verified
    assert IdentityEvent.objects.filter(user=zalo_web_citizen, kind="phone_verified", detail__source="otp").exists()
    assert "0376 555 999" in client.get("/tai-khoan-cua-toi/").content.decode()


@pytest.mark.django_db
def test_a_phone_of_another_citizen_is_refused_in_words(client, zalo_web_citizen, other_citizen):
    client.force_login(zalo_web_citizen)
    page = client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": other_citizen.phone})
    assert page.status_code == 400 and "đã gắn với một tài khoản khác" in page.content.decode()
    assert not OneTimeCode.objects.exists()


@pytest.mark.django_db
def test_a_bad_number_is_explained(client, zalo_web_citizen):
    client.force_login(zalo_web_citizen)
    page = client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "12ab"})
    html = page.content.decode()
    assert page.status_code == 400 and 'href="#id_phone"' in html


@pytest.mark.django_db
def test_a_phone_code_is_not_a_login_code(client, zalo_web_citizen, sms_gateway, django_capture_on_commit_callbacks):
    client.force_login(zalo_web_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tai-khoan-cua-toi/so-dien-thoai/", {"phone": "0376555999"})
    code = sms_gateway.last_code("+84376555999")
    client.logout()
    login = client.post("/dang-nhap/ma/", {"phone": "0376555999", "code": code})
    assert "_auth_user_id" not in client.session and "Mã không đúng" in login.content.decode()
