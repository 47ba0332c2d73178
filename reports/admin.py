"""The back office for field reports, scoped to the officer's agencies: queues with overdue first, one page for
every decision (each calls its service), categories, routing rules, answer templates and Open311 keys.
Status never changes here except through the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.admin import FoldedSearchMixin, ReadOnlyTabularInline
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.forms import MultipleFileField
from citizen_portal.masking import mask_email, mask_phone
from identity.models import User
from reports.models import AnswerTemplate, Category, Open311Client, Report, ReportHistory, ReportPhoto, RoutingRule
from reports.services import (
    duplicate_candidates,
    report_assign,
    report_change_category,
    report_close,
    report_mark_duplicate,
    report_note_add,
    report_reject,
    report_reopen,
    report_request_info,
    report_resolve,
    report_start,
    report_transfer,
)
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
        return queryset


class HistoryInline(ReadOnlyTabularInline):
    model = ReportHistory
    fields = ("at", "from_status", "to_status", "actor", "public_text", "internal_note")


class PhotoInline(ReadOnlyTabularInline):
    model = ReportPhoto
    fields = ("preview", "kind", "width", "height", "created_at")

    @admin.display(description="ảnh")
    def preview(self, obj):
        return format_html(
            '<a href="{}"><img src="{}" alt="" width="96" height="96" style="object-fit:cover"></a>',
            reverse("reports:photo", args=[obj.public_id]),
            reverse("reports:photo_size", args=[obj.public_id, "nho"]),
        )


class ProcessForm(forms.Form):
    ACTIONS = [
        ("assign", "Nhận xử lý / giao cho cán bộ"),
        ("start", "Bắt đầu xử lý"),
        ("request_info", "Hỏi thêm người phản ánh — ghi câu hỏi (công khai)"),
        ("resolve", "Đã xử lý xong — ghi trả lời công khai, kèm ảnh sau xử lý nếu có"),
        ("reject", "Không xử lý (không thuộc thẩm quyền / không hợp lệ) — ghi lý do công khai"),
        ("duplicate", "Trùng phản ánh khác — ghi mã phản ánh gốc và trả lời công khai"),
        ("transfer", "Chuyển cơ quan khác — chọn cơ quan, ghi lý do (nội bộ)"),
        ("category", "Đổi loại phản ánh (tính lại hạn)"),
        ("reopen", "Đồng ý mở lại (theo đề nghị của người dân)"),
        ("close", "Đóng phản ánh / không mở lại — ghi lý do công khai khi từ chối mở lại"),
        ("note", "Chỉ ghi chú nội bộ"),
    ]
    action = forms.ChoiceField(label="Việc cần làm", choices=ACTIONS, widget=forms.RadioSelect)
    template = forms.ModelChoiceField(
        label="Dùng mẫu trả lời", queryset=AnswerTemplate.objects.none(), required=False, empty_label="—"
    )
    text = forms.CharField(
        label="Trả lời / câu hỏi công khai", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    internal_note = forms.CharField(label="Ghi chú nội bộ", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    photos = MultipleFileField(label="Ảnh sau khi xử lý (chọn nhiều)", required=False)
    original_code = forms.CharField(label="Mã phản ánh gốc (PA-…)", required=False, max_length=20)
    assignee = forms.ModelChoiceField(label="Cán bộ được giao", queryset=User.objects.none(), required=False)
    agency = forms.ModelChoiceField(label="Chuyển tới cơ quan", queryset=Agency.objects.active(), required=False)
    category = forms.ModelChoiceField(label="Loại mới", queryset=Category.objects.reportable(), required=False)

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        category = report.category
        self.fields["template"].queryset = AnswerTemplate.objects.filter(category__in=[category.pk, category.parent_id])
        self.fields["assignee"].queryset = User.objects.filter(memberships__agency=report.agency_id).distinct()


@admin.register(Report)
class ReportAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("code", "category", "status", "agency", "ward", "deadline", "me_too_count", "received_at")
    list_filter = (DeadlineFilter, "status", "category__parent", "agency", "ward", "source")
    list_select_related = ("category__parent", "agency", "ward")
    date_hierarchy = "received_at"
    show_full_result_count = False
    inlines = [PhotoInline, HistoryInline]
    actions = ["take_on"]

    def get_queryset(self, request):
        return Report.objects.for_user(request.user).overdue_first()

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _sees_contact(self, request) -> bool:
        return request.user.has_perm("reports.view_reporter_contact")

    def get_fields(self, request, obj=None):
        base = ["code", "status", "category", "description", "address", "ward", "location", "agency", "assignee"]
        dates = ["received_at", "deadline_at", "seriously_late_at", "answered_at", "closed_at", "public_answer"]
        contact = "contact_full" if self._sees_contact(request) else "contact_masked"
        reporter = [contact, "show_name", "source", "me_too_count", "rating", "rating_reasons", "rating_comment"]
        return [*base, "duplicate_of", *dates, *reporter]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description="vị trí")
    def location(self, obj):
        if not obj.has_location:
            return "—"
        return format_html(
            '<a href="https://www.openstreetmap.org/?mlat={0}&mlon={1}#map=18/{0}/{1}" rel="noopener">{0}, {1}</a>',
            obj.latitude,
            obj.longitude,
        )

    @admin.display(description="người phản ánh")
    def contact_full(self, obj):
        if obj.anonymised_at:
            return "Đã ẩn danh theo thời hạn lưu trữ"
        return " · ".join(filter(None, [obj.contact_name, obj.contact_phone, obj.contact_email])) or "—"

    @admin.display(description="người phản ánh")
    def contact_masked(self, obj):
        if obj.anonymised_at:
            return "Đã ẩn danh theo thời hạn lưu trữ"
        masked = [
            obj.contact_name[:1] + "•••" if obj.contact_name else "",
            mask_phone(obj.contact_phone) if obj.contact_phone else "",
            mask_email(obj.contact_email) if obj.contact_email else "",
        ]
        return " · ".join(filter(None, masked)) + " (cần quyền xem thông tin liên hệ)"

    @admin.display(description="hạn xử lý", ordering="deadline_at")
    def deadline(self, obj):
        if obj.deadline_at is None:
            return "—"
        now = timezone.now()
        label, colour = "", "#1e7d3a"
        if obj.is_seriously_late(now):
            label, colour = " (trễ nghiêm trọng)", "#7a0016"
        elif obj.is_late(now):
            label, colour = " (quá hạn)", "#b00020"
        return format_html(
            '<span style="color:{}">{}{}</span>',
            colour,
            timezone.localtime(obj.deadline_at).strftime("%d/%m/%Y %H:%M"),
            label,
        )

    def get_urls(self):
        return [
            path("<int:pk>/xu-ly/", self.admin_site.admin_view(self.process_view), name="reports_report_process"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "process_url": reverse("admin:reports_report_process", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def process_view(self, request, pk):
        """One page for the officer's decisions; each calls its service and reports refusals in plain words."""
        report = get_object_or_404(self.get_queryset(request).select_related("category__parent"), pk=pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        form = ProcessForm(request.POST or None, request.FILES or None, report=report)
        if request.method == "POST" and form.is_valid():
            try:
                self._act(request, report, form.cleaned_data, form.cleaned_data["photos"])
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                self.message_user(request, "Đã cập nhật phản ánh.", messages.SUCCESS)
                return redirect(reverse("admin:reports_report_change", args=[report.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "report": report,
            "candidates": duplicate_candidates(report),
            "templates": form.fields["template"].queryset,
            "title": f"Xử lý phản ánh {report.code}",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/reports/report/process.html", context)

    def _act(self, request, report: Report, data: dict, photos) -> None:
        officer, text, note = request.user, data["text"], data["internal_note"]
        if not text and data["template"]:
            text = data["template"].text
        match data["action"]:
            case "assign":
                report_assign(report=report, officer=officer, assignee=data["assignee"])
            case "start":
                report_start(report=report, officer=officer)
            case "request_info":
                report_request_info(report=report, officer=officer, question=text)
            case "resolve":
                report_resolve(report=report, officer=officer, answer=text, photos=photos, internal_note=note)
            case "reject":
                report_reject(report=report, officer=officer, answer=text, internal_note=note)
            case "duplicate":
                original = Report.objects.submitted().filter(code=data["original_code"].strip()).first()
                if original is None:
                    raise ApplicationError("Không tìm thấy phản ánh gốc với mã này.", code="original_invalid")
                report_mark_duplicate(report=report, officer=officer, original=original, answer=text)
            case "transfer":
                if data["agency"] is None:
                    raise ApplicationError("Chọn cơ quan nhận.", code="agency_invalid")
                report_transfer(report=report, officer=officer, agency=data["agency"], note=note or text)
            case "category":
                if data["category"] is None:
                    raise ApplicationError("Chọn loại mới.", code="category_invalid")
                report_change_category(report=report, officer=officer, category=data["category"])
            case "reopen":
                report_reopen(report=report, officer=officer, note=text)
            case "close":
                report_close(report=report, officer=officer, note=text)
            case "note":
                report_note_add(report=report, officer=officer, note=note or text)
        if note and data["action"] not in ("resolve", "reject", "transfer", "note"):
            report_note_add(report=report, officer=officer, note=note)

    @admin.action(description="Nhận xử lý (giao cho tôi)", permissions=["change"])
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
