"""The procedure catalogue (data, admin-managed) and online dossiers with their history, pauses and files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from agencies.models import AgencyKind
from citizen_portal.models import FoldedSearchModel
from dossiers.workflow import IN_PROGRESS_STATUSES, NATIONAL_CODES, DossierStatus


class ProcedureField(models.Model):
    """A field of administrative procedures (lĩnh vực): Hộ tịch, Đất đai, Xây dựng…"""

    code = models.SlugField("mã", max_length=64, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self) -> str:
        return self.name


class OnlineLevel(models.TextChoices):
    FULL = "full", "Toàn trình"
    PARTIAL = "partial", "Một phần"
    INFORMATION = "information", "Chỉ cung cấp thông tin"


class ResultType(models.TextChoices):
    ELECTRONIC = "electronic", "Kết quả điện tử"
    PAPER = "paper", "Bản giấy"
    BOTH = "both", "Điện tử và bản giấy"


class FeeTiming(models.TextChoices):
    ON_SUBMIT = "on_submit", "Khi nộp hồ sơ"
    ON_RESULT = "on_result", "Khi nhận kết quả"


class ProcedureQuerySet(models.QuerySet):
    def published(self) -> ProcedureQuerySet:
        return self.filter(is_active=True)


class Procedure(FoldedSearchModel):
    public_id = models.UUIDField("mã tra cứu nội bộ", default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("mã thủ tục quốc gia", max_length=40, unique=True)
    name = models.CharField("tên thủ tục", max_length=300)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="procedures", verbose_name="lĩnh vực"
    )
    # Received either by one named agency, or by every agency of a kind (e.g. each ward People's Committee).
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name="cơ quan tiếp nhận",
    )
    agency_kind = models.CharField("loại cơ quan tiếp nhận", max_length=32, choices=AgencyKind.choices, blank=True)
    online_level = models.CharField("mức trực tuyến", max_length=16, choices=OnlineLevel.choices)
    legal_basis = models.TextField("căn cứ pháp lý", blank=True)
    fee_amount = models.PositiveIntegerField("lệ phí (đồng)", null=True, blank=True)
    fee_timing = models.CharField("thời điểm nộp phí", max_length=16, choices=FeeTiming.choices, blank=True)
    result_type = models.CharField("hình thức kết quả", max_length=16, choices=ResultType.choices)
    # Incremented on every published change; a dossier keeps a snapshot of the version it was submitted under.
    version = models.PositiveIntegerField("phiên bản", default=1)
    catalogue_hash = models.CharField(max_length=64, blank=True, editable=False)  # of the imported definition
    is_active = models.BooleanField("đang áp dụng", default=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agency__isnull=False) | ~models.Q(agency_kind=""), name="procedure_has_receiver"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def search_source(self) -> str:
        return f"{self.name} {self.code}"

    @property
    def accepts_online(self) -> bool:
        return self.online_level != OnlineLevel.INFORMATION


class DurationUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "ngày làm việc"
    CALENDAR_DAYS = "calendar_days", "ngày"
    WORKING_HOURS = "working_hours", "giờ làm việc"
    WITHIN_DAY = "within_day", "trong ngày"


class ProcedureCase(models.Model):
    """A case (trường hợp) of a procedure, with its own processing time and documents."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="cases", verbose_name="thủ tục")
    name = models.CharField("trường hợp", max_length=300)
    duration = models.DecimalField("thời hạn giải quyết", max_digits=6, decimal_places=1)
    duration_unit = models.CharField("đơn vị", max_length=16, choices=DurationUnit.choices)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = "trường hợp"
        verbose_name_plural = "trường hợp"

    def __str__(self) -> str:
        return self.name

    def duration_text(self) -> str:
        if self.duration_unit == DurationUnit.WITHIN_DAY:
            return "Trong ngày"
        whole = self.duration == self.duration.to_integral_value()
        amount = str(int(self.duration)) if whole else str(self.duration.normalize()).replace(".", ",")
        return f"{amount} {self.get_duration_unit_display()}"


class RequiredDocument(models.Model):
    case = models.ForeignKey(
        ProcedureCase, on_delete=models.CASCADE, related_name="documents", verbose_name="trường hợp"
    )
    key = models.SlugField("mã giấy tờ", max_length=64)
    name = models.CharField("tên giấy tờ", max_length=300)
    required = models.BooleanField("bắt buộc", default=True)
    copies = models.PositiveSmallIntegerField("số bản", default=1)
    accepted_types = models.JSONField("định dạng nhận", default=list)  # e.g. ["pdf", "jpeg", "png"]
    template = models.FileField("mẫu đơn (tải về)", upload_to="procedure_templates/", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["case", "order", "id"]
        verbose_name = "giấy tờ cần nộp"
        verbose_name_plural = "giấy tờ cần nộp"
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="document_key_per_case")]

    def __str__(self) -> str:
        return self.name


class FieldType(models.TextChoices):
    TEXT = "text", "Chữ"
    LONG_TEXT = "long_text", "Đoạn văn"
    NUMBER = "number", "Số"
    DATE = "date", "Ngày"
    CHOICE = "choice", "Lựa chọn"
    WARD = "ward", "Phường, xã"
    CITIZEN_ID = "citizen_id", "Số CCCD"
    PHONE = "phone", "Số điện thoại"
    CHECKBOX = "checkbox", "Ô đánh dấu"


class FormField(models.Model):
    """One question of a procedure's form; sections become one page each on the phone."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="form_fields", verbose_name="thủ tục"
    )
    section = models.CharField("phần", max_length=100, default="Thông tin chung")
    key = models.SlugField("mã", max_length=64)
    label = models.CharField("câu hỏi", max_length=300)
    type = models.CharField("kiểu", max_length=16, choices=FieldType.choices)
    required = models.BooleanField("bắt buộc", default=True)
    choices = models.JSONField("các lựa chọn", default=list, blank=True)
    help_text = models.CharField("gợi ý", max_length=300, blank=True)
    # Filled from the verified identity when known: full_name, date_of_birth, citizen_id, address, phone.
    prefill = models.CharField("điền sẵn từ", max_length=32, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["procedure", "order", "id"]
        verbose_name = "trường thông tin"
        verbose_name_plural = "trường thông tin"
        constraints = [models.UniqueConstraint(fields=["procedure", "key"], name="form_field_key_per_procedure")]

    def __str__(self) -> str:
        return self.label


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    POST = "post", "Bưu chính công ích"


class DossierQuerySet(models.QuerySet):
    def for_citizen(self, user) -> DossierQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(citizen=user)

    def for_user(self, user) -> DossierQuerySet:
        """Officers see dossiers received by their agencies or handed to them for a step (never drafts)."""
        from agencies.models import Agency

        if not user.is_authenticated or not user.is_active:
            return self.none()
        submitted = self.exclude(status=DossierStatus.DRAFT)
        if user.is_superuser:
            return submitted
        # Plain id lists rather than a join or subqueries (two small queries): with one agency and no steps handed
        # in, the condition is `receiving_agency_id = n` and the queue's index serves the whole page.
        agencies = list(Agency.objects.handled_by(user).values_list("pk", flat=True))
        stepped = list(
            ProcessingStep.objects.filter(assigned_agency__in=agencies)
            .exclude(dossier__receiving_agency__in=agencies)
            .values_list("dossier_id", flat=True)
            .distinct()
        )
        return submitted.filter(models.Q(receiving_agency__in=agencies) | models.Q(pk__in=stepped))

    def in_progress(self) -> DossierQuerySet:
        """Received and not yet finished: the clock is running or paused."""
        return self.filter(status__in=IN_PROGRESS_STATUSES)

    def overdue(self, now) -> DossierQuerySet:
        return self.filter(queue_rank=QueueRank.IN_PROGRESS, queue_due__lt=now)

    def due_soon(self, now, soon) -> DossierQuerySet:
        """Not late yet, due before `soon` (one working day from now)."""
        return self.filter(queue_rank=QueueRank.IN_PROGRESS, queue_due__gte=now, queue_due__lte=soon)

    def queue(self, *, now, soon) -> DossierQuerySet:
        """`_tone` colours the due date of work in hand: late, soon (before `soon`) or ok. The order itself is the
        stored queue key (see `Dossier.queue_key`), which an index serves."""
        return self.annotate(
            _tone=models.Case(
                models.When(queue_rank=QueueRank.IN_PROGRESS, queue_due__lt=now, then=models.Value("late")),
                models.When(queue_rank=QueueRank.IN_PROGRESS, queue_due__lte=soon, then=models.Value("soon")),
                models.When(queue_rank=QueueRank.IN_PROGRESS, then=models.Value("ok")),
                default=models.Value(""),
                output_field=models.CharField(),
            ),
        )


class QueueRank(models.IntegerChoices):
    """Where a dossier stands in the desk's queue: work in hand by due date, then new ones to receive, then the
    rest."""

    IN_PROGRESS = 0, "đang giải quyết"
    TO_RECEIVE = 1, "chờ tiếp nhận"
    OTHER = 2, "khác"


class Dossier(models.Model):
    public_id = models.UUIDField("mã tra cứu nội bộ", default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("mã hồ sơ", max_length=64, unique=True, null=True, blank=True)
    # The code as people type it back: no case, spaces, dashes or dots ("h56.01-261129-0001" finds H56.01-…).
    code_key = models.CharField("mã hồ sơ (dạng tra cứu)", max_length=64, blank=True, db_index=True, editable=False)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="dossiers", verbose_name="công dân"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name="thủ tục")
    case = models.ForeignKey(
        ProcedureCase, on_delete=models.PROTECT, related_name="dossiers", verbose_name="trường hợp"
    )
    procedure_version = models.PositiveIntegerField("phiên bản thủ tục")
    procedure_snapshot = models.JSONField("thủ tục khi nộp", default=dict)
    receiving_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="dossiers", verbose_name="cơ quan tiếp nhận"
    )
    # Where the matter is: the ward the citizen declared, else the receiving agency's (queues filter by it).
    ward = models.ForeignKey(
        "agencies.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="phường, xã"
    )
    answers = models.JSONField("thông tin kê khai", default=dict)
    status = models.CharField("trạng thái", max_length=24, choices=DossierStatus.choices, default=DossierStatus.DRAFT)
    channel = models.CharField("kênh nộp", max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    # The submit button carries this; a second tap with the same token changes nothing.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    received_at = models.DateTimeField("tiếp nhận lúc", null=True, blank=True)
    # When the processing clock started (the next opening after receipt; restarted after a supplement).
    clock_started_at = models.DateTimeField("bắt đầu tính hạn", null=True, blank=True)
    due_at = models.DateTimeField("hẹn trả kết quả", null=True, blank=True, db_index=True)
    rescheduled_due_at = models.DateTimeField("hẹn lại", null=True, blank=True)
    finished_at = models.DateTimeField("xử lý xong lúc", null=True, blank=True)
    returned_at = models.DateTimeField("trả kết quả lúc", null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    fee_amount = models.PositiveIntegerField("lệ phí (đồng)", null=True, blank=True)
    paid_online = models.BooleanField("đã nộp phí trực tuyến", default=False)
    electronic_result = models.BooleanField("có kết quả điện tử", default=False)
    # Set on submission, for the service index: the papers came as files (digitised), some reused from an earlier
    # dossier of the same citizen (reuse of digitised documents).
    digitised = models.BooleanField("giấy tờ đã số hoá", default=False)
    reused_documents = models.BooleanField("dùng lại giấy tờ đã số hoá", default=False)
    rating = models.PositiveSmallIntegerField("đánh giá", null=True, blank=True)
    rating_comment = models.TextField("góp ý", blank=True)
    # The queue's sort key, kept by save() from status and due dates: an index walks it, so a queue of a million
    # dossiers reads its first hundred rows instead of sorting them all.
    queue_rank = models.PositiveSmallIntegerField(
        "thứ tự hàng đợi", choices=QueueRank.choices, default=QueueRank.OTHER, editable=False
    )
    queue_due = models.DateTimeField("hạn trong hàng đợi", null=True, blank=True, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            models.Index(fields=["receiving_agency", "status"], name="dossier_queue"),
            models.Index(
                fields=["receiving_agency", "queue_rank", "queue_due", "-submitted_at"], name="dossier_queue_order"
            ),
            models.Index(fields=["queue_rank", "queue_due", "-submitted_at"], name="dossier_queue_order_all"),
            models.Index(fields=["receiving_agency", "submitted_at"], name="dossier_queue_submitted"),
            # The dashboards' facts are rebuilt day by day from what was received, finished or changed that day.
            models.Index(fields=["received_at"], name="dossier_received_at"),
            models.Index(fields=["finished_at"], name="dossier_finished_at"),
            models.Index(fields=["updated_at"], name="dossier_updated_at"),
        ]
        permissions = [("view_applicant_contact", "Xem số điện thoại, số CCCD của người nộp")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        if self.code:
            return f"{self.code} · {self.procedure}"
        if self.status == DossierStatus.DRAFT:
            return f"Nháp · {self.procedure}"
        return f"Chờ tiếp nhận · {self.procedure}"

    @property
    def national_status_code(self) -> int | None:
        return NATIONAL_CODES.get(self.status)

    @cached_property
    def open_supplement(self) -> SupplementRequest | None:
        """The supplement request the citizen has not answered yet, if any."""
        return self.supplement_requests.filter(answered_at__isnull=True).order_by("-requested_at").first()

    @property
    def effective_due_at(self):
        return self.rescheduled_due_at or self.due_at

    def queue_key(self) -> tuple[int, object]:
        if self.status in IN_PROGRESS_STATUSES and self.due_at is not None:
            return QueueRank.IN_PROGRESS, self.effective_due_at
        if self.status == DossierStatus.SUBMITTED:
            return QueueRank.TO_RECEIVE, None
        return QueueRank.OTHER, None

    @staticmethod
    def lookup_key(code: str) -> str:
        return "".join(ch for ch in (code or "").upper() if ch.isalnum())

    def save(self, *args, **kwargs) -> None:
        self.queue_rank, self.queue_due = self.queue_key()
        self.code_key = self.lookup_key(self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"status", "due_at", "rescheduled_due_at"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "queue_rank", "queue_due"}
        if update_fields is not None and "code" in set(update_fields):
            kwargs["update_fields"] = {*kwargs["update_fields"], "code_key"}
        super().save(*args, **kwargs)


class DossierHistoryQuerySet(models.QuerySet):
    def for_citizen(self) -> DossierHistoryQuerySet:
        """What the citizen's timeline shows: every change of status and its public words, no internal entries."""
        return self.filter(internal=False)


class DossierHistory(models.Model):
    """The processing control sheet (form 05): every change, by whom, when. Written by services, never edited."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="history", verbose_name="hồ sơ")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người thực hiện"
    )
    from_status = models.CharField("từ trạng thái", max_length=24, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=24, choices=DossierStatus.choices)
    # Shown to the citizen on "Hồ sơ của tôi" unless the entry is internal (steps, officers' notes).
    note = models.TextField("nội dung", blank=True)
    internal = models.BooleanField("nội bộ (công dân không thấy)", default=False)
    data = models.JSONField("dữ liệu kèm theo", default=dict, blank=True)
    at = models.DateTimeField("thời điểm", auto_now_add=True)

    objects = DossierHistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "quá trình xử lý"
        verbose_name_plural = "quá trình xử lý"

    def __str__(self) -> str:
        if self.from_status == self.to_status:
            return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} · {self.note[:60]}"
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} · {self.get_to_status_display()}"


class DossierPause(models.Model):
    """A stretch when the clock stood still (supplement requested, fee awaited), kept to explain on-time figures."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses", verbose_name="hồ sơ")
    reason = models.CharField("lý do", max_length=24, choices=DossierStatus.choices)
    started_at = models.DateTimeField("dừng tính hạn từ")
    ended_at = models.DateTimeField("tính hạn lại từ", null=True, blank=True)

    class Meta:
        ordering = ["started_at"]
        verbose_name = "thời gian tạm dừng tính hạn"
        verbose_name_plural = "thời gian tạm dừng tính hạn"

    def __str__(self) -> str:
        return f"{self.get_reason_display()} từ {timezone.localtime(self.started_at):%d/%m/%Y %H:%M}"


class SupplementRequest(models.Model):
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="supplement_requests", verbose_name="hồ sơ"
    )
    items = models.JSONField("những điểm cần bổ sung")  # every problem at once, in plain words
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người yêu cầu"
    )
    requested_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    answered_at = models.DateTimeField("công dân bổ sung xong lúc", null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = "yêu cầu bổ sung"
        verbose_name_plural = "yêu cầu bổ sung"

    def __str__(self) -> str:
        return f"Yêu cầu bổ sung {timezone.localtime(self.requested_at):%d/%m/%Y} ({len(self.items)} điểm)"


class DossierCodeSequence(models.Model):
    """The last dossier number issued by an agency on a day: codes are <agency>-YYMMDD-NNNN without gaps."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="one_sequence_per_agency_day")]


def attachment_path(instance: DossierAttachment, filename: str) -> str:
    # Unguessable, and never linked publicly: files are served through a checked view.
    return f"dossiers/{instance.dossier.public_id}/{uuid.uuid4().hex}/{filename}"


class AttachmentKind(models.TextChoices):
    CITIZEN = "citizen", "Giấy tờ công dân nộp"
    SUPPLEMENT = "supplement", "Giấy tờ bổ sung"
    RESULT = "result", "Kết quả giải quyết"
    DECLARATION = "declaration", "Tờ khai (tạo từ thông tin đã khai)"


class DossierAttachment(models.Model):
    public_id = models.UUIDField("mã tệp", default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments", verbose_name="hồ sơ")
    document_key = models.SlugField("mã giấy tờ", max_length=64, blank=True)
    kind = models.CharField("loại", max_length=16, choices=AttachmentKind.choices, default=AttachmentKind.CITIZEN)
    file = models.FileField("tệp", upload_to=attachment_path, max_length=300)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField("định dạng", max_length=64)
    size = models.PositiveIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người tải lên"
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.original_name

    EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

    @property
    def download_name(self) -> str:
        """The name the citizen gave it, with the extension of what is stored (a HEIC photo became a JPEG)."""
        stem = self.original_name.rsplit(".", 1)[0] if "." in self.original_name else self.original_name
        return f"{stem.strip()[:120] or 'tep'}.{self.EXTENSIONS.get(self.content_type, 'bin')}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class DossierAccess(models.Model):
    """Who opened a citizen's dossier in the back office, and when (never edited)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="accesses", verbose_name="hồ sơ")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người xem"
    )
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "lượt xem hồ sơ"
        verbose_name_plural = "lượt xem hồ sơ"

    def __str__(self) -> str:
        return f"{self.user} · {timezone.localtime(self.at):%d/%m/%Y %H:%M}"


def slip_path(instance: DossierSlip, filename: str) -> str:
    return f"slips/{instance.dossier.public_id}/{uuid.uuid4().hex}/{filename}"


class DossierSlip(models.Model):
    """A generated slip (forms 01–04), numbered per agency and form, stored privately with the dossier."""

    class Form(models.TextChoices):
        RECEIPT = "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        SUPPLEMENT = "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
        REFUSAL = "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
        APOLOGY = "04", "Văn bản xin lỗi và hẹn lại ngày trả kết quả"

    public_id = models.UUIDField("mã tệp", default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="slips", verbose_name="hồ sơ")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan")
    form = models.CharField("mẫu", max_length=2, choices=Form.choices)
    number = models.PositiveIntegerField("số")
    file = models.FileField("tệp", upload_to=slip_path, max_length=300)
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "phiếu"
        verbose_name_plural = "phiếu"
        constraints = [models.UniqueConstraint(fields=["agency", "form", "number"], name="one_number_per_form")]

    def __str__(self) -> str:
        return f"Mẫu {self.form} số {self.number} · {self.get_form_display()}"

    @property
    def download_name(self) -> str:
        return f"mau-{self.form}-{self.number:04d}.pdf"


class ProcessingStep(models.Model):
    """An internal step: the dossier handed to an officer or another agency, with its own deadline and notes.
    Internal: the citizen sees the dossier's status, not these."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps", verbose_name="hồ sơ")
    assigned_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan được giao"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cán bộ được giao",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người giao"
    )
    due_at = models.DateTimeField("hạn của bước")
    note = models.TextField("ghi chú nội bộ", blank=True)
    created_at = models.DateTimeField("giao lúc", auto_now_add=True)
    completed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "bước xử lý"
        verbose_name_plural = "các bước xử lý"
        indexes = [models.Index(fields=["assigned_agency", "dossier"], name="step_agency_dossier")]

    def __str__(self) -> str:
        return f"Giao {self.assigned_to or self.assigned_agency}, hạn {timezone.localtime(self.due_at):%d/%m/%Y}"
