"""The one-stop shop's slips as A5 PDFs (Circular 03/2025/TT-VPCP set): 01 receipt and appointment, 02 supplement
request, 03 refusal, 04 apology and new appointment. Vietnamese text needs a font with its diacritics: Be Vietnam
Pro (SIL OFL), shipped as a Python package. Each slip carries a QR code to the public status lookup."""

from __future__ import annotations

from django.utils import timezone

from citizen_portal.links import citizen_link
from citizen_portal.pdf import new_document, paper_heading, qr_png
from dossiers.selectors import declaration_sections

TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
}


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%H giờ %M, ngày %d/%m/%Y") if moment else "—"


def status_url(dossier) -> str:
    return citizen_link(f"/ho-so/tra-cuu/?ma={dossier.code}")


def render_declaration(dossier) -> bytes:
    """The declaration (tờ khai) written from the citizen's answers: nothing to print, sign and scan. The
    signature is the level-2 identity the citizen submitted with, stated at the bottom."""
    pdf = new_document((210, 297))  # A4
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("BeVietnamPro", "B", 10)
    pdf.multi_cell(
        width,
        5,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    pdf.set_font("BeVietnamPro", "B", 13)
    pdf.multi_cell(width, 7, f"TỜ KHAI\n{dossier.procedure.name.upper()}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("BeVietnamPro", "", 10)
    pdf.cell(width, 6, f"Kính gửi: {dossier.receiving_agency.name}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for part in declaration_sections(dossier):
        answered = [a for a in part["answers"] if a["value"] not in (None, "") and not isinstance(a["value"], bool)]
        if not answered:
            continue
        pdf.set_font("BeVietnamPro", "B", 10.5)
        pdf.multi_cell(width, 6, part["title"], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("BeVietnamPro", "", 10)
        for answer in answered:  # dates dd/mm/yyyy, wards by name, phones as people write them
            pdf.multi_cell(width, 5.5, f"{answer['label']}: {answer['text']}", new_x="LMARGIN", new_y="NEXT")
    declared = [
        f["label"]
        for f in dossier.procedure_snapshot["fields"]
        if f["type"] == "checkbox" and dossier.answers.get(f["key"])
    ]
    pdf.ln(3)
    for statement in declared:
        pdf.multi_cell(width, 5.5, f"[x] {statement}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    citizen = dossier.citizen
    signer = dossier.answers.get("full_name") or (citizen.display_name if citizen else "")
    pdf.multi_cell(
        width,
        5.5,
        f"Người khai: {signer}. Nộp trực tuyến lúc {_when(dossier.submitted_at)}, đã xác thực "
        "danh tính mức 2 trên Cổng Công dân (thay cho chữ ký).",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def render_slip(dossier, form: str, *, number: int, lines: list[str]) -> bytes:
    pdf = new_document((148, 210))  # A5, in millimetres
    pdf.set_title(f"{TITLES[form]} {dossier.code or ''}".strip())
    width = paper_heading(pdf, dossier.receiving_agency.name)
    pdf.set_font("BeVietnamPro", "", 8)
    pdf.cell(width / 2, 5, f"Số: {number:04d}/{form}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("BeVietnamPro", "B", 11)
    pdf.multi_cell(width, 6, TITLES[form], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("BeVietnamPro", "", 8.5)
    pdf.cell(width, 5, f"Mã hồ sơ: {dossier.code or '—'}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("BeVietnamPro", "", 9.5)
    for line in lines:
        pdf.multi_cell(width, 5.2, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    qr = qr_png(status_url(dossier))
    top = pdf.get_y()
    pdf.image(qr, x=pdf.l_margin, y=top, w=28, h=28)
    pdf.set_xy(pdf.l_margin + 32, top + 4)
    pdf.set_font("BeVietnamPro", "", 8)
    pdf.multi_cell(
        width - 32,
        4.2,
        "Quét mã để xem tình trạng hồ sơ, hoặc tra cứu bằng mã hồ sơ tại mục “Tra cứu hồ sơ” của Cổng Công dân.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_y(max(pdf.get_y(), top + 30))
    pdf.set_font("BeVietnamPro", "", 8)
    pdf.cell(width, 5, f"Lập lúc {_when(timezone.now())}", align="R")
    return bytes(pdf.output())


def slip_lines(dossier, form: str, *, items: list[str] | None = None, reason: str = "") -> list[str]:
    citizen = dossier.answers.get("full_name") or (dossier.citizen.display_name if dossier.citizen else "")
    lines = [
        f"{dossier.receiving_agency.name} tiếp nhận hồ sơ của: Ông/Bà {citizen}",
        f"Nội dung yêu cầu giải quyết: {dossier.procedure.name}",
    ]
    if form == "01":
        lines += [
            f"Thời gian nhận hồ sơ: {_when(dossier.received_at)}",
            f"Thời gian trả kết quả: {_when(dossier.due_at)}",
            f"Nhận kết quả tại: {dossier.receiving_agency.name} hoặc trực tuyến trên Cổng Công dân.",
        ]
    elif form == "02":
        lines += ["Hồ sơ cần bổ sung, hoàn thiện những nội dung sau (đầy đủ trong một lần):"]
        lines += [f"{index}. {item}" for index, item in enumerate(items or [], start=1)]
        lines += ["Công dân bổ sung trực tuyến ngay trên hồ sơ; thời hạn giải quyết được tính lại từ khi nhận đủ."]
    elif form == "03":
        lines += [f"Lý do từ chối: {reason}"]
    elif form == "04":
        lines += [
            f"Hẹn trả kết quả trước đây: {_when(dossier.due_at)}",
            f"Lý do chậm: {reason}",
            f"Thời gian hẹn trả kết quả mới: {_when(dossier.rescheduled_due_at)}",
            f"{dossier.receiving_agency.name} thành thật xin lỗi Ông/Bà vì sự chậm trễ này.",
        ]
    return lines
