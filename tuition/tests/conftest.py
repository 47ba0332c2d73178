import datetime as dt

import pytest

from agencies.models import AgencyKind, OfficerRole
from agencies.tests.factories import AgencyFactory, OfficerFactory
from payments.models import Bank, CollectionAccount
from tuition.models import Student


@pytest.fixture
def school(db):
    school = AgencyFactory(name="Trường Tiểu học Kim Đồng", kind=AgencyKind.SCHOOL)
    bank, _ = Bank.objects.get_or_create(bin="970418", defaults={"short_name": "BIDV", "name": "BIDV"})
    CollectionAccount.objects.create(
        agency=school, bank=bank, account_number="31410001234567", account_name="TH KIM DONG"
    )
    return school


@pytest.fixture
def other_school(db):
    return AgencyFactory(name="Trường THCS Lê Lợi", kind=AgencyKind.SCHOOL)


@pytest.fixture
def bursar(school):
    return OfficerFactory(agency=school, full_name="Đặng Văn Phúc")


@pytest.fixture
def school_head(school):
    return OfficerFactory(agency=school, agency__role=OfficerRole.HEAD)


@pytest.fixture
def pupils(school):
    """Class 3A: An's son Bình and two classmates; class 3B: one pupil."""
    rows = [
        ("HS0001", "Nguyễn Gia Bình", dt.date(2018, 9, 5), "3A"),
        ("HS0002", "Lê Ngọc Hà", dt.date(2018, 3, 14), "3A"),
        ("HS0003", "Phạm Minh Quân", dt.date(2018, 12, 1), "3A"),
        ("HS0004", "Võ Thảo Vy", dt.date(2018, 7, 22), "3B"),
    ]
    return {
        code: Student.objects.create(school=school, code=code, full_name=name, date_of_birth=dob, class_name=cls)
        for code, name, dob, cls in rows
    }
