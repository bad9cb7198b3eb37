"""Clawbacks: taking commission back when a won deal stops being won.

Earnings are worked out from the deals as they stand, so a deal that is no longer
won drops out of its own period by itself. A paid period must not change after the
fact, though, so `record_clawbacks` writes two ledger entries for each reversal:

- "reversed_deal", +C, counted in the period of the deal's close date (its code is
  "closed:DAY"): that period reads as it was paid;
- "clawback", -C, counted in the period in which it is recorded, only when the deal
  was reversed within the plan's `clawback_days` of its close date. Later than that,
  the rep keeps the commission.

C is what the deal added to its plan period's commission and SPIFFs: the period's
figures with the deal won, less those without it (so under tiers it is the deal's
marginal commission). A reversal is the first change of the deal's stage history
after its last change to won; both entries name it in their cause,
"deal:ID:change:CHANGE", so running again writes nothing new. A deal won again later
has both entries undone by reversing entries (`reverses_id`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col
from sqlmodel import select as select_records

from core.commission import ZERO
from core.config import Settings
from core.earnings import compute
from core.earnings_facts import deal_of, load_facts
from core.models import Deal, DealStageChange, DealStatus, LedgerEntry
from core.periods import FiscalCalendar, PeriodKind

logger = logging.getLogger(__name__)

deal = Deal.__table__  # type: ignore[attr-defined]
change = DealStageChange.__table__  # type: ignore[attr-defined]
KINDS = ("reversed_deal", "clawback")


@dataclass(frozen=True, slots=True)
class ClawbackSummary:
    reversals: int  # reversals that had commission to account for
    clawbacks: int  # of which inside the window
    undone: int  # entries reversed because their deal was won again


def record_clawbacks(session: Session, settings: Settings, as_of: datetime) -> ClawbackSummary:
    """Write the entries of every reversal not recorded yet; the caller commits."""
    if not settings.earnings.assignments:
        return ClawbackSummary(0, 0, 0)
    # Only deals that were won and are not now: reversals are rare, deals are many.
    not_won = select(deal.c.id).where(deal.c.status != DealStatus.WON)
    history = _history(session, not_won)
    rows = {row.id: row for row in session.execute(select(deal).where(deal.c.id.in_(history)))}
    recorded = _recorded(session)
    reversals = clawbacks = 0
    for deal_id, changes in history.items():
        row = rows[deal_id]
        won_at = [index for index, (_, status, _) in enumerate(changes) if status == "won"]
        if not won_at or won_at[-1] + 1 >= len(changes) or row.close_date is None:
            continue
        change_id, _, reversed_on = changes[won_at[-1] + 1]
        cause = f"deal:{deal_id}:change:{change_id}"
        if cause in recorded or not row.amount:
            continue
        paid, window = _paid_on(session, settings, row, as_of)
        if paid == 0:
            continue
        code = f"closed:{row.close_date.isoformat()}"
        _write(session, row.owner_id, "reversed_deal", paid, code, cause, as_of)
        reversals += 1
        if window is not None and (reversed_on - row.close_date).days <= window:
            _write(session, row.owner_id, "clawback", -paid, code, cause, as_of)
            clawbacks += 1
    undone = _undo_rewon(session, as_of)
    session.flush()
    if reversals or undone:
        logger.info(
            "clawbacks: %d reversals, %d clawed back, %d undone", reversals, clawbacks, undone
        )
    return ClawbackSummary(reversals, clawbacks, undone)


def _history(session: Session, among: Any) -> dict[int, list[tuple[int, str, date]]]:
    """The stage history of the deals `among` that were ever won, oldest change first."""
    ever_won = select(change.c.deal_id).where(change.c.to_status == DealStatus.WON)
    query = (
        select(change.c.deal_id, change.c.id, change.c.to_status, change.c.changed_on)
        .where(change.c.deal_id.in_(ever_won), change.c.deal_id.in_(among))
        .order_by(change.c.deal_id, change.c.changed_on, change.c.id)
    )
    found: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
    for deal_id, change_id, status, changed_on in session.execute(query):
        found[deal_id].append((change_id, status, changed_on))
    return found


def _recorded(session: Session) -> set[str]:
    query = select_records(LedgerEntry.cause).where(col(LedgerEntry.kind).in_(KINDS))
    return set(session.exec(query))


def _paid_on(
    session: Session, settings: Settings, row: Any, as_of: datetime
) -> tuple[Decimal, int | None]:
    """What the deal added to its plan period's commission and SPIFFs, and the window."""
    calendar = FiscalCalendar(settings.calendar)
    owner, close, amount, product = row.owner_id, row.close_date, row.amount, row.product
    day = calendar.day(close)
    facts = load_facts(session, settings, day, as_of, reps=[owner])[owner]
    spec = facts.specs[0]
    if spec.plan is None:
        return ZERO, None
    period = calendar.containing(PeriodKind(spec.plan.period), close)
    end = calendar.end_instant(period) - timedelta(microseconds=1)
    facts = load_facts(session, settings, period, end, reps=[owner])[owner]
    without = compute(facts, settings, period, end)
    more = replace(facts, won=sorted([*facts.won, (close, amount)]))
    if product:
        more.won_products = [*facts.won_products, (close, product, 1)]
    with_deal = compute(more, settings, period, end)
    paid = (with_deal.commission + with_deal.spiff_total) - (
        without.commission + without.spiff_total
    )
    return paid, spec.plan.clawback_days


def _write(
    session: Session, rep_id: int, kind: str, amount: Decimal, code: str, cause: str, at: datetime
) -> None:
    session.add(
        LedgerEntry(rep_id=rep_id, kind=kind, amount=amount, code=code, cause=cause, created_at=at)
    )


def _undo_rewon(session: Session, as_of: datetime) -> int:
    """Reverse the entries of reversals whose deal has been won again since."""
    reversed_ids = set(
        session.exec(
            select_records(LedgerEntry.reverses_id).where(
                col(LedgerEntry.reverses_id).is_not(None)
            )
        )
    )
    entries = session.exec(
        select_records(LedgerEntry).where(
            col(LedgerEntry.kind).in_(KINDS), col(LedgerEntry.reverses_id).is_(None)
        )
    )
    pending = [entry for entry in entries if entry.id not in reversed_ids]
    won = select(deal.c.id).where(deal.c.status == DealStatus.WON)
    history = _history(session, won) if pending else {}
    undone = 0
    for entry in pending:
        deal_id = deal_of(entry.cause)
        if deal_id is None or deal_id not in history:
            continue
        changes = history[deal_id]
        reversal_id = int(entry.cause.rsplit(":", 1)[-1])
        ids = [change_id for change_id, _, _ in changes]
        if reversal_id not in ids:
            continue
        later = changes[ids.index(reversal_id) + 1 :]
        if not any(status == DealStatus.WON for _, status, _ in later):
            continue
        session.add(
            LedgerEntry(
                rep_id=entry.rep_id,
                kind=entry.kind,
                amount=-entry.amount,
                code=entry.code,
                cause=f"{entry.cause}:undone",
                reverses_id=entry.id,
                created_at=as_of,
            )
        )
        undone += 1
    return undone
