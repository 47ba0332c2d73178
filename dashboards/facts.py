"""Rebuilding the daily facts from the raw tables, a month at a time, each range in one transaction (a dashboard
reads the old facts or the new ones, never half of each).

What a record counts towards, and on which day, is decided here in plain Python, one record at a time
(`dossier_events`, `report_events`, `question_events`); the raw selectors in `dashboards.selectors` compute the same
figures with SQL aggregates instead, and a test holds the two equal."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from dashboards.models import (
    DossierFact,
    FactsState,
    Grain,
    OverdueNow,
    ProcedureFact,
    QuestionFact,
    ReachDay,
    ReachSnapshot,
    ReportDurationFact,
    ReportFact,
)

logger = logging.getLogger(__name__)

# A resolution time of 30 days or more falls in the last hour bucket (the median never needs more).
MAX_HOURS = 720


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


# What each record counts towards.

FINISHED = {"done", "returned"}
# Never judged on time or late: not received, or ended by the citizen or the office without a result.
NOT_JUDGED = {"draft", "submitted", "refused", "withdrawn", "stopped"}


def dossier_verdict(*, status, due_at, finished_at, supplement_count, now) -> tuple[dt.datetime | None, bool]:
    """When a dossier counts as on time or late, and which (Decision 766; ../shared/DOSSIER_RULES.md):
    - finished by its due date: on time, on the day it finished — unless the citizen was asked for papers more than
      once, which counts as late;
    - not finished by its due date (finished later, or still open once the date has passed): late, on the due date.
    The due date is the first appointment (a later "hẹn lại" does not excuse the delay); a supplement restarts the
    clock from zero, so its pause is never counted; a dossier waiting for the citizen's papers is not judged until
    the clock runs again. Withdrawn, stopped and refused dossiers are not judged."""
    if status in NOT_JUDGED or due_at is None:
        return None, False
    if status in FINISHED and finished_at is not None:
        if finished_at <= due_at:
            return finished_at, supplement_count <= 1
        return due_at, False
    if status == "supplement_requested" or due_at >= now:
        return None, False
    return due_at, False


def dossier_events(row: dict, now: dt.datetime) -> Iterable[tuple[dt.datetime, str, dict]]:
    """(moment, "dossier" | "procedure", measures) for one dossier."""
    if row["received_at"] is not None:
        fee = bool(row["fee_amount"])
        yield (
            row["received_at"],
            "dossier",
            {
                "received": 1,
                "received_fee": int(fee),
                "paid_online": int(fee and row["paid_online"]),
                "digitised": int(row["digitised"]),
                "reused": int(row["reused_documents"]),
            },
        )
        yield row["received_at"], "procedure", {"received": 1}
    if row["status"] in FINISHED and row["finished_at"] is not None:
        seconds = int((row["finished_at"] - row["received_at"]).total_seconds()) if row["received_at"] else 0
        rating = row["rating"]
        yield (
            row["finished_at"],
            "dossier",
            {
                "finished": 1,
                "finished_seconds": seconds,
                "electronic_result": int(row["electronic_result"]),
                "rated": int(rating is not None),
                "rating_sum": rating or 0,
                "rated_bad": int(rating is not None and rating <= 2),
            },
        )
        yield row["finished_at"], "procedure", {"finished": 1, "finished_seconds": seconds}
    judged_at, on_time = dossier_verdict(
        status=row["status"],
        due_at=row["due_at"],
        finished_at=row["finished_at"],
        supplement_count=row["supplement_count"],
        now=now,
    )
    if judged_at is not None:
        yield judged_at, "dossier", {"judged": 1, "judged_on_time": int(on_time)}


def report_events(row: dict, reopened: bool) -> Iterable[tuple[dt.datetime, str, dict]]:
    if row["received_at"] is not None:
        yield row["received_at"], "report", {"received": 1}
    if row["answered_at"] is not None and row["received_at"] is not None:
        seconds = max(0, int((row["answered_at"] - row["received_at"]).total_seconds()))
        on_time = row["deadline_at"] is not None and row["answered_at"] <= row["deadline_at"]
        yield (
            row["answered_at"],
            "report",
            {"resolved": 1, "resolved_on_time": int(on_time), "resolve_seconds": seconds, "reopened": int(reopened)},
        )
        yield row["answered_at"], "duration", {"resolved": 1, "hours": min(seconds // 3600, MAX_HOURS)}
    if row["rating"] is not None and row["rated_at"] is not None:
        yield row["rated_at"], "report", {"rated": 1, "rating_sum": row["rating"]}


def question_events(row: dict) -> Iterable[tuple[dt.datetime, dict]]:
    yield row["submitted_at"], {"asked": 1}
    if row["answered_at"] is not None:
        on_time = row["deadline_at"] is not None and row["answered_at"] <= row["deadline_at"]
        yield (
            row["answered_at"],
            {
                "answered": 1,
                "answered_on_time": int(on_time),
                "helpful": row["helpful_count"],
                "not_helpful": row["not_helpful_count"],
            },
        )


# Accumulating and writing.


class _Sink:
    """Facts of one model for the days [first, last], keyed by day and dimensions."""

    def __init__(self, model, first: dt.date, last: dt.date):
        self.model, self.first, self.last = model, first, last
        self.rows: defaultdict[tuple, Counter] = defaultdict(Counter)

    def add(self, moment: dt.datetime, dimensions: tuple, measures: dict) -> None:
        day = local_day(moment)
        if self.first <= day <= self.last:
            self.rows[(day, *dimensions)].update(measures)

    def replace(self) -> int:
        model = self.model
        model.objects.filter(grain=Grain.DAY, day__gte=self.first, day__lte=self.last).delete()
        objects = []
        for (day, *dimensions), measures in self.rows.items():
            values = dict(zip(model.DIMENSIONS, dimensions, strict=True))
            values.update({name: measures.get(name, 0) for name in model.MEASURES})
            objects.append(model(grain=Grain.DAY, day=day, **values))
        model.objects.bulk_create(objects, batch_size=5000)
        return len(objects)


def _roll_up(model, month: dt.date) -> None:
    """The month's row per dimensions: the sum of its days."""
    model.objects.filter(grain=Grain.MONTH, day=month).delete()
    days = model.objects.filter(grain=Grain.DAY, day__gte=month, day__lt=next_month(month))
    totals = days.values(*model.DIMENSIONS).annotate(**{f"t_{m}": Sum(m) for m in model.MEASURES}).order_by()
    model.objects.bulk_create(
        [
            model(
                grain=Grain.MONTH,
                day=month,
                **{d: row[d] for d in model.DIMENSIONS},
                **{m: row[f"t_{m}"] or 0 for m in model.MEASURES},
            )
            for row in totals
        ],
        batch_size=5000,
    )


def _dossier_rows(start: dt.datetime, end: dt.datetime):
    from dossiers.models import Dossier

    touching = Q(received_at__gte=start, received_at__lt=end) | Q(finished_at__gte=start, finished_at__lt=end)
    touching |= Q(due_at__gte=start, due_at__lt=end)
    return (
        Dossier.objects.filter(touching)
        .exclude(status="draft")
        .values(
            "receiving_agency_id",
            "ward_id",
            "channel",
            "procedure_id",
            "status",
            "received_at",
            "due_at",
            "finished_at",
            "supplement_count",
            "fee_amount",
            "paid_online",
            "electronic_result",
            "digitised",
            "reused_documents",
            "rating",
        )
        .order_by()
        .iterator(chunk_size=5000)
    )


def _rebuild_dossiers(first: dt.date, last: dt.date, now: dt.datetime) -> int:
    dossiers, procedures = _Sink(DossierFact, first, last), _Sink(ProcedureFact, first, last)
    for row in _dossier_rows(day_start(first), day_start(last + dt.timedelta(days=1))):
        for moment, kind, measures in dossier_events(row, now):
            if kind == "dossier":
                dossiers.add(moment, (row["receiving_agency_id"], row["ward_id"], row["channel"]), measures)
            else:
                procedures.add(moment, (row["receiving_agency_id"], row["ward_id"], row["procedure_id"]), measures)
    return dossiers.replace() + procedures.replace()


def _rebuild_reports(first: dt.date, last: dt.date) -> int:
    from reports.models import Report, ReportHistory

    start, end = day_start(first), day_start(last + dt.timedelta(days=1))
    touching = Q(received_at__gte=start, received_at__lt=end) | Q(answered_at__gte=start, answered_at__lt=end)
    touching |= Q(rated_at__gte=start, rated_at__lt=end)
    rows = list(
        Report.objects.filter(touching)
        .exclude(status="draft")
        .values(
            "pk",
            "agency_id",
            "ward_id",
            "category_id",
            "received_at",
            "answered_at",
            "deadline_at",
            "rating",
            "rated_at",
        )
        .order_by()
    )
    answered = [row["pk"] for row in rows if row["answered_at"] is not None]
    reopened = set()
    for at in range(0, len(answered), 5000):
        reopened |= set(
            ReportHistory.objects.filter(report_id__in=answered[at : at + 5000], to_status="reopen_requested")
            .values_list("report_id", flat=True)
            .distinct()
        )
    reports, durations = _Sink(ReportFact, first, last), _Sink(ReportDurationFact, first, last)
    for row in rows:
        for moment, kind, measures in report_events(row, row["pk"] in reopened):
            if kind == "report":
                reports.add(moment, (row["agency_id"], row["ward_id"], row["category_id"]), measures)
            else:
                durations.add(moment, (row["agency_id"], row["ward_id"], measures["hours"]), {"resolved": 1})
    return reports.replace() + durations.replace()


def _rebuild_questions(first: dt.date, last: dt.date) -> int:
    from qa.models import Question

    start, end = day_start(first), day_start(last + dt.timedelta(days=1))
    touching = Q(submitted_at__gte=start, submitted_at__lt=end) | Q(answered_at__gte=start, answered_at__lt=end)
    questions = _Sink(QuestionFact, first, last)
    rows = (
        Question.objects.filter(touching)
        .values(
            "agency_id",
            "topic_id",
            "submitted_at",
            "answered_at",
            "deadline_at",
            "helpful_count",
            "not_helpful_count",
        )
        .order_by()
    )
    for row in rows.iterator(chunk_size=5000):
        for moment, measures in question_events(row):
            questions.add(moment, (row["agency_id"], None, row["topic_id"]), measures)
    return questions.replace()


def _rebuild_reach(first: dt.date, last: dt.date) -> int:
    from identity.models import User

    start, end = day_start(first), day_start(last + dt.timedelta(days=1))
    counts: defaultdict[dt.date, Counter] = defaultdict(Counter)
    joined = User.objects.filter(is_staff=False, date_joined__gte=start, date_joined__lt=end)
    for joined_at in joined.values_list("date_joined", flat=True).iterator(chunk_size=5000):
        counts[local_day(joined_at)]["new_citizens"] += 1
    ReachDay.objects.filter(day__gte=first, day__lte=last).delete()
    ReachDay.objects.bulk_create([ReachDay(day=day, **values) for day, values in counts.items()], batch_size=5000)
    return len(counts)


FACT_MODELS = (DossierFact, ProcedureFact, ReportFact, ReportDurationFact, QuestionFact)


def facts_rebuild(*, first: dt.date, last: dt.date, now: dt.datetime | None = None, log=None) -> int:
    """Rebuild every fact of the days [first, last] from the raw tables, one month per transaction, and the months'
    roll-ups. Returns the number of day rows written."""
    if last < first:
        raise ValueError("ngày kết thúc phải sau ngày bắt đầu")
    now = now or timezone.now()
    written = 0
    month = month_start(first)
    while month <= last:
        lo, hi = max(first, month), min(last, next_month(month) - dt.timedelta(days=1))
        with transaction.atomic():
            written += _rebuild_dossiers(lo, hi, now) + _rebuild_reports(lo, hi) + _rebuild_questions(lo, hi)
            written += _rebuild_reach(lo, hi)
            for model in FACT_MODELS:
                _roll_up(model, month)
        if log:
            log(f"  {month:%m/%Y}: {written:,} dòng số liệu")
        month = next_month(month)
    overdue_take(now=now)
    return written


def overdue_take(*, now: dt.datetime) -> int:
    """Count the dossiers in hand past their due date per agency and ward (one pass over the queue's index),
    replacing the last count. Those waiting for the citizen's papers are left out: their clock restarts."""
    from django.db.models import Count

    from dossiers.models import Dossier

    rows = (
        Dossier.objects.overdue(now)
        .exclude(status="supplement_requested")
        .values("receiving_agency_id", "ward_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = [
        OverdueNow(taken_at=now, agency_id=row["receiving_agency_id"], ward_id=row["ward_id"], dossiers=row["n"])
        for row in rows
    ]
    with transaction.atomic():
        OverdueNow.objects.all().delete()
        OverdueNow.objects.bulk_create(found)
    return sum(row.dossiers for row in found)


def _changed_days(model, fields: list[str], since: dt.datetime) -> set[dt.date]:
    days = set()
    for values in model.objects.filter(updated_at__gte=since).values_list(*fields).iterator(chunk_size=5000):
        days.update(local_day(moment) for moment in values if moment is not None)
    return days


# A change is folded in by the next refresh after it; the overlap covers a transaction that committed late.
OVERLAP = dt.timedelta(minutes=5)


def facts_refresh(*, now: dt.datetime | None = None) -> set[dt.date]:
    """The scheduled job: rebuild the days of records changed since the last run, plus today and yesterday (a due
    date passing changes a day's figures without any record changing). Returns the days rebuilt."""
    from dashboards.usage import usage_flush
    from dossiers.models import Dossier
    from qa.models import Question
    from reports.models import Report

    now = now or timezone.now()
    state, _ = FactsState.objects.get_or_create(subject="all", defaults={"refreshed_at": now - dt.timedelta(days=2)})
    since = state.refreshed_at - OVERLAP
    today = local_day(now)
    days = {today, today - dt.timedelta(days=1)}
    days |= _changed_days(Dossier, ["received_at", "finished_at", "due_at"], since)
    days |= _changed_days(Report, ["received_at", "answered_at", "rated_at"], since)
    days |= _changed_days(Question, ["submitted_at", "answered_at"], since)
    from identity.models import User

    days |= {local_day(at) for at in User.objects.filter(date_joined__gte=since).values_list("date_joined", flat=True)}
    days = {day for day in days if day <= today}  # a due date ahead changes nothing yet
    for first, last in _runs(sorted(days)):
        facts_rebuild(first=first, last=last, now=now)
    usage_flush()
    latest = ReachSnapshot.objects.order_by("-taken_at").values_list("taken_at", flat=True).first()
    if latest is None or now - latest >= dt.timedelta(hours=1):
        reach_snapshot_take(now=now)
    FactsState.objects.filter(pk=state.pk).update(refreshed_at=now)
    return days


def _runs(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days as (first, last) ranges."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and day - runs[-1][1] == dt.timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(first, last) for first, last in runs]


def reach_snapshot_take(*, now: dt.datetime | None = None) -> ReachSnapshot:
    """Count the citizens' accounts as they stand (one query): how many, at level 2, of known age, aged 45 or over
    (by the verified date of birth, else the declared birth year)."""
    from django.db.models import Count

    from identity.models import IdentityLevel, User

    now = now or timezone.now()
    today = local_day(now)
    try:
        born_by = today.replace(year=today.year - 45)
    except ValueError:  # 29 February
        born_by = today.replace(year=today.year - 45, day=28)
    dob, declared = "profile__date_of_birth", "profile__declared_birth_year"
    counts = User.objects.filter(is_staff=False, is_active=True).aggregate(
        citizens=Count("pk"),
        level2=Count("pk", filter=Q(identity_level__gte=IdentityLevel.VERIFIED)),
        age_known=Count("pk", filter=Q(**{f"{dob}__isnull": False}) | Q(**{f"{declared}__isnull": False})),
        over_45=Count(
            "pk",
            filter=Q(**{f"{dob}__lte": born_by}) | Q(**{f"{dob}__isnull": True, f"{declared}__lte": today.year - 45}),
        ),
    )
    return ReachSnapshot.objects.create(taken_at=now, **counts)
