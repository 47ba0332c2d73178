"""Each indicator on the hand-built province (conftest.py), against answers worked out by hand; then the facts against
the raw tables."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboards import selectors as s
from dashboards.facts import dossier_verdict, facts_rebuild
from dashboards.periods import custom_period, month_period, year_period
from dashboards.scope import Scope, narrowed, scope_for
from dashboards.tests.conftest import NOW, local

NOVEMBER = month_period(2026, 11)


@pytest.fixture
def facts(province):
    facts_rebuild(first=dt.date(2026, 10, 1), last=dt.date(2026, 12, 5), now=NOW)
    return province


def ward_a(province) -> Scope:
    return Scope(
        everything=False, agency_ids=frozenset({province.ward_a.pk}), ward_codes=frozenset({province.ward_a.ward_id})
    )


@pytest.mark.django_db
def test_the_dossier_indicators_of_ward_a_in_november(facts):
    figures = s.dossier_figures(ward_a(facts), NOVEMBER, now=NOW)
    # Received in November: D1–D7, D10 (23:59 on the 30th), D12, D14, D15 and the department's D16 about ward A.
    assert figures["received"] == 12
    assert figures["received_by_channel"] == {"online": 9, "in_person": 2, "post": 1}
    assert figures["online_rate"] == 9 / 12
    # On time: D1, D3 (its supplement restarted the clock), D9 (received in October). Late: D2 and D5 (on their
    # due dates, D5 despite its new date), D4 (two supplements), D6 and D14 (still open past their due dates).
    # D12 waits for papers, D7 was withdrawn, D15 stopped, D8 refused: not judged.
    assert figures["counts"]["judged"] == 8
    assert figures["on_time_rate"] == 3 / 8
    # Finished in November: D1 49 h, D2 144 h, D3 168 h, D4 288 h, D5 192 h, D9 57 h 1 min → 898 h 1 min / 6.
    assert figures["average_resolution_days"] == round((898 * 60 + 1) / 6 / 60 / 24, 2) == 6.24
    assert figures["electronic_result_rate"] == 2 / 6  # D1, D3
    assert figures["online_payment_rate"] == 1 / 3  # D1 of D1, D2, D14
    assert figures["digitisation_rate"] == 6 / 12  # D1, D3, D4, D5, D10, D16
    assert figures["reuse_rate"] == 2 / 12  # D1, D4
    # 100 % − (late 5/8 + rated 1–2 stars 1/6 (D2))
    assert figures["satisfaction"] == pytest.approx(1 - 5 / 8 - 1 / 6)
    # Now (5/12 noon): D6, D14 and D10 (due 3/12) are overdue; D12 waits for the citizen.
    assert figures["overdue_now"] == 3


@pytest.mark.django_db
def test_period_edges_fall_at_midnight_local_time(facts):
    october = s.dossier_figures(ward_a(facts), month_period(2026, 10), now=NOW)
    december = s.dossier_figures(ward_a(facts), month_period(2026, 12), now=NOW)
    assert october["received"] == 1  # D9, at 23:59 on 31/10
    assert december["received"] == 1  # D11, at 00:00 on 1/12
    assert (december["counts"]["judged"], december["counts"]["judged_on_time"]) == (1, 0)  # D10, due 3/12
    # A range of days: 30/11 alone holds D10, received at 23:59 local (16:59 UTC).
    assert s.dossier_figures(ward_a(facts), custom_period("2026-11-30", "2026-11-30"), now=NOW)["received"] == 1


@pytest.mark.django_db
def test_the_judgement_of_one_dossier():
    due = local(11, 10)
    assert dossier_verdict(status="done", due_at=due, finished_at=due, supplement_count=1, now=NOW) == (due, True)
    assert dossier_verdict(status="done", due_at=due, finished_at=due, supplement_count=2, now=NOW) == (due, False)
    later = local(11, 11)
    assert dossier_verdict(status="returned", due_at=due, finished_at=later, supplement_count=0, now=NOW) == (
        due,
        False,
    )
    assert dossier_verdict(status="processing", due_at=due, finished_at=None, supplement_count=0, now=NOW) == (
        due,
        False,
    )
    assert dossier_verdict(status="processing", due_at=NOW, finished_at=None, supplement_count=0, now=NOW)[0] is None
    for status in ("supplement_requested", "withdrawn", "stopped", "refused", "submitted"):
        assert dossier_verdict(status=status, due_at=due, finished_at=None, supplement_count=0, now=NOW)[0] is None


@pytest.mark.django_db
def test_group_scores_follow_their_formulas(facts):
    figures = s.dossier_figures(ward_a(facts), NOVEMBER, now=NOW)
    scores = {g["key"]: g["score"] for g in s.group_scores(figures)}
    assert scores["transparency"] is None
    assert scores["progress"] == round(20 * 3 / 8, 1)
    assert scores["digitisation"] == round(22 * (0.5 / 0.8), 1)
    assert scores["online_service"] == round(22 * (1 / 2 + (1 / 3) / 4 + (2 / 6) / 4), 1)  # online 75 % ≥ 50 %
    assert scores["satisfaction"] == round(18 * (1 - 5 / 8 - 1 / 6) / 0.9, 1)


@pytest.mark.django_db
def test_the_average_per_procedure_and_the_agencies_table(facts):
    rows = s.procedure_resolution(ward_a(facts), NOVEMBER)
    assert rows == [{"procedure": facts.procedure.name, "received": 12, "finished": 6, "average_resolution_days": 6.24}]
    by_agency = {row["agency"]: row for row in s.dossier_by_agency(ward_a(facts), NOVEMBER)}
    assert by_agency["UBND phường A"]["received"] == 11 and by_agency["Sở B"]["received"] == 1  # D16
    assert by_agency["UBND phường A"]["on_time_rate"] == 3 / 8


@pytest.mark.django_db
def test_scopes_ward_district_department_and_province(facts, people):
    received = {name: s.dossier_figures(scope_for(people[name]), NOVEMBER, now=NOW)["received"] for name in people}
    assert received["ward_dashboard"] == received["ward_head"] == received["ward_viewer"] == 12
    assert received["district"] == 13  # ward A's and ward C's D17
    assert received["department"] == 2  # D13, D16: its own agency (it has no ward)
    assert received["editor"] == received["citizen"] == 0  # nothing to see
    assert scope_for(people["editor"]).is_empty and scope_for(people["citizen"]).is_empty
    district = scope_for(people["district"])
    only_c = narrowed(district, agency=str(facts.ward_c.pk))
    assert s.dossier_figures(only_c, NOVEMBER, now=NOW)["received"] == 1
    only_ward_a = narrowed(district, ward=str(facts.ward_a.ward_id))
    assert s.dossier_figures(only_ward_a, NOVEMBER, now=NOW)["received"] == 12
    from citizen_portal.api.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as refused:
        narrowed(scope_for(people["ward_dashboard"]), agency=str(facts.ward_c.pk))
    assert refused.value.get_codes() == "agency_not_allowed"
    with pytest.raises(ApplicationError):
        narrowed(scope_for(people["ward_dashboard"]), ward=str(facts.ward_c.ward_id))


def _assert_facts_equal_raw(scope, period):
    from_facts = s.dossier_figures(scope, period, now=NOW)
    from_raw = s.dossier_figures_raw(scope, period, now=NOW)
    assert from_facts == from_raw, period.label
    assert s.report_figures(scope, period) == s.report_figures_raw(scope, period), period.label
    assert s.question_figures(scope, period) == s.question_figures_raw(scope, period), period.label


@pytest.mark.django_db
def test_the_facts_equal_the_raw_tables_for_every_period_and_scope(facts, people, reports_and_questions):
    scopes = [Scope(everything=True), ward_a(facts)] + [scope_for(people[name]) for name in ("district", "department")]
    periods = [
        month_period(2026, 10),
        NOVEMBER,
        month_period(2026, 12),
        year_period(2026),
        custom_period("2026-10-31", "2026-11-03"),  # edges on both sides of a month
        custom_period("2026-11-15", "2026-12-04"),
    ]
    for scope in scopes:
        for period in periods:
            _assert_facts_equal_raw(scope, period)


@pytest.mark.django_db
def test_the_report_indicators(reports_and_questions):
    figures = s.report_figures(ward_a(reports_and_questions), NOVEMBER)
    assert figures["received"] == 4  # PA-1..4
    assert figures["resolved"] == 4  # PA-1, PA-2, PA-3, PA-5
    assert figures["on_time_rate"] == 3 / 4  # PA-2 was late
    assert figures["median_resolution_hours"] == 48  # 24, 48, 48, 120
    assert figures["reopen_rate"] == 1 / 4
    assert figures["average_rating"] == 3.0  # 4 and 2 stars, given in November
    breakdown = s.report_breakdown(ward_a(reports_and_questions), NOVEMBER, "category")
    assert breakdown == [{"name": "Đèn đường", "received": 4, "resolved": 4, "on_time_rate": 0.75}]


@pytest.mark.django_db
def test_the_question_indicators(reports_and_questions, people):
    figures = s.question_figures(ward_a(reports_and_questions), NOVEMBER)
    assert figures == {"asked": 3, "answered": 2, "on_time_rate": 0.5, "helpful_rate": 3 / 6, "votes": 6}
    # Questions belong to no ward: picking a ward shows none, and the department sees none of ward A's.
    only_ward = narrowed(ward_a(reports_and_questions), ward=str(reports_and_questions.ward_a.ward_id))
    assert s.question_figures(only_ward, NOVEMBER)["asked"] == 0
    assert s.question_figures(scope_for(people["department"]), NOVEMBER)["asked"] == 0


@pytest.mark.django_db
def test_a_rate_of_nothing_is_unknown_not_zero(province):
    empty = s.dossier_figures(Scope(everything=True), month_period(2020, 1), now=NOW)
    assert empty["received"] == 0
    assert empty["online_rate"] is None and empty["on_time_rate"] is None and empty["satisfaction"] is None
    assert s.report_figures(Scope(everything=True), month_period(2020, 1))["median_resolution_hours"] is None
