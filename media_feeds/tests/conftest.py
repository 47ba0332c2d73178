"""A provincial portal and a broadcaster on 127.0.0.1 for the tests: it answers what a test puts in `routes`
(a feed, a picture, a playlist), speaks ETag/304 like real feed servers, and serves HLS files with CORS as a
station's CDN does."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from media_feeds.models import Category


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str = ""


@dataclass
class Remote:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    files: Path | None = None

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


@pytest.fixture
def remote():
    state = Remote(base="")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802
            state.hits.append(self.path)
            route = state.routes.get(self.path)
            if route is None and state.files and self.path.startswith("/hls/"):
                target = (state.files / self.path.removeprefix("/hls/")).resolve()
                if target.is_file() and state.files.resolve() in target.parents:
                    kind = "application/vnd.apple.mpegurl" if target.suffix == ".m3u8" else "video/mp2t"
                    route = Route(body=target.read_bytes(), content_type=kind)
            if route is None:
                route = Route(body=b"not found", status=404, content_type="text/plain")
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            if route.etag:
                self.send_header("ETag", route.etag)
            self.end_headers()
            self.wfile.write(route.body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def photo_like(width: int = 1200, height: int = 675, seed: int = 0) -> bytes:
    """A picture that compresses like a photo (noise over a gradient), not like a flat colour."""
    from PIL import ImageChops, ImageFilter

    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 60 + seed).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    ImageChops.blend(gradient, noise, 0.5).save(out, "JPEG", quality=90)
    return out.getvalue()


def jpeg(width: int = 1000, height: int = 600, colour=(30, 120, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def category(db):
    return Category.objects.create(name="Thông báo", slug="thong-bao")


@pytest.fixture
def editor(agency):
    return OfficerFactory(agency=agency, agency__role=OfficerRole.EDITOR, full_name="Trương Thị Hoa")


@pytest.fixture
def other_editor(other_agency):
    return OfficerFactory(agency=other_agency, agency__role=OfficerRole.EDITOR, full_name="Lý Văn Khác")
