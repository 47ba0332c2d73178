"""News articles (written here or imported from provincial feeds), the feeds themselves, readers' subscriptions to
important announcements, and the provincial TV and radio channels with their programme schedule."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from citizen_portal.models import FoldedSearchModel
from media_feeds.workflow import ArticleStatus, ChannelKind, StreamStatus


class Category(models.Model):
    name = models.CharField("tên", max_length=80, unique=True)
    slug = models.SlugField("đường dẫn", max_length=80, unique=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "chuyên mục tin"
        verbose_name_plural = "chuyên mục tin"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('media_feeds:news')}?chuyen-muc={self.slug}"


class ArticleImage(models.Model):
    """A picture uploaded once and kept as a few widths in WebP and JPEG, so a phone downloads only what its screen
    needs (`srcset`). `renditions` maps "webp"/"jpeg" to {width: storage name}."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    original = models.ImageField("ảnh gốc (đã làm sạch)", upload_to="news/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    renditions = models.JSONField(default=dict)
    source_url = models.URLField("lấy từ", max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "ảnh tin"
        verbose_name_plural = "ảnh tin"

    def __str__(self) -> str:
        return f"{self.width}×{self.height}"

    def widths(self, fmt: str) -> list[int]:
        return sorted(int(width) for width in self.renditions.get(fmt, {}))

    def url(self, width: int, fmt: str) -> str:
        return reverse("media_feeds:image", kwargs={"public_id": self.public_id, "width": width, "fmt": fmt})

    def srcset(self, fmt: str) -> str:
        return ", ".join(f"{self.url(width, fmt)} {width}w" for width in self.widths(fmt))

    def height_for(self, width: int) -> int:
        return round(self.height * width / self.width)


class ArticleQuerySet(models.QuerySet):
    def public(self, now=None) -> ArticleQuerySet:
        """What readers see: published, and scheduled articles whose time has come (even before the minute job has
        marked them published)."""
        now = now or timezone.now()
        return self.filter(status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED], published_at__lte=now)

    def for_user(self, user) -> ArticleQuerySet:
        """Editors: their agencies' articles, whatever the status."""
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(agency__in=Agency.objects.edited_by(user))


class Article(FoldedSearchModel):
    title = models.CharField("tiêu đề", max_length=200)
    slug = models.SlugField("đường dẫn", max_length=120, unique=True)
    summary = models.TextField("tóm tắt", max_length=400, blank=True)
    body = models.TextField(
        "nội dung",
        blank=True,
        help_text=(
            "Gõ như văn bản thường: để trống một dòng giữa hai đoạn; dòng bắt đầu bằng “- ” hoặc “1.” thành danh "
            "sách. Có thể dán HTML; chỉ các định dạng an toàn được giữ lại."
        ),
    )
    cover = models.ForeignKey(
        ArticleImage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="ảnh bìa"
    )
    cover_alt = models.CharField("mô tả ảnh bìa", max_length=200, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles", verbose_name="chuyên mục")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="articles", verbose_name="cơ quan đăng tin"
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("thời điểm đăng", null=True, blank=True, db_index=True)
    featured = models.BooleanField("tin nổi bật", default=False)
    # Important announcements are sent to the people who asked for them, in the chosen wards (none = all).
    important = models.BooleanField("thông báo quan trọng (gửi đến người đăng ký nhận)", default=False)
    announce_wards = models.ManyToManyField(
        "agencies.Ward", blank=True, related_name="+", verbose_name="gửi đến người đăng ký ở các phường, xã"
    )
    announced_at = models.DateTimeField("đã gửi thông báo lúc", null=True, blank=True, editable=False)
    # Imported articles credit where they came from; (feed, guid) is unique so an item is imported once.
    feed = models.ForeignKey(
        "NewsFeed", on_delete=models.SET_NULL, null=True, blank=True, related_name="articles", editable=False
    )
    guid = models.CharField("mã tin ở nguồn", max_length=500, null=True, blank=True, editable=False)
    source_name = models.CharField("nguồn", max_length=200, blank=True)
    source_url = models.URLField("đường dẫn gốc", max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "tin bài"
        verbose_name_plural = "tin bài"
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="article_unique_feed_item"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["scheduled", "published"]) | models.Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="article_public_idx")]

    def __str__(self) -> str:
        return self.title

    def search_source(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("media_feeds:article", kwargs={"slug": self.slug})

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED) and bool(
            self.published_at and self.published_at <= now
        )


class NewsFeed(models.Model):
    """An RSS or Atom feed of a provincial portal, read on a schedule. Its last error stays visible in the admin;
    a broken feed never stops the others."""

    name = models.CharField("tên nguồn", max_length=200)
    url = models.URLField("địa chỉ RSS/Atom", max_length=1000, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="news_feeds", verbose_name="đăng dưới tên cơ quan"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+", verbose_name="vào chuyên mục")
    publish_directly = models.BooleanField(
        "đăng ngay tin mới", default=False, help_text="Bỏ chọn để tin mới vào bản nháp, chờ biên tập viên đăng."
    )
    is_active = models.BooleanField("đang dùng", default=True)
    every_minutes = models.PositiveIntegerField("đọc lại sau (phút)", default=30)
    last_checked_at = models.DateTimeField("lần đọc gần nhất", null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField("lần đọc được gần nhất", null=True, blank=True, editable=False)
    last_error = models.TextField("lỗi lần đọc gần nhất", blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField("số lần lỗi liên tiếp", default=0, editable=False)
    last_imported = models.PositiveIntegerField("số tin mới lần gần nhất", default=0, editable=False)
    # Conditional GET: an unchanged feed costs the provider and us one short answer.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    modified = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "nguồn tin RSS/Atom"
        verbose_name_plural = "nguồn tin RSS/Atom"

    def __str__(self) -> str:
        return self.name

    def is_due(self, now) -> bool:
        return self.last_checked_at is None or (now - self.last_checked_at).total_seconds() >= self.every_minutes * 60


class AnnouncementSubscription(models.Model):
    """A citizen who asked to receive important announcements for a ward (or the whole province: ward empty)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="announcement_wards")
    ward = models.ForeignKey("agencies.Ward", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "đăng ký nhận thông báo"
        verbose_name_plural = "đăng ký nhận thông báo"
        constraints = [
            models.UniqueConstraint(fields=["user", "ward"], name="announcement_unique_user_ward"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(ward__isnull=True), name="announcement_unique_user_province"
            ),
        ]


class ChannelQuerySet(models.QuerySet):
    def for_user(self, user) -> ChannelQuerySet:
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(agency__in=Agency.objects.edited_by(user))


class Channel(models.Model):
    name = models.CharField("tên kênh", max_length=120)
    slug = models.SlugField("đường dẫn", max_length=60, unique=True)
    kind = models.CharField("loại", max_length=8, choices=ChannelKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="channels", verbose_name="đài phát"
    )
    stream_url = models.URLField("địa chỉ luồng HLS (.m3u8)", max_length=1000)
    # A TV channel's sound alone (an audio-only HLS rendition): "Chỉ nghe tiếng" saves most of the data.
    audio_stream_url = models.URLField("luồng chỉ có tiếng (tuỳ chọn)", max_length=1000, blank=True)
    logo = models.ImageField("biểu trưng", upload_to="channels/", blank=True)
    description = models.CharField("giới thiệu ngắn", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=100)
    is_active = models.BooleanField("đang hiện", default=True)
    stream_status = models.CharField(
        "tín hiệu", max_length=8, choices=StreamStatus.choices, default=StreamStatus.UNKNOWN, editable=False
    )
    stream_checked_at = models.DateTimeField("kiểm tra lúc", null=True, blank=True, editable=False)
    stream_error = models.CharField("lỗi kiểm tra", max_length=300, blank=True, editable=False)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "kênh truyền hình, phát thanh"
        verbose_name_plural = "kênh truyền hình, phát thanh"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("media_feeds:channel", kwargs={"slug": self.slug})

    @property
    def is_radio(self) -> bool:
        return self.kind == ChannelKind.RADIO

    @property
    def is_offline(self) -> bool:
        return self.stream_status == StreamStatus.OFFLINE


class Programme(models.Model):
    """One item of a channel's schedule (EPG). Ends where the next one starts unless an end is given."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="programmes", verbose_name="kênh")
    starts_at = models.DateTimeField("bắt đầu", db_index=True)
    ends_at = models.DateTimeField("kết thúc", null=True, blank=True)
    title = models.CharField("tên chương trình", max_length=200)
    description = models.CharField("giới thiệu", max_length=500, blank=True)

    class Meta:
        ordering = ["channel", "starts_at"]
        verbose_name = "chương trình phát sóng"
        verbose_name_plural = "lịch phát sóng"
        constraints = [models.UniqueConstraint(fields=["channel", "starts_at"], name="programme_unique_start")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%d/%m %H:%M} {self.title}"


class ArticleHistory(models.Model):
    """Who moved an article between statuses, when; written by the services, never edited."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_status = models.CharField(max_length=12, choices=ArticleStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ArticleStatus.choices)
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "lịch sử tin bài"
        verbose_name_plural = "lịch sử tin bài"
