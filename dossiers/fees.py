"""Dossier fees through the payments core: the purpose "dossier_fee", its invoices and what paying one does.

An invoice is opened at submission when the catalogue says the fee is paid on submission, or when the officer
requests the fee; paying it moves the dossier on through the dossier service and sets `paid_online`."""

from __future__ import annotations

from django.urls import reverse

from payments.models import Invoice
from payments.registry import Purpose, register_purpose
from payments.services import invoice_cancel, invoice_create
from payments.workflow import InvoiceStatus

DOSSIER_FEE = "dossier_fee"


def subject_key(dossier) -> str:
    return f"dossier:{dossier.public_id}"


def open_fee_invoice(dossier) -> Invoice | None:
    return Invoice.objects.filter(
        purpose=DOSSIER_FEE, subject_key=subject_key(dossier), status=InvoiceStatus.OPEN
    ).first()


def fee_invoices(dossier):
    return Invoice.objects.filter(purpose=DOSSIER_FEE, subject_key=subject_key(dossier))


def fee_invoice_open(dossier, *, amount: int, actor=None) -> Invoice:
    """The invoice the citizen pays online; a new amount replaces an unpaid earlier one."""
    for earlier in fee_invoices(dossier).filter(status=InvoiceStatus.OPEN):
        invoice_cancel(invoice=earlier, actor=actor, reason="Cơ quan đề nghị số tiền mới")
    name = dossier.answers.get("full_name") or (dossier.citizen.display_name if dossier.citizen else "")
    label = f"Phí, lệ phí: {dossier.procedure.name}"
    return invoice_create(
        purpose=DOSSIER_FEE,
        subject_key=subject_key(dossier),
        payee=dossier.receiving_agency,
        payer=dossier.citizen,
        payer_name=name,
        description=f"Lệ phí hồ sơ {dossier.code or ''} — {dossier.procedure.name}".replace("  ", " "),
        lines=[(label, amount)],
        actor=actor,
    )


def fee_invoices_cancel(dossier, *, actor=None, reason: str) -> None:
    for invoice in fee_invoices(dossier).filter(status=InvoiceStatus.OPEN):
        invoice_cancel(invoice=invoice, actor=actor, reason=reason)


def _paid(invoice: Invoice) -> None:
    from dossiers.models import Dossier
    from dossiers.services import dossier_fee_paid

    dossier = Dossier.objects.get(public_id=invoice.subject_key.split(":", 1)[1])
    dossier_fee_paid(dossier=dossier, invoice=invoice)


def _link(invoice: Invoice) -> str:
    return reverse("dossiers:mine_detail", args=[invoice.subject_key.split(":", 1)[1]])


PURPOSE = Purpose(code=DOSSIER_FEE, label="Phí, lệ phí thủ tục hành chính", on_paid=_paid, link=_link)


def register() -> None:
    register_purpose(PURPOSE)
