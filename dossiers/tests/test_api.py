import uuid

import pytest

from dossiers.models import Dossier
from dossiers.tests.conftest import procedure
from identity.tokens import api_token_issue


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=user)[0]}"}


@pytest.mark.django_db
def test_the_catalogue_api_is_public_and_searchable(client, catalogue, django_assert_max_num_queries):
    client.get("/api/v1/procedures/", {"q": "ket hon"})  # the synonym table, read once then kept in the cache
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/procedures/", {"q": "ket hon"}).json()
    assert body["results"][0]["name"] == "Đăng ký kết hôn"  # best first; "…tình trạng hôn nhân" (for marrying) next
    assert "Đăng ký khai sinh" not in [p["name"] for p in body["results"]]
    detail = client.get(f"/api/v1/procedures/{procedure('Đăng ký khai sinh').public_id}/").json()
    assert detail["cases"][0]["documents"][0]["key"] == "giay-chung-sinh"
    assert {"key": "child_name"}.items() <= detail["form_fields"][5].items()


@pytest.mark.django_db
def test_a_citizen_drafts_and_submits_through_the_api(client, catalogue, verified_citizen, agency):
    chosen = procedure("Xác nhận tình trạng hôn nhân")
    created = client.post(
        "/api/v1/my/dossiers/",
        {"procedure": str(chosen.public_id), "case": chosen.cases.get().pk, "agency": agency.identifier},
        content_type="application/json",
        **auth(verified_citizen),
    )
    assert created.status_code == 201, created.json()
    public_id = created.json()["public_id"]
    bad = client.post(
        f"/api/v1/my/dossiers/{public_id}/answers/",
        {"answers": {"purpose": "x" * 400}},
        content_type="application/json",
        **auth(verified_citizen),
    )
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error"
    assert list(bad.json()["errors"]) == ["purpose"]
    client.post(
        f"/api/v1/my/dossiers/{public_id}/answers/",
        {"answers": {"purpose": "Kết hôn", "declaration": True}},
        content_type="application/json",
        **auth(verified_citizen),
    )
    token = str(uuid.uuid4())
    for _ in range(2):  # a retry with the same token is harmless
        submitted = client.post(
            f"/api/v1/my/dossiers/{public_id}/submit/",
            {"submission_token": token},
            content_type="application/json",
            **auth(verified_citizen),
        )
        assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["national_status_code"] == 1


@pytest.mark.django_db
def test_a_level1_citizen_cannot_start_through_the_api(client, catalogue, citizen, agency):
    chosen = procedure("Xác nhận tình trạng hôn nhân")
    response = client.post(
        "/api/v1/my/dossiers/",
        {"procedure": str(chosen.public_id), "case": chosen.cases.get().pk, "agency": agency.identifier},
        content_type="application/json",
        **auth(citizen),
    )
    assert response.status_code == 403 and response.json()["code"] == "identity_level_required"
    assert not Dossier.objects.exists()


@pytest.mark.django_db
def test_nobody_else_reaches_the_dossier_through_the_api(
    client, submitted_birth_registration, other_citizen, other_officer, officer
):
    public_id = submitted_birth_registration.public_id
    assert client.get(f"/api/v1/my/dossiers/{public_id}/", **auth(other_citizen)).status_code == 404
    assert client.get(f"/api/v1/officer/dossiers/{public_id}/", **auth(other_officer)).status_code == 404
    refused = client.post(f"/api/v1/officer/dossiers/{public_id}/receive/", **auth(other_officer))
    assert refused.status_code == 404
    received = client.post(f"/api/v1/officer/dossiers/{public_id}/receive/", **auth(officer))
    assert received.status_code == 200 and received.json()["status"] == "received"
    again = client.post(f"/api/v1/officer/dossiers/{public_id}/receive/", **auth(officer))
    assert again.status_code == 409 and again.json()["code"] == "transition_not_allowed"


@pytest.mark.django_db
def test_an_officer_takes_a_dossier_to_the_result_through_the_api(client, submitted_birth_registration, officer):
    base = f"/api/v1/officer/dossiers/{submitted_birth_registration.public_id}"
    headers = auth(officer)
    assert client.post(f"{base}/receive/", **headers).json()["status"] == "received"
    fee = client.post(f"{base}/request-fee/", {"amount": 0}, content_type="application/json", **headers)
    assert fee.status_code == 400 and fee.json()["code"] == "validation_error"
    assert client.post(f"{base}/start-processing/", **headers).json()["status"] == "processing"
    missing = client.post(f"{base}/mark-done/", {"electronic_result": True}, content_type="application/json", **headers)
    assert missing.status_code == 400 and missing.json()["code"] == "result_missing"
    done = client.post(f"{base}/mark-done/", {"electronic_result": False}, content_type="application/json", **headers)
    assert done.json()["status"] == "done"
    returned = client.post(f"{base}/return-result/", **headers).json()
    assert returned["status"] == "returned" and returned["national_status_code"] == 10
    assert [h["status"] for h in returned["history"]] == ["submitted", "received", "processing", "done", "returned"]
