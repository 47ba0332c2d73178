"""From the mini app to the web portal as the same citizen, once: a signed link valid 2 minutes and usable once.
The provincial SSO (level 2) runs in the web portal; the mini app opens this link with `openWebview`, the citizen
verifies, and the identity lands on the very account the mini app signed in with."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.urls import reverse

from identity.models import User

SALT = "identity.miniapp-handoff"
MAX_AGE_SECONDS = 120


def handoff_link(user: User) -> str:
    value = signing.dumps({"u": str(user.public_id), "n": secrets.token_urlsafe(12)}, salt=SALT)
    return settings.PUBLIC_BASE_URL + reverse("identity:handoff", args=[value])


def handoff_consume(value: str) -> User | None:
    """The citizen the link was made for; None when it is forged, older than 2 minutes, or already used."""
    try:
        payload = signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not cache.add(f"handoff-used:{payload['n']}", 1, timeout=MAX_AGE_SECONDS * 2):
        return None  # single use
    return User.objects.filter(public_id=payload["u"], is_active=True, is_staff=False).first()
