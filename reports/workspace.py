"""The field reports' part of the back-office home: the officer's queues with counts, a head's team load, or
figures only for viewers and dashboard staff."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.workspace import Queue, Section, TeamLoad, user_roles
from reports.models import Report
from reports.workflow import OPEN_STATUSES, ReportStatus


def _counts(reports, now, soon, user=None) -> dict:
    open_ = Q(status__in=sorted(OPEN_STATUSES))
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return reports.aggregate(
        new=Count("pk", filter=Q(status=ReportStatus.RECEIVED)),
        open=Count("pk", filter=open_),
        mine=Count("pk", filter=open_ & Q(assignee=user)) if user else Count("pk", filter=Q(pk__in=[])),
        soon=Count("pk", filter=open_ & Q(deadline_at__gte=now, deadline_at__lte=soon)),
        late=Count("pk", filter=open_ & Q(deadline_at__lt=now)),
        answered_this_month=Count("pk", filter=Q(answered_at__gte=month_start)),
    )


def reports_section(user) -> Section | None:
    roles = user_roles(user)
    if not roles:
        return None
    now = timezone.now()
    soon = WorkingCalendar.from_database().add_working_days(now, 1)
    changelist = reverse("admin:reports_report_changelist")
    if roles & {"officer", "head"}:
        counts = _counts(Report.objects.for_user(user), now, soon, user)
        queues = [
            Queue("mới, chưa giao", counts["new"], f"{changelist}?han=moi", "new"),
            Queue("giao cho tôi", counts["mine"], f"{changelist}?han=cua-toi"),
            Queue("sắp đến hạn (≤ 1 ngày làm việc)", counts["soon"], f"{changelist}?han=sap-den-han", "soon"),
            Queue("quá hạn", counts["late"], f"{changelist}?han=qua-han", "late"),
        ]
        return Section("Phản ánh hiện trường", queues, _team_load(user, now) if "head" in roles else [], changelist)
    agencies = Agency.objects.for_user(user)
    counts = _counts(Report.objects.submitted().filter(agency__in=agencies), now, soon)
    return Section(
        "Phản ánh hiện trường (số liệu)",
        [
            Queue("mới, chưa giao", counts["new"]),
            Queue("đang xử lý", counts["open"]),
            Queue("quá hạn", counts["late"], tone="late"),
            Queue("đã trả lời trong tháng", counts["answered_this_month"]),
        ],
    )


def _team_load(head, now) -> list[TeamLoad]:
    rows = (
        Report.objects.filter(
            agency__in=Agency.objects.headed_by(head), status__in=sorted(OPEN_STATUSES), assignee__isnull=False
        )
        .values("assignee__full_name", "assignee__username")
        .annotate(open_items=Count("pk"), late_items=Count("pk", filter=Q(deadline_at__lt=now)))
        .order_by("-late_items", "-open_items")
    )
    return [
        TeamLoad(row["assignee__full_name"] or row["assignee__username"], row["open_items"], row["late_items"])
        for row in rows
    ]
