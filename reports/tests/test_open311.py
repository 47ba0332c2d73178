"""Open311 GeoReport v2: every endpoint in JSON and XML, as the specification writes them, errors included."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from reports.models import Open311Client, Report
from reports.services import report_resolve
from reports.tests.conftest import HERE
from reports.tests.test_services import filed

BASE = "/open311/v2"


def xml(response):
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own response in a test


@pytest.fixture
def api_key(db):
    client = Open311Client(name="Ứng dụng thử")
    raw = client.issue_key()
    client.save()
    return raw


@pytest.fixture
def reports(categories, citizen, roads_agency):
    from agencies.tests.factories import OfficerFactory

    officer = OfficerFactory(agency=roads_agency)
    open_one = filed(citizen, categories["fallen_tree"], description="Cây đổ đường Trần Hưng Đạo")
    closed = report_resolve(
        report=filed(citizen, categories["pothole"], description="Ổ gà lớn"), officer=officer, answer="Đã vá."
    )
    private = filed(citizen, categories["disorder"], description="Gây rối trật tự")
    return {"open": open_one, "closed": closed, "private": private}


@pytest.mark.django_db
def test_discovery(client):
    data = client.get(f"{BASE}/discovery.json").json()
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/") and endpoint["formats"] == ["text/xml", "application/json"]
    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == ["text/xml", "application/json"]


@pytest.mark.django_db
def test_services_list_only_public_categories(client, categories):
    data = client.get(f"{BASE}/services.json", {"jurisdiction_id": "80"}).json()
    codes = {s["service_code"] for s in data}
    assert codes == {"cay-gay-do", "o-ga", "ngap-nuoc"}  # "gay-roi" is under a non-public group
    tree = next(s for s in data if s["service_code"] == "cay-gay-do")
    assert tree["group"] == "Cây xanh" and tree["metadata"] is False and tree["type"] == "realtime"
    assert tree["keywords"] == "cay,gay,do"
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services" and {s.findtext("service_code") for s in root.findall("service")} == codes
    assert root.find("service/metadata").text == "false"


@pytest.mark.django_db
def test_service_definition_and_its_404(client, categories):
    assert client.get(f"{BASE}/services/o-ga.json").json() == {"service_code": "o-ga", "attributes": []}
    root = xml(client.get(f"{BASE}/services/o-ga.xml"))
    assert root.tag == "service_definition" and root.findtext("service_code") == "o-ga"
    missing = client.get(f"{BASE}/services/gay-roi.json")
    assert missing.status_code == 404 and missing.json() == [
        {"code": 404, "description": "service_code gay-roi not found"}
    ]
    root = xml(client.get(f"{BASE}/services/khong-co.xml"))
    assert root.tag == "errors" and root.findtext("error/code") == "404"


@pytest.mark.django_db
def test_requests_list_public_fields_with_filters(client, reports, citizen):
    data = client.get(f"{BASE}/requests.json").json()
    assert {r["service_request_id"] for r in data} == {reports["open"].code, reports["closed"].code}
    item = next(r for r in data if r["service_request_id"] == reports["open"].code)
    assert item["status"] == "open" and item["service_code"] == "cay-gay-do"
    assert item["expected_datetime"] == timezone.localtime(reports["open"].deadline_at).isoformat(timespec="seconds")
    assert item["lat"] == round(HERE[0], 4) and item["media_url"].startswith("http://testserver/phan-anh/anh/")
    body = client.get(f"{BASE}/requests.json").content.decode()
    assert citizen.full_name not in body and citizen.phone not in body
    closed = next(r for r in data if r["status"] == "closed")
    assert closed["status_notes"] == "Đã vá."
    assert [r["service_request_id"] for r in client.get(f"{BASE}/requests.json", {"status": "closed"}).json()] == [
        reports["closed"].code
    ]
    assert [r["service_code"] for r in client.get(f"{BASE}/requests.json", {"service_code": "o-ga"}).json()] == ["o-ga"]
    ids = f"{reports['open'].code},{reports['private'].code}"
    assert [
        r["service_request_id"] for r in client.get(f"{BASE}/requests.json", {"service_request_id": ids}).json()
    ] == [reports["open"].code]
    tomorrow = (timezone.now() + dt.timedelta(days=1)).isoformat()
    assert client.get(f"{BASE}/requests.json", {"start_date": tomorrow}).json() == []
    root = xml(client.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests" and len(root.findall("request")) == 2
    assert root.find("request/service_request_id").text.startswith("PA-")


@pytest.mark.django_db
def test_request_errors_bad_status_bad_date_wrong_jurisdiction(client, reports):
    bad = client.get(f"{BASE}/requests.json", {"status": "pending"})
    assert bad.status_code == 400 and bad.json()[0]["code"] == 400
    assert client.get(f"{BASE}/requests.json", {"start_date": "hôm qua"}).status_code == 400
    wrong = client.get(f"{BASE}/requests.xml", {"jurisdiction_id": "79"})
    assert wrong.status_code == 404 and xml(wrong).findtext("error/description") == "jurisdiction_id 79 not found"
    unknown = client.get(f"{BASE}/khong-co.json")
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == 404


@pytest.mark.django_db
def test_one_request_is_a_one_element_list_and_private_ones_are_404(client, reports):
    data = client.get(f"{BASE}/requests/{reports['open'].code}.json").json()
    assert len(data) == 1 and data[0]["service_request_id"] == reports["open"].code
    root = xml(client.get(f"{BASE}/requests/{reports['open'].code}.xml"))
    assert root.tag == "service_requests" and len(root.findall("request")) == 1
    assert client.get(f"{BASE}/requests/{reports['private'].code}.json").status_code == 404
    assert xml(client.get(f"{BASE}/requests/PA-1999-000001.xml")).tag == "errors"


@pytest.mark.django_db
def test_posting_a_request_needs_a_valid_key_and_creates_a_routed_report(client, categories, api_key, agency):
    payload = {
        "service_code": "cay-gay-do",
        "lat": HERE[0],
        "long": HERE[1],
        "description": "Cây đổ trước chợ",
        "first_name": "An",
        "last_name": "Nguyễn Văn",
        "phone": "0912345678",
        "jurisdiction_id": "80",
    }
    refused = client.post(f"{BASE}/requests.json", {**payload, "api_key": "sai"})
    assert refused.status_code == 403 and refused.json() == [
        {"code": 403, "description": "api_key is missing or not valid"}
    ]
    assert xml(client.post(f"{BASE}/requests.xml", payload)).findtext("error/code") == "403"
    created = client.post(f"{BASE}/requests.json", {**payload, "api_key": api_key})
    assert created.status_code == 201
    [answer] = created.json()
    report = Report.objects.get(code=answer["service_request_id"])
    assert report.agency == agency and report.source == "open311" and report.contact_name == "Nguyễn Văn An"
    assert client.get(f"{BASE}/tokens/{answer['token']}.json").json() == [
        {"service_request_id": report.code, "token": answer["token"]}
    ]
    root = xml(client.get(f"{BASE}/tokens/{answer['token']}.xml"))
    assert root.tag == "service_requests" and root.findtext("request/service_request_id") == report.code
    assert client.get(f"{BASE}/tokens/khong-co.json").status_code == 404
    xml_created = client.post(
        f"{BASE}/requests.xml", {**payload, "api_key": api_key, "lat": "", "long": "", "address_string": "Chợ Long Hoa"}
    )
    assert xml_created.status_code == 201 and xml(xml_created).findtext("request/service_request_id").startswith("PA-")


@pytest.mark.django_db
def test_a_post_with_bad_data_is_a_400_in_the_spec_format(client, categories, api_key):
    base = {"api_key": api_key, "service_code": "cay-gay-do", "lat": HERE[0], "long": HERE[1]}
    for payload, fragment in [
        ({**base, "service_code": "gay-roi", "description": "x"}, "service_code"),
        ({**base, "description": ""}, "description_required"),
        ({**base, "description": "x", "lat": "bắc"}, "lat and long"),
        ({**base, "description": "x", "lat": "", "long": ""}, "location_required"),
    ]:
        response = client.post(f"{BASE}/requests.json", payload)
        assert response.status_code == 400 and fragment in response.json()[0]["description"]
    assert Report.objects.count() == 0
