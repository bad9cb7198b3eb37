"""Reading and writing points and badges in the append-only ledger.

An entry in force is one that reverses nothing and that nothing reverses. Rewards are
settled by comparing the entries in force with what the rules say is due now: what is
due and missing is written, what is in force and no longer due is taken back by a
reversing entry (the same amount negated, on the same day, `reverses_id` set). So
settling twice writes nothing the second time, whatever was imported in between.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from core.models import LedgerEntry

POINTS = "points"
BADGE = "badge"

ledger = LedgerEntry.__table__  # type: ignore[attr-defined]
COLUMNS = (
    "rep_id", "kind", "amount", "code", "cause", "reverses_id", "created_at", "occurred_on",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Award:
    """An entry the rules say is due: who, for what (code), because of what (cause)."""

    rep_id: int
    code: str
    cause: str
    amount: Decimal
    day: date


@dataclass(frozen=True, slots=True)
class InForce:
    id: int
    rep_id: int
    code: str
    cause: str
    amount: Decimal
    day: date | None


def in_force(session: Session, kind: str, reps: Collection[int]) -> list[InForce]:
    """The entries of `kind` of these reps that stand: not reversals, not reversed."""
    if not reps:
        return []
    reversal = aliased(ledger)
    reversed_ids = select(reversal.c.reverses_id).where(reversal.c.reverses_id.is_not(None))
    query = select(
        ledger.c.id, ledger.c.rep_id, ledger.c.code, ledger.c.cause, ledger.c.amount,
        ledger.c.occurred_on,
    ).where(
        ledger.c.kind == kind,
        ledger.c.reverses_id.is_(None),
        ledger.c.id.not_in(reversed_ids),
        ledger.c.rep_id.in_(sorted(reps)),
    ).order_by(ledger.c.id)  # fmt: skip
    return [InForce(*row) for row in session.execute(query)]


def write(session: Session, kind: str, awards: Iterable[Award], at: datetime) -> int:
    """Append entries for `awards`; how many."""
    rows = [
        (award.rep_id, kind, award.amount, award.code, award.cause, None, at, award.day)
        for award in awards
    ]
    return _append(session, rows)


def reverse(session: Session, kind: str, entries: Iterable[InForce], at: datetime) -> int:
    """Append a reversing entry for each of `entries`; how many."""
    rows = [
        (entry.rep_id, kind, -entry.amount, entry.code, entry.cause, entry.id, at, entry.day)
        for entry in entries
    ]
    return _append(session, rows)


def _append(session: Session, rows: list[tuple[Any, ...]]) -> int:
    # The importers' bulk writer: a first import awards a point for every won deal.
    # Imported here: core.ingest imports this module (through core.rewards).
    from core.ingest.bulk import Tally, Writer

    Writer(session, ledger, COLUMNS, Tally(None, len(rows))).insert(rows)
    return len(rows)
