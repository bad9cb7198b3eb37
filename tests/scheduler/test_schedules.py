"""Schedules: crontab read on a time zone's clock, through DST, with crontab's weekdays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.schedules import (
    ScheduleError,
    first_quiet_fire,
    in_posting_hours,
    parse_schedule,
)

ROME = ZoneInfo("Europe/Rome")


def rome(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ROME)


@pytest.mark.parametrize(
    ("day_before", "transition", "utc_hour_before", "utc_hour_on"),
    [
        (rome(2026, 3, 28), rome(2026, 3, 29), 8, 7),  # clocks go forward: CET to CEST
        (rome(2026, 10, 24), rome(2026, 10, 25), 7, 8),  # and back: CEST to CET
    ],
)
def test_nine_in_rome_stays_nine_across_a_dst_change(
    day_before: datetime, transition: datetime, utc_hour_before: int, utc_hour_on: int
) -> None:
    schedule = parse_schedule("0 9 * * *", "Europe/Rome")

    before, on = schedule.fire_times(day_before, 2)

    assert before == rome(day_before.year, day_before.month, day_before.day, 9)
    assert on.astimezone(ROME).hour == 9
    assert on.astimezone(ROME).date() == transition.date()
    assert before.astimezone(UTC).hour == utc_hour_before
    assert on.astimezone(UTC).hour == utc_hour_on


def test_the_run_due_on_the_transition_day_is_the_nine_oclock_one() -> None:
    schedule = parse_schedule("0 9 * * *", "Europe/Rome")
    nine = rome(2026, 3, 29, 9)

    due = schedule.due(nine + timedelta(seconds=20), grace=timedelta(minutes=5))

    assert due == nine


def test_weekdays_are_numbered_as_crontab_numbers_them() -> None:
    schedule = parse_schedule("0 9 * * 1-5", "Europe/Rome")

    fires = schedule.fire_times(rome(2026, 11, 29), 5)  # a Sunday

    assert [fire.strftime("%a") for fire in fires] == ["Mon", "Tue", "Wed", "Thu", "Fri"]


@pytest.mark.parametrize(
    ("weekday", "expected"),
    [("0", ["Sun"]), ("7", ["Sun"]), ("mon,wed", ["Mon", "Wed"]), ("5-7", ["Fri", "Sat", "Sun"])],
)
def test_sunday_is_zero_or_seven(weekday: str, expected: list[str]) -> None:
    schedule = parse_schedule(f"0 9 * * {weekday}", "UTC")

    fires = schedule.fire_times(datetime(2026, 11, 29, 10, tzinfo=UTC), len(expected))

    assert sorted(fire.strftime("%a") for fire in fires) == sorted(expected)


@pytest.mark.parametrize(
    ("cron", "named"),
    [
        ("0 9 * *", "has 4 field(s), not 5"),
        ("0 25 * * *", '"0 25 * * *" is not valid'),
        ("0 9 * * mon-funday", "funday"),
        ("0 9 31 2 *", "never fires"),
    ],
)
def test_a_bad_cron_expression_is_named_with_what_works(cron: str, named: str) -> None:
    with pytest.raises(ScheduleError) as raised:
        parse_schedule(cron, "UTC")

    assert named in str(raised.value)
    assert "never fires" in named or "0 9 * * 1-5" in str(raised.value)


def test_an_unknown_time_zone_is_named_with_close_ones() -> None:
    with pytest.raises(ScheduleError) as raised:
        parse_schedule("0 9 * * *", "Europe/Roma")

    assert "'Europe/Roma'" in str(raised.value)
    assert "Europe/Rome" in str(raised.value)


@pytest.mark.parametrize(
    ("hour", "minute", "posting"),
    [(6, 59, False), (7, 0, True), (13, 0, True), (20, 0, True), (20, 1, False), (23, 0, False)],
)
def test_posting_hours_run_from_seven_to_eight_in_the_evening(
    hour: int, minute: int, posting: bool
) -> None:
    instant = rome(2026, 12, 1, hour, minute).astimezone(UTC)

    assert in_posting_hours(instant, "Europe/Rome") is posting


def test_a_schedule_that_would_post_at_night_is_found_out() -> None:
    now = rome(2026, 12, 1, 12)

    assert first_quiet_fire(parse_schedule("0 9 * * 1-5", "Europe/Rome"), now) is None
    night = first_quiet_fire(parse_schedule("*/30 * * * *", "Europe/Rome"), now)
    assert night is not None
    assert night.astimezone(ROME).hour == 20
    assert night.astimezone(ROME).minute == 30
