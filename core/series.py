"""Won revenue day by day through a period: the figures behind the cumulative chart.

One set-based query sums won deals by close date for the scope, up to the as-of day;
the running total, the quota and the pace line are worked out here from its rows.
Who counts follows core.aggregates: a team's revenue is its members' on each deal's
close date (a subtree, so a region counts its teams), a manager's is their reports'.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlmodel import Session

from core.aggregates import deal, deals_in_scope
from core.config import Settings
from core.models import DealStatus
from core.money import ZERO, to_cents
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.results import Scope, Subject
from core.scope import subject_of
from core.scorecards import cents
from core.snapshot import Snapshot

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RevenueSeries:
    """Cumulative won revenue of one scope, day by day, with its quota and pace line."""

    subject: Subject
    period: Period
    as_of: datetime
    days: tuple[date, ...]  # every day of the period, in order
    # Won revenue to the end of each day, for days[:len(won)]: up to the as-of day (or
    # the period's end), so empty while the period has not begun.
    won: tuple[Decimal, ...]
    quota: Decimal | None
    # quota x pace at the end of each day of `days`, to the cent; None without a quota.
    expected: tuple[Decimal, ...] | None

    @property
    def total(self) -> Decimal:
        """Won revenue to the as-of day."""
        return self.won[-1] if self.won else ZERO

    @property
    def through(self) -> date | None:
        """The last day with results, or None before the period starts."""
        return self.days[len(self.won) - 1] if self.won else None


def won_by_day(
    session: Session, settings: Settings, scope: Scope, period: Period, as_of: datetime
) -> RevenueSeries:
    """Cumulative won revenue of the scope for each day of the period up to `as_of`."""
    # The snapshot brings the organisation and the quota as scorecards see them, so the
    # chart's quota line is the scorecard's quota; its closed totals are not needed.
    snapshot = Snapshot.load(session, settings, period, as_of, within=scope, closed=False)
    calendar = snapshot.calendar
    days = tuple(period.start + timedelta(days=offset) for offset in range(period.days))
    through = snapshot.through

    by_day: dict[date, int] = {}
    if through >= period.start:
        by_day = _won_cents_by_day(session, snapshot.org, scope, period.start, through)

    won: list[Decimal] = []
    running = 0
    for day in days:
        if day > through:
            break
        running += by_day.get(day, 0)
        won.append(cents(running))

    quota = snapshot.quota_for(scope)
    expected = None if quota is None else _pace_line(calendar, period, days, quota)
    logger.debug(
        "won by day for %s %s in %s: %s days, %s in total",
        scope.kind,
        scope.id,
        period.label,
        len(won),
        won[-1] if won else ZERO,
    )
    return RevenueSeries(
        subject=subject_of(snapshot.org, scope),
        period=period,
        as_of=as_of,
        days=days,
        won=tuple(won),
        quota=quota,
        expected=expected,
    )


def _pace_line(
    calendar: FiscalCalendar, period: Period, days: tuple[date, ...], quota: Decimal
) -> tuple[Decimal, ...]:
    """quota x pace at the end of each day: flat over weekends and holidays."""
    return tuple(to_cents(quota * calendar.pace(period, calendar.end_of_day(day))) for day in days)


def _won_cents_by_day(
    session: Session, org: Org, scope: Scope, first: date, last: date
) -> dict[date, int]:
    """Hundredths of won revenue per close date from `first` to `last`, for the scope."""
    # Amounts are stored as whole hundredths: summing them unconverted stays exact.
    amount = type_coerce(deal.c.amount, BigInteger)
    query: Any = select(deal.c.close_date, func.sum(amount)).where(
        deal.c.status == DealStatus.WON, deal.c.close_date.between(first, last)
    )

    # A team's deals count for the team their owner was on at the close date.
    query = deals_in_scope(query, org, scope, deal.c.close_date)
    query = query.group_by(deal.c.close_date)
    return {day: int(total or 0) for day, total in session.connection().execute(query)}
