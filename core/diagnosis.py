"""Diagnosis: which of a rep's drivers most explain their gap to quota, against their team.

Seven drivers are measured for everyone on the rep's team over the period to date:
activities a week, pipeline created (the amount of deals created in the period),
coverage, win rate, average deal size, sales cycle and the share of open deals that
are stale. Each is compared with the team's median and its top quartile (the 75th
percentile, or the 25th for the two where less is better: sales cycle and stale
share), interpolated between the nearest values. The team is everyone who sells on
the rep's current team, the rep included; a team of fewer than three widens to the
team above it, then to the company. A rep with no figure for a driver (no deal
closed, say) is left out of that driver's median.

The model. The rep's projected result is P = W + V: won so far plus the weighted
open pipeline closing in the period (the scorecard's weighted projection). Each
driver is set to the team median, the others held, and P recomputed:

- activities, pipeline created, win rate, deal size feed the whole funnel:
  P' = P x median / rep (twice the win rate on the same deals wins twice as much);
- sales cycle: revenue flows at the pipeline over the cycle, so P' = P x rep / median;
- coverage acts on the open part only: P' = W + V x median / rep;
- stale share: stale deals are taken not to close, so P' = W + V x (1 - median) / (1 - rep).

Each ratio is capped at 3, so that a near-zero figure does not swamp the rest (a rep
at zero on a driver the team has gets the cap). A driver at or better than the
median adds nothing. The lift P' - P says how much of the gap (quota - P) the driver
explains; the focus is the driver with the largest lift, and the next one too when
its lift is at least half of the first's.

Everything is read for the whole team in a few set-based queries (see `diagnose`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlmodel import Session

from core import aggregates
from core.aggregates import deal
from core.config import Settings
from core.money import to_cents
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.quotas import QuotaBook
from core.results import Scope, Scorecard, SubjectKind
from core.scope import subject_of
from core.scorecards import build_scorecard, cents
from core.snapshot import Snapshot

CAP = Decimal(3)
MIN_TEAM = 3
SECOND_FOCUS = Decimal("0.5")  # a second driver when its lift is half the first's
WEEK = Decimal(5)  # business days


class Driver(StrEnum):
    ACTIVITY = "activity"
    PIPELINE_CREATED = "pipeline_created"
    COVERAGE = "coverage"
    WIN_RATE = "win_rate"
    DEAL_SIZE = "deal_size"
    SALES_CYCLE = "sales_cycle"
    STALE_SHARE = "stale_share"


LESS_IS_BETTER = frozenset({Driver.SALES_CYCLE, Driver.STALE_SHARE})
PIPELINE_ONLY = frozenset({Driver.COVERAGE, Driver.STALE_SHARE})


@dataclass(frozen=True, slots=True)
class DriverStanding:
    driver: Driver
    value: Decimal | None
    median: Decimal | None
    top_quartile: Decimal | None
    projection_at_median: Decimal | None  # P with this driver at the median
    lift: Decimal  # projection_at_median - projection; 0 when at or above the median

    @property
    def behind(self) -> bool:
        return self.lift > 0


@dataclass(frozen=True, slots=True)
class Diagnosis:
    card: Scorecard
    team: str | None  # the name of the team compared with; None: the whole company
    team_size: int
    projection: Decimal  # won + weighted pipeline
    gap: Decimal | None  # quota - projection; None without a quota
    drivers: tuple[DriverStanding, ...]  # every driver, in Driver order
    focus: tuple[DriverStanding, ...]  # one or two, the largest lift first

    def standing(self, driver: Driver) -> DriverStanding:
        return next(found for found in self.drivers if found.driver is driver)


def diagnose(
    session: Session, settings: Settings, rep_id: int, period: Period, as_of: datetime
) -> Diagnosis:
    """The rep's drivers against their team's, and the one or two to work on first.

    Reads the team's organisation, closed deals (two queries), open deals,
    activities, quotas and deals created: the same queries for a team of 3 or 300.
    """
    calendar = FiscalCalendar(settings.calendar)
    org = Org.load(session)
    team_name, team = peers_of(org, rep_id)
    snapshot = Snapshot(settings, calendar, period, as_of, org, False)
    start, through = period.start, snapshot.through
    if through >= start:
        snapshot.closed = aggregates.closed_totals(
            session, start, through, split_by_team=False, owners=team
        )
        snapshot.activities = aggregates.activity_totals(
            session, start, through, split_by_team=False, owners=team
        )
    snapshot.open = aggregates.open_totals(
        session, start, period.end, snapshot.today, settings.thresholds.stale_days,
        split_by_team=False, owners=team,
    )  # fmt: skip
    snapshot.quotas = QuotaBook.load(session, calendar, period, reps=team, ramp=settings.ramp)
    created = _created_cents(session, team, period, through)
    weeks = calendar.elapsed_business_days(period, as_of) / WEEK

    values: dict[int, dict[Driver, Decimal | None]] = {}
    cards: dict[int, Scorecard] = {}
    for member in team:
        scope = Scope(SubjectKind.REP, member)
        cards[member] = build_scorecard(snapshot, scope, subject_of(org, scope))
        stale = snapshot.open_for(scope)
        values[member] = driver_values(
            cards[member], snapshot.activities_for(scope).count, weeks,
            cents(created.get(member, 0)), stale.stale, stale.open_deals,
        )  # fmt: skip
    return assess(cards[rep_id], values[rep_id], values.values(), team_name, len(team))


def peers_of(org: Org, rep_id: int) -> tuple[str | None, set[int]]:
    """The group a rep is compared with: their team, or wider when it is too small."""
    selling = [rep for rep in org.reps.values() if rep.id in org.active_reps]
    team_id = org.reps[rep_id].team_id
    while team_id is not None:
        subtree = org.subtree(team_id)
        found = {rep.id for rep in selling if rep.team_id in subtree} | {rep_id}
        if len(found) >= MIN_TEAM:
            return org.teams[team_id].name, found
        team_id = org.teams[team_id].parent_id
    return None, {rep.id for rep in selling} | {rep_id}


def driver_values(
    card: Scorecard,
    activities: int,
    weeks: Decimal,
    created: Decimal,
    stale: int,
    open_deals: int,
) -> dict[Driver, Decimal | None]:
    """One rep's drivers from their scorecard and the extra totals."""
    return {
        Driver.ACTIVITY: Decimal(activities) / weeks if weeks > 0 else None,
        Driver.PIPELINE_CREATED: created,
        Driver.COVERAGE: card.coverage,
        Driver.WIN_RATE: card.win_rate,
        Driver.DEAL_SIZE: card.average_deal_size,
        Driver.SALES_CYCLE: card.sales_cycle_days,
        Driver.STALE_SHARE: Decimal(stale) / open_deals if open_deals else None,
    }


def assess(
    card: Scorecard,
    own: dict[Driver, Decimal | None],
    team: Iterable[dict[Driver, Decimal | None]],
    team_name: str | None,
    team_size: int,
) -> Diagnosis:
    """The model of the module docstring, on figures already measured."""
    everyone = list(team)
    won, weighted = card.won_revenue, card.weighted_pipeline
    projection = won + weighted
    standings = []
    for driver in Driver:
        found = [values[driver] for values in everyone if values[driver] is not None]
        numbers = sorted(value for value in found if value is not None)
        median = percentile(numbers, Decimal("0.5"))
        top = percentile(numbers, Decimal("0.25") if driver in LESS_IS_BETTER else Decimal("0.75"))
        at_median = _at_median(driver, own[driver], median, won, weighted)
        lift = max(at_median - projection, Decimal(0)) if at_median is not None else Decimal(0)
        standings.append(DriverStanding(driver, own[driver], median, top, at_median, lift))

    order = list(Driver)
    ranked = sorted(
        (found for found in standings if found.behind),
        key=lambda found: (-found.lift, order.index(found.driver)),
    )
    focus = ranked[:1]
    if len(ranked) > 1 and ranked[1].lift >= ranked[0].lift * SECOND_FOCUS:
        focus.append(ranked[1])
    gap = card.quota - projection if card.quota is not None else None
    return Diagnosis(card, team_name, team_size, projection, gap, tuple(standings), tuple(focus))


def _at_median(
    driver: Driver,
    value: Decimal | None,
    median: Decimal | None,
    won: Decimal,
    weighted: Decimal,
) -> Decimal | None:
    """The projection with this one driver at the team median, or None if unknown."""
    if value is None or median is None:
        return None
    if driver in LESS_IS_BETTER:
        better, worse = (Decimal(1) - median, Decimal(1) - value)
        if driver is Driver.SALES_CYCLE:
            better, worse = value, median
    else:
        better, worse = median, value
    if better <= worse:
        return won + weighted  # at or better than the median: nothing to gain
    factor = CAP if worse <= 0 else min(better / worse, CAP)
    if driver in PIPELINE_ONLY:
        return to_cents(won + weighted * factor)
    return to_cents((won + weighted) * factor)


def percentile(values: list[Decimal], share: Decimal) -> Decimal | None:
    """The value below which `share` of the sorted values lie, interpolated linearly."""
    if not values:
        return None
    position = share * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _created_cents(
    session: Session, reps: set[int], period: Period, through: date
) -> dict[int, int]:
    """Hundredths of the amounts of deals created in the period to date, per rep."""
    if through < period.start:
        return {}
    query = (
        select(deal.c.owner_id, func.coalesce(func.sum(type_coerce(deal.c.amount, BigInteger)), 0))
        .where(deal.c.created_date.between(period.start, through), deal.c.owner_id.in_(reps))
        .group_by(deal.c.owner_id)
    )
    return {owner: int(total) for owner, total in session.connection().execute(query)}
