"""`make run`'s "Tây Ninh ID": the same OpenID Provider and the same demo citizens, driven as a visitor would, from
the account page to level 2 (and a refusal that changes nothing)."""

import io
import os
import socket

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def demo_sso(live_server, settings, tmp_path):
    """The demo seeded, and the SSO simulator started the way `manage.py sso_simulator` starts it."""
    from citizen_portal.demo_people import sso_accounts
    from identity.sso_simulator import SsoSimulatorUnavailable, demo_sso_server, start_sso_simulator

    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    port = free_port()
    server = demo_sso_server(
        [
            {
                "id": "tayninh-id",
                "name": "Tây Ninh ID",
                "client_id": "cong-cong-dan-demo",
                "secret": "demo-sso-secret",
                "server_url": f"http://127.0.0.1:{port}",
            }
        ]
    )
    try:
        process = start_sso_simulator(
            port=port,
            accounts=sso_accounts(),
            client_id=server["client_id"],
            secret=server["secret"],
            redirect_uris=[f"{live_server.url}/tai-khoan/oidc/tayninh-id/login/callback/"],
        )
    except SsoSimulatorUnavailable as error:
        if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(str(error))
        pytest.skip(str(error))
    settings.SOCIALACCOUNT_PROVIDERS = {
        **django_settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "SCOPE": ["openid", "profile", "address"],
            "APPS": [
                {
                    "provider_id": server["id"],
                    "name": server["name"],
                    "client_id": server["client_id"],
                    "secret": server["secret"],
                    "settings": {"server_url": server["server_url"], "token_auth_method": "client_secret_post"},
                }
            ],
        },
    }
    yield server
    process.terminate()
    process.wait(timeout=10)


def test_a_demo_citizen_reaches_level_2_through_tay_ninh_id(phone, live_server, sign_in, demo_sso):
    from agencies.tests.factories import consented
    from identity.models import CitizenProfile, IdentityLevel, User

    an = consented(User.objects.get(username="congdan.an"))
    assert an.current_identity_level() == IdentityLevel.BASIC
    sign_in(phone, an)
    page = phone.new_page()
    page.goto(live_server.url + "/tai-khoan-cua-toi/")

    # Changing one's mind at the SSO changes nothing.
    page.get_by_role("button", name="Xác thực bằng Tây Ninh ID").click()
    page.get_by_role("button", name="Không đồng ý").click()
    page.wait_for_url(f"{live_server.url}/**")
    assert "Chưa có gì được lưu" in page.inner_text("main")
    assert User.objects.get(pk=an.pk).current_identity_level() == IdentityLevel.BASIC

    page.goto(live_server.url + "/tai-khoan-cua-toi/")
    page.get_by_role("button", name="Xác thực bằng Tây Ninh ID").click()
    assert "Tây Ninh ID (giả lập)" in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Nguyễn Văn An").click()
    page.wait_for_url(f"{live_server.url}/tai-khoan-cua-toi/")
    assert "Mức 2 — đã xác thực" in page.inner_text("main")
    profile = CitizenProfile.objects.get(user=an)
    assert profile.citizen_id == "072068001234" and profile.verified_by == "Tây Ninh ID"
    assert User.objects.get(pk=an.pk).current_identity_level() == IdentityLevel.VERIFIED
