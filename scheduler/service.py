"""The scheduler inside `quotabot serve`: APScheduler 3 jobs kept in step with the database.

Every `poll` seconds the subscriptions are read again: a job is added for each new
schedule and removed when its last subscription goes, so a change made from chat or
the command line takes effect within that time, with no restart. The same pass
finishes any delivery that a run left unsent (see Runner.resume). The housekeeping
jobs (at-risk alerts, nudges: scheduler.housekeeping) are kept in step on the same pass.

Celebrations have no schedule: every `watch` seconds the deals won by recent imports
are looked for (core.wins), and each import's wins are posted once to the channels
that subscribed before it ran, through the same claimed runs (the job's key and the
import's stamp). The badges those imports awarded (core.badge_news) go to the same
channels in a post of their own, the celebrations job's badges twin, the same way;
so do win stories (scheduler.stories asks for them), as each is told.

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
from core.badge_news import badge_stamps
from core.models import Subscription, utcnow
from core.periods import FiscalCalendar
from core.schedules import ScheduleError
from core.stories import told_since
from core.subscriptions import subscriptions
from core.wins import imports_with_wins
from scheduler.claims import run_exists
from scheduler.digest import FailureDigest
from scheduler.housekeeping import Housekeeping
from scheduler.jobs import Job, badges_twin, jobs_of, stories_twin
from scheduler.runner import Runner
from scheduler.stories import StoryAsker

logger = logging.getLogger(__name__)

POLL = 30.0  # seconds between two reads of the subscriptions
WATCH = 5.0  # seconds between two looks for deals won, for celebrations
RECENT = timedelta(minutes=10)  # wins imported longer ago than this are not celebrated
GRACE = timedelta(minutes=5)
REFRESH = "quotabot.refresh"
CELEBRATE = "quotabot.celebrate"
DIGEST = "quotabot.digest"

# APScheduler logs every run of every job at info; the runner logs what matters.
logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)


class ScheduledPosts:
    def __init__(
        self,
        runner: Runner,
        open_session: Callable[[], Session],
        *,
        poll: float = POLL,
        watch: float = WATCH,
        grace: timedelta = GRACE,
        clock: Callable[[], datetime] = utcnow,
        housekeeping: Housekeeping | None = None,
    ) -> None:
        self.runner = runner
        self.housekeeping = housekeeping  # at-risk alerts and nudges (scheduler.housekeeping)
        self.open_session = open_session
        self.poll = poll
        self.watch = watch
        self.grace = grace
        self.clock = clock
        self.jobs: dict[str, Job] = {}  # on a schedule
        self.celebrations: dict[str, Job] = {}  # posted as deals are won
        self.announcements: dict[str, Job] = {}  # new badges, where celebrations go
        self.stories: dict[str, Job] = {}  # win stories, where celebrations go
        self.asker = StoryAsker(open_session, runner.settings, runner.senders)
        self.created: dict[int, datetime] = {}  # each subscription's creation
        self.scheduler: AsyncIOScheduler | None = None
        self.digest = FailureDigest(runner, clock)  # of the posts that did not go out

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
        self.scheduler.add_job(
            self.celebrate, IntervalTrigger(seconds=self.watch, timezone=UTC), id=CELEBRATE
        )
        self.scheduler.add_job(
            self.digest.fire_due, self.digest.schedule.trigger, args=[self.grace], id=DIGEST
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
                found = subscriptions(session)
            jobs = usable_jobs(found)
            self.celebrations = {key: job for key, job in jobs.items() if job.as_it_happens}
            twins = [badges_twin(job) for job in self.celebrations.values()]
            self.announcements = {job.key: job for job in twins}
            told = [stories_twin(job) for job in self.celebrations.values()]
            self.stories = {job.key: job for job in told}
            self.created = {item.id: item.created_at for item in found if item.id is not None}
            self._reschedule({key: job for key, job in jobs.items() if not job.as_it_happens})
            unfinished = {**self.jobs, **self.celebrations, **self.announcements, **self.stories}
            await self.runner.resume(unfinished, now=self.clock())
            if self.housekeeping is not None:
                await self.housekeeping.refresh(self.scheduler)
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

    async def celebrate(self) -> None:
        """Celebrate the deals that recent imports turned won, and the badges they
        awarded, each import once, in the channels that subscribed before it ran; ask
        the owners of big wins for their stories, and post the stories told."""
        now = self.clock()
        try:
            await self.asker.ask_since(now - RECENT, now)
        except Exception:
            reference = new_reference()
            logger.exception("could not ask for win stories (reference %s)", reference)
        if not self.celebrations:
            return
        try:
            with self.open_session() as session:
                settings = self.runner.settings
                stamps = imports_with_wins(session, settings.stages, since=now - RECENT)
                calendar = FiscalCalendar(settings.calendar)
                awarded = badge_stamps(session, calendar, since=now - RECENT)
                told = told_since(session, since=now - RECENT)
            for stamp in stamps:
                for job in self.celebrations.values():
                    await self._celebrate(job, stamp, now)
            for stamp in awarded:
                for job in self.announcements.values():
                    await self._celebrate(job, stamp, now)
            for stamp in told:
                for job in self.stories.values():
                    await self._celebrate(job, stamp, now)
        except Exception:
            reference = new_reference()
            logger.exception("could not celebrate the deals won (reference %s)", reference)

    async def _celebrate(self, job: Job, stamp: datetime, now: datetime) -> None:
        targets = tuple(
            target for target in job.targets if self.created.get(target[0], now) <= stamp
        )
        if not targets:
            return
        with self.open_session() as session:
            if run_exists(session, job.key, stamp):
                return
        await self.runner.fire(Job(job.post, targets), stamp, now=now)

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
        if job.as_it_happens:
            jobs[key] = job
            continue
        try:
            job.schedule  # noqa: B018 - parses the cron expression and the time zone
        except ScheduleError as error:
            ids = ", ".join(str(number) for number, _ in job.targets)
            logger.warning("subscription(s) %s cannot be scheduled: %s", ids, error)
            continue
        jobs[key] = job
    return jobs
