"""Earnings: what a rep has earned in a period under their plan, and what they could.

Commission comes from the won deals of the period (core.commission has the rules of
tiers, split periods and rounding); SPIFFs from won deals of a product and from
ledger entries of kind "spiff"; adjustments from ledger entries of kind
"adjustment", "clawback" and "reversed_deal" (see core.clawbacks). While a new hire
ramps, a draw tops earnings up to the guarantee (commission and SPIFFs are measured
against it; adjustments come after, so a clawback is never covered by the draw).

Everything is read in a handful of set-based queries for any number of reps
(core.earnings_facts), then worked out in Python per rep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session

from core.commission import (
    ZERO,
    PartSpec,
    PlanPart,
    TierLine,
    guarantee,
    month_share,
    pay_parts,
    revenue_bounds,
    tier_rates,
)
from core.config import Settings
from core.earnings_facts import ADJUSTMENT_KINDS, SPIFF_KIND, LedgerLine, RepFacts, load_facts
from core.periods import FiscalCalendar, Period
from core.plans import Plan
from core.results import Subject
from core.scope import quota_day


class NoPlanError(LookupError):
    """The rep has no compensation plan in the period."""

    def __init__(self, name: str, period: Period) -> None:
        self.name, self.period = name, period
        super().__init__(f"{name} has no compensation plan in {period.label}")


@dataclass(frozen=True, slots=True)
class SpiffLine:
    plan: str | None
    product: str | None  # None: a SPIFF recorded in the ledger (a contest, say)
    cause: str | None
    deals: int
    amount: Decimal  # each, for deals; the entry's amount otherwise
    total: Decimal


@dataclass(frozen=True, slots=True)
class NextTier:
    number: int
    name: str | None
    lower: Decimal  # share of quota
    rate: Decimal
    threshold: Decimal  # revenue at which it starts
    needed: Decimal  # revenue still to win to reach it


@dataclass(frozen=True, slots=True)
class Projection:
    """Earnings if the weighted open pipeline of the period closes as weighted."""

    revenue: Decimal
    attainment: Decimal | None
    commission: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Earnings:
    subject: Subject
    period: Period
    as_of: datetime
    through: date  # the last day whose deals count
    plan: str | None  # the plan in force on `through`
    quota: Decimal | None
    won_revenue: Decimal
    attainment: Decimal | None
    parts: tuple[PlanPart, ...]
    commission: Decimal
    capped: Decimal
    spiffs: tuple[SpiffLine, ...]
    spiff_total: Decimal
    adjustments: tuple[LedgerLine, ...]
    adjustment_total: Decimal
    guarantee: Decimal
    draw_top_up: Decimal
    total: Decimal
    next_tier: NextTier | None
    quota_missing: bool  # a plan's tiers need a quota the period lacks
    projection: Projection | None = None

    @property
    def tiers(self) -> tuple[TierLine, ...]:
        return tuple(line for part in self.parts for line in part.tiers)

    @property
    def current_tier(self) -> TierLine | None:
        """The tier of the plan in force where the won revenue stands now."""
        lines = [line for line in self.tiers if line.plan == self.plan]
        if not lines or self.quota_missing:
            return None
        attained = self.attainment if self.attainment is not None else Decimal(0)
        found = lines[0]
        for line in lines:
            if line.lower <= attained and line.number >= found.number:
                found = line
        return found


@dataclass(frozen=True, slots=True)
class TierChange:
    plan: str
    number: int
    name: str | None
    rate: Decimal
    revenue: Decimal
    commission: Decimal


@dataclass(frozen=True, slots=True)
class WhatIf:
    before: Earnings
    after: Earnings
    amount: Decimal
    deal_name: str | None
    product: str | None
    changes: tuple[TierChange, ...]  # extra revenue and commission, tier by tier
    extra_commission: Decimal
    extra_spiffs: Decimal
    extra_total: Decimal
    crossed: TierLine | None  # the highest tier newly reached, if it is higher


# -- asking -------------------------------------------------------------------------


def earnings(
    session: Session,
    settings: Settings,
    rep_id: int,
    period: Period,
    as_of: datetime,
    *,
    projection: bool = False,
) -> Earnings:
    """The rep's earnings to date in the period; NoPlanError when they have no plan."""
    facts = load_facts(session, settings, period, as_of, reps=[rep_id])[rep_id]
    if not facts.has_plan:
        raise NoPlanError(facts.subject.name, period)
    return compute(facts, settings, period, as_of, projection=projection)


def earnings_of_all(
    session: Session, settings: Settings, period: Period, as_of: datetime
) -> list[Earnings]:
    """The earnings of everyone with a plan in the period, in name order."""
    facts = load_facts(session, settings, period, as_of, reps=None)
    found = [compute(f, settings, period, as_of) for f in facts.values() if f.has_plan]
    return sorted(found, key=lambda e: (e.subject.name.casefold(), e.subject.id or 0))


def what_if(
    session: Session,
    settings: Settings,
    rep_id: int,
    period: Period,
    as_of: datetime,
    amount: Decimal,
    *,
    product: str | None = None,
    deal_name: str | None = None,
) -> WhatIf:
    """Earnings if `amount` more were won today (or on the period's last day, if over)."""
    facts = load_facts(session, settings, period, as_of, reps=[rep_id])[rep_id]
    if not facts.has_plan:
        raise NoPlanError(facts.subject.name, period)
    calendar = FiscalCalendar(settings.calendar)
    day = quota_day(period.end, calendar.local_date(as_of), period.start)
    before = compute(facts, settings, period, as_of)
    more = replace(facts, won=[*facts.won, (day, amount)])
    if product:
        more.won_products = [*facts.won_products, (day, product, 1)]
    after = compute(more, settings, period, as_of, through=max(before.through, day))
    return compare(before, after, amount, product, deal_name)


def compare(
    before: Earnings, after: Earnings, amount: Decimal, product: str | None, name: str | None
) -> WhatIf:
    old = {(line.plan, line.number): line for line in before.tiers}
    changes = []
    for line in after.tiers:
        was = old.get((line.plan, line.number))
        revenue = line.revenue - (was.revenue if was else ZERO)
        commission = line.commission - (was.commission if was else ZERO)
        if revenue or commission:
            changes.append(
                TierChange(line.plan, line.number, line.name, line.rate, revenue, commission)
            )
    now, then = before.current_tier, after.current_tier
    crossed = then if then and now and then.number > now.number else None
    return WhatIf(
        before=before,
        after=after,
        amount=amount,
        deal_name=name,
        product=product,
        changes=tuple(changes),
        extra_commission=after.commission - before.commission,
        extra_spiffs=after.spiff_total - before.spiff_total,
        extra_total=after.total - before.total,
        crossed=crossed,
    )


# -- working it out -----------------------------------------------------------------


def compute(
    facts: RepFacts,
    settings: Settings,
    period: Period,
    as_of: datetime,
    *,
    through: date | None = None,
    projection: bool = False,
) -> Earnings:
    """Earnings from the facts read; pure, so the same facts give the same answer."""
    calendar = FiscalCalendar(settings.calendar)
    if through is None:
        through = min(period.end, calendar.local_date(as_of))
    quota = facts.quota if facts.quota else None
    year_share = month_share(period.start, period.end) / 12
    parts, quota_missing = pay_parts(facts.specs, facts.won, quota, year_share)
    won = sum((value for _, value in facts.won), ZERO)
    commission = sum((part.commission for part in parts), ZERO)
    capped = sum((part.capped for part in parts), ZERO)

    spiffs = _spiffs(facts)
    spiff_total = sum((line.total for line in spiffs), ZERO)
    adjustments = tuple(line for line in facts.ledger if line.kind in ADJUSTMENT_KINDS)
    adjustment_total = sum((line.amount for line in adjustments), ZERO)

    # The draw tops commission and SPIFFs up to what the ramp guarantees so far.
    owed = ZERO
    for spec in facts.specs:
        if spec.plan is not None and spec.start <= through:
            due = guarantee(spec.plan, facts.hire_date, spec.start, min(spec.end, through))
            owed += spec.plan.round(due)
    top_up = max(ZERO, owed - commission - spiff_total)

    plan_now = _plan_on(facts.specs, through)
    result = Earnings(
        subject=facts.subject,
        period=period,
        as_of=as_of,
        through=through,
        plan=plan_now[0] if plan_now else None,
        quota=quota,
        won_revenue=won,
        attainment=won / quota if quota else None,
        parts=tuple(parts),
        commission=commission,
        capped=capped,
        spiffs=spiffs,
        spiff_total=spiff_total,
        adjustments=adjustments,
        adjustment_total=adjustment_total,
        guarantee=owed,
        draw_top_up=top_up,
        total=commission + spiff_total + top_up + adjustment_total,
        next_tier=_next_tier(plan_now, won, quota, year_share),
        quota_missing=quota_missing,
    )
    if not projection:
        return result
    # The weighted pipeline closes on its expected days, through the same tiers.
    ahead = replace(facts, won=sorted([*facts.won, *facts.weighted]))
    projected = compute(ahead, settings, period, as_of, through=period.end)
    return replace(
        result,
        projection=Projection(
            revenue=projected.won_revenue,
            attainment=projected.attainment,
            commission=projected.commission,
            total=projected.total,
        ),
    )


def _plan_on(specs: Sequence[PartSpec], day: date) -> tuple[str, Plan] | None:
    """The plan in force on `day`, else the last one in force before it."""
    found = None
    for spec in specs:
        if spec.start <= day and spec.name is not None and spec.plan is not None:
            found = (spec.name, spec.plan)
    return found


def _next_tier(
    plan_now: tuple[str, Plan] | None, won: Decimal, quota: Decimal | None, year_share: Decimal
) -> NextTier | None:
    if plan_now is None or not quota:
        return None
    _, plan = plan_now
    rates = tier_rates(plan, quota, year_share) or []
    for number, ((lower, _), tier, rate) in enumerate(
        zip(revenue_bounds(plan, quota), plan.tiers, rates, strict=True), start=1
    ):
        if lower > won:
            return NextTier(number, tier.name, tier.from_, rate, lower, lower - won)
    return None


def _spiffs(facts: RepFacts) -> tuple[SpiffLine, ...]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    amounts: dict[tuple[str, str], Decimal] = {}
    for day, product, count in facts.won_products:
        in_force = _plan_in(facts.specs, day)
        if in_force is None:
            continue
        name, plan = in_force
        amount = plan.spiff_for(product)
        if amount is not None:
            key = (name, product)
            counts[key] += count
            amounts[key] = amount
    lines = [
        SpiffLine(plan, product, None, count, amounts[(plan, product)],
                  amounts[(plan, product)] * count)
        for (plan, product), count in sorted(counts.items())
    ]  # fmt: skip
    lines += [
        SpiffLine(None, None, line.cause, 0, line.amount, line.amount)
        for line in facts.ledger
        if line.kind == SPIFF_KIND
    ]
    return tuple(lines)


def _plan_in(specs: Sequence[PartSpec], day: date) -> tuple[str, Plan] | None:
    for spec in specs:
        if spec.start <= day <= spec.end and spec.name is not None and spec.plan is not None:
            return spec.name, spec.plan
    return None
