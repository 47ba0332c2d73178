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
