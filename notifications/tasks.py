"""Background tasks: they take ids, re-read, and call a service (HOUSE_STYLE §8)."""

from django_tasks import task

from notifications.services import notification_deliver, notifications_deliver_due, notifications_prune


@task()
def deliver_notification(notification_id: int) -> str:
    return notification_deliver(notification_id=notification_id)


@task()
def deliver_due_notifications() -> dict:
    """Every minute: retries whose wait is over, and anything an enqueue missed."""
    return notifications_deliver_due()


@task()
def prune_notifications() -> int:
    return notifications_prune()
