"""A channel's programme schedule from a file: CSV typed by the station's staff, or XMLTV exported by their playout
system. Every problem is reported with its line or programme, in Vietnamese, and nothing is imported until the
whole file is right."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from defusedxml import ElementTree

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.text import fold_vietnamese

CSV_COLUMNS = {
    "starts_at": {"bat dau", "bat_dau", "start", "gio bat dau"},
    "ends_at": {"ket thuc", "ket_thuc", "stop", "end", "gio ket thuc"},
    "title": {"ten", "ten chuong trinh", "title", "chuong trinh"},
    "description": {"mo ta", "mo_ta", "gioi thieu", "description"},
}
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S")
MAX_PROGRAMMES = 5000


@dataclass(frozen=True)
class Entry:
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    title: str
    description: str


def _refuse(message: str) -> ApplicationError:
    return ApplicationError(message, code="schedule_invalid")


def parse(data: bytes, *, filename: str, tz, channel_id: str = "") -> list[Entry]:
    text = data.decode("utf-8-sig", errors="replace")
    is_xml = filename.lower().endswith(".xml") or text.lstrip().startswith("<")
    entries = _xmltv(text, channel_id) if is_xml else _csv(text, tz)
    if len(entries) > MAX_PROGRAMMES:
        raise _refuse(f"Tệp có {len(entries)} chương trình, nhiều hơn mức {MAX_PROGRAMMES} cho một lần nhập.")
    entries.sort(key=lambda e: e.starts_at)
    for before, after in zip(entries, entries[1:], strict=False):
        if before.starts_at == after.starts_at:
            raise _refuse(
                f"Hai chương trình cùng bắt đầu lúc {_show(after.starts_at, tz)}: “{before.title}”, “{after.title}”."
            )
    return entries


def _show(moment: dt.datetime, tz) -> str:
    return f"{moment.astimezone(tz):%H:%M %d/%m/%Y}"


def _local_time(raw: str, tz, line: int, what: str) -> dt.datetime:
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(raw.strip(), fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    raise _refuse(f"Dòng {line}: {what} “{raw}” không đúng dạng (ví dụ: 30/11/2026 06:00 hoặc 2026-11-30 06:00).")


def _csv(text: str, tz) -> list[Entry]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    header = [fold_vietnamese(cell).strip().lower() for cell in rows[0]]
    where = {}
    for field, names in CSV_COLUMNS.items():
        found = [i for i, name in enumerate(header) if name in names]
        if found:
            where[field] = found[0]
    if "starts_at" not in where or "title" not in where:
        raise _refuse(
            "Dòng 1 phải là tiêu đề cột, có ít nhất “bắt đầu” và “tên chương trình” "
            "(ví dụ: bắt đầu,kết thúc,tên chương trình,giới thiệu)."
        )
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row=row) -> str:
            index = where.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        title = cell("title")
        if not title:
            raise _refuse(f"Dòng {number}: thiếu tên chương trình.")
        starts = _local_time(cell("starts_at"), tz, number, "giờ bắt đầu")
        ends = _local_time(cell("ends_at"), tz, number, "giờ kết thúc") if cell("ends_at") else None
        if ends is not None and ends <= starts:
            raise _refuse(f"Dòng {number}: giờ kết thúc phải sau giờ bắt đầu.")
        entries.append(Entry(starts, ends, title[:200], cell("description")[:500]))
    return entries


def _xmltv_time(raw: str | None, title: str) -> dt.datetime | None:
    """XMLTV times: "20261130060000 +0700" (the zone may be missing: then it is the province's)."""
    if not raw:
        return None
    stamp, _, zone = raw.strip().partition(" ")
    try:
        moment = dt.datetime.strptime(stamp[:14], "%Y%m%d%H%M%S")
    except ValueError as error:
        raise _refuse(f"Chương trình “{title}”: thời gian “{raw}” không đúng dạng XMLTV.") from error
    if zone:
        try:
            sign = 1 if zone[0] == "+" else -1
            offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
        except (ValueError, IndexError) as error:
            raise _refuse(f"Chương trình “{title}”: múi giờ “{zone}” không đúng dạng.") from error
        return moment.replace(tzinfo=dt.timezone(offset))
    return moment.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _xmltv(text: str, channel_id: str) -> list[Entry]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise _refuse(f"Tệp XMLTV bị lỗi: {error}.") from error
    except Exception as error:  # defusedxml refuses entity tricks
        raise _refuse("Tệp XMLTV có nội dung không được phép.") from error
    if root.tag != "tv":
        raise _refuse("Đây không phải tệp XMLTV (thẻ gốc phải là <tv>).")
    programmes = list(root.iter("programme"))
    # A playout system often exports every channel in one file: then only this channel's programmes are taken.
    ids = sorted({p.get("channel", "") for p in programmes})
    if len(ids) > 1:
        programmes = [p for p in programmes if p.get("channel") == channel_id]
        if not programmes:
            raise _refuse(
                f"Tệp có lịch của nhiều kênh ({', '.join(ids)}) nhưng không có kênh “{channel_id}”. "
                "Mã kênh trong tệp phải trùng đường dẫn của kênh."
            )
    entries = []
    for programme in programmes:
        title = " ".join((programme.findtext("title") or "").split())
        if not title:
            raise _refuse(f"Chương trình lúc {programme.get('start')} không có tên.")
        starts = _xmltv_time(programme.get("start"), title)
        if starts is None:
            raise _refuse(f"Chương trình “{title}” thiếu giờ bắt đầu.")
        ends = _xmltv_time(programme.get("stop"), title)
        if ends is not None and ends <= starts:
            raise _refuse(f"Chương trình “{title}”: giờ kết thúc phải sau giờ bắt đầu.")
        entries.append(Entry(starts, ends, title[:200], " ".join((programme.findtext("desc") or "").split())[:500]))
    return entries
