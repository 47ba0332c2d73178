"""The PDF machinery every paper we issue shares (slips, declarations, receipts): fpdf2 with Be Vietnam Pro (SIL
OFL, shipped as a Python package), since Vietnamese needs a font with its diacritics; and QR codes as images."""

from __future__ import annotations

import io

import segno
from fontpkg_be_vietnam_pro import ROOT as FONT_ROOT
from fpdf import FPDF

FONT = "BeVietnamPro"


def new_document(format_mm: tuple[int, int]) -> FPDF:
    pdf = FPDF(format=format_mm)
    files = FONT_ROOT / "files" if (FONT_ROOT / "files").exists() else FONT_ROOT
    pdf.add_font(FONT, "", str(files / "BeVietnamPro-Regular.ttf"))
    pdf.add_font(FONT, "B", str(files / "BeVietnamPro-Bold.ttf"))
    return pdf


def qr_png(data: str) -> io.BytesIO:
    image = io.BytesIO()
    segno.make(data, error="m").save(image, kind="png", scale=4, border=2)
    image.seek(0)
    return image


def paper_heading(pdf: FPDF, issuer: str) -> float:
    """The heading of an official paper: the issuing agency on the left, the national motto on the right (A5,
    12 mm margins). Returns the writable width."""
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FONT, "B", 8)
    pdf.multi_cell(width / 2, 4, issuer.upper(), align="C", new_x="RIGHT", new_y="TOP")
    pdf.multi_cell(
        width / 2,
        4,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return width
