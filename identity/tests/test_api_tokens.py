"""The API's bearer tokens: issued by the mini app's Zalo sign-in, hashed at rest, expiring, revoked on sign-out
and on account deletion; and the single-use link that carries the mini app's citizen to the web for level 2."""

import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from identity.handoff import handoff_link
from identity.models import ApiToken, User
from identity.tokens import api_token_issue


@pytest.fixture
def zalo_user(zalo):
    zalo.add_user("8421000001", "Nguyễn Văn An", phone="84912345678")
    return "8421000001"


def sign_in(client, zalo, zalo_user):
    response = client.post(
        "/api/v1/auth/zalo/",
        {"access_token": zalo.user_access_token(zalo_user)},
        content_type="application/json",
        HTTP_X_CLIENT="zalo-miniapp",
    )
    assert response.status_code == 200, response.content
    client.logout()  # the API client below relies on its bearer token only, as the mini app does
    return response.json()


def me(client, key):
    return client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.django_db
def test_sign_in_gives_a_bearer_token_that_expires_in_30_days_and_is_stored_hashed(client, zalo, zalo_user):
    body = sign_in(client, zalo, zalo_user)
    assert body["token_type"] == "Bearer"
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert dt.timedelta(days=29, hours=23) < expires - timezone.now() <= dt.timedelta(days=30)
    stored = ApiToken.objects.get()
    assert stored.client == "zalo-miniapp"
    assert body["token"] not in stored.key_hash and len(stored.key_hash) == 64
    assert me(client, body["token"]).json()["full_name"] == "Nguyễn Văn An"


@pytest.mark.django_db
def test_an_expired_token_is_refused_with_its_own_code(client, citizen):
    key, token = api_token_issue(user=citizen, now=timezone.now() - dt.timedelta(days=31))
    response = me(client, key)
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert response.json()["detail"] == "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_sign_out_revokes_this_token_only(client, zalo, zalo_user):
    phone = sign_in(client, zalo, zalo_user)["token"]
    tablet = sign_in(client, zalo, zalo_user)["token"]
    response = client.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Bearer {phone}")
    assert response.status_code == 204
    refused = me(client, phone)
    assert refused.status_code == 401 and refused.json()["code"] == "token_revoked"
    assert me(client, tablet).status_code == 200
    # Signing out twice is answered plainly, not with a server error.
    assert client.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Bearer {phone}").status_code == 401


@pytest.mark.django_db
def test_account_deletion_revokes_every_token(client, zalo, zalo_user):
    first = sign_in(client, zalo, zalo_user)["token"]
    second = sign_in(client, zalo, zalo_user)["token"]
    wrong = client.post(
        "/api/v1/me/delete/", {"confirm": "có"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {first}"
    )
    assert wrong.status_code == 400 and wrong.json()["code"] == "confirm_required"
    assert me(client, first).status_code == 200  # nothing happened
    done = client.post(
        "/api/v1/me/delete/", {"confirm": "xoa"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {first}"
    )
    assert done.status_code == 204
    for key in (first, second):
        assert me(client, key).status_code == 401
    assert not User.objects.get().is_active
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_my_data_is_my_own(client, citizen, other_citizen):
    key, _ = api_token_issue(user=citizen)
    body = client.get("/api/v1/me/data/", HTTP_AUTHORIZATION=f"Bearer {key}").json()["data"]
    text = str(body)
    assert "Nguyễn Văn An" in text and "Trần Thị Bích" not in text
    assert client.get("/api/v1/me/data/").status_code == 401


@pytest.mark.django_db
def test_the_location_token_becomes_coordinates_once(client, zalo, zalo_user):
    key = sign_in(client, zalo, zalo_user)["token"]
    access = zalo.user_access_token(zalo_user)
    token = zalo.location_token(zalo_user, 11.3101, 106.0983)
    payload = {"access_token": access, "location_token": token}
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    first = client.post("/api/v1/me/location/", payload, content_type="application/json", **auth)
    assert first.json() == {"latitude": 11.3101, "longitude": 106.0983}
    again = client.post("/api/v1/me/location/", payload, content_type="application/json", **auth)
    assert again.status_code == 400 and again.json()["code"] == "location_token_invalid"


@pytest.mark.django_db
def test_the_web_link_signs_the_same_citizen_in_once_within_two_minutes(client, citizen, settings):
    cache.clear()
    key, _ = api_token_issue(user=citizen)
    url = client.post("/api/v1/auth/web-link/", HTTP_AUTHORIZATION=f"Bearer {key}").json()["url"]
    assert url.startswith(settings.PUBLIC_BASE_URL + "/dang-nhap/tu-mini-app/")
    path = url.removeprefix(settings.PUBLIC_BASE_URL)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == "/tai-khoan-cua-toi/"
    page = client.get("/tai-khoan-cua-toi/").content.decode()
    assert "Bạn mở trang này từ mini app trên Zalo" in page
    client.logout()
    replay = client.get(path)
    assert replay.status_code == 400 and "chỉ dùng được một lần" in replay.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_tampered_or_late_web_link_signs_nobody_in(client, citizen, settings, monkeypatch):
    cache.clear()
    path = handoff_link(citizen).removeprefix(settings.PUBLIC_BASE_URL)
    assert client.get(path[:-3] + "abc/").status_code == 400
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + 121)  # the clock, not our code
    assert client.get(path).status_code == 400
    assert "_auth_user_id" not in client.session
