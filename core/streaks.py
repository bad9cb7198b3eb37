"""Streaks: business days in a row with something done, and when each length was reached.

Only business days of the company calendar count: weekends and holidays neither add
to a streak nor break it. A business day with nothing done breaks the streak unless a
freeze day is left in that calendar month, which bridges the gap (the day adds
nothing, the streak goes on). The last day looked at (today) never breaks a streak:
it is not over yet.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Iterable
from datetime import date, timedelta

from core.periods import FiscalCalendar

ONE_DAY = timedelta(days=1)


def streaks_reached(
    days: Collection[date],
    lengths: Iterable[int],
    *,
    freeze_days: int,
    calendar: FiscalCalendar,
    through: date,
) -> dict[int, date]:
    """For each streak length, the first day a streak of that many business days was
    reached, looking at `days` (those with something done) up to `through`."""
    wanted = sorted(set(lengths))
    done_days = {day for day in days if day <= through}
    done = sorted(done_days)
    reached: dict[int, date] = {}
    if not done or not wanted:
        return reached

    run = 0
    frozen: dict[tuple[int, int], int] = {}
    day = done[0]
    while day <= through and len(reached) < len(wanted):
        if not calendar.is_business_day(day):
            day += ONE_DAY
            continue
        if day in done_days:
            run += 1
            for length in wanted:
                if run >= length and length not in reached:
                    reached[length] = day
        elif run > 0 and day < through:
            month = (day.year, day.month)
            if frozen.get(month, 0) < freeze_days:
                frozen[month] = frozen.get(month, 0) + 1
            else:
                run = 0
        if run == 0:
            # Nothing to carry on: skip ahead to the next day with something done.
            later = bisect_right(done, day)
            if later == len(done):
                break
            day = done[later]
            continue
        day += ONE_DAY
    return reached
