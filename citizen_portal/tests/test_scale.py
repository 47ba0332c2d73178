"""`manage.py seed_scale`: a province in bulk for benchmarks and dashboards, realistic and idempotent per label."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F


@pytest.mark.django_db
def test_seed_scale_makes_a_realistic_province_once_per_label(settings, tmp_path):
    from agencies.models import Agency
    from dossiers.models import Dossier, Procedure
    from identity.models import User
    from reports.models import Report

    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    call_command(
        "seed_scale", "--dossiers", "3000", "--reports", "800", "--citizens", "200", "--label", "t1", stdout=out
    )
    assert "3,000 hồ sơ" in out.getvalue()
    _the_dashboards_facts_equal_the_raw_tables()
    committees = Agency.objects.filter(identifier__startswith="TNH-T1-")
    dossiers = Dossier.objects.filter(receiving_agency__in=committees)
    reports = Report.objects.filter(agency__in=committees)
    assert committees.count() >= 50 and dossiers.count() == 3000 and reports.count() == 800
    assert User.objects.filter(username__startswith="scale-t1-").count() == 200
    # Every status, most dossiers finished, dates over three years, and the stored keys the queues rely on.
    statuses = set(dossiers.values_list("status", flat=True))
    assert statuses >= {"submitted", "received", "processing", "done", "returned", "refused", "withdrawn"}
    assert dossiers.filter(status__in=["done", "returned"]).count() > 1500
    assert dossiers.filter(finished_at__gt=F("due_at")).exists()  # some finished late
    years = {d.year for d in dossiers.values_list("submitted_at", flat=True)}
    assert len(years) >= 3
    # Codes are issued on receipt: a dossier refused at the desk, or not looked at yet, has none.
    received = dossiers.exclude(code=None)
    not_received = ["submitted", "refused"]
    assert received.filter(code_key="").count() == 0
    assert received.count() == dossiers.exclude(status__in=not_received).count()
    assert len(set(reports.values_list("status", flat=True))) >= 7
    # About a hundred procedures (the demo's and numbered variants), and the dossiers spread over them.
    assert Procedure.objects.published().count() >= 100
    assert dossiers.values("procedure").distinct().count() > 50
    # The same label again changes nothing; --replace makes it anew; --remove takes it all away.
    call_command("seed_scale", "--dossiers", "3000", "--label", "t1", stdout=io.StringIO())
    assert Dossier.objects.filter(receiving_agency__in=committees).count() == 3000
    call_command(
        "seed_scale",
        "--dossiers",
        "100",
        "--reports",
        "10",
        "--citizens",
        "5",
        "--label",
        "t1",
        "--replace",
        stdout=io.StringIO(),
    )
    assert Dossier.objects.filter(receiving_agency__identifier__startswith="TNH-T1-").count() == 100
    call_command("seed_scale", "--label", "t1", "--remove", stdout=io.StringIO())
    assert not Agency.objects.filter(identifier__startswith="TNH-T1-").exists()
    assert not User.objects.filter(username__startswith="scale-t1-").exists()
    assert not Procedure.objects.filter(code__contains=".QM-t1-").exists()


def test_a_bad_label_is_refused_in_words():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1–5 lower-case"):
        call_command("seed_scale", "--label", "Quá-dài", stdout=io.StringIO())


def _the_dashboards_facts_equal_the_raw_tables():
    """seed_scale rebuilt the dashboards' facts; on its random province they agree with the raw tables."""
    from django.utils import timezone

    from dashboards import selectors
    from dashboards.periods import custom_period, year_period
    from dashboards.scope import Scope

    now, today = timezone.now(), timezone.localdate()
    province = Scope(everything=True)
    periods = [
        year_period(today.year),
        year_period(today.year - 1),
        custom_period(f"{today.year - 2}-02-10", str(today)),
    ]
    for period in periods:
        from_facts = selectors.dossier_figures(province, period, now=now)
        assert from_facts == selectors.dossier_figures_raw(province, period, now=now), period.label
        assert selectors.report_figures(province, period) == selectors.report_figures_raw(province, period)
    assert 0 < from_facts["online_rate"] < 1 and 0 < from_facts["on_time_rate"] < 1
