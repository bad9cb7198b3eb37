"""Quotabot's benchmarks in one run: leaderboards against a hand-written query, and import.

    python -m bench.run [--reps 5000] [--deals 1000000] [--postgres URL] [--skip-import]
                        [--slack]

It builds (or reuses) a benchmark database of N reps and M deals on SQLite and on
PostgreSQL, times a full leaderboard against the bare GROUP BY it must at least run,
then times `quotabot import` of an M-row deals CSV into a fresh SQLite file, and with
`--slack` how fast `quotabot serve` answers Slack on SQLite (bench/slack.py). The
results are printed as a Markdown table and kept in bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bench.company import plan_company, utc_today
from bench.generate import generate, write_deals_csv, write_reps_csv
from bench.leaderboard import LeaderboardTiming, measure
from core.models import Deal
from core.storage import create_db_engine, upgrade
from quotabot import collector

DATA = Path(__file__).with_name("data")
RESULTS = Path(__file__).with_name("results")
PERIODS = ("this-quarter", "this-year", "FULL")


def prepared(url: str, reps: int, deals: int) -> Engine:
    """The benchmark database at `url`, generated unless it already holds the company;
    one made by an older Quotabot is migrated first, as `quotabot db upgrade` would."""
    engine = create_db_engine(url)
    try:
        upgrade(engine)
    except OperationalError as error:
        where = make_url(url).render_as_string(hide_password=True)
        raise SystemExit(
            f"cannot open {where}: {error.orig}; for PostgreSQL, create an empty database "
            "first (createdb -h HOST -U USER quotabot_bench)"
        ) from None
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(Deal)).scalar_one()
    if stored != deals:
        if stored:
            raise SystemExit(f"{url} holds {stored:,} deals, not {deals:,}: empty it first")
        started = time.perf_counter()
        generate(engine, reps=reps, deals=deals)
        print(f"generated {deals:,} deals in {time.perf_counter() - started:.1f} s", flush=True)
    if engine.dialect.name == "postgresql":
        # Fresh visibility maps, so that both queries may use index-only scans.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE deal"))
    return engine


def full_range(engine: Engine) -> str:
    with engine.connect() as connection:
        first, last = connection.execute(
            select(func.min(Deal.close_date), func.max(Deal.close_date))
        ).one()
    return f"{first}..{last}"


def time_import(reps: int, deals: int) -> tuple[float, float]:
    """Seconds to import the reps CSV, then the deals CSV, into a new SQLite file."""
    folder = DATA / f"csv-{reps}-{deals}"
    if not (folder / "deals.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        company = plan_company(reps, seed=1, today=utc_today())
        write_reps_csv(folder / "reps.csv", company.reps)
        write_deals_csv(folder / "deals.csv", company.reps, deals, seed=1)
    database = folder / "import.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)

    timings = []
    for kind in ("reps", "deals"):
        command = [sys.executable, "-m", "quotabot", "--database", f"sqlite:///{database}",
                   "import", kind, str(folder / f"{kind}.csv")]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        timings.append(time.perf_counter() - started)
    return timings[0], timings[1]


def report(timings: list[LeaderboardTiming], imports: tuple[float, float] | None,
           reps: int, deals: int) -> str:  # fmt: skip
    lines = [
        f"Benchmarks of {datetime.now(UTC):%Y-%m-%d}, {reps:,} reps and {deals:,} deals, "
        f"on {platform.machine()} with Python {platform.python_version()}.",
        "",
        "| database | period | deals in period | leaderboard (median) "
        "| hand-written GROUP BY | ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for t in timings:
        lines.append(
            f"| {t.database} | {t.period} | {t.deals_in_period:,} | {t.quotabot_ms:.0f} ms "
            f"| {t.hand_written_ms:.0f} ms | {t.ratio:.2f} |"
        )
    if imports:
        reps_s, deals_s = imports
        lines += [
            "",
            "| import into SQLite | rows | time | rows per second |",
            "| --- | ---: | ---: | ---: |",
            f"| reps CSV | {reps:,} | {reps_s:.1f} s | {reps / reps_s:,.0f} |",
            f"| deals CSV | {deals:,} | {deals_s:.1f} s | {deals / deals_s:,.0f} |",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5_000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="an empty PostgreSQL database to fill (skipped if not given)",
    )
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--slack", action="store_true", help="also time `quotabot serve` answering Slack"
    )
    args = parser.parse_args()

    # As `quotabot` itself does once loaded (see quotabot/collector.py).
    collector.settle()
    DATA.mkdir(exist_ok=True)
    targets = [("SQLite", f"sqlite:///{DATA / f'bench-{args.reps}-{args.deals}.db'}")]
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres))

    timings = []
    for label, url in targets:
        print(f"{label}: {make_url(url).render_as_string(hide_password=True)}", flush=True)
        engine = prepared(url, args.reps, args.deals)
        for period in PERIODS:
            name = full_range(engine) if period == "FULL" else period
            timings.append(measure(engine, label, name, args.repeats))
            print(f"  {timings[-1]}", flush=True)
        engine.dispose()
    imports = None if args.skip_import else time_import(args.reps, args.deals)

    text_report = report(timings, imports, args.reps, args.deals)
    if args.slack:
        from bench import slack  # only with --slack: it needs the Slack double of tests/

        engine = prepared(targets[0][1], args.reps, args.deals)
        text_report += "\n" + slack.report(slack.measure(engine))
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(text_report, encoding="utf-8")
    print(text_report)


if __name__ == "__main__":
    main()
