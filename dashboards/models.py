"""Daily pre-aggregated facts, so a dashboard never scans the raw tables.

Each fact row counts what happened on one local day (grain "d") for one combination of its dimensions, or, rolled
up from those, in one month (grain "m", dated the 1st). Every measure is a count or a sum, so any period is the sum
of its whole months and of the days at its edges (dashboards.selectors). `dashboards.facts` rebuilds them from the
raw tables: a range on demand (`manage.py rebuild_facts`), the days touched by recent changes on a schedule."""

from __future__ import annotations

from django.db import models


class Grain(models.TextChoices):
    DAY = "d", "ngày"
    MONTH = "m", "tháng"


class Fact(models.Model):
    grain = models.CharField(max_length=1, choices=Grain.choices)
    day = models.DateField()  # the local day, or the first day of the month
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, null=True, related_name="+")
    ward = models.ForeignKey("agencies.Ward", on_delete=models.CASCADE, null=True, related_name="+")

    DIMENSIONS: tuple[str, ...] = ("agency_id", "ward_id")
    MEASURES: tuple[str, ...] = ()

    class Meta:
        abstract = True


def _fact_indexes(prefix: str) -> list[models.Index]:
    # A period reads one grain's rows by day, for an agency list or a ward list (the two ways a scope is drawn).
    return [
        models.Index(fields=["grain", "day"], name=f"{prefix}_day"),
        models.Index(fields=["grain", "agency", "day"], name=f"{prefix}_agency"),
        models.Index(fields=["grain", "ward", "day"], name=f"{prefix}_ward"),
    ]


class DossierFact(Fact):
    """Dossiers per day, agency, ward and channel: received and what the service index counts on them (on the day
    of receipt), finished and rated (on the day processing finished), judged on time or late (see
    `dashboards.facts.dossier_verdict`)."""

    channel = models.CharField(max_length=16)
    received = models.PositiveIntegerField(default=0)
    received_fee = models.PositiveIntegerField(default=0)  # of a procedure with a fee
    paid_online = models.PositiveIntegerField(default=0)
    digitised = models.PositiveIntegerField(default=0)
    reused = models.PositiveIntegerField(default=0)
    finished = models.PositiveIntegerField(default=0)
    finished_seconds = models.BigIntegerField(default=0)  # receipt → finished, summed
    electronic_result = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    rated_bad = models.PositiveIntegerField(default=0)  # 1 or 2 stars
    judged = models.PositiveIntegerField(default=0)
    judged_on_time = models.PositiveIntegerField(default=0)

    DIMENSIONS = ("agency_id", "ward_id", "channel")
    MEASURES = (
        "received",
        "received_fee",
        "paid_online",
        "digitised",
        "reused",
        "finished",
        "finished_seconds",
        "electronic_result",
        "rated",
        "rating_sum",
        "rated_bad",
        "judged",
        "judged_on_time",
    )

    class Meta:
        indexes = _fact_indexes("dfact")


class ProcedureFact(Fact):
    """Dossiers per day, agency, ward and procedure: the average resolution time of each procedure."""

    procedure = models.ForeignKey("dossiers.Procedure", on_delete=models.CASCADE, related_name="+")
    received = models.PositiveIntegerField(default=0)
    finished = models.PositiveIntegerField(default=0)
    finished_seconds = models.BigIntegerField(default=0)

    DIMENSIONS = ("agency_id", "ward_id", "procedure_id")
    MEASURES = ("received", "finished", "finished_seconds")

    class Meta:
        indexes = _fact_indexes("pfact")


class ReportFact(Fact):
    """Field reports per day, agency, ward and category: received, resolved (on the day of the answer; within the
    deadline or not; asked to be looked at again), rated."""

    category = models.ForeignKey("reports.Category", on_delete=models.CASCADE, related_name="+")
    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_on_time = models.PositiveIntegerField(default=0)
    resolve_seconds = models.BigIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)

    DIMENSIONS = ("agency_id", "ward_id", "category_id")
    MEASURES = ("received", "resolved", "resolved_on_time", "resolve_seconds", "reopened", "rated", "rating_sum")

    class Meta:
        indexes = _fact_indexes("rfact")


class ReportDurationFact(Fact):
    """Resolved reports per whole hour from receipt to answer (720 = 30 days or more): the median, exactly as the raw
    data gives it to the hour."""

    hours = models.PositiveSmallIntegerField()
    resolved = models.PositiveIntegerField(default=0)

    DIMENSIONS = ("agency_id", "ward_id", "hours")
    MEASURES = ("resolved",)

    class Meta:
        indexes = _fact_indexes("rdfact")


class QuestionFact(Fact):
    """Questions per day, agency and topic: asked, answered (within the deadline or not) and how readers found the
    answer (on the day it was answered)."""

    topic = models.ForeignKey("qa.Topic", on_delete=models.CASCADE, related_name="+")
    asked = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_on_time = models.PositiveIntegerField(default=0)
    helpful = models.PositiveIntegerField(default=0)
    not_helpful = models.PositiveIntegerField(default=0)

    DIMENSIONS = ("agency_id", "ward_id", "topic_id")
    MEASURES = ("asked", "answered", "answered_on_time", "helpful", "not_helpful")

    class Meta:
        indexes = _fact_indexes("qfact")


class OverdueNow(models.Model):
    """Dossiers in hand past their due date per agency and ward, as the last refresh found them: "overdue now"
    without counting a province's open dossiers on every page view."""

    taken_at = models.DateTimeField()
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    ward = models.ForeignKey("agencies.Ward", on_delete=models.CASCADE, null=True, related_name="+")
    dossiers = models.PositiveIntegerField()


class UsageChannel(models.TextChoices):
    WEB = "web", "Trình duyệt"
    ZALO_WEBVIEW = "zalo", "Trình duyệt trong Zalo"
    MINIAPP = "miniapp", "Zalo Mini App"


class UsageDay(models.Model):
    """Counters of one day and channel, nothing about anyone: visits (a page opened from outside the portal),
    citizens active that day, and those active for the first time that month (their sum over a month is the
    month's active users). Counted in the cache as requests come, added here by the facts job."""

    day = models.DateField()
    channel = models.CharField(max_length=16, choices=UsageChannel.choices)
    visits = models.PositiveIntegerField(default=0)
    active_users = models.PositiveIntegerField(default=0)
    month_new_active = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "channel"], name="one_usage_row_per_day_channel")]


class ReachDay(models.Model):
    """Citizens' accounts opened on a day (rebuilt from the accounts' creation dates)."""

    day = models.DateField(unique=True)
    new_citizens = models.PositiveIntegerField(default=0)


class ReachSnapshot(models.Model):
    """The citizens' accounts as they stood at one moment: how many, at level 2, of known age, 45 or over."""

    taken_at = models.DateTimeField(db_index=True)
    citizens = models.PositiveIntegerField()
    level2 = models.PositiveIntegerField()
    age_known = models.PositiveIntegerField()
    over_45 = models.PositiveIntegerField()


class FactsState(models.Model):
    """Where the scheduled refresh of a subject's facts got to: changes after `refreshed_at` are still to fold in."""

    subject = models.CharField(max_length=32, unique=True)
    refreshed_at = models.DateTimeField()
