import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from agencies.models import Agency, OfficerMembership
from citizen_portal.demo_people import CITIZENS
from citizen_portal.management.commands.seed_demo import AGENCIES, DEMO_PASSWORD, OFFICERS
from identity.models import User
from notifications.models import InboxMessage, Notification


@pytest.mark.django_db
def test_the_demo_is_realistic_and_idempotent(capsys, caplog, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    caplog.set_level("INFO")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    messages_after_first_run = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    assert Agency.objects.count() == len(AGENCIES) >= 12
    # The accounts printed, and the school's parents who paid the demo tuition online (not printed).
    parents = User.objects.filter(username__startswith="phuhuynh.")
    shop_owners = User.objects.filter(username__startswith="chu.")  # the demo 4.0 shops' owners (not printed)
    history = User.objects.filter(username__startswith="lichsu-")  # the year behind the dashboards (not printed)
    unprinted = parents.count() + shop_owners.count() + history.count()
    assert User.objects.count() - unprinted == 1 + len(OFFICERS) + len(CITIZENS)
    assert shop_owners.count() == 20 and all(owner.shops.exists() for owner in shop_owners)
    assert 0 < parents.count() == parents.filter(payment_attempts__status="paid").distinct().count()
    assert OfficerMembership.objects.count() == sum(len(memberships) for _, _, memberships in OFFICERS)
    # All agencies sit in Tây Ninh; a ward committee sits in its ward.
    assert set(Agency.objects.values_list("province__name", flat=True)) == {"Tây Ninh"}
    assert Agency.objects.get(identifier="TNH-UB-25459").ward.name == "Phường Tân Ninh"
    # The demo messages and dossiers are written once, however often the demo is seeded.
    # Every message is about something that exists: Bích's received dossier, the reports' steps.
    assert InboxMessage.objects.filter(event="dossier_received").count() == 1
    # Each demo tuition payment told its payer once, with its receipt.
    from payments.models import Receipt

    assert Notification.objects.filter(event="payment_confirmed").count() == Receipt.objects.count() > 0
    from dossiers.models import Dossier, DossierSlip, Procedure

    assert Procedure.objects.count() >= 15
    # The demo citizens' three, and a year of history (made once) for the dashboards.
    assert Dossier.objects.exclude(citizen__username__startswith="lichsu-").count() == 3
    assert Dossier.objects.filter(citizen__username__startswith="lichsu-").count() == 3000
    mine = Dossier.objects.filter(citizen__username="congdan.bich")
    assert mine.filter(status="received", code__startswith="TNH-UB-25459-").count() == 1
    assert DossierSlip.objects.filter(form="01").count() == 1
    # Dossier and field-report messages, none written twice by the second run.
    assert Notification.objects.filter(event__startswith="dossier_").count() == 1
    assert Notification.objects.count() == messages_after_first_run > 30
    from reports.models import Category, Report

    history_reports = Report.objects.filter(reporter__username__startswith="lichsu-")
    assert history_reports.count() == 1500
    demo_reports = Report.objects.exclude(pk__in=history_reports)
    assert demo_reports.count() == 30 and Report.objects.filter(status="draft").count() == 0
    # The history lies before the demo's own reports: those stay first in the public feed.
    assert (
        history_reports.order_by("-received_at").first().received_at
        < demo_reports.order_by("received_at").first().received_at
    )
    assert Report.objects.open().filter(deadline_at__lt=timezone.now()).exists()  # the queue has late work
    assert set(Report.objects.values_list("status", flat=True)) >= {
        "received",
        "assigned",
        "in_progress",
        "needs_info",
        "resolved",
        "rejected",
        "duplicate",
        "reopen_requested",
        "closed",
    }
    assert (
        Category.objects.filter(parent=None).count() == 7 and not Category.objects.get(slug="an-ninh-trat-tu").is_public
    )
    out = capsys.readouterr().out
    assert "canbo.tthcc" in out and DEMO_PASSWORD in out and "/tai-khoan/login/" in out
    assert not [r for r in caplog.records if r.name.startswith("fontTools")]  # no font-subsetting narration
    # The Zalo simulator's users are these citizens: each Zalo id is linked to the seeded account.
    from allauth.socialaccount.models import SocialAccount

    linked = dict(SocialAccount.objects.filter(provider="zalo").values_list("uid", "user__username"))
    assert linked == {c.zalo_id: c.username for c in CITIZENS if c.zalo_id}
    # The dashboards have a year of facts to show, equal to what the raw tables say.
    from dashboards import selectors
    from dashboards.models import DossierFact
    from dashboards.periods import custom_period
    from dashboards.scope import Scope

    assert DossierFact.objects.filter(grain="m").values("day").distinct().count() >= 12
    today = timezone.localdate()
    last_year = custom_period(str(today - dt.timedelta(days=364)), str(today))
    now = timezone.now()
    figures = selectors.dossier_figures(Scope(everything=True), last_year, now=now)
    assert figures == selectors.dossier_figures_raw(Scope(everything=True), last_year, now=now)
    assert figures["received"] > 2000 and 0.5 < figures["on_time_rate"] < 1
    # No "phường X, Phường X": a report's address does not repeat its ward.
    for report in Report.objects.select_related("ward"):
        assert report.ward is None or report.ward.name.lower() not in report.address.lower(), report.address


@pytest.mark.django_db
def test_demo_officers_can_log_in_and_citizens_have_no_password():
    call_command("seed_demo")
    officer = authenticate(username="canbo.tanninh", password=DEMO_PASSWORD)
    assert officer is not None and officer.is_staff
    assert [a.identifier for a in Agency.objects.for_user(officer)] == ["TNH-UB-25459"]
    assert User.objects.get(username="congdan.bich").current_identity_level() == 2
    citizen = User.objects.get(username="congdan.an")
    assert not citizen.has_usable_password()
    assert not citizen.is_staff
