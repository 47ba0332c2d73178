"""The role matrix: every back-office page, file, action and officer API route, signed in as each role of the agency
(officer, head, viewer, dashboard), as an officer of another agency and as a citizen. What each may see and do is
written out here, so a missing permission (the officer who could not open the papers he had to judge) fails."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from agencies.models import OfficerRole
from agencies.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS
from citizen_portal.tests.backoffice_world import ROLES
from dossiers.models import AttachmentKind, DossierSlip
from dossiers.services import dossier_receive
from dossiers.workflow import DossierStatus
from reports.workflow import ReportStatus

WORKERS = {"officer", "head"}


def _sign_in(client, person):
    client.force_login(person)
    return client


@pytest.mark.django_db
def test_every_permission_a_role_names_exists_and_its_group_carries_it():
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=ROLE_GROUP_NAMES[role])
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), dotted
        assert held == set(dotted_names), role


@pytest.mark.django_db
def test_officers_and_heads_may_open_everything_a_dossier_and_a_report_are_made_of():
    needed = {
        "dossiers.view_dossier",
        "dossiers.change_dossier",
        "dossiers.view_dossierattachment",
        "dossiers.view_dossierhistory",
        "dossiers.view_dossierpause",
        "dossiers.view_supplementrequest",
        "dossiers.view_dossierslip",
        "dossiers.view_processingstep",
        "reports.view_report",
        "reports.change_report",
        "reports.view_reportphoto",
        "reports.view_reporthistory",
        "qa.view_question",
        "qa.change_question",
    }
    for role in (OfficerRole.OFFICER, OfficerRole.HEAD):
        assert needed <= set(ROLE_PERMISSIONS[role]), role
    for role in (OfficerRole.VIEWER, OfficerRole.DASHBOARD):
        personal = {
            p for p in ROLE_PERMISSIONS[role] if p.startswith(("dossiers.", "reports.", "notifications.", "qa."))
        }
        assert personal == set(), role


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_dossier_pages_and_files_per_role(client, world, role):
    person = world.person(role)
    dossier = dossier_receive(dossier=world.dossier, officer=world.officer)
    attachment = dossier.attachments.filter(kind=AttachmentKind.CITIZEN).first()
    declaration = dossier.attachments.get(kind=AttachmentKind.DECLARATION)
    slip = DossierSlip.objects.get(dossier=dossier)
    _sign_in(client, person)

    queue = client.get("/admin/dossiers/dossier/")
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    files = [client.get(f"/ho-so/tep/{f.public_id}/").status_code for f in (attachment, declaration)]
    slip_status = client.get(f"/ho-so/phieu/{slip.public_id}/").status_code
    if role in WORKERS:
        assert queue.status_code == 200 and dossier.code in queue.content.decode()
        html = page.content.decode()
        assert page.status_code == 200
        assert f"/ho-so/tep/{attachment.public_id}/" in html  # the paper the officer must judge
        assert f"/ho-so/tep/{declaration.public_id}/" in html  # the declaration written from the answers
        assert "Nguyễn Văn Bình" in html  # the declaration as a readable form
        assert "Quá trình xử lý" in html and "Được tiếp nhận" in html  # the history
        assert f"/ho-so/phieu/{slip.public_id}/" in html
        assert files == [200, 200] and slip_status == 200
    elif role == "citizen":
        assert queue.status_code == 302 and page.status_code == 302  # to the back-office login
        assert files == [200, 200] and slip_status == 200  # their own papers, on their own pages
    elif role == "other_officer":
        assert queue.status_code == 200 and dossier.code not in queue.content.decode()
        assert page.status_code == 404
        assert files == [404, 404] and slip_status == 404
    else:  # viewer, dashboard: figures only; a dossier's page does not even say it exists
        assert queue.status_code == 403 and page.status_code == 404
        assert files == [404, 404] and slip_status == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_dossier_actions_per_role(client, world, role):
    _sign_in(client, world.person(role))
    pk = world.dossier.pk
    response = client.post(f"/admin/dossiers/dossier/{pk}/xu-ly/tiep-nhan/")
    bulk = client.post("/admin/dossiers/dossier/", {"action": "receive", "_selected_action": [pk]})
    world.dossier.refresh_from_db()
    if role in WORKERS:
        assert response.status_code == 302 and world.dossier.status == DossierStatus.RECEIVED
        assert bulk.status_code == 302
    else:
        assert world.dossier.status == DossierStatus.SUBMITTED
        expected = {"citizen": 302, "other_officer": 404, "viewer": 404, "dashboard": 404}[role]
        assert response.status_code == expected
        assert bulk.status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_officer_dossier_api_per_role(client, world, role):
    _sign_in(client, world.person(role))
    listed = client.get("/api/v1/officer/dossiers/").json()
    receive = client.post(f"/api/v1/officer/dossiers/{world.dossier.public_id}/receive/")
    world.dossier.refresh_from_db()
    if role in WORKERS:
        assert [d["public_id"] for d in listed["results"]] == [str(world.dossier.public_id)]
        assert receive.status_code == 200 and world.dossier.status == DossierStatus.RECEIVED
    else:
        assert listed["results"] == []
        assert receive.status_code == 404 and receive.json()["code"] == "not_found"
        assert world.dossier.status == DossierStatus.SUBMITTED


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_report_pages_photos_actions_and_api_per_role(client, world, role):
    report = world.report
    photo = report.photos.get()
    _sign_in(client, world.person(role))
    queue = client.get("/admin/reports/report/")
    page = client.get(f"/admin/reports/report/{report.pk}/change/")
    photo_status = client.get(f"/phan-anh/anh/{photo.public_id}/").status_code
    take_on = client.post(f"/admin/reports/report/{report.pk}/xu-ly/nhan-xu-ly/", {"nhan-xu-ly-assignee": ""})
    api = client.get("/api/v1/officer/reports/").json()
    report.refresh_from_db()
    if role in WORKERS:
        assert queue.status_code == 200 and report.code in queue.content.decode()
        assert page.status_code == 200 and f"/phan-anh/anh/{photo.public_id}/" in page.content.decode()
        assert photo_status == 200
        assert take_on.status_code == 302 and report.status == ReportStatus.ASSIGNED
        assert [r["code"] for r in api["results"]] == [report.code]
    else:
        assert report.status == ReportStatus.RECEIVED
        assert api["results"] == []
        if role == "citizen":
            assert queue.status_code == 302 and page.status_code == 302 and take_on.status_code == 302
            assert photo_status == 200  # their own photo of a public category
        elif role == "other_officer":
            assert page.status_code == 404 and take_on.status_code == 404
        else:
            assert queue.status_code == 403 and page.status_code == 404 and take_on.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "head", "viewer", "dashboard"])
def test_the_home_page_fits_the_role(client, world, role):
    from reports.services import report_assign

    report_assign(report=world.report, officer=world.officer)  # the head sees who holds what
    _sign_in(client, world.person(role))
    html = client.get("/admin/").content.decode()
    assert "Hồ sơ trực tuyến" in html and "Phản ánh hiện trường" in html
    if role in WORKERS:
        assert "/admin/dossiers/dossier/?han=moi" in html and "chờ tiếp nhận" in html
        assert ("Khối lượng việc của cán bộ" in html) == (role == "head")
        assert (world.officer.full_name in html) == (role == "head")
    else:
        assert "(số liệu)" in html
        assert "/admin/dossiers/dossier/" not in html and "/admin/reports/report/" not in html
        assert world.citizen.full_name not in html


@pytest.mark.django_db
def test_an_officer_signing_in_lands_on_the_back_office_and_a_citizen_does_not_see_it(client, world):
    response = client.post(
        "/tai-khoan/login/", {"login": world.officer.username, "password": "Mat-khau-thu-2026"}, follow=False
    )
    assert response.status_code == 302
    assert response["Location"] in ("/admin/", "/tai-khoan/2fa/authenticate/")
    _sign_in(client, world.citizen)
    assert "/admin/" not in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_dashboards_per_role(client, world, role):
    """Every figures role opens every board of its agency and the API; the records behind a figure are for officers
    and heads; an officer of another agency counts none of this agency's dossiers; a citizen sees none of it."""
    from dashboards.boards import BOARDS
    from dashboards.facts import facts_rebuild

    code = dossier_receive(dossier=world.dossier, officer=world.officer).code
    today = timezone.localdate()
    facts_rebuild(first=today.replace(day=1), last=today)
    _sign_in(client, world.person(role))
    pages = [f"/bang-dieu-khien/{slug}/" for slug in BOARDS] + ["/bang-dieu-khien/?xuat=csv"]
    statuses = {page: client.get(page).status_code for page in pages}
    records = client.get("/bang-dieu-khien/danh-sach-ho-so/", {"chi-so": "tiep-nhan"})
    api = client.get("/api/v1/dashboards/dossiers/", {"from": str(today.replace(day=1)), "to": str(today)})
    if role == "citizen":
        assert set(statuses.values()) == {403} and records.status_code == 403 and api.status_code == 403
        return
    assert set(statuses.values()) == {200}, statuses
    received = api.json()["received"]
    assert received == (0 if role == "other_officer" else 1)
    if role in WORKERS:
        assert records.status_code == 200 and code in records.content.decode()
    elif role == "other_officer":
        assert records.status_code == 200 and code not in records.content.decode()
    else:
        assert records.status_code == 403 and code not in records.content.decode()
