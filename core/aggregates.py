"""The set-based SQL under every metric: one aggregate per question, never one per rep.

Each function returns raw totals keyed by (rep id, team id). The team is the one
the rep belonged to on the day that counts (a deal's close date, an activity's
day), so that a rep who changes team leaves their past results with the old team.
When no team split is asked for, the team part of the key is None.

Money comes back as whole hundredths (exact integers); turning them into `Decimal`
is the caller's one step.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.sql.selectable import Select
from sqlmodel import Session

from core.models import Activity, Deal, DealStatus, LedgerEntry, TeamMembership
from core.org import Org
from core.results import Scope, SubjectKind

deal = Deal.__table__  # type: ignore[attr-defined]
membership = TeamMembership.__table__  # type: ignore[attr-defined]
activity = Activity.__table__  # type: ignore[attr-defined]
ledger = LedgerEntry.__table__  # type: ignore[attr-defined]

Key = tuple[int, int | None]


class days_between(FunctionElement[int]):
    """Whole days from the first date to the second, in each dialect's own words."""

    type = Integer()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    first, second = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(second, **kw)}) - "
        f"julianday({compiler.process(first, **kw)}) AS INTEGER)"
    )


@compiles(days_between)
def _days_between_default(element: days_between, compiler: Any, **kw: Any) -> str:
    first, second = list(element.clauses)
    return f"({compiler.process(second, **kw)} - {compiler.process(first, **kw)})"


def _cents(column: ColumnElement[Any]) -> ColumnElement[int]:
    """The stored hundredths of a money column, unconverted, so SQL sums stay integers."""
    return type_coerce(column, BigInteger)


def _sum(values: ColumnElement[Any]) -> ColumnElement[int]:
    """SUM of whole numbers, as a whole number: PostgreSQL would hand back NUMERIC,
    which the driver turns into a Decimal per row."""
    return cast(func.sum(values), BigInteger)


def _when(condition: ColumnElement[bool], value: Any) -> ColumnElement[Any]:
    return case((condition, value))


def _count_when(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _member_that_day(rep_column: Any, day: Any) -> ColumnElement[bool]:
    """The membership row of the team the rep was on that day."""
    return and_(
        membership.c.rep_id == rep_column,
        membership.c.start_date <= day,
        or_(membership.c.end_date.is_(None), membership.c.end_date >= day),
    )


def _team_split(query: Select[Any], rep_column: Any, day_column: Any) -> Select[Any]:
    """Join each row to the team its rep was on that day (None when on no team)."""
    return query.outerjoin(membership, _member_that_day(rep_column, day_column))


def deals_in_scope(query: Select[Any], org: Org, scope: Scope, day: Any) -> Select[Any]:
    """Limit a deal query to the scope. A team's deals are those of its members (and of
    the teams below it) on `day`: a date, or a column such as the close date."""
    if scope.kind is SubjectKind.TEAM and scope.id is not None:
        joined = query.join(membership, _member_that_day(deal.c.owner_id, day))
        return joined.where(membership.c.team_id.in_(org.subtree(scope.id)))
    if scope.kind is SubjectKind.REP and scope.id is not None:
        return query.where(deal.c.owner_id == scope.id)
    if scope.kind is SubjectKind.MANAGER and scope.id is not None:
        return query.where(deal.c.owner_id.in_(org.reports(scope.id)))
    return query


@dataclass(frozen=True, slots=True)
class ClosedTotals:
    """Won and lost deals closed in the period up to the as-of day, and to the day before."""

    won_cents: int = 0
    won: int = 0
    lost: int = 0
    cycle_days: int = 0
    cycle_deals: int = 0
    won_cents_before: int = 0
    won_before: int = 0
    lost_before: int = 0


def closed_totals(
    session: Session,
    start: date,
    through: date,
    *,
    split_by_team: bool,
    with_lost: bool = True,
    with_cycle: bool = True,
    owners: Collection[int] | None = None,
) -> dict[Key, ClosedTotals]:
    """Totals of deals closed from `start` to `through`, and to the day before for movement.

    The day before is the total less the last day's, which a second, tiny query over
    that one day reads from the index: far cheaper than a condition on every row.
    Without `with_lost` only won deals are read, and without `with_cycle` no sales
    cycle is measured (those totals stay 0): the lean query that boards need.
    """
    period = _closed(session, start, through, split_by_team, with_lost, with_cycle, owners)
    last_day = _closed(session, through, through, split_by_team, with_lost, False, owners)

    totals: dict[Key, ClosedTotals] = {}
    for key, (won_cents, won, lost, cycle_days, cycle_deals) in period.items():
        day_cents, day_won, day_lost, _, _ = last_day.get(key, (0, 0, 0, 0, 0))
        totals[key] = ClosedTotals(
            won_cents, won, lost, cycle_days, cycle_deals,
            won_cents - day_cents, won - day_won, lost - day_lost,
        )  # fmt: skip
    return totals


def _closed(
    session: Session,
    first: date,
    last: date,
    split_by_team: bool,
    with_lost: bool,
    with_cycle: bool,
    owners: Collection[int] | None,
) -> dict[Key, tuple[int, int, int, int, int]]:
    """(won hundredths, won, lost, cycle days, deals with a cycle) per key."""
    is_won = deal.c.status == DealStatus.WON
    nothing: ColumnElement[Any] = literal(0)
    won_cents: ColumnElement[Any]
    won: ColumnElement[Any]
    lost: ColumnElement[Any]
    cycle_days: ColumnElement[Any]
    cycle_deals: ColumnElement[Any]
    if with_lost:
        won_cents = _sum(_when(is_won, _cents(deal.c.amount)))
        won, lost = _count_when(is_won), _count_when(deal.c.status == DealStatus.LOST)
    else:
        won_cents, won, lost = _sum(_cents(deal.c.amount)), func.count(), nothing
    if with_cycle:
        cycle = days_between(deal.c.created_date, deal.c.close_date)
        cycle_days = func.sum(_when(is_won, cycle))
        cycle_deals = func.count(_when(and_(is_won, deal.c.created_date.is_not(None)), 1))
    else:
        cycle_days = cycle_deals = nothing
    statuses = [DealStatus.WON, DealStatus.LOST] if with_lost else [DealStatus.WON]

    query = select(deal.c.owner_id, won_cents, won, lost, cycle_days, cycle_deals).where(
        deal.c.status.in_(statuses), deal.c.close_date.between(first, last)
    )
    query = _grouped(query, deal.c.owner_id, deal.c.close_date, split_by_team, owners)
    # Every column here is a whole number on both databases; a SUM of no rows is NULL.
    return {
        (owner, team_id): (a or 0, b or 0, c or 0, d or 0, e or 0)
        for owner, a, b, c, d, e, team_id in _rows(session, query)
    }


def _grouped(
    query: Select[Any],
    rep_column: Any,
    day: Any,
    split_by_team: bool,
    owners: Collection[int] | None,
) -> Select[Any]:
    """Restrict to `owners` and group by rep, or by rep and the team of that `day`.

    The team comes last in each row, as None when the totals are not split by team."""
    if owners is not None:
        query = query.where(rep_column.in_(owners))
    if not split_by_team:
        return query.add_columns(null()).group_by(rep_column)
    query = _team_split(query, rep_column, day).add_columns(membership.c.team_id)
    return query.group_by(rep_column, membership.c.team_id)


def _rows(session: Session, query: Select[Any]) -> Sequence[tuple[Any, ...]]:
    """Rows as (rep, *totals, team or None), whichever way they were grouped."""
    rows: Sequence[tuple[Any, ...]] = session.connection().execute(query).all()
    return rows


@dataclass(frozen=True, slots=True)
class OpenTotals:
    """Open deals: the period's pipeline, and the health of everything still open."""

    pipeline_cents: int = 0
    weighted_cents_bp: int = 0  # hundredths x basis points; divide by 10,000
    pipeline_deals: int = 0
    open_deals: int = 0
    stale: int = 0
    past_due: int = 0


def open_totals(
    session: Session,
    start: date,
    end: date,
    today: date,
    stale_days: int,
    *,
    split_by_team: bool,
    owners: Collection[int] | None = None,
) -> dict[Key, OpenTotals]:
    """Open deals of every owner: those expected to close in `start`..`end`, and staleness.

    A deal is past due when its close date is before `today`, and stale when it is
    past due or untouched (no activity, no stage change) for `stale_days` or more.
    """
    in_period = deal.c.close_date.between(start, end)
    past_due = deal.c.close_date < today
    untouched = deal.c.last_touch_date <= today - timedelta(days=stale_days)
    query = select(
        deal.c.owner_id,
        func.coalesce(func.sum(_when(in_period, _cents(deal.c.amount))), 0),
        func.coalesce(
            func.sum(_when(in_period, _cents(deal.c.amount) * deal.c.probability_bp)), 0
        ),
        _count_when(in_period),
        func.count(),
        _count_when(or_(past_due, untouched)),
        _count_when(past_due),
    ).where(deal.c.status == DealStatus.OPEN)
    # An open deal counts for the team its owner is on today.
    query = _grouped(query, deal.c.owner_id, literal(today), split_by_team, owners)

    totals: dict[Key, OpenTotals] = {}
    for owner, *numbers, team_id in _rows(session, query):
        totals[(owner, team_id)] = OpenTotals(*(int(n or 0) for n in numbers))
    return totals


@dataclass(frozen=True, slots=True)
class ActivityTotals:
    count: int = 0
    count_before: int = 0


def activity_totals(
    session: Session,
    start: date,
    through: date,
    *,
    split_by_team: bool,
    owners: Collection[int] | None = None,
) -> dict[Key, ActivityTotals]:
    """Activities logged from `start` to `through`, with the total to the day before."""
    earlier = activity.c.occurred_on <= through - timedelta(days=1)
    query = select(
        activity.c.rep_id,
        func.coalesce(func.sum(activity.c.count), 0),
        func.coalesce(func.sum(_when(earlier, activity.c.count)), 0),
    ).where(activity.c.occurred_on.between(start, through))
    query = _grouped(query, activity.c.rep_id, activity.c.occurred_on, split_by_team, owners)

    return {
        (rep, team_id): ActivityTotals(int(total), int(total_before))
        for rep, total, total_before, team_id in _rows(session, query)
    }


def point_totals(
    session: Session,
    start: date,
    through: date,
    *,
    split_by_team: bool,
    owners: Collection[int] | None = None,
) -> dict[Key, ActivityTotals]:
    """Points (kinds points and badge) on the days from `start` to `through`, and to the
    day before, as whole points in the shape of activity counts.

    Reversing entries carry the day of the entry they reverse, so a reversed award
    drops out of its own period. Rules give whole points, so the hundredths the ledger
    stores divide exactly.
    """
    earlier = ledger.c.occurred_on <= through - timedelta(days=1)
    query = select(
        ledger.c.rep_id,
        func.coalesce(_sum(_cents(ledger.c.amount)), 0),
        func.coalesce(_sum(_when(earlier, _cents(ledger.c.amount))), 0),
    ).where(ledger.c.kind.in_(("points", "badge")), ledger.c.occurred_on.between(start, through))
    query = _grouped(query, ledger.c.rep_id, ledger.c.occurred_on, split_by_team, owners)

    return {
        (rep, team_id): ActivityTotals(int(total) // 100, int(total_before) // 100)
        for rep, total, total_before, team_id in _rows(session, query)
    }


def members_on(session: Session, day: date) -> dict[int, set[int]]:
    """Each team's direct members on `day`, from the membership history."""
    query = select(membership.c.team_id, membership.c.rep_id).where(
        membership.c.start_date <= day,
        or_(membership.c.end_date.is_(None), membership.c.end_date >= day),
    )
    members: dict[int, set[int]] = {}
    for team_id, rep_id in session.connection().execute(query):
        members.setdefault(team_id, set()).add(rep_id)
    return members
