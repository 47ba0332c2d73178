"""Reads shared by the news and channel pages, the feeds, the search and the admin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from media_feeds.models import Article, Category, Channel, Programme

SEARCH_SOURCE = "tin-tuc"


def public_articles(*, category: Category | None = None, now=None) -> QuerySet[Article]:
    articles = Article.objects.public(now).select_related("cover", "category", "agency")
    return articles.filter(category=category) if category else articles


def featured_articles(*, days: int = 30, limit: int = 3) -> QuerySet[Article]:
    since = timezone.now() - dt.timedelta(days=days)
    return public_articles().filter(featured=True, published_at__gte=since)[:limit]


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    return list(public_articles(category=article.category).exclude(pk=article.pk)[:limit])


@dataclass(frozen=True)
class OnAir:
    channel: Channel
    now: Programme | None
    next: Programme | None


def on_air(channels: list[Channel], *, at: dt.datetime | None = None) -> list[OnAir]:
    """What each channel plays now and next, from one query over the day around `at`."""
    at = at or timezone.now()
    around = Programme.objects.filter(
        channel__in=channels, starts_at__gte=at - dt.timedelta(hours=24), starts_at__lte=at + dt.timedelta(hours=24)
    ).order_by("channel_id", "starts_at")
    by_channel: dict[int, list[Programme]] = {}
    for programme in around:
        by_channel.setdefault(programme.channel_id, []).append(programme)
    result = []
    for channel in channels:
        current = upcoming = None
        for programme in by_channel.get(channel.pk, []):
            if programme.starts_at <= at:
                current = programme
            else:
                upcoming = programme
                break
        if current and current.ends_at and current.ends_at <= at:
            current = None  # the last programme ended; the station is between programmes
        result.append(OnAir(channel, current, upcoming))
    return result


def day_schedule(channel: Channel, day: dt.date) -> list[Programme]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return list(channel.programmes.filter(starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)))


def active_channels() -> list[Channel]:
    return list(Channel.objects.filter(is_active=True))


def personal_data(user) -> list[dict]:
    """For "Dữ liệu của tôi": the places the person receives announcements for."""
    from citizen_portal.personal_data import local
    from media_feeds.models import AnnouncementSubscription

    subscriptions = AnnouncementSubscription.objects.filter(user=user).select_related("ward").order_by("created_at")
    return [{"noi": s.ward.name if s.ward else "Cả tỉnh", "dang_ky_luc": local(s.created_at)} for s in subscriptions]
