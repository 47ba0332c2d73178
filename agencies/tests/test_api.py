import pytest

from agencies.tests.factories import AgencyFactory


@pytest.mark.django_db
def test_wards_of_a_province_are_paginated(client, geography):
    response = client.get("/api/v1/wards/", {"province": 80})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 96
    assert len(body["results"]) == 20
    assert body["next"]
    assert {"code", "name", "division_type", "codename", "province_code"} == set(body["results"][0])


@pytest.mark.django_db
def test_ward_search_ignores_diacritics(client, geography):
    response = client.get("/api/v1/wards/", {"province": 80, "q": "hung dien"})
    assert [ward["name"] for ward in response.json()["results"]] == ["Xã Hưng Điền"]
    response = client.get("/api/v1/wards/", {"q": "Hưng Điền"})
    assert "Xã Hưng Điền" in [ward["name"] for ward in response.json()["results"]]


@pytest.mark.django_db
def test_all_34_provinces_come_in_one_response(client, geography):
    body = client.get("/api/v1/provinces/").json()
    assert len(body) == 34


@pytest.mark.django_db
def test_agencies_are_public_and_looked_up_by_identifier(client, django_assert_max_num_queries):
    AgencyFactory.create_batch(5)
    agency = AgencyFactory(identifier="TNH-STP", name="Sở Tư pháp tỉnh Tây Ninh")
    with django_assert_max_num_queries(2):  # count + page, however many agencies
        body = client.get("/api/v1/agencies/").json()
    assert body["count"] == 6
    detail = client.get(f"/api/v1/agencies/{agency.identifier}/").json()
    assert detail["name"] == "Sở Tư pháp tỉnh Tây Ninh"
    assert "id" not in detail  # public identifiers only
    found = client.get("/api/v1/agencies/", {"q": "so tu phap"}).json()["results"]
    assert [a["identifier"] for a in found] == ["TNH-STP"]


@pytest.mark.django_db
def test_inactive_agencies_are_not_listed(client):
    AgencyFactory(identifier="OLD-1", is_active=False)
    assert client.get("/api/v1/agencies/").json()["count"] == 0
    assert client.get("/api/v1/agencies/OLD-1/").status_code == 404
