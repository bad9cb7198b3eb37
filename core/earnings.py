"""Earnings: what a rep has earned in a period under their plan, and what they could.

Commission comes from the won deals of the period (core.commission has the rules of
tiers, split periods and rounding); SPIFFs from won deals of a product and from
ledger entries of kind "spiff"; adjustments from ledger entries of kind
"adjustment", "clawback" and "reversed_deal" (see core.clawbacks). While a new hire
ramps, a draw tops earnings up to the guarantee (commission and SPIFFs are measured
against it; adjustments come after, so a clawback is never covered by the draw).

Everything is read in a handful of set-based queries for any number of reps, then
worked out in Python per rep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, cast, func, or_, select, type_coerce
from sqlmodel import Session, col
from sqlmodel import select as select_records

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
from core.models import Deal, DealStatus, LedgerEntry, Rep, TeamMembership
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.plans import Plan, PlanBook
from core.quotas import QuotaBook
from core.results import Subject, SubjectKind
from core.scope import quota_day

deal = Deal.__table__  # type: ignore[attr-defined]
membership = TeamMembership.__table__  # type: ignore[attr-defined]
rep_table = Rep.__table__  # type: ignore[attr-defined]
ADJUSTMENT_KINDS = ("adjustment", "clawback", "reversed_deal")
SPIFF_KIND = "spiff"
BASIS_POINTS = Decimal(10_000)
HUNDRED = Decimal(100)


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
class LedgerLine:
    id: int
    kind: str
    day: date
    amount: Decimal
    cause: str
    deal_name: str | None = None


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


@dataclass(frozen=True, slots=True)
class OpenDeal:
    id: int
    name: str | None
    amount: Decimal | None
    product: str | None
    close_date: date | None


@dataclass
class RepFacts:
    """What one rep's earnings are made of, as read from the database."""

    subject: Subject
    hire_date: date | None
    specs: list[PartSpec]
    quota: Decimal | None
    won: list[tuple[date, Decimal]] = field(default_factory=list)
    won_products: list[tuple[date, str, int]] = field(default_factory=list)
    weighted: list[tuple[date, Decimal]] = field(default_factory=list)
    ledger: list[LedgerLine] = field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        return any(spec.plan is not None for spec in self.specs)


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


def has_plan(session: Session, settings: Settings, rep_id: int, period: Period) -> bool:
    """Whether any plan is assigned to the rep on any day of the period (no deal read)."""
    if not settings.earnings.assignments:
        return False
    org = Org.load(session)
    book = PlanBook(settings.earnings, {t.id: t.name for t in org.teams.values()})
    memberships = _memberships(session, period, [rep_id])
    specs = _specs(book, org, rep_id, memberships.get(rep_id, []), period)
    return any(spec.plan is not None for spec in specs)


def plan_in_force(session: Session, settings: Settings, rep_id: int, day: date) -> Plan | None:
    """The plan the rep is on that day, if any."""
    if not settings.earnings.assignments:
        return None
    org = Org.load(session)
    book = PlanBook(settings.earnings, {t.id: t.name for t in org.teams.values()})
    calendar = FiscalCalendar(settings.calendar)
    one_day = calendar.day(day)
    memberships = _memberships(session, one_day, [rep_id])
    return _specs(book, org, rep_id, memberships.get(rep_id, []), one_day)[0].plan


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


def open_deals(session: Session, rep_id: int) -> list[OpenDeal]:
    """The rep's open deals, largest first."""
    query = (
        select(deal.c.id, deal.c.name, deal.c.amount, deal.c.product, deal.c.close_date)
        .where(deal.c.owner_id == rep_id, deal.c.status == DealStatus.OPEN)
        .order_by(deal.c.amount.desc(), deal.c.id)
    )
    return [OpenDeal(*row) for row in session.execute(query)]


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


# -- reading ------------------------------------------------------------------------


def load_facts(
    session: Session,
    settings: Settings,
    period: Period,
    as_of: datetime,
    *,
    reps: Collection[int] | None,
) -> dict[int, RepFacts]:
    """Everything the earnings of these reps (None: everyone) need, in a few queries."""
    calendar = FiscalCalendar(settings.calendar)
    org = Org.load(session)
    book = PlanBook(settings.earnings, {team.id: team.name for team in org.teams.values()})
    ids = list(reps) if reps is not None else list(org.reps)
    through = min(period.end, calendar.local_date(as_of))

    memberships = _memberships(session, period, reps)
    quotas = QuotaBook.load(session, calendar, period, reps=reps)
    hired = _hire_dates(session, reps)
    facts: dict[int, RepFacts] = {}
    for rep_id in ids:
        specs = _specs(book, org, rep_id, memberships.get(rep_id, []), period)
        facts[rep_id] = RepFacts(
            subject=org.person_subject(SubjectKind.REP, rep_id),
            hire_date=hired.get(rep_id),
            specs=specs,
            quota=quotas.rep(rep_id),
        )
    with_plan = [rep_id for rep_id, found in facts.items() if found.has_plan]
    if not with_plan:
        return facts
    owners = with_plan if reps is not None else None

    # Won deals by rep, day and product: one aggregate for everyone.
    if through >= period.start:
        won = select(
            deal.c.owner_id,
            deal.c.close_date,
            deal.c.product,
            cast(func.sum(type_coerce(deal.c.amount, BigInteger)), BigInteger),
            func.count(),
        ).where(deal.c.status == DealStatus.WON, deal.c.close_date.between(period.start, through))
        if owners is not None:
            won = won.where(deal.c.owner_id.in_(owners))
        won = won.group_by(deal.c.owner_id, deal.c.close_date, deal.c.product)
        for owner, day, product, cents, count in session.execute(won):
            if owner not in facts:
                continue
            facts[owner].won.append((day, Decimal(int(cents or 0)).scaleb(-2)))
            if product:
                facts[owner].won_products.append((day, product, int(count)))

    # The weighted open pipeline expected to close in the period, by rep and day.
    weighted = select(
        deal.c.owner_id,
        deal.c.close_date,
        func.sum(type_coerce(deal.c.amount, BigInteger) * deal.c.probability_bp),
    ).where(deal.c.status == DealStatus.OPEN, deal.c.close_date.between(period.start, period.end))
    if owners is not None:
        weighted = weighted.where(deal.c.owner_id.in_(owners))
    weighted = weighted.group_by(deal.c.owner_id, deal.c.close_date)
    for owner, day, value in session.execute(weighted):
        if owner in facts and value:
            facts[owner].weighted.append((day, Decimal(int(value)) / BASIS_POINTS / HUNDRED))

    for rep_id, lines in _ledger(session, calendar, period, through, as_of, owners).items():
        if rep_id in facts:
            facts[rep_id].ledger = lines
    for found in facts.values():
        found.won.sort()
        found.weighted.sort()
    return facts


def _memberships(
    session: Session, period: Period, reps: Collection[int] | None
) -> dict[int, list[tuple[date, date | None, int]]]:
    m = membership.c
    query = select(m.rep_id, m.start_date, m.end_date, m.team_id).where(
        m.start_date <= period.end, or_(m.end_date.is_(None), m.end_date >= period.start)
    )
    if reps is not None:
        query = query.where(m.rep_id.in_(reps))
    found: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
    for rep_id, start, end, team_id in session.execute(query):
        found[rep_id].append((start, end, team_id))
    return found


def _hire_dates(session: Session, reps: Collection[int] | None) -> dict[int, date | None]:
    query = select(rep_table.c.id, rep_table.c.hire_date)
    if reps is not None:
        query = query.where(rep_table.c.id.in_(reps))
    return {row[0]: row[1] for row in session.execute(query)}


def _specs(
    book: PlanBook,
    org: Org,
    rep_id: int,
    memberships: list[tuple[date, date | None, int]],
    period: Period,
) -> list[PartSpec]:
    """The period cut at every change of the rep's plan, each part with its plan."""
    if book.empty:
        return [PartSpec(period.start, period.end, None, None)]
    email = org.reps[rep_id].email

    def team_on(day: date) -> int | None:
        for start, end, team in memberships:
            if start <= day and (end is None or day <= end):
                return team
        return None if memberships else org.reps[rep_id].team_id

    def chain(team: int | None) -> list[int]:
        found: list[int] = []
        while team is not None and team in org.teams and team not in found:
            found.append(team)
            team = org.teams[team].parent_id
        return found

    teams = {team for _, _, team in memberships} | {org.reps[rep_id].team_id or 0}
    all_teams = {above for team in teams for above in chain(team)}
    days = {period.start}
    days |= book.change_days(email, sorted(all_teams))
    for start, end, _ in memberships:
        days.add(start)
        if end is not None:
            days.add(end + timedelta(days=1))
    cuts = sorted(day for day in days if period.start <= day <= period.end)

    specs: list[PartSpec] = []
    for index, day in enumerate(cuts):
        name = book.plan_on(email, chain(team_on(day)), day)
        end = cuts[index + 1] - timedelta(days=1) if index + 1 < len(cuts) else None
        if specs and specs[-1].name == name:
            specs[-1] = replace(specs[-1], end=end or period.end)
            continue
        plan = book.plans.get(name) if name is not None else None
        specs.append(PartSpec(day, end or period.end, name, plan))
    return specs


def _ledger(
    session: Session,
    calendar: FiscalCalendar,
    period: Period,
    through: date,
    as_of: datetime,
    owners: Iterable[int] | None,
) -> dict[int, list[LedgerLine]]:
    """SPIFF and adjustment entries that count in the period, by rep.

    An entry counts in the period of the day it was recorded, except "reversed_deal",
    which counts in the period of the deal's close date (its code, "closed:DAY").
    """
    kinds = (*ADJUSTMENT_KINDS, SPIFF_KIND)
    query = select_records(LedgerEntry).where(
        col(LedgerEntry.kind).in_(kinds), col(LedgerEntry.created_at) <= as_of
    )
    if owners is not None:
        query = query.where(col(LedgerEntry.rep_id).in_(list(owners)))
    found: dict[int, list[LedgerLine]] = defaultdict(list)
    deal_ids: set[int] = set()
    for entry in session.exec(query.order_by(col(LedgerEntry.created_at), col(LedgerEntry.id))):
        day = calendar.local_date(entry.created_at)
        if entry.kind == "reversed_deal" and entry.code and entry.code.startswith("closed:"):
            day = date.fromisoformat(entry.code.removeprefix("closed:"))
        if not period.start <= day <= through:
            continue
        assert entry.id is not None
        found[entry.rep_id].append(
            LedgerLine(entry.id, entry.kind, day, entry.amount, entry.cause)
        )
        deal_id = deal_of(entry.cause)
        if deal_id is not None:
            deal_ids.add(deal_id)
    if deal_ids:
        names = dict(
            session.execute(select(deal.c.id, deal.c.name).where(deal.c.id.in_(deal_ids))).all()
        )
        for rep_id, lines in found.items():
            found[rep_id] = [
                replace(line, deal_name=names.get(deal_of(line.cause) or 0)) for line in lines
            ]
    return found


def deal_of(cause: str) -> int | None:
    """The deal a ledger entry's cause names ("deal:42" or "deal:42:change:7")."""
    parts = cause.split(":")
    if len(parts) >= 2 and parts[0] == "deal" and parts[1].isdigit():
        return int(parts[1])
    return None
