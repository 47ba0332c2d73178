"""The period a figure covers: a month, a quarter, a year or any range of days, in local time (a day starts at
midnight in Việt Nam), with the period just before it and the same period a year earlier."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from citizen_portal.api.exceptions import ApplicationError
from dashboards.facts import day_start, next_month

MAX_DAYS = 3 * 366 + 1  # the facts kept online cover three years; a longer range is a report, not a dashboard
MONTH = re.compile(r"^m(\d{4})-(\d{1,2})$")
QUARTER = re.compile(r"^q(\d{4})-([1-4])$")
YEAR = re.compile(r"^y(\d{4})$")
CUSTOM = "tuy-chon"


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter", "year", "custom"
    first: dt.date
    last: dt.date

    @property
    def start(self) -> dt.datetime:
        return day_start(self.first)

    @property
    def end(self) -> dt.datetime:
        """Midnight after the last day (exclusive)."""
        return day_start(self.last + dt.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def key(self) -> str:
        """The value of the period picker (`ky`)."""
        if self.kind == "month":
            return f"m{self.first:%Y-%m}"
        if self.kind == "quarter":
            return f"q{self.first.year}-{(self.first.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"y{self.first.year}"
        return CUSTOM

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"Tháng {self.first.month}/{self.first.year}"
        if self.kind == "quarter":
            return f"Quý {(self.first.month - 1) // 3 + 1}/{self.first.year}"
        if self.kind == "year":
            return f"Năm {self.first.year}"
        return f"Từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}"

    def previous(self) -> Period:
        if self.kind == "month":
            first = (self.first - dt.timedelta(days=1)).replace(day=1)
            return month_period(first.year, first.month)
        if self.kind == "quarter":
            first = (self.first - dt.timedelta(days=1)).replace(day=1)
            return quarter_period(first.year, (first.month - 1) // 3 + 1)
        if self.kind == "year":
            return year_period(self.first.year - 1)
        return Period("custom", self.first - dt.timedelta(days=self.days), self.first - dt.timedelta(days=1))

    def last_year(self) -> Period:
        if self.kind == "month":
            return month_period(self.first.year - 1, self.first.month)
        if self.kind == "quarter":
            return quarter_period(self.first.year - 1, (self.first.month - 1) // 3 + 1)
        if self.kind == "year":
            return year_period(self.first.year - 1)
        return Period("custom", _shift_year(self.first, -1), _shift_year(self.last, -1))

    def whole_months(self) -> tuple[list[dt.date], list[tuple[dt.date, dt.date]]]:
        """The months wholly inside the period (their first days), and the day ranges left at its edges."""
        months, edges = [], []
        day = self.first
        while day <= self.last:
            month_end = next_month(day) - dt.timedelta(days=1)
            if day.day == 1 and month_end <= self.last:
                months.append(day)
            else:
                edges.append((day, min(month_end, self.last)))
            day = month_end + dt.timedelta(days=1)
        return months, edges


def month_period(year: int, month: int) -> Period:
    first = dt.date(year, month, 1)
    return Period("month", first, next_month(first) - dt.timedelta(days=1))


def quarter_period(year: int, quarter: int) -> Period:
    first = dt.date(year, 3 * quarter - 2, 1)
    last = next_month(next_month(next_month(first))) - dt.timedelta(days=1)
    return Period("quarter", first, last)


def year_period(year: int) -> Period:
    return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def current_month(today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    return month_period(today.year, today.month)


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ApplicationError(
            f"{what} “{value[:20]}” không đúng dạng ngày (năm-tháng-ngày, ví dụ 2026-11-30).",
            code="period_invalid",
        ) from None


def custom_period(first_text: str, last_text: str) -> Period:
    first, last = _date(first_text, "Ngày bắt đầu"), _date(last_text, "Ngày kết thúc")
    if last < first:
        raise ApplicationError("Ngày kết thúc phải từ ngày bắt đầu trở đi.", code="period_invalid")
    if (last - first).days + 1 > MAX_DAYS:
        raise ApplicationError("Khoảng thời gian dài nhất là 3 năm.", code="period_too_long")
    return Period("custom", first, last)


def period_from(params, today: dt.date | None = None) -> Period:
    """The period asked for: `ky` from the picker (m2026-11, q2026-4, y2026, tuy-chon with `tu`/`den`), or
    `from`/`to` (the API). None of them: this month."""
    if params.get("from") or params.get("to"):
        return custom_period(params.get("from", ""), params.get("to", ""))
    key = (params.get("ky") or "").strip()
    if not key:
        return current_month(today)
    if key == CUSTOM:
        return custom_period(params.get("tu", ""), params.get("den", ""))
    try:
        if match := MONTH.match(key):
            return month_period(int(match[1]), int(match[2]))
        if match := QUARTER.match(key):
            return quarter_period(int(match[1]), int(match[2]))
        if match := YEAR.match(key):
            return year_period(int(match[1]))
    except ValueError:  # month 13, year 0
        pass
    raise ApplicationError("Kỳ báo cáo không hợp lệ; hãy chọn lại trong danh sách.", code="period_invalid")


def period_choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    """The picker: the last 13 months, the last 8 quarters, the last 3 years, then a range of one's choosing."""
    today = today or timezone.localdate()
    choices = []
    month = current_month(today)
    for _ in range(13):
        choices.append((month.key, month.label))
        month = month.previous()
    quarter = quarter_period(today.year, (today.month - 1) // 3 + 1)
    for _ in range(8):
        choices.append((quarter.key, quarter.label))
        quarter = quarter.previous()
    for year in range(today.year, today.year - 3, -1):
        choices.append((f"y{year}", f"Năm {year}"))
    choices.append((CUSTOM, "Khoảng ngày tự chọn…"))
    return choices
