"""The officer's workspace for one dossier: what the page shows (the declaration as a readable form, the files,
slips, the timeline with pauses) and the actions `workflow.py` allows from the current status, each a small form
with exactly the fields it needs and one service call. The admin only wires these to URLs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.utils import timezone

from agencies.models import Agency, OfficerMembership, OfficerRole
from agencies.working_time import WorkingCalendar, due_state
from citizen_portal.backoffice import NoFieldsForm, NoteForm, OfficerAction
from citizen_portal.forms import MultipleFileField
from citizen_portal.masking import mask_citizen_id, mask_name, mask_phone
from dossiers.models import AttachmentKind, Dossier
from dossiers.selectors import declaration_sections
from dossiers.services import (
    dossier_assign,
    dossier_mark_done,
    dossier_note_add,
    dossier_receive,
    dossier_refuse,
    dossier_request_fee,
    dossier_request_supplement,
    dossier_reschedule,
    dossier_return_result,
    dossier_start_processing,
    dossier_stop,
)
from dossiers.workflow import FINAL_STATUSES, IN_PROGRESS_STATUSES, DossierStatus, can_transition
from identity.models import User

S = DossierStatus


# The forms, one per action.


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do (công dân sẽ đọc)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class SupplementForm(forms.Form):
    documents = forms.MultipleChoiceField(
        label="Giấy tờ cần nộp lại hoặc bổ sung", required=False, widget=forms.CheckboxSelectMultiple
    )
    other = forms.CharField(
        label="Điểm khác cần bổ sung, sửa (mỗi dòng một điểm)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, dossier: Dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = {d["key"]: d["name"] for d in dossier.procedure_snapshot["documents"]}
        self.fields["documents"].choices = list(self.names.items())

    def items(self) -> list[str]:
        """Every point at once, in plain words: the papers ticked, then each line written."""
        papers = [f"Nộp lại hoặc bổ sung: {self.names[key]}" for key in self.cleaned_data["documents"]]
        return papers + [line.strip() for line in self.cleaned_data["other"].splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        if not data.get("documents") and not (data.get("other") or "").strip():
            raise forms.ValidationError("Chọn ít nhất một giấy tờ hoặc ghi một điểm cần bổ sung.")
        return data


class FeeForm(forms.Form):
    amount = forms.IntegerField(label="Số tiền phí, lệ phí (đồng)", min_value=1, max_value=1_000_000_000)


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(label="Cơ quan xử lý bước này", queryset=Agency.objects.active())
    assignee = forms.ModelChoiceField(
        label="Cán bộ được giao (không bắt buộc)", queryset=User.objects.none(), required=False
    )
    working_days = forms.DecimalField(
        label="Thời hạn của bước (ngày làm việc)", min_value=0.5, max_value=90, decimal_places=1
    )
    note = forms.CharField(
        label="Ghi chú nội bộ", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, **kwargs)
        # Any officer who can work a dossier; the service checks they belong to the chosen agency.
        workers = OfficerMembership.objects.filter(role__in=[OfficerRole.OFFICER, OfficerRole.HEAD]).values("user")
        self.fields["assignee"].queryset = User.objects.filter(is_active=True, pk__in=workers).order_by("full_name")
        self.fields["assignee"].label_from_instance = lambda user: user.full_name or user.username


class DoneForm(forms.Form):
    results = MultipleFileField(label="Tệp kết quả điện tử (PDF hoặc ảnh, chọn được nhiều tệp)", required=False)
    public_note = forms.CharField(
        label="Lời nhắn cho công dân (hiện trên “Hồ sơ của tôi” và trong thông báo)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RescheduleForm(forms.Form):
    new_date = forms.DateField(label="Ngày hẹn mới", widget=forms.DateInput(attrs={"type": "date"}))
    new_time = forms.TimeField(
        label="Giờ hẹn", initial=dt.time(16, 0), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reason = forms.CharField(
        label="Lý do chậm (ghi trên văn bản xin lỗi, mẫu 04)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def new_due_at(self) -> dt.datetime:
        moment = dt.datetime.combine(self.cleaned_data["new_date"], self.cleaned_data["new_time"])
        return timezone.make_aware(moment)


# The actions.


def _may(target: str) -> Callable[[Dossier], bool]:
    return lambda dossier: can_transition(dossier.status, target)


def _done(dossier: Dossier, officer, form: DoneForm):
    data = form.cleaned_data
    return dossier_mark_done(dossier=dossier, officer=officer, results=data["results"], public_note=data["public_note"])


def _assign(dossier: Dossier, officer, form: AssignForm):
    data = form.cleaned_data
    return dossier_assign(
        dossier=dossier,
        officer=officer,
        agency=data["agency"],
        assignee=data["assignee"],
        working_days=float(data["working_days"]),
        note=data["note"],
    )


ACTIONS: list[OfficerAction] = [
    OfficerAction(
        "tiep-nhan",
        "Tiếp nhận hồ sơ",
        "Tiếp nhận, cấp mã và hẹn trả (mẫu 01)",
        NoFieldsForm,
        _may(S.RECEIVED),
        lambda d, o, f: dossier_receive(dossier=d, officer=o),
        help="Giấy tiếp nhận và hẹn trả kết quả được gửi cho công dân.",
    ),
    OfficerAction(
        "bo-sung",
        "Yêu cầu bổ sung (mẫu 02)",
        "Gửi yêu cầu bổ sung",
        SupplementForm,
        _may(S.SUPPLEMENT_REQUESTED),
        lambda d, o, f: dossier_request_supplement(dossier=d, officer=o, items=f.items()),
        form_kwargs=lambda d, o: {"dossier": d},
        help="Liệt kê một lần tất cả những gì cần bổ sung; thời hạn tính lại từ đầu khi công dân bổ sung xong.",
    ),
    OfficerAction(
        "tu-choi",
        "Từ chối tiếp nhận (mẫu 03)",
        "Từ chối tiếp nhận",
        ReasonForm,
        _may(S.REFUSED),
        lambda d, o, f: dossier_refuse(dossier=d, officer=o, reason=f.cleaned_data["reason"]),
        danger=True,
    ),
    OfficerAction(
        "chuyen-xu-ly",
        "Chuyển xử lý",
        "Bắt đầu xử lý",
        NoFieldsForm,
        lambda d: d.status in (S.RECEIVED, S.AWAITING_FEE),
        lambda d, o, f: dossier_start_processing(dossier=d, officer=o),
        help="Với hồ sơ chờ nộp phí: xác nhận đã thu phí tại quầy và tiếp tục xử lý.",
    ),
    OfficerAction(
        "giao-xu-ly",
        "Giao một bước xử lý",
        "Giao xử lý",
        AssignForm,
        lambda d: d.status in (S.RECEIVED, S.PROCESSING),
        _assign,
        form_kwargs=lambda d, o: {"officer": o},
    ),
    OfficerAction(
        "nop-phi",
        "Yêu cầu nộp phí, lệ phí",
        "Gửi yêu cầu nộp phí",
        FeeForm,
        _may(S.AWAITING_FEE),
        lambda d, o, f: dossier_request_fee(dossier=d, officer=o, amount=f.cleaned_data["amount"]),
        form_kwargs=lambda d, o: {"initial": {"amount": d.procedure.fee_amount}} if d.procedure.fee_amount else {},
    ),
    OfficerAction(
        "xong",
        "Đã giải quyết xong",
        "Xác nhận đã giải quyết xong",
        DoneForm,
        _may(S.DONE),
        _done,
        help="Có tệp kết quả thì công dân tải được ngay; không có thì công dân được mời đến nhận bản giấy.",
    ),
    OfficerAction(
        "tra-ket-qua",
        "Trả kết quả",
        "Đã trả kết quả cho công dân",
        NoFieldsForm,
        _may(S.RETURNED),
        lambda d, o, f: dossier_return_result(dossier=d, officer=o),
    ),
    OfficerAction(
        "hen-lai",
        "Xin lỗi và hẹn lại (mẫu 04)",
        "Gửi văn bản xin lỗi và hẹn lại",
        RescheduleForm,
        lambda d: d.status in IN_PROGRESS_STATUSES and d.rescheduled_due_at is None,
        lambda d, o, f: dossier_reschedule(
            dossier=d, officer=o, new_due_at=f.new_due_at(), reason=f.cleaned_data["reason"]
        ),
        help="Chỉ một lần, chậm nhất 1 ngày làm việc trước ngày hẹn trả.",
    ),
    OfficerAction(
        "dung",
        "Dừng xử lý",
        "Dừng xử lý hồ sơ",
        ReasonForm,
        _may(S.STOPPED),
        lambda d, o, f: dossier_stop(dossier=d, officer=o, reason=f.cleaned_data["reason"]),
        danger=True,
    ),
    OfficerAction(
        "ghi-chu",
        "Ghi chú nội bộ",
        "Lưu ghi chú",
        NoteForm,
        lambda d: d.status not in FINAL_STATUSES,
        lambda d, o, f: dossier_note_add(dossier=d, officer=o, note=f.cleaned_data["note"]),
    ),
]
ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


# What the page shows.


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def attachment_groups(dossier: Dossier, attachments: list) -> list[dict]:
    """The files under the name of the paper they answer, in the order of the case's list; then the rest by kind."""
    groups = []
    for document in dossier.procedure_snapshot.get("documents", []):
        files = [a for a in attachments if a.document_key == document["key"] and a.kind != AttachmentKind.RESULT]
        groups.append({"title": document["name"], "required": document["required"], "files": files})
    known = {d["key"] for d in dossier.procedure_snapshot.get("documents", [])}
    for kind in (AttachmentKind.DECLARATION, AttachmentKind.SUPPLEMENT, AttachmentKind.RESULT):
        files = [a for a in attachments if a.kind == kind and (a.document_key not in known or kind == "result")]
        if files:
            groups.append({"title": kind.label, "required": False, "files": files})
    return groups


def applicant(dossier: Dossier, *, unmasked: bool) -> dict:
    answers = dossier.answers
    name = answers.get("full_name") or (dossier.citizen.full_name if dossier.citizen else "")
    phone = answers.get("phone") or (dossier.citizen.phone if dossier.citizen else "") or ""
    citizen_id = answers.get("citizen_id") or ""
    if unmasked:
        return {"name": name, "phone": phone, "citizen_id": citizen_id, "masked": False}
    return {
        "name": mask_name(name),
        "phone": mask_phone(phone) if phone else "",
        "citizen_id": mask_citizen_id(citizen_id) if citizen_id else "",
        "masked": True,
    }


def pauses(dossier: Dossier, calendar: WorkingCalendar, now: dt.datetime) -> list[dict]:
    return [
        {
            "reason": pause.get_reason_display(),
            "started_at": pause.started_at,
            "ended_at": pause.ended_at,
            "days": round(calendar.working_days_between(pause.started_at, pause.ended_at or now), 1),
        }
        for pause in dossier.pauses.all()
    ]


def workspace_context(dossier: Dossier, user, *, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    calendar = WorkingCalendar.from_database()
    attachments = list(dossier.attachments.all())
    open_status = dossier.status not in FINAL_STATUSES and dossier.status != S.DONE
    return {
        "dossier": dossier,
        "applicant": applicant(dossier, unmasked=user.has_perm("dossiers.view_applicant_contact")),
        "due": due_state(dossier.effective_due_at, now, calendar) if open_status else None,
        "sections": declaration_sections(dossier),
        "attachment_groups": attachment_groups(dossier, attachments),
        "slips": list(dossier.slips.all()),
        "history": list(dossier.history.select_related("actor")),
        "pauses": pauses(dossier, calendar, now),
        "steps": list(dossier.steps.select_related("assigned_agency", "assigned_to", "assigned_by")),
        "supplements": list(dossier.supplement_requests.all()),
    }
