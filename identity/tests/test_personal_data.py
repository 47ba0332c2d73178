"""Consent (versioned), "Dữ liệu của tôi" (export), account deletion, age bracket."""

import datetime as dt
import json

import pytest
from allauth.socialaccount.models import SocialAccount
from django.utils import timezone

from identity.models import CitizenProfile, Consent, ConsentNotice, IdentityEvent, User
from notifications.models import InboxMessage, Notification
from notifications.services import notify


def publish(version: str) -> ConsentNotice:
    from django.core.cache import cache

    cache.delete("identity:current_consent_version")
    return ConsentNotice.objects.create(
        version=version,
        title="Thông báo xử lý dữ liệu cá nhân",
        text=f"Chúng tôi xử lý họ tên và số điện thoại của bạn để giải quyết thủ tục hành chính (bản {version}).",
        published_at=timezone.now(),
    )


@pytest.mark.django_db
def test_a_citizen_consents_once_per_version(client):
    from agencies.tests.factories import CitizenFactory

    citizen = CitizenFactory()  # first login: no consent yet
    v1 = ConsentNotice.current()
    assert v1.version == "1.0" and "Nghị định 13/2023" in v1.text  # published by a migration
    client.force_login(citizen)
    response = client.get("/thong-bao/")
    assert response.status_code == 302
    assert response["Location"] == "/dong-y/?next=%2Fthong-bao%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Thông báo về xử lý dữ liệu cá nhân" in page
    assert client.post("/dong-y/", {"next": "/thong-bao/"})["Location"] == "/thong-bao/"
    assert Consent.objects.get(user=citizen).notice == v1
    assert client.get("/thong-bao/").status_code == 200

    publish("2.0")  # a new version asks again
    response = client.get("/thong-bao/")
    assert response["Location"].startswith("/dong-y/")
    assert "Nội dung đã được cập nhật (phiên bản 2.0)" in client.get(response["Location"]).content.decode()
    client.post("/dong-y/", {"next": "/"})
    assert list(
        Consent.objects.filter(user=citizen).values_list("notice__version", flat=True).order_by("given_at")
    ) == [
        "1.0",
        "2.0",
    ]


@pytest.mark.django_db
def test_the_mini_app_sees_and_gives_consent_through_the_api(client, citizen):
    assert client.get("/api/v1/me/").status_code == 401
    client.force_login(citizen)
    assert client.get("/api/v1/me/").json()["consent_required"] is None  # agreed to 1.0
    publish("1.1")
    assert client.get("/api/v1/me/").json()["consent_required"] == "1.1"
    stale = client.post("/api/v1/me/consent/", {"version": "1.0"}, content_type="application/json")
    assert stale.status_code == 400 and stale.json()["code"] == "consent_outdated"
    response = client.post("/api/v1/me/consent/", {"version": "1.1"}, content_type="application/json")
    assert response.json()["consent_required"] is None


@pytest.mark.django_db
def test_officers_are_not_asked_for_citizen_consent(client, officer):
    client.force_login(officer)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_my_data_contains_everything_about_me_and_nothing_about_others(client, citizen, other_citizen):
    CitizenProfile.objects.create(user=citizen, citizen_id="072068001234", date_of_birth=dt.date(1968, 3, 15))
    SocialAccount.objects.create(user=citizen, provider="zalo", uid="8421000001")
    notify(recipient=citizen, event="question_answered", context={"question_title": "Đăng ký kết hôn"})
    notify(recipient=other_citizen, event="question_answered", context={"question_title": "Câu hỏi của người khác"})
    client.force_login(citizen)

    page = client.get("/du-lieu-cua-toi/").content.decode()
    assert "072068001234" in page and "Nguyễn Văn An" in page
    response = client.get("/du-lieu-cua-toi/?dinh-dang=json")
    assert response["Content-Disposition"].startswith('attachment; filename="du-lieu-cua-toi.json"')
    data = json.loads(response.content)
    assert data["tai_khoan"]["ho_ten"] == "Nguyễn Văn An"
    # The day the account was last used is all the usage counters keep about a person, and it is shown.
    from django.utils import timezone

    assert data["tai_khoan"]["ngay_dung_gan_nhat"] == timezone.localdate().strftime("%d/%m/%Y")
    assert "Ngày dùng gần nhất" in page
    assert data["ho_so_cong_dan"]["so_cccd"] == "072068001234"
    assert data["lien_ket_dang_nhap"][0]["ma"] == "8421000001"
    assert len(data["hop_thu"]) == 1
    dumped = json.dumps(data, ensure_ascii=False)
    assert "Trần Thị Bích" not in dumped and "Câu hỏi của người khác" not in dumped
    assert other_citizen.phone not in dumped
    assert IdentityEvent.objects.filter(user=citizen, kind=IdentityEvent.Kind.DATA_EXPORTED).exists()


@pytest.mark.django_db
def test_deleting_my_account_erases_my_data_and_logs_the_request(client, citizen, other_citizen):
    CitizenProfile.objects.create(user=citizen, citizen_id="072068001234")
    SocialAccount.objects.create(user=citizen, provider="zalo", uid="8421000001")
    notify(recipient=citizen, event="question_answered", context={"question_title": "Đăng ký kết hôn"})
    notify(recipient=other_citizen, event="question_answered", context={"question_title": "Khác"})
    client.force_login(citizen)

    refused = client.post("/du-lieu-cua-toi/xoa-tai-khoan/", {})
    assert "Vui lòng đánh dấu xác nhận" in refused.content.decode()
    response = client.post("/du-lieu-cua-toi/xoa-tai-khoan/", {"confirm": "on"})
    assert "Tài khoản đã được xoá" in response.content.decode()

    gone = User.objects.get(pk=citizen.pk)
    assert not gone.is_active and gone.full_name == "" and gone.phone is None
    assert gone.username.startswith("da_xoa_")
    assert not CitizenProfile.objects.filter(user=gone).exists()
    assert not SocialAccount.objects.filter(uid="8421000001").exists()
    assert not InboxMessage.objects.filter(recipient=gone).exists()
    assert not Notification.objects.filter(recipient=gone).exists()
    assert InboxMessage.objects.filter(recipient=other_citizen).count() == 1  # others untouched
    kinds = set(IdentityEvent.objects.filter(user=gone).values_list("kind", flat=True))
    assert {IdentityEvent.Kind.DELETION_REQUESTED, IdentityEvent.Kind.ACCOUNT_DELETED} <= kinds
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_age_bracket_uses_the_verified_birth_date_or_the_declared_year(citizen):
    today = dt.date(2026, 11, 22)
    profile = CitizenProfile.objects.create(user=citizen)
    assert profile.age_bracket(today) is None
    profile.declared_birth_year = 1990
    assert profile.age_bracket(today) == "<45"
    profile.date_of_birth = dt.date(1981, 11, 23)  # turns 45 tomorrow
    assert profile.age_bracket(today) == "<45"
    profile.date_of_birth = dt.date(1981, 11, 22)
    assert profile.age_bracket(today) == "45+"


@pytest.mark.django_db
def test_a_citizen_may_declare_a_birth_year_for_statistics(client, citizen):
    client.force_login(citizen)
    assert "Năm sinh (không bắt buộc" in client.get("/tai-khoan-cua-toi/").content.decode()
    bad = client.post("/tai-khoan-cua-toi/", {"birth_year": "1800"})
    assert "Năm sinh không hợp lệ." in bad.content.decode()
    typo = client.post("/tai-khoan-cua-toi/", {"birth_year": "abc"})
    assert "Vui lòng nhập năm sinh bằng số" in typo.content.decode()
    client.post("/tai-khoan-cua-toi/", {"birth_year": "1960"})
    assert CitizenProfile.objects.get(user=citizen).age_bracket() == "45+"
