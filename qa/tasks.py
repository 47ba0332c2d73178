from django_tasks import task

from qa.services import pending_attachments_purge, question_view_counts_flush, questions_remind_and_escalate


@task()
def remind_and_escalate() -> dict:
    return questions_remind_and_escalate()


@task()
def housekeeping() -> dict:
    return {"pending_attachments_purged": pending_attachments_purge()}


@task()
def flush_view_counts() -> dict:
    return {"views": question_view_counts_flush()}
