"""The scheduler's clock: daylight-saving changes, and runs missed while it was down.

ScheduledPosts takes its clock as an argument, so these tests wake its jobs at the
instants they choose and never wait for real time.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from core.models import ScheduledRun
from scheduler.service import GRACE, ScheduledPosts
from tests.bot.company import People
from tests.scheduler.conftest import MakeRunner, RecordingSender, key, subscribe

ROME, NEW_YORK = ZoneInfo("Europe/Rome"), ZoneInfo("America/New_York")

# (zone, the day the clocks change, the UTC hour of 09:00 the day before and that day)
CHANGES = [
    ("Europe/Rome", date(2026, 3, 29), 8, 7),  # spring: CET to CEST
    ("Europe/Rome", date(2026, 10, 25), 7, 8),  # autumn: CEST to CET
    ("America/New_York", date(2026, 3, 8), 14, 13),  # spring: EST to EDT
    ("America/New_York", date(2026, 11, 1), 13, 14),  # autumn: EDT to EST
]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def scheduled_posts(engine: Engine, sender: RecordingSender, make_runner: MakeRunner,
                    clock: Clock) -> ScheduledPosts:  # fmt: skip
    posts = ScheduledPosts(
        make_runner(sender), lambda: Session(engine, expire_on_commit=False), clock=clock
    )
    asyncio.run(posts.refresh())  # reads the subscriptions; the scheduler itself is not run
    return posts


def fire_times(session: Session) -> list[datetime]:
    session.expire_all()
    return [run.fire_time for run in session.exec(select(ScheduledRun))]


@pytest.mark.parametrize(("zone", "day", "utc_before", "utc_on"), CHANGES)
def test_the_trigger_fires_once_a_day_at_nine_local_through_a_dst_change(
    engine: Engine, session: Session, make_runner: MakeRunner, zone: str, day: date,
    utc_before: int, utc_on: int,
) -> None:  # fmt: skip
    subscribe(session, "C0SALES", cron="0 9 * * *", timezone=zone)
    local = ZoneInfo(zone)
    posts = scheduled_posts(engine, RecordingSender(), make_runner, Clock(datetime.now(UTC)))
    [job] = posts.jobs.values()
    trigger = job.schedule.trigger  # the very trigger APScheduler is given

    fires: list[datetime] = []
    fire = trigger.get_next_fire_time(
        None, datetime.combine(day - timedelta(days=3), time(), local)
    )
    end = datetime.combine(day + timedelta(days=4), time(), local)
    while fire is not None and fire < end:
        fires.append(fire)
        fire = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))

    assert len(fires) == 7
    assert Counter(fire.astimezone(local).date() for fire in fires).most_common(1)[0][1] == 1
    assert {fire.astimezone(local).strftime("%H:%M") for fire in fires} == {"09:00"}
    by_day = {fire.astimezone(local).date(): fire.astimezone(UTC).hour for fire in fires}
    assert by_day[day - timedelta(days=1)] == utc_before
    assert by_day[day] == utc_on


@pytest.mark.parametrize(("zone", "day", "utc_before", "utc_on"), CHANGES)
def test_on_the_day_of_a_dst_change_the_nine_oclock_post_goes_out_once(
    engine: Engine, session: Session, people: People, make_runner: MakeRunner, zone: str,
    day: date, utc_before: int, utc_on: int,
) -> None:  # fmt: skip
    subscribe(session, "C0SALES", cron="0 9 * * *", timezone=zone)
    nine = datetime.combine(day, time(9), ZoneInfo(zone))
    clock = Clock(nine + timedelta(seconds=2))  # APScheduler wakes a little late
    sender = RecordingSender()
    posts = scheduled_posts(engine, sender, make_runner, clock)
    [name] = posts.jobs

    asyncio.run(posts.fire_due(name))
    clock.now += timedelta(seconds=30)
    asyncio.run(posts.fire_due(name))  # woken twice: the second finds the run claimed

    assert sender.targets == [key("C0SALES")]
    assert fire_times(session) == [nine]
    assert nine.astimezone(UTC).hour == utc_on


def test_a_run_missed_while_down_is_caught_up_once_within_the_grace_time(
    engine: Engine, session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    nine = datetime(2026, 12, 1, 9, tzinfo=ROME)
    clock = Clock(nine + GRACE - timedelta(seconds=30))  # back up at 09:04:30
    sender = RecordingSender()
    posts = scheduled_posts(engine, sender, make_runner, clock)
    [name] = posts.jobs

    asyncio.run(posts.fire_due(name))  # APScheduler runs the misfired job, coalesced, once
    clock.now += timedelta(seconds=10)
    asyncio.run(posts.fire_due(name))  # and a second replica, back up too, does the same

    assert sender.targets == [key("C0SALES")]
    assert fire_times(session) == [nine]


def test_a_run_missed_by_more_than_the_grace_time_is_not_posted_late(
    engine: Engine, session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    nine = datetime(2026, 12, 1, 9, tzinfo=ROME)
    sender = RecordingSender()
    posts = scheduled_posts(engine, sender, make_runner, Clock(nine + GRACE + timedelta(1)))
    [name] = posts.jobs

    asyncio.run(posts.fire_due(name))

    assert sender.posted == []
    assert fire_times(session) == []


def test_several_runs_missed_are_not_replayed_only_the_latest_goes_out(
    engine: Engine, session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES", cron="*/2 9-17 * * 1-5")  # every two minutes
    nine = datetime(2026, 12, 1, 9, tzinfo=ROME)
    clock = Clock(nine + timedelta(minutes=9, seconds=30))  # down from 08:55 to 09:09:30
    sender = RecordingSender()
    posts = scheduled_posts(engine, sender, make_runner, clock)
    [name] = posts.jobs

    asyncio.run(posts.fire_due(name))  # 09:00, 09:02 ... 09:08 were missed: one wake-up

    assert sender.targets == [key("C0SALES")]
    assert fire_times(session) == [nine + timedelta(minutes=8)]


def test_the_scheduler_coalesces_missed_runs_within_the_grace_time(
    engine: Engine, session: Session, people: People, make_runner: MakeRunner
) -> None:
    subscribe(session, "C0SALES")
    sender = RecordingSender()

    async def configured() -> tuple[bool, int, int]:
        posts = ScheduledPosts(
            make_runner(sender), lambda: Session(engine, expire_on_commit=False)
        )
        posts.start()
        try:
            await posts.refresh()
            assert posts.scheduler is not None
            [name] = posts.jobs
            job = posts.scheduler.get_job(name)
            return job.coalesce, job.misfire_grace_time, job.max_instances
        finally:
            posts.shutdown()

    assert asyncio.run(configured()) == (True, int(GRACE.total_seconds()), 1)
