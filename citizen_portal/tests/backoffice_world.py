"""One agency's back office as its people use it: an officer, a head, a figures viewer and a dashboard user of
the agency, an officer of another agency, and a citizen with a dossier (files, declaration, slip) and a field report
(with a photo). The role tests and the language crawl sign in as each of them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from dossiers.models import Dossier
from reports.models import Report


@dataclass
class World:
    officer: object
    head: object
    viewer: object
    dashboard: object
    other_officer: object
    citizen: object
    dossier: Dossier
    report: Report

    def person(self, role: str):
        return getattr(self, role)


ROLES = ["officer", "head", "viewer", "dashboard", "other_officer", "citizen"]


@pytest.fixture
def world(agency, other_agency, submitted_birth_registration, categories, officer):
    from reports.tests.test_services import filed

    citizen = submitted_birth_registration.citizen
    return World(
        officer=officer,
        head=OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD, full_name="Lê Thị Hạnh"),
        viewer=OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER, full_name="Phạm Văn Xem"),
        dashboard=OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD, full_name="Võ Thị Số"),
        other_officer=OfficerFactory(agency=other_agency, full_name="Đỗ Văn Khác"),
        citizen=citizen,
        dossier=submitted_birth_registration,
        report=filed(citizen, categories["fallen_tree"]),
    )
