"""Public pages cost the same number of queries whatever the province's size, and on PostgreSQL the queries they
run never read a big table from end to end (EXPLAIN at a size where the planner has a real choice)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citizen_portal.scale import page_examples, scale_seed

# Every public page and list, with the queries one request makes (pinned: a change is a decision, made here).
PUBLIC_PAGES = {
    "/": 0,
    "/ho-so/": 2,
    "/ho-so/thu-tuc/{procedure}/": 4,
    "/ho-so/tra-cuu/?ma={dossier}": 0,
    "/phan-anh/": 4,
    "/phan-anh/?status=open": 4,
    "/phan-anh/?ward={ward}": 5,
    "/phan-anh/?group={group}&status=closed": 4,
    "/phan-anh/?q=duong": 4,
    "/phan-anh/?{deep}": 4,
    "/phan-anh/{report}/": 3,
    "/phan-anh/ban-do.json": 3,
    "/open311/v2/services.json": 1,
    "/open311/v2/requests.json": 2,
    "/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z&page=3&page_size=10": 2,
    "/api/v1/reports/": 2,
    "/api/v1/reports/?status=open&group={group}": 2,
    "/api/v1/procedures/": 2,
    "/api/v1/report-categories/": 1,
    "/tin-tuc/": 4,
    "/tin-tuc/rss/": 1,
    "/truyen-hinh/": 2,
    "/api/v1/news/": 2,
}
# Searches widen until they have enough candidates (search.selectors): at most this many queries, fewer when the
# first step finds enough, so a bigger province never costs more.
SEARCH_PAGES = {
    "/ho-so/?q=khai+sinh": 6,  # up to four search steps on PostgreSQL (two on SQLite), the procedures, the fields
    "/tim-kiem/?q=khai+sinh": 16,  # the same steps for each of the four sources (procedures, answers, shops, news)
    "/api/v1/search/?q=dang+ky+ket+hon": 16,
}
# The officers' queues, signed in as the demo's desk officer (not a superuser).
OFFICER_PAGES = [
    "/admin/dossiers/dossier/",
    "/admin/dossiers/dossier/?han=qua-han",
    "/admin/reports/report/",
    "/admin/reports/report/?han=qua-han",
]
BIG_TABLES = ("reports_report", "dossiers_dossier")


def _counts(client) -> dict[str, int]:
    values = page_examples(depth=30)
    counts = {}
    for page in PUBLIC_PAGES:
        path = page.format(**values)
        client.get(path)  # the first request of a process fills per-process caches (content types, sites)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[page] = len(queries)
    for page, most in SEARCH_PAGES.items():
        client.get(page)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200, page
        assert len(queries) <= most, (page, len(queries))
    return counts


def _seed(label: str, dossiers: int, reports: int, **kwargs) -> None:
    scale_seed(label=label, dossiers=dossiers, reports=reports, citizens=50, log=io.StringIO().write, **kwargs)


@pytest.mark.django_db
def test_every_public_page_makes_the_same_few_queries_at_any_size(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # what a page costs when it is built
    _seed("qs1", dossiers=40, reports=40, agencies=5)
    small = _counts(client)
    _seed("qs2", dossiers=600, reports=600, agencies=20)
    large = _counts(client)
    assert large == small == PUBLIC_PAGES


def _plans(sql_list: list[str]) -> list[tuple[str, str]]:
    plans = []
    with connection.cursor() as cursor:
        for sql in sql_list:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return plans


def _full_reads(plans: list[tuple[str, str]]) -> list[str]:
    found = []
    for sql, plan in plans:
        for table in BIG_TABLES:
            if re.search(rf"Seq Scan on {table}\b", plan):
                found.append(f"{table}:\n  {sql[:300]}\n{plan}")
    return found


@pytest.mark.django_db
def test_the_main_list_queries_use_indexes_on_postgresql(client, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the query plans that matter are PostgreSQL's; SQLite serves one developer")
    from agencies.models import Agency
    from identity.models import User

    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.STAFF_MFA_REQUIRED = False
    call_command("seed_demo", stdout=io.StringIO())  # its agencies and officers
    demo = list(Agency.objects.filter(identifier__in=["TNH-UB-25459", "TNH-TTHCC", "TNH-UB-27694"]))
    _seed("pln", dossiers=50_000, reports=50_000, agencies=40, also_to=demo * 4)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    values = page_examples(depth=30)
    captured = []
    for page in PUBLIC_PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.format(**values)).status_code == 200, page
        captured += [q["sql"] for q in queries.captured_queries]
    client.force_login(User.objects.get(username="canbo.tanninh"))
    for page in OFFICER_PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200, page
        captured += [q["sql"] for q in queries.captured_queries]
    plans = _plans(captured)
    assert len(plans) > 40
    full_reads = _full_reads(plans)
    assert not full_reads, "sequential scans of a big table:\n\n" + "\n\n".join(full_reads)
