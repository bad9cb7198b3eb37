"""Running a job at a fire time: claim the run, then send each delivery once.

`fire` is what the scheduler calls when a job is due, and what `quotabot jobs run` and
the tests call with a fire time of their choosing: it claims the run (scheduler.claims)
and sends the run's deliveries. `resume` finishes the deliveries that a run left
behind: those of a process that stopped half-way, and those that failed and are to be
tried again. The post itself is built once per call, and only if something is to be
sent. Up to `concurrency` deliveries of a run are on their way at once, so that the
platforms' round trips do not slow a fan-out below the pace its senders keep; should
the process stop, those already taken wait out their lease, and no new one starts.

Quiet hours (core.schedules): a delivery is sent only while it is between 07:00 and
20:00 on its subscription's clock; one that comes due outside those hours (a late run,
a restart in the night) is skipped, not kept for the morning, since a newer post
follows. A run found unfinished more than `late` after its fire time is skipped too.

Every failure of a scheduled post ends here: it is logged with its traceback under a
short reference, and the reference is recorded with the delivery.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from bot.reply import Reply
from core.config import Settings
from core.models import PostedMessage, utcnow
from core.schedules import in_posting_hours
from scheduler.claims import (
    Unfinished,
    claim_run,
    mark_sent,
    record_failure,
    skip,
    take,
    unfinished,
)
from scheduler.delivery import NoSenderError, Sender
from scheduler.jobs import (
    MANUAL,
    PERSONAL,
    Job,
    NothingToPostError,
    PostNotBuiltError,
    build_post,
)

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # how long a taken delivery is left to the one who took it
ATTEMPTS = 3  # tries of one delivery before it is given up as failed
LATE = timedelta(hours=2)  # a run unfinished for longer than this is not finished
DIGEST_PREFIX = "digest:"  # the key prefix of the failure digest's runs (scheduler.digest)
CONCURRENCY = 8  # deliveries of one run on their way at once


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def forced_key(job_key: str, asked: datetime) -> str:
    """The key of a run asked for again on purpose: `manual:<when asked>:<job key>`."""
    return f"{MANUAL}:{asked.astimezone(UTC):%Y%m%dT%H%M%S%f}:{job_key}"


def job_key_of(run_key: str) -> str:
    """The key of the job that a run (scheduled, or asked for again) belongs to."""
    if run_key.startswith(f"{MANUAL}:"):
        return run_key.split(":", 2)[2]
    return run_key


@dataclass(frozen=True)
class Outcome:
    """What one call did: the run it claimed (None: another process had), and where its
    deliveries went, by target key."""

    run_id: int | None
    sent: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()

    @property
    def claimed(self) -> bool:
        return self.run_id is not None


@dataclass
class Runner:
    open_session: Callable[[], Session]
    settings: Settings
    senders: Mapping[str, Sender]
    name: str = field(default_factory=process_name)
    lease: timedelta = LEASE
    attempts: int = ATTEMPTS
    late: timedelta = LATE
    charts: bool = True
    concurrency: int = CONCURRENCY

    async def fire(
        self, job: Job, fire_time: datetime, *, now: datetime | None = None, manual: bool = False
    ) -> Outcome:
        """Claim `job`'s run at `fire_time` and send its deliveries; nothing if claimed.

        A `manual` run is one asked for again on purpose: it is claimed under a key of its
        own, made unique by the moment it was asked for, so it posts even when the
        scheduled run at `fire_time` went out already.
        """
        now = now or utcnow()
        key = forced_key(job.key, utcnow()) if manual else job.key
        targets = [target.key for _, target in job.targets]
        with self.open_session() as session:
            run_id = claim_run(session, key, fire_time, targets, now=now, claimed_by=self.name)
        if run_id is None:
            logger.info("%s at %s: claimed by another process", key, fire_time.isoformat())
            return Outcome(None)

        logger.info(
            "%s at %s: run %s, %d target(s)", key, fire_time.isoformat(), run_id, len(targets)
        )
        with self.open_session() as session:
            todo = unfinished(session, run_id=run_id, now=now)
        return await self._deliver(job, run_id, todo, now)

    async def resume(self, jobs: Mapping[str, Job], *, now: datetime | None = None) -> Outcome:
        """Send what earlier runs left unsent; skip what is too late or no longer wanted."""
        now = now or utcnow()
        with self.open_session() as session:
            todo = unfinished(session, now=now)
        by_run: dict[int, list[Unfinished]] = defaultdict(list)
        for item in todo:
            if job_key_of(item.job_key).startswith((f"{PERSONAL}:", DIGEST_PREFIX)):
                continue  # a housekeeping run's: scheduler.personal or .digest has it
            by_run[item.run_id].append(item)

        sent: list[str] = []
        skipped: list[str] = []
        failed: list[str] = []
        for run_id, items in by_run.items():
            job = jobs.get(job_key_of(items[0].job_key))
            if items[0].fire_time < now - self.late or job is None:
                reason = "too late" if job is not None else "no longer subscribed"
                skipped += skip(self.open_session, items, reason)
                continue
            logger.info("run %s: finishing %d unsent delivery(ies)", run_id, len(items))
            outcome = await self._deliver(job, run_id, items, now)
            sent += outcome.sent
            skipped += outcome.skipped
            failed += outcome.failed
        return Outcome(None, tuple(sent), tuple(skipped), tuple(failed))

    async def _deliver(
        self, job: Job, run_id: int, todo: Sequence[Unfinished], now: datetime
    ) -> Outcome:
        """Send `todo`, up to `concurrency` at once: each sender keeps its platform's pace,
        and a post's round trip to the platform must not slow a fan-out below that pace."""
        done = _Done()
        post = _Post(self, job, now)
        slots = asyncio.Semaphore(self.concurrency)

        async def deliver(item: Unfinished) -> None:
            async with slots:
                if done.stopped:
                    return
                try:
                    await self._deliver_one(job, run_id, item, now, post, done)
                except BaseException:  # cancelled, or the process is going: start no more
                    done.stopped = True
                    raise

        await asyncio.gather(*(deliver(item) for item in todo))
        logger.info(
            "run %s: %d sent, %d skipped, %d failed",
            run_id,
            len(done.sent),
            len(done.skipped),
            len(done.failed),
        )
        return Outcome(run_id, tuple(done.sent), tuple(done.skipped), tuple(done.failed))

    async def _deliver_one(
        self, job: Job, run_id: int, item: Unfinished, now: datetime, post: _Post, done: _Done
    ) -> None:
        target = job.target(item.target)
        reason = None
        if target is None:
            reason = "no longer subscribed"
        elif not in_posting_hours(now, job.post.timezone):
            reason = "quiet hours"
        elif target.platform not in self.senders:
            reason = str(NoSenderError(target.platform))
        if reason is not None or target is None:
            done.skipped += skip(self.open_session, [item], reason or "")
            return

        with self.open_session() as session:
            if not take(session, item.delivery_id, now=now, lease=self.lease):
                logger.debug("delivery %s is being sent elsewhere", item.delivery_id)
                return
        try:
            reply = await post.reply(item.fire_time)
            posted = await self.senders[target.platform].send(target, reply)
        except (PostNotBuiltError, NothingToPostError) as error:
            done.skipped += skip(self.open_session, [item], str(error))
            return
        except Exception as error:
            record_failure(self.open_session, item, error, attempts=self.attempts)
            done.failed.append(item.target)
            return

        with self.open_session() as session:
            if posted is not None:
                # Remembered with the run, so that a reaction to it finds what it showed.
                session.add(
                    PostedMessage(
                        platform=target.platform,
                        channel=posted.channel,
                        message_id=posted.message_id,
                        kind=job.post.kind,
                        team_id=job.post.team_id,
                        stamp=item.fire_time,
                        posted_at=now,
                    )
                )
            mark_sent(session, item.delivery_id, now=now)
        done.sent.append(item.target)


@dataclass
class _Done:
    stopped: bool = False
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class _Post:
    """A run's post, built once (only when something is to be sent) for all its targets."""

    def __init__(self, runner: Runner, job: Job, now: datetime) -> None:
        self.runner, self.job, self.now = runner, job, now
        self._lock = asyncio.Lock()
        self._built: Reply | Exception | None = None

    async def reply(self, fire_time: datetime) -> Reply:
        async with self._lock:
            if self._built is None:
                try:
                    with self.runner.open_session() as session:
                        self._built = await build_post(
                            self.job.post,
                            session,
                            self.runner.settings,
                            self.now,
                            fire_time=fire_time,
                            charts=self.runner.charts,
                        )
                except (PostNotBuiltError, NothingToPostError) as error:
                    self._built = error
        if isinstance(self._built, Exception):
            raise self._built
        return self._built
