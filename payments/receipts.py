"""The electronic receipt (biên lai điện tử) as an A5 PDF, with the same machinery as the dossier slips, and a QR to
the public page that says whether it is genuine."""

from __future__ import annotations

from django.utils import timezone

from citizen_portal.pdf import FONT, new_document, paper_heading, qr_png
from citizen_portal.text import format_vnd
from payments.models import Receipt
from payments.words import amount_in_words


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%H giờ %M, ngày %d/%m/%Y")


def receipt_lines(receipt: Receipt) -> list[tuple[str, str]]:
    """What the receipt says, in order; the HTML page and the PDF show the same lines."""
    return [
        ("Đơn vị thu", receipt.payee_name),
        ("Người nộp", receipt.payer_name),
        ("Loại khoản thu", receipt.purpose_label),
        ("Nội dung", receipt.description),
        ("Số tiền", format_vnd(receipt.amount)),
        ("Bằng chữ", amount_in_words(receipt.amount)),
        ("Hình thức thanh toán", receipt.method),
        ("Mã giao dịch", receipt.attempt.reference),
        ("Thời điểm nộp", _when(receipt.paid_at)),
    ]


def render_receipt_pdf(receipt: Receipt) -> bytes:
    pdf = new_document((148, 210))  # A5, in millimetres
    pdf.set_title(f"Biên lai điện tử {receipt.series} số {receipt.number_text}")
    width = paper_heading(pdf, receipt.payee_name)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(width, 7, "BIÊN LAI THU TIỀN ĐIỆN TỬ", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        width, 5, f"Ký hiệu: {receipt.series}    Số: {receipt.number_text}", align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    for label, value in receipt_lines(receipt):
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(38, 5.6, f"{label}:")
        pdf.set_font(FONT, "", 9.5)
        pdf.multi_cell(width - 38, 5.6, value, new_x="LMARGIN", new_y="NEXT")
    if receipt.refunded_at:
        pdf.set_font(FONT, "B", 9.5)
        pdf.multi_cell(width, 5.6, f"Đã hoàn tiền lúc {_when(receipt.refunded_at)}.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    top = pdf.get_y()
    pdf.image(qr_png(receipt.verification_url()), x=pdf.l_margin, y=top, w=28, h=28)
    pdf.set_xy(pdf.l_margin + 32, top + 4)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(
        width - 32,
        4.2,
        "Quét mã để kiểm tra biên lai này là thật, do Cổng Công dân phát hành.\n" + receipt.verification_url(),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(max(pdf.get_y(), top + 30))
    pdf.cell(width, 5, f"Lập lúc {_when(receipt.issued_at)}", align="R")
    return bytes(pdf.output())
