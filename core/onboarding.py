"""Onboarding: where a new hire is on the ramp, and their first milestones.

The milestones are the first meeting logged (an activity of kind "meeting" or
"demo"), the first deal created (their first pipeline deal) and the first deal won,
each with its date. They are read for many reps at once, one query each.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from core.aggregates import activity, deal
from core.config import RampConfig
from core.models import DealStatus, Quota
from core.money import to_cents
from core.periods import FiscalCalendar, Period, PeriodKind
from core.quotas import overlap_share
from core.ramp import RampMonth, ramp_end, ramp_month_on, ramp_months

MEETING_KINDS = ("meeting", "meetings", "demo")


@dataclass(frozen=True, slots=True)
class Milestones:
    first_meeting: date | None
    first_deal: date | None
    first_win: date | None


@dataclass(frozen=True, slots=True)
class RampProgress:
    """A rep's place on the ramp on one day."""

    hire_date: date
    months: tuple[RampMonth, ...]
    current: RampMonth | None  # None: before the hire date or past the ramp
    full_from: date  # the first day at full quota

    @property
    def ramping(self) -> bool:
        return self.current is not None

    @property
    def share(self) -> Decimal:
        """The share of full quota carried on the day asked about."""
        return self.current.share if self.current is not None else Decimal(1)


def ramp_progress(ramp: RampConfig, hire_date: date | None, day: date) -> RampProgress | None:
    """Where a rep hired on `hire_date` is on the ramp on `day`; None without a ramp."""
    if not ramp.months or hire_date is None:
        return None
    return RampProgress(
        hire_date,
        ramp_months(ramp, hire_date),
        ramp_month_on(ramp, hire_date, day),
        ramp_end(ramp, hire_date),
    )


def milestones(session: Session, reps: Collection[int], through: date) -> dict[int, Milestones]:
    """The first meeting, first deal created and first win of each rep, up to `through`."""
    connection = session.connection()
    meetings = connection.execute(
        select(activity.c.rep_id, func.min(activity.c.occurred_on))
        .where(
            activity.c.rep_id.in_(reps),
            func.lower(activity.c.kind).in_(MEETING_KINDS),
            activity.c.count > 0,
            activity.c.occurred_on <= through,
        )
        .group_by(activity.c.rep_id)
    )
    first_meeting = {row[0]: row[1] for row in meetings}
    created = connection.execute(
        select(deal.c.owner_id, func.min(deal.c.created_date))
        .where(deal.c.owner_id.in_(reps), deal.c.created_date <= through)
        .group_by(deal.c.owner_id)
    )
    first_deal = {row[0]: row[1] for row in created}
    won = connection.execute(
        select(deal.c.owner_id, func.min(deal.c.close_date))
        .where(
            deal.c.owner_id.in_(reps),
            deal.c.status == DealStatus.WON,
            deal.c.close_date <= through,
        )
        .group_by(deal.c.owner_id)
    )
    first_win = {row[0]: row[1] for row in won}
    return {
        rep: Milestones(first_meeting.get(rep), first_deal.get(rep), first_win.get(rep))
        for rep in reps
    }


@dataclass(frozen=True, slots=True)
class RampPoint:
    """One ramp month so far: what the ramp asked of the rep and what they won."""

    month: RampMonth
    full_quota: Decimal | None  # the month's quota before the ramp
    won: Decimal

    @property
    def actual(self) -> Decimal | None:
        """Won over the full quota: what the ramp's share is measured against."""
        if self.full_quota is None or self.full_quota <= 0:
            return None
        return self.won / self.full_quota


def ramp_curves(
    session: Session,
    calendar: FiscalCalendar,
    ramp: RampConfig,
    hires: dict[int, date],
    through: date,
) -> dict[int, tuple[RampPoint, ...]]:
    """Each hire's ramp months up to `through`, with full quota and won revenue.

    Three queries for any number of hires: their quotas, and their won deals by day.
    """
    if not hires or not ramp.months:
        return {}
    since = min(hires.values())
    quotas = list(
        session.exec(
            sqlmodel_select(Quota).where(
                col(Quota.rep_id).in_(hires),
                Quota.metric == "won_revenue",
                Quota.end_date >= since,
                Quota.start_date <= through,
            )
        )
    )
    won_rows = session.connection().execute(
        select(
            deal.c.owner_id, deal.c.close_date, func.sum(type_coerce(deal.c.amount, BigInteger))
        )
        .where(
            deal.c.owner_id.in_(hires),
            deal.c.status == DealStatus.WON,
            deal.c.close_date.between(since, through),
        )
        .group_by(deal.c.owner_id, deal.c.close_date)
    )
    won_by_day: dict[int, list[tuple[date, int]]] = {}
    for owner, day, hundredths in won_rows:
        won_by_day.setdefault(owner, []).append((day, int(hundredths or 0)))

    curves: dict[int, tuple[RampPoint, ...]] = {}
    for rep_id, hired in hires.items():
        points = []
        for month in ramp_months(ramp, hired):
            if month.start > through:
                break
            period = Period(
                PeriodKind.CUSTOM, f"{month.start}..{month.end}", month.start, month.end
            )
            targets = [
                quota.target * overlap_share(calendar, quota.start_date, quota.end_date, period)
                for quota in quotas
                if quota.rep_id == rep_id
                and quota.start_date <= month.end
                and quota.end_date >= month.start
            ]
            last = min(month.end, through)
            won = sum(
                (n for day, n in won_by_day.get(rep_id, []) if month.start <= day <= last), 0
            )
            full = to_cents(sum(targets, Decimal(0))) if targets else None
            points.append(RampPoint(month, full, Decimal(won).scaleb(-2)))
        curves[rep_id] = tuple(points)
    return curves
