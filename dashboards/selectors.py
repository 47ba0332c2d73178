"""The figures. Each one is computed from the facts (what the pages and the API show) and, for the dossier, report
and question indicators, also straight from the raw tables with SQL aggregates (`*_raw`): a second, independent
reading of the same rules that the tests hold equal to the first.

Rates are fractions 0–1, or None when there is nothing to divide by (a rate of an empty period is not 0 %)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, F, Q, Sum

from dashboards.facts import FINISHED, MAX_HOURS
from dashboards.models import (
    DossierFact,
    Grain,
    ProcedureFact,
    QuestionFact,
    ReachDay,
    ReachSnapshot,
    ReportDurationFact,
    ReportFact,
    UsageDay,
)
from dashboards.periods import Period
from dashboards.scope import Scope

DAY_SECONDS = 86400


def rate(part, whole) -> float | None:
    return part / whole if whole else None


def _in_period(period: Period) -> Q:
    """Whole months from their roll-up rows, the days at the edges from day rows."""
    months, edges = period.whole_months()
    parts = [Q(grain=Grain.MONTH, day__in=months)] if months else []
    parts += [Q(grain=Grain.DAY, day__gte=first, day__lte=last) for first, last in edges]
    return reduce(or_, parts)


def fact_rows(model, scope: Scope, period: Period):
    return model.objects.filter(_in_period(period)).filter(scope.q())


def _totals(model, scope: Scope, period: Period) -> dict[str, int]:
    sums = fact_rows(model, scope, period).aggregate(**{m: Sum(m) for m in model.MEASURES})
    return {name: value or 0 for name, value in sums.items()}


# Dossiers: the Decision 766 indicators.


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    formula: str
    kind: str = "rate"  # "rate", "count", "days", "score"


DOSSIER_INDICATORS = [
    Indicator("received", "Hồ sơ tiếp nhận", "Số hồ sơ được tiếp nhận trong kỳ (mọi kênh).", "count"),
    Indicator(
        "online_rate",
        "Tỷ lệ hồ sơ trực tuyến",
        "Hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ. Đạt điểm tối đa khi từ 50% trở lên.",
    ),
    Indicator(
        "on_time_rate",
        "Tỷ lệ giải quyết đúng hạn",
        "Hồ sơ xong trước hạn ÷ (hồ sơ xong trước hạn + hồ sơ quá hạn). Hồ sơ quá hạn được tính vào ngày đến hạn, "
        "dù đã xong sau đó hay còn đang giải quyết. Thời gian chờ công dân bổ sung không tính (hạn được tính lại "
        "từ đầu); bị yêu cầu bổ sung quá 1 lần thì tính là trễ hạn. Hồ sơ rút, dừng xử lý, từ chối tiếp nhận "
        "không tính.",
    ),
    Indicator(
        "average_resolution_days",
        "Thời gian giải quyết trung bình",
        "Trung bình số ngày (ngày lịch) từ lúc tiếp nhận đến lúc xử lý xong, của hồ sơ xử lý xong trong kỳ.",
        "days",
    ),
    Indicator(
        "overdue_now",
        "Đang quá hạn (hiện tại)",
        "Hồ sơ đang giải quyết đã qua ngày hẹn trả (kể cả ngày hẹn lại), không phụ thuộc kỳ, tính đến lần cập nhật "
        "số liệu gần nhất (10 phút một lần); không tính hồ sơ đang chờ công dân bổ sung.",
        "count",
    ),
    Indicator(
        "electronic_result_rate",
        "Tỷ lệ trả kết quả điện tử",
        "Hồ sơ xử lý xong có kết quả điện tử ÷ hồ sơ xử lý xong trong kỳ.",
    ),
    Indicator(
        "online_payment_rate",
        "Tỷ lệ thanh toán trực tuyến",
        "Hồ sơ có phí, lệ phí đã nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ của thủ tục có phí, lệ phí.",
    ),
    Indicator(
        "digitisation_rate",
        "Tỷ lệ số hoá hồ sơ",
        "Hồ sơ có giấy tờ ở dạng tệp điện tử ÷ hồ sơ tiếp nhận trong kỳ. Đạt điểm tối đa khi từ 80% trở lên.",
    ),
    Indicator(
        "reuse_rate",
        "Tỷ lệ tái sử dụng giấy tờ đã số hoá",
        "Hồ sơ dùng lại giấy tờ đã nộp trong hồ sơ trước ÷ hồ sơ tiếp nhận trong kỳ.",
    ),
    Indicator(
        "satisfaction",
        "Mức độ hài lòng",
        "100% − (tỷ lệ trễ hạn + tỷ lệ hồ sơ bị đánh giá 1–2 sao trên hồ sơ xử lý xong). Chưa có dữ liệu khiếu "
        "nại nên chỉ tính đánh giá. Đạt điểm tối đa khi từ 90% trở lên.",
    ),
]

# The index's five groups (100 points). Our data scores four; transparency (publishing procedures, answering the
# public) is judged from outside the portal.
GROUP_SCORES = [
    ("transparency", "Công khai, minh bạch", 18, "Không tính được từ dữ liệu của cổng."),
    ("progress", "Tiến độ giải quyết", 20, "20 × tỷ lệ đúng hạn."),
    ("digitisation", "Số hoá hồ sơ", 22, "22 × (tỷ lệ số hoá ÷ 80%, tối đa 1)."),
    (
        "online_service",
        "Cung cấp dịch vụ trực tuyến",
        22,
        "22 × (½ × (tỷ lệ trực tuyến ÷ 50%, tối đa 1) + ¼ × tỷ lệ thanh toán trực tuyến + ¼ × tỷ lệ kết quả điện tử).",
    ),
    ("satisfaction", "Mức độ hài lòng", 18, "18 × (mức độ hài lòng ÷ 90%, tối đa 1)."),
]


def dossier_indicators(counts: dict, by_channel: dict[str, int], overdue_now: int) -> dict:
    """The indicators from the counts, whichever way the counts were made."""
    received, finished, judged = counts["received"], counts["finished"], counts["judged"]
    on_time = rate(counts["judged_on_time"], judged)
    bad = rate(counts["rated_bad"], finished)
    satisfaction = None
    if on_time is not None or bad is not None:
        satisfaction = max(0.0, 1 - ((1 - on_time) if on_time is not None else 0) - (bad or 0))
    average_days = counts["finished_seconds"] / finished / DAY_SECONDS if finished else None
    return {
        "received": received,
        "received_by_channel": {channel: by_channel.get(channel, 0) for channel in CHANNEL_KEYS},
        "online_rate": rate(by_channel.get("online", 0), received),
        "on_time_rate": on_time,
        "average_resolution_days": round(average_days, 2) if average_days is not None else None,
        "overdue_now": overdue_now,
        "electronic_result_rate": rate(counts["electronic_result"], finished),
        "online_payment_rate": rate(counts["paid_online"], counts["received_fee"]),
        "digitisation_rate": rate(counts["digitised"], received),
        "reuse_rate": rate(counts["reused"], received),
        "satisfaction": satisfaction,
        "counts": {key: counts[key] for key in DossierFact.MEASURES if key != "finished_seconds"},
    }


def group_scores(indicators: dict) -> list[dict]:
    def capped(value, full):
        return min(value / full, 1.0) if value is not None else None

    online_parts = [
        capped(indicators["online_rate"], 0.5),
        indicators["online_payment_rate"],
        indicators["electronic_result_rate"],
    ]
    fractions = {
        "transparency": None,
        "progress": indicators["on_time_rate"],
        "digitisation": capped(indicators["digitisation_rate"], 0.8),
        "online_service": (
            None
            if online_parts[0] is None
            else online_parts[0] / 2 + (online_parts[1] or 0) / 4 + (online_parts[2] or 0) / 4
        ),
        "satisfaction": capped(indicators["satisfaction"], 0.9),
    }
    return [
        {
            "key": key,
            "label": label,
            "points": points,
            "formula": formula,
            "score": round(points * fractions[key], 1) if fractions[key] is not None else None,
        }
        for key, label, points, formula in GROUP_SCORES
    ]


def _overdue(dossiers, now: dt.datetime):
    """In hand past the due date (a new date after an apology counts), except those waiting for the citizen's
    papers: their clock restarts when the papers come."""
    return dossiers.overdue(now).exclude(status="supplement_requested")


def overdue_now(scope: Scope) -> int:
    """As the last refresh of the facts counted them (`dashboards.facts.overdue_take`)."""
    from dashboards.models import OverdueNow

    return OverdueNow.objects.filter(scope.q()).aggregate(n=Sum("dossiers"))["n"] or 0


def overdue_now_raw(scope: Scope, now: dt.datetime) -> int:
    from dossiers.models import Dossier

    return _overdue(Dossier.objects.filter(scope.q("receiving_agency_id", "ward_id")), now).count()


CHANNEL_KEYS = ("online", "in_person", "post")


def dossier_figures(scope: Scope, period: Period, *, now: dt.datetime, overdue: int | None = None) -> dict:
    """The indicators of a period from the facts, in one query (`overdue`: the count when already made, since it
    does not depend on the period)."""
    # Named apart from the columns: an aggregate named like a column hides it from the ones after it.
    sums = {f"t_{m}": Sum(m) for m in DossierFact.MEASURES}
    sums |= {f"by_{channel}": Sum("received", filter=Q(channel=channel)) for channel in CHANNEL_KEYS}
    found = {key: value or 0 for key, value in fact_rows(DossierFact, scope, period).aggregate(**sums).items()}
    totals = {m: found[f"t_{m}"] for m in DossierFact.MEASURES}
    by_channel = {channel: found[f"by_{channel}"] for channel in CHANNEL_KEYS}
    return dossier_indicators(totals, by_channel, overdue_now(scope) if overdue is None else overdue)


def _dossier_sets(period: Period, now: dt.datetime) -> dict[str, Q]:
    """The dossiers each figure counts, as conditions on the raw table (the same rules as
    `dashboards.facts.dossier_verdict`, written as SQL)."""
    start, end = period.start, period.end
    received = Q(received_at__gte=start, received_at__lt=end)
    finished = Q(status__in=FINISHED, finished_at__gte=start, finished_at__lt=end)
    finished_by_due = finished & Q(finished_at__lte=F("due_at"))
    finished_late = Q(status__in=FINISHED, finished_at__gt=F("due_at"), due_at__gte=start, due_at__lt=end)
    open_late = Q(status__in=["received", "processing", "awaiting_fee"], due_at__gte=start, due_at__lt=min(end, now))
    return {
        "received": received,
        "fee": received & Q(fee_amount__gt=0),
        "finished": finished,
        "on_time": finished_by_due & Q(supplement_count__lte=1),
        "late": finished_late | open_late | (finished_by_due & Q(supplement_count__gt=1)),
    }


def dossier_figures_raw(scope: Scope, period: Period, *, now: dt.datetime) -> dict:
    """The same figures from the dossiers themselves (SQL aggregates over the raw table): the check on the facts."""
    from dossiers.models import Dossier

    dossiers = Dossier.objects.exclude(status="draft").filter(scope.q("receiving_agency_id", "ward_id"))
    sets = _dossier_sets(period, now)
    received, fee, finished = sets["received"], sets["fee"], sets["finished"]
    counts = dossiers.aggregate(
        received=Count("pk", filter=received),
        received_fee=Count("pk", filter=fee),
        paid_online=Count("pk", filter=fee & Q(paid_online=True)),
        digitised=Count("pk", filter=received & Q(digitised=True)),
        reused=Count("pk", filter=received & Q(reused_documents=True)),
        finished=Count("pk", filter=finished),
        electronic_result=Count("pk", filter=finished & Q(electronic_result=True)),
        rated=Count("pk", filter=finished & Q(rating__isnull=False)),
        rating_sum=Sum("rating", filter=finished),
        rated_bad=Count("pk", filter=finished & Q(rating__lte=2)),
        judged=Count("pk", filter=sets["on_time"] | sets["late"]),
        judged_on_time=Count("pk", filter=sets["on_time"]),
    )
    counts["rating_sum"] = counts["rating_sum"] or 0
    durations = dossiers.filter(finished).values_list("received_at", "finished_at")
    counts["finished_seconds"] = sum(int((done - got).total_seconds()) for got, done in durations if got)
    by_channel = dict(
        dossiers.filter(received).values("channel").annotate(n=Count("pk")).values_list("channel", "n").order_by()
    )
    return dossier_indicators(counts, by_channel, overdue_now_raw(scope, now))


RECORD_SETS = {
    "tiep-nhan": ("Hồ sơ tiếp nhận trong kỳ", "received"),
    "truc-tuyen": ("Hồ sơ trực tuyến tiếp nhận trong kỳ", "online"),
    "xu-ly-xong": ("Hồ sơ xử lý xong trong kỳ", "finished"),
    "tre-han": ("Hồ sơ trễ hạn trong kỳ", "late"),
    "qua-han": ("Hồ sơ đang quá hạn (hiện tại)", "overdue"),
}


def dossier_records(user, scope: Scope, period: Period, which: str, *, now: dt.datetime):
    """The dossiers behind a figure, for an officer or head: only those the back office lets them open."""
    from dossiers.models import Dossier

    dossiers = Dossier.objects.for_user(user).filter(scope.q("receiving_agency_id", "ward_id"))
    key = RECORD_SETS[which][1]
    if key == "overdue":
        chosen = _overdue(dossiers, now).order_by("queue_due", "pk")
    elif key == "online":
        chosen = dossiers.filter(_dossier_sets(period, now)["received"], channel="online").order_by("-received_at")
    else:
        chosen = dossiers.filter(_dossier_sets(period, now)[key]).order_by("-received_at", "pk")
    return chosen.select_related("procedure", "receiving_agency")


REPORT_RECORD_SETS = {
    "pa-tiep-nhan": "Phản ánh tiếp nhận trong kỳ",
    "pa-tre-han": "Phản ánh trả lời quá hạn trong kỳ",
    "pa-xem-lai": "Phản ánh bị đề nghị xem lại (trả lời trong kỳ)",
}


def report_records(user, scope: Scope, period: Period, which: str):
    """The field reports behind a figure, for an officer or head: their agencies' reports only."""
    from reports.models import Report, ReportHistory

    start, end = period.start, period.end
    reports = Report.objects.for_user(user).filter(scope.q())
    answered = Q(answered_at__gte=start, answered_at__lt=end, received_at__isnull=False)
    chosen = {
        "pa-tiep-nhan": Q(received_at__gte=start, received_at__lt=end),
        "pa-tre-han": answered & Q(answered_at__gt=F("deadline_at")),
        "pa-xem-lai": answered
        & Q(pk__in=ReportHistory.objects.filter(to_status="reopen_requested").values("report_id")),
    }[which]
    return reports.filter(chosen).select_related("category", "ward").order_by("-received_at", "pk")


def dossier_by_agency(scope: Scope, period: Period) -> list[dict]:
    rows = (
        fact_rows(DossierFact, scope, period)
        .values("agency_id", "agency__name")
        .annotate(
            t_received=Sum("received"),
            t_online=Sum("received", filter=Q(channel="online")),
            t_finished=Sum("finished"),
            t_judged=Sum("judged"),
            t_on_time=Sum("judged_on_time"),
        )
        .order_by("-t_received", "agency__name")
    )
    return [
        {
            "agency_id": row["agency_id"],
            "agency": row["agency__name"],
            "received": row["t_received"],
            "online_rate": rate(row["t_online"] or 0, row["t_received"]),
            "finished": row["t_finished"],
            "on_time_rate": rate(row["t_on_time"], row["t_judged"]),
        }
        for row in rows
    ]


PROCEDURE_ROWS = 15


def procedure_resolution(scope: Scope, period: Period, limit: int = PROCEDURE_ROWS) -> list[dict]:
    """The procedures with most dossiers finished in the period, with their average resolution time."""
    rows = (
        fact_rows(ProcedureFact, scope, period)
        .values("procedure_id", "procedure__name")
        .annotate(t_received=Sum("received"), t_finished=Sum("finished"), t_seconds=Sum("finished_seconds"))
        .filter(t_finished__gt=0)
        .order_by("-t_finished", "procedure__name")[:limit]
    )
    return [
        {
            "procedure": row["procedure__name"],
            "received": row["t_received"],
            "finished": row["t_finished"],
            "average_resolution_days": round(row["t_seconds"] / row["t_finished"] / DAY_SECONDS, 2),
        }
        for row in rows
    ]


def _months_back(last: dt.date, months: int) -> list[dt.date]:
    firsts = [last.replace(day=1)]
    for _ in range(months - 1):
        firsts.append((firsts[-1] - dt.timedelta(days=1)).replace(day=1))
    return sorted(firsts)


def dossier_monthly(scope: Scope, last: dt.date, months: int = 12) -> list[dict]:
    """Received (online and other channels) and on-time rate per month, for the chart: the months up to `last`."""
    firsts = _months_back(last, months)
    rows = (
        DossierFact.objects.filter(grain=Grain.MONTH, day__in=firsts)
        .filter(scope.q())
        .values("day")
        .annotate(
            t_received=Sum("received"),
            t_online=Sum("received", filter=Q(channel="online")),
            t_judged=Sum("judged"),
            t_on_time=Sum("judged_on_time"),
        )
        .order_by()
    )
    found = {row["day"]: row for row in rows}
    series = []
    for first in firsts:
        row = found.get(first, {})
        series.append(
            {
                "month": first,
                "received": row.get("t_received") or 0,
                "online": row.get("t_online") or 0,
                "on_time_rate": rate(row.get("t_on_time") or 0, row.get("t_judged") or 0),
            }
        )
    return series


# Field reports.


def _median_hours(hour_counts: list[tuple[int, int]]) -> int | None:
    """The lower median of the whole hours from receipt to answer: half of the reports took at most this long."""
    total = sum(count for _, count in hour_counts)
    if not total:
        return None
    half, seen = (total + 1) // 2, 0
    for hours, count in sorted(hour_counts):
        seen += count
        if seen >= half:
            return hours
    return None  # unreachable: the counts add up to total


def report_indicators(counts: dict, median_hours: int | None) -> dict:
    return {
        "received": counts["received"],
        "resolved": counts["resolved"],
        "on_time_rate": rate(counts["resolved_on_time"], counts["resolved"]),
        "median_resolution_hours": median_hours,
        "reopen_rate": rate(counts["reopened"], counts["resolved"]),
        "average_rating": round(counts["rating_sum"] / counts["rated"], 2) if counts["rated"] else None,
        "rated": counts["rated"],
    }


REPORT_INDICATORS = [
    Indicator("received", "Phản ánh tiếp nhận", "Số phản ánh được tiếp nhận trong kỳ.", "count"),
    Indicator(
        "resolved", "Đã xử lý, trả lời", "Số phản ánh được trả lời (xử lý xong hoặc trả lời không xử lý).", "count"
    ),
    Indicator("on_time_rate", "Tỷ lệ trả lời trong hạn", "Phản ánh trả lời đúng hạn ÷ phản ánh trả lời trong kỳ."),
    Indicator(
        "median_resolution_hours",
        "Thời gian xử lý (trung vị)",
        "Một nửa số phản ánh trả lời trong kỳ được trả lời trong khoảng thời gian này (tính theo giờ, từ lúc tiếp "
        "nhận).",
        "hours",
    ),
    Indicator(
        "reopen_rate",
        "Tỷ lệ bị đề nghị xem lại",
        "Phản ánh đã trả lời mà người phản ánh đề nghị xem lại ÷ phản ánh trả lời trong kỳ.",
    ),
    Indicator(
        "average_rating", "Đánh giá trung bình", "Trung bình số sao (1–5) người phản ánh chấm trong kỳ.", "stars"
    ),
]


def report_figures(scope: Scope, period: Period) -> dict:
    counts = _totals(ReportFact, scope, period)
    hours = list(
        fact_rows(ReportDurationFact, scope, period)
        .values("hours")
        .annotate(n=Sum("resolved"))
        .values_list("hours", "n")
        .order_by()
    )
    return report_indicators(counts, _median_hours(hours))


def report_figures_raw(scope: Scope, period: Period) -> dict:
    from reports.models import Report, ReportHistory

    start, end = period.start, period.end
    reports = Report.objects.exclude(status="draft").filter(scope.q())
    answered = Q(answered_at__gte=start, answered_at__lt=end, received_at__isnull=False)
    reopened = Q(pk__in=ReportHistory.objects.filter(to_status="reopen_requested").values("report_id"))
    rated = Q(rated_at__gte=start, rated_at__lt=end, rating__isnull=False)
    counts = reports.aggregate(
        received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
        resolved=Count("pk", filter=answered),
        resolved_on_time=Count("pk", filter=answered & Q(answered_at__lte=F("deadline_at"))),
        reopened=Count("pk", filter=answered & reopened),
        rated=Count("pk", filter=rated),
        rating_sum=Sum("rating", filter=rated),
    )
    counts["rating_sum"] = counts["rating_sum"] or 0
    hours: dict[int, int] = {}
    for got, answer in reports.filter(answered).values_list("received_at", "answered_at"):
        bucket = min(max(0, int((answer - got).total_seconds())) // 3600, MAX_HOURS)
        hours[bucket] = hours.get(bucket, 0) + 1
    return report_indicators(counts, _median_hours(list(hours.items())))


def report_breakdown(scope: Scope, period: Period, by: str) -> list[dict]:
    """Received and answered (on time) per category or per ward."""
    name = {"category": "category__name", "ward": "ward__name"}[by]
    rows = (
        fact_rows(ReportFact, scope, period)
        .values(name)
        .annotate(t_received=Sum("received"), t_resolved=Sum("resolved"), t_on_time=Sum("resolved_on_time"))
        .order_by("-t_received", name)
    )
    return [
        {
            "name": row[name] or "Chưa rõ",
            "received": row["t_received"],
            "resolved": row["t_resolved"],
            "on_time_rate": rate(row["t_on_time"], row["t_resolved"]),
        }
        for row in rows
        if row["t_received"] or row["t_resolved"]
    ]


# Questions.

QUESTION_INDICATORS = [
    Indicator("asked", "Câu hỏi nhận được", "Số câu hỏi công dân gửi trong kỳ.", "count"),
    Indicator("answered", "Đã trả lời", "Số câu hỏi được trả lời trong kỳ.", "count"),
    Indicator(
        "on_time_rate",
        "Tỷ lệ trả lời đúng hạn",
        "Câu hỏi trả lời trước hạn của lĩnh vực ÷ câu hỏi trả lời trong kỳ.",
    ),
    Indicator(
        "helpful_rate",
        "Tỷ lệ câu trả lời hữu ích",
        "Lượt bấm “hữu ích” ÷ tổng lượt đánh giá, của câu trả lời trong kỳ.",
    ),
]


def question_indicators(counts: dict) -> dict:
    votes = counts["helpful"] + counts["not_helpful"]
    return {
        "asked": counts["asked"],
        "answered": counts["answered"],
        "on_time_rate": rate(counts["answered_on_time"], counts["answered"]),
        "helpful_rate": rate(counts["helpful"], votes),
        "votes": votes,
    }


def question_figures(scope: Scope, period: Period) -> dict:
    return question_indicators(_totals(QuestionFact, scope, period))


def question_figures_raw(scope: Scope, period: Period) -> dict:
    from qa.models import Question

    start, end = period.start, period.end
    answered = Q(answered_at__gte=start, answered_at__lt=end)
    counts = Question.objects.filter(scope.q("agency_id", None)).aggregate(
        asked=Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end)),
        answered=Count("pk", filter=answered),
        answered_on_time=Count("pk", filter=answered & Q(answered_at__lte=F("deadline_at"))),
        helpful=Sum("helpful_count", filter=answered),
        not_helpful=Sum("not_helpful_count", filter=answered),
    )
    return question_indicators({key: value or 0 for key, value in counts.items()})


# Shops and tuition: small registers, counted live on their indexes.


def shops_per_ward(scope: Scope) -> list[dict]:
    from shops.models import Shop

    rows = (
        Shop.objects.filter(status="approved")
        .filter(scope.q())
        .values("ward__name")
        .annotate(t_shops=Count("pk"))
        .order_by("-t_shops", "ward__name")
    )
    return [{"ward": row["ward__name"] or "Chưa rõ", "shops": row["t_shops"]} for row in rows]


def tuition_per_school(scope: Scope, period: Period) -> list[dict]:
    from payments.models import Invoice
    from tuition.fees import TUITION

    rows = (
        Invoice.objects.filter(purpose=TUITION, status="paid", paid_at__gte=period.start, paid_at__lt=period.end)
        .filter(scope.q("payee_id", "payee__ward_id"))
        .values("payee__name")
        .annotate(collected=Sum("amount_paid"), charges=Count("pk"))
        .order_by("-collected", "payee__name")
    )
    return [{"school": row["payee__name"], "collected": row["collected"], "charges": row["charges"]} for row in rows]


# Reach: the whole province (accounts belong to no ward).


def reach_figures(period: Period) -> dict:
    # The accounts as they stood at the end of the period (the last count before it ended); none before: unknown.
    snapshot = ReachSnapshot.objects.filter(taken_at__lt=period.end).order_by("-taken_at").first()
    new = ReachDay.objects.filter(day__gte=period.first, day__lte=period.last).aggregate(n=Sum("new_citizens"))["n"]
    usage = UsageDay.objects.filter(day__gte=period.first, day__lte=period.last)
    by_channel = {row["channel"]: row for row in usage.values("channel").annotate(t_visits=Sum("visits"))}
    visits = sum(row["t_visits"] for row in by_channel.values())
    return {
        "snapshot_at": snapshot.taken_at if snapshot else None,
        "citizens": snapshot.citizens if snapshot else None,
        "level2_rate": rate(snapshot.level2, snapshot.citizens) if snapshot else None,
        "over_45_rate": rate(snapshot.over_45, snapshot.age_known) if snapshot else None,
        "age_known": snapshot.age_known if snapshot else None,
        "new_citizens": new or 0,
        "visits": visits,
        "visits_by_channel": {channel: by_channel.get(channel, {}).get("t_visits", 0) for channel in CHANNELS},
        "channel_mix": {channel: rate(by_channel.get(channel, {}).get("t_visits", 0), visits) for channel in CHANNELS},
    }


CHANNELS = ("web", "zalo", "miniapp")


def reach_monthly(last: dt.date, months: int = 12) -> list[dict]:
    """Per month: new accounts, active users (first activity in the month, summed), visits."""
    from django.db.models.functions import TruncMonth

    firsts = _months_back(last, months)
    days = {"day__gte": firsts[0], "day__lte": last}
    usage = {
        row["month"]: row
        for row in UsageDay.objects.filter(**days)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(t_active=Sum("month_new_active"), t_visits=Sum("visits"))
        .order_by()
    }
    new = dict(
        ReachDay.objects.filter(**days)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(n=Sum("new_citizens"))
        .values_list("month", "n")
        .order_by()
    )
    return [
        {
            "month": first,
            "new_citizens": new.get(first) or 0,
            "active_users": usage.get(first, {}).get("t_active") or 0,
            "visits": usage.get(first, {}).get("t_visits") or 0,
        }
        for first in firsts
    ]
