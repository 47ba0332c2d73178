"""The scheduled refresh folds recent changes into the facts; rebuild_facts on demand; the usage counters."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from agencies.tests.factories import CitizenFactory, consented
from dashboards import selectors as s
from dashboards.facts import facts_refresh, next_month, reach_snapshot_take
from dashboards.models import DossierFact, FactsState, Grain, UsageDay
from dashboards.periods import custom_period
from dashboards.scope import Scope
from dashboards.tests.conftest import _dossier
from dashboards.usage import usage_flush, user_seen
from identity.models import CitizenProfile, IdentityLevel


@pytest.mark.django_db
def test_the_refresh_folds_in_what_changed_since_the_last_run(province):
    now = timezone.now()
    earlier = now - dt.timedelta(days=20)
    old = _dossier(
        "R-1", province.ward_a, province.procedure, received_at=earlier, due_at=earlier + dt.timedelta(days=3)
    )
    old.finished_at = earlier + dt.timedelta(days=2)
    old.save()
    facts_refresh(now=now)
    everything = Scope(everything=True)
    twenty_days = custom_period(str((earlier - dt.timedelta(days=1)).date()), str(timezone.localdate(now)))
    before = s.dossier_figures(everything, twenty_days, now=now)
    assert before == s.dossier_figures_raw(everything, twenty_days, now=now)
    # A citizen rates the old dossier today, and a new one arrives: the next run folds both in.
    old.rating = 1
    old.save()
    _dossier("R-2", province.ward_a, province.procedure, received_at=now, due_at=now + dt.timedelta(days=3))
    later = now + dt.timedelta(minutes=10)
    rebuilt = facts_refresh(now=later)
    assert timezone.localdate(old.finished_at) in rebuilt
    after = s.dossier_figures(everything, twenty_days, now=later)
    assert after["counts"]["rated_bad"] == before["counts"]["rated_bad"] + 1
    assert after["received"] == before["received"] + 1
    assert after == s.dossier_figures_raw(everything, twenty_days, now=later)
    assert FactsState.objects.get(subject="all").refreshed_at == later
    # The month's roll-up follows its days.
    month = timezone.localdate(now).replace(day=1)
    in_month = {"day__gte": month, "day__lt": next_month(month)}
    days = DossierFact.objects.filter(grain=Grain.DAY, **in_month).values_list("received", flat=True)
    rolled = DossierFact.objects.filter(grain=Grain.MONTH, day=month).values_list("received", flat=True)
    assert sum(days) == sum(rolled)


@pytest.mark.django_db
def test_rebuild_facts_on_demand_and_its_mistakes(province):
    out = io.StringIO()
    call_command("rebuild_facts", "--from", "2026-10-01", "--to", "2026-12-05", stdout=out)
    assert "Đã dựng lại số liệu từ 01/10/2026 đến 05/12/2026" in out.getvalue()
    assert DossierFact.objects.filter(grain=Grain.MONTH, day=dt.date(2026, 11, 1)).exists()
    with pytest.raises(CommandError, match="Ngày kết thúc"):
        call_command("rebuild_facts", "--from", "2026-12-05", "--to", "2026-10-01")
    with pytest.raises(CommandError, match="năm-tháng-ngày"):
        call_command("rebuild_facts", "--from", "1/10/2026")


@pytest.mark.django_db
def test_the_reach_snapshot_counts_level_2_and_ages(db):
    today = timezone.localdate()
    people = [CitizenFactory() for _ in range(5)]
    level2 = people[0]
    level2.identity_level = IdentityLevel.VERIFIED
    level2.save()
    CitizenProfile.objects.create(user=people[0], date_of_birth=today.replace(year=today.year - 45))  # 45 today
    CitizenProfile.objects.create(user=people[1], date_of_birth=today.replace(year=today.year - 30))
    CitizenProfile.objects.create(user=people[2], declared_birth_year=today.year - 60)
    CitizenProfile.objects.create(user=people[3])  # age unknown; people[4] has no profile
    snapshot = reach_snapshot_take()
    assert (snapshot.citizens, snapshot.level2, snapshot.age_known, snapshot.over_45) == (5, 1, 3, 2)


@pytest.mark.django_db
def test_visits_and_active_citizens_are_counted_without_tracking_anyone(client, province):
    phone = "Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
    client.defaults["HTTP_USER_AGENT"] = phone
    client.get("/")  # opened from outside: a visit
    client.get("/", HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")  # a crawler: not a visit
    client.get("/", HTTP_USER_AGENT="facebookexternalhit/1.1")  # a link preview: not a visit
    client.get("/", HTTP_REFERER="http://testserver/ho-so/")  # moving inside the portal: not another visit
    client.get("/", HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 11) Zalo android/12100660")
    client.get("/api/v1/news/", HTTP_X_CLIENT="zalo-miniapp", HTTP_X_VISIT_START="1")
    client.get("/api/v1/news/", HTTP_X_CLIENT="zalo-miniapp")  # the same app session going on
    citizen = consented(CitizenFactory())
    client.force_login(citizen)
    client.get("/", HTTP_REFERER="http://testserver/")
    client.get("/thong-bao/", HTTP_REFERER="http://testserver/")  # the same citizen again today: counted once
    usage_flush()
    today = timezone.localdate()
    rows = {row.channel: row for row in UsageDay.objects.filter(day=today)}
    assert (rows["web"].visits, rows["zalo"].visits, rows["miniapp"].visits) == (1, 1, 1)
    assert (rows["web"].active_users, rows["web"].month_new_active) == (1, 1)
    citizen.refresh_from_db()
    assert citizen.last_active_on == today
    usage_flush()  # nothing counted twice
    assert UsageDay.objects.get(day=today, channel="web").visits == 1


@pytest.mark.django_db
def test_a_citizen_already_active_this_month_adds_a_day_not_a_month(db):
    citizen = CitizenFactory()
    day = dt.date(2026, 11, 20)
    citizen.last_active_on = dt.date(2026, 11, 2)
    citizen.save()
    user_seen(citizen, "zalo", today=day)
    user_seen(citizen, "zalo", today=day)
    usage_flush(today=day)
    row = UsageDay.objects.get(day=day, channel="zalo")
    assert (row.active_users, row.month_new_active) == (1, 0)
    staff_free = CitizenFactory()
    staff_free.last_active_on = dt.date(2026, 10, 30)
    staff_free.save()
    user_seen(staff_free, "zalo", today=day)
    usage_flush(today=day)
    row.refresh_from_db()
    assert (row.active_users, row.month_new_active) == (2, 1)
