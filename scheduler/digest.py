"""The daily digest of scheduled posts that did not go out, sent to the admins by DM.

A delivery that still fails after its last try is recorded as failed (scheduler.runner);
one that was never finished (the server was down, its sender not set up) is recorded
as skipped, or is left pending. None of them is dropped silently: every morning at
08:00 on the company's clock, each admin (Rep.role admin) who is linked in Slack, or
has a personal chat with Quotabot in Teams, gets one direct message listing them, with
the job's name and slot to run it again by hand.

The digest covers the runs due in the day that ended `LATE` before it, when every
delivery of theirs has come to its end. It is itself a claimed run (`digest:failed-
deliveries` at its fire time), so of several replicas one sends it; a digest that
cannot be delivered is marked failed at once and shows in the next day's digest.

The same daily job then forgets the runs due more than KEPT (90 days) ago, with their
deliveries, so that the records of scheduled posts do not grow for ever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from bot.catalogue import Texts
from bot.errors import new_reference
from bot.reply import Reply, Visibility, bullets
from core.models import (
    ChatIdentity,
    DeliveryState,
    Rep,
    Role,
    ScheduledDelivery,
    ScheduledRun,
    TeamsConversation,
    utcnow,
)
from core.schedules import Schedule, parse_schedule
from core.subscriptions import Target
from scheduler.claims import claim_run, mark_failed, mark_sent, prune, take
from scheduler.runner import DIGEST_PREFIX, LATE, Runner, job_key_of

logger = logging.getLogger(__name__)

DIGEST_KEY = f"{DIGEST_PREFIX}failed-deliveries"
DIGEST_CRON = "0 8 * * *"  # on the company's clock
KEPT = timedelta(days=90)  # how long runs and their deliveries are remembered
LISTED = 20  # deliveries named in one digest; the rest are counted
ERROR_SHOWN = 160  # characters of a delivery's error shown
# Skipped, but not on purpose (quiet hours and gone subscriptions are on purpose).
NOT_ON_PURPOSE = ("too late", "no sender for")


@dataclass(frozen=True, slots=True)
class Undelivered:
    job_key: str
    fire_time: datetime
    target: str
    state: str
    error: str


@dataclass(frozen=True, slots=True)
class Admin:
    locale: str | None
    target: Target


def undelivered(session: Session, since: datetime, until: datetime) -> list[Undelivered]:
    """The deliveries of runs due in [since, until) that never reached their target."""
    reason = col(ScheduledDelivery.last_error)
    not_on_purpose = or_(*(reason.startswith(prefix) for prefix in NOT_ON_PURPOSE))
    query = (
        select(ScheduledRun, ScheduledDelivery)
        .join(ScheduledDelivery, col(ScheduledDelivery.run_id) == col(ScheduledRun.id))
        .where(
            col(ScheduledRun.fire_time) >= since,
            col(ScheduledRun.fire_time) < until,
            or_(
                col(ScheduledDelivery.state).in_(
                    [DeliveryState.FAILED, DeliveryState.PENDING, DeliveryState.SENDING]
                ),
                and_(col(ScheduledDelivery.state) == DeliveryState.SKIPPED, not_on_purpose),
            ),
        )
        .order_by(col(ScheduledRun.fire_time), col(ScheduledDelivery.id))
    )
    return [
        Undelivered(
            job_key_of(run.job_key), run.fire_time, item.target, item.state, item.last_error or ""
        )
        for run, item in session.exec(query)
    ]


def admins(session: Session) -> list[Admin]:
    """Where each active admin can be sent a direct message."""
    found = session.exec(
        select(Rep, ChatIdentity)
        .join(ChatIdentity, col(ChatIdentity.rep_id) == col(Rep.id))
        .where(col(Rep.role) == Role.ADMIN, col(Rep.active).is_(True))
        .order_by(col(Rep.id), col(ChatIdentity.id))
    ).all()
    chats = {
        (row.tenant_id, row.user_id): row.conversation_id
        for row in session.exec(
            select(TeamsConversation).where(col(TeamsConversation.kind) == "personal")
        )
    }
    reached = []
    for rep, identity in found:
        if identity.platform == "slack":
            target = Target("slack", identity.workspace, identity.user_id)
        elif (identity.workspace, identity.user_id) in chats:
            chat = chats[(identity.workspace, identity.user_id)]
            target = Target("teams", identity.workspace, chat)
        else:
            continue  # Teams lets a bot write only into a chat the person has with it
        reached.append(Admin(rep.locale, target))
    return reached


def digest_reply(texts: Texts, items: Sequence[Undelivered], zone: ZoneInfo) -> Reply:
    lines = []
    for item in items[:LISTED]:
        local = item.fire_time.astimezone(zone)
        error = item.error if len(item.error) <= ERROR_SHOWN else item.error[:ERROR_SHOWN] + "…"
        platform, workspace, place = item.target.split(":", 2)
        lines.append(
            texts(
                "digest.line",
                job=item.job_key,
                where=f"{platform} {workspace}/{place}" if workspace else f"{platform} {place}",
                day=texts.day(local.date()),
                time=f"{local:%H:%M}",
                slot=local.isoformat(timespec="minutes"),
                reason=error or texts(f"digest.state.{item.state}"),
            )
        )
    paragraphs = [texts.plural("digest.intro", len(items)), bullets(lines)]
    if len(items) > LISTED:
        paragraphs.append(texts("digest.more", count=texts.number(len(items) - LISTED)))
    paragraphs.append(texts("digest.what_to_do"))
    title = texts("digest.title")
    return Reply(
        title=title, paragraphs=tuple(paragraphs), visibility=Visibility.CHANNEL, summary=title
    )


class FailureDigest:
    """The housekeeping job that sends the digest, through the runner's senders."""

    def __init__(self, runner: Runner, clock: Callable[[], datetime] = utcnow) -> None:
        self.runner = runner
        self.clock = clock

    @property
    def schedule(self) -> Schedule:
        return parse_schedule(DIGEST_CRON, self.runner.settings.calendar.timezone)

    async def fire_due(self, grace: timedelta) -> None:
        """The trigger went off: send the digest of the slot due now, if there is one."""
        now = self.clock()
        slot = self.schedule.due(now, grace)
        if slot is None:
            logger.warning("the failure digest woke at %s with nothing due", now.isoformat())
            return
        try:
            await self.send(slot, now=now)
        except Exception:
            reference = new_reference()
            logger.exception("could not send the failure digest (reference %s)", reference)
        try:
            with self.runner.open_session() as session:
                prune(session, now - KEPT)
        except Exception:
            reference = new_reference()
            logger.exception("could not forget old scheduled runs (reference %s)", reference)

    def items(self, slot: datetime) -> list[Undelivered]:
        """What the digest of `slot` tells: the runs due in the day before, up to LATE."""
        with self.runner.open_session() as session:
            return undelivered(session, slot - timedelta(days=1) - LATE, slot - LATE)

    def reply(self, slot: datetime, locale: str | None) -> Reply | None:
        """The digest of `slot` as a reader of `locale` gets it; None when there is none."""
        items = self.items(slot)
        if not items:
            return None
        texts = Texts(locale, self.runner.settings.currency)
        return digest_reply(texts, items, ZoneInfo(self.runner.settings.calendar.timezone))

    async def send(self, slot: datetime, *, now: datetime, key: str = DIGEST_KEY) -> list[str]:
        """Send the digest of `slot` to every admin once (a run claimed under `key`); the
        targets it reached."""
        runner = self.runner
        items = self.items(slot)
        with runner.open_session() as session:
            to = [admin for admin in admins(session) if admin.target.platform in runner.senders]
        if not items:
            logger.info("failure digest of %s: every scheduled post went out", slot.isoformat())
            return []
        if not to:
            logger.warning(
                "%d scheduled post(s) did not go out, and no admin can be told by DM: link an "
                "admin's chat account (/quotabot link) to get the daily digest",
                len(items),
            )
            return []
        with runner.open_session() as session:
            run_id = claim_run(
                session, key, slot, [a.target.key for a in to], now=now,
                claimed_by=runner.name,
            )  # fmt: skip
        if run_id is None:
            return []
        return await self._deliver(run_id, to, items, now)

    async def _deliver(
        self, run_id: int, to: Sequence[Admin], items: Sequence[Undelivered], now: datetime
    ) -> list[str]:
        runner = self.runner
        zone = ZoneInfo(runner.settings.calendar.timezone)
        with runner.open_session() as session:
            ids = {
                delivery.target: delivery.id
                for delivery in session.exec(
                    select(ScheduledDelivery).where(col(ScheduledDelivery.run_id) == run_id)
                )
            }
        reached = []
        for admin in to:
            delivery_id = ids[admin.target.key]
            assert delivery_id is not None, "stored rows have ids"
            with runner.open_session() as session:
                if not take(session, delivery_id, now=now, lease=runner.lease):
                    continue
            reply = digest_reply(Texts(admin.locale, runner.settings.currency), items, zone)
            try:
                await runner.senders[admin.target.platform].send(admin.target, reply)
            except Exception as error:
                reference = new_reference()
                logger.exception(
                    "could not send the failure digest to %s (reference %s)",
                    admin.target.key,
                    reference,
                )
                with runner.open_session() as session:
                    message = f"{type(error).__name__}: {error} (reference {reference})"
                    mark_failed(session, delivery_id, message, attempts=1)
                continue
            with runner.open_session() as session:
                mark_sent(session, delivery_id, now=now)
            reached.append(admin.target.key)
        logger.info(
            "failure digest: %d undelivered post(s) told to %d admin(s)", len(items), len(reached)
        )
        return reached
