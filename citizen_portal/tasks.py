import datetime as dt

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def prune_task_results(days: int = 30) -> int:
    """Finished task rows are only for debugging; keep a month of them."""
    deleted, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - dt.timedelta(days=days)).delete()
    )
    return deleted
