"""Running a housekeeping job: personal messages, each sent once, through claimed runs.

Like a post's run (scheduler.runner), a housekeeping run is claimed in the database by
its job key and fire time, with one delivery recorded per person before anything is
sent ("rep:12"), so that of several replicas exactly one sends, and a restart finishes
what a stopped process left. Unlike a post, each message is for one person: it is built
for them when it is sent, from the figures as they are then, and it reaches them
directly (core.reach), in their language.

On top of the run's claim, each person's notice of a day is held by one delivery
(core.notices.take_day): however the runs come (a changed time, a person who moved to
another time zone), nobody hears twice on one day.

Quiet hours and weekends: a message goes only on a weekday between 07:00 and 20:00 on
its job's clock, which is the person's own; one that comes due outside those (a late
run, a restart in the night) is skipped, never held for later, as is a run unfinished
for longer than `late`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session

from core.config import Settings
from core.models import utcnow
from core.notices import record_sent, take_day
from core.reach import direct_target
from core.schedules import in_posting_hours
from core.subscriptions import Target
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
from scheduler.jobs import PERSONAL
from scheduler.notices import notices_of
from scheduler.runner import ATTEMPTS, LATE, LEASE, Outcome, process_name

if TYPE_CHECKING:
    from scheduler.housekeeping import HousekeepingJob

logger = logging.getLogger(__name__)

PERSON = "rep:"  # a delivery's target: the person, wherever they are reached


def person_target(rep_id: int) -> str:
    return f"{PERSON}{rep_id}"


@dataclass
class PersonalRunner:
    open_session: Callable[[], Session]
    settings: Settings
    senders: Mapping[str, Sender]
    name: str = field(default_factory=process_name)
    lease: timedelta = LEASE
    attempts: int = ATTEMPTS
    late: timedelta = LATE

    async def fire(
        self, job: HousekeepingJob, fire_time: datetime, *, now: datetime | None = None
    ) -> Outcome:
        """Claim `job`'s run at `fire_time` for the people who are to hear something, and
        send to each; nothing if the run was claimed already."""
        now = now or utcnow()
        day = fire_time.astimezone(job.schedule.zone).date()
        kind = notices_of(job.kind, self.settings)
        with self.open_session() as session:
            people = kind.recipients(session, job.timezone, day, fire_time)
            targets = [person_target(rep_id) for rep_id in people]
            run_id = claim_run(session, job.key, fire_time, targets, now=now, claimed_by=self.name)
        if run_id is None:
            logger.info("%s at %s: claimed by another process", job.key, fire_time.isoformat())
            return Outcome(None)

        logger.info(
            "%s at %s: run %s, %d person(s)", job.key, fire_time.isoformat(), run_id, len(people)
        )
        with self.open_session() as session:
            todo = unfinished(session, run_id=run_id, now=now)
        return await self._deliver(job, run_id, todo, now)

    async def resume(
        self, jobs: Mapping[str, HousekeepingJob], *, now: datetime | None = None
    ) -> Outcome:
        """Send what earlier housekeeping runs left unsent; skip what is too late."""
        now = now or utcnow()
        with self.open_session() as session:
            todo = unfinished(session, now=now)
        by_run: dict[int, list[Unfinished]] = defaultdict(list)
        for item in todo:
            if item.job_key.startswith(f"{PERSONAL}:"):
                by_run[item.run_id].append(item)

        sent: list[str] = []
        skipped: list[str] = []
        failed: list[str] = []
        for run_id, items in by_run.items():
            job = jobs.get(items[0].job_key)
            if job is None or items[0].fire_time < now - self.late:
                skipped += skip(
                    self.open_session, items, "too late" if job else "no longer scheduled"
                )
                continue
            logger.info("run %s: finishing %d unsent message(s)", run_id, len(items))
            outcome = await self._deliver(job, run_id, items, now)
            sent += outcome.sent
            skipped += outcome.skipped
            failed += outcome.failed
        return Outcome(None, tuple(sent), tuple(skipped), tuple(failed))

    async def _deliver(
        self, job: HousekeepingJob, run_id: int, todo: Sequence[Unfinished], now: datetime
    ) -> Outcome:
        kind = notices_of(job.kind, self.settings)
        sent: list[str] = []
        skipped: list[str] = []
        failed: list[str] = []
        for item in todo:
            rep_id = int(item.target.removeprefix(PERSON))
            day = item.fire_time.astimezone(job.schedule.zone).date()
            with self.open_session() as session:
                target = direct_target(session, rep_id)
            reason = self._not_now(job, item, now) or self._unreachable(target)
            if reason is not None or target is None:
                skipped += skip(self.open_session, [item], reason or "")
                continue

            with self.open_session() as session:
                if not take(session, item.delivery_id, now=now, lease=self.lease):
                    logger.debug("delivery %s is being sent elsewhere", item.delivery_id)
                    continue
            try:
                with self.open_session() as session:
                    built = kind.build(session, rep_id, job.timezone, day, now)
                    held = built is not None and take_day(
                        session, kind.kind, rep_id, day, item.delivery_id
                    )
                if built is None or not held:
                    reason = "nothing to say any more" if built is None else "sent today already"
                    skipped += skip(self.open_session, [item], reason)
                    continue
                await self.senders[target.platform].send(target, built.reply)
            except Exception as error:
                record_failure(self.open_session, item, error, attempts=self.attempts)
                failed.append(item.target)
                continue

            # What was said is stored in the same transaction as the delivery's end.
            with self.open_session() as session:
                record_sent(session, kind.kind, rep_id, built.said, now)
                mark_sent(session, item.delivery_id, now=now)
            sent.append(item.target)
        logger.info(
            "run %s: %d sent, %d skipped, %d failed", run_id, len(sent), len(skipped), len(failed)
        )
        return Outcome(run_id, tuple(sent), tuple(skipped), tuple(failed))

    def _not_now(self, job: HousekeepingJob, item: Unfinished, now: datetime) -> str | None:
        """Why the message may not go now, on the job's clock; None when it may."""
        if item.fire_time < now - self.late:
            return "too late"
        if now.astimezone(job.schedule.zone).weekday() >= 5:
            return "weekend"
        if not in_posting_hours(now, job.timezone):
            return "quiet hours"
        return None

    def _unreachable(self, target: Target | None) -> str | None:
        """Why a person cannot be written to from this process; None when they can."""
        if target is None:
            return "no direct chat with them"
        if target.platform not in self.senders:
            return str(NoSenderError(target.platform))
        return None
