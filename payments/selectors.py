"""Reads reused by pages and the personal-data export."""

from __future__ import annotations

from django.db.models import Prefetch

from payments.models import Invoice, PaymentAttempt, Receipt


def personal_data(user) -> dict:
    """The person's invoices and payments for "Dữ liệu của tôi" (kept after account deletion: accounting records)."""
    from citizen_portal.personal_data import local

    attempts = PaymentAttempt.objects.filter(payer=user).prefetch_related("invoices", "receipts")
    invoices = (
        Invoice.objects.payable_by(user)
        .select_related("payee")
        .prefetch_related(Prefetch("receipts", queryset=Receipt.objects.select_related("agency")))
    )
    return {
        "khoan_thu": [
            {
                "ma": i.code,
                "noi_dung": i.description,
                "don_vi_thu": i.payee.name,
                "so_tien": i.amount,
                "da_nop": i.amount_paid,
                "trang_thai": i.get_status_display(),
                "bien_lai": [f"{r.series} số {r.number_text}" for r in i.receipts.all()],
            }
            for i in invoices
        ],
        "giao_dich": [
            {
                "ma": a.reference,
                "cong": a.get_gateway_display(),
                "so_tien": a.amount,
                "trang_thai": a.get_status_display(),
                "luc": local(a.created_at),
                "khoan_thu": [i.code for i in a.invoices.all()],
            }
            for a in attempts
        ],
    }
