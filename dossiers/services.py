"""Every write of the dossier module. Each transition is one function and always takes the same steps
(HOUSE_STYLE §5): transaction → row lock → allowed? → save with update_fields → history row → effects after commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.files import ImageTooLarge, ImageUnreadable, as_upload, normalise_image, sniff_file_type
from citizen_portal.links import citizen_link
from citizen_portal.sequences import next_number
from citizen_portal.text import format_vnd
from dossiers import fees
from dossiers.forms_schema import validate_answers
from dossiers.models import (
    AttachmentKind,
    Dossier,
    DossierAttachment,
    DossierCodeSequence,
    DossierHistory,
    DossierPause,
    DossierSlip,
    DurationUnit,
    FeeTiming,
    Procedure,
    ProcedureCase,
    ProcessingStep,
    SupplementRequest,
)
from dossiers.workflow import PAUSED_STATUSES, DossierStatus, can_transition
from identity.models import IdentityLevel

S = DossierStatus


# Deadlines.


def due_after(case: ProcedureCase | dict, start: dt.datetime, calendar: WorkingCalendar) -> dt.datetime:
    """When a dossier whose clock starts at `start` is due, by the case's processing time."""
    unit = case["duration_unit"] if isinstance(case, dict) else case.duration_unit
    amount = Decimal(str(case["duration"] if isinstance(case, dict) else case.duration))
    if unit == DurationUnit.WORKING_DAYS:
        return calendar.add_working_days(start, float(amount))
    if unit == DurationUnit.WORKING_HOURS:
        return calendar.add_working_hours(start, float(amount))
    if unit == DurationUnit.CALENDAR_DAYS:
        return calendar.add_calendar_days(start, int(amount))
    # Within the day: by the close of the working day the clock started on.
    opening = calendar.next_opening(start)
    _, close = calendar.windows[-1]
    return dt.datetime.combine(opening.date(), close, tzinfo=calendar.timezone)


def _start_clock(dossier: Dossier, moment: dt.datetime, calendar: WorkingCalendar) -> None:
    """(Re)start the processing clock at `moment`: outside office hours it starts at the next opening."""
    dossier.clock_started_at = calendar.next_opening(moment)
    dossier.due_at = due_after(dossier.procedure_snapshot["case"], dossier.clock_started_at, calendar)
    dossier.rescheduled_due_at = None


# The one transition step every service uses.


def _transition(
    dossier: Dossier,
    to: str,
    *,
    actor,
    note: str = "",
    data: dict | None = None,
    check=None,
    changes=None,
) -> Dossier:
    """Lock, check, change, record. `check(locked)` may refuse; `changes(locked)` sets fields and returns their
    names. Must run inside `transaction.atomic()`."""
    # Lock only the dossier row (not the agency joined in): transitions of other dossiers must not wait.
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "receiving_agency")
        .get(pk=dossier.pk)
    )
    if not can_transition(locked.status, to):
        raise ApplicationError(
            f"Hồ sơ đang ở trạng thái \u201c{locked.get_status_display()}\u201d nên không thể chuyển sang "
            f"\u201c{DossierStatus(to).label}\u201d.",
            code="transition_not_allowed",
            status_code=409,
        )
    if check is not None:
        check(locked)
    previous = locked.status
    now = timezone.now()
    # Leaving a paused state closes the pause; entering one opens it.
    if previous in PAUSED_STATUSES:
        DossierPause.objects.filter(dossier=locked, ended_at__isnull=True).update(ended_at=now)
    if to in PAUSED_STATUSES:
        DossierPause.objects.create(dossier=locked, reason=to, started_at=now)
    locked.status = to
    fields = {"status", "updated_at"} | set(changes(locked) if changes else ())
    locked.save(update_fields=sorted(fields))
    DossierHistory.objects.create(
        dossier=locked, actor=actor, from_status=previous, to_status=to, note=note, data=data or {}
    )
    return locked


def _ensure_officer_scope(dossier: Dossier, officer) -> None:
    if not Dossier.objects.for_user(officer).filter(pk=dossier.pk).exists():
        raise ApplicationError("Hồ sơ không thuộc cơ quan của bạn.", code="not_your_agency", status_code=403)


def _ensure_owner(dossier: Dossier, citizen) -> None:
    if dossier.citizen_id != citizen.pk:
        raise ApplicationError("Không tìm thấy hồ sơ.", code="not_found", status_code=404)


def _notify_citizen(dossier: Dossier, event: str, context: dict, slip: DossierSlip | None = None) -> None:
    """Tell the citizen; a slip goes along as a PDF attachment (e-mail) and as a link (every other channel)."""
    from notifications.services import notify

    if dossier.citizen_id is None:
        return
    attachments = []
    if slip is not None:
        slip_url = reverse("dossiers:slip", args=[slip.public_id])
        context = {
            **context,
            "slip_link": citizen_link(slip_url),
            "slip_name": slip.get_form_display(),
        }
        attachments = [{"filename": slip.download_name, "path": slip.file.name, "content_type": "application/pdf"}]
    notify(
        recipient=dossier.citizen,
        event=event,
        context={
            "dossier_code": dossier.code or "",
            "procedure_name": dossier.procedure.name,
            "agency_name": dossier.receiving_agency.name,
            **context,
        },
        link=f"/ho-so/cua-toi/{dossier.public_id}/",
        agency=dossier.receiving_agency,
        dedupe_key=f"{event}:{dossier.public_id}:{dossier.history.count()}",
        attachments=attachments,
    )


def _notify_on_commit(dossier: Dossier, event: str, context: dict, slip: DossierSlip | None = None) -> None:
    """Notify once the transition has committed, so a rolled-back change never reaches the citizen."""
    dossier_id, slip_id = dossier.pk, slip.pk if slip else None

    def send() -> None:
        with transaction.atomic():
            _notify_citizen(
                Dossier.objects.select_related("procedure", "receiving_agency", "citizen").get(pk=dossier_id),
                event,
                context,
                DossierSlip.objects.get(pk=slip_id) if slip_id else None,
            )

    transaction.on_commit(send)


# Citizen: draft, answers, files, submission.


def _snapshot(procedure: Procedure, case: ProcedureCase) -> dict:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "version": procedure.version,
        "fee_amount": procedure.fee_amount,
        "result_type": procedure.result_type,
        "case": {"name": case.name, "duration": str(case.duration), "duration_unit": case.duration_unit},
        "documents": [
            {"key": d.key, "name": d.name, "required": d.required, "accepted_types": d.accepted_types}
            for d in case.documents.all()
        ],
        "fields": [
            {
                "key": f.key,
                "label": f.label,
                "type": f.type,
                "required": f.required,
                "choices": f.choices,
                "section": f.section,
                "prefill": f.prefill,
            }
            for f in procedure.form_fields.all()
        ],
    }


def _prefill(citizen, procedure: Procedure) -> dict:
    from identity.models import CitizenProfile

    profile = CitizenProfile.objects.filter(user=citizen).first()
    known = {
        "full_name": (profile.verified_full_name if profile else "") or citizen.full_name,
        "date_of_birth": profile.date_of_birth.isoformat() if profile and profile.date_of_birth else "",
        "citizen_id": (profile.citizen_id if profile else "") or "",
        "address": profile.address if profile else "",
        "phone": citizen.phone or "",
    }
    return {f.key: known[f.prefill] for f in procedure.form_fields.all() if f.prefill in known and known[f.prefill]}


@transaction.atomic
def dossier_draft_start(*, citizen, procedure: Procedure, case: ProcedureCase, agency: Agency) -> Dossier:
    """Open a draft; personal fields come prefilled from the verified identity."""
    if not procedure.accepts_online:
        raise ApplicationError("Thủ tục này chưa nhận hồ sơ trực tuyến.", code="procedure_not_online")
    if case.procedure_id != procedure.pk:
        raise ApplicationError("Trường hợp không thuộc thủ tục này.", code="case_mismatch")
    if (
        procedure.agency_id
        and agency.pk != procedure.agency_id
        or (not procedure.agency_id and agency.kind != procedure.agency_kind)
    ):
        raise ApplicationError("Cơ quan này không tiếp nhận thủ tục đã chọn.", code="agency_mismatch")
    return Dossier.objects.create(
        citizen=citizen,
        procedure=procedure,
        case=case,
        procedure_version=procedure.version,
        procedure_snapshot=_snapshot(procedure, case),
        receiving_agency=agency,
        answers=_prefill(citizen, procedure),
        fee_amount=procedure.fee_amount,
    )


VERIFIED_CLAIMS = ("full_name", "date_of_birth", "citizen_id")
IDENTITY_LOCKED = "Lấy từ danh tính đã xác thực (Tây Ninh ID), không sửa ở đây. Nếu sai, vui lòng báo bộ phận một cửa."


def verified_answers(citizen, fields: list[dict]) -> dict:
    """The answers a level-2 citizen cannot change: their verified name, date of birth and CCCD, for the fields
    that ask for them. A declaration is made under the identity that was verified, not another person's."""
    from identity.models import CitizenProfile

    if citizen.current_identity_level() < IdentityLevel.VERIFIED:
        return {}
    profile = CitizenProfile.objects.filter(user=citizen).first()
    if profile is None:
        return {}
    known = {
        "full_name": profile.verified_full_name,
        "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else "",
        "citizen_id": profile.citizen_id or "",
    }
    claims = {f["key"]: _claim_of(f) for f in fields}
    return {key: known[claim] for key, claim in claims.items() if claim and known[claim]}


def _claim_of(field: dict) -> str | None:
    # Snapshots before the prefill was recorded name these fields after the claim itself.
    claim = field.get("prefill") or field["key"]
    return claim if claim in VERIFIED_CLAIMS else None


def dossier_draft_save(*, dossier: Dossier, citizen, answers: dict, section: str | None = None) -> Dossier:
    """Keep the answers of one section (or all). The good answers are saved even when another one is wrong, so a
    mistyped CCCD never costs the name and date typed beside it; the wrong ones are then reported all at once.
    A level-2 citizen's verified name, date of birth and CCCD stay as verified."""
    _ensure_owner(dossier, citizen)
    fields = [f for f in dossier.procedure_snapshot["fields"] if section is None or f["section"] == section]
    locked_answers = verified_answers(citizen, fields)
    answers = dict(answers)
    problems: dict = {}
    for key, verified in locked_answers.items():
        given = answers.get(key)
        if given not in (None, "") and str(given).strip() != str(verified):
            problems[key] = [IDENTITY_LOCKED]
        answers[key] = verified
    try:
        cleaned = validate_answers(fields, answers, require_all=False)
    except ValidationError as error:
        problems = {**error.message_dict, **problems}
        good = {f["key"]: answers[f["key"]] for f in fields if f["key"] in answers and f["key"] not in problems}
        cleaned = validate_answers([f for f in fields if f["key"] in good], good, require_all=False)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status != S.DRAFT:
            raise ApplicationError("Hồ sơ đã nộp, không sửa được nữa.", code="not_a_draft", status_code=409)
        locked.answers = {**locked.answers, **cleaned}
        locked.save(update_fields=["answers", "updated_at"])
    if problems:
        raise serializers.ValidationError(problems)
    return locked


@transaction.atomic
def dossier_draft_delete(*, dossier: Dossier, citizen) -> None:
    """A draft the citizen no longer wants, with its files; a submitted dossier is withdrawn instead."""
    _ensure_owner(dossier, citizen)
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.status != S.DRAFT:
        raise ApplicationError(
            "Hồ sơ đã nộp không xoá được; bạn có thể rút hồ sơ.", code="not_a_draft", status_code=409
        )
    files = [a.file for a in locked.attachments.all()]
    locked.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def attachment_add(
    *, dossier: Dossier, user, document_key: str, upload: UploadedFile, kind: str = AttachmentKind.CITIZEN
) -> DossierAttachment:
    """Store one file after checking what it really is (its content, not its name); photos are converted and
    scaled down. All or nothing: a refused file leaves nothing behind."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError("Tệp lớn quá 10 MB. Vui lòng chụp lại hoặc chọn tệp nhỏ hơn.", code="file_too_large")
    data = upload.read()
    detected = sniff_file_type(data[:4096])
    accepted = {"pdf", "jpeg", "png"}
    if kind == AttachmentKind.CITIZEN:
        document = next((d for d in dossier.procedure_snapshot["documents"] if d["key"] == document_key), None)
        if document is None:
            raise ApplicationError("Giấy tờ này không có trong danh sách cần nộp.", code="unknown_document")
        accepted = set(document["accepted_types"] or accepted)
    if detected == "heic" and "jpeg" in accepted:
        pass  # iPhone photos: converted to JPEG below
    elif detected not in accepted:
        raise ApplicationError(
            "Tệp không đúng định dạng (chỉ nhận " + ", ".join(sorted(t.upper() for t in accepted)) + "). "
            "Tệp đã bị từ chối, chưa lưu gì.",
            code="file_type_refused",
        )
    name = upload.name[:200]
    if detected in ("jpeg", "png", "heic"):
        try:
            data, detected, name = normalise_image(data, detected, name)
        except ImageTooLarge as error:
            raise ApplicationError(
                "Ảnh quá lớn (quá 60 triệu điểm ảnh). Vui lòng chụp lại bằng máy ảnh điện thoại. Chưa lưu gì.",
                code="image_too_large",
            ) from error
        except ImageUnreadable as error:
            raise ApplicationError(
                "Không đọc được ảnh (tệp có thể bị hỏng). Vui lòng chụp lại. Chưa lưu gì.", code="image_unreadable"
            ) from error
    upload = as_upload(data, name)
    digest = hashlib.sha256(data)
    with transaction.atomic():
        return DossierAttachment.objects.create(
            dossier=dossier,
            document_key=document_key,
            kind=kind,
            file=upload,
            original_name=name[:255],
            content_type={"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[detected],
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_by=user,
        )


@dataclass(frozen=True)
class Gap:
    """One thing missing before submission, and where to fix it: a question (field_key) or a paper (document_key)."""

    text: str
    field_key: str = ""
    document_key: str = ""


def submission_gaps(dossier: Dossier) -> list[Gap]:
    """Everything still missing, in plain words, all at once, in the order of the pages."""
    gaps = []
    try:
        validate_answers(dossier.procedure_snapshot["fields"], dossier.answers, require_all=True)
    except ValidationError as error:
        problems = error.message_dict
        gaps += [
            Gap(f"{f['label']}: {message}", field_key=f["key"])
            for f in dossier.procedure_snapshot["fields"]
            for message in problems.get(f["key"], [])
        ]
    attached = set(dossier.attachments.filter(kind=AttachmentKind.CITIZEN).values_list("document_key", flat=True))
    gaps += [
        Gap(f"Thiếu giấy tờ: {d['name']}", document_key=d["key"])
        for d in dossier.procedure_snapshot["documents"]
        if d["required"] and d["key"] not in attached
    ]
    return gaps


def missing_for_submission(dossier: Dossier) -> list[str]:
    return [gap.text for gap in submission_gaps(dossier)]


def dossier_submit(*, dossier: Dossier, citizen, submission_token: uuid.UUID) -> Dossier:
    """Send the draft to the one-stop shop. The same token twice (a double tap) returns the same dossier."""
    _ensure_owner(dossier, citizen)
    # A token is the citizen's own: another citizen's token (replayed or guessed) finds nothing here.
    already = Dossier.objects.filter(submission_token=submission_token).first()
    if already is not None and already.citizen_id == citizen.pk and already.pk == dossier.pk:
        return already
    if already is not None:
        raise ApplicationError(
            "Trang đã cũ, vui lòng mở lại trang kiểm tra và bấm nộp.", code="submission_token_used", status_code=409
        )
    dossier = Dossier.objects.get(pk=dossier.pk)  # judge what is saved, not a stale copy
    if citizen.current_identity_level() < IdentityLevel.VERIFIED:
        raise ApplicationError(
            "Nộp hồ sơ cần xác thực danh tính mức 2.", code="identity_level_required", status_code=403
        )
    problems = missing_for_submission(dossier)
    if problems:
        raise ApplicationError("Hồ sơ chưa đủ: " + "; ".join(problems), code="dossier_incomplete")
    verified = verified_answers(citizen, dossier.procedure_snapshot["fields"])
    if any(str(dossier.answers.get(key, "")) != str(value) for key, value in verified.items()):
        raise ApplicationError(
            "Họ tên, ngày sinh hoặc số CCCD khác với danh tính đã xác thực. " + IDENTITY_LOCKED,
            code="identity_mismatch",
        )

    def changes(locked):
        locked.submission_token = submission_token
        locked.submitted_at = timezone.now()
        locked.ward_id = _declared_ward(locked)
        # For the service index: the papers arrived as files; some were reused from an earlier dossier.
        locked.digitised = locked.attachments.filter(
            kind__in=[AttachmentKind.CITIZEN, AttachmentKind.SUPPLEMENT]
        ).exists()
        locked.reused_documents = locked.history.filter(data__has_key="reused_from").exists()
        return ["submission_token", "submitted_at", "ward", "digitised", "reused_documents"]

    try:
        with transaction.atomic():
            submitted = _transition(dossier, S.SUBMITTED, actor=citizen, changes=changes)
            _declaration_attach(submitted)
            if submitted.fee_amount and submitted.procedure.fee_timing == FeeTiming.ON_SUBMIT:
                fees.fee_invoice_open(submitted, amount=submitted.fee_amount, actor=citizen)
            return submitted
    except IntegrityError:  # the same token raced in: the other request (the same tap, twice) created it
        return Dossier.objects.get(submission_token=submission_token, citizen=citizen, pk=dossier.pk)


def _declared_ward(dossier: Dossier) -> int | None:
    """The ward the matter is in: the first ward the citizen declared, else the receiving agency's."""
    from agencies.models import Ward

    for field in dossier.procedure_snapshot["fields"]:
        code = dossier.answers.get(field["key"]) if field["type"] == "ward" else None
        if code and str(code).isdigit() and Ward.objects.filter(pk=int(code)).exists():
            return int(code)
    return dossier.receiving_agency.ward_id


def _declaration_attach(dossier: Dossier) -> DossierAttachment:
    """The declaration PDF, written from the answers, kept with the dossier exactly as submitted."""
    from django.core.files.base import ContentFile

    from dossiers.slips import render_declaration

    pdf = render_declaration(dossier)
    return DossierAttachment.objects.create(
        dossier=dossier,
        kind=AttachmentKind.DECLARATION,
        file=ContentFile(pdf, name="to-khai.pdf"),
        original_name="to-khai.pdf",
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        uploaded_by=dossier.citizen,
    )


# Slips.


def slip_issue(*, dossier: Dossier, form: str, items: list[str] | None = None, reason: str = "") -> DossierSlip:
    """Number, render and store a slip (forms 01–04). Runs inside the transition's transaction: all or nothing."""
    from django.core.files.base import ContentFile

    from dossiers.slips import render_slip, slip_lines

    last = (
        DossierSlip.objects.select_for_update()
        .filter(agency=dossier.receiving_agency, form=form)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    number = (last or 0) + 1
    pdf = render_slip(dossier, form, number=number, lines=slip_lines(dossier, form, items=items, reason=reason))
    slip = DossierSlip(dossier=dossier, agency=dossier.receiving_agency, form=form, number=number)
    slip.file.save(slip.download_name, ContentFile(pdf), save=False)
    slip.save()
    return slip


# One-stop shop: reception.


def _allocate_code(agency: Agency, day: dt.date) -> str:
    """The next <agency>-YYMMDD-NNNN; the row lock serialises concurrent receipts, so no gaps and no duplicates."""
    return f"{agency.identifier}-{day:%y%m%d}-{next_number(DossierCodeSequence, agency=agency, day=day):04d}"


@transaction.atomic
def dossier_receive(*, dossier: Dossier, officer, now: dt.datetime | None = None) -> Dossier:
    """Receive at the one-stop desk: issue the code and the appointment date (form 01)."""
    _ensure_officer_scope(dossier, officer)
    now = now or timezone.now()
    calendar = WorkingCalendar.from_database()

    def changes(locked):
        locked.code = _allocate_code(locked.receiving_agency, timezone.localtime(now).date())
        locked.received_at = now
        _start_clock(locked, now, calendar)
        return ["code", "received_at", "clock_started_at", "due_at", "rescheduled_due_at"]

    received = _transition(dossier, S.RECEIVED, actor=officer, changes=changes)
    slip = slip_issue(dossier=received, form=DossierSlip.Form.RECEIPT)
    _notify_on_commit(received, "dossier_received", {"due_at": received.due_at}, slip)
    return received


@transaction.atomic
def dossier_refuse(*, dossier: Dossier, officer, reason: str) -> Dossier:
    """Refuse at reception (form 03), always with the reason."""
    _ensure_officer_scope(dossier, officer)
    if not reason.strip():
        raise ApplicationError("Cần ghi rõ lý do từ chối.", code="reason_required")
    refused = _transition(dossier, S.REFUSED, actor=officer, note=reason.strip())
    fees.fee_invoices_cancel(refused, actor=officer, reason="Hồ sơ không được tiếp nhận")
    slip = slip_issue(dossier=refused, form=DossierSlip.Form.REFUSAL, reason=reason.strip())
    _notify_on_commit(refused, "dossier_refused", {"reason": reason.strip()}, slip)
    return refused


@transaction.atomic
def dossier_request_supplement(*, dossier: Dossier, officer, items: list[str], now=None) -> Dossier:
    """Ask for everything missing at once (form 02); within 3 working days of receipt."""
    _ensure_officer_scope(dossier, officer)
    items = [item.strip() for item in items if item and item.strip()]
    if not items:
        raise ApplicationError("Cần liệt kê đầy đủ những điểm cần bổ sung.", code="items_required")
    now = now or timezone.now()

    def check(locked):
        if locked.received_at:
            calendar = WorkingCalendar.from_database()
            limit = calendar.add_working_days(calendar.next_opening(locked.received_at), 3)
            if now > limit:
                raise ApplicationError(
                    "Đã quá 3 ngày làm việc kể từ khi tiếp nhận, không được yêu cầu bổ sung nữa.",
                    code="supplement_too_late",
                )

    def changes(locked):
        locked.supplement_count += 1
        return ["supplement_count"]

    locked = _transition(
        dossier,
        S.SUPPLEMENT_REQUESTED,
        actor=officer,
        note="\n".join(items),
        data={"items": items},
        check=check,
        changes=changes,
    )
    SupplementRequest.objects.create(dossier=locked, items=items, requested_by=officer)
    slip = slip_issue(dossier=locked, form=DossierSlip.Form.SUPPLEMENT, items=items)
    _notify_on_commit(locked, "dossier_supplement_requested", {"problems": items}, slip)
    return locked


@transaction.atomic
def dossier_supplement_answer(*, dossier: Dossier, citizen, now=None) -> Dossier:
    """The citizen has fixed everything asked. A received dossier's clock restarts from zero."""
    _ensure_owner(dossier, citizen)
    now = now or timezone.now()
    request = dossier.open_supplement
    target = S.PROCESSING if dossier.received_at else S.SUBMITTED

    def asked(locked):
        # Only an answer to a supplement the office asked for: never a way to skip a fee or a reschedule.
        if locked.status != S.SUPPLEMENT_REQUESTED or request is None:
            raise ApplicationError(
                "Cơ quan chưa yêu cầu bổ sung hồ sơ này.", code="supplement_not_requested", status_code=409
            )

    def changes(locked):
        if locked.received_at:
            _start_clock(locked, now, WorkingCalendar.from_database())
            return ["clock_started_at", "due_at", "rescheduled_due_at"]
        return []

    locked = _transition(dossier, target, actor=citizen, check=asked, changes=changes)
    if request:
        request.answered_at = now
        request.save(update_fields=["answered_at"])
    return locked


@transaction.atomic
def dossier_start_processing(*, dossier: Dossier, officer) -> Dossier:
    _ensure_officer_scope(dossier, officer)
    return _transition(dossier, S.PROCESSING, actor=officer)


@transaction.atomic
def dossier_request_fee(*, dossier: Dossier, officer, amount: int) -> Dossier:
    _ensure_officer_scope(dossier, officer)
    if amount <= 0:
        raise ApplicationError("Số tiền phải lớn hơn 0.", code="amount_invalid")

    def changes(locked):
        locked.fee_amount = amount
        return ["fee_amount"]

    awaiting = _transition(dossier, S.AWAITING_FEE, actor=officer, data={"amount": amount}, changes=changes)
    fees.fee_invoice_open(awaiting, amount=amount, actor=officer)
    _notify_on_commit(awaiting, "dossier_fee_requested", {"amount": amount, "amount_text": format_vnd(amount)})
    return awaiting


@transaction.atomic
def dossier_mark_done(
    *,
    dossier: Dossier,
    officer,
    electronic_result: bool = False,
    results: list[UploadedFile] | tuple = (),
    public_note: str = "",
    now=None,
) -> Dossier:
    """Processing is finished. Result files (if any) are stored in the same transaction, so a refused transition
    keeps none of them; the public note reaches the citizen with the news."""
    _ensure_officer_scope(dossier, officer)
    now = now or timezone.now()
    for upload in results:
        attachment_add(dossier=dossier, user=officer, document_key="", upload=upload, kind=AttachmentKind.RESULT)
    electronic_result = electronic_result or bool(results)
    public_note = public_note.strip()

    def check(locked):
        if electronic_result and not locked.attachments.filter(kind=AttachmentKind.RESULT).exists():
            raise ApplicationError("Cần tải lên tệp kết quả điện tử trước.", code="result_missing")

    def changes(locked):
        locked.finished_at = now
        locked.electronic_result = electronic_result
        return ["finished_at", "electronic_result"]

    done = _transition(dossier, S.DONE, actor=officer, note=public_note, check=check, changes=changes)
    _notify_on_commit(done, "dossier_result_ready", {"electronic": electronic_result, "public_note": public_note})
    return done


@transaction.atomic
def dossier_return_result(*, dossier: Dossier, officer, now=None) -> Dossier:
    _ensure_officer_scope(dossier, officer)

    def changes(locked):
        locked.returned_at = now or timezone.now()
        return ["returned_at"]

    return _transition(dossier, S.RETURNED, actor=officer, changes=changes)


@transaction.atomic
def dossier_stop(*, dossier: Dossier, officer, reason: str) -> Dossier:
    _ensure_officer_scope(dossier, officer)
    if not reason.strip():
        raise ApplicationError("Cần ghi rõ lý do dừng xử lý.", code="reason_required")
    stopped = _transition(dossier, S.STOPPED, actor=officer, note=reason.strip())
    fees.fee_invoices_cancel(stopped, actor=officer, reason="Hồ sơ dừng xử lý")
    return stopped


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, citizen, reason: str = "") -> Dossier:
    _ensure_owner(dossier, citizen)
    withdrawn = _transition(dossier, S.WITHDRAWN, actor=citizen, note=reason.strip())
    fees.fee_invoices_cancel(withdrawn, actor=citizen, reason="Công dân rút hồ sơ")
    return withdrawn


@transaction.atomic
def dossier_fee_paid(*, dossier: Dossier, invoice) -> Dossier:
    """The fee arrived online (called by payments when the invoice is paid): the dossier leaves "awaiting fee"."""
    note = f"Đã nộp phí, lệ phí {format_vnd(invoice.amount)} trực tuyến"

    def changes(locked):
        locked.paid_online = True
        return ["paid_online"]

    locked = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    if locked.status == S.AWAITING_FEE:
        return _transition(locked, S.PROCESSING, actor=None, note=note, data={"invoice": invoice.code}, changes=changes)
    locked.paid_online = True
    locked.save(update_fields=["paid_online", "updated_at"])
    DossierHistory.objects.create(
        dossier=locked,
        actor=None,
        from_status=locked.status,
        to_status=locked.status,
        note=note,
        data={"invoice": invoice.code},
    )
    return locked


@transaction.atomic
def dossier_reschedule(*, dossier: Dossier, officer, new_due_at: dt.datetime, reason: str, now=None) -> Dossier:
    """The apology and new appointment (form 04): once per dossier, at least one working day before the due date."""
    _ensure_officer_scope(dossier, officer)
    now = now or timezone.now()
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.status not in (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_FEE):
        raise ApplicationError("Hồ sơ không còn trong thời gian xử lý.", code="not_in_progress", status_code=409)
    if locked.rescheduled_due_at is not None or locked.history.filter(data__has_key="rescheduled_to").exists():
        raise ApplicationError(
            "Hồ sơ đã được hẹn lại một lần; không được hẹn lại lần nữa.", code="already_rescheduled", status_code=409
        )
    if not reason.strip():
        raise ApplicationError("Văn bản xin lỗi cần nêu lý do chậm.", code="reason_required")
    calendar = WorkingCalendar.from_database()
    if calendar.working_time_between(now, locked.due_at) < calendar.working_day_length:
        raise ApplicationError(
            "Phải gửi văn bản xin lỗi và hẹn lại chậm nhất 1 ngày làm việc trước ngày hẹn trả.",
            code="too_late_to_reschedule",
        )
    if new_due_at <= locked.due_at:
        raise ApplicationError("Ngày hẹn mới phải sau ngày hẹn cũ.", code="new_date_invalid")
    locked.rescheduled_due_at = new_due_at
    locked.save(update_fields=["rescheduled_due_at", "updated_at"])
    DossierHistory.objects.create(
        dossier=locked,
        actor=officer,
        from_status=locked.status,
        to_status=locked.status,
        note=reason.strip(),
        data={"rescheduled_to": new_due_at.isoformat()},
    )
    slip = slip_issue(dossier=locked, form=DossierSlip.Form.APOLOGY, reason=reason.strip())
    _notify_on_commit(locked, "dossier_rescheduled", {"reason": reason.strip(), "new_due_at": new_due_at}, slip)
    return locked


@transaction.atomic
def dossier_rate(*, dossier: Dossier, citizen, rating: int, comment: str = "") -> Dossier:
    _ensure_owner(dossier, citizen)
    if not 1 <= rating <= 5:
        raise ApplicationError("Vui lòng chọn từ 1 đến 5 sao.", code="rating_invalid")
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.status not in (S.DONE, S.RETURNED):
        raise ApplicationError("Chỉ đánh giá được khi hồ sơ đã có kết quả.", code="not_finished", status_code=409)
    locked.rating, locked.rating_comment = rating, comment.strip()
    locked.save(update_fields=["rating", "rating_comment", "updated_at"])
    return locked


# Internal processing steps and document reuse.


@transaction.atomic
def dossier_assign(
    *, dossier: Dossier, officer, agency: Agency, assignee=None, working_days: float, note: str = ""
) -> ProcessingStep:
    """Hand the dossier to a colleague or another agency for a step with its own deadline; the previous open step
    ends. The other agency's officers then see the dossier too."""
    _ensure_officer_scope(dossier, officer)
    locked = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    if locked.status not in (S.RECEIVED, S.PROCESSING):
        raise ApplicationError(
            "Chỉ giao xử lý khi hồ sơ đã tiếp nhận hoặc đang xử lý.", code="not_in_progress", status_code=409
        )
    if assignee is not None and not assignee.memberships.filter(agency=agency).exists():
        raise ApplicationError("Cán bộ được giao không thuộc cơ quan đã chọn.", code="assignee_not_in_agency")
    if working_days <= 0:
        raise ApplicationError("Thời hạn của bước phải lớn hơn 0.", code="step_duration_invalid")
    now = timezone.now()
    ProcessingStep.objects.filter(dossier=locked, completed_at__isnull=True).update(completed_at=now)
    calendar = WorkingCalendar.from_database()
    step = ProcessingStep.objects.create(
        dossier=locked,
        assigned_agency=agency,
        assigned_to=assignee,
        assigned_by=officer,
        due_at=calendar.add_working_days(calendar.next_opening(now), working_days),
        note=note.strip(),
    )
    DossierHistory.objects.create(
        dossier=locked,
        actor=officer,
        from_status=locked.status,
        to_status=locked.status,
        note=f"Giao {assignee or agency} xử lý" + (f": {note.strip()}" if note.strip() else ""),
        internal=True,
        data={"step": step.pk},
    )
    return step


@transaction.atomic
def dossier_note_add(*, dossier: Dossier, officer, note: str) -> DossierHistory:
    """An internal note on the dossier's timeline: colleagues read it, the citizen never does."""
    _ensure_officer_scope(dossier, officer)
    if not note.strip():
        raise ApplicationError("Ghi chú đang trống.", code="note_required")
    locked = Dossier.objects.select_for_update(of=("self",)).get(pk=dossier.pk)
    return DossierHistory.objects.create(
        dossier=locked,
        actor=officer,
        from_status=locked.status,
        to_status=locked.status,
        note=note.strip(),
        internal=True,
    )


def attachment_removable(dossier: Dossier, attachment: DossierAttachment) -> bool:
    """A citizen may take back any paper of a draft, or a paper added for a supplement not yet sent. What the office
    has already received stays (it is part of the record)."""
    if dossier.status == S.DRAFT:
        return attachment.kind == AttachmentKind.CITIZEN
    request = dossier.open_supplement if dossier.status == S.SUPPLEMENT_REQUESTED else None
    return (
        attachment.kind == AttachmentKind.SUPPLEMENT
        and request is not None
        and attachment.uploaded_at >= request.requested_at
    )


@transaction.atomic
def attachment_remove(*, attachment: DossierAttachment, citizen) -> None:
    dossier = Dossier.objects.select_for_update().get(pk=attachment.dossier_id)
    _ensure_owner(dossier, citizen)
    if not attachment_removable(dossier, attachment):
        raise ApplicationError("Tệp này cơ quan đã nhận nên không xoá được.", code="attachment_locked", status_code=409)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def attachment_reuse(*, dossier: Dossier, citizen, document_key: str, source: DossierAttachment) -> DossierAttachment:
    """Attach a paper the citizen already gave in an earlier dossier (counted as reuse of digitised documents)."""
    from django.core.files.base import ContentFile

    _ensure_owner(dossier, citizen)
    if source.dossier.citizen_id != citizen.pk or source.kind not in (
        AttachmentKind.CITIZEN,
        AttachmentKind.SUPPLEMENT,
    ):
        raise ApplicationError("Không tìm thấy giấy tờ.", code="not_found", status_code=404)
    with source.file.open("rb") as handle:
        upload = ContentFile(handle.read(), name=source.original_name)
    copy = attachment_add(dossier=dossier, user=citizen, document_key=document_key, upload=upload)
    DossierHistory.objects.create(
        dossier=dossier,
        actor=citizen,
        from_status=dossier.status,
        to_status=dossier.status,
        note=f"Dùng lại giấy tờ đã nộp: {source.original_name}",
        data={"reused_from": str(source.public_id)},
    )
    return copy


# Reminders.


def deadline_reminders_send(*, now: dt.datetime | None = None) -> int:
    """One reminder per officer per agency per day listing the count of dossiers due within a working day or
    overdue. Returns how many reminders were written (the outbox's dedupe key makes re-runs harmless)."""
    from agencies.models import OfficerMembership, OfficerRole
    from dossiers.workflow import FINAL_STATUSES
    from notifications.services import notify

    now = now or timezone.now()
    soon = WorkingCalendar.from_database().add_working_days(now, 1)
    open_statuses = [s for s in DossierStatus.values if s not in FINAL_STATUSES and s not in (S.DRAFT, S.DONE)]
    counts = (
        Dossier.objects.filter(status__in=open_statuses, due_at__lte=soon)
        .values("receiving_agency")
        .annotate(total=models.Count("id"))
    )
    written = 0
    today = timezone.localtime(now).date().isoformat()
    totals = {row["receiving_agency"]: row["total"] for row in counts}
    agencies = Agency.objects.in_bulk(list(totals))
    memberships = OfficerMembership.objects.filter(
        agency__in=list(totals), role__in=[OfficerRole.OFFICER, OfficerRole.HEAD]
    ).select_related("user")
    for membership in memberships:  # one query for all agencies, not one per agency
        agency, total = agencies[membership.agency_id], totals[membership.agency_id]
        with transaction.atomic():
            notify(
                recipient=membership.user,
                event="officer_deadline_reminder",
                context={"agency_name": agency.name, "count": total},
                link="/admin/dossiers/dossier/?han=sap-den-han",
                agency=agency,
                dedupe_key=f"deadline_reminder:{agency.pk}:{membership.user_id}:{today}",
            )
        written += 1
    return written
