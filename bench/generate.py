"""A benchmark company written in bulk: regions, teams, reps, quotas, activities and deals.

    python -m bench.generate --reps 5000 --deals 1000000 --database URL [--csv DIR]

fills an empty Quotabot database (migrating it first) through SQLAlchemy Core bulk
inserts, and writes the same reps and deals as CSV files for the import benchmark.
Every value comes from random generators seeded by `--seed`, and every date counts back
from `--today`, so the same arguments give the same rows on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import argparse
import csv
import logging
import math
import random
import sys
import time
from bisect import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal
from itertools import accumulate, islice
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, bindparam, func, select
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import core.models  # noqa: F401 - registers the tables in SQLModel.metadata
from core.periods import FiscalCalendar, Period
from core.storage import DatabaseError, open_database

logger = logging.getLogger(__name__)

TABLES = SQLModel.metadata.tables
DEFAULT_SEED = 1
DEFAULT_BATCH_SIZE = 20_000
SOURCE = "bench"
CURRENCY = "USD"
DEAL_WINDOW_DAYS = 456  # close dates spread over about 15 months up to today
LONGEST_CYCLE_DAYS = 365
OPEN_DEAL_AGE_DAYS = 180
ACTIVITY_WINDOW_DAYS = 120
QUOTA_QUARTERS = 6  # the current quarter and the five before it

REPS_CSV_HEADER = ("name", "email", "team", "region", "manager", "role", "hire_date")
DEALS_CSV_HEADER = (
    "external_id", "name", "account", "product", "owner", "amount", "currency", "stage",
    "probability", "forecast_category", "created_date", "close_date", "last_activity_date",
)  # fmt: skip

# Open stages: name, probability in basis points, forecast category, relative frequency.
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


@dataclass(frozen=True, slots=True)
class Counts:
    teams: int  # regions included
    reps: int
    memberships: int
    quotas: int
    activities: int
    deals: int


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


# -- the database ------------------------------------------------------------------------


def generate(
    engine: Engine,
    *,
    reps: int,
    deals: int,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    activity_days: int = 20,
    batch_size: int = DEFAULT_BATCH_SIZE,
    calendar: FiscalCalendar | None = None,
) -> Counts:
    """Fill the empty, migrated database behind `engine`, all in one transaction."""
    today = today or utc_today()
    quarters = recent_quarters(calendar or FiscalCalendar(), today, QUOTA_QUARTERS)
    company = plan_company(reps, seed=seed, today=today)

    with engine.begin() as connection:
        _refuse_unless_empty(connection)
        if connection.dialect.name == "sqlite":
            # A bigger page cache keeps the deal indexes in memory while they grow.
            connection.exec_driver_sql("PRAGMA cache_size = -262144")

        started = time.perf_counter()
        team_ids = _insert_teams(connection, company)
        rep_ids = _insert_reps(connection, company, team_ids)
        memberships = [
            {"rep_id": rep_id, "team_id": team_ids[rep.team], "start_date": rep.hire_date}
            for rep, rep_id in zip(company.reps, rep_ids, strict=True)
        ]
        _insert(connection, "team_membership", memberships, batch_size)
        targets = quota_rows(company.reps, rep_ids, quarters, seed=seed)
        quotas = _insert(connection, "quota", targets, batch_size)
        logger.info(
            "%d teams, %d reps, %d quotas in %.1f s",
            len(team_ids), len(rep_ids), quotas, time.perf_counter() - started,
        )  # fmt: skip

        started = time.perf_counter()
        days = activity_rows(rep_ids, seed=seed, today=today, days_per_rep=activity_days)
        activities = _insert(connection, "activity", days, batch_size)
        logger.info("%d activities in %.1f s", activities, time.perf_counter() - started)

        started = time.perf_counter()
        updated_at = datetime.combine(today, clock_time(), UTC)
        stored = (
            _stored_deal(row, rep_ids, updated_at)
            for row in deal_rows(company.reps, deals, seed=seed, today=today)
        )
        written = _insert(connection, "deal", stored, batch_size)
        logger.info("%d deals in %.1f s", written, time.perf_counter() - started)

    # Fresh statistics, so that the first benchmark query is planned like the rest.
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    logger.info("statistics gathered in %.1f s", time.perf_counter() - started)

    return Counts(len(team_ids), len(rep_ids), len(memberships), quotas, activities, written)


def generate_database(
    url: str,
    *,
    reps: int,
    deals: int,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    activity_days: int = 20,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Counts:
    """`generate` into the database at `url`, migrating it first when it is empty."""
    engine = open_database(url)
    try:
        return generate(
            engine, reps=reps, deals=deals, seed=seed, today=today,
            activity_days=activity_days, batch_size=batch_size,
        )  # fmt: skip
    finally:
        engine.dispose()


def _refuse_unless_empty(connection: Connection) -> None:
    for name in ("team", "rep", "team_membership", "quota", "activity", "deal"):
        if connection.execute(select(func.count()).select_from(TABLES[name])).scalar_one():
            raise BenchError(
                f"the database already has rows in {name!r}; "
                "the generator fills an empty database only"
            )


def _insert(
    connection: Connection, table: str, rows: Iterable[dict[str, Any]], batch_size: int
) -> int:
    """Insert `rows` a batch at a time, each batch one executemany; returns the count."""
    statement = TABLES[table].insert()
    written = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        connection.execute(statement, batch)
        written += len(batch)
    return written


def _insert_returning_ids(
    connection: Connection, table: str, rows: list[dict[str, Any]]
) -> list[int]:
    if not rows:
        return []
    columns = TABLES[table].c
    statement = TABLES[table].insert().returning(columns.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, rows).scalars())


def _insert_teams(connection: Connection, company: Company) -> dict[str, int]:
    """The regions, then the teams under them; returns every id by name."""
    regions = [{"name": name, "parent_id": None} for name in company.regions]
    region_ids = _insert_returning_ids(connection, "team", regions)
    ids = dict(zip(company.regions, region_ids, strict=True))

    teams = [{"name": name, "parent_id": ids[region]} for name, region in company.teams]
    team_ids = _insert_returning_ids(connection, "team", teams)
    ids.update(zip((name for name, _ in company.teams), team_ids, strict=True))
    return ids


def _insert_reps(connection: Connection, company: Company, team_ids: dict[str, int]) -> list[int]:
    """The managers, then the reps who report to them; returns ids in company order."""
    managers = [rep for rep in company.reps if rep.manager_email is None]
    rows = [_rep_row(rep, team_ids[rep.team], None) for rep in managers]
    inserted = _insert_returning_ids(connection, "rep", rows)
    manager_ids = dict(zip((rep.email for rep in managers), inserted, strict=True))

    others = company.reps[len(managers) :]
    rows = [
        _rep_row(rep, team_ids[rep.team], manager_ids[rep.manager_email or ""]) for rep in others
    ]
    ids = list(manager_ids.values()) + _insert_returning_ids(connection, "rep", rows)

    # Team and manager point at each other, so teams learn their managers last; a
    # region is led by the manager of its first team.
    leaders: dict[int, int] = {}
    for rep in managers:
        leaders[team_ids[rep.team]] = manager_ids[rep.email]
        leaders.setdefault(team_ids[rep.region], manager_ids[rep.email])
    team = TABLES["team"]
    statement = (
        team.update().where(team.c.id == bindparam("team")).values(manager_id=bindparam("manager"))
    )
    connection.execute(statement, [{"team": t, "manager": m} for t, m in leaders.items()])
    return ids


def _rep_row(rep: BenchRep, team_id: int, manager_id: int | None) -> dict[str, Any]:
    return {
        "name": rep.name,
        "email": rep.email,
        "team_id": team_id,
        "manager_id": manager_id,
        "role": rep.role,
        "hire_date": rep.hire_date,
        "active": True,
        "locale": None,
        "timezone": None,
    }


def _stored_deal(
    row: dict[str, Any], rep_ids: Sequence[int], updated_at: datetime
) -> dict[str, Any]:
    row["owner_id"] = rep_ids[row.pop("owner")]
    row["updated_at"] = updated_at
    return row


# -- CSV files for the import benchmark ---------------------------------------------------


def write_reps_csv(path: Path, reps: Sequence[BenchRep]) -> int:
    """The reps in `name,email,team,region,manager,role,hire_date`; returns the row count."""
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(REPS_CSV_HEADER)
        writer.writerows(
            (rep.name, rep.email, rep.team, rep.region, rep.manager_email or "", rep.role,
             rep.hire_date.isoformat())
            for rep in reps
        )  # fmt: skip
    return len(reps)


def write_deals_csv(
    path: Path, reps: Sequence[BenchRep], deals: int, seed: int, *, today: date | None = None
) -> int:
    """`deals` deals in the generic CSV format, the same ones `generate` stores.

    Owners are rep emails and probabilities are percents; every third amount is written
    with thousands separators ("12,345.67"), the others plain, as exports mix them.
    """
    rows = deal_rows(reps, deals, seed=seed, today=today or utc_today())
    written = 0
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(DEALS_CSV_HEADER)
        for written, row in enumerate(rows, start=1):
            amount: Decimal | None = row["amount"]
            text = "" if amount is None else f"{amount:,.2f}" if written % 3 == 0 else f"{amount}"
            writer.writerow((
                row["external_id"], row["name"], row["account"], row["product"],
                reps[row["owner"]].email, text, row["currency"], row["stage"],
                f"{Decimal(row['probability_bp']) / 100}", row["forecast_category"],
                _iso(row["created_date"]), _iso(row["close_date"]),
                _iso(row["last_activity_date"]),
            ))  # fmt: skip
    return written


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


# -- command line ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Fill an empty Quotabot database, or write CSV files, for benchmarks.",
    )
    parser.add_argument("--reps", type=int, default=5000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--database", metavar="URL", help="an empty database to fill")
    parser.add_argument("--csv", type=Path, metavar="DIR", help="write reps.csv and deals.csv")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--today", type=date.fromisoformat, help="default: today in UTC")
    parser.add_argument("--activity-days", type=int, default=20, help="sampled days per rep")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    args = parser.parse_args(argv)
    if not args.database and not args.csv:
        parser.error("give --database URL, --csv DIR, or both")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    today: date = args.today or utc_today()

    if args.database:
        started = time.perf_counter()
        try:
            counts = generate_database(
                args.database, reps=args.reps, deals=args.deals, seed=args.seed, today=today,
                activity_days=args.activity_days, batch_size=args.batch_size,
            )  # fmt: skip
        except (BenchError, DatabaseError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        where = make_url(args.database).render_as_string(hide_password=True)
        print(f"{where}: {counts} in {time.perf_counter() - started:.1f} s")

    if args.csv:
        started = time.perf_counter()
        args.csv.mkdir(parents=True, exist_ok=True)
        company = plan_company(args.reps, seed=args.seed, today=today)
        write_reps_csv(args.csv / "reps.csv", company.reps)
        write_deals_csv(args.csv / "deals.csv", company.reps, args.deals, args.seed, today=today)
        print(f"{args.csv}: reps.csv and deals.csv in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
