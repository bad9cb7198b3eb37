"""The benchmark company itself: who sells, in which teams, and the deals they own.

Every value comes from random generators seeded by the caller, and every date counts
back from a given day, so the same arguments always plan the same company.
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any, NamedTuple

import core.models  # noqa: F401 - registers the tables in SQLModel.metadata
from core.periods import FiscalCalendar, Period

SOURCE = "bench"
CURRENCY = "USD"
DEAL_WINDOW_DAYS = 456  # close dates spread over about 15 months up to today
LONGEST_CYCLE_DAYS = 365
OPEN_DEAL_AGE_DAYS = 180
ACTIVITY_WINDOW_DAYS = 120
QUOTA_QUARTERS = 6  # the current quarter and the five before it

OPEN_STAGES = (
    ("Prospecting", 1000, "pipeline", 30),
    ("Qualification", 2000, "pipeline", 25),
    ("Needs Analysis", 4000, "pipeline", 20),
    ("Proposal", 6000, "best_case", 15),
    ("Negotiation", 8000, "commit", 10),
)
ACTIVITY_KINDS = {"call": 15, "email": 30, "meeting": 4, "demo": 2}  # kind: most a day
REGIONS = ("North America", "EMEA", "LATAM", "APAC", "Nordics", "DACH", "ANZ", "Japan")
FIRST_NAMES = (
    "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
    "Edsger", "Radia", "Tim", "Hedy", "Vint", "Katherine", "John", "Sophie", "Guido",
    "Anita", "Donald", "Shafi", "Leslie", "Joan", "Niklaus", "Mary", "Bjarne", "Giulia",
    "Marco", "Chiara", "Luca", "Elena", "Paolo", "Yuki", "Arjun", "Amara", "Diego",
)  # fmt: skip
LAST_NAMES = (
    "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
    "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "Cerf", "Johnson",
    "McCarthy", "Wilson", "Rossum", "Borg", "Knuth", "Goldwasser", "Lamport", "Clarke",
    "Wirth", "Keller", "Stroustrup", "Rossi", "Bianchi", "Conti", "Greco", "Sato", "Rao",
)  # fmt: skip
ACCOUNT_WORDS = (
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne",
    "Soylent", "Hooli", "Vandelay", "Wonka", "Gringotts", "Oscorp", "Aperture", "Black Mesa",
    "Monarch", "Dunder", "Pied Piper", "Massive", "Nakatomi", "Virtucon", "Gekko", "Zorg",
)  # fmt: skip
ACCOUNT_KINDS = ("Inc", "Ltd", "S.p.A.", "GmbH", "Group", "Labs", "Logistics", "Health")
PRODUCTS = ("Core", "Analytics", "Platform", "Support", "Training", "Enterprise", "Add-on")


class BenchError(Exception):
    """The benchmark cannot run as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class BenchRep:
    name: str
    email: str
    team: str
    region: str
    manager_email: str | None  # None for the team's manager
    role: str
    hire_date: date
    quarterly_quota: Decimal
    deal_share: float  # how many deals they own, relative to the others


@dataclass(frozen=True, slots=True)
class Company:
    regions: tuple[str, ...]
    teams: tuple[tuple[str, str], ...]  # (team, region)
    reps: tuple[BenchRep, ...]  # the managers first, one per team in team order


def utc_today() -> date:
    return datetime.now(UTC).date()


# -- the company -------------------------------------------------------------------------


def plan_company(
    reps: int, *, seed: int, today: date, teams: int = 50, regions: int = 5
) -> Company:
    """`reps` people in up to `teams` teams under up to `regions` regions.

    A team gets a manager and at least three reps before another team is opened.
    """
    if reps < 1:
        raise BenchError("a company needs at least one rep")
    rng = random.Random(f"{seed}/company")
    team_count = max(1, min(teams, reps // 4))
    region_count = max(1, min(regions, team_count))
    region_names = tuple(
        REGIONS[i] if i < len(REGIONS) else f"Region {i + 1}" for i in range(region_count)
    )
    team_regions = tuple(region_names[i % len(region_names)] for i in range(team_count))
    team_names = tuple(f"{region} Team {i + 1:02d}" for i, region in enumerate(team_regions))

    people: list[BenchRep] = []
    for index in range(reps):
        # Indices below team_count are the managers, one per team, in team order.
        team = index % team_count
        manager = index < team_count
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        tenure = rng.randint(14, 180) if rng.random() < 0.1 else rng.randint(181, 6 * 365)
        people.append(
            BenchRep(
                name=f"{first} {last}",
                email=f"{first}.{last}.{index + 1}@bench.example".lower(),
                team=team_names[team],
                region=team_regions[team],
                manager_email=None if manager else people[team].email,
                role="manager" if manager else "rep",
                hire_date=today - timedelta(days=tenure),
                quarterly_quota=Decimal(rng.randrange(150, 401, 25) * 1000),
                deal_share=0.3 if manager else rng.uniform(0.5, 1.5),
            )
        )
    return Company(region_names, tuple(zip(team_names, team_regions, strict=True)), tuple(people))


def recent_quarters(calendar: FiscalCalendar, today: date, count: int) -> list[Period]:
    """The quarter of `today` and the `count - 1` before it, oldest first."""
    quarters = [calendar.quarter(today)]
    while len(quarters) < count:
        quarters.append(calendar.previous(quarters[-1]))
    return quarters[::-1]


# -- deals -------------------------------------------------------------------------------


class _Shape(NamedTuple):
    """Where a deal stands, with its dates as day offsets from today (negative: past)."""

    stage: str
    status: str
    probability_bp: int
    category: str
    created: int
    close: int | None
    activity: int | None
    changed: int
    priced: bool


def deal_rows(
    reps: Sequence[BenchRep], count: int, *, seed: int, today: date
) -> Iterator[dict[str, Any]]:
    """`count` deals as Deal column values; `owner` is the owner's index in `reps`.

    About 55% won, 25% lost (closed over the last 15 months) and 20% open; a tenth of
    the open ones are too early to have an amount or an expected close date.
    """
    rng = random.Random(f"{seed}/deals")
    shares = list(accumulate(rep.deal_share for rep in reps))
    accounts = [f"{word} {kind}" for word in ACCOUNT_WORDS for kind in ACCOUNT_KINDS]

    # A list lookup is far cheaper than a timedelta per date, a million times over.
    past = DEAL_WINDOW_DAYS + LONGEST_CYCLE_DAYS
    days = [today + timedelta(days=offset) for offset in range(-past, 200)]

    for number in range(1, count + 1):
        owner = min(bisect(shares, rng.random() * shares[-1]), len(reps) - 1)
        account, product = rng.choice(accounts), rng.choice(PRODUCTS)
        amount = _amount(rng)
        roll = rng.random()
        shape = _closed_deal(rng, won=roll < 0.55) if roll < 0.8 else _open_deal(rng)

        activity = shape.created if shape.activity is None else shape.activity
        touched = max(shape.created, shape.changed, activity)
        yield {
            "source": SOURCE,
            "external_id": f"BENCH-{number:07d}",
            "name": f"{account} - {product}",
            "account": account,
            "product": product,
            "owner": owner,
            "amount": amount if shape.priced else None,
            "currency": CURRENCY,
            "stage": shape.stage,
            "status": shape.status,
            "probability_bp": shape.probability_bp,
            "forecast_category": shape.category,
            "created_date": days[past + shape.created],
            "close_date": None if shape.close is None else days[past + shape.close],
            "last_activity_date": None if shape.activity is None else days[past + activity],
            "stage_changed_date": days[past + shape.changed],
            "last_touch_date": days[past + touched],
        }


def _closed_deal(rng: random.Random, *, won: bool) -> _Shape:
    close = -rng.randrange(DEAL_WINDOW_DAYS)
    cycle = min(LONGEST_CYCLE_DAYS, 3 + int(rng.expovariate(1 / 40)))
    created = close - cycle
    activity = created + rng.randint(0, cycle)
    if won:
        return _Shape("Closed Won", "won", 10_000, "closed", created, close, activity, close, True)
    return _Shape("Closed Lost", "lost", 0, "omitted", created, close, activity, close, True)


_STAGE_WEIGHTS = list(accumulate(stage[3] for stage in OPEN_STAGES))


def _open_deal(rng: random.Random) -> _Shape:
    created = -rng.randrange(OPEN_DEAL_AGE_DAYS)
    changed = rng.randint(created, 0)
    activity = None if rng.random() < 0.15 else rng.randint(created, 0)
    if rng.random() < 0.1:
        # Too early to price or to date: no amount, no expected close.
        stage, probability, category, _ = OPEN_STAGES[0]
        return _Shape(
            stage, "open", probability, category, created, None, activity, changed, False
        )

    stage, probability, category, _ = OPEN_STAGES[
        bisect(_STAGE_WEIGHTS, rng.random() * _STAGE_WEIGHTS[-1])
    ]
    # Some expected close dates are already past: the stale deals coaching looks for.
    close = max(created, rng.randint(-30, 150))
    return _Shape(stage, "open", probability, category, created, close, activity, changed, True)


def _amount(rng: random.Random) -> Decimal:
    """A deal size with cents: log-normal around 25,000, never below 500."""
    cents = max(50_000, int(rng.lognormvariate(math.log(25_000), 0.9) * 100))
    return Decimal(cents).scaleb(-2)


def activity_rows(
    rep_ids: Sequence[int], *, seed: int, today: date, days_per_rep: int
) -> Iterator[dict[str, Any]]:
    """Daily counts of one to three kinds on `days_per_rep` weekdays of the last 120 days."""
    rng = random.Random(f"{seed}/activities")
    recent = (today - timedelta(days=offset) for offset in range(ACTIVITY_WINDOW_DAYS))
    weekdays = [day for day in recent if day.weekday() < 5]
    kinds = list(ACTIVITY_KINDS)

    for rep_id in rep_ids:
        for day in sorted(rng.sample(weekdays, min(days_per_rep, len(weekdays)))):
            for kind in rng.sample(kinds, rng.randint(1, 3)):
                count = rng.randint(1, ACTIVITY_KINDS[kind])
                yield {"rep_id": rep_id, "kind": kind, "occurred_on": day, "count": count}


def quota_rows(
    reps: Sequence[BenchRep], rep_ids: Sequence[int], quarters: Sequence[Period], *, seed: int
) -> Iterator[dict[str, Any]]:
    """A won-revenue target per rep and quarter, drifting by whole thousands."""
    rng = random.Random(f"{seed}/quotas")
    for rep, rep_id in zip(reps, rep_ids, strict=True):
        for quarter in quarters:
            yield {
                "rep_id": rep_id,
                "team_id": None,
                "metric": "won_revenue",
                "period_label": quarter.label,
                "start_date": quarter.start,
                "end_date": quarter.end,
                "target": rep.quarterly_quota + 1000 * rng.randint(-20, 20),
            }
