"""Officers: password + TOTP, lockout after repeated failures, idle sessions end."""

import pyotp
import pytest
from django.test import Client

from agencies.tests.factories import OfficerFactory, UserFactory, with_totp

PASSWORD = "Mat-khau-thu-2026"  # the factories' password


@pytest.mark.django_db
def test_an_officer_without_totp_is_sent_to_set_it_up_before_the_back_office(client, agency):
    officer = UserFactory(username="canbo.moi")
    from agencies.services import officer_membership_grant

    officer_membership_grant(agency=agency, user=officer)
    signed_in = client.post("/tai-khoan/login/", {"login": "canbo.moi", "password": PASSWORD})
    assert signed_in.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/2fa/totp/activate/?next=")
    # Changing security settings asks for the password once more, then shows the QR code.
    reauth = client.get(response["Location"])
    assert reauth["Location"].startswith("/tai-khoan/reauthenticate/")
    assert "Xác nhận mật khẩu" in client.get(reauth["Location"]).content.decode()
    confirmed = client.post(reauth["Location"], {"password": PASSWORD})
    page = client.get(confirmed["Location"]).content.decode()
    assert "Bật xác thực hai lớp" in page
    assert "data:image/svg+xml" in page  # the QR code to scan


@pytest.mark.django_db
def test_an_officer_signs_in_with_password_and_the_authenticator_code(client, agency):
    officer = OfficerFactory(agency=agency, username="canbo.tanninh")
    secret = with_totp(officer)
    response = client.post("/tai-khoan/login/", {"login": "canbo.tanninh", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not signed in on the password alone

    wrong = client.post("/tai-khoan/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post("/tai-khoan/2fa/authenticate/", {"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_account_out(agency, settings):
    officer = OfficerFactory(agency=agency, username="canbo.khoa")
    with_totp(officer)
    client = Client()
    for _ in range(5):
        response = client.post("/tai-khoan/login/", {"login": "canbo.khoa", "password": "sai-mat-khau"})
        assert response.status_code == 200
    locked = client.post("/tai-khoan/login/", {"login": "canbo.khoa", "password": PASSWORD})
    assert locked.status_code == 200
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert locked.get("Location") != "/tai-khoan/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_sessions_expire_after_inactivity_but_citizens_stay(client, officer, citizen, settings):
    client.force_login(officer)
    client.get("/")
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS
    citizen_client = Client()
    citizen_client.force_login(citizen)
    citizen_client.get("/")
    assert citizen_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_nobody_can_sign_up_with_a_password(client):
    response = client.get("/tai-khoan/signup/")
    assert "Không cần đăng ký tài khoản" in response.content.decode()
