from django_tasks import task

from reports.services import report_drafts_purge, reports_anonymise, reports_close_answered, reports_remind_and_escalate


@task()
def remind_and_escalate() -> dict:
    return reports_remind_and_escalate()


@task()
def housekeeping() -> dict:
    return {
        "closed": reports_close_answered(),
        "anonymised": reports_anonymise(),
        "drafts_purged": report_drafts_purge(),
    }
