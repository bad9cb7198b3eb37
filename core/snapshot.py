"""The figures of one period at one instant, loaded once and read for any scope.

A snapshot runs a handful of set-based queries (organisation, closed deals, open
deals, activities, quotas) and then answers for the company, any team, rep or
manager without going back to the database. Leaderboards and scorecards both read
it, so a number means the same wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import TypeVar

from sqlmodel import Session

from core import aggregates
from core.aggregates import ActivityTotals, ClosedTotals, Key, OpenTotals
from core.config import Settings
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.quotas import QuotaBook
from core.ranking import in_name_order
from core.results import GroupBy, Scope, Subject, SubjectKind
from core.scope import TotalsIndex, owners_of, quota_day, subject_of

T = TypeVar("T", ClosedTotals, OpenTotals, ActivityTotals)
EMPTY_CLOSED = ClosedTotals()
EMPTY_ACTIVITIES = ActivityTotals()


def add_up(kind: type[T], parts: Sequence[T]) -> T:
    """The field-by-field sum of totals of one kind."""
    if len(parts) == 1:
        return parts[0]  # a rep's own totals, the common case on a board
    if not parts:
        return kind()
    names = [field.name for field in fields(kind)]
    return kind(*(sum(getattr(part, name) for part in parts) for name in names))


@dataclass
class Snapshot:
    settings: Settings
    calendar: FiscalCalendar
    period: Period
    as_of: datetime
    org: Org
    split_by_team: bool
    closed: dict[Key, ClosedTotals] = field(default_factory=dict)
    open: dict[Key, OpenTotals] = field(default_factory=dict)
    activities: dict[Key, ActivityTotals] = field(default_factory=dict)
    points: dict[Key, ActivityTotals] = field(default_factory=dict)  # whole points
    quotas: QuotaBook = field(default_factory=lambda: QuotaBook({}, {}))
    members: dict[int, set[int]] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.calendar.local_date(self.as_of)

    @property
    def through(self) -> date:
        """The last day whose results count: the as-of day, or the period's end."""
        return min(self.period.end, self.today)

    @classmethod
    def load(
        cls,
        session: Session,
        settings: Settings,
        period: Period,
        as_of: datetime,
        *,
        within: Scope,
        by: GroupBy | None = None,
        closed: bool = True,
        with_lost: bool = True,
        with_cycle: bool = True,
        open_deals: bool = False,
        activities: bool = False,
        points: bool = False,
        quotas: bool = True,
    ) -> Snapshot:
        """Load what the question needs, for the reps that can count in `within`."""
        calendar = FiscalCalendar(settings.calendar)
        org = Org.load(session)
        split = within.kind is SubjectKind.TEAM or by is GroupBy.TEAM
        snapshot = cls(settings, calendar, period, as_of, org, split)
        owners = owners_of(org, within)
        if within.kind is SubjectKind.REP and by is not None:
            owners = None  # a rep's own board still ranks everyone

        start, through = period.start, snapshot.through
        if closed and through >= start:
            snapshot.closed = aggregates.closed_totals(
                session,
                start,
                through,
                split_by_team=split,
                with_lost=with_lost,
                with_cycle=with_cycle,
                owners=owners,
            )
        if open_deals:
            snapshot.open = aggregates.open_totals(
                session,
                period.start,
                period.end,
                snapshot.today,
                settings.thresholds.stale_days,
                split_by_team=split,
                owners=owners,
            )
        if activities and through >= start:
            snapshot.activities = aggregates.activity_totals(
                session, start, through, split_by_team=split, owners=owners
            )
        if points and through >= start:
            snapshot.points = aggregates.point_totals(
                session, start, through, split_by_team=split, owners=owners
            )
        if quotas and owners is not None and by in (None, GroupBy.REP):
            # Only a rep's, or a manager's people's, quotas: no team quota is needed.
            snapshot.quotas = QuotaBook.load(
                session, calendar, period, reps=owners, ramp=settings.ramp
            )
        elif quotas:
            snapshot.quotas = QuotaBook.load(session, calendar, period, ramp=settings.ramp)
            day = quota_day(period.end, snapshot.today, period.start)
            snapshot.members = aggregates.members_on(session, day)
        return snapshot

    # -- totals for a scope ---------------------------------------------------------

    @cached_property
    def _closed(self) -> TotalsIndex[ClosedTotals]:
        return TotalsIndex(self.closed)

    @cached_property
    def _open(self) -> TotalsIndex[OpenTotals]:
        return TotalsIndex(self.open)

    @cached_property
    def _activities(self) -> TotalsIndex[ActivityTotals]:
        return TotalsIndex(self.activities)

    def closed_for(self, scope: Scope) -> ClosedTotals:
        if scope.kind is SubjectKind.REP and not self.split_by_team:
            return self.closed.get((scope.id or 0, None)) or EMPTY_CLOSED  # a board's hot path
        return add_up(ClosedTotals, self._closed.select(self.org, scope))

    def open_for(self, scope: Scope) -> OpenTotals:
        return add_up(OpenTotals, self._open.select(self.org, scope))

    def activities_for(self, scope: Scope) -> ActivityTotals:
        if not self.activities:
            return EMPTY_ACTIVITIES
        return add_up(ActivityTotals, self._activities.select(self.org, scope))

    @cached_property
    def _points(self) -> TotalsIndex[ActivityTotals]:
        return TotalsIndex(self.points)

    def points_for(self, scope: Scope) -> ActivityTotals:
        if not self.points:
            return EMPTY_ACTIVITIES
        return add_up(ActivityTotals, self._points.select(self.org, scope))

    def quota_for(self, scope: Scope) -> Decimal | None:
        if scope.kind is SubjectKind.REP and scope.id is not None:
            return self.quotas.rep(scope.id)
        if scope.kind is SubjectKind.MANAGER and scope.id is not None:
            return self.quotas.reps(self.org.reports(scope.id))
        if scope.kind is SubjectKind.TEAM and scope.id is not None:
            return self.quotas.team(self.org, scope.id, self.members)
        # The company: its top-level teams, plus anyone on no team at all.
        top = [
            self.quotas.team(self.org, team, self.members) for team in self.org.child_teams(None)
        ]
        teamless = [rep.id for rep in self.org.reps.values() if rep.team_id is None]
        parts = [*top, self.quotas.reps(teamless)]
        found = [part for part in parts if part is not None]
        return sum(found, Decimal("0.00")) if found else None

    # -- who is on a board ----------------------------------------------------------

    def subjects(self, by: GroupBy, within: Scope) -> list[tuple[Scope, Subject]]:
        """The rows of a board or a set of scorecards, in name order: reps, leaf teams
        or managers."""
        org = self.org
        if by is GroupBy.TEAM:
            teams = set(org.teams)
            if within.kind is SubjectKind.TEAM and within.id is not None:
                teams = org.subtree(within.id)
            leaves = [team for team in teams if not org.child_teams(team)]
            scopes = [Scope(SubjectKind.TEAM, team) for team in leaves]
        elif by is GroupBy.MANAGER:
            people = self._people_within(within)
            scopes = [
                Scope(SubjectKind.MANAGER, manager.id)
                for manager in org.managers()
                if manager.id in people and org.reports(manager.id)
            ]
        else:
            # Active reps, and anyone else (a manager, a leaver) with results to show.
            counted = {owner for owner, _ in self.closed} | {rep for rep, _ in self.activities}
            counted |= {rep for rep, _ in self.points}
            ids = org.active_reps | (counted & org.reps.keys())
            if within.kind is not SubjectKind.COMPANY:
                ids &= self._people_within(within)
            return [org.rep_entries[rep] for rep in org.reps_in_name_order if rep in ids]
        pairs = [(scope, subject_of(org, scope)) for scope in scopes]
        return in_name_order(pairs, lambda pair: pair[1].name)

    def _people_within(self, within: Scope) -> set[int]:
        """Reps who belong to the scope today (by current team or reporting line)."""
        org = self.org
        if within.kind is SubjectKind.TEAM and within.id is not None:
            teams = org.subtree(within.id)
            return {rep.id for rep in org.reps.values() if rep.team_id in teams}
        if within.kind is SubjectKind.MANAGER and within.id is not None:
            return org.reports(within.id)
        return set(org.reps)
