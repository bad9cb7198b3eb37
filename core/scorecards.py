"""Scorecards: where a rep, team, manager or the company stands in a period.

The definitions are DESIGN.md's metric table; each is computed here once, from the
totals of a snapshot, with money rounded to the cent (half to even).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from core.aggregates import ClosedTotals, OpenTotals
from core.config import Settings
from core.money import to_cents
from core.periods import Period
from core.results import GroupBy, RiskReason, Scope, Scorecard, Subject
from core.scope import subject_of
from core.snapshot import Snapshot

HUNDRED = Decimal(100)
BASIS_POINTS = Decimal(10_000)


def cents(hundredths: int) -> Decimal:
    """Whole hundredths as money: exact, so no rounding is needed."""
    return Decimal(hundredths).scaleb(-2)


def ratio(part: Decimal | int, whole: Decimal | int | None) -> Decimal | None:
    """part / whole, or None when the whole is missing or zero."""
    if whole is None or whole == 0:
        return None
    return Decimal(part) / Decimal(whole)


def scorecard(
    session: Session, settings: Settings, scope: Scope, period: Period, as_of: datetime
) -> Scorecard:
    """The scorecard of one scope (the company, a team, a rep or a manager's people)."""
    snapshot = Snapshot.load(session, settings, period, as_of, within=scope, open_deals=True)
    return build_scorecard(snapshot, scope, subject_of(snapshot.org, scope))


def scorecards(
    session: Session,
    settings: Settings,
    by: GroupBy,
    period: Period,
    as_of: datetime,
    within: Scope | None = None,
) -> list[Scorecard]:
    """One scorecard per rep, leaf team or manager within the scope, in name order."""
    within = within or Scope.company()
    snapshot = Snapshot.load(
        session, settings, period, as_of, within=within, by=by, open_deals=True
    )
    cards = [
        build_scorecard(snapshot, scope, subject)
        for scope, subject in snapshot.subjects(by, within)
    ]
    return sorted(cards, key=lambda card: (card.subject.name.casefold(), card.subject.id or 0))


def at_risk(
    session: Session,
    settings: Settings,
    period: Period,
    as_of: datetime,
    within: Scope | None = None,
) -> list[Scorecard]:
    """The reps at risk within the scope, the furthest behind first."""
    cards = [
        card
        for card in scorecards(session, settings, GroupBy.REP, period, as_of, within)
        if card.at_risk
    ]
    return sorted(cards, key=lambda card: (card.projected_attainment or 0, card.subject.name))


def build_scorecard(snapshot: Snapshot, scope: Scope, subject: Subject) -> Scorecard:
    return compute_scorecard(
        subject,
        snapshot,
        snapshot.closed_for(scope),
        snapshot.open_for(scope),
        snapshot.quota_for(scope),
    )


def compute_scorecard(
    subject: Subject,
    snapshot: Snapshot,
    closed: ClosedTotals,
    open_: OpenTotals,
    quota: Decimal | None,
) -> Scorecard:
    """Every metric of DESIGN.md from raw totals; kept apart from SQL to be checked by hand."""
    calendar, period, as_of = snapshot.calendar, snapshot.period, snapshot.as_of
    thresholds = snapshot.settings.thresholds
    won = cents(closed.won_cents)
    pace = calendar.pace(period, as_of)
    remaining = calendar.remaining_business_days(period, as_of)

    # Attainment, pace and what is left are only defined against a quota above zero.
    has_quota = quota is not None and quota > 0
    attainment = ratio(won, quota) if has_quota else None
    expected = to_cents(quota * pace) if quota is not None else None
    pace_gap = won - expected if expected is not None else None
    left = (quota - won) if quota is not None else None
    needed: Decimal | None = None
    if left is not None and has_quota:
        if left <= 0:
            needed = Decimal("0.00")
        elif remaining > 0:
            needed = to_cents(left / remaining)

    pipeline = cents(open_.pipeline_cents)
    weighted = to_cents(Decimal(open_.weighted_cents_bp) / BASIS_POINTS / HUNDRED)
    coverage = ratio(pipeline, left) if left is not None and left > 0 else None
    projection_weighted = won + weighted
    projection_run_rate = to_cents(won / pace) if pace > 0 else None
    best_projection = max(projection_weighted, projection_run_rate or Decimal(0))
    projected_attainment = ratio(best_projection, quota) if has_quota else None

    # At risk: judged only once enough of the period has gone by to say.
    at_risk = (
        projected_attainment is not None
        and pace >= thresholds.at_risk_after
        and projected_attainment < thresholds.at_risk_below
    )
    reasons: list[RiskReason] = []
    if at_risk:
        reasons.append(RiskReason.LOW_PROJECTION)
        if pace_gap is not None and pace_gap < 0:
            reasons.append(RiskReason.BEHIND_PACE)
        if coverage is not None and coverage < 1:
            reasons.append(RiskReason.LOW_COVERAGE)
        if open_.stale:
            reasons.append(RiskReason.STALE_PIPELINE)

    return Scorecard(
        subject=subject,
        period=period,
        as_of=as_of,
        won_revenue=won,
        deals_won=closed.won,
        deals_lost=closed.lost,
        win_rate=ratio(closed.won, closed.won + closed.lost),
        average_deal_size=to_cents(won / closed.won) if closed.won else None,
        sales_cycle_days=ratio(closed.cycle_days, closed.cycle_deals),
        quota=quota,
        attainment=attainment,
        pace=pace,
        expected_to_date=expected,
        pace_gap=pace_gap,
        remaining_business_days=remaining,
        needed_per_business_day=needed,
        open_pipeline=pipeline,
        weighted_pipeline=weighted,
        coverage=coverage,
        projection_weighted=projection_weighted,
        projection_run_rate=projection_run_rate,
        projected_attainment=projected_attainment,
        open_deals=open_.open_deals,
        stale_deals=open_.stale,
        past_due_deals=open_.past_due,
        at_risk=at_risk,
        risk_reasons=tuple(reasons),
    )
