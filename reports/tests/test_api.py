"""The report API: public reads without personal data, the citizen's own reports, officer actions, scoping,
structured errors with stable codes, and a schema that generates without warnings."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from reports.models import Report
from reports.services import report_resolve
from reports.tests.conftest import HERE, NEAR, photo
from reports.tests.test_services import filed
from reports.workflow import ReportStatus


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_public_reads_carry_no_personal_data(api, categories, citizen, officer):
    report = report_resolve(report=filed(citizen, categories["fallen_tree"]), officer=officer, answer="Đã dọn.")
    filed(citizen, categories["disorder"])  # not public
    listing = api.get("/api/v1/reports/").json()
    assert [r["code"] for r in listing["results"]] == [report.code]
    detail = api.get(f"/api/v1/reports/{report.code}/").json()
    assert detail["public_answer"] == "Đã dọn." and detail["reporter_name"] == "Người dân (ẩn danh)"
    assert [step["status"] for step in detail["timeline"]] == ["received", "resolved"]
    body = api.get(f"/api/v1/reports/{report.code}/").content.decode()
    assert citizen.phone not in body and citizen.full_name not in body
    assert {c["slug"] for c in api.get("/api/v1/report-categories/").json()} >= {"cay-gay-do", "o-ga"}


@pytest.mark.django_db
def test_nearby_before_filing(api, categories, citizen):
    existing = filed(citizen, categories["fallen_tree"], where=NEAR)
    found = api.get("/api/v1/reports/nearby/", {"category": "cay-gay-do", "latitude": HERE[0], "longitude": HERE[1]})
    assert [n["report"]["code"] for n in found.json()] == [existing.code]
    bad = api.get("/api/v1/reports/nearby/", {"category": "cay-gay-do", "latitude": 200, "longitude": 1})
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error" and "latitude" in bad.json()["errors"]


@pytest.mark.django_db
def test_a_citizen_files_a_report_with_photos_in_one_call(api, categories, citizen, agency):
    api.force_authenticate(citizen)
    response = api.post(
        "/api/v1/my/reports/",
        {
            "category": "cay-gay-do",
            "description": "Cây đổ",
            "latitude": HERE[0],
            "longitude": HERE[1],
            "photos": [photo(), photo("b.jpg")],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["code"].startswith("PA-") and data["status"] == "received" and len(data["photos"]) == 2
    assert Report.objects.get(code=data["code"]).agency == agency
    forged = api.post(
        "/api/v1/my/reports/",
        {
            "category": "cay-gay-do",
            "description": "Cây đổ",
            "latitude": HERE[0],
            "longitude": HERE[1],
            "photos": [photo(), _html_named_jpg()],
        },
        format="multipart",
    )
    assert forged.status_code == 400 and forged.json()["code"] == "photo_type_refused"
    assert Report.objects.count() == 1


def _html_named_jpg():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("anh.jpg", b"<html><body>hi</body></html>", "image/jpeg")


@pytest.mark.django_db
def test_my_reports_are_mine_only(api, categories, citizen, other_citizen):
    mine = filed(citizen, categories["disorder"])
    api.force_authenticate(other_citizen)
    assert api.get("/api/v1/my/reports/").json()["results"] == []
    assert api.get(f"/api/v1/my/reports/{mine.code}/").status_code == 404
    assert api.get(f"/api/v1/reports/{mine.code}/").status_code == 404
    assert api.post(f"/api/v1/my/reports/{mine.code}/rate/", {"rating": 5}).status_code == 404
    api.force_authenticate(citizen)
    assert api.get(f"/api/v1/my/reports/{mine.code}/").json()["exact_location"]["latitude"] == HERE[0]
    api.force_authenticate(None)
    assert api.get("/api/v1/my/reports/").status_code in (401, 403)


@pytest.mark.django_db
def test_officers_act_through_the_api_and_only_on_their_agencys_reports(
    api, categories, citizen, officer, other_officer
):
    report = filed(citizen, categories["fallen_tree"])
    api.force_authenticate(other_officer)
    assert api.get("/api/v1/officer/reports/").json()["results"] == []
    assert api.post(f"/api/v1/officer/reports/{report.code}/start/").status_code == 404
    api.force_authenticate(officer)
    assert api.post(f"/api/v1/officer/reports/{report.code}/assign/", {}, format="json").json()["status"] == "assigned"
    refused = api.post(f"/api/v1/officer/reports/{report.code}/resolve/", {"answer": " "}, format="json")
    assert refused.status_code == 400
    done = api.post(f"/api/v1/officer/reports/{report.code}/resolve/", {"answer": "Đã dọn."}, format="json")
    assert done.json()["status"] == "resolved" and done.json()["contact"] is None  # no contact permission
    again = api.post(f"/api/v1/officer/reports/{report.code}/start/")
    assert again.status_code == 409 and again.json()["code"] == "transition_not_allowed"
    api.force_authenticate(citizen)
    rated = api.post(
        f"/api/v1/my/reports/{report.code}/rate/",
        {"rating": 2, "reasons": ["not_fixed"], "reopen_reason": "Chưa dọn hết."},
        format="json",
    )
    assert rated.json()["status"] == ReportStatus.REOPEN_REQUESTED


@pytest.mark.django_db
def test_the_schema_documents_the_report_routes_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.mark.django_db
def test_too_many_submissions_get_a_429_with_a_stable_code(api, categories, citizen, settings):
    settings.REPORTS = {**settings.REPORTS, "SUBMISSIONS_PER_HOUR_USER": 1}
    api.force_authenticate(citizen)
    payload = {"category": "cay-gay-do", "description": "Cây đổ", "latitude": HERE[0], "longitude": HERE[1]}
    assert api.post("/api/v1/my/reports/", {**payload, "photos": [photo()]}, format="multipart").status_code == 201
    again = api.post("/api/v1/my/reports/", {**payload, "photos": [photo()]}, format="multipart")
    assert again.status_code == 429 and again.json()["code"] == "throttled"
    assert "thử lại sau" in again.json()["detail"]
    assert Report.objects.count() == 1
