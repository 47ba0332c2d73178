import json
import os
import shutil
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

OIDC_DIR = Path(django_settings.BASE_DIR) / "tests" / "oidc"

# Citizens as the provincial SSO knows them (claims released with the profile and address scopes).
OIDC_ACCOUNTS = {
    "tn-0001": {
        "name": "Nguyễn Văn An",
        "birthdate": "1968-03-15",
        "gender": "male",
        "citizen_id": "072068001234",
        "address": {"formatted": "12 Cách Mạng Tháng Tám, Phường Tân Ninh, Tây Ninh"},
    },
    "tn-0002": {
        "name": "Trần Thị Bích",
        "birthdate": "2001-07-02",
        "gender": "female",
        "citizen_id": "080301005678",
        "address": {"formatted": "Phường Long An, Tây Ninh"},
    },
    "tn-bad": {"name": "Lê Văn Sai", "birthdate": "1990-01-01", "gender": "male", "citizen_id": "072199001234"},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OidcServer:
    def __init__(self, process, issuer: str):
        self.process, self.issuer = process, issuer

    def login_as(self, account_id: str) -> None:
        request = urllib.request.Request(f"{self.issuer}/test/login-as/{account_id}", method="POST")
        urllib.request.urlopen(request, timeout=5).close()


@pytest.fixture(scope="session")
def oidc_process():
    """The real OpenID Provider (npm oidc-provider), started once for the session on 127.0.0.1."""
    node = shutil.which("node")
    if node is None or not (OIDC_DIR / "node_modules" / "oidc-provider").exists():
        if os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("the OIDC test server needs Node.js and `npm ci --prefix tests/oidc` (make test does it)")
        pytest.skip("no Node.js or tests/oidc/node_modules: run `make test` to install the OIDC test server")
    port = _free_port()
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_ACCOUNTS": json.dumps(OIDC_ACCOUNTS),
        "OIDC_CLIENT_ID": "cong-cong-dan",
        "OIDC_CLIENT_SECRET": "test-secret-for-oidc",
        "OIDC_REDIRECT_URIS": "http://testserver/tai-khoan/oidc/tayninh-id/login/callback/",
    }
    process = subprocess.Popen(
        [node, "server.mjs"], cwd=OIDC_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    line = process.stdout.readline()
    if not line.startswith("ready"):
        process.kill()
        pytest.fail(f"the OIDC test server did not start: {line!r}")
    yield OidcServer(process, f"http://127.0.0.1:{port}")
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def oidc(oidc_process, settings):
    """Our settings pointing the "Tây Ninh ID" provider at the test OpenID Provider."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        **django_settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "SCOPE": ["openid", "profile", "address"],
            "APPS": [
                {
                    "provider_id": "tayninh-id",
                    "name": "Tây Ninh ID",
                    "client_id": "cong-cong-dan",
                    "secret": "test-secret-for-oidc",
                    "settings": {"server_url": oidc_process.issuer, "token_auth_method": "client_secret_post"},
                }
            ],
        },
    }
    return oidc_process
