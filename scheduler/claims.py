"""The database side of exactly once: claiming a run, and taking each of its deliveries.

- A run is claimed by inserting `scheduled_run(job_key, fire_time)` together with one
  pending `delivery` per target, in one transaction. The pair is unique: a second
  replica, or the same job fired again, fails to insert and does nothing.
- Before a delivery is sent it is taken: one UPDATE moves it from pending to sending
  with a lease, and only the process whose UPDATE changed the row sends it. After
  sending it is marked sent; after a failure it goes back to pending, or to failed
  once its attempts are used up.
- A delivery left sending by a process that died is taken again once its lease has
  run out. That is the one case that can post twice: when the process died after the
  platform accepted the post but before the database heard of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.errors import new_reference
from core.models import DeliveryState, ScheduledDelivery, ScheduledRun

logger = logging.getLogger(__name__)

ERROR_TEXT = 500  # delivery.last_error's length


@dataclass(frozen=True, slots=True)
class Unfinished:
    """A delivery still to be sent, with its run."""

    run_id: int
    job_key: str
    fire_time: datetime
    delivery_id: int
    target: str


def claim_run(
    session: Session,
    job_key: str,
    fire_time: datetime,
    targets: Iterable[str],
    *,
    now: datetime,
    claimed_by: str,
) -> int | None:
    """The new run's id, with a pending delivery per target; None if it was claimed."""
    run = ScheduledRun(job_key=job_key, fire_time=fire_time, claimed_at=now, claimed_by=claimed_by)
    try:
        session.add(run)
        session.flush()
        assert run.id is not None, "a flushed run has an id"
        for target in dict.fromkeys(targets):
            session.add(ScheduledDelivery(run_id=run.id, target=target))
        session.commit()
    except IntegrityError:
        session.rollback()
        logger.debug("run %s at %s was claimed already", job_key, fire_time.isoformat())
        return None
    return run.id


def run_exists(session: Session, job_key: str, fire_time: datetime) -> bool:
    """Whether the run was claimed already: a cheap look before trying to claim it."""
    query = select(ScheduledRun.id).where(
        ScheduledRun.job_key == job_key, ScheduledRun.fire_time == fire_time
    )
    return session.exec(query).first() is not None


def run_at(session: Session, job_key: str, fire_time: datetime) -> ScheduledRun | None:
    query = select(ScheduledRun).where(
        ScheduledRun.job_key == job_key, ScheduledRun.fire_time == fire_time
    )
    return session.exec(query).first()


def unfinished(session: Session, *, run_id: int | None = None, now: datetime) -> list[Unfinished]:
    """Deliveries pending, or sending on a lease that ran out: of one run, or of all."""
    query = (
        select(ScheduledRun, ScheduledDelivery)
        .join(ScheduledDelivery, col(ScheduledDelivery.run_id) == col(ScheduledRun.id))
        .where(_takeable(now))
        .order_by(col(ScheduledRun.fire_time), col(ScheduledDelivery.id))
    )
    if run_id is not None:
        query = query.where(col(ScheduledRun.id) == run_id)
    found = []
    for run, delivery in session.exec(query):
        assert run.id is not None, "stored rows have ids"
        assert delivery.id is not None, "stored rows have ids"
        found.append(Unfinished(run.id, run.job_key, run.fire_time, delivery.id, delivery.target))
    return found


def take(session: Session, delivery_id: int, *, now: datetime, lease: timedelta) -> bool:
    """Whether this process took the delivery to send it (and no other process did)."""
    statement = (
        update(ScheduledDelivery)
        .where(col(ScheduledDelivery.id) == delivery_id, _takeable(now))
        .values(
            state=DeliveryState.SENDING,
            lease_until=now + lease,
            attempts=col(ScheduledDelivery.attempts) + 1,
        )
    )
    taken = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
    session.commit()
    return bool(taken)


def mark_sent(session: Session, delivery_id: int, *, now: datetime) -> None:
    _set(session, delivery_id, state=DeliveryState.SENT, sent_at=now, lease_until=None)


def mark_failed(session: Session, delivery_id: int, error: str, *, attempts: int) -> str:
    """Back to pending for another try, or failed when `attempts` are used up."""
    delivery = session.get(ScheduledDelivery, delivery_id)
    assert delivery is not None, "a taken delivery exists"
    session.refresh(delivery)
    state = DeliveryState.FAILED if delivery.attempts >= attempts else DeliveryState.PENDING
    _set(session, delivery_id, state=state, last_error=error[:ERROR_TEXT], lease_until=None)
    return state


def record_failure(
    open_session: Callable[[], Session], item: Unfinished, error: Exception, *, attempts: int
) -> str:
    """The error boundary of one delivery: the error's traceback logged under a reference,
    and the failure recorded with that reference (tried again later, until `attempts`
    are used up); the state the delivery is left in."""
    reference = new_reference()
    logger.error(
        "run %s: could not send to %s (reference %s)",
        item.run_id,
        item.target,
        reference,
        exc_info=error,
    )
    with open_session() as session:
        state = mark_failed(
            session,
            item.delivery_id,
            f"{type(error).__name__}: {error} (reference {reference})",
            attempts=attempts,
        )
    logger.info("run %s: delivery to %s is %s", item.run_id, item.target, state)
    return state


def mark_skipped(session: Session, delivery_id: int, reason: str) -> None:
    _set(session, delivery_id, state=DeliveryState.SKIPPED, last_error=reason[:ERROR_TEXT])


def skip(
    open_session: Callable[[], Session], items: Sequence[Unfinished], reason: str
) -> list[str]:
    """Record these deliveries as not sent on purpose, for `reason`; their targets."""
    with open_session() as session:
        for item in items:
            mark_skipped(session, item.delivery_id, reason)
            logger.info("run %s: not sending to %s: %s", item.run_id, item.target, reason)
    return [item.target for item in items]


def deliveries(session: Session, run_id: int) -> list[ScheduledDelivery]:
    query = select(ScheduledDelivery).where(col(ScheduledDelivery.run_id) == run_id)
    return list(session.exec(query.order_by(col(ScheduledDelivery.id))))


def prune(session: Session, before: datetime) -> tuple[int, int]:
    """Forget the runs due before `before`, with their deliveries: how many of each.

    A pruned slot is no longer known to have been posted: `quotabot jobs run` would post
    it again if asked for it by name; the scheduler itself never goes back that far.
    """
    old = select(ScheduledRun.id).where(col(ScheduledRun.fire_time) < before)
    deliveries = session.execute(
        delete(ScheduledDelivery).where(col(ScheduledDelivery.run_id).in_(old.scalar_subquery()))
    ).rowcount  # type: ignore[attr-defined]
    runs = session.execute(
        delete(ScheduledRun).where(col(ScheduledRun.fire_time) < before)
    ).rowcount  # type: ignore[attr-defined]
    session.commit()
    if runs:
        logger.info("forgot %d run(s) and %d delivery(ies) due before %s", runs, deliveries,
                    before.isoformat())  # fmt: skip
    return int(runs), int(deliveries)


def _takeable(now: datetime) -> ColumnElement[bool]:
    state, lease = col(ScheduledDelivery.state), col(ScheduledDelivery.lease_until)
    return or_(
        state == DeliveryState.PENDING,
        and_(state == DeliveryState.SENDING, lease < now),
    )


def _set(session: Session, delivery_id: int, **values: object) -> None:
    session.execute(
        update(ScheduledDelivery).where(col(ScheduledDelivery.id) == delivery_id).values(**values)
    )
    session.commit()
