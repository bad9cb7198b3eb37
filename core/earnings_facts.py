"""What earnings are made of, read from the database in a few set-based queries.

For any number of reps: the plan parts of each (the period cut wherever their plan
changes), quotas, hire dates, won revenue by day and product, the weighted open
pipeline by day, and the SPIFF and adjustment entries of the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, cast, func, or_, select, type_coerce
from sqlmodel import Session, col
from sqlmodel import select as select_records

from core.commission import PartSpec
from core.config import Settings
from core.models import Deal, DealStatus, LedgerEntry, Rep, TeamMembership
from core.org import Org
from core.periods import FiscalCalendar, Period
from core.plans import Plan, PlanBook
from core.quotas import QuotaBook
from core.results import Subject, SubjectKind

deal = Deal.__table__  # type: ignore[attr-defined]
membership = TeamMembership.__table__  # type: ignore[attr-defined]
rep_table = Rep.__table__  # type: ignore[attr-defined]
ADJUSTMENT_KINDS = ("adjustment", "clawback", "reversed_deal")
SPIFF_KIND = "spiff"
BASIS_POINTS = Decimal(10_000)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    id: int
    kind: str
    day: date
    amount: Decimal
    cause: str
    deal_name: str | None = None


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


def open_deals(session: Session, rep_id: int) -> list[OpenDeal]:
    """The rep's open deals, largest first."""
    query = (
        select(deal.c.id, deal.c.name, deal.c.amount, deal.c.product, deal.c.close_date)
        .where(deal.c.owner_id == rep_id, deal.c.status == DealStatus.OPEN)
        .order_by(deal.c.amount.desc(), deal.c.id)
    )
    return [OpenDeal(*row) for row in session.execute(query)]


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
    quotas = QuotaBook.load(session, calendar, period, reps=reps, ramp=settings.ramp)
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
