"""A hand-built province for the figures: a ward committee (A) under a district office (P) with a second ward
committee (C), and a provincial department (B). Every dossier, report and question is written down below with the
fields the services set, so each expected figure in the tests can be worked out by hand from this list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from agencies.models import AgencyKind, OfficerRole
from agencies.tests.factories import AgencyFactory, CitizenFactory, OfficerFactory, consented
from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
from dossiers.models import Dossier, Procedure
from dossiers.services import _snapshot


def local(month: int, day: int, hour: int = 9, minute: int = 0, second: int = 0, year: int = 2026) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second))


# Figures are read as on 5 December 2026 at noon.
NOW = local(12, 5, 12)


@dataclass
class Province:
    district: object  # P: the district office; A and C are under it
    ward_a: object  # A: the ward committee whose figures are worked out in full
    ward_c: object
    department: object  # B: a provincial department (no ward of its own)
    procedure: Procedure
    dossiers: dict


def _dossier(code: str, agency, procedure: Procedure, **fields) -> Dossier:
    case = procedure.cases.all()[0]
    values = {
        "code": code,
        "procedure": procedure,
        "case": case,
        "procedure_version": procedure.version,
        "procedure_snapshot": _snapshot(procedure, case),
        "receiving_agency": agency,
        "ward_id": agency.ward_id,
        "status": "returned",
        "channel": "online",
        "submitted_at": fields.get("received_at") or local(11, 12),
        **fields,
    }
    dossier = Dossier(**values)
    dossier.save()
    return dossier


@pytest.fixture
def province(db):
    district = AgencyFactory(name="Phòng tổng hợp khu vực", kind=AgencyKind.OTHER)
    ward_a = AgencyFactory(name="UBND phường A", parent=district)
    ward_c = AgencyFactory(name="UBND xã C", parent=district)
    department = AgencyFactory(identifier="TNH-STP", name="Sở B", kind=AgencyKind.DEPARTMENT)  # the catalogue names it
    catalogue_import_file(DEMO_CATALOGUE)
    procedure = Procedure.objects.published().order_by("pk").first()
    a, d = ward_a, procedure
    rows = {
        # received 3/11, due 6/11, finished 5/11: on time; fee paid online, e-result, 5 stars, papers reused
        "D1": _dossier(
            "A-1",
            a,
            d,
            received_at=local(11, 3),
            due_at=local(11, 6),
            finished_at=local(11, 5, 10),
            electronic_result=True,
            rating=5,
            fee_amount=50_000,
            paid_online=True,
            digitised=True,
            reused_documents=True,
        ),
        # in person; finished 10/11 after its due date 7/11: late (on 7/11); fee not paid online; 2 stars
        "D2": _dossier(
            "A-2",
            a,
            d,
            channel="in_person",
            status="done",
            received_at=local(11, 4),
            due_at=local(11, 7),
            finished_at=local(11, 10),
            rating=2,
            fee_amount=50_000,
        ),
        # one supplement: the clock restarted, due 14/11 instead of 8/11; finished 12/11: on time; 4 stars
        "D3": _dossier(
            "A-3",
            a,
            d,
            received_at=local(11, 5),
            due_at=local(11, 14),
            finished_at=local(11, 12),
            supplement_count=1,
            electronic_result=True,
            rating=4,
            digitised=True,
        ),
        # two supplements: late even though finished (18/11) before its due date (20/11)
        "D4": _dossier(
            "A-4",
            a,
            d,
            received_at=local(11, 6),
            due_at=local(11, 20),
            finished_at=local(11, 18),
            supplement_count=2,
            digitised=True,
            reused_documents=True,
        ),
        # apologised and rescheduled to 19/11, finished 17/11: late all the same (due 12/11)
        "D5": _dossier(
            "A-5",
            a,
            d,
            received_at=local(11, 9),
            due_at=local(11, 12),
            rescheduled_due_at=local(11, 19),
            finished_at=local(11, 17),
            digitised=True,
        ),
        # in person, still processing, due 13/11: late (on 13/11) and overdue now
        "D6": _dossier(
            "A-6", a, d, channel="in_person", status="processing", received_at=local(11, 10), due_at=local(11, 13)
        ),
        # withdrawn: received, never judged
        "D7": _dossier("A-7", a, d, status="withdrawn", received_at=local(11, 11), due_at=local(11, 14)),
        # refused at the desk: never received
        "D8": _dossier(None, a, d, status="refused", submitted_at=local(11, 12)),
        # received one minute before midnight on 31/10: October's; finished 3/11 on time: November's
        "D9": _dossier("A-9", a, d, received_at=local(10, 31, 23, 59), due_at=local(11, 4), finished_at=local(11, 3)),
        # received one minute before midnight on 30/11: November's; due 3/12, still open: late in December
        "D10": _dossier(
            "A-10", a, d, status="received", received_at=local(11, 30, 23, 59), due_at=local(12, 3), digitised=True
        ),
        # received at midnight on 1/12: December's
        "D11": _dossier("A-11", a, d, status="received", received_at=local(12, 1, 0, 0), due_at=local(12, 10)),
        # waiting for the citizen's papers past its first due date: not judged, not overdue
        "D12": _dossier(
            "A-12",
            a,
            d,
            status="supplement_requested",
            received_at=local(11, 2),
            due_at=local(11, 5),
            supplement_count=1,
        ),
        # the department's own dossier, in its own ward: not ward A's
        "D13": _dossier(
            "B-13",
            department,
            d,
            received_at=local(11, 10),
            due_at=local(11, 25),
            finished_at=local(11, 20),
            electronic_result=True,
            digitised=True,
        ),
        # by post, waiting for the fee past its due date 22/11: late (the fee wait is not a supplement)
        "D14": _dossier(
            "A-14",
            a,
            d,
            channel="post",
            status="awaiting_fee",
            received_at=local(11, 20),
            due_at=local(11, 22),
            fee_amount=20_000,
        ),
        # stopped: received, never judged
        "D15": _dossier("A-15", a, d, status="stopped", received_at=local(11, 3), due_at=local(11, 5)),
        # the department received it, about a matter in ward A: ward A's staff see it
        "D16": _dossier(
            "B-16",
            department,
            d,
            ward_id=ward_a.ward_id,
            status="received",
            received_at=local(11, 15),
            due_at=local(12, 20),
            digitised=True,
        ),
        # ward C's: the district sees it, ward A does not
        "D17": _dossier("C-17", ward_c, d, status="received", received_at=local(11, 16), due_at=local(12, 20)),
    }
    return Province(district, ward_a, ward_c, department, procedure, rows)


@pytest.fixture
def people(province):
    """Who looks at the figures: ward A's dashboard staff and head, the district's leader, the department's
    officer, an editor of ward A (news only), and a citizen."""
    return {
        "ward_dashboard": OfficerFactory(agency=province.ward_a, agency__role=OfficerRole.DASHBOARD),
        "ward_viewer": OfficerFactory(agency=province.ward_a, agency__role=OfficerRole.VIEWER),
        "ward_head": OfficerFactory(agency=province.ward_a, agency__role=OfficerRole.HEAD),
        "ward_officer": OfficerFactory(agency=province.ward_a, agency__role=OfficerRole.OFFICER),
        "district": OfficerFactory(agency=province.district, agency__role=OfficerRole.DASHBOARD),
        "department": OfficerFactory(agency=province.department, agency__role=OfficerRole.OFFICER),
        "editor": OfficerFactory(agency=province.ward_a, agency__role=OfficerRole.EDITOR),
        "citizen": consented(CitizenFactory()),
    }


@pytest.fixture
def reports_and_questions(province):
    """Reports and questions of ward A, as the services leave them."""
    from qa.models import Question, Topic
    from reports.models import Category, Report, ReportHistory

    category = Category.objects.create(slug="den-duong", name="Đèn đường", default_agency=province.ward_a)
    agency, ward = province.ward_a, province.ward_a.ward_id

    def report(code, received, deadline, answered=None, rating=None, rated=None, status="closed"):
        return Report.objects.create(
            code=code,
            status=status,
            category=category,
            description="Đèn đường không sáng.",
            ward_id=ward,
            agency=agency,
            received_at=received,
            deadline_at=deadline,
            answered_at=answered,
            rating=rating,
            rated_at=rated,
        )

    report("PA-1", local(11, 2), local(11, 5), local(11, 4), rating=4, rated=local(11, 6))  # 48 h, on time
    late = report("PA-2", local(11, 3), local(11, 6), local(11, 8))  # 120 h, late, asked to look again
    ReportHistory.objects.create(report=late, from_status="resolved", to_status="reopen_requested")
    report("PA-3", local(11, 10), local(11, 13), local(11, 11), rating=2, rated=local(11, 12))  # 24 h
    report("PA-4", local(11, 20), local(11, 23), status="in_progress")  # not answered
    report("PA-5", local(10, 30), local(11, 2), local(11, 1))  # received in October, answered 1/11: 48 h

    topic = Topic.objects.create(slug="ho-tich", name="Hộ tịch", default_agency=agency)

    def question(code, submitted, deadline, answered=None, helpful=0, not_helpful=0):
        return Question.objects.create(
            code=code,
            topic=topic,
            agency=agency,
            title="Hỏi về khai sinh",
            body="Tôi cần giấy tờ gì?",
            status="published" if answered else "submitted",
            submitted_at=submitted,
            deadline_at=deadline,
            answered_at=answered,
            helpful_count=helpful,
            not_helpful_count=not_helpful,
        )

    question("HD-1", local(11, 2), local(11, 9), local(11, 5), helpful=3, not_helpful=1)
    question("HD-2", local(11, 3), local(11, 10), local(11, 12), not_helpful=2)  # answered late
    question("HD-3", local(11, 20), local(11, 27))
    from dashboards.facts import facts_rebuild

    facts_rebuild(first=dt.date(2026, 10, 1), last=dt.date(2026, 12, 5), now=NOW)
    return province
