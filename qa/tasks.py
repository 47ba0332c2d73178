from django_tasks import task

from qa.services import pending_attachments_purge, questions_remind_and_escalate


@task()
def remind_and_escalate() -> dict:
    return questions_remind_and_escalate()


@task()
def housekeeping() -> dict:
    return {"pending_attachments_purged": pending_attachments_purge()}
