"""The housekeeping jobs: at-risk alerts to managers, nudge digests to reps.

Each kind is one job per time zone that its people are in (their own, else the company
calendar's): "personal:nudges:America/New_York" fires on weekdays at `[nudges] at` on
New York's clock, for the reps whose clock that is. A key is made of the kind and the
zone alone, so every replica computes the same jobs and claims the same runs. The jobs
follow the people: they are read again with the subscriptions, every `poll` seconds.

Each job's fire time, like a post's, is worked out from its schedule when it wakes (the
latest one at most `grace` ago), so that every replica claims the very same run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import Session

from bot.errors import new_reference
from core.config import Settings
from core.models import utcnow
from core.notices import timezones
from core.org import Org
from core.schedules import Schedule, parse_schedule
from scheduler.jobs import PERSONAL
from scheduler.personal import PersonalRunner

logger = logging.getLogger(__name__)

ALERTS, NUDGES = "alerts", "nudges"
KINDS = (ALERTS, NUDGES)
WEEKDAYS_CRON = "1-5"
GRACE = timedelta(minutes=5)


@dataclass(frozen=True)
class HousekeepingJob:
    kind: str  # ALERTS or NUDGES
    timezone: str
    at: time
    people: int = 0  # how many are on this clock, for `quotabot jobs list`

    @property
    def key(self) -> str:
        return f"{PERSONAL}:{self.kind}:{self.timezone}"

    @cached_property
    def schedule(self) -> Schedule:
        cron = f"{self.at.minute} {self.at.hour} * * {WEEKDAYS_CRON}"
        return parse_schedule(cron, self.timezone)

    @property
    def spec(self) -> str:
        return f"{self.kind} on weekdays at {self.at:%H:%M} {self.timezone}"


def housekeeping_jobs(session: Session, settings: Settings) -> dict[str, HousekeepingJob]:
    """The jobs of the kinds turned on, one per time zone of their people, by key."""
    org = Org.load(session)
    zones = timezones(session, settings)
    people = {
        ALERTS: {manager.id for manager in org.managers() if org.reports(manager.id)},
        NUDGES: set(org.active_reps),
    }
    jobs: dict[str, HousekeepingJob] = {}
    for kind in KINDS:
        config = settings.alerts if kind == ALERTS else settings.nudges
        if not config.enabled:
            continue
        counted: dict[str, int] = {}
        for person in people[kind]:
            if person in zones:
                counted[zones[person]] = counted.get(zones[person], 0) + 1
        for zone, count in sorted(counted.items()):
            job = HousekeepingJob(kind, zone, config.at, count)
            jobs[job.key] = job
    return jobs


class Housekeeping:
    """The housekeeping jobs on the server's scheduler, kept in step with the people."""

    def __init__(
        self,
        runner: PersonalRunner,
        *,
        grace: timedelta = GRACE,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.runner = runner
        self.grace = grace
        self.clock = clock
        self.jobs: dict[str, HousekeepingJob] = {}

    async def refresh(self, scheduler: AsyncIOScheduler | None) -> None:
        """Bring the jobs in step with the people, then finish unsent notices."""
        with self.runner.open_session() as session:
            jobs = housekeeping_jobs(session, self.runner.settings)
        gone, new = self.jobs.keys() - jobs.keys(), jobs.keys() - self.jobs.keys()
        self.jobs = jobs
        if scheduler is not None:
            for key in gone:
                scheduler.remove_job(key)
                logger.info("job %s removed", key)
            for key in new:
                job = jobs[key]
                scheduler.add_job(
                    self.fire_due, job.schedule.trigger, args=[key], id=key, name=job.spec
                )
                logger.info("job %s added: %s", key, job.spec)
        await self.runner.resume(self.jobs, now=self.clock())

    async def fire_due(self, key: str) -> None:
        """A job's trigger went off: run it at the fire time that is due now."""
        job = self.jobs.get(key)
        now = self.clock()
        fire_time = job.schedule.due(now, self.grace) if job is not None else None
        if job is None or fire_time is None:
            logger.warning("job %s woke at %s with nothing due", key, now.isoformat())
            return
        try:
            await self.runner.fire(job, fire_time, now=now)
        except Exception:
            reference = new_reference()
            logger.exception("housekeeping job %s failed (reference %s)", job.spec, reference)
