"""CORS: the mini app's origins (Zalo's h5.zdn.vn, and the local shim build in the demo) may call the API from a
browser; any other origin gets no CORS headers, so the browser refuses to hand it the answer. Pages are never
opened to other origins."""

import pytest
from django.test import override_settings


def preflight(client, origin, path="/api/v1/me/"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type, x-client, x-visit-start",
    )


@pytest.mark.django_db
def test_zalos_mini_app_origin_may_call_the_api(client):
    response = preflight(client, "https://h5.zdn.vn")
    assert response["Access-Control-Allow-Origin"] == "https://h5.zdn.vn"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "x-client", "x-visit-start"} <= allowed
    assert "Access-Control-Allow-Credentials" not in response  # bearer tokens, never cookies
    answer = client.get("/api/v1/procedures/", HTTP_ORIGIN="https://h5.zdn.vn")
    assert answer.status_code == 200 and answer["Access-Control-Allow-Origin"] == "https://h5.zdn.vn"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://h5.zdn.vn.evil.example", "http://h5.zdn.vn", "null"]
)
def test_other_origins_get_no_cors_headers(client, origin):
    assert "Access-Control-Allow-Origin" not in preflight(client, origin)
    assert "Access-Control-Allow-Origin" not in client.get("/api/v1/procedures/", HTTP_ORIGIN=origin)


@pytest.mark.django_db
def test_pages_are_not_opened_to_the_mini_app_origin(client):
    response = client.get("/", HTTP_ORIGIN="https://h5.zdn.vn")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
@override_settings(CORS_ALLOWED_ORIGINS=["https://h5.zdn.vn"])
def test_the_local_shim_origin_is_refused_when_not_configured(client):
    assert "Access-Control-Allow-Origin" not in preflight(client, "http://127.0.0.1:8794")
