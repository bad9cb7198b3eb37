"""The frozen, typed answers of the scoring engine. Every part of Quotabot reads these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from core.periods import Period


class Metric(StrEnum):
    WON_REVENUE = "won_revenue"
    ATTAINMENT = "attainment"
    DEALS_WON = "deals_won"
    WIN_RATE = "win_rate"
    AVERAGE_DEAL_SIZE = "average_deal_size"
    ACTIVITIES = "activities"
    MOST_IMPROVED = "most_improved"  # attainment now less attainment last period
    POINTS = "points"


class Unit(StrEnum):
    MONEY = "money"
    RATIO = "ratio"
    COUNT = "count"
    RATIO_CHANGE = "ratio_change"  # a difference of two ratios, told in percentage points


METRIC_UNITS = {
    Metric.WON_REVENUE: Unit.MONEY,
    Metric.ATTAINMENT: Unit.RATIO,
    Metric.DEALS_WON: Unit.COUNT,
    Metric.WIN_RATE: Unit.RATIO,
    Metric.AVERAGE_DEAL_SIZE: Unit.MONEY,
    Metric.ACTIVITIES: Unit.COUNT,
    Metric.MOST_IMPROVED: Unit.RATIO_CHANGE,
    Metric.POINTS: Unit.COUNT,
}


class GroupBy(StrEnum):
    REP = "rep"
    TEAM = "team"
    MANAGER = "manager"


class SubjectKind(StrEnum):
    REP = "rep"
    TEAM = "team"
    MANAGER = "manager"
    COMPANY = "company"


class RiskReason(StrEnum):
    """Why a subject is at risk, most telling first. Texts live in the message catalogue."""

    LOW_PROJECTION = "low_projection"  # neither projection reaches the threshold
    BEHIND_PACE = "behind_pace"  # won revenue below quota x pace
    LOW_COVERAGE = "low_coverage"  # open pipeline smaller than what is left to win
    STALE_PIPELINE = "stale_pipeline"  # open deals untouched or past their close date


@dataclass(frozen=True, slots=True)
class Scope:
    kind: SubjectKind
    id: int | None = None

    @classmethod
    def company(cls) -> Scope:
        return cls(SubjectKind.COMPANY)


@dataclass(frozen=True, slots=True)
class Subject:
    kind: SubjectKind
    id: int | None
    name: str
    email: str | None = None
    team: str | None = None


@dataclass(frozen=True, slots=True)
class Scorecard:
    subject: Subject
    period: Period
    as_of: datetime
    won_revenue: Decimal
    deals_won: int
    deals_lost: int
    win_rate: Decimal | None
    average_deal_size: Decimal | None
    sales_cycle_days: Decimal | None
    quota: Decimal | None
    attainment: Decimal | None
    pace: Decimal
    expected_to_date: Decimal | None  # quota x pace
    pace_gap: Decimal | None  # won revenue - quota x pace
    remaining_business_days: Decimal
    needed_per_business_day: Decimal | None
    open_pipeline: Decimal
    weighted_pipeline: Decimal
    coverage: Decimal | None
    projection_weighted: Decimal
    projection_run_rate: Decimal | None
    projected_attainment: Decimal | None  # the better of the two projections over quota
    open_deals: int
    stale_deals: int
    past_due_deals: int
    at_risk: bool
    risk_reasons: tuple[RiskReason, ...]


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    rank: int | None  # None: no value to rank (no quota, no closed deal)
    subject: Subject
    value: Decimal | None
    movement: int | None  # places gained since the day before; None when unknown


@dataclass(frozen=True, slots=True)
class Leaderboard:
    metric: Metric
    by: GroupBy
    period: Period
    as_of: datetime
    rows: tuple[LeaderboardRow, ...]

    @property
    def unit(self) -> Unit:
        return METRIC_UNITS[self.metric]


@dataclass(frozen=True, slots=True)
class DealView:
    id: int
    name: str | None
    account: str | None
    owner: str
    amount: Decimal | None
    stage: str
    probability: Decimal | None
    close_date: date | None
    days_untouched: int | None
    past_due: bool


@dataclass(frozen=True, slots=True)
class StageSummary:
    stage: str
    deals: int
    amount: Decimal
    average_age_days: Decimal | None


@dataclass(frozen=True, slots=True)
class PipelineHealth:
    subject: Subject
    period: Period
    as_of: datetime
    open_deals: int
    open_amount: Decimal
    period_pipeline: Decimal
    coverage: Decimal | None
    stale: tuple[DealView, ...]
    past_due: tuple[DealView, ...]
    by_stage: tuple[StageSummary, ...]


@dataclass(frozen=True, slots=True)
class Forecast:
    subject: Subject
    period: Period
    as_of: datetime
    quota: Decimal | None
    closed: Decimal
    commit: Decimal
    best_case: Decimal
    pipeline: Decimal
    omitted: Decimal
    weighted_projection: Decimal
    run_rate_projection: Decimal | None

    @property
    def commit_total(self) -> Decimal:
        """What the team commits to: closed plus commit."""
        return self.closed + self.commit

    @property
    def best_case_total(self) -> Decimal:
        return self.closed + self.commit + self.best_case
