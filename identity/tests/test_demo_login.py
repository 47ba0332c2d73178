import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_the_demo_login_lets_a_tester_pick_someone_in_debug(client, citizen):
    if not settings.DEMO_LOGIN_ENABLED:
        pytest.skip("the test settings run with DEBUG on; see the next test for DEBUG off")
    page = client.get("/dang-nhap/demo/").content.decode()
    assert "Nguyễn Văn An" in page
    response = client.post("/dang-nhap/demo/", {"user": citizen.pk, "next": "/"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_the_demo_login_does_not_exist_without_debug():
    # A fresh process with DEBUG off: the address does not resolve at all.
    code = (
        "import django; django.setup();"
        "from django.conf import settings; from django.urls import resolve, Resolver404;\n"
        "try:\n    resolve('/dang-nhap/demo/'); print('exists')\n"
        "except Resolver404:\n    print('404', settings.DEMO_LOGIN_ENABLED)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citizen_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "congcongdan.tayninh.gov.vn",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # production needs a shared cache; not contacted here
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "404 False"


@pytest.mark.django_db
def test_the_demo_view_refuses_even_if_routed_when_disabled(client, citizen, settings):
    settings.DEMO_LOGIN_ENABLED = False  # routed (the URLconf was built with DEBUG on) but switched off
    response = client.post("/dang-nhap/demo/", {"user": citizen.pk})
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session
