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
    payment: object = None

    def person(self, role: str):
        return getattr(self, role)


ROLES = ["officer", "head", "viewer", "dashboard", "other_officer", "citizen"]


@pytest.fixture
def world(agency, other_agency, submitted_birth_registration, categories, officer):
    from reports.tests.test_services import filed

    citizen = submitted_birth_registration.citizen
    payment = _paid_fee(submitted_birth_registration, officer)
    return World(
        officer=officer,
        head=OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD, full_name="Lê Thị Hạnh"),
        viewer=OfficerFactory(agency=agency, agency__role=OfficerRole.VIEWER, full_name="Phạm Văn Xem"),
        dashboard=OfficerFactory(agency=agency, agency__role=OfficerRole.DASHBOARD, full_name="Võ Thị Số"),
        other_officer=OfficerFactory(agency=other_agency, full_name="Đỗ Văn Khác"),
        citizen=citizen,
        dossier=submitted_birth_registration,
        report=filed(citizen, categories["fallen_tree"]),
        payment=payment,
    )


def _paid_fee(dossier, officer):
    """The dossier's fee, paid by transfer and confirmed by the officer: invoices, payments, receipts to look at."""
    from dossiers.fees import fee_invoice_open
    from payments.models import Bank, CollectionAccount
    from payments.services import attempt_start, transfer_confirm

    bank, _ = Bank.objects.get_or_create(bin="970436", defaults={"short_name": "Vietcombank", "name": "Vietcombank"})
    CollectionAccount.objects.create(
        agency=dossier.receiving_agency, bank=bank, account_number="1023456789", account_name="UBND"
    )
    invoice = fee_invoice_open(dossier, amount=8_000)
    attempt, _ = attempt_start(
        invoices=[invoice], gateway_code="vietqr", payer=dossier.citizen, return_url_for=lambda r: "", client_ip=""
    )
    transfer_confirm(attempt=attempt, officer=officer, bank_transaction="FT1")
    return attempt
