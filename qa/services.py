"""Every change to a question (HOUSE_STYLE §3–5): one function per transition, each locking the row, checking the
transition table, writing history and notifying after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from agencies.models import Agency, OfficerMembership, OfficerRole
from agencies.working_time import WorkingCalendar
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import ImageUnreadable, as_upload, clean_photo, sniff_file_type
from citizen_portal.sequences import next_number
from qa.models import (
    AgencyQaSettings,
    FollowUp,
    PendingAttachment,
    Question,
    QuestionCodeSequence,
    QuestionHistory,
    QuestionVote,
    Topic,
)
from qa.workflow import ANSWERED_STATUSES, OPEN_STATUSES, QuestionStatus, can_transition

S = QuestionStatus
ATTACHMENT_TYPES = {"jpeg", "png", "heic", "webp", "pdf"}
MAX_TITLE, MAX_BODY, MIN_BODY = 200, 4000, 10


def _transition(
    question: Question,
    to: str,
    *,
    actor,
    public_text: str = "",
    internal_note: str = "",
    data: dict | None = None,
    changes: Callable[[Question], Iterable[str]] | None = None,
) -> Question:
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not can_transition(locked.status, to):
        raise ApplicationError(
            f"Câu hỏi đang ở trạng thái “{locked.get_status_display()}” nên không thể chuyển sang "
            f"“{QuestionStatus(to).label}”.",
            code="transition_not_allowed",
            status_code=409,
        )
    previous = locked.status
    locked.status = to
    fields = {"status", "updated_at"} | set(changes(locked) if changes else ())
    locked.save(update_fields=sorted(fields))
    QuestionHistory.objects.create(
        question=locked,
        at=timezone.now(),
        actor=actor,
        from_status=previous,
        to_status=to,
        public_text=public_text.strip(),
        internal_note=internal_note.strip(),
        data=data or {},
    )
    return locked


def _ensure_officer_scope(question: Question, officer) -> None:
    if not Question.objects.for_user(officer).filter(pk=question.pk).exists():
        raise ApplicationError("Câu hỏi không thuộc cơ quan của bạn.", code="not_your_agency", status_code=403)


def _ensure_asker(question: Question, user) -> None:
    if not user.is_authenticated or question.asker_id != user.pk:
        raise ApplicationError("Không tìm thấy câu hỏi.", code="not_found", status_code=404)


def _is_head(officer, agency: Agency) -> bool:
    return (
        officer.is_superuser
        or OfficerMembership.objects.filter(user=officer, agency=agency, role=OfficerRole.HEAD).exists()
    )


def _notify_asker_on_commit(question: Question, event: str, context: dict | None = None) -> None:
    question_id, history_count = question.pk, question.history.count()

    def send() -> None:
        from notifications.services import notify

        fresh = Question.objects.select_related("asker", "agency").get(pk=question_id)
        if not fresh.asker_id:
            return
        with transaction.atomic():
            notify(
                recipient=fresh.asker,
                event=event,
                context={
                    "question_code": fresh.code,
                    "question_title": fresh.title,
                    "agency_name": fresh.agency.name,
                    "deadline_at": fresh.deadline_at,
                    "reason": fresh.reject_reason,
                    **(context or {}),
                },
                link=f"/hoi-dap/cua-toi/{fresh.code}/",
                agency=fresh.agency,
                dedupe_key=f"{event}:{fresh.public_id}:{history_count}",
            )

    transaction.on_commit(send)


def _deadline(topic: Topic, start: dt.datetime) -> dt.datetime:
    return WorkingCalendar.from_database().add_working_days(start, topic.deadline_days)


# Citizen.


def clean_attachment(upload: UploadedFile | None):
    """An image is re-encoded (EXIF and location stripped, resized, as field-report photos are); a PDF is kept as
    sent once its content is checked. Anything else, or a file pretending to be one, is refused."""
    if upload is None:
        return None
    if upload.size > settings.QA["MAX_ATTACHMENT_BYTES"]:
        raise ApplicationError("Tệp quá lớn (tối đa 10 MB).", code="attachment_too_large")
    data = upload.read()
    kind = sniff_file_type(data[:2048])
    if kind not in ATTACHMENT_TYPES:
        raise ApplicationError(
            "Tệp không phải ảnh hoặc PDF. Hãy chọn ảnh chụp (JPG, PNG) hoặc tệp PDF.", code="attachment_type"
        )
    name = (upload.name or "tep").rsplit("/", 1)[-1][:150]
    if kind == "pdf":
        return as_upload(data, name), name
    try:
        cleaned = clean_photo(data, kind).data  # pixels only: no EXIF, GPS or camera data survive
    except ImageUnreadable as error:
        raise ApplicationError(
            "Không đọc được ảnh. Hãy chụp lại hoặc chọn ảnh khác.", code="attachment_unreadable"
        ) from error
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return as_upload(cleaned, f"{stem}.jpg"), f"{stem}.jpg"


def attachment_stash(*, owner, upload: UploadedFile) -> PendingAttachment:
    """Check a chosen file and keep it for this person's question (refused files are never stored)."""
    data, name = clean_attachment(upload)
    pending = PendingAttachment(owner=owner, name=name)
    pending.file.save(name, data, save=False)
    pending.save()
    return pending


def pending_attachment(owner, public_id) -> PendingAttachment | None:
    if not public_id or not owner.is_authenticated:
        return None
    try:
        return PendingAttachment.objects.filter(owner=owner, public_id=public_id).first()
    except (ValueError, ValidationError):
        return None


def question_submit(
    *,
    asker,
    topic: Topic,
    title: str,
    body: str,
    agency: Agency | None = None,
    attachment: UploadedFile | None = None,
    kept: PendingAttachment | None = None,
    show_name: bool = False,
    submission_token=None,
) -> Question:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Hãy viết tiêu đề câu hỏi."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Tiêu đề dài quá {MAX_TITLE} ký tự."
    if len(body) < MIN_BODY:
        errors["body"] = "Hãy viết rõ câu hỏi (ít nhất vài từ)."
    elif len(body) > MAX_BODY:
        errors["body"] = f"Câu hỏi dài quá {MAX_BODY} ký tự."
    if not topic.is_active:
        errors["topic"] = "Lĩnh vực này không còn nhận câu hỏi."
    if errors:
        error = ApplicationError("; ".join(errors.values()), code="validation_error")
        error.errors = errors
        raise error
    cleaned = clean_attachment(attachment)  # before anything is written: a bad file saves nothing
    now = timezone.now()
    # A second tap on "Gửi" (or a retry after a dropped connection) carries the same form token: the same question.
    if submission_token is not None:
        same = Question.objects.filter(asker=asker, submission_token=submission_token).first()
        if same is not None:
            return same
    with transaction.atomic():
        number = next_number(QuestionCodeSequence, year=now.year)
        question = Question(
            code=f"HD-{now.year}-{number:06d}",
            asker=asker,
            show_name=show_name,
            submission_token=submission_token,
            topic=topic,
            agency=agency or topic.default_agency,
            title=title,
            body=body,
            submitted_at=now,
            deadline_at=_deadline(topic, now),
        )
        if cleaned:
            question.attachment.save(cleaned[1], cleaned[0], save=False)
            question.attachment_name = cleaned[1]
        elif kept is not None:
            question.attachment.save(kept.name, kept.file, save=False)
            question.attachment_name = kept.name
        question.save()
        if kept is not None and cleaned is None:
            kept.file.delete(save=False)
            kept.delete()
        QuestionHistory.objects.create(question=question, at=now, actor=asker, to_status=S.SUBMITTED)
        _notify_asker_on_commit(question, "question_received")
    return question


@transaction.atomic
def question_follow_up(*, question: Question, asker, text: str) -> FollowUp:
    _ensure_asker(question, asker)
    text = (text or "").strip()
    if len(text) < MIN_BODY:
        raise ApplicationError("Hãy viết rõ điều bạn muốn hỏi thêm.", code="validation_error")
    if question.status not in ANSWERED_STATUSES:
        raise ApplicationError(
            "Câu hỏi chưa được trả lời: hãy chờ câu trả lời trước.", code="not_answered", status_code=409
        )
    with transaction.atomic():
        if question.follow_ups.filter(replied_at__isnull=True).exists():
            raise ApplicationError(
                "Bạn đã hỏi thêm; hãy chờ cơ quan trả lời.", code="follow_up_pending", status_code=409
            )
        follow_up = FollowUp.objects.create(question=question, body=text[:2000])
        QuestionHistory.objects.create(
            question=question,
            at=timezone.now(),
            actor=asker,
            from_status=question.status,
            to_status=question.status,
            public_text=text[:2000],
            data={"follow_up": follow_up.pk},
        )
    return follow_up


def question_vote(*, question: Question, user, helpful: bool) -> Question:
    """One vote per person, changeable; the counts follow."""
    if question.status != S.PUBLISHED and question.asker_id != getattr(user, "pk", None):
        raise ApplicationError("Không tìm thấy câu hỏi.", code="not_found", status_code=404)
    if question.status not in ANSWERED_STATUSES:
        raise ApplicationError("Câu hỏi chưa có câu trả lời để đánh giá.", code="not_answered", status_code=409)
    with transaction.atomic():
        QuestionVote.objects.update_or_create(question=question, user=user, defaults={"helpful": helpful})
        counts = QuestionVote.objects.filter(question=question).aggregate(
            yes=models.Count("pk", filter=models.Q(helpful=True)), no=models.Count("pk", filter=models.Q(helpful=False))
        )
        # updated_at too: the dashboards' helpfulness figures are refreshed from questions changed since their last run.
        Question.objects.filter(pk=question.pk).update(
            helpful_count=counts["yes"], not_helpful_count=counts["no"], updated_at=timezone.now()
        )
    question.refresh_from_db()
    return question


def view_counter(question: Question) -> str:
    return f"qa:{question.pk}"


def question_view_counts_flush() -> int:
    """Move the readers counted in the cache (citizen_portal.public_cache) onto the published questions."""
    from citizen_portal.public_cache import take_view_counts

    flushed = 0
    pks = list(Question.objects.published().values_list("pk", flat=True))
    for start in range(0, len(pks), 1000):
        taken = take_view_counts([f"qa:{pk}" for pk in pks[start : start + 1000]])
        for counter, count in taken.items():
            Question.objects.filter(pk=int(counter.removeprefix("qa:"))).update(
                view_count=models.F("view_count") + count
            )
            flushed += count
    return flushed


# Officers.


@transaction.atomic
def question_assign(*, question: Question, officer, assignee=None) -> Question:
    _ensure_officer_scope(question, officer)
    assignee = assignee or officer
    if (
        not OfficerMembership.objects.filter(
            user=assignee, agency=question.agency_id, role__in=[OfficerRole.OFFICER, OfficerRole.HEAD]
        ).exists()
        and not assignee.is_superuser
    ):
        raise ApplicationError("Người được giao không phải cán bộ của cơ quan trả lời.", code="not_your_agency")

    def changes(locked):
        locked.assignee = assignee
        return ["assignee"]

    return _transition(question, S.ASSIGNED, actor=officer, data={"assignee": assignee.pk}, changes=changes)


@transaction.atomic
def question_answer(*, question: Question, officer, answer: str, procedures=()) -> Question:
    """The answer to the asker, with the procedures it points to (links under it: read, apply online)."""
    _ensure_officer_scope(question, officer)
    answer = (answer or "").strip()
    if len(answer) < MIN_BODY:
        raise ApplicationError("Hãy viết câu trả lời cho người dân.", code="answer_required")

    def changes(locked):
        locked.answer, locked.answered_by, locked.answered_at = answer, officer, timezone.now()
        locked.assignee = locked.assignee or officer
        return ["answer", "answered_by", "answered_at", "assignee"]

    with transaction.atomic():
        answered = _transition(question, S.ANSWERED, actor=officer, public_text=answer, changes=changes)
        answered.procedures.set(procedures)
        _notify_asker_on_commit(answered, "question_answered")
    return answered


def _public_version(locked: Question, public_title: str, public_body: str) -> list[str]:
    locked.public_title = (public_title or locked.public_title or locked.title).strip()[:MAX_TITLE]
    locked.public_body = (public_body or locked.public_body or locked.body).strip()[:MAX_BODY]
    return ["public_title", "public_body"]


@transaction.atomic
def question_publish(*, question: Question, officer, public_title: str = "", public_body: str = "") -> Question:
    """Show the answer to everyone with the public version of the question. Where the agency wants its head to
    approve, an officer's request waits for the head; a head publishes at once."""
    _ensure_officer_scope(question, officer)
    approval = AgencyQaSettings.objects.filter(agency=question.agency_id, head_approves_publication=True).exists()
    to = S.AWAITING_APPROVAL if approval and not _is_head(officer, question.agency) else S.PUBLISHED

    def changes(locked):
        fields = _public_version(locked, public_title, public_body)
        if to == S.PUBLISHED:
            locked.published_at = timezone.now()
            fields.append("published_at")
        return fields

    return _transition(question, to, actor=officer, changes=changes)


@transaction.atomic
def question_approve_publication(*, question: Question, head) -> Question:
    _ensure_officer_scope(question, head)
    if not _is_head(head, question.agency):
        raise ApplicationError("Chỉ lãnh đạo cơ quan duyệt công khai.", code="head_only", status_code=403)

    def changes(locked):
        locked.published_at = timezone.now()
        return ["published_at"]

    return _transition(question, S.PUBLISHED, actor=head, changes=changes)


@transaction.atomic
def question_return_for_changes(*, question: Question, head, note: str) -> Question:
    _ensure_officer_scope(question, head)
    if not _is_head(head, question.agency):
        raise ApplicationError("Chỉ lãnh đạo cơ quan duyệt công khai.", code="head_only", status_code=403)
    return _transition(question, S.ANSWERED, actor=head, internal_note=note)


@transaction.atomic
def question_keep_private(*, question: Question, officer, note: str = "") -> Question:
    _ensure_officer_scope(question, officer)

    def changes(locked):
        locked.published_at = None
        return ["published_at"]

    return _transition(question, S.PRIVATE, actor=officer, internal_note=note, changes=changes)


@transaction.atomic
def question_reject(*, question: Question, officer, reason: str) -> Question:
    _ensure_officer_scope(question, officer)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Hãy ghi lý do không trả lời để người hỏi biết.", code="reason_required")

    def changes(locked):
        locked.reject_reason = reason
        return ["reject_reason"]

    with transaction.atomic():
        rejected = _transition(question, S.REJECTED, actor=officer, public_text=reason, changes=changes)
        _notify_asker_on_commit(rejected, "question_rejected")
    return rejected


@transaction.atomic
def question_transfer(*, question: Question, officer, agency: Agency, note: str) -> Question:
    _ensure_officer_scope(question, officer)
    if agency.pk == question.agency_id:
        raise ApplicationError("Câu hỏi đã thuộc cơ quan này.", code="same_agency")
    if not (note or "").strip():
        raise ApplicationError("Hãy ghi lý do chuyển để cơ quan nhận hiểu.", code="reason_required")

    def changes(locked):
        locked.agency, locked.assignee = agency, None
        locked.submitted_at = timezone.now()
        locked.deadline_at = _deadline(locked.topic, locked.submitted_at)
        locked.reminded_at = locked.escalated_at = None
        return ["agency", "assignee", "submitted_at", "deadline_at", "reminded_at", "escalated_at"]

    with transaction.atomic():
        moved = _transition(
            question,
            S.SUBMITTED,
            actor=officer,
            internal_note=note,
            data={"from": question.agency_id, "to": agency.pk},
            changes=changes,
        )
        _notify_asker_on_commit(moved, "question_transferred")
    return moved


@transaction.atomic
def question_reply_follow_up(*, follow_up: FollowUp, officer, reply: str) -> FollowUp:
    _ensure_officer_scope(follow_up.question, officer)
    reply = (reply or "").strip()
    if len(reply) < MIN_BODY:
        raise ApplicationError("Hãy viết câu trả lời.", code="answer_required")
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.replied_at:
            raise ApplicationError("Câu hỏi thêm này đã được trả lời.", code="already_answered", status_code=409)
        locked.reply, locked.replied_by, locked.replied_at = reply, officer, timezone.now()
        locked.save(update_fields=["reply", "replied_by", "replied_at"])
        question = locked.question
        QuestionHistory.objects.create(
            question=question,
            at=locked.replied_at,
            actor=officer,
            from_status=question.status,
            to_status=question.status,
            public_text=reply,
            data={"follow_up": locked.pk},
        )
        _notify_asker_on_commit(question, "question_answered")
    return locked


@transaction.atomic
def question_note_add(*, question: Question, officer, note: str) -> QuestionHistory:
    _ensure_officer_scope(question, officer)
    return QuestionHistory.objects.create(
        question=question,
        at=timezone.now(),
        actor=officer,
        from_status=question.status,
        to_status=question.status,
        internal_note=note.strip(),
    )


# Deadlines.


def _tell_officers(question: Question, *, event: str, agency: Agency, roles) -> None:
    from notifications.services import notify

    for membership in OfficerMembership.objects.filter(agency=agency, role__in=roles).select_related("user"):
        notify(
            recipient=membership.user,
            event=event,
            context={
                "question_code": question.code,
                "question_title": question.title,
                "deadline_at": question.deadline_at,
                "agency_name": question.agency.name,
            },
            link=f"/admin/qa/question/{question.pk}/change/",
            agency=agency,
            dedupe_key=f"{event}:{question.pk}:{membership.user_id}:{question.deadline_at:%Y%m%d%H%M}",
        )


def questions_remind_and_escalate(*, now: dt.datetime | None = None) -> dict[str, int]:
    """A working day before the deadline the agency is reminded; past it, the heads above are told. Each question
    is claimed with a conditional update, so it happens once."""
    now = now or timezone.now()
    soon = WorkingCalendar.from_database().add_working_days(now, 1)
    counts = {"reminded": 0, "escalated": 0}
    open_ = Question.objects.filter(status__in=sorted(OPEN_STATUSES))
    for question in open_.filter(deadline_at__gt=now, deadline_at__lte=soon, reminded_at__isnull=True).select_related(
        "agency"
    ):
        if Question.objects.filter(pk=question.pk, reminded_at__isnull=True).update(reminded_at=now):
            with transaction.atomic():
                _tell_officers(
                    question,
                    event="officer_question_reminder",
                    agency=question.agency,
                    roles=[OfficerRole.OFFICER, OfficerRole.HEAD],
                )
            counts["reminded"] += 1
    for question in open_.filter(deadline_at__lte=now, escalated_at__isnull=True).select_related("agency__parent"):
        if Question.objects.filter(pk=question.pk, escalated_at__isnull=True).update(escalated_at=now):
            above = question.agency.parent or question.agency
            with transaction.atomic():
                _tell_officers(question, event="officer_question_escalated", agency=above, roles=[OfficerRole.HEAD])
                QuestionHistory.objects.create(
                    question=question,
                    at=now,
                    from_status=question.status,
                    to_status=question.status,
                    internal_note=f"Quá hạn: đã báo lãnh đạo {above.name}.",
                    data={"escalated_to": above.pk},
                )
            counts["escalated"] += 1
    return counts


def pending_attachments_purge(*, now: dt.datetime | None = None, hours: int = 24) -> int:
    """Files kept for a question that was never sent go after a day (with their stored bytes)."""
    cutoff = (now or timezone.now()) - dt.timedelta(hours=hours)
    purged = 0
    for pending in PendingAttachment.objects.filter(created_at__lt=cutoff):
        pending.file.delete(save=False)
        pending.delete()
        purged += 1
    return purged


# Personal data.


def asker_erase(user) -> int:
    """Account deletion: published answers stay for everyone (their public version carries no name once the link
    is gone); the question's private text and attachment go with the person."""
    touched = 0
    for question in Question.objects.filter(asker=user):
        if question.attachment:
            question.attachment.delete(save=False)
        if question.status == S.PUBLISHED:
            Question.objects.filter(pk=question.pk).update(
                asker=None, show_name=False, body="", attachment="", attachment_name="", title=question.shown_title
            )
        else:
            Question.objects.filter(pk=question.pk).update(
                asker=None, show_name=False, body="(đã xoá theo yêu cầu)", attachment="", attachment_name=""
            )
        touched += 1
    QuestionVote.objects.filter(user=user).delete()
    return touched
