"""The schools' back office: students and their parents, billing (a file with a preview, or a class), and the
per-class collection figures with an XLSX export. Scoped to the schools the officer works for."""

from __future__ import annotations

import datetime as dt
import io
import secrets

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from citizen_portal.admin import CappedPaginator, ReadOnlyTabularInline
from citizen_portal.api.exceptions import ApplicationError
from tuition.forms import BillClassForm, LinkPhoneForm, TuitionFileForm
from tuition.importer import TuitionFileError, TuitionRow, read_tuition_file
from tuition.models import Guardian, Student, TuitionBatch, TuitionCharge
from tuition.selectors import charges_for_export, class_summary, school_terms
from tuition.services import check_rows, guardian_link_by_phone, tuition_batch_import, tuition_bill_class

PREVIEW_SESSION_KEY = "tuition_preview"


def schools_of(user):
    return Agency.objects.handled_by(user).filter(kind=AgencyKind.SCHOOL)


class GuardianInline(ReadOnlyTabularInline):
    model = Guardian
    fields = ("user", "phone", "linked_by", "created_at")


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ("code", "full_name", "class_name", "date_of_birth", "school", "is_active")
    list_filter = ("class_name", "is_active")
    search_fields = ("code", "full_name")
    list_select_related = ("school",)
    inlines = [GuardianInline]
    paginator = CappedPaginator
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(school__in=schools_of(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "school":
            kwargs["queryset"] = schools_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        link = path(
            "<int:pk>/lien-ket-phu-huynh/",
            self.admin_site.admin_view(self.link_parent_view),
            name="tuition_student_link_parent",
        )
        return [link, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"link_parent_url": reverse("admin:tuition_student_link_parent", args=[object_id])}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def link_parent_view(self, request, pk):
        student = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, student):
            raise PermissionDenied
        form = LinkPhoneForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                guardian_link_by_phone(student=student, officer=request.user, phone=form.cleaned_data["phone"])
            except ApplicationError as error:
                form.add_error("phone", str(error.detail))
            else:
                self.message_user(request, f"Đã liên kết số điện thoại với em {student.full_name}.", messages.SUCCESS)
                return redirect("admin:tuition_student_change", student.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Liên kết phụ huynh — {student.full_name}",
            "form": form,
            "opts": self.opts,
            "student": student,
        }
        return TemplateResponse(request, "admin/tuition/link_parent.html", context, status=400 if form.errors else 200)


class TuitionChargeInline(ReadOnlyTabularInline):
    model = TuitionCharge
    fields = ("student", "term", "invoice")


@admin.register(TuitionBatch)
class TuitionBatchAdmin(admin.ModelAdmin):
    list_display = ("title", "school", "source", "created_by", "created_at")
    list_select_related = ("school", "created_by")
    readonly_fields = ("school", "title", "source", "created_by", "created_at")
    inlines = [TuitionChargeInline]
    change_list_template = "admin/tuition/tuitionbatch/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(school__in=schools_of(request.user))

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:tuition_import")

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("nhap-tep/", wrap(self.import_view), name="tuition_import"),
            path("lap-theo-lop/", wrap(self.bill_class_view), name="tuition_bill_class"),
            path("tong-hop/", wrap(self.summary_view), name="tuition_summary"),
            *super().get_urls(),
        ]

    def _page(self, request, template: str, context: dict, status: int = 200):
        return TemplateResponse(
            request, template, {**self.admin_site.each_context(request), "opts": self.opts, **context}, status=status
        )

    def import_view(self, request):
        """Upload → preview with every row's problems → confirm. The confirmed rows are checked again at import,
        and a file with any problem imports nothing."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        schools = schools_of(request.user)
        stored = request.session.get(PREVIEW_SESSION_KEY, {})
        if request.method == "POST" and request.POST.get("confirm"):
            if stored.get("token") != request.POST["confirm"]:
                self.message_user(request, "Bản xem trước đã hết hạn; hãy tải tệp lên lại.", messages.ERROR)
                return redirect("admin:tuition_import")
            school = get_object_or_404(schools, pk=stored["school"])
            rows = [
                TuitionRow(
                    **{
                        **row,
                        "due_date": dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None,
                        "lines": [tuple(line) for line in row["lines"]],
                    }
                )
                for row in stored["rows"]
            ]
            try:
                batch = tuition_batch_import(
                    school=school, officer=request.user, rows=rows, title=stored["title"], source=stored["source"]
                )
            except ApplicationError as error:
                self.message_user(request, str(error.detail), messages.ERROR)
                return redirect("admin:tuition_import")
            request.session.pop(PREVIEW_SESSION_KEY, None)
            self.message_user(request, f"Đã lập {batch.charges.count()} khoản thu.", messages.SUCCESS)
            return redirect("admin:tuition_tuitionbatch_change", batch.pk)
        form = TuitionFileForm(request.POST or None, request.FILES or None, schools=schools)
        preview = None
        if request.method == "POST" and form.is_valid():
            school, upload = form.cleaned_data["school"], form.cleaned_data["file"]
            try:
                rows = check_rows(school, read_tuition_file(upload))
            except TuitionFileError as error:
                form.add_error("file", str(error))
            else:
                token = secrets.token_urlsafe(8)
                request.session[PREVIEW_SESSION_KEY] = {
                    "token": token,
                    "school": school.pk,
                    "title": form.cleaned_data["title"],
                    "source": upload.name,
                    "rows": [
                        {
                            "number": r.number,
                            "class_name": r.class_name,
                            "student_code": r.student_code,
                            "term": r.term,
                            "due_date": r.due_date.isoformat() if r.due_date else None,
                            "lines": r.lines,
                        }
                        for r in rows
                    ],
                }
                preview = {
                    "rows": rows,
                    "token": token,
                    "problems": sum(1 for r in rows if r.errors),
                    "total": sum(r.total for r in rows),
                }
        context = {"title": "Nhập tệp học phí", "form": form, "preview": preview}
        status = 400 if form.errors or (preview and preview["problems"]) else 200
        return self._page(request, "admin/tuition/import.html", context, status)

    def bill_class_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BillClassForm(request.POST or None, schools=schools_of(request.user))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                batch = tuition_bill_class(
                    school=data["school"],
                    officer=request.user,
                    class_name=data["class_name"],
                    term=data["term"],
                    lines=data["lines"],
                    due_date=data["due_date"],
                )
            except ApplicationError as error:
                form.add_error(None, str(error.detail))
            else:
                self.message_user(request, f"Đã lập {batch.charges.count()} khoản thu.", messages.SUCCESS)
                return redirect("admin:tuition_tuitionbatch_change", batch.pk)
        return self._page(
            request,
            "admin/tuition/bill_class.html",
            {"title": "Lập khoản thu theo lớp", "form": form},
            400 if form.errors else 200,
        )

    def summary_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        schools = schools_of(request.user)
        school = schools.filter(pk=request.GET.get("truong") or 0).first() or schools.first()
        term = request.GET.get("ky", "")
        if school is None:
            return self._page(request, "admin/tuition/summary.html", {"title": "Tổng hợp học phí", "rows": []})
        if request.GET.get("xlsx"):
            return _xlsx_export(school, term)
        rows = class_summary(school, term=term)
        context = {
            "title": f"Tổng hợp học phí — {school.name}",
            "rows": rows,
            "school": school,
            "schools": schools,
            "terms": school_terms(school),
            "term": term,
            "totals": {
                key: sum(row[key] for row in rows) for key in ("charges", "paid", "unpaid", "billed", "collected")
            },
        }
        return self._page(request, "admin/tuition/summary.html", context)


def _xlsx_export(school, term: str) -> HttpResponse:
    """Every charge with its class, student, term, amount, paid and receipt numbers: what the screen adds up."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Học phí"
    sheet.append(
        [
            "Lớp",
            "Mã học sinh",
            "Họ và tên",
            "Kỳ thu",
            "Số tiền",
            "Đã nộp",
            "Trạng thái",
            "Hạn nộp",
            "Ngày nộp",
            "Số biên lai",
        ]
    )
    for charge in (
        charges_for_export(school, term=term)
        .prefetch_related("invoice__receipts")
        .order_by("student__class_name", "student__full_name", "term")
    ):
        invoice = charge.invoice
        sheet.append(
            [
                charge.student.class_name,
                charge.student.code,
                charge.student.full_name,
                charge.term,
                invoice.amount,
                invoice.amount_paid,
                invoice.get_status_display(),
                invoice.due_date,
                timezone.localtime(invoice.paid_at).replace(tzinfo=None) if invoice.paid_at else None,
                ", ".join(r.number_text for r in invoice.receipts.all()),
            ]
        )
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(
        output.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="hoc-phi-{school.identifier}.xlsx"'
    return response


@admin.register(TuitionCharge)
class TuitionChargeAdmin(admin.ModelAdmin):
    list_display = ("student", "term", "invoice", "batch")
    list_select_related = ("student", "invoice", "batch")
    search_fields = ("student__full_name", "student__code", "term")
    paginator = CappedPaginator
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(student__school__in=schools_of(request.user))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
