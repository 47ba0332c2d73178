"""Every change in tuition: linking parents to children, billing (a file or a class; all or nothing), reminders."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.text import format_vnd
from identity.models import User
from identity.validators import normalize_phone
from payments.models import Invoice
from payments.services import invoice_create
from payments.workflow import InvoiceStatus
from tuition.fees import TUITION
from tuition.importer import TuitionRow
from tuition.models import MAX_GUARDIANS, Guardian, Student, TuitionBatch, TuitionCharge

REMINDER_DAYS = 3


def _ensure_school_officer(school: Agency, officer) -> None:
    if school.kind != AgencyKind.SCHOOL:
        raise ApplicationError("Cơ quan này không phải trường học.", code="not_a_school")
    if not Agency.objects.handled_by(officer).filter(pk=school.pk).exists():
        raise ApplicationError("Bạn không làm việc ở trường này.", code="not_your_agency", status_code=403)


def _link(student: Student, *, user=None, phone: str = "", linked_by: str) -> Guardian:
    locked = Student.objects.select_for_update().get(pk=student.pk)  # two parents linking at once: one wins the slot
    if user is not None:
        existing = Guardian.objects.filter(student=locked, user=user).first()
        if existing:
            return existing
    if phone:
        existing = Guardian.objects.filter(student=locked, phone=phone).first()
        if existing:
            return existing
    if Guardian.objects.filter(student=locked).count() >= MAX_GUARDIANS:
        raise ApplicationError(
            f"Em {locked.full_name} đã có {MAX_GUARDIANS} phụ huynh liên kết. Nếu cần đổi, hãy liên hệ nhà trường.",
            code="too_many_guardians",
            status_code=409,
        )
    return Guardian.objects.create(student=locked, user=user, phone=phone, linked_by=linked_by)


@transaction.atomic
def guardian_link_by_code(*, user, student_code: str, date_of_birth: dt.date) -> Guardian:
    """A parent links their child with the student code and the child's date of birth (both on the school's
    papers); a wrong pair says nothing about which part was wrong."""
    found = Student.objects.filter(code=student_code.strip().upper(), date_of_birth=date_of_birth, is_active=True)
    student = found.first() if found.count() == 1 else None
    if student is None:
        raise ApplicationError(
            "Không tìm thấy học sinh với mã và ngày sinh này. Hãy kiểm tra lại giấy báo của nhà trường.",
            code="student_not_found",
            status_code=404,
        )
    return _link(student, user=user, phone=user.phone or "", linked_by=Guardian.LinkedBy.PARENT)


@transaction.atomic
def guardian_link_by_phone(*, student: Student, officer, phone: str) -> Guardian:
    """The school links a parent's phone: at once if that person already uses the portal, else when they sign in."""
    _ensure_school_officer(student.school, officer)
    try:
        number = normalize_phone(phone)
    except ValidationError as error:
        raise ApplicationError("Số điện thoại không hợp lệ.", code="phone_invalid") from error
    user = User.objects.filter(phone=number).first()
    return _link(student, user=user, phone=number, linked_by=Guardian.LinkedBy.SCHOOL)


def guardians_claim(user) -> int:
    """Links the school made to this person's phone become theirs (called when they open their tuition page)."""
    if not user.phone:
        return 0
    return (
        Guardian.objects.filter(user__isnull=True, phone=user.phone)
        .exclude(student__guardians__user=user)
        .update(user=user)
    )


def check_rows(school: Agency, rows: list[TuitionRow]) -> list[TuitionRow]:
    """Match each row to a student of this school and find every problem: unknown code, wrong class, a student
    twice for the same term, a term already billed."""
    codes = {row.student_code.upper() for row in rows}
    students = {s.code: s for s in Student.objects.filter(school=school, code__in=codes)}  # codes are kept upper-case
    seen = Counter((row.student_code.upper(), row.term.strip().lower()) for row in rows)
    billed = {
        (code, term.lower())
        for code, term in TuitionCharge.objects.filter(student__in=students.values()).values_list(
            "student__code", "term"
        )
    }
    for row in rows:
        student = students.get(row.student_code.upper())
        if row.student_code and student is None:
            row.errors.append(f"không có học sinh mã {row.student_code} ở trường này")
        elif student is not None:
            row.student_id, row.student_name = student.pk, student.full_name
            if not student.is_active:
                row.errors.append(f"học sinh {student.full_name} không còn học ở trường")
            if (
                row.class_name
                and row.class_name.replace(" ", "").upper() != student.class_name.replace(" ", "").upper()
            ):
                row.errors.append(
                    f"học sinh {student.full_name} học lớp {student.class_name}, tệp ghi lớp {row.class_name}"
                )
        key = (row.student_code.upper(), row.term.strip().lower())
        if row.student_code and row.term and seen[key] > 1:
            row.errors.append(f"mã {row.student_code} có hơn một dòng cho kỳ {row.term}")
        if key in billed:
            row.errors.append(f"học sinh mã {row.student_code} đã có khoản thu kỳ {row.term}")
    return rows


def _charge(batch: TuitionBatch, student: Student, *, term: str, lines, due_date) -> TuitionCharge:
    invoice = invoice_create(
        purpose=TUITION,
        subject_key=student.subject_key,
        payee=batch.school,
        payer_name=f"Học sinh {student.full_name}, lớp {student.class_name}",
        description=f"{term} — {student.full_name}, lớp {student.class_name}",
        lines=list(lines),
        due_date=due_date,
        actor=batch.created_by,
    )
    return TuitionCharge.objects.create(batch=batch, student=student, term=term, invoice=invoice)


@transaction.atomic
def tuition_batch_import(
    *, school: Agency, officer, rows: list[TuitionRow], title: str, source: str = ""
) -> TuitionBatch:
    """Bill every row of a checked file. Any problem anywhere: nothing is billed, every problem is said."""
    _ensure_school_officer(school, officer)
    rows = check_rows(school, rows)
    problems = [f"Dòng {row.number}: {'; '.join(row.errors)}" for row in rows if row.errors]
    if problems:
        raise ApplicationError(
            "Tệp chưa nhập được, không khoản nào được tạo. " + " ".join(problems), code="tuition_file_invalid"
        )
    if not rows:
        raise ApplicationError("Tệp không có dòng nào.", code="tuition_file_invalid")
    batch = TuitionBatch.objects.create(school=school, title=title.strip() or source, source=source, created_by=officer)
    students = Student.objects.in_bulk([row.student_id for row in rows])
    for row in rows:
        _charge(batch, students[row.student_id], term=row.term.strip(), lines=row.lines, due_date=row.due_date)
    return batch


@transaction.atomic
def tuition_bill_class(
    *, school: Agency, officer, class_name: str, term: str, lines: list[tuple[str, int]], due_date=None
) -> TuitionBatch:
    """The same charge for every student still in a class."""
    _ensure_school_officer(school, officer)
    students = list(Student.objects.filter(school=school, class_name__iexact=class_name.strip(), is_active=True))
    if not students:
        raise ApplicationError(f"Lớp {class_name} không có học sinh nào đang học.", code="class_empty")
    already = TuitionCharge.objects.filter(student__in=students, term__iexact=term.strip()).select_related("student")
    if already:
        names = ", ".join(charge.student.full_name for charge in already[:5])
        raise ApplicationError(f"Đã có khoản thu kỳ {term} cho: {names}.", code="term_already_billed", status_code=409)
    batch = TuitionBatch.objects.create(
        school=school, title=f"{term} — lớp {class_name}", source="Lập theo lớp", created_by=officer
    )
    for student in students:
        _charge(batch, student, term=term.strip(), lines=lines, due_date=due_date)
    return batch


def tuition_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Each linked parent is reminded once, a few days before an unpaid charge falls due."""
    from notifications.services import notify

    today = timezone.localdate(now or timezone.now())
    due = (
        TuitionCharge.objects.filter(
            invoice__status=InvoiceStatus.OPEN,
            invoice__due_date__gte=today,
            invoice__due_date__lte=today + dt.timedelta(days=REMINDER_DAYS),
        )
        .select_related("invoice", "student", "batch__school")
        .prefetch_related("student__guardians__user")
    )
    sent = 0
    for charge in due:
        invoice: Invoice = charge.invoice
        for guardian in charge.student.guardians.all():
            if guardian.user is None:
                continue
            notify(
                recipient=guardian.user,
                event="tuition_due",
                context={
                    "student_name": charge.student.full_name,
                    "term": charge.term,
                    "amount_text": format_vnd(invoice.amount_due),
                    "due_date": invoice.due_date,
                    "school_name": charge.batch.school.name,
                },
                link="/hoc-phi/",
                agency=charge.batch.school,
                dedupe_key=f"tuition_due:{invoice.pk}:{guardian.user_id}",
            )
            sent += 1
    return sent


def guardian_erase(user) -> int:
    """Account deletion: the person no longer sees the children's charges; paid receipts stay with the school."""
    return Guardian.objects.filter(user=user).delete()[0]
