"""Where a notification or a printed QR code sends the citizen. With a published mini app (ZALO_MINIAPP_ID) the
link opens it inside Zalo (https://zalo.me/s/<appId><path>), where the mini app's router knows the same paths as
the web portal; without one it opens the web page."""

from django.conf import settings


def web_link(path: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{path}" if path.startswith("/") else path


def citizen_link(path: str) -> str:
    """`path` is the web portal's own path (with its query), e.g. "/ho-so/cua-toi/<id>/"."""
    if not path.startswith("/"):
        return path
    if settings.ZALO_MINIAPP_ID:
        return f"https://zalo.me/s/{settings.ZALO_MINIAPP_ID}{path}"
    return web_link(path)
