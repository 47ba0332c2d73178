"""An article's life: written as a draft, published at once or at a set time, archived when it no longer applies.

   draft ──publish──▶ published ──archive──▶ archived ──publish──▶ published
     │ ▲                  ▲
schedule │ unschedule     │ (the minute job, when the time comes)
     ▼ │                  │
   scheduled ─────────────┘
"""

from django.db import models


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    SCHEDULED = "scheduled", "Hẹn giờ đăng"
    PUBLISHED = "published", "Đã đăng"
    ARCHIVED = "archived", "Lưu trữ"


TRANSITIONS: dict[str, set[str]] = {
    ArticleStatus.DRAFT: {ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED},
    ArticleStatus.SCHEDULED: {ArticleStatus.DRAFT, ArticleStatus.PUBLISHED},
    ArticleStatus.PUBLISHED: {ArticleStatus.ARCHIVED},
    ArticleStatus.ARCHIVED: {ArticleStatus.PUBLISHED},
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


class ChannelKind(models.TextChoices):
    TV = "tv", "Truyền hình"
    RADIO = "radio", "Phát thanh (radio)"


class StreamStatus(models.TextChoices):
    UNKNOWN = "unknown", "Chưa kiểm tra"
    ONLINE = "online", "Đang phát"
    OFFLINE = "offline", "Mất tín hiệu"
