"""Scheduled payment jobs (PERIODIC_JOBS)."""

from django_tasks import task

from payments.services import invoices_expire_due, reconcile_pending


@task()
def reconcile_pending_payments() -> dict:
    return reconcile_pending()


@task()
def expire_invoices() -> int:
    return invoices_expire_due()
