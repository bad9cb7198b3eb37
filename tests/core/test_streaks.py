"""Streaks of business days: weekends and holidays skipped, freeze days bridging gaps."""

from __future__ import annotations

from datetime import date, timedelta

from core.config import CalendarConfig
from core.periods import FiscalCalendar
from core.streaks import streaks_reached

CALENDAR = FiscalCalendar(CalendarConfig(holidays=(date(2026, 11, 26),)))  # a Thursday


def days(start: date, end: date) -> set[date]:
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


def reached(
    done: set[date], freeze: int = 0, through: date = date(2026, 12, 31)
) -> dict[int, date]:
    return streaks_reached(done, (3, 5), freeze_days=freeze, calendar=CALENDAR, through=through)


def test_a_weekend_neither_adds_to_a_streak_nor_breaks_it() -> None:
    # Thursday, Friday, then Monday: three business days in a row.
    done = {date(2026, 11, 12), date(2026, 11, 13), date(2026, 11, 16)}

    assert reached(done) == {3: date(2026, 11, 16)}


def test_work_on_a_weekend_does_not_count() -> None:
    done = {date(2026, 11, 13), date(2026, 11, 14), date(2026, 11, 15), date(2026, 11, 16)}

    assert reached(done) == {}


def test_a_holiday_is_skipped() -> None:
    # Mon 23 to Fri 27 November with Thursday 26 a holiday: four business days.
    done = days(date(2026, 11, 23), date(2026, 11, 25)) | {date(2026, 11, 27), date(2026, 11, 30)}

    assert reached(done) == {3: date(2026, 11, 25), 5: date(2026, 11, 30)}


def test_a_missed_day_breaks_the_streak_without_a_freeze() -> None:
    # Mon, Tue, (Wed missed), Thu, Fri.
    done = {date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 13)}

    assert reached(done) == {}


def test_a_freeze_day_bridges_one_gap_a_month_and_adds_nothing() -> None:
    done = {date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 13)}

    # Wednesday is bridged: the Thursday is the third day, the Friday the fourth.
    assert reached(done, freeze=1) == {3: date(2026, 11, 12)}

    # Mon 16 makes five; a second gap in the month (Tue 17) then breaks the streak.
    assert reached(done | {date(2026, 11, 16)}, freeze=1) == {
        3: date(2026, 11, 12),
        5: date(2026, 11, 16),
    }
    broken = {date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12)} | days(
        date(2026, 11, 16), date(2026, 11, 18)
    )
    assert reached(broken, freeze=1) == {3: date(2026, 11, 12)}


def test_freeze_days_come_back_each_month() -> None:
    # Fri 27 Nov, (Mon 30 missed, November's freeze), Tue 1 Dec, (Wed 2 missed,
    # December's freeze), Thu 3, Fri 4.
    done = {date(2026, 11, 27), date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 4)}

    assert reached(done, freeze=1) == {3: date(2026, 12, 3)}


def test_today_does_not_break_a_streak_and_later_days_are_not_read() -> None:
    done = {date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12)}

    assert reached(done, through=date(2026, 11, 11)) == {}
    assert reached(done, through=date(2026, 11, 10)) == {}
