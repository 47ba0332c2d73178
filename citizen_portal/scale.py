"""A province's worth of data for benchmarks and dashboards: ward People's Committees, citizens, dossiers and field
reports over three years, with the distributions a real province shows (most dossiers finished, a few late, every
status present; reports in every state). Bulk inserts, so a million dossiers take minutes. Everything a run creates
carries its label, so a run is idempotent: the same label twice changes nothing (or is replaced on request)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

LABEL = re.compile(r"^[a-z0-9]{1,5}$")
BATCH = 10_000
YEARS = 3

# What share of a province's dossiers sits in each status (most are long finished).
DOSSIER_STATUS_WEIGHTS = {
    "returned": 58,
    "done": 12,
    "processing": 9,
    "received": 6,
    "submitted": 3,
    "supplement_requested": 3,
    "awaiting_fee": 1,
    "refused": 3,
    "withdrawn": 2,
    "stopped": 1,
}
REPORT_STATUS_WEIGHTS = {
    "closed": 55,
    "resolved": 10,
    "received": 6,
    "assigned": 6,
    "in_progress": 8,
    "needs_info": 2,
    "rejected": 5,
    "duplicate": 5,
    "reopen_requested": 3,
}


@dataclass
class ScaleResult:
    label: str
    agencies: int
    citizens: int
    dossiers: int
    reports: int
    seconds: float
    skipped: bool = False
    seed_seconds: float = 0.0  # of `seconds`, the inserts; the rest rebuilt the dashboards' facts


def _agency_prefix(label: str) -> str:
    return f"TNH-{label.upper()}-"


def scale_seed(
    *,
    label: str,
    dossiers: int,
    reports: int,
    citizens: int,
    agencies: int = 100,
    procedures: int = 100,
    replace: bool = False,
    also_to: list | None = None,
    facts: bool = False,
    log=print,
) -> ScaleResult:
    """Seed (or, with `replace`, re-seed) the run `label`. A label already seeded is left as it is. `also_to`:
    existing agencies that receive their share too (the demo's, so its officers' queues grow with the province).
    `facts`: rebuild the dashboards' facts of the three years afterwards."""
    from agencies.models import Agency, AgencyKind, Ward
    from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
    from dossiers.models import Procedure
    from identity.models import IdentityLevel, User
    from reports.models import Category

    if not LABEL.match(label):
        raise ValueError("the run label is 1–5 lower-case letters or digits (it is part of every code)")
    started = time.perf_counter()
    existing = Agency.objects.filter(identifier__startswith=_agency_prefix(label))
    if existing.exists() and not replace:
        return ScaleResult(label, existing.count(), 0, 0, 0, 0.0, skipped=True)
    if existing.exists():
        scale_remove(label=label)

    rng = random.Random(f"scale-{label}")  # noqa: S311 -- repeatable benchmark data, not secrets
    if not Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).exists() or not Category.objects.exists():
        # Geography, catalogue, report categories and routing; not the demo's year of history (a run is its own).
        call_command("seed_demo", "--no-history", stdout=io.StringIO())
    if not Procedure.objects.published().exists():
        catalogue_import_file(DEMO_CATALOGUE)
    _seed_procedures(label, procedures)
    procedures = list(Procedure.objects.published().prefetch_related("cases"))
    wards = list(Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("code")[:agencies])
    committees = Agency.objects.bulk_create(
        [
            Agency(
                identifier=f"{_agency_prefix(label)}{ward.code}",
                name=f"UBND {ward.name}",
                kind=AgencyKind.WARD_COMMITTEE,
                province_id=settings.HOME_PROVINCE_CODE,
                ward=ward,
                address=f"{ward.name}, tỉnh Tây Ninh",
            )
            for ward in wards
        ]
    )
    log(f"  {len(committees)} ward committees")

    unusable = make_password(None)  # nobody signs in as a benchmark citizen
    now = timezone.now()
    people = User.objects.bulk_create(
        [
            User(
                username=f"scale-{label}-{n}",
                full_name=f"Công dân {n}",
                identity_level=IdentityLevel.VERIFIED if n % 3 else IdentityLevel.BASIC,
                password=unusable,
                date_joined=now - dt.timedelta(minutes=rng.randint(0, YEARS * 365 * 24 * 60)),
            )
            for n in range(citizens)
        ],
        batch_size=BATCH,
    )
    _seed_profiles(people, rng)
    log(f"  {len(people)} citizens")
    receivers = committees + list(also_to or [])
    made = _seed_dossiers(label, dossiers, rng, procedures, receivers, people, log, started)
    filed = _seed_reports(label, reports, rng, receivers, people, log, started)
    seeded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if facts:
        from dashboards.facts import facts_rebuild, reach_snapshot_take

        today = timezone.localdate()
        facts_rebuild(first=today.replace(year=today.year - YEARS) - dt.timedelta(days=1), last=today, log=log)
        reach_snapshot_take()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return ScaleResult(
        label, len(committees), len(people), made, filed, time.perf_counter() - started, seed_seconds=seeded
    )


def _seed_profiles(people, rng) -> None:
    """Level-2 citizens have a verified date of birth; a third of the others declared a birth year (a quarter of the
    province's users are 45 or over, as in Tây Ninh)."""
    from identity.models import CitizenProfile, IdentityLevel

    this_year = timezone.localdate().year
    profiles = []
    for person in people:
        age = rng.choice([22, 28, 33, 38, 41, 44, 47, 55, 63, 30, 36, 25])
        if person.identity_level >= IdentityLevel.VERIFIED:
            born = dt.date(this_year - age, rng.randint(1, 12), rng.randint(1, 28))
            profiles.append(CitizenProfile(user=person, date_of_birth=born))
        elif rng.random() < 0.33:
            profiles.append(CitizenProfile(user=person, declared_birth_year=this_year - age))
    CitizenProfile.objects.bulk_create(profiles, batch_size=BATCH)


# How dossiers came in (a province in 2026: about half still at the desk) and what the service index counts.
CHANNEL_WEIGHTS = {"online": 45, "in_person": 50, "post": 5}
RATING_WEIGHTS = {5: 50, 4: 30, 3: 10, 2: 6, 1: 4}


def _variant_marker(label: str) -> str:
    return f".QM-{label}-"


def _seed_procedures(label: str, target: int) -> None:
    """Top the published catalogue up to `target` procedures (a ward sees about a hundred) with numbered variants
    of the demo's, so dossiers, the catalogue and the dashboards spread over as many as a province has."""
    from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import
    from dossiers.models import Procedure

    missing = target - Procedure.objects.published().count()
    if missing <= 0:
        return
    demo = json.loads(Path(DEMO_CATALOGUE).read_text(encoding="utf-8"))["procedures"]
    variants = []
    for n in range(missing):
        variant = copy.deepcopy(demo[n % len(demo)])
        variant["code"] = f"{variant['code']}{_variant_marker(label)}{n}"
        variant["name"] = f"{variant['name']} (mẫu {n // len(demo) + 1})"
        variants.append(variant)
    catalogue_import({"procedures": variants})


def weighted_pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _seed_dossiers(label, count, rng, procedures, committees, people, log, started) -> int:
    from dossiers.models import Dossier
    from dossiers.services import _snapshot

    snapshots = {p.pk: (p, p.cases.all()[0], _snapshot(p, p.cases.all()[0])) for p in procedures if p.cases.all()}
    choices = list(snapshots.values())
    now = timezone.now()
    per_day: Counter = Counter()
    made = 0
    for start in range(0, count, BATCH):
        rows = []
        for _ in range(start, min(start + BATCH, count)):
            procedure, case, snapshot = rng.choice(choices)
            agency = rng.choice(committees)
            status = weighted_pick(rng, DOSSIER_STATUS_WEIGHTS)
            # Work still in hand came in lately (a province clears its desk); the rest over the three years.
            recent = status in ("submitted", "received", "processing", "supplement_requested", "awaiting_fee")
            minutes = 60 * 24 * 60 if recent else YEARS * 365 * 24 * 60
            submitted = now - dt.timedelta(minutes=rng.randint(0, minutes))
            refused_at_desk = status in ("submitted", "refused")
            received = None if refused_at_desk else min(submitted + dt.timedelta(hours=rng.randint(1, 30)), now)
            due = received + dt.timedelta(days=rng.randint(1, 15)) if received else None
            finished = None
            if status in ("done", "returned") and due:
                # about one in eight finishes late
                finished = (
                    due + dt.timedelta(hours=rng.randint(1, 72))
                    if rng.random() < 0.125
                    else max(due - dt.timedelta(hours=rng.randint(1, 48)), received + dt.timedelta(hours=2))
                )
                finished = min(finished, now)  # nothing happened in the future
            day = (received or submitted).date()
            code = None
            if received:
                key = (agency.pk, day)
                if key not in per_day and not agency.identifier.startswith(_agency_prefix(label)):
                    per_day[key] = 5000  # an existing agency's real numbers of that day stay below this
                per_day[key] += 1
                code = f"{agency.identifier}-{day:%y%m%d}-{per_day[key]:04d}"
            channel = weighted_pick(rng, CHANNEL_WEIGHTS)
            digitised = rng.random() < (0.95 if channel == "online" else 0.6)
            finished_ok = finished is not None
            row = Dossier(
                code=code,
                channel=channel,
                digitised=digitised,
                reused_documents=digitised and rng.random() < 0.15,
                paid_online=bool(procedure.fee_amount) and rng.random() < (0.7 if channel == "online" else 0.1),
                electronic_result=finished_ok and rng.random() < 0.55,
                rating=int(weighted_pick(rng, RATING_WEIGHTS)) if status == "returned" and rng.random() < 0.4 else None,
                supplement_count=rng.choices([0, 1, 2], weights=[88, 10, 2])[0] if received else 0,
                citizen=rng.choice(people) if people else None,
                procedure=procedure,
                case=case,
                procedure_version=procedure.version,
                procedure_snapshot=snapshot,
                receiving_agency=agency,
                ward_id=agency.ward_id,
                answers={},
                status=status,
                submitted_at=submitted,
                received_at=received,
                due_at=due,
                finished_at=finished,
                returned_at=min(finished + dt.timedelta(days=1), now) if finished and status == "returned" else None,
                fee_amount=procedure.fee_amount,
            )
            row.queue_rank, row.queue_due = row.queue_key()  # bulk_create skips save(), which keeps the keys
            row.code_key = Dossier.lookup_key(row.code)
            rows.append(row)
        with transaction.atomic():
            Dossier.objects.bulk_create(rows)
        made += len(rows)
        log(f"  dossiers {made:,} ({time.perf_counter() - started:.0f} s)")
    return made


def _seed_reports(label, count, rng, committees, people, log, started) -> int:
    from reports.models import Category, Report, ReportHistory

    categories = list(Category.objects.reportable())
    now = timezone.now()
    made = 0
    numbers: defaultdict[int, int] = defaultdict(int)
    for start in range(0, count, BATCH):
        rows = []
        for _ in range(start, min(start + BATCH, count)):
            agency = rng.choice(committees)
            category = rng.choice(categories)
            status = weighted_pick(rng, REPORT_STATUS_WEIGHTS)
            received = now - dt.timedelta(minutes=rng.randint(0, YEARS * 365 * 24 * 60))
            numbers[received.year] += 1
            answered = None
            if status in ("resolved", "closed"):
                answered = min(received + dt.timedelta(hours=rng.randint(4, 9 * 24)), now)
            rating = int(weighted_pick(rng, RATING_WEIGHTS)) if answered and rng.random() < 0.3 else None
            rows.append(
                Report(
                    code=f"PA-{received.year}-{label}{numbers[received.year]:06d}"[:20],
                    status=status,
                    category=category,
                    description=f"{category.name} tại {agency.ward.name if agency.ward_id else 'khu phố'}.",
                    latitude=round(11.2 + rng.random() * 0.4, 6),
                    longitude=round(105.9 + rng.random() * 0.5, 6),
                    ward_id=agency.ward_id,
                    agency=agency,
                    reporter=rng.choice(people) if people else None,
                    received_at=received,
                    deadline_at=received + dt.timedelta(days=rng.randint(3, 10)),
                    answered_at=answered,
                    closed_at=answered + dt.timedelta(days=14) if answered and status == "closed" else None,
                    rating=rating,
                    rated_at=min(answered + dt.timedelta(days=1), now) if rating else None,
                    search_text=category.name.lower(),
                )
            )
        with transaction.atomic():
            Report.objects.bulk_create(rows)
            # About one answer in thirty is sent back by its reporter.
            ReportHistory.objects.bulk_create(
                [
                    ReportHistory(report=row, from_status="resolved", to_status="reopen_requested")
                    for row in rows
                    if row.answered_at and rng.random() < 0.033
                ]
            )
        made += len(rows)
        log(f"  reports {made:,} ({time.perf_counter() - started:.0f} s)")
    return made


def scale_remove(*, label: str) -> None:
    """Everything a run created, gone (dossiers and reports of its committees, its citizens, its committees)."""
    from agencies.models import Agency
    from dossiers.models import Dossier, Procedure
    from identity.models import User
    from reports.models import Report

    agencies = Agency.objects.filter(identifier__startswith=_agency_prefix(label))
    people = User.objects.filter(username__startswith=f"scale-{label}-")
    with transaction.atomic():
        Report.objects.filter(Q(agency__in=agencies) | Q(reporter__in=people)).delete()
        Dossier.objects.filter(Q(receiving_agency__in=agencies) | Q(citizen__in=people)).delete()
        people.delete()
        agencies.delete()
        # Its procedure variants, unless another run's dossiers use them.
        Procedure.objects.filter(code__contains=_variant_marker(label)).exclude(
            pk__in=Dossier.objects.values("procedure")
        ).delete()


def page_examples(*, depth: int) -> dict[str, str]:
    """What the benchmark and the scale tests put in their page addresses: a published procedure, a received
    dossier's code, a ward and a group with public reports, the newest public report, the feed's cursor
    `depth` reports down (the last one when there are fewer), and a published answer."""
    from dossiers.models import Dossier, Procedure
    from qa.models import Question
    from reports.models import Category
    from reports.selectors import feed_cursor, public_reports

    reports = public_reports()
    procedure = Procedure.objects.published().order_by("pk").first()
    newest = reports.first()
    deep = reports[depth : depth + 1].first() or reports.last()
    group = Category.objects.filter(parent=None, is_public=True).order_by("pk").first()
    return {
        "procedure": str(procedure.public_id) if procedure else "",
        "dossier": Dossier.objects.exclude(code=None).order_by("pk").values_list("code", flat=True).first() or "",
        "ward": reports.exclude(ward=None).values_list("ward__code", flat=True).first() or "",
        "group": group.slug if group else "",
        "report": newest.code if newest else "",
        "deep": f"truoc={feed_cursor(deep)}" if deep else "",
        "question": Question.objects.published().order_by("pk").values_list("code", flat=True).first() or "",
    }
