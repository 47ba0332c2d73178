from django_tasks import task

from tuition.services import tuition_reminders_send


@task()
def send_reminders() -> int:
    return tuition_reminders_send()
