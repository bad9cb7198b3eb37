"""A made-up but lifelike sales company for `quotabot demo`, the same for the same day.

Three teams under two regions, a VP, three team managers and 22 reps with their own
rhythm (deal size, win rate, activity), fifteen months of deals and activities up
to `today`, and quarterly quotas. Three stories are planted so the demo has
something to show: a ramping new hire, a rep clearly at risk, and a tie at the top
of this quarter's leaderboard.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from core.ingest.records import ActivityRecord, DealRecord, QuotaRecord, RepRecord
from core.models import DealStatus, ForecastCategory, Role
from core.periods import FiscalCalendar, Period, PeriodKind

MONTHS_OF_HISTORY = 15
TEAMS = {"West": "Americas", "East": "Americas", "Europe": "EMEA"}
MANAGERS = {"West": "Dana Whitfield", "East": "Marcus Oyelaran", "Europe": "Chiara Rossi"}
VP = "Morgan Reyes"
ADMIN = "Riley Chen"
REPS = {
    "West": [
        "Ava Thompson",
        "Liam Carter",
        "Sofia Alvarez",
        "Noah Kim",
        "Emma Walsh",
        "Ethan Brooks",
        "Maya Patel",
    ],
    "East": [
        "Olivia Grant",
        "Lucas Bennett",
        "Isabella Moore",
        "Mason Clarke",
        "Mia Johnson",
        "James O'Connor",
        "Harper Lee",
    ],
    "Europe": [
        "Zoë Müller",
        "Lorenzo Bianchi",
        "Camille Dubois",
        "Søren Nielsen",
        "Aoife Byrne",
        "Mateo García",
        "Elena Popescu",
        "Jonas Weber",
    ],
}
NEW_HIRE = "Maya Patel"
AT_RISK = "Harper Lee"
STARS = ("Ava Thompson", "Olivia Grant")
PRODUCTS = {"Core": 20_000, "Analytics": 30_000, "Enterprise": 45_000, "Add-on": 10_000}
AVERAGE_LIST_PRICE = sum(PRODUCTS.values()) / len(PRODUCTS)
ACCOUNTS = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Retail",
    "Hooli",
    "Vandelay Imports",
    "Soylent Foods",
    "Tyrell Systems",
    "Cyberdyne",
    "Nakatomi Trading",
    "Oscorp",
    "Massive Dynamic",
    "Aperture Labs",
    "Pied Piper",
    "Wonka Industries",
    "Gringotts Bank",
    "Monarch Travel",
    "Duff Brewing",
]
OPEN_STAGES = [
    ("Discovery", 10, ForecastCategory.PIPELINE),
    ("Qualification", 20, ForecastCategory.PIPELINE),
    ("Proposal", 50, ForecastCategory.BEST_CASE),
    ("Negotiation", 80, ForecastCategory.COMMIT),
]


def email_of(name: str) -> str:
    plain = name.lower().replace("'", "").replace(" ", ".")
    for accented, letter in (
        ("ö", "o"),
        ("ë", "e"),
        ("ø", "o"),
        ("í", "i"),
        ("é", "e"),
        ("ü", "u"),
        ("á", "a"),
    ):
        plain = plain.replace(accented, letter)
    return f"{plain}@demo.quotabot.dev"


@dataclass
class Profile:
    """How one rep sells: deals a month, typical size, win rate, daily activity."""

    deals_a_month: float
    size: float
    win_rate: float
    calls_a_day: int
    hired: date


@dataclass
class DemoCompany:
    today: date
    reps: list[RepRecord] = field(default_factory=list)
    quotas: list[QuotaRecord] = field(default_factory=list)
    deals: list[DealRecord] = field(default_factory=list)
    activities: list[ActivityRecord] = field(default_factory=list)


def build_company(today: date, calendar: FiscalCalendar, seed: int = 7) -> DemoCompany:
    """The demo company as records, ready for the importer; deterministic per day."""
    rng = random.Random(f"{seed}-{today.isoformat()}")
    start = _months_before(today, MONTHS_OF_HISTORY)
    company = DemoCompany(today)

    company.reps.append(RepRecord(VP, email_of(VP), role=Role.MANAGER, hire_date=date(2019, 3, 4)))
    company.reps.append(
        RepRecord(ADMIN, email_of(ADMIN), role=Role.ADMIN, hire_date=date(2020, 6, 1))
    )
    profiles: dict[str, Profile] = {}
    for team, region in TEAMS.items():
        manager = MANAGERS[team]
        company.reps.append(
            RepRecord(
                manager,
                email_of(manager),
                team,
                region,
                email_of(VP),
                Role.MANAGER,
                date(2020, 1, 6),
            )
        )
        for name in REPS[team]:
            profile = _profile(name, today, start, rng)
            profiles[name] = profile
            company.reps.append(
                RepRecord(
                    name, email_of(name), team, region, email_of(manager), Role.REP, profile.hired
                )
            )

    for name, profile in profiles.items():
        company.deals.extend(_deals(name, profile, start, today, rng))
        company.activities.extend(_activities(name, profile, start, today, calendar, rng))

    company.quotas.extend(_quotas(profiles, start, today, calendar))
    _plant_tie(company, calendar.quarter(today))
    return company


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _profile(name: str, today: date, start: date, rng: random.Random) -> Profile:
    if name == NEW_HIRE:
        return Profile(9.0, 10_000, 0.5, 11, today - timedelta(days=75))
    if name == AT_RISK:
        return Profile(7.0, 11_000, 0.15, 4, date(2021, 9, 13))
    if name in STARS:
        return Profile(14.0, 18_000, 0.52, 14, date(2020, 2, 3))
    hired = start - timedelta(days=rng.randint(90, 2_000))
    return Profile(
        deals_a_month=rng.uniform(9.0, 13.0),
        size=rng.uniform(9_000, 18_000),
        win_rate=rng.uniform(0.35, 0.5),
        calls_a_day=rng.randint(6, 16),
        hired=hired,
    )


def _deals(
    name: str, profile: Profile, start: date, today: date, rng: random.Random
) -> list[DealRecord]:
    owner = email_of(name)
    records: list[DealRecord] = []
    day = max(start, profile.hired)
    while day <= today:
        # New opportunities arrive at the rep's own rate, a few per month.
        if rng.random() < profile.deals_a_month * 12 / 365:
            records.append(_deal(owner, name, day, profile, today, rng, len(records)))
        day += timedelta(days=1)
    return records


def _deal(
    owner: str,
    name: str,
    created: date,
    profile: Profile,
    today: date,
    rng: random.Random,
    number: int,
) -> DealRecord:
    product = rng.choice(list(PRODUCTS))
    account = rng.choice(ACCOUNTS)
    # Sizes vary by product around the rep's own typical deal.
    scale = PRODUCTS[product] / AVERAGE_LIST_PRICE * profile.size
    amount = Decimal(round(scale * rng.uniform(0.75, 1.25)))
    shortest = 10 if name == NEW_HIRE else 20
    close = created + timedelta(days=rng.randint(shortest, shortest + 60))
    external_id = f"DEMO-{email_of(name).split('@')[0]}-{number:04d}"
    deal_name = f"{account} – {product}"
    last_activity = min(today, created + timedelta(days=rng.randint(0, 30)))

    if close <= today:
        won = rng.random() < profile.win_rate
        return DealRecord(
            external_id,
            owner,
            "Closed Won" if won else "Closed Lost",
            DealStatus.WON if won else DealStatus.LOST,
            deal_name,
            account,
            product,
            amount,
            "USD",
            10_000 if won else 0,
            ForecastCategory.CLOSED if won else ForecastCategory.OMITTED,
            created,
            close,
            min(close, last_activity),
        )

    stage, probability, category = OPEN_STAGES[min(3, (today - created).days // 20)]
    # Early-stage deals often have no amount yet; a few slip past their close date.
    has_amount = stage != "Discovery" or rng.random() < 0.5
    if rng.random() < 0.08:
        close = today - timedelta(days=rng.randint(1, 20))
    touched = today - timedelta(days=min(rng.randint(0, 12), rng.randint(0, 30)))
    return DealRecord(
        external_id,
        owner,
        stage,
        DealStatus.OPEN,
        deal_name if rng.random() > 0.05 else None,
        account,
        product,
        amount if has_amount else None,
        "USD",
        probability * 100,
        category,
        created,
        close,
        max(created, touched),
    )


def _activities(
    name: str,
    profile: Profile,
    start: date,
    today: date,
    calendar: FiscalCalendar,
    rng: random.Random,
) -> list[ActivityRecord]:
    rep = email_of(name)
    records = []
    day = max(start, profile.hired)
    while day <= today:
        if calendar.is_business_day(day):
            calls = max(0, int(rng.gauss(profile.calls_a_day, 2)))
            emails = max(0, int(rng.gauss(profile.calls_a_day * 1.5, 3)))
            meetings = rng.choice([0, 0, 1, 1, 2, 3]) if profile.calls_a_day > 5 else 0
            for kind, count in (("call", calls), ("email", emails), ("meeting", meetings)):
                if count:
                    records.append(ActivityRecord(rep, kind, day, count))
        day += timedelta(days=1)
    return records


def _quotas(
    profiles: dict[str, Profile], start: date, today: date, calendar: FiscalCalendar
) -> list[QuotaRecord]:
    records = []
    for quarter in calendar.periods_between(PeriodKind.QUARTER, start, today):
        for name, profile in profiles.items():
            if quarter.end < profile.hired:
                continue
            # A quota a little above what the rep usually closes; the at-risk rep's is
            # set as for the rep they were expected to become.
            expected = profile.deals_a_month * 3 * profile.win_rate * profile.size * 0.85
            target = Decimal(round(expected / 5_000) * 5_000)
            if name == AT_RISK:
                target *= 3
            # A new hire's quota is the full one: the demo's `[ramp]` scales it down.
            records.append(QuotaRecord(email_of(name), quarter, target.quantize(Decimal(1))))
    return records


def _plant_tie(company: DemoCompany, quarter: Period) -> None:
    """Make the two leaders of this quarter's board finish level, to the cent."""

    def counts(deal: DealRecord) -> bool:
        won = deal.status is DealStatus.WON and deal.amount is not None
        return won and deal.close_date is not None and deal.close_date in quarter

    totals: dict[str, Decimal] = {}
    for deal in filter(counts, company.deals):
        totals[deal.owner] = totals.get(deal.owner, Decimal(0)) + (deal.amount or 0)
    if len(totals) < 2:
        return
    first, second = sorted(totals, key=lambda owner: totals[owner], reverse=True)[:2]
    index, biggest = max(
        ((index, deal) for index, deal in enumerate(company.deals)
         if deal.owner == second and counts(deal)),
        key=lambda pair: pair[1].amount or Decimal(0),
    )  # fmt: skip
    raised = (biggest.amount or Decimal(0)) + totals[first] - totals[second]
    company.deals[index] = replace(biggest, amount=raised)
