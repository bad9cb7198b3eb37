"""The deals a performance report names: the biggest wins, the losses and the slipped.

Each list is one set-based query over the scope's deals, the way core.aggregates
counts them: a won or lost deal belongs to the team its owner was on at its close
date; an open deal to the owner's team today.

- **Lost from a stage**: the stage a lost deal was in before it was lost, from its
  stage history (`deal_stage_change`): the `from_stage` of the latest change into a
  lost status that came from a stage that is not itself a lost one (a rename from
  "Closed Lost" to "Lost" says nothing). A deal imported already lost has no such
  change, and its stage is unknown (None).
- **Slipped**: an open deal whose close date falls in the period and is already
  past on the as-of day: it was due in the period and did not close. Quotabot keeps
  no history of close dates, so a deal whose close date was moved out of the period
  before it went by cannot be told apart from one that was always dated later, and
  is not counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, literal, select
from sqlalchemy.sql.selectable import Select
from sqlmodel import Session

from core.aggregates import deal, deals_in_scope
from core.config import StagesConfig
from core.models import DealStageChange, DealStatus
from core.money import ZERO
from core.org import Org
from core.results import Scope

change = DealStageChange.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ReportDeal:
    """A deal as a report names it; `stage` is where it stood (lost: where it was lost
    from, None when the history does not say)."""

    id: int
    name: str | None
    account: str | None
    owner: str
    amount: Decimal | None
    stage: str | None
    close_date: date | None


@dataclass(frozen=True, slots=True)
class StageLosses:
    """Deals lost from one stage (None: the stage is not recorded)."""

    stage: str | None
    deals: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class DealLists:
    won: tuple[ReportDeal, ...]  # the largest first, those with an amount
    lost: tuple[ReportDeal, ...]  # every lost deal, the largest first
    losses_by_stage: tuple[StageLosses, ...]  # the largest amount first
    slipped: tuple[ReportDeal, ...]  # every slipped deal, the largest first


def _largest_first(query: Select[Any]) -> Select[Any]:
    # NULL amounts sort differently on SQLite and PostgreSQL: put them last on both.
    return query.order_by(
        case((deal.c.amount.is_(None), 1), else_=0), deal.c.amount.desc(), deal.c.id
    )


def _deal(row: Any, org: Org, stage: str | None) -> ReportDeal:
    return ReportDeal(
        id=row.id,
        name=row.name,
        account=row.account,
        owner=org.reps[row.owner_id].name,
        amount=row.amount,
        stage=stage,
        close_date=row.close_date,
    )


def _closed(status: DealStatus, start: date, through: date) -> Select[Any]:
    columns = (deal.c.id, deal.c.name, deal.c.account, deal.c.owner_id, deal.c.amount)
    return select(*columns, deal.c.stage, deal.c.close_date).where(
        deal.c.status == status, deal.c.close_date.between(start, through)
    )


def deal_lists(
    session: Session,
    org: Org,
    stages: StagesConfig,
    scope: Scope,
    start: date,
    through: date,
    today: date,
    *,
    wins: int,
) -> DealLists:
    """The scope's deals won and lost from `start` to `through`, and those that slipped:
    open, dated from `start` to `through` and before `today`."""
    connection = session.connection()

    won = _closed(DealStatus.WON, start, through).where(deal.c.amount.is_not(None))
    won = _largest_first(deals_in_scope(won, org, scope, deal.c.close_date)).limit(wins)
    biggest = tuple(_deal(row, org, row.stage) for row in connection.execute(won))

    lost = _largest_first(
        deals_in_scope(_closed(DealStatus.LOST, start, through), org, scope, deal.c.close_date)
    )
    lost_rows = list(connection.execute(lost))
    lost_from = _lost_from(session, stages, start, through)
    lost_deals = tuple(_deal(row, org, lost_from.get(row.id)) for row in lost_rows)

    last_day = min(through, today - timedelta(days=1)) if today > start else None
    slipped: tuple[ReportDeal, ...] = ()
    if last_day is not None and last_day >= start:
        query = select(
            deal.c.id, deal.c.name, deal.c.account, deal.c.owner_id, deal.c.amount,
            deal.c.stage, deal.c.close_date,
        ).where(
            deal.c.status == DealStatus.OPEN, deal.c.close_date.between(start, last_day)
        )  # fmt: skip
        query = _largest_first(deals_in_scope(query, org, scope, literal(today)))
        slipped = tuple(_deal(row, org, row.stage) for row in connection.execute(query))

    return DealLists(biggest, lost_deals, _by_stage(lost_deals), slipped)


def _lost_from(
    session: Session, stages: StagesConfig, start: date, through: date
) -> dict[int, str | None]:
    """The stage each deal lost in the period was lost from, by deal id (one query)."""
    query = (
        select(change.c.deal_id, change.c.from_stage)
        .join(deal, deal.c.id == change.c.deal_id)
        .where(
            deal.c.status == DealStatus.LOST,
            deal.c.close_date.between(start, through),
            change.c.to_status == DealStatus.LOST,
            change.c.from_stage.is_not(None),
        )
        .order_by(change.c.deal_id, change.c.id)
    )
    found: dict[int, str | None] = {}
    for deal_id, from_stage in session.connection().execute(query):
        if stages.status_of(from_stage) != "lost":
            found[deal_id] = from_stage  # a later change overrides an earlier one
    return found


def _by_stage(lost: tuple[ReportDeal, ...]) -> tuple[StageLosses, ...]:
    deals: dict[str | None, int] = defaultdict(int)
    amounts: dict[str | None, Decimal] = defaultdict(lambda: ZERO)
    for item in lost:
        deals[item.stage] += 1
        amounts[item.stage] += item.amount or ZERO
    summaries = [StageLosses(stage, deals[stage], amounts[stage]) for stage in deals]
    # Largest first; the unknown stage after the known ones of the same amount.
    return tuple(
        sorted(summaries, key=lambda s: (-s.amount, s.stage is None, s.stage or "", -s.deals))
    )
