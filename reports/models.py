"""Field reports (phản ánh hiện trường): categories with their agencies and deadlines, routing rules, the reports
themselves with photos, history and followers, and keys for Open311 integrations."""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from citizen_portal.models import FoldedSearchModel
from reports.workflow import ANSWERED_STATUSES, OPEN_STATUSES, ReportStatus


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "ngày làm việc"
    CALENDAR_DAYS = "calendar_days", "ngày (kể cả ngày nghỉ)"


class CategoryQuerySet(models.QuerySet):
    def active(self) -> CategoryQuerySet:
        return self.filter(is_active=True)

    def reportable(self) -> CategoryQuerySet:
        """What a citizen can pick: active second-level categories under an active group."""
        return self.active().filter(parent__isnull=False, parent__is_active=True)


class Category(FoldedSearchModel):
    """Two levels: a group (Cây xanh) and what was seen (Cây gãy, đổ). Reports always use the second level;
    the deadline, agency and public flag come from it."""

    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="nhóm"
    )
    slug = models.SlugField("mã (Open311 service_code)", max_length=64, unique=True)
    name = models.CharField("tên", max_length=120)
    icon = models.CharField("biểu tượng", max_length=8, blank=True, help_text="Một biểu tượng cảm xúc, ví dụ 🌳")
    description = models.CharField("mô tả ngắn", max_length=255, blank=True)
    is_public = models.BooleanField(
        "công khai", default=True, help_text="Phản ánh thuộc loại này hiện trên trang công khai và Open311."
    )
    is_active = models.BooleanField("đang dùng", default=True)
    default_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan xử lý mặc định",
    )
    deadline_value = models.PositiveSmallIntegerField("thời hạn xử lý", default=3)
    deadline_unit = models.CharField(
        "đơn vị thời hạn", max_length=16, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại phản ánh"
        verbose_name_plural = "loại phản ánh"

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def search_source(self) -> str:
        return f"{self.name} {self.description}"

    @property
    def publicly_visible(self) -> bool:
        """Public only when both the category and its group are marked public."""
        return self.is_public and (self.parent is None or self.parent.is_public)

    @property
    def deadline_text(self) -> str:
        return f"{self.deadline_value} {self.get_deadline_unit_display()}"


class RoutingRule(models.Model):
    """Send reports of a ward (optionally of one category) to an agency. Lowest order first; the first rule that
    matches wins, otherwise the category's default agency."""

    order = models.PositiveIntegerField("thứ tự", default=100)
    category = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name="loại (để trống: mọi loại)",
        help_text="Chọn một loại cụ thể hoặc cả nhóm.",
    )
    ward = models.ForeignKey("agencies.Ward", on_delete=models.CASCADE, related_name="+", verbose_name="xã/phường")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name="giao cho")
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "quy tắc phân công"
        verbose_name_plural = "quy tắc phân công"

    def __str__(self) -> str:
        return f"{self.order}. {self.category or 'Mọi loại'} tại {self.ward} → {self.agency}"

    def matches(self, category: Category, ward_id: int | None) -> bool:
        if ward_id != self.ward_id:
            return False
        return self.category_id is None or self.category_id in (category.pk, category.parent_id)


class AnswerTemplate(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="answer_templates", verbose_name="loại (hoặc nhóm)"
    )
    title = models.CharField("tên mẫu", max_length=120)
    text = models.TextField("nội dung trả lời")

    class Meta:
        ordering = ["category", "title"]
        verbose_name = "mẫu trả lời"
        verbose_name_plural = "mẫu trả lời"

    def __str__(self) -> str:
        return self.title


class ReportQuerySet(models.QuerySet):
    def submitted(self) -> ReportQuerySet:
        return self.exclude(status=ReportStatus.DRAFT)

    def open(self) -> ReportQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def public(self) -> ReportQuerySet:
        """What anyone may read: submitted reports of public categories."""
        return self.submitted().filter(category__is_public=True, category__parent__is_public=True)

    def for_reporter(self, user) -> ReportQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(reporter=user)

    def for_user(self, user) -> ReportQuerySet:
        """Officers: reports handled by their agencies (never drafts)."""
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.submitted()
        return self.submitted().filter(agency__in=Agency.objects.handled_by(user))

    def overdue_first(self) -> ReportQuerySet:
        """Open reports by deadline (late ones on top), then the rest newest first."""
        is_open = models.Case(models.When(status__in=OPEN_STATUSES, then=models.Value(0)), default=models.Value(1))
        return self.annotate(_closed=is_open).order_by("_closed", models.F("deadline_at").asc(nulls_last=True), "-id")


class Source(models.TextChoices):
    WEB = "web", "Trang web / Zalo"
    API = "api", "API ứng dụng"
    OPEN311 = "open311", "Open311"


class Report(FoldedSearchModel):
    public_id = models.UUIDField("mã tra cứu nội bộ", default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("mã phản ánh", max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports", verbose_name="loại")
    description = models.TextField("nội dung", max_length=4000)
    latitude = models.DecimalField("vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    ward = models.ForeignKey(
        "agencies.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="xã/phường"
    )
    photo_location = models.JSONField("vị trí trong ảnh", null=True, blank=True, editable=False)
    source = models.CharField("kênh", max_length=10, choices=Source.choices, default=Source.WEB)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name="người phản ánh",
    )
    # Contact details as given with the report; wiped by the retention job after closing.
    contact_name = models.CharField("họ tên người phản ánh", max_length=150, blank=True)
    contact_phone = models.CharField("điện thoại người phản ánh", max_length=20, blank=True)
    contact_email = models.EmailField("thư điện tử người phản ánh", blank=True)
    show_name = models.BooleanField("hiện tên công khai", default=False)
    anonymised_at = models.DateTimeField("đã ẩn danh lúc", null=True, blank=True)

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name="cơ quan xử lý",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        verbose_name="cán bộ được giao",
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates", verbose_name="trùng với"
    )
    public_answer = models.TextField("trả lời công khai", blank=True)

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    received_at = models.DateTimeField("tiếp nhận lúc", null=True, blank=True, db_index=True)
    deadline_at = models.DateTimeField("hạn xử lý", null=True, blank=True, db_index=True)
    seriously_late_at = models.DateTimeField("trễ nghiêm trọng từ", null=True, blank=True)
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    closed_at = models.DateTimeField("đóng lúc", null=True, blank=True)
    reminded_at = models.DateTimeField("đã nhắc hạn lúc", null=True, blank=True)
    escalated_at = models.DateTimeField("đã báo cấp trên lúc", null=True, blank=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    rating = models.PositiveSmallIntegerField("đánh giá (1–5)", null=True, blank=True)
    rating_reasons = models.JSONField("lý do đánh giá", default=list, blank=True)
    rating_comment = models.TextField("góp ý", blank=True)
    rated_at = models.DateTimeField("đánh giá lúc", null=True, blank=True)
    me_too_count = models.PositiveIntegerField("số người cũng gặp", default=0)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "phản ánh"
        verbose_name_plural = "phản ánh"
        indexes = [
            models.Index(fields=["category", "status", "latitude"], name="report_nearby"),
            models.Index(fields=["agency", "status", "deadline_at"], name="report_queue"),
            # The public feed, the API and Open311 read newest first, from a position (reports.selectors.feed_page).
            models.Index(fields=["-received_at", "-id"], name="report_feed"),
            models.Index(fields=["ward", "-received_at", "-id"], name="report_feed_ward"),
            # The dashboards' facts are rebuilt from what was answered, rated or changed on a day.
            models.Index(fields=["answered_at"], name="report_answered_at"),
            models.Index(fields=["updated_at"], name="report_updated_at"),
        ]
        permissions = [("view_reporter_contact", "Xem thông tin liên hệ của người phản ánh")]

    def __str__(self) -> str:
        return f"{self.code or 'Phản ánh đang soạn'} · {self.category.name}"

    def search_source(self) -> str:
        return f"{self.code or ''} {self.address} {self.description}"[:255]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def is_late(self, now=None) -> bool:
        return self.is_open and self.deadline_at is not None and (now or timezone.now()) > self.deadline_at

    def is_seriously_late(self, now=None) -> bool:
        moment = now or timezone.now()
        return self.is_open and self.seriously_late_at is not None and moment > self.seriously_late_at

    def rating_open_until(self):
        if self.status not in ANSWERED_STATUSES or self.answered_at is None or self.rating is not None:
            return None
        return self.answered_at + timezone.timedelta(days=settings.REPORTS["RATING_DAYS"])

    def public_location(self) -> tuple[float, float] | None:
        """Coordinates as the public sees them, rounded (REPORTS["PUBLIC_LOCATION_DECIMALS"])."""
        if not self.has_location:
            return None
        decimals = settings.REPORTS["PUBLIC_LOCATION_DECIMALS"]
        return round(float(self.latitude), decimals), round(float(self.longitude), decimals)

    def public_name(self) -> str:
        """The reporter's name as the public sees it: only when they chose to show it."""
        if self.show_name and self.contact_name and not self.anonymised_at:
            return self.contact_name
        return "Người dân (ẩn danh)"


def _photo_folder(photo: ReportPhoto) -> str:
    # A photo kept before its report exists lives under its own id; the file is not moved when it is attached.
    return f"reports/{photo.report.public_id}" if photo.report_id else f"reports/cho/{photo.public_id}"


def report_photo_path(photo: ReportPhoto, filename: str) -> str:
    return f"{_photo_folder(photo)}/{uuid.uuid4().hex}.jpg"


def report_thumbnail_path(photo: ReportPhoto, filename: str) -> str:
    return f"{_photo_folder(photo)}/thumb-{uuid.uuid4().hex}.jpg"


class ReportPhoto(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Ảnh người dân gửi"
        ANSWER = "answer", "Ảnh sau khi xử lý"

    public_id = models.UUIDField("mã ảnh", default=uuid.uuid4, unique=True, editable=False)
    # Empty while the photo waits for its report: stored the moment it arrives, so a mistake elsewhere on the
    # form never costs the citizen the upload (owned by uploaded_by until then).
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="photos", verbose_name="phản ánh"
    )
    # Where the camera was, read from EXIF before the metadata is stripped; only kept until the report is made.
    camera_location = models.JSONField("vị trí chụp (tạm)", null=True, blank=True)
    kind = models.CharField("loại ảnh", max_length=10, choices=Kind.choices, default=Kind.REPORT)
    # Always our own re-encoding: the citizen's original bytes (with GPS and camera data) are never stored.
    image = models.FileField("ảnh", upload_to=report_photo_path, max_length=300)
    thumbnail = models.FileField("ảnh thu nhỏ", upload_to=report_thumbnail_path, max_length=300)
    width = models.PositiveIntegerField("rộng (điểm ảnh)", default=0)
    height = models.PositiveIntegerField("cao (điểm ảnh)", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người gửi"
    )
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "ảnh"
        verbose_name_plural = "ảnh"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.width}×{self.height})"


class ReportHistory(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="history", verbose_name="phản ánh")
    at = models.DateTimeField("lúc", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    from_status = models.CharField("từ", max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField("sang", max_length=20, choices=ReportStatus.choices)
    public_text = models.TextField("nội dung công khai", blank=True)
    internal_note = models.TextField("ghi chú nội bộ", blank=True)
    data = models.JSONField("dữ liệu kèm theo", default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lịch sử"
        verbose_name_plural = "lịch sử"

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} · {self.get_to_status_display()}"


class ReportFollower(models.Model):
    """Someone who wants to hear about a report; `me_too` when they met the same problem (counted publicly)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_reports")
    me_too = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="follow_once")]


class ReportCodeSequence(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


class Open311ClientQuerySet(models.QuerySet):
    def by_key(self, raw_key: str) -> Open311Client | None:
        if not raw_key:
            return None
        return self.filter(is_active=True, key_hash=Open311Client.hash_key(raw_key)).first()


class Open311Client(models.Model):
    """An integration allowed to POST reports through Open311. Only the key's hash is stored."""

    name = models.CharField("tên ứng dụng", max_length=120)
    contact = models.CharField("liên hệ", max_length=200, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField("đầu khóa", max_length=8, editable=False)
    is_active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = Open311ClientQuerySet.as_manager()

    class Meta:
        verbose_name = "khóa Open311"
        verbose_name_plural = "khóa Open311"

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash_key(raw_key: str) -> str:
        return hashlib.sha256(raw_key.encode()).hexdigest()

    def issue_key(self) -> str:
        """A new key; returned once for the admin to hand over, never stored in clear."""
        raw = secrets.token_urlsafe(24)
        self.key_hash, self.key_prefix = self.hash_key(raw), raw[:8]
        return raw
