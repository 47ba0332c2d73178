"""The officer's workspace for one field report: the actions `workflow.py` allows from the current status, each a
small form with exactly its fields and one service call, and what the page shows. The admin wires these to URLs."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.utils import timezone

from agencies.working_time import WorkingCalendar, due_state
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.backoffice import NoFieldsForm, NoteForm, OfficerAction, TakeOnForm, TransferForm
from citizen_portal.forms import MultipleFileField
from citizen_portal.masking import mask_email, mask_name, mask_phone
from reports.models import AnswerTemplate, Category, Report, ReportPhoto
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
from reports.workflow import OPEN_STATUSES, ReportStatus, can_transition

S = ReportStatus


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Câu hỏi cho người phản ánh (công khai)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AnswerForm(forms.Form):
    """A public answer, from a template of the category or written; an internal note beside it."""

    template = forms.ModelChoiceField(
        label="Dùng mẫu trả lời", queryset=AnswerTemplate.objects.none(), required=False, empty_label="—"
    )
    text = forms.CharField(
        label="Trả lời công khai (người dân và mọi người đọc)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    internal_note = forms.CharField(
        label="Ghi chú nội bộ", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        category = report.category
        self.fields["template"].queryset = AnswerTemplate.objects.filter(category__in=[category.pk, category.parent_id])

    def answer(self) -> str:
        template = self.cleaned_data.get("template")
        return self.cleaned_data["text"].strip() or (template.text if template else "")

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("template"):
            raise forms.ValidationError("Cần viết câu trả lời công khai hoặc chọn một mẫu trả lời.")
        return data


class ResolveForm(AnswerForm):
    photos = MultipleFileField(label="Ảnh sau khi xử lý (chọn được nhiều ảnh)", required=False)


class DuplicateForm(forms.Form):
    original_code = forms.CharField(label="Mã phản ánh gốc (PA-…)", max_length=20)
    answer = forms.CharField(label="Trả lời công khai", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def original(self) -> Report:
        original = Report.objects.submitted().filter(code=self.cleaned_data["original_code"].strip().upper()).first()
        if original is None:
            raise ApplicationError("Không tìm thấy phản ánh gốc với mã này.", code="original_invalid")
        return original


class CategoryForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Loại mới (hạn xử lý tính lại)", queryset=Category.objects.reportable().select_related("parent")
    )


class OptionalTextForm(forms.Form):
    text = forms.CharField(
        label="Lời nhắn công khai", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


def _may(target: str) -> Callable[[Report], bool]:
    return lambda report: can_transition(report.status, target)


def _for_report(report: Report, officer) -> dict:
    return {"report": report}


def _agency_of(report: Report, officer) -> dict:
    return {"agency_id": report.agency_id}


ACTIONS: list[OfficerAction] = [
    OfficerAction(
        "nhan-xu-ly",
        "Nhận xử lý / giao cán bộ",
        "Giao xử lý",
        TakeOnForm,
        _may(S.ASSIGNED),
        lambda r, o, f: report_assign(report=r, officer=o, assignee=f.cleaned_data["assignee"]),
        form_kwargs=_agency_of,
    ),
    OfficerAction(
        "bat-dau",
        "Bắt đầu xử lý",
        "Bắt đầu xử lý",
        NoFieldsForm,
        _may(S.IN_PROGRESS),
        lambda r, o, f: report_start(report=r, officer=o),
    ),
    OfficerAction(
        "hoi-them",
        "Hỏi thêm người phản ánh",
        "Gửi câu hỏi",
        QuestionForm,
        _may(S.NEEDS_INFO),
        lambda r, o, f: report_request_info(report=r, officer=o, question=f.cleaned_data["text"]),
    ),
    OfficerAction(
        "da-xu-ly",
        "Đã xử lý xong — trả lời",
        "Gửi trả lời",
        ResolveForm,
        _may(S.RESOLVED),
        lambda r, o, f: report_resolve(
            report=r,
            officer=o,
            answer=f.answer(),
            photos=f.cleaned_data["photos"],
            internal_note=f.cleaned_data["internal_note"],
        ),
        form_kwargs=_for_report,
    ),
    OfficerAction(
        "khong-xu-ly",
        "Không xử lý (không thuộc thẩm quyền, không hợp lệ)",
        "Trả lời không xử lý",
        AnswerForm,
        _may(S.REJECTED),
        lambda r, o, f: report_reject(
            report=r, officer=o, answer=f.answer(), internal_note=f.cleaned_data["internal_note"]
        ),
        form_kwargs=_for_report,
        danger=True,
    ),
    OfficerAction(
        "trung",
        "Trùng phản ánh khác",
        "Đánh dấu trùng",
        DuplicateForm,
        _may(S.DUPLICATE),
        lambda r, o, f: report_mark_duplicate(
            report=r, officer=o, original=f.original(), answer=f.cleaned_data["answer"]
        ),
    ),
    OfficerAction(
        "chuyen",
        "Chuyển cơ quan khác",
        "Chuyển",
        TransferForm,
        lambda r: r.status in OPEN_STATUSES,
        lambda r, o, f: report_transfer(
            report=r, officer=o, agency=f.cleaned_data["agency"], note=f.cleaned_data["note"]
        ),
    ),
    OfficerAction(
        "doi-loai",
        "Đổi loại phản ánh",
        "Đổi loại",
        CategoryForm,
        lambda r: r.status in OPEN_STATUSES,
        lambda r, o, f: report_change_category(report=r, officer=o, category=f.cleaned_data["category"]),
    ),
    OfficerAction(
        "mo-lai",
        "Đồng ý mở lại",
        "Mở lại",
        OptionalTextForm,
        _may(S.REOPENED),
        lambda r, o, f: report_reopen(report=r, officer=o, note=f.cleaned_data["text"]),
    ),
    OfficerAction(
        "dong",
        "Đóng phản ánh",
        "Đóng",
        OptionalTextForm,
        _may(S.CLOSED),
        lambda r, o, f: report_close(report=r, officer=o, note=f.cleaned_data["text"]),
        danger=True,
    ),
    OfficerAction(
        "ghi-chu",
        "Ghi chú nội bộ",
        "Lưu ghi chú",
        NoteForm,
        lambda r: r.status != S.CLOSED,
        lambda r, o, f: report_note_add(report=r, officer=o, note=f.cleaned_data["note"]),
    ),
]
ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


def reporter(report: Report, *, unmasked: bool) -> dict:
    if report.anonymised_at:
        return {"text": "Đã ẩn danh theo thời hạn lưu trữ", "masked": False}
    if unmasked:
        parts = [report.contact_name, report.contact_phone, report.contact_email]
        return {"text": " · ".join(filter(None, parts)) or "—", "masked": False}
    parts = [
        mask_name(report.contact_name) if report.contact_name else "",
        mask_phone(report.contact_phone) if report.contact_phone else "",
        mask_email(report.contact_email) if report.contact_email else "",
    ]
    return {"text": " · ".join(filter(None, parts)) or "—", "masked": True}


def workspace_context(report: Report, user) -> dict:
    from django.conf import settings

    now = timezone.now()
    photos = list(report.photos.all())
    return {
        "report": report,
        "reporter": reporter(report, unmasked=user.has_perm("reports.view_reporter_contact")),
        "due": due_state(report.deadline_at, now, WorkingCalendar.from_database()) if report.is_open else None,
        "seriously_late": report.is_seriously_late(now),
        "report_photos": [p for p in photos if p.kind == ReportPhoto.Kind.REPORT],
        "answer_photos": [p for p in photos if p.kind == ReportPhoto.Kind.ANSWER],
        "history": list(report.history.select_related("actor")),
        "candidates": duplicate_candidates(report, officer=user) if report.is_open else [],
        "map": settings.MAP,
    }
