"""Online Q&A (hỏi đáp trực tuyến): a citizen asks an agency, an officer answers, and a good answer is published
for everyone with a public version of the question that never carries the asker's name unless they agreed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from qa.workflow import OPEN_STATUSES, QuestionStatus


class Topic(models.Model):
    """A field of questions (lĩnh vực): Hộ tịch, Đất đai… with its answer deadline and the agency that answers by
    default."""

    slug = models.SlugField("mã", max_length=64, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=200)
    deadline_days = models.PositiveSmallIntegerField("hạn trả lời (ngày làm việc)", default=5)
    default_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="qa_topics", verbose_name="cơ quan trả lời mặc định"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "lĩnh vực hỏi đáp"
        verbose_name_plural = "lĩnh vực hỏi đáp"

    def __str__(self) -> str:
        return self.name


class AgencyQaSettings(models.Model):
    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="qa_settings", verbose_name="cơ quan"
    )
    head_approves_publication = models.BooleanField(
        "lãnh đạo duyệt trước khi công khai",
        default=False,
        help_text="Cán bộ đề nghị công khai; câu trả lời chỉ hiện với mọi người khi lãnh đạo cơ quan duyệt.",
    )

    class Meta:
        verbose_name = "cài đặt hỏi đáp của cơ quan"
        verbose_name_plural = "cài đặt hỏi đáp của cơ quan"

    def __str__(self) -> str:
        return str(self.agency)


class QuestionCodeSequence(models.Model):
    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)


def attachment_path(instance, filename: str) -> str:
    return f"hoi-dap/{instance.public_id}/{uuid.uuid4().hex}-{filename}"


class QuestionQuerySet(models.QuerySet):
    def published(self) -> QuestionQuerySet:
        return self.filter(status=QuestionStatus.PUBLISHED)

    def for_asker(self, user) -> QuestionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(asker=user)

    def for_user(self, user) -> QuestionQuerySet:
        """Officers: the questions their agencies answer."""
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(agency__in=Agency.objects.handled_by(user))

    def overdue_first(self) -> QuestionQuerySet:
        is_open = models.Case(models.When(status__in=OPEN_STATUSES, then=models.Value(0)), default=models.Value(1))
        return self.annotate(_closed=is_open).order_by("_closed", models.F("deadline_at").asc(nulls_last=True), "-id")


class Question(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("mã câu hỏi", max_length=20, unique=True)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name="người hỏi",
    )
    show_name = models.BooleanField("người hỏi đồng ý hiện tên khi công khai", default=False)
    # The ask form's one-time token: a second tap on "Gửi" finds this question instead of making another.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions", verbose_name="lĩnh vực")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="questions", verbose_name="cơ quan trả lời"
    )
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung câu hỏi", max_length=4000)
    attachment = models.FileField("tệp đính kèm", upload_to=attachment_path, max_length=300, blank=True)
    attachment_name = models.CharField("tên tệp", max_length=200, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.SUBMITTED, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_questions",
        verbose_name="cán bộ trả lời",
    )
    submitted_at = models.DateTimeField("gửi lúc", db_index=True)
    deadline_at = models.DateTimeField("hạn trả lời", null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer = models.TextField("câu trả lời", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    # The procedures the answer points to: shown under it as links to their pages (and to apply online).
    procedures = models.ManyToManyField(
        "dossiers.Procedure", blank=True, related_name="questions", verbose_name="thủ tục liên quan"
    )
    # What everyone reads once published: edited by the officer (names, phone numbers, addresses taken out).
    public_title = models.CharField("tiêu đề công khai", max_length=200, blank=True)
    public_body = models.TextField("câu hỏi công khai", blank=True)
    published_at = models.DateTimeField("công khai lúc", null=True, blank=True, db_index=True)
    reject_reason = models.TextField("lý do không trả lời", blank=True)
    view_count = models.PositiveIntegerField("lượt xem", default=0)
    helpful_count = models.PositiveIntegerField("hữu ích", default=0)
    not_helpful_count = models.PositiveIntegerField("chưa hữu ích", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        permissions = [("view_asker_contact", "Xem tên và số điện thoại người hỏi")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="qa_published"),
            # The dashboards' facts are rebuilt from what was answered or changed on a day.
            models.Index(fields=["answered_at"], name="qa_answered_at"),
            models.Index(fields=["updated_at"], name="qa_updated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("qa:detail", kwargs={"code": self.code})

    @property
    def shown_title(self) -> str:
        return self.public_title or self.title

    @property
    def shown_body(self) -> str:
        return self.public_body or self.body

    @property
    def public_asker_name(self) -> str:
        if self.show_name and self.asker_id:
            return self.asker.display_name
        return "Người dân"


class FollowUp(models.Model):
    """A further question on the same thread after the answer, and the agency's reply."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follow_ups")
    body = models.TextField("hỏi thêm", max_length=2000)
    created_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    reply = models.TextField("trả lời", blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    replied_at = models.DateTimeField("trả lời lúc", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "câu hỏi thêm"
        verbose_name_plural = "câu hỏi thêm"


class QuestionHistory(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField("lúc")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=QuestionStatus.choices)
    public_text = models.TextField(blank=True)
    internal_note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lịch sử câu hỏi"
        verbose_name_plural = "lịch sử câu hỏi"


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="one_vote_per_person")]


class QaAnswerTemplate(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, verbose_name="lĩnh vực")
    title = models.CharField("tên mẫu", max_length=200)
    body = models.TextField("nội dung")

    class Meta:
        ordering = ["title"]
        verbose_name = "mẫu trả lời"
        verbose_name_plural = "mẫu trả lời"

    def __str__(self) -> str:
        return self.title


def pending_path(instance, filename: str) -> str:
    return f"hoi-dap/cho/{instance.public_id}/{filename}"


class PendingAttachment(models.Model):
    """A checked file kept from the moment it arrives, so a mistake elsewhere on the form never costs the citizen
    the upload; it moves to the question when it is sent (abandoned ones are purged with the drafts)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=pending_path, max_length=300)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
