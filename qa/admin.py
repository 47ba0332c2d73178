"""The back office for questions, scoped to the officer's agencies: the queue with overdue first, one workspace
page per question (each decision calls its service), topics, per-agency publication rule and answer templates."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.html import format_html

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.admin import CappedPaginator
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.backoffice import CaseWorkspaceAdmin
from qa.backoffice import ACTIONS_BY_KEY, workspace_context
from qa.models import AgencyQaSettings, FollowUp, QaAnswerTemplate, Question, Topic
from qa.services import question_assign
from qa.workflow import OPEN_STATUSES, QuestionStatus


class QueueFilter(admin.SimpleListFilter):
    title = "hạn trả lời"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("qua-han", "Quá hạn"),
            ("sap-den-han", "Sắp đến hạn (≤ 1 ngày làm việc)"),
            ("moi", "Mới, chưa giao"),
            ("cua-toi", "Giao cho tôi"),
            ("hoi-them", "Có câu hỏi thêm chưa trả lời"),
            ("cho-duyet", "Chờ lãnh đạo duyệt công khai"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        open_questions = queryset.filter(status__in=OPEN_STATUSES)
        match self.value():
            case "qua-han":
                return open_questions.filter(deadline_at__lt=now)
            case "sap-den-han":
                soon = WorkingCalendar.from_database().add_working_days(now, 1)
                return open_questions.filter(deadline_at__gte=now, deadline_at__lte=soon)
            case "moi":
                return queryset.filter(status=QuestionStatus.SUBMITTED)
            case "cua-toi":
                return open_questions.filter(assignee=request.user)
            case "hoi-them":
                pending = FollowUp.objects.filter(question=OuterRef("pk"), replied_at__isnull=True)
                return queryset.filter(Exists(pending))
            case "cho-duyet":
                return queryset.filter(status=QuestionStatus.AWAITING_APPROVAL)
        return queryset


@admin.register(Question)
class QuestionAdmin(CaseWorkspaceAdmin, admin.ModelAdmin):
    actions_registry = ACTIONS_BY_KEY
    workspace_template = "admin/qa/question/workspace.html"
    status_word = "Câu hỏi"
    list_display = ("code", "title", "topic", "submitted", "deadline", "status", "assignee_name")
    list_display_links = ("code",)
    list_filter = (QueueFilter, "status", "topic")
    list_select_related = ("topic", "assignee")
    search_fields = ("code", "title")
    list_per_page = 50
    paginator = CappedPaginator
    show_full_result_count = False
    actions = ["take_on"]

    def get_queryset(self, request):
        return Question.objects.for_user(request.user).overdue_first()

    def get_ordering(self, request):
        # The changelist puts the model's default ordering before the queryset's: name the queue's order here.
        return ("_closed", F("deadline_at").asc(nulls_last=True), "-id")

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Hàng đợi câu hỏi", **(extra_context or {})})

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="gửi lúc", ordering="submitted_at")
    def submitted(self, obj):
        return timezone.localtime(obj.submitted_at).strftime("%d/%m/%Y %H:%M")

    @admin.display(description="cán bộ")
    def assignee_name(self, obj):
        return (obj.assignee.full_name or obj.assignee.username) if obj.assignee else "—"

    @admin.display(description="hạn trả lời", ordering="deadline_at")
    def deadline(self, obj):
        if obj.deadline_at is None:
            return "—"
        late = obj.status in OPEN_STATUSES and obj.deadline_at < timezone.now()
        return format_html(
            '<span class="due {}">{}{}</span>',
            "late" if late else ("ok" if obj.status in OPEN_STATUSES else ""),
            timezone.localtime(obj.deadline_at).strftime("%d/%m/%Y %H:%M"),
            " · quá hạn" if late else "",
        )

    def case_queryset(self, request):
        return self.get_queryset(request).select_related("topic", "agency", "asker", "assignee")

    def workspace_context(self, case, user) -> dict:
        return workspace_context(case, user)

    @admin.action(description="Nhận trả lời các câu hỏi đã chọn (giao cho tôi)", permissions=["change"])
    def take_on(self, request, queryset):
        done = 0
        for question in queryset:
            try:
                question_assign(question=question, officer=request.user)
                done += 1
            except ApplicationError as error:
                self.message_user(request, f"{question.code}: {error.detail}", messages.WARNING)
        if done:
            self.message_user(request, f"Đã nhận {done} câu hỏi.", messages.SUCCESS)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "deadline_days", "default_agency", "is_active")
    list_select_related = ("default_agency",)
    autocomplete_fields = ("default_agency",)


@admin.register(AgencyQaSettings)
class AgencyQaSettingsAdmin(admin.ModelAdmin):
    list_display = ("agency", "head_approves_publication")
    autocomplete_fields = ("agency",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agency__in=Agency.objects.headed_by(request.user))


@admin.register(QaAnswerTemplate)
class QaAnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "topic")
    list_filter = ("topic",)
