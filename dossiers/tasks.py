"""Periodic work of the dossier module."""

from django_tasks import task

from dossiers.services import deadline_reminders_send


@task()
def send_deadline_reminders() -> int:
    """Every working morning: tell each agency's officers how many dossiers are due within a day or overdue."""
    return deadline_reminders_send()
