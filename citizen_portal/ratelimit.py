"""Fixed-window counters in the cache (Redis in production) to slow down floods of anonymous or scripted
submissions. Cheap and approximate on purpose: a limit, not an audit."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The caller's address. Behind our reverse proxy (USE_X_FORWARDED_FOR) it is the last address the proxy
    appended; anything before it was written by the client and cannot be trusted."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, key: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count one more action for `key`; False once `limit` actions happened in the current window."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window_seconds + 60)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 60)
        count = 1
    return count <= limit
