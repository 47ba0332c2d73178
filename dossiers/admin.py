"""The one-stop shop's back office for dossiers, scoped to the officer's agencies, and the procedure catalogue.
Status never changes here except through the services (actions)."""

import csv
import datetime as dt

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.admin import (
    CappedPaginator,
    FoldedSearchMixin,
    ProvinceWardFilter,
    SubmittedSinceFilter,
)
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.backoffice import CaseWorkspaceAdmin
from citizen_portal.files import content_disposition
from citizen_portal.masking import mask_name
from dossiers.backoffice import ACTIONS_BY_KEY, workspace_context
from dossiers.models import (
    Dossier,
    DossierAccess,
    FormField,
    Procedure,
    ProcedureCase,
    ProcedureField,
    ProcessingStep,
    RequiredDocument,
)
from dossiers.services import dossier_receive
from dossiers.workflow import DossierStatus

CSV_HEADER = [
    "Mã hồ sơ",
    "Thủ tục",
    "Người nộp",
    "Trạng thái",
    "Kênh",
    "Nộp lúc",
    "Tiếp nhận",
    "Hẹn trả",
    "Xong lúc",
    "Trả kết quả",
    "Số lần bổ sung",
]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet will show as text, never run (OWASP CSV injection): a citizen-typed "=HYPERLINK(…)"
    gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv_response(filename: str, dossiers) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    response.write("\ufeff")  # so Excel opens Vietnamese correctly
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for d in dossiers.select_related("procedure", "citizen"):
        times = (d.submitted_at, d.received_at, d.effective_due_at, d.finished_at, d.returned_at)
        cells = [
            d.code or "",
            d.procedure.name,
            d.answers.get("full_name") or (d.citizen.display_name if d.citizen else ""),
            d.get_status_display(),
            d.get_channel_display(),
            *(timezone.localtime(t).strftime("%d/%m/%Y %H:%M") if t else "" for t in times),
            d.supplement_count,
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return response


class DeadlineFilter(admin.SimpleListFilter):
    """The desk's queues: overdue, due within one working day."""

    title = "hạn xử lý"
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("qua-han", "Quá hạn"),
            ("sap-den-han", "Sắp đến hạn (≤ 1 ngày làm việc)"),
            ("moi", "Mới, chờ tiếp nhận"),
            ("cua-toi", "Tôi được giao"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "qua-han":
            return queryset.overdue(now)
        if self.value() == "sap-den-han":
            return queryset.due_soon(now, WorkingCalendar.from_database().add_working_days(now, 1))
        if self.value() == "moi":
            return queryset.filter(status=DossierStatus.SUBMITTED)
        if self.value() == "cua-toi":
            steps = ProcessingStep.objects.filter(assigned_to=request.user, completed_at__isnull=True)
            return queryset.in_progress().filter(pk__in=steps.values("dossier_id"))
        return queryset


class QueueChangeList(ChangeList):
    """The queue's rows carry the colour of their due date, computed against now and one working day ahead."""

    def get_queryset(self, request, exclude_parameters=None):
        if not getattr(self, "_queue_annotated", False):
            now = timezone.now()
            soon = WorkingCalendar.from_database().add_working_days(now, 1)
            self.root_queryset = self.root_queryset.queue(now=now, soon=soon)
            self._queue_annotated = True
        return super().get_queryset(request, exclude_parameters)


class ProcedureCaseInline(admin.TabularInline):
    model = ProcedureCase
    extra = 0


class FormFieldInline(admin.TabularInline):
    model = FormField
    extra = 0
    fields = ("order", "section", "key", "label", "type", "required", "prefill")


@admin.register(Procedure)
class ProcedureAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "code", "field", "online_level", "fee_amount", "version", "is_active")
    list_filter = ("field", "online_level", "is_active")
    list_select_related = ("field",)
    readonly_fields = ("version",)
    inlines = [ProcedureCaseInline, FormFieldInline]


@admin.register(ProcedureCase)
class ProcedureCaseAdmin(admin.ModelAdmin):
    list_display = ("name", "procedure", "duration", "duration_unit")
    list_select_related = ("procedure",)
    inlines = [type("RequiredDocumentInline", (admin.TabularInline,), {"model": RequiredDocument, "extra": 0})]


admin.site.register(ProcedureField)


class ProcedureFilter(admin.SimpleListFilter):
    """Only the procedures the officer's agencies receive, not the whole catalogue."""

    title = "thủ tục"
    parameter_name = "thu-tuc"

    def lookups(self, request, model_admin):
        agencies = Agency.objects.handled_by(request.user)
        kinds = agencies.values_list("kind", flat=True)
        procedures = (
            Procedure.objects.all()
            if request.user.is_superuser
            else Procedure.objects.filter(Q(agency__in=agencies) | Q(agency__isnull=True, agency_kind__in=kinds))
        )
        return [(str(pk), name) for pk, name in procedures.order_by("name").values_list("pk", "name")]

    def queryset(self, request, queryset):
        return queryset.filter(procedure_id=self.value()) if str(self.value() or "").isdigit() else queryset


@admin.register(Dossier)
class DossierAdmin(CaseWorkspaceAdmin, admin.ModelAdmin):
    """The one-stop desk's queue (late first, then due soonest) and one workspace page per dossier."""

    actions_registry = ACTIONS_BY_KEY
    workspace_template = "admin/dossiers/dossier/workspace.html"
    status_word = "Hồ sơ"
    list_display = ("queue_code", "applicant", "procedure_name", "ward_name", "submitted", "deadline", "status")
    list_display_links = ("queue_code",)
    list_filter = (DeadlineFilter, "status", ProcedureFilter, ProvinceWardFilter, SubmittedSinceFilter, "channel")
    list_select_related = ("procedure", "citizen", "ward")
    list_per_page = 50  # late ones first: a desk works from the top; each row costs the admin ~1.5 ms to draw
    paginator = CappedPaginator
    search_fields = ("code", "citizen__full_name", "citizen__phone")
    show_full_result_count = False
    actions = ["receive", "export_csv"]

    def get_queryset(self, request):
        return Dossier.objects.for_user(request.user).select_related("procedure", "citizen", "receiving_agency", "ward")

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Hàng đợi hồ sơ", **(extra_context or {})})

    def get_ordering(self, request):
        return ("queue_rank", "queue_due", "-submitted_at")  # late first, then due soonest, then new ones

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="mã hồ sơ", ordering="code")
    def queue_code(self, obj):
        return obj.code or "Mới · chờ tiếp nhận"

    @admin.display(description="người nộp")
    def applicant(self, obj):
        return mask_name(obj.answers.get("full_name") or (obj.citizen.full_name if obj.citizen else ""))

    @admin.display(description="thủ tục", ordering="procedure__name")
    def procedure_name(self, obj):
        return Truncator(obj.procedure.name).chars(70)

    @admin.display(description="phường, xã")
    def ward_name(self, obj):
        return obj.ward.name if obj.ward else "—"

    @admin.display(description="nộp lúc", ordering="submitted_at")
    def submitted(self, obj):
        return timezone.localtime(obj.submitted_at).strftime("%d/%m/%Y %H:%M") if obj.submitted_at else "—"

    @admin.display(description="hẹn trả", ordering="queue_due")
    def deadline(self, obj):
        due = obj.effective_due_at
        if due is None:
            return "—"
        tone = getattr(obj, "_tone", "")  # "" once the work is finished: the date stays, uncoloured
        label = {"late": " · quá hạn", "soon": " · sắp đến hạn"}.get(tone, "")
        when = timezone.localtime(due).strftime("%d/%m/%Y %H:%M")
        return format_html('<span class="due {}">{}{}</span>', tone, when, label)

    def get_urls(self):
        book = path(
            "so-theo-doi/", self.admin_site.admin_view(self.tracking_book_view), name="dossiers_dossier_tracking_book"
        )
        return [book, *super().get_urls()]

    def case_queryset(self, request):
        return self.get_queryset(request).select_related("case", "ward", "receiving_agency")

    def workspace_context(self, case, user) -> dict:
        return workspace_context(case, user)

    def case_opened(self, request, case) -> None:
        DossierAccess.objects.create(dossier=case, user=request.user)  # who looked, when

    @admin.action(description="Tải danh sách (CSV)", permissions=["view"])
    def export_csv(self, request, queryset):
        return _csv_response("ho-so.csv", queryset)

    def tracking_book_view(self, request):
        """Sổ theo dõi hồ sơ (form 06): the dossiers received in a period by the officer's agencies."""
        today = timezone.localdate()
        try:
            start = dt.date.fromisoformat(request.GET.get("tu", "")) if request.GET.get("tu") else today.replace(day=1)
            end = dt.date.fromisoformat(request.GET.get("den", "")) if request.GET.get("den") else today
        except ValueError:
            start, end = today.replace(day=1), today
            self.message_user(request, "Ngày không hợp lệ; đang hiện tháng này.", messages.WARNING)
        dossiers = (
            self.get_queryset(request)
            .filter(received_at__date__gte=start, received_at__date__lte=end)
            .order_by("received_at")
        )
        if request.GET.get("csv"):
            return _csv_response(f"so-theo-doi-{start}-{end}.csv", dossiers)
        context = {
            **self.admin_site.each_context(request),
            "dossiers": dossiers,
            "start": start,
            "end": end,
            "title": "Sổ theo dõi hồ sơ",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/dossiers/dossier/tracking_book.html", context)

    @admin.action(description="Tiếp nhận các hồ sơ đã chọn (cấp mã, hẹn trả)", permissions=["change"])
    def receive(self, request, queryset):
        done = 0
        for dossier in queryset.filter(status=DossierStatus.SUBMITTED):
            try:
                dossier_receive(dossier=dossier, officer=request.user)
                done += 1
            except ApplicationError as error:
                self.message_user(request, f"{dossier}: {error.detail}", messages.WARNING)
        if done:
            self.message_user(request, f"Đã tiếp nhận {done} hồ sơ.", messages.SUCCESS)
