"""The arithmetic of a plan, apart from SQL so that it can be checked by hand.

How tiers are measured: attainment is won revenue over the whole period's quota, and
the period's revenue is laid on the ladder of tiers in the order of close dates. When
a rep changes plan inside the period, the period is split at the change; each part's
revenue starts on the ladder where the earlier parts left off and is paid at the
rates of the plan in force in that part. So tiers are crossed in time order, and a
change of plan never resets attainment.

Rounding: the revenue inside a tier is exact (whole cents), and so is revenue x rate;
each tier's commission is rounded to the cent once, by the plan's rule (half to even
unless the plan says `rounding = "half_up"`). Totals are sums of rounded lines, so a
breakdown always adds up to its total. A thousand deals of $0.05 at 5% pay $2.50,
not the nothing that rounding each deal's $0.0025 would give.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from core.plans import Plan

ZERO = Decimal("0.00")
MONTHS_A_YEAR = Decimal(12)


@dataclass(frozen=True, slots=True)
class TierLine:
    """The revenue inside one tier of one plan, and what it paid."""

    plan: str
    number: int  # 1 for the plan's first tier
    name: str | None
    lower: Decimal  # share of quota where the tier starts
    upper: Decimal | None  # where the next one starts; None for the last tier
    rate: Decimal
    revenue: Decimal
    commission: Decimal


@dataclass(frozen=True, slots=True)
class PlanPart:
    """A run of days of the period under one plan (or none), and the commission it paid."""

    plan: str | None
    start: date
    end: date
    revenue: Decimal
    tiers: tuple[TierLine, ...]
    commission: Decimal  # after the cap
    capped: Decimal  # what the cap took off (0 when under it)


@dataclass(frozen=True, slots=True)
class PartSpec:
    start: date
    end: date
    name: str | None
    plan: Plan | None


def tier_rates(plan: Plan, quota: Decimal | None, year_share: Decimal) -> list[Decimal] | None:
    """Each tier's rate; None when the rates depend on a quota that is missing."""
    base = plan.base_rate
    if base is None and plan.on_target_commission is not None:
        if not quota:
            return None
        base = plan.on_target_commission * year_share / quota
    rates = []
    for tier in plan.tiers:
        if tier.rate is not None:
            rates.append(tier.rate)
        else:
            assert tier.multiplier is not None, "checked by the config"
            assert base is not None, "checked by the config"
            rates.append(tier.multiplier * base)
    return rates


def needs_quota(plan: Plan) -> bool:
    """Whether the plan's tiers or base rate are measured against quota."""
    return len(plan.tiers) > 1 or plan.on_target_commission is not None


def revenue_bounds(plan: Plan, quota: Decimal | None) -> list[tuple[Decimal, Decimal | None]]:
    """Each tier's revenue bounds: its share of quota times the quota."""
    shares = [tier.from_ for tier in plan.tiers]
    uppers: list[Decimal | None] = [*shares[1:], None]
    scale = quota or Decimal(0)
    return [
        (lower * scale, None if upper is None else upper * scale)
        for lower, upper in zip(shares, uppers, strict=True)
    ]


def inside(position: Decimal, lower: Decimal, upper: Decimal | None) -> Decimal:
    """`position` held within the tier's bounds."""
    held = max(position, lower)
    return held if upper is None else min(held, upper)


def pay_parts(
    parts: Sequence[PartSpec],
    revenue: Sequence[tuple[date, Decimal]],
    quota: Decimal | None,
    year_share: Decimal,
) -> tuple[list[PlanPart], bool]:
    """The commission of each part, and whether a missing quota kept any from being paid.

    `revenue` holds amounts by day; each part takes those of its days.
    """
    placed = Decimal(0)
    paid: list[PlanPart] = []
    quota_missing = False
    for spec in parts:
        amount = sum((value for day, value in revenue if spec.start <= day <= spec.end), ZERO)
        start, placed = placed, placed + amount
        plan = spec.plan
        rates = None if plan is None else tier_rates(plan, quota, year_share)
        if plan is None or spec.name is None or rates is None or (not quota and needs_quota(plan)):
            quota_missing = quota_missing or (plan is not None and amount != 0)
            paid.append(PlanPart(spec.name, spec.start, spec.end, amount, (), ZERO, ZERO))
            continue

        lines = []
        bounds = revenue_bounds(plan, quota)
        for number, (tier, rate, (lower, upper)) in enumerate(
            zip(plan.tiers, rates, bounds, strict=True), start=1
        ):
            # Only the revenue between where this part starts and ends on the ladder.
            in_tier = inside(placed, lower, upper) - inside(start, lower, upper)
            lines.append(
                TierLine(
                    plan=spec.name,
                    number=number,
                    name=tier.name,
                    lower=tier.from_,
                    upper=plan.tiers[number].from_ if number < len(plan.tiers) else None,
                    rate=rate,
                    revenue=in_tier,
                    commission=plan.round(in_tier * rate),
                )
            )
        earned = sum((line.commission for line in lines), ZERO)
        capped = max(ZERO, earned - plan.cap) if plan.cap is not None else ZERO
        part = PlanPart(spec.name, spec.start, spec.end, amount, tuple(lines), earned, capped)
        paid.append(replace(part, commission=earned - capped))
    return paid, quota_missing


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_share(start: date, end: date) -> Decimal:
    """How many months `start`..`end` spans, each month counted by its share of days."""
    if end < start:
        return Decimal(0)
    total = Decimal(0)
    day = start
    while day <= end:
        length = calendar.monthrange(day.year, day.month)[1]
        month_end = date(day.year, day.month, length)
        last = min(end, month_end)
        total += Decimal((last - day).days + 1) / Decimal(length)
        day = last + timedelta(days=1)
    return total


def guarantee(plan: Plan, hire_date: date | None, start: date, through: date) -> Decimal:
    """The draw owed for the days `start`..`through` that fall in the plan's ramp.

    The draw is per month: a day is worth the draw over the length of its month, so a
    ramp that ends mid-month guarantees that month's share. Unrounded.
    """
    if plan.ramp is None or hire_date is None:
        return Decimal(0)
    ramp_end = add_months(hire_date, plan.ramp.months) - timedelta(days=1)
    first, last = max(start, hire_date), min(through, ramp_end)
    return plan.ramp.draw * month_share(first, last)
