"""When scheduled posts go out: crontab expressions on a time zone's clock, and quiet hours.

A schedule is five crontab fields (minute, hour, day of month, month, day of week) read
on the clock of an IANA time zone, so "0 9 * * 1-5" is nine in the morning there on
weekdays, in summer and in winter alike.

Days of the week are numbered as crontab numbers them (0 and 7 are Sunday, 1 is
Monday). APScheduler 3, which computes the fire times, counts 0 as Monday; so the
weekday field is rewritten with day names before APScheduler reads it.

Quiet hours: a scheduled post to a channel goes out only between 07:00 and 20:00 (both
included) on its subscription's clock. A schedule that would fire outside those hours
is refused when it is made; a post that is due outside them (a late run, a restart
that finds an unfinished one) is skipped, never sent at night.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

POSTING_FROM = time(7, 0)
POSTING_UNTIL = time(20, 0)
FIELDS = ("minute", "hour", "day", "month", "day_of_week")
CRON_EXAMPLE = '"0 9 * * 1-5" (minute hour day month weekday: 09:00, Monday to Friday)'
# How many of the next fire times are checked against quiet hours when a schedule is made:
# enough to see every hour of a day that fires each minute, and a week of daily posts.
QUIET_CHECKED = 24 * 60 + 7

DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_DAY_ITEM = re.compile(
    r"^(?:(?P<all>\*)|(?P<first>\w+)(?:-(?P<last>\w+))?)(?:/(?P<step>\d+))?$", re.ASCII
)


class ScheduleError(ValueError):
    """A cron expression or time zone that cannot be used; the message says what can."""


@dataclass(frozen=True)
class Schedule:
    cron: str
    timezone: str

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def trigger(self) -> CronTrigger:
        minute, hour, day, month, weekday = self.cron.split()
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_weekday_names(weekday),
            timezone=self.zone,
        )

    def next_fire(self, after: datetime) -> datetime | None:
        """The first fire time strictly after `after`, on the schedule's clock."""
        fire: datetime | None = self.trigger.get_next_fire_time(None, after + _TICK)
        return fire

    def fire_times(self, after: datetime, count: int) -> list[datetime]:
        times: list[datetime] = []
        fire = self.next_fire(after)
        while fire is not None and len(times) < count:
            times.append(fire)
            fire = self.next_fire(fire)
        return times

    def due(self, now: datetime, grace: timedelta) -> datetime | None:
        """The latest fire time in (now - grace, now]: the run that is due at `now`."""
        latest = None
        fire = self.next_fire(now - grace)
        while fire is not None and fire <= now:
            latest, fire = fire, self.next_fire(fire)
        return latest

    def latest(self, now: datetime) -> datetime | None:
        """The latest fire time at or before `now`, looked for up to four years back."""
        for back in _LOOK_BACK:
            found = self.due(now, back)
            if found is not None:
                return found
        return None

    def fires_at(self, instant: datetime) -> bool:
        """Whether `instant` is one of the schedule's fire times."""
        return self.next_fire(instant - _TICK) == instant


_LOOK_BACK = tuple(timedelta(days=days) for days in (1, 8, 32, 367, 4 * 366 + 1))
_TICK = timedelta(microseconds=1)


def parse_schedule(cron: str, timezone: str) -> Schedule:
    """The schedule, checked: ScheduleError names the bad field or zone and what works."""
    check_timezone(timezone)
    cron = " ".join(cron.split())
    fields = cron.split()
    if len(fields) != len(FIELDS):
        raise ScheduleError(
            f'the cron expression "{cron}" has {len(fields)} field(s), not 5; '
            f"write it as {CRON_EXAMPLE}"
        )
    schedule = Schedule(cron, timezone)
    try:
        schedule.trigger  # noqa: B018 - builds it, and so checks every field
    except ValueError as error:
        raise ScheduleError(
            f'the cron expression "{cron}" is not valid ({error}); write it as {CRON_EXAMPLE}'
        ) from None
    if schedule.next_fire(datetime.now(schedule.zone)) is None:
        raise ScheduleError(f'the cron expression "{cron}" never fires (no such date)')
    return schedule


def check_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    close = difflib.get_close_matches(name, sorted(available_timezones()), n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ScheduleError(
        f"unknown time zone {name!r}: use an IANA name such as Europe/Rome, "
        f"America/New_York or UTC{hint}"
    )


def in_posting_hours(instant: datetime, timezone: str) -> bool:
    """Whether `instant` falls between 07:00 and 20:00 on the clock of `timezone`."""
    local = instant.astimezone(ZoneInfo(timezone)).time()
    return POSTING_FROM <= local <= POSTING_UNTIL


def first_quiet_fire(schedule: Schedule, now: datetime) -> datetime | None:
    """The first of the coming fire times that falls in quiet hours, if any does."""
    for fire in schedule.fire_times(now, QUIET_CHECKED):
        if not in_posting_hours(fire, schedule.timezone):
            return fire
    return None


def _weekday_names(field: str) -> str:
    """A crontab weekday field (0 or 7 is Sunday) as day names, which APScheduler reads
    unambiguously; "*" stays "*"."""
    days: set[int] = set()
    for item in field.split(","):
        days |= _weekdays_of(item)
    if len(days) == len(DAY_NAMES):
        return "*"
    return ",".join(DAY_NAMES[day] for day in sorted(days, key=lambda day: (day + 6) % 7))


def _weekdays_of(item: str) -> set[int]:
    match = _DAY_ITEM.match(item.strip().lower())
    if match is None:
        raise ValueError(f"weekday {item!r} is not a day (0-7 or sun-sat), range or step")
    step = int(match["step"] or 1)
    if step < 1:
        raise ValueError(f"weekday step in {item!r} must be 1 or more")
    if match["all"]:
        first, last = 0, 6
    else:
        first = _weekday(match["first"], item)
        last = _weekday(match["last"], item) if match["last"] else (6 if match["step"] else first)
    if last < first:
        raise ValueError(f"weekday range {item!r} runs backwards")
    return {day % 7 for day in range(first, last + 1, step)}


def _weekday(word: str, item: str) -> int:
    if word.isdigit() and int(word) <= 7:
        return int(word)
    if word in DAY_NAMES:
        return DAY_NAMES.index(word)
    raise ValueError(f"weekday {word!r} in {item!r} is not 0-7 or sun-sat")
