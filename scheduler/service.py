"""The scheduler inside `quotabot serve`: APScheduler 3 jobs kept in step with the database.

Every `poll` seconds the subscriptions are read again: a job is added for each new
schedule and removed when its last subscription goes, so a change made from chat or
the command line takes effect within that time, with no restart. The same pass
finishes any delivery that a run left unsent (see Runner.resume).

A job that fires works out its own fire time (the latest one of its schedule, at most
`grace` ago) rather than trust the moment it woke, so that every replica claims the
very same run. APScheduler runs a job that is late by less than `grace`; several missed
fire times of one job run once (coalesce).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlmodel import Session

from bot.errors import new_reference
from core.models import Subscription, utcnow
from core.schedules import ScheduleError
from core.subscriptions import subscriptions
from scheduler.jobs import Job, jobs_of
from scheduler.runner import Runner

logger = logging.getLogger(__name__)

POLL = 30.0  # seconds between two reads of the subscriptions
GRACE = timedelta(minutes=5)
REFRESH = "quotabot.refresh"


class ScheduledPosts:
    def __init__(
        self,
        runner: Runner,
        open_session: Callable[[], Session],
        *,
        poll: float = POLL,
        grace: timedelta = GRACE,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.runner = runner
        self.open_session = open_session
        self.poll = poll
        self.grace = grace
        self.clock = clock
        self.jobs: dict[str, Job] = {}
        self.scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        """Start the scheduler on the running event loop; the first refresh runs at once."""
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            event_loop=asyncio.get_running_loop(),
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": int(self.grace.total_seconds()),
            },
        )
        self.scheduler.add_job(
            self.refresh,
            IntervalTrigger(seconds=self.poll, timezone=UTC),
            id=REFRESH,
            next_run_time=datetime.now(UTC),
        )
        self.scheduler.start()
        logger.info("scheduler started; subscriptions are read every %s s", self.poll)

    def shutdown(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None

    async def refresh(self) -> None:
        """Bring the jobs in step with the subscriptions, then finish unsent deliveries."""
        try:
            with self.open_session() as session:
                jobs = usable_jobs(subscriptions(session))
            self._reschedule(jobs)
            await self.runner.resume(self.jobs, now=self.clock())
        except Exception:
            reference = new_reference()
            logger.exception("could not refresh the scheduled posts (reference %s)", reference)

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
            logger.exception("scheduled post %s failed (reference %s)", job.post.spec, reference)

    def _reschedule(self, jobs: dict[str, Job]) -> None:
        gone, new = self.jobs.keys() - jobs.keys(), jobs.keys() - self.jobs.keys()
        self.jobs = jobs
        if self.scheduler is None:
            return
        for key in gone:
            self.scheduler.remove_job(key)
            logger.info("job %s removed", key)
        for key in new:
            job = jobs[key]
            self.scheduler.add_job(
                self.fire_due, job.schedule.trigger, args=[key], id=key, name=job.post.spec
            )
            logger.info("job %s added: %s", key, job.post.spec)


def usable_jobs(found: list[Subscription]) -> dict[str, Job]:
    """The jobs of the subscriptions whose schedule can be read (others are logged)."""
    jobs = {}
    for key, job in jobs_of(found).items():
        try:
            job.schedule  # noqa: B018 - parses the cron expression and the time zone
        except ScheduleError as error:
            ids = ", ".join(str(number) for number, _ in job.targets)
            logger.warning("subscription(s) %s cannot be scheduled: %s", ids, error)
            continue
        jobs[key] = job
    return jobs
