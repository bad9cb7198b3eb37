"""Badges to announce: those an import (or a settling) awarded, for the celebration channels.

Every badge written by one settling carries its moment (`created_at`, an import's
stamp), so the badges of one import are found as the wins of one import are
(core.wins). Only badges still in force are announced, and only those earned on a
day within `FRESH_DAYS` of the import (company calendar): the first import of a
CRM's history awards its past badges quietly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from core.badges import badge_base
from core.ledger import BADGE, ledger
from core.models import Rep
from core.periods import FiscalCalendar

FRESH_DAYS = 7
rep = Rep.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class NewBadge:
    rep_id: int
    rep: str
    badge: str
    period: str | None
    day: date
    points: Decimal


def _standing_badges(
    since: datetime | None = None, at: datetime | None = None
) -> list[ColumnElement[bool]]:
    """Badge entries in force, awarded after `since` or at `at`."""
    reversal = aliased(ledger)
    reversed_ids = select(reversal.c.reverses_id).where(reversal.c.reverses_id.is_not(None))
    conditions = [
        ledger.c.kind == BADGE,
        ledger.c.reverses_id.is_(None),
        ledger.c.id.not_in(reversed_ids),
    ]
    if since is not None:
        conditions.append(ledger.c.created_at > since)
    if at is not None:
        conditions.append(ledger.c.created_at == at)
    return conditions


def badge_stamps(session: Session, calendar: FiscalCalendar, since: datetime) -> list[datetime]:
    """The moments after `since` at which badges worth announcing were awarded, oldest
    first."""
    query = (
        select(ledger.c.created_at, ledger.c.occurred_on)
        .where(*_standing_badges(since=since))
        .order_by(ledger.c.created_at)
    )
    stamps: list[datetime] = []
    for stamp, day in session.execute(query):
        if _fresh(calendar, stamp, day) and stamp not in stamps:
            stamps.append(stamp)
    return stamps


def badges_awarded_at(
    session: Session, calendar: FiscalCalendar, stamp: datetime
) -> list[NewBadge]:
    """The badges awarded at `stamp` worth announcing, in order of the reps' names."""
    query = (
        select(ledger.c.rep_id, rep.c.name, ledger.c.code, ledger.c.occurred_on, ledger.c.amount)
        .join(rep, rep.c.id == ledger.c.rep_id)
        .where(*_standing_badges(at=stamp))
        .order_by(rep.c.name, ledger.c.occurred_on, ledger.c.id)
    )
    found = []
    for rep_id, name, code, day, amount in session.execute(query):
        if day is None or not _fresh(calendar, stamp, day):
            continue
        _, _, period = str(code).partition(":")
        found.append(NewBadge(rep_id, name, badge_base(code), period or None, day, amount))
    return found


def _fresh(calendar: FiscalCalendar, stamp: datetime, day: date | None) -> bool:
    return day is not None and day >= calendar.local_date(stamp) - timedelta(days=FRESH_DAYS)
