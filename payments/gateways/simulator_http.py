"""The small HTTP server both payment simulators run on 127.0.0.1 (tests start them; `make run` too)."""

from __future__ import annotations

import html
import json
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>
<style>body{{font:18px/1.5 system-ui,sans-serif;max-width:30rem;margin:1rem auto;padding:0 1rem}}
.sim{{background:#fff3cd;padding:.5rem;border-radius:4px}}button{{display:block;width:100%;min-height:48px;
margin:.5rem 0;font-size:18px}}dt{{font-weight:600}}</style></head><body>
<p class="sim">Cổng thanh toán giả lập (chỉ dùng để thử): không có tiền thật nào được chuyển.</p>{body}</body></html>"""


def page(title: str, body: str) -> bytes:
    return PAGE.format(title=html.escape(title), body=body).encode()


def choice_form(action: str, hidden: dict[str, str]) -> str:
    fields = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in hidden.items()
    )
    return (
        f'<form method="post" action="{html.escape(action)}">{fields}'
        '<button name="choice" value="success">Thanh toán thành công</button>'
        '<button name="choice" value="failure">Thanh toán thất bại (không đủ số dư)</button>'
        '<button name="choice" value="cancel">Hủy thanh toán</button></form>'
    )


def http_call(url: str, *, data: bytes | None = None, content_type: str = "", timeout: float = 10) -> tuple[int, str]:
    """Call the merchant (IPN, callback) the way the provider's server does; (status, body), (0, error) if down."""
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")  # noqa: S310
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except (urllib.error.URLError, TimeoutError) as error:
        return 0, str(error)


class SimulatorServer:
    """Routes: {("GET"|"POST", path): handler(query: dict, body: bytes, headers) -> (status, content_type, bytes,
    extra headers)}."""

    def __init__(self, port: int = 0):
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def routes(self) -> dict:
        raise NotImplementedError

    def choose(self, page_url: str, choice: str) -> str:
        """Do what a tester does in a browser: open the payment page, press a button; return where it redirects."""
        import re

        status, text = http_call(page_url)
        if status != 200:
            raise AssertionError(f"payment page answered {status}: {text[:200]}")
        form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', text, re.S)
        hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form.group(2)))
        request = urllib.request.Request(  # noqa: S310 - our own simulator on 127.0.0.1
            f"{self.url}{html.unescape(form.group(1))}",
            data=urllib.parse.urlencode(
                {**{k: html.unescape(v) for k, v in hidden.items()}, "choice": choice}
            ).encode(),
            method="POST",
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            opener.open(request, timeout=15)
        except urllib.error.HTTPError as answer:
            if answer.code == 302:
                return answer.headers["Location"]
            raise
        raise AssertionError("the payment page did not redirect")

    def _handler_class(self):
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # quiet
                return

            def _serve(self, method: str):
                parts = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                handler = simulator.routes().get((method, parts.path))
                if handler is None:
                    status, content_type, data, extra = 404, "application/json", b'{"error":"not found"}', {}
                else:
                    status, content_type, data, extra = handler(query, body, self.headers)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

        return Handler


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def json_reply(body: dict, status: int = 200):
    return status, "application/json", json.dumps(body).encode(), {}


def html_reply(data: bytes, status: int = 200):
    return status, "text/html; charset=utf-8", data, {}


def redirect(location: str):
    return 302, "text/plain", b"", {"Location": location}
