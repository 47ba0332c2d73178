"""What every request and response goes through: private caching, input hygiene, database outages, security headers."""

import re

from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateCacheMiddleware:
    """A page or API answer made for a signed-in person (or an API token) is theirs alone: no shared cache, no
    browser back-button copy on a shared phone. Public pages keep whatever caching their view chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        personal = request.META.get("HTTP_AUTHORIZATION") or (
            hasattr(request, "user") and request.user.is_authenticated
        )
        if personal and not request.path.startswith("/static/"):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie", "Authorization"])
        return response


class InputHygieneMiddleware:
    """Text nobody can store or send (a NUL character, a lone surrogate) is refused at the door with a 400: in the
    API's error format for API and Open311 callers, as the Vietnamese 400 page for people. Without it, the first
    database query holding it fails with a 500."""

    API_PREFIXES = ("/api/", "/open311/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._hostile(request):
            return self._refuse(request)
        return self.get_response(request)

    def _hostile(self, request) -> bool:
        from citizen_portal.api.parsers import check_text

        values = [request.path, *request.GET.keys(), *[v for key in request.GET for v in request.GET.getlist(key)]]
        if request.content_type == "application/x-www-form-urlencoded" and request.method == "POST":
            values += [*request.POST.keys(), *[v for key in request.POST for v in request.POST.getlist(key)]]
        try:
            for value in values:
                check_text(value)
        except ValueError:
            return True
        return False

    def _refuse(self, request):
        from django.http import JsonResponse
        from django.shortcuts import render

        from citizen_portal.api.exceptions import error_body

        detail = "Dữ liệu gửi lên có ký tự không hợp lệ (ký tự rỗng hoặc mã hoá hỏng)."
        if request.path.startswith(self.API_PREFIXES):
            return JsonResponse(
                error_body(code="invalid_characters", detail=detail, title="Dữ liệu không hợp lệ"), status=400
            )
        return render(request, "400.html", {"detail": detail}, status=400)


class DatabaseOutageMiddleware:
    """The database unreachable for a moment: people get a Vietnamese "thử lại sau" page and API clients a 503 in
    the API format, both with Retry-After, instead of a bare 500. The transaction was rolled back, so nothing is
    half-written; trying again after the outage is safe."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        return outage_response(request)


def outage_response(request):
    import logging

    from django.http import HttpResponse, JsonResponse
    from django.template.loader import render_to_string

    from citizen_portal.api.exceptions import error_body

    logging.getLogger(__name__).error("database unavailable while serving %s", request.path)
    detail = "Hệ thống đang bận hoặc đang bảo trì. Thông tin của bạn chưa được gửi đi; vui lòng thử lại sau ít phút."
    if request.path.startswith(InputHygieneMiddleware.API_PREFIXES):
        response = JsonResponse(error_body(code="service_unavailable", detail=detail), status=503)
    else:
        # Rendered without the request: the context processors would ask the database again.
        response = HttpResponse(render_to_string("503.html", {"detail": detail}), status=503)
    response["Retry-After"] = str(DatabaseOutageMiddleware.RETRY_AFTER_SECONDS)
    return response


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(*, media_origins: tuple[str, ...] = ()) -> str:
    """The portal's policy. A player page adds its stream's origin (and blob:, which hls.js plays through) to what
    media may load and connect to; every other page plays nothing from elsewhere."""
    from django.conf import settings

    tiles = _origin(settings.MAP["TILE_URL"].replace("{s}", "a"))
    ancestors = " ".join(settings.CSP_FRAME_ANCESTORS)
    streams = " ".join(sorted({o for o in map(_origin, media_origins) if o}))
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # style attributes only (the admin's); never scripts
        f"img-src 'self' data: blob: {tiles}".strip(),
        f"connect-src 'self' {streams}".strip(),
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        f"frame-ancestors {ancestors}",
    ]
    if media_origins:
        directives.insert(5, f"media-src 'self' blob: {streams}".strip())
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every page: scripts only from our own files (no inline script anywhere, so an
    injected <script> does not run), images from us and the map's tile server, framing limited to
    CSP_FRAME_ANCESTORS (what Zalo's webview needs). Permissions-Policy: the location only where a page asks for it.
    The API's Swagger page, which loads its viewer from a CDN, keeps its own."""

    EXEMPT_PREFIXES = ("/api/docs/",)
    # Pages that ask for the phone's position: filing a report, a shop's pin, "Cửa hàng gần tôi".
    GEOLOCATION_PATHS = re.compile(r"^/(phan-anh/gui/|cua-hang/$|cua-hang/dang-ky/$|cua-hang/cua-toi/[^/]+/sua/$)")

    def __init__(self, get_response):
        self.policy = content_security_policy()
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.EXEMPT_PREFIXES):
            return response
        response.setdefault("Content-Security-Policy", self.policy)
        geolocation = "(self)" if self.GEOLOCATION_PATHS.match(request.path) else "()"
        response.setdefault(
            "Permissions-Policy", f"geolocation={geolocation}, camera=(), microphone=(), payment=(), usb=()"
        )
        return response
