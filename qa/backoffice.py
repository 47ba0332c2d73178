"""The officer's workspace for one question: the actions `workflow.py` allows from the current status, each a
small form with exactly its fields and one service call. The admin wires these to URLs."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.utils import timezone

from agencies.working_time import WorkingCalendar, due_state
from citizen_portal.backoffice import NoFieldsForm, NoteForm, OfficerAction, TakeOnForm, TransferForm
from citizen_portal.masking import mask_name, mask_phone
from dossiers.models import Procedure
from qa.models import QaAnswerTemplate, Question
from qa.services import (
    question_answer,
    question_approve_publication,
    question_assign,
    question_keep_private,
    question_note_add,
    question_publish,
    question_reject,
    question_reply_follow_up,
    question_return_for_changes,
    question_transfer,
)
from qa.workflow import OPEN_STATUSES, QuestionStatus, can_transition

S = QuestionStatus


class AnswerForm(forms.Form):
    template = forms.ModelChoiceField(
        label="Dùng mẫu trả lời", queryset=QaAnswerTemplate.objects.none(), required=False, empty_label="—"
    )
    text = forms.CharField(
        label="Câu trả lời (người hỏi đọc; mọi người đọc nếu công khai)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=6000,
    )
    procedures = forms.ModelMultipleChoiceField(
        label="Thủ tục liên quan (hiện thành liên kết dưới câu trả lời; giữ Ctrl để chọn nhiều)",
        queryset=Procedure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedures"].queryset = Procedure.objects.published().order_by("name")
        self.fields["template"].queryset = QaAnswerTemplate.objects.filter(topic__in=[question.topic_id]) | (
            QaAnswerTemplate.objects.filter(topic__isnull=True)
        )

    def answer(self) -> str:
        template = self.cleaned_data.get("template")
        return self.cleaned_data["text"].strip() or (template.body if template else "")

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("template"):
            raise forms.ValidationError("Cần viết câu trả lời hoặc chọn một mẫu trả lời.")
        return data


class PublishForm(forms.Form):
    public_title = forms.CharField(label="Tiêu đề công khai", max_length=200)
    public_body = forms.CharField(
        label="Câu hỏi công khai (bỏ tên, số điện thoại, địa chỉ của người hỏi)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )

    def __init__(self, *args, question: Question, **kwargs):
        kwargs.setdefault("initial", {"public_title": question.shown_title, "public_body": question.shown_body})
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do (người hỏi đọc): ví dụ không thuộc thẩm quyền, nội dung không phải câu hỏi",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(label="Trả lời câu hỏi thêm", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class OptionalNoteForm(forms.Form):
    note = forms.CharField(label="Ghi chú nội bộ", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _may(target: str) -> Callable[[Question], bool]:
    return lambda question: can_transition(question.status, target)


def _for_question(question: Question, officer) -> dict:
    return {"question": question}


def _agency_of(question: Question, officer) -> dict:
    return {"agency_id": question.agency_id}


def _pending_follow_up(question: Question):
    return question.follow_ups.filter(replied_at__isnull=True).first()


ACTIONS: list[OfficerAction] = [
    OfficerAction(
        "nhan-tra-loi",
        "Nhận trả lời / giao cán bộ",
        "Giao",
        TakeOnForm,
        lambda q: q.status in OPEN_STATUSES,
        lambda q, o, f: question_assign(question=q, officer=o, assignee=f.cleaned_data["assignee"]),
        form_kwargs=_agency_of,
    ),
    OfficerAction(
        "tra-loi",
        "Trả lời người hỏi",
        "Gửi trả lời",
        AnswerForm,
        _may(S.ANSWERED),
        lambda q, o, f: question_answer(
            question=q, officer=o, answer=f.answer(), procedures=f.cleaned_data["procedures"]
        ),
        form_kwargs=_for_question,
    ),
    OfficerAction(
        "cong-khai",
        "Công khai câu hỏi và trả lời",
        "Công khai",
        PublishForm,
        lambda q: q.status in {S.ANSWERED, S.PRIVATE},
        lambda q, o, f: question_publish(
            question=q,
            officer=o,
            public_title=f.cleaned_data["public_title"],
            public_body=f.cleaned_data["public_body"],
        ),
        help="Nếu cơ quan yêu cầu, câu trả lời chờ lãnh đạo duyệt trước khi hiện với mọi người.",
        form_kwargs=_for_question,
    ),
    OfficerAction(
        "duyet-cong-khai",
        "Duyệt công khai (lãnh đạo)",
        "Duyệt",
        NoFieldsForm,
        lambda q: q.status == S.AWAITING_APPROVAL,
        lambda q, o, f: question_approve_publication(question=q, head=o),
    ),
    OfficerAction(
        "tra-lai",
        "Trả lại, chưa công khai (lãnh đạo)",
        "Trả lại",
        NoteForm,
        lambda q: q.status == S.AWAITING_APPROVAL,
        lambda q, o, f: question_return_for_changes(question=q, head=o, note=f.cleaned_data["note"]),
    ),
    OfficerAction(
        "tra-loi-rieng",
        "Chỉ trả lời riêng (không công khai)",
        "Giữ riêng",
        OptionalNoteForm,
        _may(S.PRIVATE),
        lambda q, o, f: question_keep_private(question=q, officer=o, note=f.cleaned_data["note"]),
    ),
    OfficerAction(
        "hoi-them",
        "Trả lời câu hỏi thêm",
        "Gửi",
        ReplyForm,
        lambda q: _pending_follow_up(q) is not None,
        lambda q, o, f: question_reply_follow_up(
            follow_up=_pending_follow_up(q), officer=o, reply=f.cleaned_data["reply"]
        ),
    ),
    OfficerAction(
        "chuyen",
        "Chuyển cơ quan khác",
        "Chuyển",
        TransferForm,
        lambda q: q.status in OPEN_STATUSES,
        lambda q, o, f: question_transfer(
            question=q, officer=o, agency=f.cleaned_data["agency"], note=f.cleaned_data["note"]
        ),
    ),
    OfficerAction(
        "khong-tra-loi",
        "Không trả lời (spam, ngoài phạm vi)",
        "Không trả lời",
        ReasonForm,
        _may(S.REJECTED),
        lambda q, o, f: question_reject(question=q, officer=o, reason=f.cleaned_data["reason"]),
        danger=True,
    ),
    OfficerAction(
        "ghi-chu",
        "Ghi chú nội bộ",
        "Lưu ghi chú",
        NoteForm,
        lambda q: True,
        lambda q, o, f: question_note_add(question=q, officer=o, note=f.cleaned_data["note"]),
    ),
]
ACTIONS_BY_KEY = {action.key: action for action in ACTIONS}


def asker(question: Question, *, unmasked: bool) -> dict:
    if not question.asker_id:
        return {"text": "Đã xoá tài khoản", "masked": False}
    user = question.asker
    if unmasked:
        return {"text": " · ".join(filter(None, [user.display_name, user.phone or ""])) or "—", "masked": False}
    parts = [mask_name(user.display_name), mask_phone(user.phone) if user.phone else ""]
    return {"text": " · ".join(filter(None, parts)), "masked": True}


def workspace_context(question: Question, user) -> dict:
    now = timezone.now()
    return {
        "question": question,
        "asker": asker(question, unmasked=user.has_perm("qa.view_asker_contact")),
        "due": due_state(question.deadline_at, now, WorkingCalendar.from_database())
        if question.status in OPEN_STATUSES and question.deadline_at
        else None,
        "follow_ups": list(question.follow_ups.all()),
        "history": list(question.history.select_related("actor")),
    }
