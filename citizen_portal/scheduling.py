"""Periodic jobs on top of the tasks API.

`PERIODIC_JOBS` in settings names each job, the task it enqueues and how often. Any number of processes may run
`manage.py run_scheduler` (or `scheduler_tick()`): each due run is claimed by one conditional UPDATE on its
`ScheduledJob` row, so exactly one of them enqueues it. The task itself runs on the ordinary worker (`db_worker`).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from citizen_portal.models import ScheduledJob

logger = logging.getLogger(__name__)


def scheduler_tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job that is due and that this process wins; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, job in settings.PERIODIC_JOBS.items():
        every = dt.timedelta(seconds=job["every"])
        row, _ = ScheduledJob.objects.get_or_create(name=name, defaults={"next_run_at": now})
        if row.next_run_at > now:
            continue
        # Only the process whose UPDATE still sees the value it read wins this run.
        won = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
            next_run_at=now + every, last_run_at=now, runs=row.runs + 1
        )
        if won != 1:
            continue
        import_string(job["task"]).enqueue()
        enqueued.append(name)
        logger.info("enqueued periodic job %s", name)
    return enqueued
