"""The dossiers' part of the back-office home: the officer's queues with counts, a head's team load, or figures
only for viewers and dashboard staff (no names, no links to files)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency
from agencies.working_time import WorkingCalendar
from citizen_portal.workspace import Queue, Section, TeamLoad, capped_count, user_roles
from dossiers.models import Dossier, ProcessingStep, QueueRank
from dossiers.workflow import IN_PROGRESS_STATUSES, DossierStatus


def _figures(dossiers, now, soon) -> dict:
    """Viewers' figures, exact, in one query."""
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    in_hand = Q(queue_rank=QueueRank.IN_PROGRESS)
    return dossiers.aggregate(
        new=Count("pk", filter=Q(status=DossierStatus.SUBMITTED)),
        in_progress=Count("pk", filter=Q(status__in=sorted(IN_PROGRESS_STATUSES))),
        late=Count("pk", filter=in_hand & Q(queue_due__lt=now)),
        returned_this_month=Count("pk", filter=Q(status=DossierStatus.RETURNED, returned_at__gte=month_start)),
    )


def dossiers_section(user) -> Section | None:
    roles = user_roles(user)
    if not roles:
        return None
    now = timezone.now()
    soon = WorkingCalendar.from_database().add_working_days(now, 1)
    changelist = reverse("admin:dossiers_dossier_changelist")
    if roles & {"officer", "head"}:
        mine = Dossier.objects.in_progress().filter(
            pk__in=ProcessingStep.objects.filter(assigned_to=user, completed_at__isnull=True).values("dossier_id")
        )
        # Each queue counted as the list counts it (up to 1,000, on the queue's index), not by scanning them all.
        dossiers = Dossier.objects.for_user(user)
        queues = [
            Queue(
                "chờ tiếp nhận",
                capped_count(dossiers.filter(status=DossierStatus.SUBMITTED)),
                f"{changelist}?han=moi",
                "new",
            ),
            Queue("tôi được giao", capped_count(mine), f"{changelist}?han=cua-toi"),
            Queue(
                "sắp đến hạn (≤ 1 ngày làm việc)",
                capped_count(dossiers.due_soon(now, soon)),
                f"{changelist}?han=sap-den-han",
                "soon",
            ),
            Queue("quá hạn", capped_count(dossiers.overdue(now)), f"{changelist}?han=qua-han", "late"),
        ]
        team = _team_load(user, now) if "head" in roles else []
        return Section("Hồ sơ trực tuyến", queues, team, list_url=changelist)
    agencies = Agency.objects.for_user(user)
    counts = _figures(Dossier.objects.filter(receiving_agency__in=agencies).exclude(status="draft"), now, soon)
    return Section(
        "Hồ sơ trực tuyến (số liệu)",
        [
            Queue("chờ tiếp nhận", counts["new"]),
            Queue("đang giải quyết", counts["in_progress"]),
            Queue("quá hạn", counts["late"], tone="late"),
            Queue("đã trả kết quả trong tháng", counts["returned_this_month"]),
        ],
    )


def _team_load(head, now) -> list[TeamLoad]:
    """Open internal steps per officer of the agencies this head leads, late ones counted apart."""
    rows = (
        ProcessingStep.objects.filter(
            assigned_agency__in=Agency.objects.headed_by(head),
            completed_at__isnull=True,
            assigned_to__isnull=False,
            dossier__status__in=sorted(IN_PROGRESS_STATUSES),
        )
        .values("assigned_to__full_name", "assigned_to__username")
        .annotate(open_items=Count("pk"), late_items=Count("pk", filter=Q(due_at__lt=now)))
        .order_by("-late_items", "-open_items")
    )
    return [
        TeamLoad(row["assigned_to__full_name"] or row["assigned_to__username"], row["open_items"], row["late_items"])
        for row in rows
    ]
