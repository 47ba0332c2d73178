import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database:default": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def run_without_database(code: str) -> subprocess.CompletedProcess:
    """`code` in a fresh process whose database is a closed port: the real failure, no mock."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "citizen_portal.settings",
        "DEBUG": "1",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing",
        "ALLOWED_HOSTS": "testserver",
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_healthz_answers_503_when_the_database_is_unreachable():
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, json.dumps(r.json()))"
    )
    result = run_without_database(code)
    assert result.returncode == 0, result.stderr
    status, _, body = result.stdout.strip().partition(" ")
    assert status == "503"
    assert '"status": "error"' in body
    assert '"database:default": "error: OperationalError"' in body


def test_a_database_outage_is_a_vietnamese_503_page_and_an_api_503_with_retry_after():
    code = (
        "import django, json; django.setup();"
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "page = c.get('/ho-so/'); api = c.get('/api/v1/procedures/');"
        "print(page.status_code, page['Retry-After'], 'thử lại sau' in page.content.decode());"
        "print(api.status_code, api['Retry-After'], api.json()['code'])"
    )
    result = run_without_database(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["503 30 True", "503 30 service_unavailable"], result.stdout
