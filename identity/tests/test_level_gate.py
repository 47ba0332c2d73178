import datetime as dt

import pytest
from django.utils import timezone

from identity.models import CitizenProfile, IdentityLevel
from identity.tokens import api_token_issue

pytestmark = [pytest.mark.django_db, pytest.mark.urls("identity.tests.urls_level_gate")]


def verified(user, *, days_left=100):
    user.identity_level = IdentityLevel.VERIFIED
    user.save()
    CitizenProfile.objects.update_or_create(
        user=user,
        defaults={"verified_until": timezone.now() + dt.timedelta(days=days_left), "verified_by": "Tây Ninh ID"},
    )
    return user


def test_a_visitor_is_sent_to_sign_in_and_back(client):
    response = client.get("/nop-ho-so/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/nop-ho-so/"


def test_a_level1_citizen_is_told_why_and_offered_the_upgrade(client, citizen, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "tayninh-id",
                    "name": "Tây Ninh ID",
                    "client_id": "x",
                    "secret": "y",
                    "settings": {"server_url": "http://127.0.0.1:9"},
                }
            ]
        },
    }
    client.force_login(citizen)
    response = client.get("/nop-ho-so/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "cần xác thực danh tính mức 2" in page
    assert "Xác thực bằng Tây Ninh ID" in page
    assert 'action="/tai-khoan/oidc/tayninh-id/login/' in page
    assert 'name="process" value="connect"' in page
    assert 'name="next" value="/nop-ho-so/"' in page  # comes back here afterwards


def test_a_verified_citizen_passes(client, citizen):
    client.force_login(verified(citizen))
    assert client.get("/nop-ho-so/").content.decode() == "nộp hồ sơ"


def test_an_expired_verification_is_asked_again(client, citizen):
    client.force_login(verified(citizen, days_left=-1))
    response = client.get("/nop-ho-so/")
    assert response.status_code == 403
    assert "Xác thực danh tính đã hết hạn" in response.content.decode()


def test_the_api_gate_answers_with_a_stable_code(client, citizen):
    key, _ = api_token_issue(user=citizen)
    response = client.post("/api/v1/nop-ho-so/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "identity_level_required"
    assert "xác thực danh tính mức 2" in body["detail"]
    verified(citizen)
    assert client.post("/api/v1/nop-ho-so/", HTTP_AUTHORIZATION=f"Bearer {key}").json() == {"ok": True}
