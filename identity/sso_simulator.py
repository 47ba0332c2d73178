"""The provincial SSO ("Tây Ninh ID") for the demo: a real OpenID Provider (npm oidc-provider, tests/oidc/server.mjs)
whose accounts are the demo citizens (same CCCD as seeded), with a page to pick one and agree. `make run` starts
it through `manage.py sso_simulator`; the browser test starts it the same way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

SERVER_DIR = Path(settings.BASE_DIR) / "tests" / "oidc"


class SsoSimulatorUnavailable(Exception):
    """No Node.js, or `npm ci --prefix tests/oidc` was never run."""


def demo_sso_server(servers: list[dict] | None = None) -> dict:
    """Our settings' "Tây Ninh ID" entry (client id, secret, issuer URL), as configured by OIDC_SERVERS."""
    for server in servers if servers is not None else settings.OIDC_SERVERS:
        if server["id"] == "tayninh-id":
            return server
    raise SsoSimulatorUnavailable("OIDC_SERVERS has no 'tayninh-id' entry")


def start_sso_simulator(
    *, port: int, accounts: dict, client_id: str, secret: str, redirect_uris: list[str]
) -> subprocess.Popen:
    """Start the OpenID Provider on 127.0.0.1:`port` in interactive mode; returns once it listens."""
    node = shutil.which("node")
    if node is None or not (SERVER_DIR / "node_modules" / "oidc-provider").exists():
        raise SsoSimulatorUnavailable("needs Node.js and `npm ci --prefix tests/oidc` (make run does it)")
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_ACCOUNTS": json.dumps(accounts, ensure_ascii=False),
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": secret,
        "OIDC_REDIRECT_URIS": " ".join(redirect_uris),
        "OIDC_INTERACTIVE": "1",
    }
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [node, "server.mjs"], cwd=SERVER_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    line = process.stdout.readline()
    if not line.startswith("ready"):
        process.kill()
        raise SsoSimulatorUnavailable(f"the SSO simulator did not start: {line!r}")
    return process
