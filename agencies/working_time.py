"""Working-day arithmetic for one-stop-shop deadlines (../shared/DOSSIER_RULES.md).

A working day is one full set of office hours (by default 07:00–11:30 and 13:30–17:00, i.e. 8 hours). Weekends,
Vietnamese public holidays (the `holidays` package, including its substituted days off) and the province's
announced extra days off are skipped; official make-up Saturdays and the province's extra working days count.
Time is only counted inside office hours, so the lunch break and nights never count.

Usage: build one calendar per piece of work (it reads the province's exceptions once) and reuse it:

    calendar = WorkingCalendar.from_database()
    due = calendar.add_working_days(received_at, 3)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Window = tuple[dt.time, dt.time]

# A calendar with no working day in this many days is misconfigured; stop rather than loop for ever.
_MAX_SEARCH_DAYS = 366 * 2


def parse_office_hours(spec: str) -> tuple[Window, ...]:
    """Parse "07:00-11:30,13:30-17:00" into ordered, non-overlapping windows."""
    windows: list[Window] = []
    try:
        for part in spec.split(","):
            start_text, end_text = part.strip().split("-")
            windows.append((dt.time.fromisoformat(start_text.strip()), dt.time.fromisoformat(end_text.strip())))
    except ValueError as error:
        raise ImproperlyConfigured(f"OFFICE_HOURS must look like '07:00-11:30,13:30-17:00', got {spec!r}") from error
    windows.sort()
    for (start, end), following in zip(windows, windows[1:] + [None], strict=True):
        if start >= end or (following is not None and end > following[0]):
            raise ImproperlyConfigured(f"OFFICE_HOURS windows must be ordered and must not overlap: {spec!r}")
    if not windows:
        raise ImproperlyConfigured("OFFICE_HOURS needs at least one window")
    return tuple(windows)


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def is_national_working_day(day: dt.date) -> bool:
    """Monday–Friday, not a public holiday or substituted day off; or an official make-up Saturday."""
    calendar = _national_holidays(day.year)
    if day in calendar:
        return False
    if day.weekday() >= 5:
        return day in calendar.weekend_workdays
    return True


@dataclass(frozen=True)
class NationalDay:
    date: dt.date
    name: str
    is_working_day: bool


def national_calendar(year: int) -> list[NationalDay]:
    """The year's national days off and make-up working days, named in Vietnamese, for officers to check."""
    named = holidays.country_holidays("VN", years=year, language="vi")
    days = [NationalDay(day, name, False) for day, name in named.items()]
    days += [NationalDay(day, "Ngày làm bù (thứ Bảy)", True) for day in named.weekend_workdays if day.year == year]
    return sorted(days, key=lambda day: day.date)


@dataclass(frozen=True)
class WorkingCalendar:
    windows: tuple[Window, ...]
    extra_days_off: frozenset[dt.date] = frozenset()
    extra_working_days: frozenset[dt.date] = frozenset()
    timezone: dt.tzinfo = ZoneInfo("Asia/Ho_Chi_Minh")

    @classmethod
    def from_settings(
        cls, *, extra_days_off: Iterable[dt.date] = (), extra_working_days: Iterable[dt.date] = ()
    ) -> WorkingCalendar:
        return cls(
            windows=parse_office_hours(settings.OFFICE_HOURS),
            extra_days_off=frozenset(extra_days_off),
            extra_working_days=frozenset(extra_working_days),
            timezone=ZoneInfo(settings.TIME_ZONE),
        )

    @classmethod
    def from_database(cls) -> WorkingCalendar:
        """The national calendar plus the province's announced exceptions (one query)."""
        from agencies.models import CalendarException, CalendarExceptionKind

        days_off, working_days = set(), set()
        for day, kind in CalendarException.objects.values_list("date", "kind"):
            (days_off if kind == CalendarExceptionKind.DAY_OFF else working_days).add(day)
        return cls.from_settings(extra_days_off=days_off, extra_working_days=working_days)

    @property
    def working_day_length(self) -> dt.timedelta:
        return sum((_duration(start, end) for start, end in self.windows), dt.timedelta())

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        return is_national_working_day(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after `day`."""
        for offset in range(1, _MAX_SEARCH_DAYS):
            candidate = day + dt.timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        raise ImproperlyConfigured("No working day found within two years: check the calendar exceptions.")

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """When work received at `moment` starts counting: `moment` itself in office hours, else the next opening."""
        return self.add_working_time(moment, dt.timedelta())

    def add_working_time(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """The moment `duration` of office time after `start`. Ending exactly at a closing time gives that closing time
        (Mon 18:30 + 1 working day = Tue 17:00)."""
        if duration < dt.timedelta():
            raise ValueError("duration must not be negative")
        remaining = duration
        cursor = self._local(start)
        day = cursor.date()
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_working_day(day):
                for window_start, window_end in self._windows_on(day):
                    if cursor >= window_end:
                        continue
                    segment_start = max(cursor, window_start)
                    available = window_end - segment_start
                    if remaining <= available:
                        return segment_start + remaining
                    remaining -= available
                    cursor = window_end
            day += dt.timedelta(days=1)
            cursor = self._at(day, dt.time.min)
        raise ImproperlyConfigured("No working time found within two years: check the calendar exceptions.")

    def add_working_hours(self, start: dt.datetime, hours: float) -> dt.datetime:
        return self.add_working_time(start, dt.timedelta(hours=hours))

    def add_working_days(self, start: dt.datetime, days: float) -> dt.datetime:
        return self.add_working_time(start, self.working_day_length * days)

    def add_calendar_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """`days` calendar days later at the same time of day; a due date on a day off moves to the next working day."""
        due = self._local(start) + dt.timedelta(days=days)
        if self.is_working_day(due.date()):
            return due
        return self._at(self.next_working_day(due.date()), due.timetz().replace(tzinfo=None))

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Office time elapsed from `start` to `end` (zero when `end` is not after `start`)."""
        start, end = self._local(start), self._local(end)
        total = dt.timedelta()
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for window_start, window_end in self._windows_on(day):
                    overlap = min(end, window_end) - max(start, window_start)
                    if overlap > dt.timedelta():
                        total += overlap
            day += dt.timedelta(days=1)
        return total

    def working_days_between(self, start: dt.datetime, end: dt.datetime) -> float:
        return self.working_time_between(start, end) / self.working_day_length

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise ValueError("working-time arithmetic needs timezone-aware datetimes")
        return moment.astimezone(self.timezone)

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.timezone)

    def _windows_on(self, day: dt.date) -> Iterable[tuple[dt.datetime, dt.datetime]]:
        for start, end in self.windows:
            yield self._at(day, start), self._at(day, end)


def _duration(start: dt.time, end: dt.time) -> dt.timedelta:
    return dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)


@dataclass(frozen=True)
class DueState:
    """How a deadline stands for the officer reading it: a colour ("late", "soon", "ok") and plain words."""

    tone: str
    text: str


def _working_span_text(span: dt.timedelta, day_length: dt.timedelta) -> str:
    days, rest = divmod(span, day_length)
    hours, minutes = rest.seconds // 3600, rest.seconds % 3600 // 60
    parts = [f"{days} ngày"] if days else []
    if hours:
        parts.append(f"{hours} giờ")
    if not days and not hours:
        parts.append(f"{max(minutes, 1)} phút")
    return " ".join(parts) + " làm việc"


def due_state(due: dt.datetime | None, now: dt.datetime, calendar: WorkingCalendar) -> DueState:
    """ "Còn 2 ngày 3 giờ làm việc", "Quá hạn 4 giờ làm việc": the time that counts is office time."""
    if due is None:
        return DueState("", "Chưa có hạn")
    if now >= due:
        return DueState(
            "late",
            "Quá hạn " + _working_span_text(calendar.working_time_between(due, now), calendar.working_day_length),
        )
    remaining = calendar.working_time_between(now, due)
    tone = "soon" if remaining <= calendar.working_day_length else "ok"
    return DueState(tone, "Còn " + _working_span_text(remaining, calendar.working_day_length))
