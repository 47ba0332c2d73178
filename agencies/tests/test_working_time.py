"""The worked examples of ../shared/DOSSIER_RULES.md and real Vietnamese dates."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from agencies.models import CalendarException, CalendarExceptionKind
from agencies.working_time import WorkingCalendar, is_national_working_day, parse_office_hours

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=0, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


@pytest.fixture
def calendar():
    return WorkingCalendar.from_settings()


def test_it_adds_three_working_days_from_monday_to_thursday(calendar):
    assert calendar.add_working_days(at(2026, 11, 16, 9), 3) == at(2026, 11, 19, 9)


def test_it_adds_two_working_days_from_friday_to_tuesday(calendar):
    assert calendar.add_working_days(at(2026, 10, 16, 10), 2) == at(2026, 10, 20, 10)


def test_an_arrival_after_hours_starts_the_next_morning_and_ends_at_closing_time(calendar):
    assert calendar.add_working_days(at(2026, 10, 12, 18, 30), 1) == at(2026, 10, 13, 17)


def test_an_arrival_at_lunch_starts_counting_at_the_afternoon_opening(calendar):
    assert calendar.add_working_hours(at(2026, 10, 12, 12, 15), 4) == at(2026, 10, 13, 7, 30)


def test_hours_skip_the_lunch_break(calendar):
    assert calendar.add_working_hours(at(2026, 10, 12, 10), 4) == at(2026, 10, 12, 16)


def test_it_skips_reunification_day_and_labour_day_2026(calendar):
    assert calendar.add_working_days(at(2026, 4, 29, 9), 2) == at(2026, 5, 5, 9)


def test_a_supplement_accepted_on_friday_restarts_five_days_from_zero(calendar):
    assert calendar.add_working_days(at(2026, 10, 16, 10), 5) == at(2026, 10, 23, 10)


def test_it_skips_tet_2026(calendar):
    # Tết Bính Ngọ: 16–20/02/2026 off, with the weekend before it.
    assert calendar.add_working_days(at(2026, 2, 13, 9), 1) == at(2026, 2, 23, 9)
    for day in range(16, 21):
        assert not calendar.is_working_day(dt.date(2026, 2, day))


def test_it_skips_tet_2027(calendar):
    # Tết Đinh Mùi: 04–10/02/2027 off.
    assert calendar.add_working_days(at(2027, 2, 3, 10), 1) == at(2027, 2, 11, 10)
    assert not calendar.is_working_day(dt.date(2027, 2, 10))
    assert calendar.is_working_day(dt.date(2027, 2, 11))


def test_it_skips_national_day_2026_with_its_substituted_monday(calendar):
    # 31/08 is a day off swapped with Saturday 22/08; 1–2/09 are National Day.
    assert calendar.add_working_days(at(2026, 8, 28, 9), 1) == at(2026, 9, 3, 9)


def test_the_make_up_saturday_of_22_august_2026_is_a_working_day(calendar):
    assert calendar.is_working_day(dt.date(2026, 8, 22))
    assert not calendar.is_working_day(dt.date(2026, 8, 29))
    assert calendar.add_working_days(at(2026, 8, 21, 9), 1) == at(2026, 8, 22, 9)


def test_it_skips_vietnam_cultural_day(calendar):
    assert not calendar.is_working_day(dt.date(2026, 11, 24))
    assert calendar.add_working_days(at(2026, 11, 23, 9), 1) == at(2026, 11, 25, 9)


def test_a_friday_evening_arrival_starts_on_monday_morning(calendar):
    assert calendar.next_opening(at(2026, 11, 20, 18)) == at(2026, 11, 23, 7)


def test_a_lunch_time_arrival_starts_at_half_past_one(calendar):
    assert calendar.next_opening(at(2026, 11, 23, 12)) == at(2026, 11, 23, 13, 30)


def test_an_arrival_inside_office_hours_starts_at_once(calendar):
    assert calendar.next_opening(at(2026, 11, 23, 9, 41)) == at(2026, 11, 23, 9, 41)


def test_it_accepts_moments_in_other_time_zones(calendar):
    utc_moment = dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC)  # 09:00 in Vietnam
    assert calendar.add_working_days(utc_moment, 3) == at(2026, 11, 19, 9)


def test_it_refuses_naive_datetimes(calendar):
    with pytest.raises(ValueError):
        calendar.add_working_days(dt.datetime(2026, 11, 16, 9), 1)


def test_it_refuses_a_negative_duration(calendar):
    with pytest.raises(ValueError):
        calendar.add_working_time(at(2026, 11, 16, 9), dt.timedelta(hours=-1))


def test_calendar_days_landing_on_a_day_off_move_to_the_next_working_day(calendar):
    # 15 calendar days after Mon 09/11/2026 is Tue 24/11 (Cultural Day) → Wed 25/11.
    assert calendar.add_calendar_days(at(2026, 11, 9, 10), 15) == at(2026, 11, 25, 10)
    # Landing on a Saturday moves to Monday.
    assert calendar.add_calendar_days(at(2026, 11, 16, 10), 5) == at(2026, 11, 23, 10)
    # Landing on a working day stays.
    assert calendar.add_calendar_days(at(2026, 11, 16, 10), 3) == at(2026, 11, 19, 10)


def test_it_counts_working_time_between_two_moments(calendar):
    # Fri 10:00 → Tue 10:00 across a weekend: Fri 5 h + Mon 8 h + Tue 3 h = two working days.
    assert calendar.working_time_between(at(2026, 10, 16, 10), at(2026, 10, 20, 10)) == dt.timedelta(hours=16)
    # Lunch and nights do not count.
    assert calendar.working_time_between(at(2026, 10, 12, 11), at(2026, 10, 12, 14)) == dt.timedelta(hours=1)
    assert calendar.working_time_between(at(2026, 10, 12, 17), at(2026, 10, 13, 7)) == dt.timedelta()
    # Tết 2026 counts nothing.
    assert calendar.working_time_between(at(2026, 2, 14), at(2026, 2, 22)) == dt.timedelta()
    # End before start is zero, not negative.
    assert calendar.working_time_between(at(2026, 10, 13, 9), at(2026, 10, 12, 9)) == dt.timedelta()


def test_working_time_between_is_the_inverse_of_adding_it(calendar):
    start = at(2026, 4, 28, 15, 20)
    for hours in (1, 4, 8, 13.5, 40, 120):
        due = calendar.add_working_hours(start, hours)
        assert calendar.working_time_between(start, due) == dt.timedelta(hours=hours)
        assert calendar.working_days_between(start, due) == pytest.approx(hours / 8)


@pytest.mark.django_db
def test_the_province_can_announce_an_extra_day_off_and_a_make_up_day():
    CalendarException.objects.create(
        date=dt.date(2026, 11, 23), kind=CalendarExceptionKind.DAY_OFF, reason="Nghỉ bù theo quyết định của tỉnh"
    )
    CalendarException.objects.create(
        date=dt.date(2026, 11, 28), kind=CalendarExceptionKind.WORKING_DAY, reason="Làm bù thứ Bảy"
    )
    calendar = WorkingCalendar.from_database()
    assert not calendar.is_working_day(dt.date(2026, 11, 23))
    assert calendar.is_working_day(dt.date(2026, 11, 28))
    # Fri 20/11 09:00 + 2 days: Mon 23 off, Tue 24 Cultural Day, Wed 25 → Thu 26 09:00.
    assert calendar.add_working_days(at(2026, 11, 20, 9), 2) == at(2026, 11, 26, 9)
    # The national calendar alone disagrees, so the exceptions really were applied.
    assert WorkingCalendar.from_settings().add_working_days(at(2026, 11, 20, 9), 2) == at(2026, 11, 25, 9)


def test_office_hours_come_from_settings(settings):
    settings.OFFICE_HOURS = "07:30-11:30,13:00-17:00"
    calendar = WorkingCalendar.from_settings()
    assert calendar.working_day_length == dt.timedelta(hours=8)
    assert calendar.next_opening(at(2026, 11, 23, 12, 45)) == at(2026, 11, 23, 13)


@pytest.mark.parametrize("spec", ["", "7h-11h", "11:30-07:00", "07:00-12:00,11:00-17:00"])
def test_bad_office_hours_are_refused(spec):
    with pytest.raises(ImproperlyConfigured):
        parse_office_hours(spec)


def test_national_working_days_follow_the_holidays_package():
    assert is_national_working_day(dt.date(2026, 11, 23))  # Monday
    assert not is_national_working_day(dt.date(2026, 11, 22))  # Sunday
    assert not is_national_working_day(dt.date(2026, 4, 27))  # Hùng Kings' day observed


def test_the_national_calendar_names_days_off_and_make_up_days_in_vietnamese():
    from agencies.working_time import national_calendar

    days = {day.date: day for day in national_calendar(2026)}
    assert days[dt.date(2026, 9, 2)].name == "Quốc khánh"
    assert not days[dt.date(2026, 9, 2)].is_working_day
    assert days[dt.date(2026, 8, 22)].is_working_day
    assert days[dt.date(2026, 11, 24)].name == "Ngày Văn hóa Việt Nam"
    assert all(day.date.year == 2026 for day in days.values())
