"""Leaderboards: reps, teams or managers ranked on one metric, with movement since yesterday.

Most improved ranks the change of attainment against the previous period of the same
kind (a quarter against the quarter before, in full): this period's attainment to
date less last period's. Whoever has no quota in either period has no change to rank
and is left unranked. Early in a period the change is mostly negative for everyone;
the ranking is what counts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from operator import itemgetter

from sqlmodel import Session

from core.aggregates import ActivityTotals, ClosedTotals
from core.config import Settings
from core.money import to_cents
from core.periods import FiscalCalendar, Period, comparable_as_of
from core.ranking import rank_in_name_order
from core.results import GroupBy, Leaderboard, LeaderboardRow, Metric, Scope, Subject
from core.scorecards import cents, ratio
from core.snapshot import Snapshot

# Each metric from a subject's totals, today's or the day before's, as a number that
# orders and ties exactly as the metric does: whole hundredths and counts stay integers,
# which rank faster than Decimals, and only the rows shown are turned into values.
Number = Decimal | int
Value = Callable[[ClosedTotals, ActivityTotals, Decimal | None, bool], Number | None]


def _won_revenue(c: ClosedTotals, _a: ActivityTotals, _q: Decimal | None, before: bool) -> int:
    return c.won_cents_before if before else c.won_cents


def _attainment(
    c: ClosedTotals, _a: ActivityTotals, quota: Decimal | None, before: bool
) -> Decimal | None:
    return ratio(cents(c.won_cents_before if before else c.won_cents), quota)


def _deals_won(c: ClosedTotals, _a: ActivityTotals, _q: Decimal | None, before: bool) -> int:
    return c.won_before if before else c.won


def _win_rate(
    c: ClosedTotals, _a: ActivityTotals, _q: Decimal | None, before: bool
) -> Decimal | None:
    won, lost = (c.won_before, c.lost_before) if before else (c.won, c.lost)
    return ratio(won, won + lost)


def _average_deal_size(
    c: ClosedTotals, _a: ActivityTotals, _q: Decimal | None, before: bool
) -> Decimal | None:
    won_cents, won = (c.won_cents_before, c.won_before) if before else (c.won_cents, c.won)
    average = ratio(cents(won_cents), won)
    # Rounded as the scorecard rounds it: to the cent, half to even.
    return to_cents(average) if average is not None else None


def _activities(_c: ClosedTotals, a: ActivityTotals, _q: Decimal | None, before: bool) -> int:
    return a.count_before if before else a.count


def _as_is(number: Number) -> Decimal:
    return Decimal(number)


VALUES: dict[Metric, tuple[Value, Callable[[Number], Decimal]]] = {
    Metric.WON_REVENUE: (_won_revenue, lambda hundredths: cents(int(hundredths))),
    Metric.ATTAINMENT: (_attainment, _as_is),
    Metric.DEALS_WON: (_deals_won, _as_is),
    Metric.WIN_RATE: (_win_rate, _as_is),
    Metric.AVERAGE_DEAL_SIZE: (_average_deal_size, _as_is),
    Metric.ACTIVITIES: (_activities, _as_is),
    Metric.MOST_IMPROVED: (_attainment, _as_is),  # less the baseline: see `leaderboard`
    # Points come in the activities' place: a whole number, and the one of the day before.
    Metric.POINTS: (_activities, _as_is),
}
NEEDS_QUOTA = frozenset({Metric.ATTAINMENT, Metric.MOST_IMPROVED})


def leaderboard(
    session: Session,
    settings: Settings,
    period: Period,
    as_of: datetime,
    *,
    metric: Metric = Metric.WON_REVENUE,
    by: GroupBy = GroupBy.REP,
    within: Scope | None = None,
) -> Leaderboard:
    """Everyone on the board ranked on `metric`, with places gained since the day before."""
    within = within or Scope.company()
    snapshot = Snapshot.load(
        session,
        settings,
        period,
        as_of,
        within=within,
        by=by,
        closed=metric not in (Metric.ACTIVITIES, Metric.POINTS),
        with_lost=metric is Metric.WIN_RATE,
        with_cycle=False,
        activities=metric is Metric.ACTIVITIES,
        points=metric is Metric.POINTS,
        quotas=metric in NEEDS_QUOTA,
    )
    value, shown = VALUES[metric]
    baseline = _baseline(session, settings, period, as_of, by, within, metric)

    entries: list[tuple[Subject, Number | None, Number | None]] = []
    for scope, subject in snapshot.subjects(by, within):
        closed = snapshot.closed_for(scope)
        if metric is Metric.POINTS:
            done = snapshot.points_for(scope)
        else:
            done = snapshot.activities_for(scope)
        quota = snapshot.quota_for(scope) if metric in NEEDS_QUOTA else None
        current, earlier = value(closed, done, quota, False), value(closed, done, quota, True)
        if baseline is not None:
            last = baseline.closed_for(scope)
            before = _attainment(last, done, baseline.quota_for(scope), False)
            current, earlier = _less(current, before), _less(earlier, before)
        entries.append((subject, current, earlier))  # in name order, as subjects come

    today = rank_in_name_order(entries, itemgetter(1))
    # Movement needs a day before inside the period; on its first day there is none.
    yesterday: dict[int | None, int | None] = {}
    if snapshot.through > period.start:
        ranked = rank_in_name_order(entries, itemgetter(2))
        yesterday = {entry[0].id: rank for rank, entry in ranked}

    rows = []
    for rank, (subject, current, _) in today:
        rank_before = yesterday.get(subject.id)
        movement: int | None = None
        if rank is not None and rank_before is not None:
            movement = rank_before - rank
        rows.append(
            LeaderboardRow(rank, subject, None if current is None else shown(current), movement)
        )
    return Leaderboard(metric, by, period, as_of, tuple(rows))


def _baseline(
    session: Session,
    settings: Settings,
    period: Period,
    as_of: datetime,
    by: GroupBy,
    within: Scope,
    metric: Metric,
) -> Snapshot | None:
    """The previous period at the same point, which most improved compares with; None
    for other metrics. A quarter three weeks in is set against the previous quarter
    three weeks in, so that the change is fair early in a period as well as late."""
    if metric is not Metric.MOST_IMPROVED:
        return None
    calendar = FiscalCalendar(settings.calendar)
    previous = calendar.previous(period)
    return Snapshot.load(
        session,
        settings,
        previous,
        comparable_as_of(calendar, period, previous, as_of),
        within=within,
        by=by,
        with_lost=False,
        with_cycle=False,
    )


def _less(number: Number | None, baseline: Number | None) -> Number | None:
    """The change from the baseline; None when either side has none (no quota)."""
    if number is None or baseline is None:
        return None
    return Decimal(number) - Decimal(baseline)
