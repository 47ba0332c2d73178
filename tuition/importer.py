"""Reading a tuition file (CSV or XLSX): one row per student and term, fee lines as the extra columns.

Columns (header names, any order, case and diacritics ignored): "Lớp", "Mã học sinh", "Kỳ thu", optionally
"Hạn nộp" (dd/mm/yyyy); every other column is a fee line, its header the line's name, its cell the amount in dong
(empty or 0: not charged). Every problem is reported with its row number; a file with any problem imports nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from citizen_portal.text import fold_vietnamese

REQUIRED = {"lop": "Lớp", "ma hoc sinh": "Mã học sinh", "ky thu": "Kỳ thu"}
OPTIONAL = {"han nop": "Hạn nộp"}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


class TuitionFileError(ValueError):
    """The file as a whole cannot be read (format, headers, size)."""


@dataclass
class TuitionRow:
    number: int  # the row number the school sees in its spreadsheet (header is row 1)
    class_name: str
    student_code: str
    term: str
    due_date: dt.date | None
    lines: list[tuple[str, int]]
    errors: list[str] = field(default_factory=list)
    student_id: int | None = None
    student_name: str = ""

    @property
    def total(self) -> int:
        return sum(amount for _, amount in self.lines)


def _cells(upload) -> list[list[str]]:
    name = (getattr(upload, "name", "") or "").lower()
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise TuitionFileError("Tệp lớn hơn 5 MB; hãy chia thành nhiều tệp nhỏ hơn.")
    if name.endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise TuitionFileError("Không đọc được tệp Excel này; hãy lưu lại dưới dạng .xlsx rồi thử lại.") from error
        return [["" if cell is None else _text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv") or not name:
        for encoding in ("utf-8-sig", "cp1258", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise TuitionFileError("Không đọc được tệp CSV; hãy lưu với bảng mã UTF-8.")
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    raise TuitionFileError("Chỉ nhận tệp .xlsx hoặc .csv.")


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_amount(raw: str) -> int | None:
    """Whole dong as schools write them: "300000", "300.000", "300,000 đ"; None when it is not a number."""
    cleaned = re.sub(r"[\s.,đ₫]|dong|VND", "", raw.strip(), flags=re.IGNORECASE)
    return int(cleaned) if cleaned.isdigit() else None


def read_tuition_file(upload) -> list[TuitionRow]:
    rows = [row for row in _cells(upload) if any(str(cell).strip() for cell in row)]
    if not rows:
        raise TuitionFileError("Tệp không có dòng nào.")
    header = [fold_vietnamese(str(cell)) for cell in rows[0]]
    missing = [label for key, label in REQUIRED.items() if key not in header]
    if missing:
        raise TuitionFileError(f"Thiếu cột: {', '.join(missing)}. Dòng đầu tiên phải là tên các cột.")
    if len(rows) - 1 > MAX_ROWS:
        raise TuitionFileError(f"Mỗi tệp tối đa {MAX_ROWS} dòng.")
    index = {key: header.index(key) for key in [*REQUIRED, *OPTIONAL] if key in header}
    fee_columns = [(i, str(rows[0][i]).strip()) for i, key in enumerate(header) if key and key not in index]
    if not fee_columns:
        raise TuitionFileError("Không có cột khoản thu nào (ví dụ: “Học phí”, “Tiền ăn bán trú”).")
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        values = {key: str(row[i]).strip() if i < len(row) else "" for key, i in index.items()}
        cell = values.get
        errors, lines = [], []
        for column, label in fee_columns:
            raw = str(row[column]).strip() if column < len(row) else ""
            if not raw:
                continue
            amount = parse_amount(raw)
            if amount is None:
                errors.append(f"số tiền “{raw}” ở cột {label} không phải số đồng")
            elif amount:
                lines.append((label, amount))
        for key, label in REQUIRED.items():
            if not cell(key, ""):
                errors.append(f"thiếu {label.lower()}")
        due = None
        if cell("han nop", ""):
            try:
                due = dt.datetime.strptime(cell("han nop"), "%d/%m/%Y").date()
            except ValueError:
                errors.append(f"hạn nộp “{cell('han nop')}” phải có dạng ngày/tháng/năm, ví dụ 15/09/2026")
        if not lines and not errors:
            errors.append("không có khoản thu nào lớn hơn 0")
        parsed.append(
            TuitionRow(number, cell("lop", ""), cell("ma hoc sinh", ""), cell("ky thu", ""), due, lines, errors)
        )
    return parsed
