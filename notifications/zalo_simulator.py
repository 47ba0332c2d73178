"""A Zalo Official Account simulator on 127.0.0.1, for tests and the demo.

It speaks Zalo's published protocol (../shared/INTEGRATIONS.md), not a shortcut into our code: ZNS
`POST /message/template`, OA `POST /v3.0/oa/message/cs`, token refresh `POST /v4/oa/access_token` (app secret in
the `secret_key` header, single-use refresh tokens). Errors come back as HTTP 200 with a negative `error`, as Zalo
does. Tests can queue failures (`fail_next`) and expire the access token (`expire_access_token`).
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PHONE = re.compile(r"^84\d{9}$")
OA_TEXT_LIMIT = 2000


def templates_from_files(root: Path) -> dict[str, dict[str, int]]:
    """The ZNS templates as Zalo would have approved them: id → {parameter: max length}, from our zns.json files."""
    templates = {}
    for path in root.glob("*/zns.json"):
        spec = json.loads(path.read_text())
        templates[str(spec["template_id"])] = {name: p["max_length"] for name, p in spec["params"].items()}
    return templates


@dataclass
class SimulatorState:
    app_id: str
    app_secret: str
    templates: dict[str, dict[str, int]]
    access_tokens: dict[str, float] = field(default_factory=dict)  # token → expiry (epoch seconds)
    refresh_tokens: set[str] = field(default_factory=set)
    followers: set[str] = field(default_factory=set)
    phones_without_zalo: set[str] = field(default_factory=set)
    failures: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)  # path → queued (status, body)
    sent: list[dict] = field(default_factory=list)
    refreshes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def issue_pair(self, lifetime: int = 3600) -> tuple[str, str]:
        access, refresh = f"acc-{secrets.token_hex(8)}", f"ref-{secrets.token_hex(8)}"
        self.access_tokens[access] = time.time() + lifetime
        self.refresh_tokens.add(refresh)
        return access, refresh


class ZaloSimulator:
    def __init__(self, *, app_id: str, app_secret: str, templates: dict[str, dict[str, int]], port: int = 0):
        self.state = SimulatorState(app_id=app_id, app_secret=app_secret, templates=templates)
        self._msg_ids = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ZaloSimulator:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # What tests and the demo arrange.
    def issue_tokens(self, lifetime: int = 3600) -> tuple[str, str]:
        with self.state.lock:
            return self.state.issue_pair(lifetime)

    def expire_access_token(self, token: str) -> None:
        with self.state.lock:
            self.state.access_tokens[token] = 0

    def add_follower(self, user_id: str) -> None:
        self.state.followers.add(user_id)

    def fail_next(self, path: str, *, body: dict | None = None, status: int = 200, times: int = 1) -> None:
        """Answer the next `times` requests to `path` with `body` (a Zalo error) or a bare HTTP `status`."""
        with self.state.lock:
            self.state.failures.setdefault(path, []).extend([(status, body or {})] * times)

    def messages(self, kind: str | None = None) -> list[dict]:
        return [m for m in self.state.sent if kind is None or m["kind"] == kind]

    def _handler_class(self):
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # quiet
                return

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                path = urllib.parse.urlsplit(self.path).path
                with simulator.state.lock:
                    queued = simulator.state.failures.get(path)
                    failure = queued.pop(0) if queued else None
                if failure:
                    status, body = failure
                    return self._reply(body, status=status)
                routes = {
                    "/v4/oa/access_token": simulator._refresh,
                    "/message/template": simulator._zns,
                    "/v3.0/oa/message/cs": simulator._oa_message,
                }
                route = routes.get(path)
                if route is None:
                    return self._reply({"error": -106, "message": "Method unsupported"}, status=404)
                return self._reply(route(self.headers, raw))

            def _reply(self, body: dict, status: int = 200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if body or status == 200:
                    self.wfile.write(data)

        return Handler

    def _token_valid(self, token: str | None) -> bool:
        return bool(token) and self.state.access_tokens.get(token, 0) > time.time()

    def _refresh(self, headers, raw: str) -> dict:
        form = dict(urllib.parse.parse_qsl(raw))
        with self.state.lock:
            if headers.get("secret_key") != self.state.app_secret or form.get("app_id") != self.state.app_id:
                return {"error": -14002, "error_name": "Invalid app", "message": "Invalid app_id or secret_key"}
            if form.get("grant_type") != "refresh_token" or form.get("refresh_token") not in self.state.refresh_tokens:
                return {"error": -14014, "error_name": "Invalid refresh token", "message": "Invalid refresh token"}
            self.state.refresh_tokens.discard(form["refresh_token"])  # single-use
            access, refresh = self.state.issue_pair()
            self.state.refreshes += 1
        return {"access_token": access, "refresh_token": refresh, "expires_in": "3600"}

    def _zns(self, headers, raw: str) -> dict:
        if not self._token_valid(headers.get("access_token")):
            return {"error": -124, "message": "Access token is invalid"}
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError:
            return {"error": -112, "message": "Template data invalid"}
        phone, template_id = str(payload.get("phone", "")), str(payload.get("template_id", ""))
        if not PHONE.match(phone):
            return {"error": -108, "message": "Phone number invalid"}
        spec = self.state.templates.get(template_id)
        if spec is None:
            return {"error": -109, "message": "Template ID invalid"}
        data = payload.get("template_data") or {}
        if not data:
            return {"error": -111, "message": "Template data empty"}
        if set(data) != set(spec) or any(len(str(data[k])) > spec[k] for k in spec):
            return {"error": -112, "message": "Template data invalid"}
        if phone in self.state.phones_without_zalo:
            return {"error": -118, "message": "Zalo account not existed"}
        msg_id = f"zns{next(self._msg_ids):06d}"
        self.state.sent.append({"kind": "zns", "msg_id": msg_id, **payload})
        return {"error": 0, "message": "Success", "data": {"msg_id": msg_id, "sent_time": str(int(time.time() * 1000))}}

    def _oa_message(self, headers, raw: str) -> dict:
        if not self._token_valid(headers.get("access_token")):
            return {"error": -216, "message": "Access token is invalid"}
        payload = json.loads(raw or "{}")
        user_id = str(payload.get("recipient", {}).get("user_id", ""))
        text = str(payload.get("message", {}).get("text", ""))
        if user_id not in self.state.followers:
            return {"error": -213, "message": "User has not followed OA"}
        if not text or len(text) > OA_TEXT_LIMIT:
            return {"error": -201, "message": "Parameters invalid"}
        message_id = f"oa{next(self._msg_ids):06d}"
        self.state.sent.append({"kind": "oa", "message_id": message_id, "user_id": user_id, "text": text})
        return {"error": 0, "message": "Success", "data": {"message_id": message_id, "user_id": user_id}}
