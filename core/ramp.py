"""Ramped quotas: a new hire carries a growing share of their quota, month by month.

`[ramp] months = [0.25, 0.5, 0.75]` in quotabot.toml gives every rep with a hire date
25% of their quota in their first month, 50% in the second, 75% in the third and 100%
from then on. Ramp months run from the hire date, as the earnings draw's do: a rep
hired on 16 October is in month 1 from 16 October to 15 November, month 2 from 16
November to 15 December, and so on.

A target is spread evenly over its business days, and each business day carries the
ramp share of the month it falls in; days before the hire date carry nothing. So a
rep hired on Monday 16 November 2026 with a November target of 21,000 (21 business
days, 11 of them from the 16th) carries 21,000 x 11/21 x 25% = 2,750 for November,
and a quarter's quota seen across ramp months adds up each month's share of it.
Without `[ramp]`, quotas count as RevOps set them, hire date or not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from core.commission import add_months
from core.config import RampConfig
from core.models import Rep
from core.periods import FiscalCalendar

FULL = Decimal(1)


@dataclass(frozen=True, slots=True)
class RampMonth:
    """One month of a rep's ramp: its number from 1, its days and its share of quota."""

    number: int
    start: date
    end: date  # inclusive
    share: Decimal


def ramp_months(ramp: RampConfig, hire_date: date) -> tuple[RampMonth, ...]:
    """The ramp's months for a rep hired on `hire_date`, in order."""
    return tuple(
        RampMonth(
            index + 1,
            add_months(hire_date, index),
            add_months(hire_date, index + 1) - timedelta(days=1),
            share,
        )
        for index, share in enumerate(ramp.months)
    )


def ramp_end(ramp: RampConfig, hire_date: date) -> date:
    """The first day at full quota."""
    return add_months(hire_date, len(ramp.months))


def ramp_month_on(ramp: RampConfig, hire_date: date, day: date) -> RampMonth | None:
    """The ramp month that `day` falls in; None before the hire date or after the ramp."""
    for month in ramp_months(ramp, hire_date):
        if month.start <= day <= month.end:
            return month
    return None


def ramped_share(
    calendar: FiscalCalendar,
    ramp: RampConfig,
    hire_date: date | None,
    first: date,
    last: date,
) -> tuple[Decimal, int]:
    """The ramp-weighted business days of `first`..`last`, and the plain count.

    Each business day counts its ramp share (0 before the hire date, 1 after the
    ramp), so the first number over the second is the average share of those days.
    """
    plain = calendar.business_days(first, last)
    if hire_date is None or not ramp.months or first >= ramp_end(ramp, hire_date):
        return Decimal(plain), plain
    weighted = Decimal(0)
    pieces = [(date.min, hire_date - timedelta(days=1), Decimal(0))]
    pieces += [(month.start, month.end, month.share) for month in ramp_months(ramp, hire_date)]
    pieces.append((ramp_end(ramp, hire_date), date.max, FULL))
    for start, end, share in pieces:
        low, high = max(start, first), min(end, last)
        if low <= high:
            weighted += share * calendar.business_days(low, high)
    return weighted, plain


def in_ramp(ramp: RampConfig, hire_date: date | None, first: date) -> bool:
    """Whether anything from `first` on can still be ramped for this hire date."""
    return bool(ramp.months) and hire_date is not None and first < ramp_end(ramp, hire_date)


def hire_dates(session: Session, reps: Collection[int]) -> dict[int, date]:
    """The recorded hire dates of these reps, in one query."""
    table = Rep.__table__  # type: ignore[attr-defined]
    query = select(table.c.id, table.c.hire_date).where(
        table.c.id.in_(reps), table.c.hire_date.is_not(None)
    )
    return {row[0]: row[1] for row in session.connection().execute(query)}
