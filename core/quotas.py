"""Quotas for any period, from the targets that RevOps set (usually months or quarters).

A target counts in full for a period that covers it, and in proportion to the
business days of overlap for one that covers part of it (a quarterly quota seen
from one of its months). A team's quota is its own target if it has one for the
period, else the sum of its sub-teams' and its members' quotas.

A rep's targets are ramped while they are new (see core.ramp): everything that reads
quotas (attainment, pace, boards, at-risk, earnings tiers) reads the ramped ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from core.config import RampConfig
from core.models import Quota
from core.money import to_cents
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.ramp import hire_dates, in_ramp, ramped_share


@dataclass(frozen=True)
class QuotaBook:
    """Every quota that overlaps one period, prorated to it."""

    by_rep: dict[int, Decimal]
    by_team: dict[int, Decimal]  # teams' own targets only

    @classmethod
    def load(
        cls,
        session: Session,
        calendar: FiscalCalendar,
        period: Period,
        metric: str = "won_revenue",
        *,
        reps: Collection[int] | None = None,
        ramp: RampConfig | None = None,
    ) -> QuotaBook:
        """The quotas overlapping `period`: everyone's, or only these reps' (no teams').

        With a `ramp`, reps' targets are ramped from their hire dates.
        """
        query = select(Quota).where(
            Quota.metric == metric,
            Quota.start_date <= period.end,
            Quota.end_date >= period.start,
        )
        if reps is not None:
            query = query.where(col(Quota.rep_id).in_(reps))
        rows = list(session.exec(query))
        hired = _hire_dates(session, {q.rep_id for q in rows if q.rep_id is not None}, ramp)
        by_rep: dict[int, Decimal] = defaultdict(Decimal)
        by_team: dict[int, Decimal] = defaultdict(Decimal)
        for quota in rows:
            if quota.rep_id is not None:
                hire_date = hired.get(quota.rep_id)
                first = max(quota.start_date, period.start)
                if ramp is not None and in_ramp(ramp, hire_date, first):
                    share = _ramped_share(calendar, ramp, hire_date, quota, period)
                else:
                    share = overlap_share(calendar, quota.start_date, quota.end_date, period)
                by_rep[quota.rep_id] += quota.target * share
                continue
            share = overlap_share(calendar, quota.start_date, quota.end_date, period)
            if quota.team_id is not None:
                by_team[quota.team_id] += quota.target * share
        return cls(
            {rep: to_cents(total) for rep, total in by_rep.items()},
            {team: to_cents(total) for team, total in by_team.items()},
        )

    def rep(self, rep_id: int) -> Decimal | None:
        return self.by_rep.get(rep_id)

    def reps(self, rep_ids: Iterable[int]) -> Decimal | None:
        """The sum of the reps' quotas; None when none of them has one."""
        found = [self.by_rep[rep] for rep in rep_ids if rep in self.by_rep]
        return sum(found, Decimal("0.00")) if found else None

    def team(self, org: Org, team_id: int, members: dict[int, set[int]]) -> Decimal | None:
        """The team's own quota, else its sub-teams' and direct members' added up.

        `members` maps each team to the reps counted as its direct members.
        """
        if team_id in self.by_team:
            return self.by_team[team_id]
        parts = [self.team(org, child, members) for child in org.child_teams(team_id)]
        parts.append(self.reps(members.get(team_id, set())))
        found = [part for part in parts if part is not None]
        return sum(found, Decimal("0.00")) if found else None


def overlap_share(calendar: FiscalCalendar, start: date, end: date, period: Period) -> Decimal:
    """The share of a target's span that falls inside `period`, by business days."""
    if period.start <= start and end <= period.end:
        return Decimal(1)
    first, last = max(start, period.start), min(end, period.end)
    whole = calendar.business_days(start, end)
    if whole == 0:
        # A span of weekend days only: share it out by calendar days instead.
        return Decimal((last - first).days + 1) / Decimal((end - start).days + 1)
    return Decimal(calendar.business_days(first, last)) / Decimal(whole)


def _ramped_share(
    calendar: FiscalCalendar,
    ramp: RampConfig,
    hire_date: date | None,
    quota: Quota,
    period: Period,
) -> Decimal:
    """The share of a target inside `period`, each business day weighted by its ramp share."""
    first, last = max(quota.start_date, period.start), min(quota.end_date, period.end)
    _, whole = ramped_share(calendar, ramp, None, quota.start_date, quota.end_date)
    if whole == 0:
        # A span of weekend days only: nothing to ramp by business days; as unramped.
        return overlap_share(calendar, quota.start_date, quota.end_date, period)
    weighted, _ = ramped_share(calendar, ramp, hire_date, first, last)
    return weighted / Decimal(whole)


def _hire_dates(
    session: Session, reps: Collection[int], ramp: RampConfig | None
) -> dict[int, date]:
    """The hire dates of these reps, when a ramp is configured."""
    if ramp is None or not ramp.months or not reps:
        return {}
    return hire_dates(session, reps)
