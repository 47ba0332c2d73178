"""One JSON error format with a stable `code` for every API failure."""

import pytest

from citizen_portal.api.exceptions import exception_handler
from identity.tokens import api_token_issue

ERROR_KEYS = {"code", "title", "detail"}


@pytest.mark.django_db
def test_an_unknown_address_answers_not_found_in_json(client):
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404
    body = response.json()
    assert set(body) >= ERROR_KEYS
    assert body["code"] == "not_found"


@pytest.mark.django_db
def test_a_missing_object_answers_not_found_in_json(client):
    response = client.get("/api/v1/agencies/KHONG-CO/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_bad_filter_values_list_each_field(client):
    response = client.get("/api/v1/wards/", {"province": "abc"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["title"] == "Dữ liệu không hợp lệ"
    assert list(body["errors"]) == ["province"]
    assert body["errors"]["province"]


@pytest.mark.django_db
def test_an_anonymous_client_gets_401_with_a_challenge(client):
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.django_db
def test_a_wrong_token_is_refused(client):
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer sai-ma")
    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"
    assert response.json()["title"] == "Cần đăng nhập lại"


@pytest.mark.django_db
def test_a_write_to_read_only_data_is_refused_with_a_stable_code(client, citizen):
    client.force_login(citizen)
    response = client.post("/api/v1/agencies/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.django_db
def test_token_and_session_both_authenticate_and_show_only_your_own_account(client, citizen, other_citizen):
    key, _ = api_token_issue(user=citizen)
    mine = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert mine["public_id"] == str(citizen.public_id)
    assert mine["full_name"] == "Nguyễn Văn An"
    assert "id" not in mine and "password" not in mine
    client.force_login(other_citizen)
    theirs = client.get("/api/v1/me/").json()
    assert theirs["public_id"] == str(other_citizen.public_id)


def test_an_unexpected_error_becomes_a_server_error_body():
    response = exception_handler(RuntimeError("boom"), {})
    assert response.status_code == 500
    assert response.data["code"] == "server_error"
    assert "boom" not in response.data["detail"]  # internals never leak to clients


@pytest.mark.django_db
def test_the_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/agencies/" in document["paths"]
    assert "/api/v1/me/" in document["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
