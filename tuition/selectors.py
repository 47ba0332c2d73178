"""What schools and parents read: per-class collection figures, a parent's children and their charges."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from payments.workflow import InvoiceStatus
from tuition.models import Student, TuitionCharge


def class_summary(school, *, term: str = "") -> list[dict]:
    """Per class: charges, paid and unpaid, billed and collected (dong). One query."""
    charges = TuitionCharge.objects.filter(student__school=school)
    if term:
        charges = charges.filter(term=term)
    rows = (
        charges.values("student__class_name")
        .annotate(
            charges=Count("pk"),
            paid=Count("pk", filter=Q(invoice__status=InvoiceStatus.PAID)),
            unpaid=Count("pk", filter=Q(invoice__status=InvoiceStatus.OPEN)),
            billed=Sum("invoice__amount", filter=~Q(invoice__status=InvoiceStatus.CANCELLED)),
            collected=Sum("invoice__amount_paid"),
        )
        .order_by("student__class_name")
    )
    return [
        {
            "class_name": row["student__class_name"],
            "charges": row["charges"],
            "paid": row["paid"],
            "unpaid": row["unpaid"],
            "billed": row["billed"] or 0,
            "collected": row["collected"] or 0,
        }
        for row in rows
    ]


def school_terms(school) -> list[str]:
    return list(
        TuitionCharge.objects.filter(student__school=school).values_list("term", flat=True).distinct().order_by("term")
    )


def charges_for_export(school, *, term: str = ""):
    charges = TuitionCharge.objects.filter(student__school=school).select_related("student", "invoice")
    return charges.filter(term=term) if term else charges


def children_of(user) -> list[dict]:
    """The parent's children, each with their open and paid charges (three queries whatever the number)."""
    students = list(Student.objects.of_guardian(user).select_related("school").order_by("full_name").distinct())
    charges = (
        TuitionCharge.objects.filter(student__in=students)
        .select_related("invoice")
        .prefetch_related("invoice__receipts")
        .order_by("invoice__due_date", "pk")
    )
    by_student: dict[int, list] = {}
    for charge in charges:
        by_student.setdefault(charge.student_id, []).append(charge)
    return [
        {
            "student": student,
            "open": [c for c in by_student.get(student.pk, []) if c.invoice.status == InvoiceStatus.OPEN],
            "paid": [c for c in by_student.get(student.pk, []) if c.invoice.status == InvoiceStatus.PAID],
        }
        for student in students
    ]


def personal_data(user) -> list[dict]:
    """The children this person is linked to, for "Dữ liệu của tôi"."""
    return [
        {"hoc_sinh": s.full_name, "ma": s.code, "lop": s.class_name, "truong": s.school.name}
        for s in Student.objects.of_guardian(user).select_related("school").distinct()
    ]
