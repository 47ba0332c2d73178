"""Level 1 through Zalo: the web login (OAuth v4 + PKCE) and the mini app's token, against the Zalo simulator."""

import urllib.error
import urllib.parse
import urllib.request

import pytest
from allauth.socialaccount.models import SocialAccount

from identity.models import CitizenProfile, IdentityLevel, User
from notifications import zalo as zalo_client


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def zalo_consents(authorize_url: str) -> str:
    """The browser's visit to Zalo: returns where Zalo sends it back (our callback with code and state)."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(authorize_url)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.read()
        return redirect.headers["Location"]
    raise AssertionError("Zalo did not redirect back")


def start_login(client, next_url="/thong-bao/"):
    response = client.post("/tai-khoan/zalo/login/", {"next": next_url})
    assert response.status_code == 302
    return response["Location"]


def local(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def zalo_user(zalo):
    zalo.add_user("8421000001", "Nguyễn Văn An", phone="84912345678")
    zalo.state.auto_consent_user = "8421000001"
    return "8421000001"


@pytest.mark.django_db
def test_one_tap_zalo_login_creates_the_account_and_returns_to_the_page(client, zalo, zalo_user):
    authorize = start_login(client)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize).query))
    assert authorize.startswith(f"{zalo.url}/v4/permission?")
    assert query["app_id"] == "demo-app"
    assert query["redirect_uri"] == "http://testserver/tai-khoan/zalo/login/callback/"
    assert query["code_challenge"] and query["state"]
    assert "scope" not in query

    response = client.get(local(zalo_consents(authorize)))
    assert response.status_code == 302
    assert response["Location"] == "/thong-bao/"
    account = SocialAccount.objects.get(provider="zalo", uid=zalo_user)
    user = account.user
    assert user.full_name == "Nguyễn Văn An"
    assert user.identity_level == IdentityLevel.BASIC
    assert not user.has_usable_password()
    assert CitizenProfile.objects.get(user=user).avatar_url == "https://s.zalo.me/8421000001.jpg"
    # Signed in, greeted in Vietnamese, and asked once to agree to the personal-data notice.
    first_page = client.get("/tai-khoan-cua-toi/", follow=True)
    assert first_page.redirect_chain[-1][0] == "/dong-y/?next=%2Ftai-khoan-cua-toi%2F"
    assert "Xin chào Nguyễn Văn An, bạn đã đăng nhập." in first_page.content.decode()
    assert client.post("/dong-y/", {"next": "/tai-khoan-cua-toi/"})["Location"] == "/tai-khoan-cua-toi/"
    assert "Mức 1" in client.get("/tai-khoan-cua-toi/").content.decode()

    # A second login is the same account.
    client.logout()
    client.get(local(zalo_consents(start_login(client))))
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_tampered_pkce_challenge_is_refused_and_creates_no_account(client, zalo, zalo_user):
    authorize = start_login(client)
    tampered = authorize.replace("code_challenge=", "code_challenge=attacker")
    response = client.get(local(zalo_consents(tampered)))
    assert response.status_code == 401
    assert "Chưa đăng nhập được" in response.content.decode()
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()


@pytest.mark.django_db
def test_a_replayed_callback_is_refused(client, zalo, zalo_user):
    callback = local(zalo_consents(start_login(client)))
    client.get(callback)
    client.logout()
    response = client.get(callback)
    assert "Chưa đăng nhập được" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_zalo_accepts_an_authorization_code_only_once(zalo, zalo_user):
    import base64
    import hashlib

    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    back = zalo_consents(
        f"{zalo.url}/v4/permission?"
        + urllib.parse.urlencode({"app_id": "demo-app", "redirect_uri": "http://x/cb", "code_challenge": challenge})
    )
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(back).query))["code"]
    assert zalo_client.exchange_authorization_code(code=code, code_verifier=verifier)["access_token"]
    with pytest.raises(zalo_client.ZaloError) as replay:
        zalo_client.exchange_authorization_code(code=code, code_verifier=verifier)
    assert replay.value.code < 0


@pytest.mark.django_db
def test_the_mini_app_token_logs_in_the_same_citizen_as_the_web(client, zalo, zalo_user):
    client.get(local(zalo_consents(start_login(client))))
    web_user = User.objects.get()
    client.logout()

    response = client.post(
        "/api/v1/auth/zalo/", {"access_token": zalo.user_access_token(zalo_user)}, content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["public_id"] == str(web_user.public_id)
    assert User.objects.count() == 1
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {body['token']}").json()
    assert me["full_name"] == "Nguyễn Văn An"


@pytest.mark.django_db
def test_a_forged_mini_app_token_is_refused(client, zalo, zalo_user):
    response = client.post("/api/v1/auth/zalo/", {"access_token": "uat-forged"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "zalo_token_invalid"
    assert not User.objects.exists()


@pytest.mark.django_db
def test_graph_checks_the_appsecret_proof(zalo, zalo_user, settings):
    token = zalo.user_access_token(zalo_user)
    assert zalo_client.graph_profile(token)["id"] == zalo_user
    settings.ZALO = {**settings.ZALO, "APP_SECRET": "wrong-secret"}
    with pytest.raises(zalo_client.ZaloError):
        zalo_client.graph_profile(token)


@pytest.mark.django_db
def test_the_phone_token_is_exchanged_once_and_stored_in_e164(client, zalo, zalo_user):
    access_token = zalo.user_access_token(zalo_user)
    login = client.post("/api/v1/auth/zalo/", {"access_token": access_token}, content_type="application/json")
    auth = {"HTTP_AUTHORIZATION": f"Token {login.json()['token']}"}
    phone_token = zalo.phone_token(zalo_user)
    payload = {"access_token": access_token, "phone_token": phone_token}

    response = client.post("/api/v1/me/phone/", payload, content_type="application/json", **auth)
    assert response.status_code == 200, response.json()
    assert response.json()["phone"] == "+84912345678"

    again = client.post("/api/v1/me/phone/", payload, content_type="application/json", **auth)
    assert again.status_code == 400
    assert again.json()["code"] == "phone_token_invalid"


@pytest.mark.django_db
def test_an_expired_phone_token_is_refused(client, zalo, zalo_user):
    access_token = zalo.user_access_token(zalo_user)
    login = client.post("/api/v1/auth/zalo/", {"access_token": access_token}, content_type="application/json")
    response = client.post(
        "/api/v1/me/phone/",
        {"access_token": access_token, "phone_token": zalo.phone_token(zalo_user, lifetime=-1)},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {login.json()['token']}",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "phone_token_invalid"
    assert User.objects.get().phone is None


@pytest.mark.django_db
def test_a_phone_held_by_another_citizen_is_not_moved(client, zalo, zalo_user, other_citizen):
    other_citizen.phone = "+84912345678"
    other_citizen.save()
    access_token = zalo.user_access_token(zalo_user)
    login = client.post("/api/v1/auth/zalo/", {"access_token": access_token}, content_type="application/json")
    response = client.post(
        "/api/v1/me/phone/",
        {"access_token": access_token, "phone_token": zalo.phone_token(zalo_user)},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {login.json()['token']}",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "phone_taken"
    other_citizen.refresh_from_db()
    assert other_citizen.phone == "+84912345678"


@pytest.mark.django_db
def test_the_sign_in_page_offers_zalo_first_and_works_without_javascript(client):
    page = client.get("/dang-nhap/?next=/thong-bao/").content.decode()
    assert "Đăng nhập bằng Zalo" in page
    assert 'action="/tai-khoan/zalo/login/?next=%2Fthong-bao%2F"' in page
    assert 'value="/thong-bao/"' in page
    assert "<script" not in page
