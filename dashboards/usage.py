"""Privacy-preserving usage counters: no third-party analytics, no cookie, nothing kept about a person beyond the
day their account was last used.

- A visit is a page opened from outside the portal (no Referer from our own site), counted whether the page was
  served fresh or from the shared cache; the mini app says so with `X-Visit-Start: 1` when it opens. Crawlers,
  link previews and requests with no user agent are not visits.
- A citizen is active on a day the first time the account is used that day (one conditional UPDATE of
  `User.last_active_on`, so two requests at once count once); active for the first time in a month when that
  date was in an earlier month. The month's active users are the sum of those.
- The channel: the mini app (`X-Client: zalo-miniapp`), Zalo's in-app browser (its user agent says "Zalo"), or any
  other browser.
Counts collect in the cache and reach `UsageDay` when the facts job runs (`usage_flush`)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from citizen_portal.public_cache import count_view, take_view_counts
from dashboards.models import UsageChannel, UsageDay

METRICS = ("visits", "active_users", "month_new_active")
MINIAPP_HEADER = "HTTP_X_CLIENT"
MINIAPP_CLIENT = "zalo-miniapp"
UNCOUNTED_PREFIXES = ("/static/", "/media/", "/admin/", "/healthz", "/bang-dieu-khien/", "/tai-khoan/")


def channel_of(request) -> str:
    if request.META.get(MINIAPP_HEADER, "") == MINIAPP_CLIENT:
        return UsageChannel.MINIAPP
    if "zalo" in request.META.get("HTTP_USER_AGENT", "").lower():
        return UsageChannel.ZALO_WEBVIEW
    return UsageChannel.WEB


def _counter(day: dt.date, channel: str, metric: str) -> str:
    return f"usage:{day:%Y%m%d}:{channel}:{metric}"


def _count(channel: str, metric: str, day: dt.date | None = None) -> None:
    count_view(_counter(day or timezone.localdate(), channel, metric))


# Crawlers and link previews (Zalo's and Facebook's fetch a page to show its card) are not people visiting.
ROBOTS = ("bot", "spider", "crawl", "slurp", "facebookexternalhit", "zalo-link-preview", "preview", "headless")


def is_visit_start(request) -> bool:
    agent = request.META.get("HTTP_USER_AGENT", "").lower()
    if not agent or any(robot in agent for robot in ROBOTS):
        return False
    if request.path.startswith("/api/"):
        return request.META.get("HTTP_X_VISIT_START") == "1"
    if request.method != "GET" or request.path.startswith(UNCOUNTED_PREFIXES):
        return False
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return referer.netloc != request.get_host()


class VisitCounterMiddleware:
    """Above the shared page cache, so a visitor served the shared copy is counted too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200 and is_visit_start(request):
            is_page = response.get("Content-Type", "").startswith("text/html") or request.path.startswith("/api/")
            if is_page:
                _count(channel_of(request), "visits")
        return response


def user_seen(user, channel: str, *, today: dt.date | None = None) -> None:
    """Count the citizen active today (and this month) the first time today the account is used."""
    from identity.models import User

    today = today or timezone.localdate()
    if not cache.add(f"usage:seen:{today:%Y%m%d}:{user.pk}", 1, timeout=26 * 3600):
        return
    before = User.objects.filter(pk=user.pk).values_list("last_active_on", flat=True).first()
    if before is not None and before >= today:
        return
    won = User.objects.filter(pk=user.pk, last_active_on=before).update(last_active_on=today)
    if not won:  # another request of the same citizen counted this day first
        return
    _count(channel, "active_users", today)
    if before is None or before < today.replace(day=1):
        _count(channel, "month_new_active", today)


class ActiveUserMiddleware:
    """Below authentication: citizens only (officers at work are not the portal's reach)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_staff and response.status_code < 400:
            user_seen(user, channel_of(request))
        return response


def usage_flush(*, today: dt.date | None = None) -> int:
    """Add the counts collected in the cache (today's and yesterday's) to `UsageDay`."""
    today = today or timezone.localdate()
    added = 0
    for day in (today - dt.timedelta(days=1), today):
        names = [_counter(day, channel, metric) for channel in UsageChannel.values for metric in METRICS]
        taken = take_view_counts(names)
        for channel in UsageChannel.values:
            counts = {metric: taken.get(_counter(day, channel, metric), 0) for metric in METRICS}
            if not any(counts.values()):
                continue
            UsageDay.objects.get_or_create(day=day, channel=channel)
            UsageDay.objects.filter(day=day, channel=channel).update(
                **{metric: F(metric) + count for metric, count in counts.items()}
            )
            added += sum(counts.values())
    return added
