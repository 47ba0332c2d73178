"""A ward's leader on a 360×640 phone: opens this month's dossier figures from the back-office home, reads them
(chart and table fit the screen), and drills down from "overdue now" to the list of those dossiers, then to one."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ward_with_late_work(settings):
    from agencies.models import OfficerRole
    from agencies.tests.factories import AgencyFactory, OfficerFactory
    from dashboards.facts import facts_rebuild
    from dashboards.tests.conftest import _dossier
    from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
    from dossiers.models import Procedure

    settings.STAFF_MFA_REQUIRED = False
    ward = AgencyFactory(name="UBND phường Tân Ninh")
    AgencyFactory(identifier="TNH-STP", name="Sở Tư pháp", kind="department")
    catalogue_import_file(DEMO_CATALOGUE)
    procedure = Procedure.objects.published().order_by("pk").first()
    now = timezone.now()
    today = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0)
    # Two still in hand past their due dates, one finished on time this month.
    for code, days in (("TN-1", 9), ("TN-2", 6)):
        received = today - dt.timedelta(days=days)
        _dossier(
            code, ward, procedure, status="processing", received_at=received, due_at=received + dt.timedelta(days=3)
        )
    _dossier(
        "TN-3",
        ward,
        procedure,
        received_at=today.replace(day=1),
        due_at=today.replace(day=1) + dt.timedelta(days=5),
        finished_at=today.replace(day=1) + dt.timedelta(hours=3),
    )
    facts_rebuild(first=timezone.localdate() - dt.timedelta(days=40), last=timezone.localdate(), now=now)
    return OfficerFactory(agency=ward, agency__role=OfficerRole.HEAD, full_name="Phạm Văn Tâm")


def test_a_leader_opens_the_months_figures_and_drills_down_to_the_overdue_list(
    phone, live_server, sign_in, ward_with_late_work
):
    sign_in(phone, ward_with_late_work)
    page = phone.new_page()
    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Bảng số liệu").click()
    page.wait_for_url("**/bang-dieu-khien/")
    assert page.get_by_role("heading", name="Hồ sơ thủ tục hành chính").is_visible()
    month = timezone.localdate()
    assert page.locator(".board-meta").inner_text().startswith(f"Tháng {month.month}/{month.year}")
    # Nothing wider than the phone: the tables turn into labelled lines, the chart scales down.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    chart = page.locator("svg.chart").first
    assert chart.is_visible() and chart.bounding_box()["width"] <= 360
    overdue = page.get_by_role("link", name="Đang quá hạn (hiện tại)")
    row = page.locator("tr", has=overdue)
    assert row.locator("td").first.inner_text().strip().endswith("2")
    box = overdue.bounding_box()
    assert box["height"] >= 44  # a target a thumb hits at the first try
    overdue.click()
    page.wait_for_url("**/danh-sach-ho-so/**")
    assert page.get_by_role("heading", name="Hồ sơ đang quá hạn (hiện tại)").is_visible()
    codes = page.locator("table.records tbody th").all_inner_texts()
    assert [code.strip() for code in codes] == ["TN-1", "TN-2"]  # the longest overdue first
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="TN-1").click()
    page.wait_for_url("**/admin/dossiers/dossier/**")
    assert "TN-1" in page.content()
