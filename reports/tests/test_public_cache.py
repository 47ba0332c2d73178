"""Anonymous visitors share public pages for a short while; nobody with a session, credentials or a form token
does, and a change to public content is visible at once."""

import gzip

import pytest

from dossiers.tests import conftest as dossier_fixtures
from reports.models import Report
from reports.tests.test_services import filed

ANONYMOUS_PAGES = ["/", "/ho-so/", "/phan-anh/", "/open311/v2/requests.json", "/api/v1/reports/", "/api/schema/"]


catalogue = dossier_fixtures.catalogue  # the procedures, for the catalogue pages


@pytest.fixture
def shared(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_an_anonymous_visitor_gets_the_shared_copy_without_touching_the_database(
    client, shared, catalogue, categories, citizen, path, django_assert_num_queries
):
    filed(citizen, categories["fallen_tree"])
    first = client.get(path)
    assert first.status_code == 200 and first["X-Public-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again["X-Public-Cache"] == "hit" and again.content == first.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Vary"):
        assert again.get(header) == first.get(header), header  # made below the cache when the page was built
    assert not again.cookies
    # A phone that accepts gzip gets the copy compressed when it was stored, and it unpacks to the same page.
    client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["X-Public-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == first.content and "Accept-Encoding" in packed["Vary"]
    # The shared copy still gets today's security headers and an ETag (a repeat visit answers 304).
    assert "Content-Security-Policy" in again and again.has_header("ETag")
    assert client.get(path, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    # A phone that got the page fresh (gzipped) revalidates against the shared copy: same ETag, 304.
    assert packed["ETag"] == f"W/{again['ETag']}"


@pytest.mark.django_db
def test_the_first_visitors_etag_still_matches_once_the_page_is_shared(client, shared, categories, citizen):
    fresh = client.get("/phan-anh/", HTTP_ACCEPT_ENCODING="gzip")
    assert fresh["X-Public-Cache"] == "miss" and fresh["ETag"].startswith('W/"')
    repeat = client.get("/phan-anh/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=fresh["ETag"])
    assert repeat.status_code == 304


@pytest.mark.django_db
def test_a_new_report_and_an_answer_show_at_once(client, shared, categories, citizen, officer):
    from reports.services import report_resolve

    first = filed(citizen, categories["fallen_tree"])
    assert first.code in client.get("/phan-anh/").content.decode()
    second = filed(citizen, categories["pothole"])
    assert second.code in client.get("/phan-anh/").content.decode()
    client.get(f"/phan-anh/{first.code}/")
    report_resolve(report=Report.objects.get(pk=first.pk), officer=officer, answer="Đã dọn xong cây đổ.")
    page = client.get(f"/phan-anh/{first.code}/")
    assert page["X-Public-Cache"] == "miss" and "Đã dọn xong cây đổ." in page.content.decode()


@pytest.mark.django_db
def test_signed_in_people_and_api_clients_never_get_or_make_a_shared_copy(
    client, shared, categories, citizen, other_citizen
):
    filed(citizen, categories["fallen_tree"])
    client.force_login(citizen)
    mine = client.get("/")
    assert "X-Public-Cache" not in mine and "private" in mine["Cache-Control"]
    client.logout()
    # A visitor whose page has never been stored gets a fresh one, not the citizen's.
    anonymous = client.get("/")
    assert anonymous["X-Public-Cache"] == "miss" and citizen.full_name not in anonymous.content.decode()
    with_credentials = client.get("/api/v1/reports/", HTTP_AUTHORIZATION="Token abc")
    assert "X-Public-Cache" not in with_credentials
    client.cookies["messages"] = "anything"
    assert "X-Public-Cache" not in client.get("/phan-anh/")


@pytest.mark.django_db
def test_only_named_views_and_only_plain_answers_are_shared(client, shared, categories, citizen):
    report = filed(citizen, categories["fallen_tree"])
    assert "X-Public-Cache" not in client.get("/dang-nhap/")  # hands out a form token: never listed
    assert "X-Public-Cache" not in client.get("/phan-anh/khong-co/")  # a 404 is not stored
    assert "X-Public-Cache" not in client.post("/open311/v2/requests.json", {})
    assert client.get(f"/phan-anh/{report.code}/")["X-Public-Cache"] == "miss"
    # The report page offers "Theo dõi" to a visitor as a sign-in link, so it carries no form token to share.
    page = client.get(f"/phan-anh/{report.code}/").content.decode()
    assert "csrfmiddlewaretoken" not in page and f"/dang-nhap/?next=/phan-anh/{report.code}/" in page


@pytest.mark.django_db
def test_turned_off_nothing_is_stored(client, settings, categories, citizen):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    filed(citizen, categories["fallen_tree"])
    assert "X-Public-Cache" not in client.get("/phan-anh/")
    assert "X-Public-Cache" not in client.get("/phan-anh/")


@pytest.mark.django_db
def test_the_status_lookup_form_is_shared_and_the_lookup_itself_never(shared, db):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)  # a lookup needs no form token: the page carries none
    form = visitor.get("/ho-so/tra-cuu/")
    assert form["X-Public-Cache"] == "miss" and "csrfmiddlewaretoken" not in form.content.decode()
    assert visitor.get("/ho-so/tra-cuu/")["X-Public-Cache"] == "hit"
    for _ in range(2):
        answer = visitor.post("/ho-so/tra-cuu/", {"code": "TNH-UB-1-2026-000001", "contact": "0912345678"})
        assert answer.status_code == 200 and "X-Public-Cache" not in answer
        assert "Không tìm thấy hồ sơ khớp" in answer.content.decode()
