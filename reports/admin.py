"""The back office for field reports, scoped to the officer's agencies: queues with overdue first, one page for
every decision (each calls its service), categories, routing rules, answer templates and Open311 keys.
Status never changes here except through the services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import F
from django.utils import timezone
from django.utils.html import format_html

from agencies.working_time import WorkingCalendar
from citizen_portal.admin import CappedPaginator, FoldedSearchMixin, ProvinceWardFilter, SubmittedSinceFilter
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.backoffice import CaseWorkspaceAdmin
from reports.backoffice import ACTIONS_BY_KEY, workspace_context
from reports.models import AnswerTemplate, Category, Open311Client, Report, RoutingRule
from reports.services import report_assign
from reports.workflow import OPEN_STATUSES


class DeadlineFilter(admin.SimpleListFilter):
    title = "hạn xử lý"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("tre-nghiem-trong", "Trễ nghiêm trọng (quá 3 lần thời hạn)"),
            ("qua-han", "Quá hạn"),
            ("sap-den-han", "Sắp đến hạn (≤ 1 ngày làm việc)"),
            ("moi", "Mới, chưa giao"),
            ("cua-toi", "Giao cho tôi"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        open_reports = queryset.filter(status__in=OPEN_STATUSES)
        match self.value():
            case "tre-nghiem-trong":
                return open_reports.filter(seriously_late_at__lt=now)
            case "qua-han":
                return open_reports.filter(deadline_at__lt=now)
            case "sap-den-han":
                soon = WorkingCalendar.from_database().add_working_days(now, 1)
                return open_reports.filter(deadline_at__gte=now, deadline_at__lte=soon)
            case "moi":
                return queryset.filter(status="received")
            case "cua-toi":
                return open_reports.filter(assignee=request.user)
        return queryset


class GroupFilter(admin.SimpleListFilter):
    """The category groups (Cây xanh, Đường sá…) in one query."""

    title = "nhóm"
    parameter_name = "nhom"

    def lookups(self, request, model_admin):
        groups = Category.objects.filter(parent__isnull=True).order_by("order", "name").values_list("pk", "name")
        return [(str(pk), name) for pk, name in groups]

    def queryset(self, request, queryset):
        return queryset.filter(category__parent_id=self.value()) if str(self.value() or "").isdigit() else queryset


class ReportSinceFilter(SubmittedSinceFilter):
    title = "tiếp nhận"
    date_field = "received_at"


@admin.register(Report)
class ReportAdmin(CaseWorkspaceAdmin, FoldedSearchMixin, admin.ModelAdmin):
    """The field-report queue (seriously late, late, then due soonest) and one workspace page per report."""

    actions_registry = ACTIONS_BY_KEY
    workspace_template = "admin/reports/report/workspace.html"
    status_word = "Phản ánh"
    list_display = ("queue_code", "category", "ward_name", "received", "deadline", "status", "assignee_name")
    list_display_links = ("queue_code",)
    list_filter = (DeadlineFilter, "status", GroupFilter, ProvinceWardFilter, ReportSinceFilter, "source")
    list_select_related = ("category__parent", "agency", "ward", "assignee")
    list_per_page = 50  # late ones first: a desk works from the top; each row costs the admin ~1.5 ms to draw
    paginator = CappedPaginator
    show_full_result_count = False
    actions = ["take_on"]

    def get_queryset(self, request):
        return Report.objects.for_user(request.user).overdue_first()

    def get_ordering(self, request):
        # The changelist puts the model's default ordering before the queryset's: name the queue's order here.
        return ("_closed", F("deadline_at").asc(nulls_last=True), "-id")

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Hàng đợi phản ánh", **(extra_context or {})})

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="mã phản ánh", ordering="code")
    def queue_code(self, obj):
        return obj.code

    @admin.display(description="phường, xã")
    def ward_name(self, obj):
        return obj.ward.name if obj.ward else "—"

    @admin.display(description="tiếp nhận", ordering="received_at")
    def received(self, obj):
        return timezone.localtime(obj.received_at).strftime("%d/%m/%Y %H:%M") if obj.received_at else "—"

    @admin.display(description="cán bộ")
    def assignee_name(self, obj):
        return (obj.assignee.full_name or obj.assignee.username) if obj.assignee else "—"

    @admin.display(description="hạn xử lý", ordering="deadline_at")
    def deadline(self, obj):
        if obj.deadline_at is None:
            return "—"
        now = timezone.now()
        label, tone = "", "ok" if obj.is_open else ""
        if obj.is_seriously_late(now):
            label, tone = " · trễ nghiêm trọng", "late"
        elif obj.is_late(now):
            label, tone = " · quá hạn", "late"
        return format_html(
            '<span class="due {}">{}{}</span>',
            tone,
            timezone.localtime(obj.deadline_at).strftime("%d/%m/%Y %H:%M"),
            label,
        )

    def case_queryset(self, request):
        return self.get_queryset(request).select_related("category__parent", "agency", "ward", "assignee")

    def workspace_context(self, case, user) -> dict:
        return workspace_context(case, user)

    @admin.action(description="Nhận xử lý các phản ánh đã chọn (giao cho tôi)", permissions=["change"])
    def take_on(self, request, queryset):
        done = 0
        for report in queryset:
            try:
                report_assign(report=report, officer=request.user)
                done += 1
            except ApplicationError as error:
                self.message_user(request, f"{report}: {error.detail}", messages.WARNING)
        if done:
            self.message_user(request, f"Đã nhận {done} phản ánh.", messages.SUCCESS)


class ChildInline(admin.TabularInline):
    model = Category
    fk_name = "parent"
    extra = 0
    fields = (
        "order",
        "slug",
        "name",
        "icon",
        "is_public",
        "is_active",
        "default_agency",
        "deadline_value",
        "deadline_unit",
    )


@admin.register(Category)
class CategoryAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("__str__", "slug", "default_agency", "deadline_text", "is_public", "is_active")
    list_filter = ("parent", "is_public", "is_active")
    list_select_related = ("parent", "default_agency")
    inlines = [ChildInline]
    autocomplete_fields = ("default_agency",)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("order", "category", "ward", "agency", "is_active")
    list_editable = ("is_active",)
    list_select_related = ("category", "ward", "agency")
    autocomplete_fields = ("ward", "agency")


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "category")
    list_filter = ("category",)


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "key_prefix", "is_active", "created_at")
    readonly_fields = ("key_prefix", "created_at")
    actions = ["new_key"]

    def save_model(self, request, obj, form, change):
        if not change:
            raw = obj.issue_key()
            super().save_model(request, obj, form, change)
            self.message_user(request, f"Khóa API (chỉ hiện một lần, hãy sao chép ngay): {raw}", messages.WARNING)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Cấp khóa mới (khóa cũ hết hiệu lực)")
    def new_key(self, request, queryset):
        for client in queryset:
            raw = client.issue_key()
            client.save(update_fields=["key_hash", "key_prefix"])
            self.message_user(request, f"{client.name}: {raw}", messages.WARNING)
