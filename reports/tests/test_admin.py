"""The back office: the queue with overdue first, decisions through the services, masked contacts, scoping."""

import datetime as dt

import pytest
from django.utils import timezone

from agencies.models import OfficerRole
from agencies.tests.factories import OfficerFactory
from reports.models import AnswerTemplate, Report
from reports.tests.conftest import photo
from reports.tests.test_services import filed
from reports.workflow import ReportStatus


@pytest.mark.django_db
def test_the_queue_puts_late_reports_first_and_flags_them(client, categories, citizen, officer):
    late = filed(citizen, categories["fallen_tree"])  # the older one: the queue's order, not the newest first
    on_time = filed(citizen, categories["fallen_tree"])
    Report.objects.filter(pk=late.pk).update(
        deadline_at=timezone.now() - dt.timedelta(days=1), seriously_late_at=timezone.now() - dt.timedelta(hours=1)
    )
    client.force_login(officer)
    page = client.get("/admin/reports/report/")
    assert [r.pk for r in page.context["cl"].result_list] == [late.pk, on_time.pk]
    assert "· trễ nghiêm trọng" in page.content.decode()
    overdue = client.get("/admin/reports/report/", {"han": "qua-han"})
    assert [r.pk for r in overdue.context["cl"].result_list] == [late.pk]


@pytest.mark.django_db
def test_an_officer_resolves_with_a_template_answer_and_an_after_photo(client, categories, citizen, officer):
    report = filed(citizen, categories["fallen_tree"])
    template = AnswerTemplate.objects.create(
        category=categories["trees"], title="Đã dọn cây", text="Đội cây xanh đã cưa, dọn cây đổ; đường đã thông."
    )
    client.force_login(officer)
    assert "Đã dọn cây" in client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    response = client.post(
        f"/admin/reports/report/{report.pk}/xu-ly/da-xu-ly/",
        {"da-xu-ly-template": template.pk, "da-xu-ly-photos": [photo("sau.jpg")]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED and report.public_answer == template.text
    assert report.photos.filter(kind="answer").count() == 1


@pytest.mark.django_db
def test_a_refused_decision_is_explained_and_changes_nothing(client, categories, citizen, officer):
    report = filed(citizen, categories["fallen_tree"])
    client.force_login(officer)
    response = client.post(f"/admin/reports/report/{report.pk}/xu-ly/khong-xu-ly/", {"khong-xu-ly-text": ""})
    assert response.status_code == 400
    assert "Cần viết câu trả lời công khai" in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED


@pytest.mark.django_db
def test_staff_see_nearby_candidates_and_mark_a_duplicate_by_code(client, categories, citizen, other_citizen, officer):
    original = filed(other_citizen, categories["fallen_tree"])
    copy = filed(citizen, categories["fallen_tree"])
    client.force_login(officer)
    page = client.get(f"/admin/reports/report/{copy.pk}/change/").content.decode()
    assert original.code in page and "0 m" in page
    client.post(
        f"/admin/reports/report/{copy.pk}/xu-ly/trung/",
        {"trung-original_code": original.code, "trung-answer": "Đã có phản ánh trước."},
    )
    copy.refresh_from_db()
    assert copy.status == ReportStatus.DUPLICATE and copy.duplicate_of == original


@pytest.mark.django_db
def test_reporter_contact_is_masked_without_the_permission(client, categories, citizen, officer, agency):
    report = filed(citizen, categories["fallen_tree"])
    client.force_login(officer)
    page = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert citizen.phone not in page and "•••" in page
    head = OfficerFactory(agency=agency, agency__role=OfficerRole.HEAD)
    client.force_login(head)
    assert citizen.phone in client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()


@pytest.mark.django_db
def test_an_officer_of_another_agency_sees_nothing_of_it(client, categories, citizen, other_officer):
    report = filed(citizen, categories["fallen_tree"])
    client.force_login(other_officer)
    assert report.pk not in [r.pk for r in client.get("/admin/reports/report/").context["cl"].result_list]
    assert client.get(f"/admin/reports/report/{report.pk}/change/").status_code == 404
    assert client.post(f"/admin/reports/report/{report.pk}/xu-ly/da-xu-ly/", {"da-xu-ly-text": "x"}).status_code == 404
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED
