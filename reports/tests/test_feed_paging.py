"""Public report lists read from a position (never counted): the feed's "Cũ hơn"/"Mới hơn" links, the API's
cursor, and Open311's page/page_size, each walked end to end."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from citizen_portal.scale import scale_seed
from reports.models import Report
from reports.selectors import cursor_position, feed_cursor, public_reports

CARD = re.compile(r'<li class="report-card"><a href="/phan-anh/([^/"]+)/"')


def _province(count: int) -> list[str]:
    """`count` public reports (the seeded run "pg"), newest first, with a few sharing the same second."""
    scale_seed(label="pg", dossiers=0, reports=count, citizens=20, agencies=5, log=io.StringIO().write)
    reports = list(public_reports())
    moment = reports[3].received_at
    Report.objects.filter(pk__in=[r.pk for r in reports[3:8]]).update(received_at=moment)  # ties in one instant
    return [r.code for r in public_reports()]


def _codes(html: str) -> list[str]:
    return CARD.findall(html)


def _link(html: str, text: str) -> str | None:
    match = re.search(r'<a href="\?([^"]*)">' + re.escape(text), html)
    return match[1].replace("&amp;", "&") if match else None


@pytest.mark.django_db
def test_the_feed_pages_older_and_newer_without_losing_or_repeating_a_report(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    expected = _province(70)
    seen, pages, query = [], [], ""
    while True:
        html = client.get(f"/phan-anh/?{query}").content.decode()
        page = _codes(html)
        pages.append((query, page))
        seen += page
        query = _link(html, "Cũ hơn →")
        if query is None:
            break
    full, rest = divmod(len(expected), 20)
    assert seen == expected and [len(p) for _, p in pages] == [20] * full + ([rest] if rest else [])
    # From the last page back: "Mới hơn" gives exactly the page before, and the first page says nothing more.
    html = client.get(f"/phan-anh/?{pages[-1][0]}").content.decode()
    for previous_query, previous_page in reversed(pages[:-1]):
        newer = _link(html, "← Mới hơn") or _link(html, "← Mới nhất")
        html = client.get(f"/phan-anh/?{newer}").content.decode()
        assert _codes(html) == previous_page, previous_query
    assert _link(html, "← Mới hơn") is None and _link(html, "← Mới nhất") is None


@pytest.mark.django_db
def test_paging_keeps_the_filters_and_a_bad_cursor_means_the_first_page(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _province(60)
    open_reports = [r.code for r in public_reports(status="open")]
    html = client.get("/phan-anh/?status=open").content.decode()
    older = _link(html, "Cũ hơn →")
    assert _codes(html) == open_reports[:20] and older.startswith("status=open&truoc=")
    assert _codes(client.get(f"/phan-anh/?{older}").content.decode()) == open_reports[20:40]
    assert "<details open>" in html  # a filter chosen: the filter panel shows it
    unfiltered_next = _link(client.get("/phan-anh/").content.decode(), "Cũ hơn →")
    assert "<details open>" not in client.get(f"/phan-anh/?{unfiltered_next}").content.decode()  # paging alone
    first = _codes(client.get("/phan-anh/").content.decode())
    for garbage in ["truoc=abc", "truoc=99999999999999999999-1", "sau=-5", "truoc=1-1&sau=2-2x"]:
        response = client.get(f"/phan-anh/?{garbage}")
        assert response.status_code == 200, garbage
    assert _codes(client.get("/phan-anh/?truoc=abc").content.decode()) == first
    past_the_end = client.get("/phan-anh/?truoc=1-1").content.decode()
    assert _codes(past_the_end) == [] and "Chưa có phản ánh nào phù hợp." in past_the_end
    assert _link(past_the_end, "← Mới nhất") == ""


@pytest.mark.django_db
def test_the_cursor_is_exact_to_the_microsecond():
    moment = dt.datetime(2026, 11, 29, 8, 30, 1, 123456, tzinfo=dt.UTC)
    cursor = feed_cursor(Report(pk=42, received_at=moment))
    assert re.fullmatch(r"\d+-42", cursor) and cursor_position(cursor) == (moment, 42)


@pytest.mark.django_db
def test_the_api_list_walks_by_cursor_without_counting(client, settings, django_assert_max_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    expected = _province(45)
    seen, url = [], "/api/v1/reports/?page_size=20"
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [item["code"] for item in body["results"]]
        url = body["next"]
    assert seen == expected
    bad = client.get("/api/v1/reports/?cursor=not-a-cursor")
    assert bad.status_code == 404 and bad.json()["code"] == "not_found"


@pytest.mark.django_db
def test_open311_answers_in_pages_with_a_link_to_the_next(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _province(40)
    recent = public_reports().filter(received_at__gte=timezone.now() - dt.timedelta(days=90))
    expected = list(recent.values_list("code", flat=True))
    assert (
        0 < len(expected) < public_reports().count()
    )  # the seeded run spans three years: the default window keeps the last 90 days
    whole = client.get("/open311/v2/requests.json").json()
    assert [item["service_request_id"] for item in whole] == expected
    assert set(whole[0]) == {
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    }
    everything = "start_date=2000-01-01T00:00:00Z"
    walked, url = [], f"/open311/v2/requests.json?{everything}&page_size=15"
    while url:
        response = client.get(url)
        walked += [item["service_request_id"] for item in response.json()]
        link = response.get("Link")
        url = re.match(r'<http://testserver(/[^>]+)>; rel="next"', link)[1] if link else None
    assert walked == [r.code for r in public_reports()]
    xml = client.get(f"/open311/v2/requests.xml?{everything}&page=2&page_size=15").content.decode()
    assert xml.count("<request>") == 15 and walked[15] in xml
    for bad in ["page=0", "page=x", "page_size=-1", "page_size=2.5"]:
        error = client.get(f"/open311/v2/requests.json?{bad}")
        assert error.status_code == 400 and "whole number" in error.json()[0]["description"], bad
    too_deep = client.get("/open311/v2/requests.json?page=502&page_size=100")
    assert too_deep.status_code == 400 and "start_date" in too_deep.json()[0]["description"]
    capped = client.get(f"/open311/v2/requests.json?{everything}&page_size=100000")
    assert capped.status_code == 200 and len(capped.json()) == len(walked)
