"""A year of history for the demo, so every dashboard shows real shapes on `make run`: a few thousand dossiers and
field reports across the demo's agencies, channels, procedures and outcomes, a few hundred questions, the citizens
who made them, and the usage counters of the year.

Everything is written with the fields the services set (codes from the same sequences, due dates from the working
calendar, a history entry per step), in bulk, by citizens named "lichsu-…" whom the demo sign-in page leaves out.
It all lies before the demo's own recent dossiers and reports, which stay the first a visitor sees."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from agencies.working_time import WorkingCalendar
from citizen_portal.scale import weighted_pick

HISTORY_PREFIX = "lichsu-"
DAYS = 365
# The newest history report or question is this old: the demo's own recent ones stay on top of the public lists.
NEWEST = 32

RATINGS = {5: 48, 4: 30, 3: 11, 2: 7, 1: 4}


def _moment(rng: random.Random, now: dt.datetime, calendar: WorkingCalendar, newest: int = NEWEST) -> dt.datetime:
    """A working-hours moment within the year, `newest` days ago at the latest, more of them lately (the portal
    grew)."""
    days_ago = newest + int((DAYS - newest) * rng.random() ** 1.15)
    day = timezone.localtime(now).date() - dt.timedelta(days=days_ago)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.randint(0, 59))))
    return calendar.next_opening(moment)


class _YearlyNumbers:
    """Codes that go on from a yearly sequence (PA-2026-000031…), written back once at the end so the services'
    next code follows the history's last."""

    def __init__(self, model):
        self.model, self.last = model, {}

    def next(self, year: int) -> int:
        if year not in self.last:
            self.last[year] = self.model.objects.filter(year=year).values_list("last_number", flat=True).first() or 0
        self.last[year] += 1
        return self.last[year]

    def save(self) -> None:
        for year, last in self.last.items():
            self.model.objects.update_or_create(year=year, defaults={"last_number": last})


def seed_history(*, dossiers: int = 3000, reports: int = 1500, questions: int = 300) -> dict[str, int]:
    """Once: nothing is added when the history is already there."""
    from identity.models import User

    if User.objects.filter(username__startswith=HISTORY_PREFIX).exists():
        return {}
    rng = random.Random("demo-history")  # noqa: S311 -- repeatable demo data, not secrets
    now = timezone.now()
    calendar = WorkingCalendar.from_database()
    with transaction.atomic():
        citizens = _citizens(rng, now, calendar, 450)
        made = {
            "citizens": len(citizens),
            "dossiers": _dossiers(rng, now, calendar, citizens, dossiers),
            "reports": _reports(rng, now, calendar, citizens, reports),
            "questions": _questions(rng, now, calendar, citizens, questions),
            "usage_days": _usage(rng, now),
        }
    from dashboards.facts import facts_rebuild, reach_snapshot_take

    today = timezone.localdate()
    facts_rebuild(first=today - dt.timedelta(days=DAYS + 31), last=today, now=now)
    reach_snapshot_take(now=now)
    return made


def _citizens(rng, now, calendar, count: int) -> list:
    from identity.models import CitizenProfile, IdentityLevel, User

    unusable = make_password(None)
    people = User.objects.bulk_create(
        [
            User(
                username=f"{HISTORY_PREFIX}{n:04d}",
                full_name=f"Người dân {n}",
                identity_level=IdentityLevel.VERIFIED if rng.random() < 0.45 else IdentityLevel.BASIC,
                password=unusable,
                date_joined=_moment(rng, now, calendar),
                last_active_on=timezone.localdate() - dt.timedelta(days=rng.randint(0, 90)),
            )
            for n in range(count)
        ]
    )
    year = timezone.localdate().year
    profiles = []
    for person in people:
        age = rng.choice([21, 26, 29, 33, 36, 39, 42, 44, 46, 52, 58, 66])  # about a quarter 45 or over
        if person.identity_level >= IdentityLevel.VERIFIED:
            profiles.append(CitizenProfile(user=person, date_of_birth=dt.date(year - age, rng.randint(1, 12), 15)))
        elif rng.random() < 0.4:
            profiles.append(CitizenProfile(user=person, declared_birth_year=year - age))
    CitizenProfile.objects.bulk_create(profiles)
    return people


def _receivers() -> list[tuple[Agency, list]]:
    """Each demo agency with the procedures it receives (named, or by its kind)."""
    from dossiers.models import Procedure

    found = []
    for agency in Agency.objects.filter(identifier__startswith="TNH-").exclude(kind=AgencyKind.SCHOOL):
        procedures = list(
            Procedure.objects.published()
            .filter(Q(agency=agency) | Q(agency__isnull=True, agency_kind=agency.kind))
            .prefetch_related("cases")
        )
        if procedures:
            found.append((agency, procedures))
    return found


def _dossiers(rng, now, calendar, citizens, count: int) -> int:
    from dossiers.models import Dossier, DossierCodeSequence, DossierHistory
    from dossiers.services import _snapshot, due_after

    receivers = _receivers()
    weights = [6 if agency.kind == AgencyKind.WARD_COMMITTEE else 2 for agency, _ in receivers]
    # Receipts of a day go on from the numbers already issued that day (the demo's own receipt of today).
    numbers: Counter = Counter({(seq.agency_id, seq.day): seq.last_number for seq in DossierCodeSequence.objects.all()})
    already = set(numbers)
    rows, steps = [], []
    for _ in range(count):
        agency, procedures = rng.choices(receivers, weights=weights)[0]
        procedure = rng.choice(procedures)
        case = procedure.cases.all()[0]
        submitted = _moment(rng, now, calendar, newest=2)
        age = (now - submitted).days / DAYS
        channel = weighted_pick(rng, {"online": 60 - 25 * age, "in_person": 36 + 22 * age, "post": 4})
        outcome = weighted_pick(
            rng, {"returned": 84, "done": 4, "withdrawn": 3, "stopped": 2, "refused": 3, "processing": 2, "received": 2}
        )
        if outcome in ("processing", "received", "done") and age > 0.06:
            outcome = "returned"  # older work is long finished and handed back
        row = Dossier(
            citizen=rng.choice(citizens),
            procedure=procedure,
            case=case,
            procedure_version=procedure.version,
            procedure_snapshot=_snapshot(procedure, case),
            receiving_agency=agency,
            ward_id=agency.ward_id,
            status=outcome,
            channel=channel,
            submitted_at=submitted,
            fee_amount=procedure.fee_amount,
        )
        trail = [("", "submitted", submitted)]
        received = calendar.next_opening(submitted + dt.timedelta(hours=rng.randint(1, 20)))
        if received > now:  # sent lately, still waiting at the desk
            outcome = row.status = "submitted"
        elif outcome != "refused":
            start = calendar.next_opening(received)
            row.received_at, row.clock_started_at = received, start
            row.due_at = due_after(_snapshot(procedure, case)["case"], start, calendar)
            day = timezone.localtime(received).date()
            numbers[(agency.pk, day)] += 1
            row.code = f"{agency.identifier}-{day:%y%m%d}-{numbers[(agency.pk, day)]:04d}"
            trail.append(("submitted", "received", received))
            if rng.random() < 0.08:  # papers missing: asked once, the clock restarted when they came
                row.supplement_count = 1 if rng.random() < 0.9 else 2
                back = received + dt.timedelta(days=rng.randint(2, 6))
                trail += [("received", "supplement_requested", received + dt.timedelta(hours=3))]
                trail += [("supplement_requested", "processing", back)]
                row.due_at = due_after(_snapshot(procedure, case)["case"], calendar.next_opening(back), calendar)
            if outcome in ("returned", "done"):
                span = row.due_at - (row.clock_started_at or received)
                late = rng.random() < 0.11
                finished = (
                    row.due_at + dt.timedelta(hours=rng.randint(2, 60))
                    if late
                    else received + span * rng.uniform(0.3, 0.97)
                )
                if finished > now:  # not finished yet: still being processed
                    outcome = row.status = "processing"
                else:
                    row.finished_at = finished
                    row.electronic_result = rng.random() < (0.85 if procedure.result_type != "paper" else 0.15)
                    trail.append((trail[-1][1], "done", finished))
                    returned = finished + dt.timedelta(days=rng.randint(0, 3))
                    if outcome == "returned" and returned <= now:
                        row.returned_at = returned
                        trail.append(("done", "returned", returned))
                        if rng.random() < 0.35:
                            row.rating = weighted_pick(rng, RATINGS)
                    else:
                        row.status = "done"
            elif outcome in ("withdrawn", "stopped"):
                trail.append(("received", outcome, received + dt.timedelta(days=rng.randint(1, 5))))
            if outcome == "processing":
                trail.append((trail[-1][1], "processing", received + dt.timedelta(hours=4)))
        elif outcome == "refused":
            trail.append(("submitted", "refused", submitted + dt.timedelta(hours=5)))
        row.digitised = rng.random() < (0.96 if channel == "online" else 0.55)
        row.reused_documents = row.digitised and channel == "online" and rng.random() < 0.18
        row.paid_online = bool(row.fee_amount) and rng.random() < (0.75 if channel == "online" else 0.08)
        row.queue_rank, row.queue_due = row.queue_key()
        row.code_key = Dossier.lookup_key(row.code)
        rows.append(row)
        steps.append(trail)
    Dossier.objects.bulk_create(rows, batch_size=1000)
    # Codes continue where the history stopped (receipts of those days go on with the next number).
    DossierCodeSequence.objects.bulk_create(
        [
            DossierCodeSequence(agency_id=agency_id, day=day, last_number=last)
            for (agency_id, day), last in numbers.items()
            if (agency_id, day) not in already
        ]
    )
    for agency_id, day in already:
        DossierCodeSequence.objects.filter(agency_id=agency_id, day=day).update(last_number=numbers[(agency_id, day)])
    history = [
        DossierHistory(dossier=row, from_status=frm, to_status=to, data={"demo_history": True})
        for row, trail in zip(rows, steps, strict=True)
        for frm, to, _ in trail
    ]
    DossierHistory.objects.bulk_create(history, batch_size=2000)
    moments = [at for trail in steps for _, _, at in trail]
    for entry, at in zip(history, moments, strict=True):
        entry.at = at  # written "now" by auto_now_add; put back when it happened
    DossierHistory.objects.bulk_update(history, ["at"], batch_size=2000)
    for row in rows:
        row.created_at = row.submitted_at
    Dossier.objects.bulk_update(rows, ["created_at"], batch_size=1000)
    return len(rows)


def _reports(rng, now, calendar, citizens, count: int) -> int:
    from reports.models import Category, Report, ReportCodeSequence, ReportHistory

    categories = [c for c in Category.objects.reportable().select_related("default_agency") if c.default_agency_id]
    wards = {a.ward_id: a for a in Agency.objects.filter(kind=AgencyKind.WARD_COMMITTEE, identifier__startswith="TNH-")}
    numbers = _YearlyNumbers(ReportCodeSequence)
    rows = []
    for _ in range(count):
        category = rng.choice(categories)
        ward_id, committee = rng.choice(list(wards.items()))
        agency = committee if rng.random() < 0.7 else category.default_agency
        received = _moment(rng, now, calendar)
        code = f"PA-{received.year}-{numbers.next(received.year):06d}"
        deadline = calendar.add_working_days(received, category.deadline_value)
        status = weighted_pick(
            rng, {"closed": 70, "resolved": 8, "rejected": 6, "duplicate": 4, "reopen_requested": 2, "in_progress": 2}
        )
        answered = None
        if status in ("closed", "resolved", "rejected", "reopen_requested", "duplicate"):
            late = rng.random() < 0.18
            hours = (
                rng.randint(2, 24 * category.deadline_value)
                if not late
                else 24 * category.deadline_value + rng.randint(4, 96)
            )
            answered = min(received + dt.timedelta(hours=hours), now)
        rating = weighted_pick(rng, RATINGS) if answered and rng.random() < 0.3 else None
        rows.append(
            Report(
                code=code,
                status=status,
                category=category,
                description=f"{category.name} — {committee.ward.name if committee.ward_id else ''}.",
                latitude=round(11.28 + rng.random() * 0.3, 6),
                longitude=round(106.05 + rng.random() * 0.3, 6),
                ward_id=ward_id,
                agency=agency,
                reporter=rng.choice(citizens),
                received_at=received,
                deadline_at=deadline,
                answered_at=answered,
                public_answer="Đơn vị đã xử lý xong, cảm ơn người dân đã phản ánh." if answered else "",
                closed_at=min(answered + dt.timedelta(days=14), now) if answered and status == "closed" else None,
                rating=rating,
                rated_at=min(answered + dt.timedelta(days=1), now) if rating else None,
                search_text=category.name.lower(),
            )
        )
    Report.objects.bulk_create(rows, batch_size=1000)
    numbers.save()
    ReportHistory.objects.bulk_create(
        [
            ReportHistory(report=row, at=row.answered_at, from_status="resolved", to_status="reopen_requested")
            for row in rows
            if row.answered_at and (row.status == "reopen_requested" or rng.random() < 0.02)
        ]
    )
    return len(rows)


def _questions(rng, now, calendar, citizens, count: int) -> int:
    from qa.models import Question, QuestionCodeSequence, Topic

    topics = [t for t in Topic.objects.filter(is_active=True) if t.default_agency_id]
    if not topics:
        return 0
    numbers = _YearlyNumbers(QuestionCodeSequence)
    rows = []
    for _ in range(count):
        topic = rng.choice(topics)
        submitted = _moment(rng, now, calendar)
        code = f"HD-{submitted.year}-{numbers.next(submitted.year):06d}"
        deadline = calendar.add_working_days(submitted, topic.deadline_days)
        answered = None
        if rng.random() < 0.93:
            late = rng.random() < 0.12
            answered = (
                deadline + dt.timedelta(hours=rng.randint(2, 72))
                if late
                else submitted + (deadline - submitted) * rng.uniform(0.2, 0.95)
            )
            answered = min(answered, now)
        votes = rng.randint(0, 12) if answered else 0
        helpful = sum(rng.random() < 0.82 for _ in range(votes))
        rows.append(
            Question(
                code=code,
                asker=rng.choice(citizens),
                topic=topic,
                agency=topic.default_agency,
                title=f"Hỏi về {topic.name.lower()}",
                body="Xin cơ quan hướng dẫn giúp thủ tục và giấy tờ cần chuẩn bị.",
                status="private" if answered else "submitted",
                submitted_at=submitted,
                deadline_at=deadline,
                answer="Cơ quan đã trả lời riêng cho người hỏi." if answered else "",
                answered_at=answered,
                helpful_count=helpful,
                not_helpful_count=votes - helpful,
            )
        )
    Question.objects.bulk_create(rows, batch_size=1000)
    numbers.save()
    return len(rows)


def _usage(rng, now) -> int:
    """The year's counters as `usage_flush` would have left them: visits mostly from Zalo, growing."""
    from dashboards.models import UsageDay

    today = timezone.localdate(now)
    rows = []
    for days_ago in range(DAYS, 0, -1):
        day = today - dt.timedelta(days=days_ago)
        growth = 1 + 2.5 * (DAYS - days_ago) / DAYS
        weekend = 0.6 if day.weekday() >= 5 else 1.0
        for channel, base in (("zalo", 260), ("miniapp", 90), ("web", 70)):
            visits = int(base * growth * weekend * rng.uniform(0.85, 1.15))
            active = int(visits * rng.uniform(0.35, 0.45))
            first_in_month = active if day.day == 1 else int(active * max(0.05, 0.6 - 0.02 * day.day))
            rows.append(
                UsageDay(day=day, channel=channel, visits=visits, active_users=active, month_new_active=first_in_month)
            )
    UsageDay.objects.bulk_create(rows)
    return len(rows) // 3
