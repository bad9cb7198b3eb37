"""Deals won by an import: what the celebrations post announces.

An import stamps every stage change it records with the moment it ran
(`deal_stage_change.recorded_at`), so the deals that one import turned won are the
changes with that stamp whose new status is won and whose earlier stage was not a
won one (a deal renamed from "Closed Won" to "Won" is no new win). A deal imported
for the first time already won counts as won by that import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from core.config import StagesConfig
from core.models import Deal, DealStageChange, DealStatus, Rep


@dataclass(frozen=True, slots=True)
class Win:
    deal_id: int
    deal: str | None
    account: str | None
    amount: Decimal | None
    owner_id: int
    owner: str


def imports_with_wins(session: Session, stages: StagesConfig, since: datetime) -> list[datetime]:
    """The stamps of the imports after `since` that turned at least one deal won, oldest
    first."""
    query = (
        select(col(DealStageChange.recorded_at))
        .distinct()
        .where(
            DealStageChange.to_status == DealStatus.WON,
            col(DealStageChange.recorded_at) > since,
        )
        .order_by(col(DealStageChange.recorded_at))
    )
    return [stamp for stamp in session.exec(query) if wins_of_import(session, stages, stamp)]


def wins_of_import(session: Session, stages: StagesConfig, recorded_at: datetime) -> list[Win]:
    """The deals that the import stamped `recorded_at` turned won, largest first."""
    query = (
        select(DealStageChange, Deal, Rep)
        .join(Deal, col(Deal.id) == col(DealStageChange.deal_id))
        .join(Rep, col(Rep.id) == col(Deal.owner_id))
        .where(
            DealStageChange.to_status == DealStatus.WON,
            col(DealStageChange.recorded_at) == recorded_at,
        )
    )
    wins = []
    for change, deal, owner in session.exec(query):
        if change.from_stage is not None and stages.status_of(change.from_stage) == "won":
            continue
        assert deal.id is not None, "stored deals have ids"
        assert owner.id is not None, "stored reps have ids"
        wins.append(Win(deal.id, deal.name, deal.account, deal.amount, owner.id, owner.name))
    return sorted(wins, key=lambda win: (-(win.amount or 0), win.owner, win.deal_id))
