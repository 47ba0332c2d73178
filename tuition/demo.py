"""Demo tuition at Trường THPT chuyên Hoàng Lê Kha: three classes, the first term billed, a third of it paid by
transfer (confirmed by the school's officer through the service), and the demo citizens as parents."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from identity.models import User
from payments.services import attempt_start, transfer_confirm
from tuition.models import Student, TuitionCharge
from tuition.services import guardian_link_by_code, tuition_bill_class

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hoàng", "Thanh", "Gia", "Bảo", "Khánh"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Khoa",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nhi",
    "Phúc",
    "Quân",
    "Tâm",
    "Thảo",
    "Trâm",
    "Tú",
    "Vy",
    "Yến",
]
CLASSES = {"10A1": 2010, "10A2": 2010, "11A1": 2009}
TERM = "Học kỳ I năm học 2026-2027"
LINES = [("Học phí", 900_000), ("Bảo hiểm y tế học sinh", 631_800), ("Quỹ hoạt động lớp", 150_000)]


def seed_tuition(school, *, officer, parents: dict) -> None:
    """`parents`: {"an": user, "bich": user}. Safe to run again."""
    if Student.objects.filter(school=school).exists():
        return
    n = 0
    for class_name, year in CLASSES.items():
        for _ in range(14):
            n += 1
            Student.objects.create(
                school=school,
                code=f"HLK{year % 100:02d}{n:04d}",
                full_name=f"{FAMILY[n % len(FAMILY)]} {MIDDLE[n % len(MIDDLE)]} {GIVEN[(n * 7) % len(GIVEN)]}",
                date_of_birth=dt.date(year, 1 + n % 12, 1 + (n * 3) % 28),
                class_name=class_name,
            )
    # Anh An's two children, Chị Bích's daughter.
    an_children = [
        Student.objects.create(
            school=school,
            code="HLK100101",
            full_name="Nguyễn Minh Khoa",
            date_of_birth=dt.date(2010, 4, 12),
            class_name="10A1",
        ),
        Student.objects.create(
            school=school,
            code="HLK090102",
            full_name="Nguyễn Ngọc Trâm",
            date_of_birth=dt.date(2009, 9, 3),
            class_name="11A1",
        ),
    ]
    bich_child = Student.objects.create(
        school=school,
        code="HLK100103",
        full_name="Trần Thị Mỹ Duyên",
        date_of_birth=dt.date(2010, 2, 20),
        class_name="10A2",
    )
    for child in an_children:
        guardian_link_by_code(user=parents["an"], student_code=child.code, date_of_birth=child.date_of_birth)
    guardian_link_by_code(user=parents["bich"], student_code=bich_child.code, date_of_birth=bich_child.date_of_birth)

    due = timezone.localdate() + dt.timedelta(days=10)
    for class_name in CLASSES:
        tuition_bill_class(school=school, officer=officer, class_name=class_name, term=TERM, lines=LINES, due_date=due)
    # A third of the other parents use the portal and paid by bank transfer, confirmed by the school's accountant;
    # Anh An's children are not paid yet, so a visitor can pay them.
    family = {child.pk for child in [*an_children, bich_child]}
    for n, charge in enumerate(TuitionCharge.objects.select_related("invoice", "student").order_by("pk")):
        if n % 3 or charge.student_id in family:
            continue
        student = charge.student
        parent, _ = User.objects.get_or_create(
            username=f"phuhuynh.{student.code.lower()}",
            defaults={"full_name": f"Phụ huynh em {student.full_name}"},
        )
        guardian_link_by_code(user=parent, student_code=student.code, date_of_birth=student.date_of_birth)
        attempt, _ = attempt_start(
            invoices=[charge.invoice],
            gateway_code="vietqr",
            payer=parent,
            return_url_for=lambda ref: "",
            client_ip="127.0.0.1",
        )
        transfer_confirm(attempt=attempt, officer=officer, bank_transaction=f"FT26{n:08d}")
