"""Anonymous visitors share one copy of each public page for a short while.

At a province's size most requests to the feed, the catalogue or Open311 come from people who are not signed in,
and they all see the same page. The middleware keeps that page in the cache (Redis in production, so every app
server shares it) for `PUBLIC_PAGE_CACHE_SECONDS`, and forgets every copy at once when public content changes:
a save or delete of a report, its photos or history, a category, a procedure or an agency bumps a generation
number that is part of each key. Nothing is cached for a visitor who has a session (signed in, or carrying a
message), for a request with credentials, for a page that hands out a CSRF token, or for an answer that sets a
cookie or is not a plain 200. Only the views named in `PUBLIC_CACHE_VIEWS` are ever cached.

The middleware sits below GZip, ConditionalGet and the security headers, so a cached page is still compressed,
gets its ETag (a repeat visit answers 304) and carries today's security headers; it sits above everything else,
so a shared page costs no session, locale or CSRF work, and keeps the headers those added when it was made.

A page that counts its readers (a published answer's "lượt xem") names its counter in the `X-View-Counter`
header; the middleware takes the header off, keeps it with the shared copy and counts every reader — served fresh
or from the copy, signed in or not — through `count_view` (the counters live in the cache and reach the database
in batches: `flush_view_counts`)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

GENERATION_KEY = "public-pages:generation"
VIEW_COUNTER_HEADER = "X-View-Counter"
VIEW_COUNT_PREFIX = "view-count:"
# Saving any of these can change what an anonymous visitor sees on a public page.
PUBLIC_CONTENT_MODELS = [
    "reports.Report",
    "reports.ReportPhoto",
    "reports.ReportHistory",
    "reports.Category",
    "dossiers.Procedure",
    "dossiers.ProcedureCase",
    "dossiers.RequiredDocument",
    "dossiers.FormField",
    "agencies.Agency",
    "agencies.Ward",
    "qa.Question",
    "qa.Topic",
    "search.SearchDocument",
    "search.Synonym",
    "media_feeds.Article",
    "media_feeds.ArticleImage",
    "media_feeds.Category",
    "media_feeds.Channel",
    "media_feeds.Programme",
]
# Made per answer by the middleware above this one, or not to be repeated.
UNSTORED_HEADERS = {"content-length", "etag", "x-public-cache", "date"}


# Each process reads the generation from the shared cache at most once a second: a change made through another
# server shows there within a second, and a shared page costs one round trip to Redis instead of two.
GENERATION_READ_EVERY = 1.0
_known = {"generation": 0, "read_at": -GENERATION_READ_EVERY}


def generation() -> int:
    now = time.monotonic()
    if now - _known["read_at"] >= GENERATION_READ_EVERY:
        _known.update(generation=cache.get_or_set(GENERATION_KEY, 1, timeout=None), read_at=now)
    return _known["generation"]


def public_content_changed(**kwargs) -> None:
    """Every cached public page is forgotten (a new generation makes every old key unreachable)."""
    try:
        value = cache.incr(GENERATION_KEY)
    except ValueError:  # evicted or never set: a number never used before (the time) forgets just the same
        value = time.time_ns() // 1000
        cache.set(GENERATION_KEY, value, timeout=None)
    _known.update(generation=value, read_at=time.monotonic())


def connect_invalidation() -> None:
    from django.apps import apps

    for label in PUBLIC_CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-save-{label}")
        post_delete.connect(public_content_changed, sender=model, dispatch_uid=f"public-cache-delete-{label}")
    # Settings change only in tests (override_settings), but a page built under other settings is not this one.
    setting_changed.connect(public_content_changed, dispatch_uid="public-cache-settings")


def _anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_view(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in settings.PUBLIC_CACHE_VIEWS


def _key(request: HttpRequest) -> str:
    wanted = f"{request.get_full_path()}|{request.META.get('HTTP_ACCEPT', '')}|{request.get_host()}"
    return f"public-pages:{generation()}:{hashlib.sha256(wanted.encode()).hexdigest()}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page carries a form token: never share it
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def count_view(counter: str) -> None:
    key = VIEW_COUNT_PREFIX + counter
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=None)


def take_view_counts(counters: list[str]) -> dict[str, int]:
    """The readers counted since the last call, per counter; taken away from the cache (a reader counted meanwhile
    stays for the next call: the counts are decremented, not deleted)."""
    found = cache.get_many([VIEW_COUNT_PREFIX + counter for counter in counters])
    taken = {}
    for key, count in found.items():
        if count:
            cache.decr(key, count)
            taken[key.removeprefix(VIEW_COUNT_PREFIX)] = count
    return taken


def _counted(response: HttpResponse) -> str | None:
    counter = response.get(VIEW_COUNTER_HEADER)
    if counter:
        del response[VIEW_COUNTER_HEADER]
        count_view(counter)
    return counter


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not timeout or request.method != "GET" or not _anonymous(request):
            response = self.get_response(request)
            _counted(response)
            return response
        key = _key(request)
        # Only pages of the listed views are ever stored, so a hit needs no URL resolving; a miss checks the view.
        stored = cache.get(key)
        if stored is not None and len(stored) == 6:  # a copy stored by an older release is simply rebuilt
            status, headers, content, compressed, counter, etag = stored
            if counter:
                count_view(counter)
            # Compressed once when stored, not on every answer (GZipMiddleware leaves an encoded answer alone).
            gzip = compressed is not None and "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
            response = HttpResponse(compressed if gzip else content, status=status)
            for name, value in headers:
                response[name] = value
            patch_vary_headers(response, ["Accept-Encoding"])
            if gzip:
                response["Content-Encoding"] = "gzip"
            # The ETag the page had when built (weak once gzipped, as GZipMiddleware marks it), not one of the
            # compressed bytes: a phone that got the page fresh revalidates against a copy and gets its 304.
            response["ETag"] = f'W/"{etag}"' if gzip else f'"{etag}"'
            response["X-Public-Cache"] = "hit"
            return response
        if not _cacheable_view(request):
            response = self.get_response(request)
            _counted(response)
            return response
        response = self.get_response(request)
        counter = _counted(response)
        if _storable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
            content = response.content
            compressed = compress_string(content) if len(content) >= 200 else None
            etag = hashlib.md5(content, usedforsecurity=False).hexdigest()  # what ConditionalGetMiddleware computes
            cache.set(key, (response.status_code, headers, content, compressed, counter, etag), timeout)
            response["X-Public-Cache"] = "miss"
        return response
