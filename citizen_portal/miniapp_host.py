"""Serves a built mini app (miniapp/dist-shim) on 127.0.0.1 as Zalo's container would host it, for the browser
tests and `make run`: its own origin (so CORS is real), every unknown path answered with index.html (the app's
router reads the path, as deep links need), and `/env.js` telling the shim build where the API and the Zalo
simulator are."""

from __future__ import annotations

import gzip
import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings

SHIM_BUILD = settings.BASE_DIR / "miniapp" / "dist-shim"


class MiniAppHost:
    def __init__(
        self, *, api: str, zalo_simulator: str, root: Path = SHIM_BUILD, port: int = 0, extra: dict | None = None
    ):
        self.root = root.resolve()
        self.env = {
            "api": api.rstrip("/"),
            "web": api.rstrip("/"),
            "zaloSim": zalo_simulator.rstrip("/"),
            **(extra or {}),
        }
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MiniAppHost:
        if not (self.root / "index.html").exists():
            raise FileNotFoundError(
                f"{self.root}/index.html: build the mini app first (npm run build:shim in miniapp/)"
            )
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        host = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # quiet
                return

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path == "/env.js":
                    script = f"window.APP_ENV={json.dumps(host.env)};".encode()
                    return self._send(script, "text/javascript", "no-store")
                target = (host.root / path.lstrip("/")).resolve()
                if target.is_file() and host.root in target.parents:
                    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                    cache = "public, max-age=31536000, immutable" if "/assets/" in path else "no-cache"
                    return self._send(target.read_bytes(), kind, cache)
                return self._send((host.root / "index.html").read_bytes(), "text/html; charset=utf-8", "no-cache")

            def _send(self, data: bytes, kind: str, cache: str):
                self.send_response(200)
                # Compressed as a CDN would send it, so measurements count what a phone downloads.
                if "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(("text/", "application/j")):
                    data = gzip.compress(data, 9)
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Vary", "Accept-Encoding")
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", cache)
                self.end_headers()
                self.wfile.write(data)

        return Handler
