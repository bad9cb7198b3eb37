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
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock_time
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import core.models  # noqa: F401 - registers the tables in SQLModel.metadata
from bench.company import (
    QUOTA_QUARTERS,
    BenchError,
    BenchRep,
    Company,
    activity_rows,
    deal_rows,
    plan_company,
    quota_rows,
    recent_quarters,
    utc_today,
)
from core.periods import FiscalCalendar
from core.storage import DatabaseError, open_database

logger = logging.getLogger(__name__)

TABLES = SQLModel.metadata.tables
DEFAULT_SEED = 1
DEFAULT_BATCH_SIZE = 20_000

REPS_CSV_HEADER = ("name", "email", "team", "region", "manager", "role", "hire_date")
DEALS_CSV_HEADER = (
    "external_id", "name", "account", "product", "owner", "amount", "currency", "stage",
    "probability", "forecast_category", "created_date", "close_date", "last_activity_date",
)  # fmt: skip

# Open stages: name, probability in basis points, forecast category, relative frequency.


@dataclass(frozen=True, slots=True)
class Counts:
    teams: int  # regions included
    reps: int
    memberships: int
    quotas: int
    activities: int
    deals: int


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

    # Fresh statistics, so that the first benchmark query is planned like the rest; of
    # Quotabot's own tables only, since a bare ANALYZE on PostgreSQL goes through every
    # schema of the database and locks tables that other users of it may be emptying.
    started = time.perf_counter()
    with engine.begin() as connection:
        for table in SQLModel.metadata.sorted_tables:
            connection.exec_driver_sql(f'ANALYZE "{table.name}"')
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
