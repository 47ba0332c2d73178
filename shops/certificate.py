"""The "Cửa hàng 4.0" certificate as a PDF (A5, or A6 to stick by the till), with the same machinery as our other
papers: the shop's name and number, the verifying agency, a QR to the public page and a VietQR code per account."""

from __future__ import annotations

import segno
from django.utils import timezone

from citizen_portal.pdf import FONT, new_document, paper_heading, qr_png
from citizen_portal.text import format_phone
from shops.models import Shop
from shops.selectors import payment_codes
from shops.workflow import ShopStatus

SIZES_MM = {"a5": (148, 210), "a6": (105, 148)}


def page_qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=2, border=2, title="Mã QR tới trang cửa hàng", dark="#000")


def certificate_lines(shop: Shop) -> list[tuple[str, str]]:
    """What the certificate says, in order; the page and the PDF show the same lines."""
    version = shop.live
    lines = [
        ("Cửa hàng", version.name),
        ("Loại hình", version.business_type.name),
        ("Địa chỉ", f"{version.address}, {version.ward.name}"),
        ("Chủ cửa hàng", version.owner_name),
    ]
    if version.public_phone:
        lines.append(("Điện thoại", format_phone(version.public_phone)))
    lines += [
        ("Thanh toán", ", ".join(version.payment_methods)),
        ("Xác nhận lần đầu", timezone.localtime(shop.approved_at).strftime("%d/%m/%Y")),
    ]
    return lines


def certificate_pdf(shop: Shop, *, page_url: str, size: str = "a5") -> bytes:
    pdf = new_document(SIZES_MM.get(size, SIZES_MM["a5"]))
    small = size == "a6"
    pdf.set_title(f"Giấy chứng nhận Cửa hàng 4.0 số {shop.certificate_number}")
    width = paper_heading(pdf, shop.agency.name)
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12 if small else 15)
    pdf.multi_cell(width, 7, "GIẤY CHỨNG NHẬN\nCỬA HÀNG 4.0", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8.5)
    pdf.cell(width, 5, f"Số: {shop.certificate_number}", align="C", new_x="LMARGIN", new_y="NEXT")
    if shop.status == ShopStatus.SUSPENDED:
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(width, 5.5, "ĐANG TẠM NGỪNG", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    label_width = 26 if small else 34
    for label, value in certificate_lines(shop):
        pdf.set_font(FONT, "B", 8 if small else 9.5)
        pdf.cell(label_width, 5, f"{label}:")
        pdf.set_font(FONT, "", 8 if small else 9.5)
        pdf.multi_cell(width - label_width, 5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    codes = payment_codes(shop) if shop.status == ShopStatus.APPROVED else []
    side = 30 if small else 38
    for code in codes:
        if pdf.get_y() + side + 4 > pdf.h - pdf.b_margin:
            pdf.add_page()
        top = pdf.get_y()
        pdf.image(qr_png(code.payload), x=pdf.l_margin, y=top, w=side, h=side)
        pdf.set_xy(pdf.l_margin + side + 4, top + 3)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(width - side - 4, 5, "Quét để chuyển khoản (VietQR)", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin + side + 4)
        pdf.set_font(FONT, "", 8.5)
        account = code.account
        pdf.multi_cell(
            width - side - 4,
            4.5,
            f"{account.bank.short_name} — {account.account_number}\n{account.account_name}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_y(top + side + 2)
    if pdf.get_y() + 28 > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(qr_png(page_url), x=pdf.l_margin, y=top, w=22, h=22)
    pdf.set_xy(pdf.l_margin + 26, top + 2)
    pdf.set_font(FONT, "", 7.5)
    pdf.multi_cell(
        width - 26,
        3.8,
        f"Quét mã để xem cửa hàng trên Cổng Công dân và kiểm tra giấy chứng nhận còn hiệu lực.\n{page_url}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
