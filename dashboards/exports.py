"""A board as CSV or XLSX: the same tables, in the same order, as the page shows. CSV carries the text as shown
(with a BOM, so Excel reads the diacritics); XLSX carries numbers as numbers, formatted as on the page."""

from __future__ import annotations

import csv
import io

from dashboards.boards import Board, Cell

EMPTY = "Chưa có số liệu trong kỳ này."
XLSX_FORMATS = {
    "count": "#,##0",
    "rate": "0.0%",
    "days": '0.0" ngày"',
    "hours": '0" giờ"',
    "stars": '0.0" / 5"',
    "score": '0.0" điểm"',
    "money": '#,##0" đ"',
}


def _lines(board: Board, heading: list[str]) -> list[list[Cell]]:
    lines: list[list[Cell]] = [[Cell(text)] for text in heading]
    for table in board.tables:
        lines.append([])
        lines.append([Cell(table.title)])
        if table.rows:
            lines.append([Cell(column) for column in table.columns])
            lines.extend(table.rows)
        else:
            lines.append([Cell(EMPTY)])
        if table.note:
            lines.append([Cell(table.note)])
    return lines


def board_csv(board: Board, heading: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _lines(board, heading):
        writer.writerow([cell.text for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def board_xlsx(board: Board, heading: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = board.title[:31]
    bold = Font(bold=True)
    for line in _lines(board, heading):
        sheet.append([cell.value if cell.kind != "text" else cell.text for cell in line])
        row = sheet.max_row
        for column, cell in enumerate(line, start=1):
            if cell.kind in XLSX_FORMATS:
                sheet.cell(row=row, column=column).number_format = XLSX_FORMATS[cell.kind]
        if len(line) == 1:
            sheet.cell(row=row, column=1).font = bold
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
