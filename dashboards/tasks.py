"""The facts job: every ten minutes the days touched by changes (and today's); nightly the last two months again,
which also catches a day whose figures changed without any record on it changing (a due date moved later)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from dashboards.facts import facts_rebuild, facts_refresh

RECENT_DAYS = 62


@task()
def refresh_facts() -> int:
    return len(facts_refresh())


@task()
def rebuild_recent_facts() -> int:
    today = timezone.localdate()
    return facts_rebuild(first=today - dt.timedelta(days=RECENT_DAYS), last=today)
