"""Level 2 through a real OpenID Provider on 127.0.0.1: upgrade, linking, CCCD conflicts, the level gate, expiry."""

import datetime as dt
import urllib.parse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.utils import timezone

from identity.models import CitizenProfile, IdentityEvent, IdentityLevel, User


def verify_at_provider(client, oidc, account_id: str, next_url: str = "/tai-khoan-cua-toi/"):
    """Press "Xác thực bằng Tây Ninh ID", sign in at the provider as `account_id`, come back to our callback."""
    oidc.login_as(account_id)
    start = client.post("/tai-khoan/oidc/tayninh-id/login/", {"process": "connect", "next": next_url})
    assert start.status_code == 302, start.content[:500]
    location, browser = start["Location"], requests.Session()
    for _ in range(10):  # the browser following the provider's redirects until it is sent back to us
        if location.startswith("http://testserver/"):
            break
        response = browser.get(urllib.parse.urljoin(oidc.issuer, location), allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), response.text[:500]
        location = response.headers["Location"]
    parts = urllib.parse.urlsplit(location)
    return client.get(f"{parts.path}?{parts.query}")


@pytest.mark.django_db
def test_a_level1_citizen_verifies_at_the_provincial_sso_and_stays_one_account(client, citizen, oidc):
    client.force_login(citizen)
    response = verify_at_provider(client, oidc, "tn-0001", next_url="/thong-bao/")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/thong-bao/"

    citizen.refresh_from_db()
    assert citizen.identity_level == IdentityLevel.VERIFIED
    assert citizen.current_identity_level() == IdentityLevel.VERIFIED
    assert citizen.full_name == "Nguyễn Văn An"
    profile = CitizenProfile.objects.get(user=citizen)
    assert profile.citizen_id == "072068001234"
    assert profile.date_of_birth == dt.date(1968, 3, 15)
    assert profile.sex == "male"
    assert profile.address.startswith("12 Cách Mạng Tháng Tám")
    assert profile.verified_by == "Tây Ninh ID"
    assert profile.verified_until > timezone.now() + dt.timedelta(days=360)
    assert profile.age_bracket() == "45+"
    # Linked to the existing account: no second user.
    assert SocialAccount.objects.get(provider="tayninh-id").user == citizen
    assert User.objects.count() == 1
    assert IdentityEvent.objects.filter(user=citizen, kind=IdentityEvent.Kind.LEVEL2_VERIFIED).exists()


@pytest.mark.django_db
def test_a_citizen_id_already_verified_for_another_account_is_refused_and_logged(client, citizen, other_citizen, oidc):
    CitizenProfile.objects.create(user=other_citizen, citizen_id="072068001234")
    client.force_login(citizen)
    response = verify_at_provider(client, oidc, "tn-0001")
    assert response.status_code == 409
    assert "Số CCCD này đã được xác thực cho một tài khoản khác" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.identity_level == IdentityLevel.BASIC
    assert not SocialAccount.objects.filter(user=citizen).exists()
    event = IdentityEvent.objects.get(kind=IdentityEvent.Kind.CITIZEN_ID_CONFLICT)
    assert event.user == citizen and event.detail["other_user"] == other_citizen.pk


@pytest.mark.django_db
def test_a_citizen_id_inconsistent_with_the_birth_year_is_refused(client, citizen, oidc):
    client.force_login(citizen)
    response = verify_at_provider(client, oidc, "tn-bad")
    assert response.status_code == 400
    assert "không khớp với năm sinh" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.identity_level == IdentityLevel.BASIC


@pytest.mark.django_db
def test_without_signing_in_first_the_provider_cannot_create_an_account(client, oidc):
    response = verify_at_provider(client, oidc, "tn-0002")
    assert response.status_code == 403
    assert "Vui lòng đăng nhập bằng Zalo trước" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_an_expired_verification_counts_as_level1_and_can_be_renewed(client, citizen, oidc):
    client.force_login(citizen)
    verify_at_provider(client, oidc, "tn-0001")
    CitizenProfile.objects.filter(user=citizen).update(verified_until=timezone.now() - dt.timedelta(days=1))
    citizen.refresh_from_db()
    assert citizen.current_identity_level() == IdentityLevel.BASIC
    verify_at_provider(client, oidc, "tn-0001")  # renewal through the same linked account
    assert citizen.current_identity_level() == IdentityLevel.VERIFIED
    assert SocialAccount.objects.filter(user=citizen).count() == 1
