"""The one-stop shop's back office for dossiers, scoped to the officer's agencies, and the procedure catalogue.
Status never changes here except through the services (actions)."""

import csv
import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.admin import FoldedSearchMixin, ReadOnlyTabularInline
from citizen_portal.api.exceptions import ApplicationError
from dossiers.models import (
    AttachmentKind,
    Dossier,
    DossierAccess,
    DossierAttachment,
    DossierHistory,
    FormField,
    Procedure,
    ProcedureCase,
    ProcedureField,
    RequiredDocument,
)
from dossiers.services import (
    attachment_add,
    dossier_assign,
    dossier_mark_done,
    dossier_receive,
    dossier_refuse,
    dossier_request_fee,
    dossier_request_supplement,
    dossier_reschedule,
    dossier_return_result,
    dossier_start_processing,
    dossier_stop,
)
from dossiers.workflow import FINAL_STATUSES, DossierStatus
from identity.models import User

OPEN_STATUSES = [s for s in DossierStatus.values if s not in FINAL_STATUSES and s not in ("draft", "done")]


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


def _csv_response(filename: str, dossiers) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel opens Vietnamese correctly
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for d in dossiers.select_related("procedure", "citizen"):
        times = (d.submitted_at, d.received_at, d.effective_due_at, d.finished_at, d.returned_at)
        writer.writerow(
            [
                d.code or "",
                d.procedure.name,
                d.answers.get("full_name") or (d.citizen.display_name if d.citizen else ""),
                d.get_status_display(),
                d.get_channel_display(),
                *(timezone.localtime(t).strftime("%d/%m/%Y %H:%M") if t else "" for t in times),
                d.supplement_count,
            ]
        )
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
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "qua-han":
            return queryset.filter(status__in=OPEN_STATUSES, due_at__lt=now)
        if self.value() == "sap-den-han":
            soon = WorkingCalendar.from_database().add_working_days(now, 1)
            return queryset.filter(status__in=OPEN_STATUSES, due_at__gte=now, due_at__lte=soon)
        if self.value() == "moi":
            return queryset.filter(status=DossierStatus.SUBMITTED)
        return queryset


class ProcessForm(forms.Form):
    ACTIONS = [
        ("refuse", "Từ chối tiếp nhận (mẫu 03) — ghi lý do"),
        ("supplement", "Yêu cầu bổ sung (mẫu 02) — mỗi dòng một điểm cần bổ sung"),
        ("fee", "Yêu cầu nộp phí — ghi số tiền"),
        ("done", "Đã xử lý xong — đính kèm kết quả điện tử nếu có"),
        ("reschedule", "Xin lỗi và hẹn lại (mẫu 04) — ghi lý do, chọn ngày hẹn mới"),
        ("stop", "Dừng xử lý — ghi lý do"),
        ("assign", "Giao xử lý — chọn cơ quan (và cán bộ), số ngày làm việc; ghi chú nội bộ"),
    ]
    action = forms.ChoiceField(label="Việc cần làm", choices=ACTIONS, widget=forms.RadioSelect)
    text = forms.CharField(label="Lý do / nội dung", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    amount = forms.IntegerField(label="Số tiền (đồng)", required=False, min_value=1)
    new_due_at = forms.DateTimeField(
        label="Ngày giờ hẹn mới", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    result = forms.FileField(label="Tệp kết quả (PDF/ảnh)", required=False)
    agency = forms.ModelChoiceField(label="Cơ quan nhận bước xử lý", queryset=Agency.objects.active(), required=False)
    assignee = forms.ModelChoiceField(
        label="Cán bộ được giao", queryset=User.objects.filter(is_staff=True), required=False
    )
    working_days = forms.FloatField(label="Thời hạn của bước (ngày làm việc)", required=False, min_value=0.1)


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


class HistoryInline(ReadOnlyTabularInline):
    model = DossierHistory
    fields = ("at", "from_status", "to_status", "actor", "note")


class AttachmentInline(ReadOnlyTabularInline):
    model = DossierAttachment
    fields = ("kind", "document_key", "original_name", "content_type", "size", "uploaded_at")


def _run(modeladmin, request, queryset, service, done_message):
    done = 0
    for dossier in queryset:
        try:
            service(dossier=dossier, officer=request.user)
            done += 1
        except ApplicationError as error:
            modeladmin.message_user(request, f"{dossier}: {error.detail}", messages.WARNING)
    if done:
        modeladmin.message_user(request, done_message.format(done), messages.SUCCESS)


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ("code", "procedure", "citizen", "status", "received_at", "deadline")
    list_filter = (DeadlineFilter, "status", "procedure__field", "channel", "receiving_agency__ward")
    list_select_related = ("procedure", "citizen")
    search_fields = ("code", "citizen__full_name", "citizen__phone")
    date_hierarchy = "submitted_at"
    show_full_result_count = False
    actions = ["receive", "start_processing", "return_result", "export_csv"]
    inlines = [AttachmentInline, HistoryInline]
    exclude = ("submission_token",)

    def get_queryset(self, request):
        return Dossier.objects.for_user(request.user).select_related("procedure", "citizen", "receiving_agency")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Dossier._meta.fields if f.name != "submission_token"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="hẹn trả", ordering="due_at")
    def deadline(self, obj):
        due = obj.effective_due_at
        if due is None:
            return "—"
        late = obj.status in OPEN_STATUSES and due < timezone.now()
        colour = "#b00020" if late else "#1e7d3a"
        return format_html(
            '<span style="color:{}">{}{}</span>',
            colour,
            timezone.localtime(due).strftime("%H:%M %d/%m/%Y"),
            " (quá hạn)" if late else "",
        )

    def get_urls(self):
        return [
            path("<int:pk>/xu-ly/", self.admin_site.admin_view(self.process_view), name="dossiers_dossier_process"),
            path(
                "so-theo-doi/",
                self.admin_site.admin_view(self.tracking_book_view),
                name="dossiers_dossier_tracking_book",
            ),
        ] + super().get_urls()

    def process_view(self, request, pk):
        """One page for the officer's decisions that need words, a sum, a date or a file; each calls its service."""
        dossier = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, dossier):
            raise PermissionDenied
        form = ProcessForm(request.POST or None, request.FILES or None) if request.method == "POST" else ProcessForm()
        if request.method == "POST" and form.is_valid():
            data, officer = form.cleaned_data, request.user
            try:
                match data["action"]:
                    case "refuse":
                        dossier_refuse(dossier=dossier, officer=officer, reason=data["text"])
                    case "supplement":
                        dossier_request_supplement(dossier=dossier, officer=officer, items=data["text"].splitlines())
                    case "fee":
                        dossier_request_fee(dossier=dossier, officer=officer, amount=data["amount"] or 0)
                    case "done":
                        if data["result"]:
                            attachment_add(
                                dossier=dossier,
                                user=officer,
                                document_key="",
                                upload=data["result"],
                                kind=AttachmentKind.RESULT,
                            )
                        dossier_mark_done(dossier=dossier, officer=officer, electronic_result=bool(data["result"]))
                    case "reschedule":
                        if not data["new_due_at"]:
                            raise ApplicationError("Cần chọn ngày hẹn mới.", code="new_date_required")
                        dossier_reschedule(
                            dossier=dossier, officer=officer, new_due_at=data["new_due_at"], reason=data["text"]
                        )
                    case "stop":
                        dossier_stop(dossier=dossier, officer=officer, reason=data["text"])
                    case "assign":
                        if not data["agency"] or not data["working_days"]:
                            raise ApplicationError("Cần chọn cơ quan và thời hạn của bước.", code="step_incomplete")
                        dossier_assign(
                            dossier=dossier,
                            officer=officer,
                            agency=data["agency"],
                            assignee=data["assignee"],
                            working_days=data["working_days"],
                            note=data["text"],
                        )
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                self.message_user(request, "Đã cập nhật hồ sơ.", messages.SUCCESS)
                return redirect(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "dossier": dossier,
            "title": f"Xử lý hồ sơ {dossier.code or ''}".strip(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/dossiers/dossier/process.html", context)

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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dossier = self.get_queryset(request).filter(pk=object_id).first()
        if dossier is not None:
            DossierAccess.objects.create(dossier=dossier, user=request.user)  # who looked, when
            extra_context = {
                **(extra_context or {}),
                "process_url": reverse("admin:dossiers_dossier_process", args=[dossier.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Tiếp nhận (cấp mã, hẹn trả)", permissions=["change"])
    def receive(self, request, queryset):
        _run(self, request, queryset.filter(status=DossierStatus.SUBMITTED), dossier_receive, "Đã tiếp nhận {} hồ sơ.")

    @admin.action(description="Chuyển xử lý", permissions=["change"])
    def start_processing(self, request, queryset):
        _run(self, request, queryset, dossier_start_processing, "Đã chuyển xử lý {} hồ sơ.")

    @admin.action(description="Đã trả kết quả", permissions=["change"])
    def return_result(self, request, queryset):
        _run(self, request, queryset, dossier_return_result, "Đã trả kết quả {} hồ sơ.")
