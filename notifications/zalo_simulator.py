"""A Zalo simulator on 127.0.0.1, for tests and the demo.

It speaks Zalo's published protocol (../shared/INTEGRATIONS.md), not a shortcut into our code:
- Official Account: ZNS `POST /message/template`, OA `POST /v3.0/oa/message/cs`, OA token refresh
  `POST /v4/oa/access_token` (app secret in the `secret_key` header, single-use refresh tokens);
- Social Login: `GET /v4/permission` (consent, then a redirect with a single-use code bound to the PKCE challenge),
  `POST /v4/access_token` (secret header, `code_verifier` checked against the challenge);
- Graph: `GET /v2.0/me` (needs `appsecret_proof`), `GET /v2.0/me/info` (one-time phone token, 2 minutes, single use).
Errors come back as HTTP 200 with a negative `error`, as Zalo does. Codes Zalo documents: -124 (ZNS token), -216
(OA token), -14003 (bad PKCE / parameters); the others here are the simulator's stand-ins and only their sign
matters to our client. Tests can queue failures (`fail_next`) and expire tokens (`expire_access_token`).

Mini App container (what zmp-sdk would do inside Zalo; our test shim of zmp-sdk calls these, with CORS):
`GET /miniapp/users`, `POST /miniapp/access_token` (getAccessToken for a chosen Zalo user),
`POST /miniapp/phone_token` and `POST /miniapp/location_token` (one-time tokens our server exchanges at
`/v2.0/me/info`), and Checkout SDK: `POST /miniapp/checkout/create` (createOrder: the mac is checked with the mini
app's private key), `POST /miniapp/checkout/pay` (the citizen confirms or cancels on Zalo's sheet; Checkout's
server then POSTs the signed callback to our callback URL), and Checkout's `GET /api/transaction/get-status`.

For the demo it also plays the SMS gateway (`POST /demo/sms`, used by notifications.sms.SimulatorSmsProvider), and
its root page (`GET /`) shows every message it received, newest first, as the citizen's phone would: ZNS, OA and
SMS, one-time codes included.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import itertools
import json
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

PHONE = re.compile(r"^84\d{9}$")
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
KIND_LABELS = {"zns": "Tin nhắn Zalo (ZNS)", "oa": "Tin nhắn từ trang Zalo của tỉnh (OA)", "sms": "Tin nhắn SMS"}
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
    # Social Login and Graph: Zalo users, codes and their tokens.
    users: dict[str, dict] = field(default_factory=dict)  # id → {"name", "picture", "phone"}
    auto_consent_user: str | None = None  # tests: /v4/permission consents as this user without a page
    codes: dict[str, dict] = field(default_factory=dict)  # code → {user, challenge, redirect_uri, expires, used}
    user_tokens: dict[str, tuple[str, float]] = field(default_factory=dict)  # token → (user id, expiry)
    phone_tokens: dict[str, tuple[str, float]] = field(default_factory=dict)  # token → (user id, expiry)
    location_tokens: dict[str, tuple[str, float, dict]] = field(default_factory=dict)  # token → (user, expiry, place)
    # Checkout SDK: the mini app's private key, where results are POSTed, and the orders created.
    miniapp_id: str = "demo-miniapp"
    checkout_private_key: str = "demo-checkout-private-key"
    checkout_callback_url: str = ""
    checkout_orders: dict[str, dict] = field(default_factory=dict)
    callbacks: list[dict] = field(default_factory=list)  # what the Checkout server posted, and our reply
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

    def add_user(self, user_id: str, name: str, phone: str = "", picture: str = "") -> None:
        self.state.users[user_id] = {
            "name": name,
            "phone": phone,
            "picture": picture or f"https://s.zalo.me/{user_id}.jpg",
        }

    def user_access_token(self, user_id: str, lifetime: int = 3600) -> str:
        """A token as the mini app's getAccessToken() would hand it over."""
        token = f"uat-{secrets.token_hex(8)}"
        with self.state.lock:
            self.state.user_tokens[token] = (user_id, time.time() + lifetime)
        return token

    def phone_token(self, user_id: str, lifetime: int = 120) -> str:
        """A one-time token as the mini app's getPhoneNumber() would hand it over (valid 2 minutes)."""
        token = f"ptk-{secrets.token_hex(8)}"
        with self.state.lock:
            self.state.phone_tokens[token] = (user_id, time.time() + lifetime)
        return token

    def configure_checkout(self, *, miniapp_id: str, private_key: str, callback_url: str) -> None:
        self.state.miniapp_id, self.state.checkout_private_key = miniapp_id, private_key
        self.state.checkout_callback_url = callback_url

    def location_token(self, user_id: str, latitude: float, longitude: float, lifetime: int = 120) -> str:
        token = f"ltk-{secrets.token_hex(8)}"
        with self.state.lock:
            self.state.location_tokens[token] = (user_id, time.time() + lifetime, {"lat": latitude, "lng": longitude})
        return token

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
                    "/v4/access_token": simulator._user_token,
                    "/v4/oa/access_token": simulator._refresh,
                    "/message/template": simulator._zns,
                    "/v3.0/oa/message/cs": simulator._oa_message,
                    "/demo/sms": simulator._sms,
                    "/miniapp/access_token": simulator._container_access_token,
                    "/miniapp/phone_token": simulator._container_phone_token,
                    "/miniapp/location_token": simulator._container_location_token,
                    "/miniapp/checkout/create": simulator._checkout_create,
                    "/miniapp/checkout/pay": simulator._checkout_pay,
                }
                route = routes.get(path)
                if route is None:
                    return self._reply({"error": -106, "message": "Method unsupported"}, status=404)
                return self._reply(route(self.headers, raw))

            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parts.query))
                if parts.path in ("/v4/permission", "/v4/permission/consent"):
                    location, page = simulator._permission(query, consent=parts.path.endswith("consent"))
                    if location:
                        self.send_response(302)
                        self.send_header("Location", location)
                        self.end_headers()
                        return None
                    data = page.encode()
                    self.send_response(200 if page.startswith("<!doctype") else 400)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return None
                if parts.path == "/":
                    data = simulator.inbox_page().encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return None
                routes = {
                    "/v2.0/me": simulator._graph_me,
                    "/v2.0/me/info": simulator._graph_me_info,
                    "/miniapp/users": simulator._container_users,
                    "/api/transaction/get-status": simulator._checkout_status,
                }
                route = routes.get(parts.path)
                if route is None:
                    return self._reply({"error": -106, "message": "Method unsupported"}, status=404)
                return self._reply(route(self.headers, query))

            def do_OPTIONS(self):  # the shim's preflight: the container endpoints answer any local origin
                self.send_response(204)
                self._cors()
                self.send_header("Access-Control-Allow-Methods", "GET, POST")
                self.send_header("Access-Control-Allow-Headers", "content-type")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _cors(self):
                if self.path.startswith("/miniapp/"):
                    self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
                    self.send_header("Vary", "Origin")

            def _reply(self, body: dict, status: int = 200):
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self._cors()
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
        self.state.sent.append({"kind": "zns", "msg_id": msg_id, "at": time.time(), **payload})
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
        self.state.sent.append(
            {"kind": "oa", "message_id": message_id, "user_id": user_id, "text": text, "at": time.time()}
        )
        return {"error": 0, "message": "Success", "data": {"message_id": message_id, "user_id": user_id}}

    def _sms(self, headers, raw: str) -> dict:
        """The demo's SMS gateway: keeps the text for the message page."""
        payload = json.loads(raw or "{}")
        phone, text = str(payload.get("phone", "")), str(payload.get("text", ""))
        if not PHONE.match(phone.lstrip("+")) or not text:
            return {"error": -201, "message": "Parameters invalid"}
        message_id = f"sms{next(self._msg_ids):06d}"
        self.state.sent.append(
            {"kind": "sms", "message_id": message_id, "phone": phone.lstrip("+"), "text": text, "at": time.time()}
        )
        return {"error": 0, "message": "Success", "data": {"message_id": message_id}}

    def inbox_page(self) -> str:
        """Every message received, newest first, as it would reach the phone: who, when, what."""
        names = {u["phone"]: u["name"] for u in self.state.users.values() if u.get("phone")}
        rows = []
        for message in reversed(list(self.state.sent)):
            if message["kind"] == "oa":
                to = f"người theo dõi {message['user_id']}"
                body = html.escape(message["text"])
            else:
                phone = message.get("phone", "")
                local = "0" + phone[2:] if phone.startswith("84") else phone
                to = f"{names[phone]} · {local}" if phone in names else local
                if message["kind"] == "zns":
                    data = message.get("template_data") or {}
                    body = f"Mẫu {html.escape(str(message.get('template_id')))}: " + "; ".join(
                        f"{html.escape(str(k))}: <strong>{html.escape(str(v))}</strong>" for k, v in data.items()
                    )
                else:
                    body = html.escape(message["text"])
            at = datetime.fromtimestamp(message.get("at", time.time()), LOCAL).strftime("%H:%M:%S %d/%m/%Y")
            rows.append(
                f"<li><p class=meta>{KIND_LABELS[message['kind']]} · đến {html.escape(to)} · {at}</p><p>{body}</p></li>"
            )
        listing = (
            "".join(rows) or "<li><p>Chưa có tin nhắn nào. Thử nộp hồ sơ, gửi phản ánh hay thêm số điện thoại.</p></li>"
        )
        return (
            "<!doctype html><html lang=vi><meta charset=utf-8><meta name=viewport content='width=device-width'>"
            "<meta http-equiv=refresh content=10><title>Tin nhắn đã gửi (Zalo giả lập)</title>"
            "<style>body{font:17px/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:12px}"
            "li{background:#fff;border:1px solid #d5dbe3;border-radius:10px;padding:4px 12px;margin:0 0 8px;"
            "list-style:none}"
            "ul{padding:0}.meta{color:#4a5563;margin:4px 0}</style>"
            "<h1>Tin nhắn điện thoại của công dân</h1>"
            "<p>Bản demo không gửi tin thật: mọi tin nhắn Zalo, OA và SMS (kể cả mã một lần) hiện ở đây, "
            "mới nhất trước. "
            "Trang tự tải lại sau 10 giây.</p>"
            f"<ul>{listing}</ul></html>"
        )

    # Social Login.

    def _permission(self, query: dict, *, consent: bool) -> tuple[str | None, str]:
        """Zalo's consent step. Returns (redirect location, or None and an HTML page)."""
        if query.get("app_id") != self.state.app_id or not query.get("redirect_uri"):
            return None, "Invalid app_id or redirect_uri"
        user_id = query.get("user") if consent else self.state.auto_consent_user
        if user_id is None:  # show the consent page, as Zalo does, with one button per known user
            links = "".join(
                f'<p><a href="/v4/permission/consent?{html.escape(urllib.parse.urlencode({**query, "user": uid}))}">'
                f"Cho phép, đăng nhập là {html.escape(u['name'])}</a></p>"
                for uid, u in self.state.users.items()
            )
            return None, f"<!doctype html><meta charset=utf-8><title>Zalo (giả lập)</title><h1>Zalo</h1>{links}"
        if user_id not in self.state.users:
            return None, "Unknown user"
        code = f"code-{secrets.token_hex(10)}"
        with self.state.lock:
            self.state.codes[code] = {
                "user": user_id,
                "challenge": query.get("code_challenge", ""),
                "redirect_uri": query["redirect_uri"],
                "expires": time.time() + 600,
                "used": False,
            }
        params = {"code": code, "state": query.get("state", ""), "code_challenge": query.get("code_challenge", "")}
        separator = "&" if "?" in query["redirect_uri"] else "?"
        return f"{query['redirect_uri']}{separator}{urllib.parse.urlencode(params)}", ""

    def _user_token(self, headers, raw: str) -> dict:
        form = dict(urllib.parse.parse_qsl(raw))
        with self.state.lock:
            if headers.get("secret_key") != self.state.app_secret or form.get("app_id") != self.state.app_id:
                return {"error": -14002, "error_name": "Invalid app", "message": "Invalid app_id or secret_key"}
            if form.get("grant_type") != "authorization_code":
                return {"error": -14003, "error_name": "Invalid parameter", "message": "Invalid grant_type"}
            grant = self.state.codes.get(form.get("code", ""))
            if grant is None or grant["used"] or grant["expires"] < time.time():
                return {"error": -14019, "error_name": "Invalid code", "message": "Invalid or expired code"}
            grant["used"] = True  # single use, even when the verifier below is wrong
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if not verifier or challenge != grant["challenge"]:
                return {"error": -14003, "error_name": "Invalid parameter", "message": "Invalid code verifier"}
            token = f"uat-{secrets.token_hex(8)}"
            self.state.user_tokens[token] = (grant["user"], time.time() + 3600)
        return {"access_token": token, "refresh_token": f"urt-{secrets.token_hex(8)}", "expires_in": "3600"}

    # Graph.

    def _graph_user(self, headers) -> tuple[str | None, dict | None]:
        token = headers.get("access_token", "")
        user_id, expiry = self.state.user_tokens.get(token, (None, 0))
        if user_id is None or expiry < time.time():
            return None, {"error": -216, "message": "Access token is invalid"}
        proof = hmac.new(self.state.app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(headers.get("appsecret_proof", ""), proof) and "code" not in headers:
            return None, {"error": -14004, "message": "Invalid appsecret_proof"}
        return user_id, None

    def _graph_me(self, headers, query: dict) -> dict:
        user_id, error = self._graph_user(headers)
        if error:
            return error
        user = self.state.users[user_id]
        return {"id": user_id, "name": user["name"], "picture": {"data": {"url": user["picture"]}}}

    def _graph_me_info(self, headers, query: dict) -> dict:
        if headers.get("secret_key") != self.state.app_secret:
            return {"error": -14002, "message": "Invalid secret_key"}
        user_id, error = self._graph_user(headers)
        if error:
            return error
        code = headers.get("code", "")
        with self.state.lock:
            place = self.state.location_tokens.pop(code, None)  # single use
            owner, expiry = self.state.phone_tokens.pop(code, (None, 0))  # single use
        if place is not None:
            owner, expiry, where = place
            if owner != user_id or expiry < time.time():
                return {"error": -14020, "message": "Invalid or expired code"}
            data = {"provider": "gps", "latitude": str(where["lat"]), "longitude": str(where["lng"])}
            return {"data": {**data, "timestamp": str(int(time.time() * 1000))}, "error": 0, "message": "Success"}
        if owner != user_id or expiry < time.time():
            return {"error": -14020, "message": "Invalid or expired code"}
        return {"data": {"number": self.state.users[user_id]["phone"]}, "error": 0, "message": "Success"}

    # The Mini App container: what Zalo hands a mini app (our zmp-sdk shim calls these).

    def _container_users(self, headers, query: dict) -> dict:
        return {"error": 0, "users": [{"id": uid, "name": u["name"]} for uid, u in self.state.users.items()]}

    def _container_user(self, raw: str) -> tuple[dict, str | None]:
        payload = json.loads(raw or "{}")
        user_id, expiry = self.state.user_tokens.get(str(payload.get("access_token", "")), (None, 0))
        return payload, user_id if expiry > time.time() else None

    def _container_access_token(self, headers, raw: str) -> dict:
        user_id = str(json.loads(raw or "{}").get("user_id", ""))
        if user_id not in self.state.users:
            return {"error": -201, "message": "Unknown Zalo user"}
        return {"error": 0, "access_token": self.user_access_token(user_id)}

    def _container_phone_token(self, headers, raw: str) -> dict:
        _, user_id = self._container_user(raw)
        if user_id is None:
            return {"error": -216, "message": "Access token is invalid"}
        return {"error": 0, "token": self.phone_token(user_id)}

    def _container_location_token(self, headers, raw: str) -> dict:
        payload, user_id = self._container_user(raw)
        if user_id is None:
            return {"error": -216, "message": "Access token is invalid"}
        try:
            latitude, longitude = float(payload["latitude"]), float(payload["longitude"])
        except (KeyError, TypeError, ValueError):
            return {"error": -201, "message": "Parameters invalid"}
        return {"error": 0, "token": self.location_token(user_id, latitude, longitude)}

    # Checkout SDK.

    def _sign(self, data: str) -> str:
        return hmac.new(self.state.checkout_private_key.encode(), data.encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def _as_text(value) -> str:
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return str(value)

    def _checkout_create(self, headers, raw: str) -> dict:
        """createOrder: mac = HMAC-SHA256(private key, the order's fields sorted, `key=value` joined by `&`)."""
        payload, user_id = self._container_user(raw)
        if user_id is None:
            return {"error": -2002, "message": "Session không hợp lệ"}
        order = {k: payload[k] for k in ("amount", "desc", "item", "extradata", "method") if k in payload}
        if not all(k in order for k in ("amount", "desc", "item")) or not isinstance(order["amount"], int):
            return {"error": -2103, "message": "Tham số không hợp lệ"}
        expected = self._sign("&".join(f"{k}={self._as_text(order[k])}" for k in sorted(order)))
        if not hmac.compare_digest(expected, str(payload.get("mac", ""))):
            return {"error": -2101, "message": "Giá trị MAC không đúng"}
        order_id = f"{int(time.time() * 1000)}{secrets.randbelow(10**6):06d}"
        with self.state.lock:
            self.state.checkout_orders[order_id] = {**order, "user": user_id, "state": "created", "transId": ""}
        return {"error": 0, "message": "Thành công", "data": {"orderId": order_id}}

    def _checkout_pay(self, headers, raw: str) -> dict:
        """The citizen confirms (or cancels) on Zalo's sheet; Checkout's server posts the result to the merchant."""
        payload, user_id = self._container_user(raw)
        order_id = str(payload.get("orderId", ""))
        order = self.state.checkout_orders.get(order_id)
        if order is None or order["user"] != user_id:
            return {"error": -2001, "message": "Không có quyền truy cập"}
        if payload.get("result") == "cancel":
            order["state"] = "cancelled"
            return {"error": 0, "data": {"orderId": order_id, "resultCode": -2}}
        paid = payload.get("result", "success") == "success"
        if order["state"] not in ("paid", "failed"):
            order["state"] = "paid" if paid else "failed"
            order["transId"] = f"{time.strftime('%y%m%d')}_{secrets.randbelow(10**9):09d}"
        reply = self.send_checkout_callback(order_id) if not payload.get("no_callback") else None
        return {
            "error": 0,
            "data": {"orderId": order_id, "resultCode": 1 if order["state"] == "paid" else -1, "merchantReply": reply},
        }

    def checkout_callback_body(self, order_id: str) -> dict:
        order = self.state.checkout_orders[order_id]
        data = {
            "appId": self.state.miniapp_id,
            "orderId": order_id,
            "transId": order["transId"],
            "amount": order["amount"],
            "description": order["desc"],
            "resultCode": 1 if order["state"] == "paid" else -1,
            "message": "Giao dịch thành công" if order["state"] == "paid" else "Giao dịch thất bại",
            "method": "ZALOPAY_SANDBOX",
            "extradata": order.get("extradata", ""),
        }
        mac_fields = ("appId", "amount", "description", "orderId", "message", "resultCode", "transId")
        mac = self._sign("&".join(f"{k}={self._as_text(data[k])}" for k in mac_fields))
        overall = self._sign("&".join(f"{k}={self._as_text(data[k])}" for k in sorted(data)))
        return {"data": data, "mac": mac, "overallMac": overall}

    def send_checkout_callback(self, order_id: str) -> dict | None:
        """POST the result to the merchant's callback URL, as Checkout's server does; keep what it answered."""
        import urllib.request

        if not self.state.checkout_callback_url:
            return None
        body = json.dumps(self.checkout_callback_body(order_id), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        request = urllib.request.Request(self.state.checkout_callback_url, data=body, method="POST", headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                reply = json.loads(response.read().decode())
        except Exception as error:  # the merchant was away: Checkout keeps the order; the merchant may ask later
            reply = {"error": str(error)}
        self.state.callbacks.append({"orderId": order_id, "reply": reply})
        return reply

    def _checkout_status(self, headers, query: dict) -> dict:
        """getOrderStatus: mac = HMAC-SHA256(key, "appId={appId}&orderId={orderId}&privateKey={key}")."""
        app_id, order_id = query.get("appId", ""), query.get("orderId", "")
        key = self.state.checkout_private_key
        expected = self._sign(f"appId={app_id}&orderId={order_id}&privateKey={key}")
        if app_id != self.state.miniapp_id or not hmac.compare_digest(expected, query.get("mac", "")):
            return {"error": -2101, "message": "Giá trị MAC không đúng"}
        order = self.state.checkout_orders.get(order_id)
        if order is None:
            return {"error": -2103, "message": "Không tìm thấy đơn hàng"}
        code = {"paid": 1, "failed": -1}.get(order["state"], 0)
        return {
            "error": 0,
            "message": "Thành công",
            "data": {
                "transId": order["transId"],
                "method": "ZALOPAY_SANDBOX",
                "returnCode": code,
                "returnMessage": {1: "Giao dịch thành công", -1: "Giao dịch thất bại"}.get(code, "Đang xử lý"),
                "isProcessing": False,
                "amount": order["amount"],
                "extradata": order.get("extradata", ""),
            },
        }
