from django_tasks import task

from qa.services import questions_remind_and_escalate


@task()
def remind_and_escalate() -> dict:
    return questions_remind_and_escalate()
