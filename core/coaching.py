"""The deals a one-to-one should talk about: stale, slipping, and the largest still open.

Stale deals are open and untouched for the stale threshold; slipping ones are open
past their close date; the largest are the biggest open deals closing in the period.
A deal is listed once, under the first of those that fits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from core.aggregates import deal
from core.config import Settings
from core.models import DealStatus
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.pipeline import deal_view, pipeline_health
from core.results import DealView, Scope, SubjectKind

LISTED = 3


@dataclass(frozen=True, slots=True)
class DealsToDiscuss:
    stale: tuple[DealView, ...]
    slipping: tuple[DealView, ...]
    largest: tuple[DealView, ...]

    @property
    def empty(self) -> bool:
        return not (self.stale or self.slipping or self.largest)


def deals_to_discuss(
    session: Session, settings: Settings, rep_id: int, period: Period, as_of: datetime
) -> DealsToDiscuss:
    """Up to three deals of each kind, the largest amounts first."""
    health = pipeline_health(session, settings, Scope(SubjectKind.REP, rep_id), period, as_of)
    today = FiscalCalendar(settings.calendar).local_date(as_of)
    org = Org.load(session)
    query = (
        select(deal)
        .where(
            deal.c.owner_id == rep_id,
            deal.c.status == DealStatus.OPEN,
            deal.c.close_date.between(period.start, period.end),
            deal.c.amount.is_not(None),
        )
        .order_by(deal.c.amount.desc(), deal.c.id)
        .limit(LISTED * 3)
    )
    largest = [deal_view(row, org, today) for row in session.connection().execute(query)]

    def biggest(views: tuple[DealView, ...] | list[DealView]) -> list[DealView]:
        return sorted(views, key=lambda view: (-(view.amount or 0), view.id))

    slipping = biggest(health.past_due)[:LISTED]
    stale = biggest(health.stale)[:LISTED]
    listed = {view.id for view in (*slipping, *stale)}
    rest = [view for view in largest if view.id not in listed][:LISTED]
    return DealsToDiscuss(tuple(stale), tuple(slipping), tuple(rest))
