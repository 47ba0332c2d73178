"""The news part of the back-office home, for editors: drafts, what is scheduled, feeds that fail, channels off."""

from __future__ import annotations

from django.urls import reverse

from agencies.models import Agency
from citizen_portal.workspace import Queue, Section
from media_feeds.models import Article, Channel, NewsFeed
from media_feeds.workflow import ArticleStatus, StreamStatus


def news_section(user) -> Section | None:
    agencies = Agency.objects.edited_by(user)
    if not user.is_superuser and not agencies.exists():
        return None
    articles = reverse("admin:media_feeds_article_changelist")
    mine = Article.objects.for_user(user)
    failing = NewsFeed.objects.filter(agency__in=agencies, is_active=True).exclude(last_error="")
    offline = Channel.objects.for_user(user).filter(is_active=True, stream_status=StreamStatus.OFFLINE)
    return Section(
        "Tin tức, truyền hình",
        [
            Queue(
                "bản nháp", mine.filter(status=ArticleStatus.DRAFT).count(), f"{articles}?status__exact=draft", "new"
            ),
            Queue(
                "hẹn giờ đăng",
                mine.filter(status=ArticleStatus.SCHEDULED).count(),
                f"{articles}?status__exact=scheduled",
            ),
            Queue("nguồn tin đang lỗi", failing.count(), reverse("admin:media_feeds_newsfeed_changelist"), "late"),
            Queue("kênh mất tín hiệu", offline.count(), reverse("admin:media_feeds_channel_changelist"), "late"),
        ],
        list_url=articles,
    )
