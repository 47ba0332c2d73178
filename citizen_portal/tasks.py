import datetime as dt

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@task()
def prune_task_results(days: int = 30) -> int:
    """Finished task rows are only for debugging; keep a month of them."""
    deleted, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - dt.timedelta(days=days)).delete()
    )
    return deleted


ABANDONED_AFTER = dt.timedelta(minutes=10)  # far longer than any of our tasks runs


@task()
def release_abandoned_tasks() -> int:
    """A worker killed mid-task (OOM, deploy, power) leaves its row RUNNING forever. Close such rows as failed,
    with the reason, so the figures and the admin say the truth; the work itself is safe to redo (the outbox
    sweep sends any message still pending)."""
    stale = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - ABANDONED_AFTER)
    return stale.update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="citizen_portal.tasks.WorkerLost",
        traceback="The worker running this task stopped before it finished; released by release_abandoned_tasks.",
    )
