"""The fiscal calendar: period names, business days and pace, checked against hand counts.

Dates used below, worked out by hand: 2026-01-01 is a Thursday, so ISO 2026 has 53
weeks; 2026-11-30 is the Monday that starts 2026-W49. Rome changes clock on Sundays
(2026-03-29: 23 hours; 2026-10-25: 25 hours), New York too (2026-03-08, 2026-11-01).
Jerusalem (Friday 2026-03-27, 23 hours) and Cairo (Thursday 2026-10-29, 25 hours;
Friday 2026-04-24, 23 hours with no local midnight) change on business days, so only
there does the part of the current day meet a day that is not 24 hours long.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Literal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.config import CalendarConfig
from core.periods import FiscalCalendar, Period, PeriodError, PeriodKind

ONE_DAY = timedelta(days=1)
DAY, WEEK, MONTH = PeriodKind.DAY, PeriodKind.WEEK, PeriodKind.MONTH
QUARTER, YEAR, CUSTOM = PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.CUSTOM
DST_ZONES = ("Europe/Rome", "America/New_York", "Asia/Jerusalem", "Africa/Cairo")


def calendar(
    zone: str = "UTC",
    *,
    start_month: int = 1,
    named_by: Literal["start", "end"] = "end",
    holidays: tuple[str, ...] = (),
) -> FiscalCalendar:
    config = CalendarConfig(
        timezone=zone,
        fiscal_year_start_month=start_month,
        fiscal_year_named_by=named_by,
        holidays=tuple(day(text) for text in holidays),
    )
    return FiscalCalendar(config)


def day(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str, zone: str = "UTC", fold: int = 0) -> datetime:
    """An aware instant from a local wall-clock time such as '2026-11-30 12:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone), fold=fold)


def period(kind: PeriodKind, label: str, start: str, end: str | None = None) -> Period:
    return Period(kind, label, day(start), day(end or start))


def fraction(numerator: int, denominator: int) -> Decimal:
    return Decimal(numerator) / Decimal(denominator)


# -- parsing on a calendar year -------------------------------------------------------

MONDAY_NOV_30 = at("2026-11-30 15:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-Q4", period(QUARTER, "2026-Q4", "2026-10-01", "2026-12-31")),
        ("2026-11", period(MONTH, "2026-11", "2026-11-01", "2026-11-30")),
        ("2026-1", period(MONTH, "2026-01", "2026-01-01", "2026-01-31")),
        ("2026-W48", period(WEEK, "2026-W48", "2026-11-23", "2026-11-29")),
        ("2026", period(YEAR, "2026", "2026-01-01", "2026-12-31")),
        ("2026-11-30", period(DAY, "2026-11-30", "2026-11-30")),
        ("today", period(DAY, "2026-11-30", "2026-11-30")),
        ("yesterday", period(DAY, "2026-11-29", "2026-11-29")),
        ("this-week", period(WEEK, "2026-W49", "2026-11-30", "2026-12-06")),
        ("last-week", period(WEEK, "2026-W48", "2026-11-23", "2026-11-29")),
        ("this-month", period(MONTH, "2026-11", "2026-11-01", "2026-11-30")),
        ("last-month", period(MONTH, "2026-10", "2026-10-01", "2026-10-31")),
        ("this-quarter", period(QUARTER, "2026-Q4", "2026-10-01", "2026-12-31")),
        ("last-quarter", period(QUARTER, "2026-Q3", "2026-07-01", "2026-09-30")),
        ("this-year", period(YEAR, "2026", "2026-01-01", "2026-12-31")),
        ("last-year", period(YEAR, "2025", "2025-01-01", "2025-12-31")),
        (
            "2026-10-01..2026-11-15",
            period(CUSTOM, "2026-10-01..2026-11-15", "2026-10-01", "2026-11-15"),
        ),
        ("2026-Q1..2026-Q2", period(CUSTOM, "2026-01-01..2026-06-30", "2026-01-01", "2026-06-30")),
        ("2026-11..today", period(CUSTOM, "2026-11-01..2026-11-30", "2026-11-01", "2026-11-30")),
        (
            "last-week..this-week",
            period(CUSTOM, "2026-11-23..2026-12-06", "2026-11-23", "2026-12-06"),
        ),
        ("2026-11-30..2026-11-30", period(CUSTOM, "2026-11-30..2026-11-30", "2026-11-30")),
        (" 2026-q4 ", period(QUARTER, "2026-Q4", "2026-10-01", "2026-12-31")),
        ("This-Month", period(MONTH, "2026-11", "2026-11-01", "2026-11-30")),
    ],
)
def test_parse_on_a_calendar_year(text: str, expected: Period) -> None:
    cal = calendar()

    parsed = cal.parse(text, MONDAY_NOV_30)

    assert parsed == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", period(DAY, "2026-12-31", "2026-12-31")),
        ("this-week", period(WEEK, "2026-W53", "2026-12-28", "2027-01-03")),
        ("last-week", period(WEEK, "2026-W52", "2026-12-21", "2026-12-27")),
        ("last-month", period(MONTH, "2026-12", "2026-12-01", "2026-12-31")),
        ("this-quarter", period(QUARTER, "2027-Q1", "2027-01-01", "2027-03-31")),
        ("last-quarter", period(QUARTER, "2026-Q4", "2026-10-01", "2026-12-31")),
        ("last-year", period(YEAR, "2026", "2026-01-01", "2026-12-31")),
    ],
)
def test_relative_names_on_new_years_day(text: str, expected: Period) -> None:
    cal = calendar()

    parsed = cal.parse(text, at("2027-01-01 09:00"))

    assert parsed == expected


# -- parsing on a fiscal year that starts in February ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-Q4", period(QUARTER, "2026-Q4", "2025-11-01", "2026-01-31")),
        ("2027-Q1", period(QUARTER, "2027-Q1", "2026-02-01", "2026-04-30")),
        ("2026", period(YEAR, "2026", "2025-02-01", "2026-01-31")),
        ("2026-11", period(MONTH, "2026-11", "2026-11-01", "2026-11-30")),
        ("2026-W48", period(WEEK, "2026-W48", "2026-11-23", "2026-11-29")),
        ("this-quarter", period(QUARTER, "2027-Q4", "2026-11-01", "2027-01-31")),
        ("last-quarter", period(QUARTER, "2027-Q3", "2026-08-01", "2026-10-31")),
        ("this-year", period(YEAR, "2027", "2026-02-01", "2027-01-31")),
        ("last-year", period(YEAR, "2026", "2025-02-01", "2026-01-31")),
        ("2026-Q1..2026-Q2", period(CUSTOM, "2025-02-01..2025-07-31", "2025-02-01", "2025-07-31")),
        ("2026..2027", period(CUSTOM, "2025-02-01..2027-01-31", "2025-02-01", "2027-01-31")),
    ],
)
def test_parse_on_a_february_year_named_by_its_end(text: str, expected: Period) -> None:
    cal = calendar(start_month=2, named_by="end")

    parsed = cal.parse(text, MONDAY_NOV_30)

    assert parsed == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-Q4", period(QUARTER, "2026-Q4", "2026-11-01", "2027-01-31")),
        ("2026-Q1", period(QUARTER, "2026-Q1", "2026-02-01", "2026-04-30")),
        ("2026", period(YEAR, "2026", "2026-02-01", "2027-01-31")),
        ("this-quarter", period(QUARTER, "2026-Q4", "2026-11-01", "2027-01-31")),
        ("last-quarter", period(QUARTER, "2026-Q3", "2026-08-01", "2026-10-31")),
        ("this-year", period(YEAR, "2026", "2026-02-01", "2027-01-31")),
        ("last-year", period(YEAR, "2025", "2025-02-01", "2026-01-31")),
        ("2026-Q1..2026-Q2", period(CUSTOM, "2026-02-01..2026-07-31", "2026-02-01", "2026-07-31")),
    ],
)
def test_parse_on_a_february_year_named_by_its_start(text: str, expected: Period) -> None:
    cal = calendar(start_month=2, named_by="start")

    parsed = cal.parse(text, MONDAY_NOV_30)

    assert parsed == expected


@pytest.mark.parametrize(
    ("named_by", "as_of", "year", "quarter"),
    [
        # January still belongs to the fiscal year that began last February.
        ("end", "2027-01-31 23:59", "2027", "2027-Q4"),
        ("start", "2027-01-31 23:59", "2026", "2026-Q4"),
        # The first of February opens the next one.
        ("end", "2027-02-01 00:00", "2028", "2028-Q1"),
        ("start", "2027-02-01 00:00", "2027", "2027-Q1"),
    ],
)
def test_the_fiscal_year_turns_on_the_first_of_its_start_month(
    named_by: Literal["start", "end"], as_of: str, year: str, quarter: str
) -> None:
    cal = calendar(start_month=2, named_by=named_by)

    this_year = cal.parse("this-year", at(as_of))
    this_quarter = cal.parse("this-quarter", at(as_of))

    assert this_year.label == year
    assert this_quarter.label == quarter


def test_a_year_starting_in_january_is_the_calendar_year_however_it_is_named() -> None:
    by_start, by_end = calendar(named_by="start"), calendar(named_by="end")

    years = {cal.parse("2026", MONDAY_NOV_30) for cal in (by_start, by_end)}

    assert years == {period(YEAR, "2026", "2026-01-01", "2026-12-31")}


# -- ISO weeks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-W53", "2026-12-28", "2027-01-03"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2027-W01", "2027-01-04", "2027-01-10"),
        ("2025-W01", "2024-12-30", "2025-01-05"),
        ("2026-W1", "2025-12-29", "2026-01-04"),
    ],
)
def test_iso_weeks_53_and_1_cross_the_new_year(text: str, start: str, end: str) -> None:
    cal = calendar()

    week = cal.parse(text, MONDAY_NOV_30)

    assert (week.start, week.end) == (day(start), day(end))
    assert week.start.weekday() == 0


@pytest.mark.parametrize(
    ("some_day", "label"),
    [
        ("2027-01-01", "2026-W53"),
        ("2027-01-03", "2026-W53"),
        ("2027-01-04", "2027-W01"),
        ("2024-12-30", "2025-W01"),
        ("2024-12-29", "2024-W52"),
    ],
)
def test_a_week_is_named_by_its_iso_year(some_day: str, label: str) -> None:
    cal = calendar()

    week = cal.week(day(some_day))

    assert week.label == label


# -- local days and instants -------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "instant", "expected"),
    [
        ("Europe/Rome", at("2026-11-30 23:30"), "2026-12-01"),
        ("Europe/Rome", at("2026-06-30 21:59"), "2026-06-30"),
        ("Europe/Rome", at("2026-06-30 22:00"), "2026-07-01"),
        ("America/New_York", at("2026-12-01 03:00"), "2026-11-30"),
        ("UTC", at("2026-11-30 23:30", "Europe/Rome"), "2026-11-30"),
    ],
)
def test_local_date_is_taken_in_the_company_time_zone(
    zone: str, instant: datetime, expected: str
) -> None:
    cal = calendar(zone)

    local = cal.local_date(instant)

    assert local == day(expected)


def test_today_follows_the_company_time_zone() -> None:
    rome = calendar("Europe/Rome")
    late_on_the_last_of_november = at("2026-11-30 23:30")

    today = rome.parse("today", late_on_the_last_of_november)
    this_month = rome.parse("this-month", late_on_the_last_of_november)

    assert today == period(DAY, "2026-12-01", "2026-12-01")
    assert this_month.label == "2026-12"


def test_naive_instants_are_refused_everywhere() -> None:
    cal = calendar("Europe/Rome")
    naive = datetime(2026, 11, 30, 12)  # noqa: DTZ001 - the point of the test
    week, saturday = cal.week(day("2026-11-30")), cal.day(day("2026-11-28"))
    calls: list[Callable[[], object]] = [
        lambda: cal.local_date(naive),
        lambda: cal.parse("today", naive),
        lambda: cal.parse("2026-Q4", naive),
        lambda: cal.parse("2026-11..today", naive),
        lambda: cal.elapsed_business_days(week, naive),
        lambda: cal.pace(week, naive),
        lambda: cal.pace(saturday, naive),
    ]

    for call in calls:
        with pytest.raises(ValueError, match="timezone-aware"):
            call()


# -- business days ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "holidays", "expected"),
    [
        ("2026-11-01", "2026-11-30", (), 21),
        # Thanksgiving (a Thursday) is lost; a Saturday holiday was never a business day.
        ("2026-11-01", "2026-11-30", ("2026-11-26", "2026-11-28"), 20),
        ("2026-11-01", "2026-11-30", ("2026-11-28", "2026-11-29"), 21),
        ("2026-11-01", "2026-11-30", ("2026-12-25", "2026-10-30"), 21),
        ("2026-10-01", "2026-12-31", (), 66),
        ("2026-10-01", "2026-12-31", ("2026-12-25", "2026-12-26", "2027-01-01"), 65),
        ("2026-11-28", "2026-11-29", (), 0),
        ("2026-11-30", "2026-11-30", (), 1),
        ("2026-11-30", "2026-11-30", ("2026-11-30",), 0),
        ("2026-11-30", "2026-11-29", (), 0),
        ("2026-01-01", "2026-12-31", (), 261),
    ],
)
def test_business_days_skip_weekends_and_holidays(
    start: str, end: str, holidays: tuple[str, ...], expected: int
) -> None:
    cal = calendar(holidays=holidays)

    count = cal.business_days(day(start), day(end))

    assert count == expected


# -- pace -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "elapsed", "pace"),
    [
        ("2026-11-29 23:59", "0", "0"),  # before
        ("2026-11-30 00:00", "0", "0"),  # at the start
        ("2026-11-30 12:00", "0.5", "0.1"),
        ("2026-12-02 18:00", "2.75", "0.55"),
        ("2026-12-05 12:00", "5", "1"),  # Saturday: the week's business is done
        ("2026-12-07 00:00", "5", "1"),  # at the end
        ("2027-01-15 09:00", "5", "1"),  # after
    ],
)
def test_pace_through_a_week(as_of: str, elapsed: str, pace: str) -> None:
    cal = calendar()
    week = cal.parse("2026-W49", MONDAY_NOV_30)

    gone = cal.elapsed_business_days(week, at(as_of))
    share = cal.pace(week, at(as_of))

    assert gone == Decimal(elapsed)
    assert share == Decimal(pace)


@pytest.mark.parametrize(
    ("as_of", "elapsed", "pace"),
    [
        ("2026-11-01 12:00", "0", "0"),  # a Sunday
        ("2026-11-25 18:00", "17.75", "0.8875"),
        ("2026-11-26 12:00", "18", "0.9"),  # the holiday adds nothing
        ("2026-11-27 06:00", "18.25", "0.9125"),
        ("2026-11-28 12:00", "19", "0.95"),
        ("2026-11-30 12:00", "19.5", "0.975"),
    ],
)
def test_pace_through_a_month_with_a_holiday(as_of: str, elapsed: str, pace: str) -> None:
    cal = calendar(holidays=("2026-11-26", "2026-11-28"))
    november = cal.parse("2026-11", MONDAY_NOV_30)

    gone = cal.elapsed_business_days(november, at(as_of))
    share = cal.pace(november, at(as_of))
    left = cal.remaining_business_days(november, at(as_of))

    assert gone == Decimal(elapsed)
    assert share == Decimal(pace)
    assert left == 20 - Decimal(elapsed)


def test_a_period_without_business_days_is_all_or_nothing() -> None:
    cal = calendar()
    saturday = cal.parse("2026-11-28", MONDAY_NOV_30)

    shares = [
        cal.pace(saturday, at(text))
        for text in ("2026-11-27 12:00", "2026-11-28 23:59:59", "2026-11-29 00:00")
    ]

    assert shares == [0, 0, 1]


def test_the_part_of_the_day_is_taken_in_the_company_time_zone() -> None:
    rome = calendar("Europe/Rome")
    week = rome.parse("2026-W49", MONDAY_NOV_30)

    # 23:30 UTC on Sunday is half an hour into Monday in Rome.
    gone = rome.elapsed_business_days(week, at("2026-11-29 23:30"))

    assert gone == fraction(1, 48)


# -- daylight saving ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "sunday", "starts", "ends", "hours"),
    [
        ("Europe/Rome", "2026-03-29", "2026-03-28 23:00", "2026-03-29 22:00", 23),
        ("Europe/Rome", "2026-10-25", "2026-10-24 22:00", "2026-10-25 23:00", 25),
        ("America/New_York", "2026-03-08", "2026-03-08 05:00", "2026-03-09 04:00", 23),
        ("America/New_York", "2026-11-01", "2026-11-01 04:00", "2026-11-02 05:00", 25),
    ],
)
def test_a_daylight_saving_day_runs_between_real_midnights(
    zone: str, sunday: str, starts: str, ends: str, hours: int
) -> None:
    cal = calendar(zone)
    the_day = cal.day(day(sunday))

    start, end = cal.start_instant(the_day), cal.end_instant(the_day)
    before_end, at_end = cal.pace(the_day, end - timedelta(seconds=1)), cal.pace(the_day, end)

    assert start.astimezone(UTC) == at(starts)
    assert end.astimezone(UTC) == at(ends)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)
    assert (before_end, at_end) == (Decimal(0), Decimal(1))


ROME_WEEKEND = "2026-03-27..2026-03-30"  # Fri..Mon around Rome's 23-hour Sunday
NEW_YORK_WEEKEND = "2026-10-30..2026-11-02"  # Fri..Mon around New York's 25-hour Sunday


@pytest.mark.parametrize(
    ("zone", "span", "instant", "elapsed"),
    [
        ("Europe/Rome", ROME_WEEKEND, at("2026-03-29 12:00", "Europe/Rome"), Decimal(1)),
        ("Europe/Rome", ROME_WEEKEND, at("2026-03-29 21:59"), Decimal(1)),  # Sun 23:59 CEST
        ("Europe/Rome", ROME_WEEKEND, at("2026-03-29 22:30"), fraction(49, 48)),  # Mon 00:30
        ("Europe/Rome", ROME_WEEKEND, at("2026-03-30 12:00", "Europe/Rome"), Decimal("1.5")),
        ("Europe/Rome", ROME_WEEKEND, at("2026-03-30 22:00"), Decimal(2)),  # Tue 00:00 CEST
        ("America/New_York", NEW_YORK_WEEKEND, at("2026-11-01 12:00", "America/New_York"), 1),
        ("America/New_York", NEW_YORK_WEEKEND, at("2026-11-02 04:30"), 1),  # Sun 23:30 EST
        ("America/New_York", NEW_YORK_WEEKEND, at("2026-11-02 05:00"), 1),  # Mon 00:00 EST
        ("America/New_York", NEW_YORK_WEEKEND, at("2026-11-02 17:00"), Decimal("1.5")),
    ],
)
def test_elapsed_days_across_a_weekend_clock_change(
    zone: str, span: str, instant: datetime, elapsed: Decimal | int
) -> None:
    cal = calendar(zone)
    four_days = cal.parse(span, instant)

    gone = cal.elapsed_business_days(four_days, instant)

    assert cal.business_days(four_days.start, four_days.end) == 2
    assert gone == elapsed


@pytest.mark.parametrize(
    ("zone", "wall_clock", "fold", "elapsed"),
    [
        # Jerusalem, Friday: 02:00 becomes 03:00, so local noon is 11 hours in, of 23.
        ("Asia/Jerusalem", "2026-03-27 12:00", 0, fraction(11, 23)),
        ("Asia/Jerusalem", "2026-03-27 23:30", 0, fraction(45, 46)),
        # Cairo, Thursday: midnight comes twice, the day is 25 hours long.
        ("Africa/Cairo", "2026-10-29 12:00", 0, fraction(12, 25)),
        ("Africa/Cairo", "2026-10-29 23:30", 0, fraction(47, 50)),
        ("Africa/Cairo", "2026-10-29 23:30", 1, fraction(49, 50)),
        # Cairo, Friday: the day begins at 01:00, there is no local midnight.
        ("Africa/Cairo", "2026-04-24 01:00", 0, Decimal(0)),
        ("Africa/Cairo", "2026-04-24 12:00", 0, fraction(11, 23)),
    ],
)
def test_the_part_of_a_short_or_long_day_is_real_seconds_over_its_real_length(
    zone: str, wall_clock: str, fold: int, elapsed: Decimal
) -> None:
    cal = calendar(zone)
    local = at(wall_clock, zone, fold)
    the_day = cal.day(local.date())

    # The same instant, told in the company's zone and in UTC, gives the same answer.
    told_locally = cal.elapsed_business_days(the_day, local)
    told_in_utc = cal.elapsed_business_days(the_day, local.astimezone(UTC))

    assert told_locally == told_in_utc == elapsed


@pytest.mark.parametrize(
    ("zone", "weekday"),
    [
        ("Asia/Jerusalem", "2026-03-27"),
        ("Africa/Cairo", "2026-10-29"),
        ("Africa/Cairo", "2026-04-24"),
    ],
)
def test_the_end_of_a_short_or_long_day_counts_as_one_whole_day(zone: str, weekday: str) -> None:
    cal = calendar(zone)
    the_day = cal.day(day(weekday))
    end = cal.end_instant(the_day).astimezone(UTC)

    just_before = cal.elapsed_business_days(the_day, end - timedelta(seconds=1))
    at_end = cal.elapsed_business_days(the_day, end)

    assert Decimal("0.9999") < just_before < 1
    assert at_end == 1


@pytest.mark.parametrize(
    ("zone", "quarter"),
    [
        ("Europe/Rome", "2026-Q1"),
        ("Europe/Rome", "2026-Q4"),
        ("America/New_York", "2026-Q4"),
        ("Asia/Jerusalem", "2026-Q1"),
        ("Africa/Cairo", "2026-Q2"),
        ("Africa/Cairo", "2026-Q4"),
    ],
)
def test_pace_never_steps_back_through_a_quarter_with_a_clock_change(
    zone: str, quarter: str
) -> None:
    cal = calendar(zone)
    the_quarter = cal.parse(quarter, MONDAY_NOV_30)
    first = cal.start_instant(the_quarter).astimezone(UTC) - ONE_DAY
    last = cal.end_instant(the_quarter).astimezone(UTC) + ONE_DAY
    steps = int((last - first) / timedelta(minutes=30))

    shares = [
        cal.pace(the_quarter, first + step * timedelta(minutes=30)) for step in range(steps + 1)
    ]

    assert shares[0] == 0
    assert shares[-1] == 1
    assert all(a <= b for a, b in pairwise(shares))


# -- other periods and helpers ------------------------------------------------------------


def test_previous_of_a_range_is_the_range_of_the_same_length_just_before() -> None:
    cal = calendar()
    first_half = cal.parse("2026-11-01..2026-11-15", MONDAY_NOV_30)

    before = cal.previous(first_half)

    assert before == period(CUSTOM, "2026-10-17..2026-10-31", "2026-10-17", "2026-10-31")


def test_periods_between_covers_the_span_in_order() -> None:
    cal = calendar(start_month=2)

    quarters = cal.periods_between(QUARTER, day("2026-11-15"), day("2027-05-01"))

    assert [quarter.label for quarter in quarters] == ["2027-Q4", "2028-Q1", "2028-Q2"]


# -- bad names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "also_named"),
    [
        ("2026-13", None),
        ("2026-Q5", None),
        ("2026-W54", None),
        ("2025-W53", None),  # 2025 has 52 ISO weeks
        ("2026-02-30", None),
        ("garbage", None),
        ("", None),
        ("2026-12-01..2026-11-01", None),
        ("2026-11..Garbage", "'Garbage'"),
        ("2026-11..", "''"),
        ("2026-01..2026-02..2026-03", None),
    ],
)
def test_bad_names_are_refused_naming_the_value_and_the_valid_forms(
    text: str, also_named: str | None
) -> None:
    cal = calendar()

    with pytest.raises(PeriodError) as raised:
        cal.parse(text, MONDAY_NOV_30)

    message = str(raised.value)
    assert raised.value.text == text
    assert repr(text) in message
    if also_named:
        assert also_named in message
    for form in ("2026-Q4", "2026-11", "2026-W48", "2026-11-30", "today", "last-year", ".."):
        assert form in message


# -- properties ----------------------------------------------------------------------------

KINDS = st.sampled_from([DAY, WEEK, MONTH, QUARTER, YEAR])
DAYS = st.dates(date(1990, 1, 1), date(2100, 12, 31))
CALENDARS = st.builds(
    lambda month, named_by: calendar(start_month=month, named_by=named_by),
    st.integers(1, 12),
    st.sampled_from(["start", "end"]),
)
LENGTHS = {DAY: {1}, WEEK: {7}, MONTH: {28, 29, 30, 31}, QUARTER: {89, 90, 91, 92}}
LENGTHS[YEAR] = {365, 366}


@given(cal=CALENDARS, kind=KINDS, some_day=DAYS)
def test_periods_of_one_kind_tile_time(
    cal: FiscalCalendar, kind: PeriodKind, some_day: date
) -> None:
    here = cal.containing(kind, some_day)

    after = cal.containing(kind, here.end + ONE_DAY)
    before = cal.containing(kind, here.start - ONE_DAY)

    assert some_day in here
    assert here.days in LENGTHS[kind]
    assert after.start == here.end + ONE_DAY
    assert before.end == here.start - ONE_DAY
    assert cal.previous(here) == before
    assert cal.previous(after) == here
    assert len({before.label, here.label, after.label}) == 3


@given(cal=CALENDARS, kind=KINDS, some_day=DAYS, data=st.data())
def test_every_day_lies_in_exactly_the_period_containing_it(
    cal: FiscalCalendar, kind: PeriodKind, some_day: date, data: st.DataObject
) -> None:
    here = cal.containing(kind, some_day)
    other_day = here.start + timedelta(days=data.draw(st.integers(0, here.days - 1)))

    found = cal.containing(kind, other_day)
    neighbours = (cal.previous(here), cal.containing(kind, here.end + ONE_DAY))

    assert found == here
    assert not any(other_day in neighbour for neighbour in neighbours)


@given(cal=CALENDARS, kind=KINDS, some_day=DAYS)
def test_a_period_label_parses_back_to_the_period(
    cal: FiscalCalendar, kind: PeriodKind, some_day: date
) -> None:
    here = cal.containing(kind, some_day)

    parsed = cal.parse(here.label, MONDAY_NOV_30)

    assert parsed == here


@given(
    start=DAYS,
    length=st.integers(-3, 800),
    holidays=st.lists(st.dates(date(1989, 1, 1), date(2103, 12, 31)), max_size=30),
)
def test_business_days_agree_with_counting_one_by_one(
    start: date, length: int, holidays: list[date]
) -> None:
    cal = FiscalCalendar(CalendarConfig(holidays=tuple(holidays)))
    end = start + timedelta(days=length)

    count = cal.business_days(start, end)

    days = (start + timedelta(days=offset) for offset in range(length + 1))
    assert count == sum(1 for one in days if one.weekday() < 5 and one not in holidays)


@given(
    zone=st.sampled_from(("UTC", *DST_ZONES)),
    month=st.integers(1, 12),
    kind=KINDS,
    some_day=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    data=st.data(),
)
def test_pace_grows_from_zero_to_one(
    zone: str, month: int, kind: PeriodKind, some_day: date, data: st.DataObject
) -> None:
    cal = calendar(zone, start_month=month)
    here = cal.containing(kind, some_day)
    first = cal.start_instant(here).astimezone(UTC) - 2 * ONE_DAY
    last = cal.end_instant(here).astimezone(UTC) + 2 * ONE_DAY
    seconds = st.integers(0, int((last - first).total_seconds()))
    early, late = sorted(first + timedelta(seconds=data.draw(seconds)) for _ in range(2))

    sooner, later = cal.pace(here, early), cal.pace(here, late)

    assert 0 <= sooner <= later <= 1
    assert cal.pace(here, first) == 0
    assert cal.pace(here, last) == 1
