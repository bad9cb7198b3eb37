"""`quotabot demo`: a made-up company imported from CSV files, and what its manager sees."""

from __future__ import annotations

import csv
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import click
from sqlmodel import Session

from adapters.crm.csv_import import ImportOptions, import_csv
from core.leaderboard import leaderboard
from core.periods import FiscalCalendar, Period
from core.results import GroupBy, Scope
from core.scorecards import at_risk, scorecards
from core.storage import open_database
from quotabot.cli_reports import console as terminal
from quotabot.cli_reports import print_leaderboard
from quotabot.context import AppContext
from quotabot.demo_company import MANAGERS, DemoCompany, build_company, email_of
from quotabot.demo_policy import POLICY_FILE, write_policy
from quotabot.text import print_at_risk, print_scorecards

DATABASE_FILE = "demo.db"


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("quotabot-demo"),
    show_default=True,
    help="Folder for the demo's database and CSV files (replaced if present).",
)
@click.option(
    "--today", metavar="YYYY-MM-DD", help="Play the company's day on this date [default: today]."
)
@click.pass_obj
def demo(app: AppContext, out: Path, today: str | None) -> None:
    """Build a demo company, import it from CSV, and show a manager's first look.

    The company is the same for the same day: three teams in two regions, 22 reps,
    fifteen months of deals and activities, quarterly quotas, a ramping new hire,
    a rep clearly at risk and a tie on the leaderboard.
    """
    started = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    settings = write_policy(out)
    calendar = FiscalCalendar(settings.calendar)
    day = date.fromisoformat(today) if today else calendar.local_date(app.now)
    # The demo plays the middle of that day, so "today" is half gone on its clock.
    now = calendar.start_of_day(day) + timedelta(hours=12)

    company = build_company(day, calendar)
    files = write_csv_files(company, out)

    engine = open_database(f"sqlite:///{out / DATABASE_FILE}")
    with Session(engine) as session:
        for kind in ("reps", "quotas", "deals", "activities"):
            import_csv(
                session,
                files[kind],
                ImportOptions(kind),
                settings=settings,
                calendar=calendar,
                now=now,
                effective=day,
            )
        session.commit()

    period = _shown_period(calendar, now)
    console = terminal()
    console.print(
        f"[bold]Quotabot demo[/]: {len(company.reps)} people, "
        f"{len(company.deals):,} deals and {len(company.activities):,} activity "
        f"days imported from {out}/, as of {now:%Y-%m-%d %H:%M} {calendar.tz}.\n"
    )
    with Session(engine) as session:
        cards = scorecards(session, settings, GroupBy.TEAM, period, now)
        board = leaderboard(session, settings, period, now)
        risky = at_risk(session, settings, period, now, Scope.company())
    engine.dispose()

    print_scorecards(console, cards, settings.currency)
    console.print()
    top = type(board)(board.metric, board.by, board.period, board.as_of, board.rows[:10])
    print_leaderboard(console, top, settings.currency)
    console.print()
    print_at_risk(console, risky, settings.currency, period)
    where = f"--database sqlite:///{out / DATABASE_FILE} --config {out / POLICY_FILE}"
    console.print(
        f"\nDone in {time.perf_counter() - started:.1f} s. Explore it with, for example:\n"
        f"  quotabot {where} scorecard --by rep\n"
        f"  quotabot {where} chat --as {email_of(MANAGERS['West'])}   (then: ramp, coach)",
        soft_wrap=True,
    )


def _shown_period(calendar: FiscalCalendar, now: datetime) -> Period:
    """This quarter, unless too little of it has gone by to judge anyone at risk."""
    quarter = calendar.quarter(calendar.local_date(now))
    if calendar.pace(quarter, now) < 0.25:
        return calendar.previous(quarter)
    return quarter


def write_csv_files(company: DemoCompany, folder: Path) -> dict[str, Path]:
    """The company as the generic CSV files that `quotabot import` reads."""
    rows: dict[str, tuple[list[str], list[list[object]]]] = {
        "reps": (
            ["name", "email", "team", "region", "manager", "role", "hire_date"],
            [
                [r.name, r.email, r.team, r.region, r.manager, r.role, r.hire_date]
                for r in company.reps
            ],
        ),
        "quotas": (
            ["owner", "period", "target", "metric"],
            [[q.owner, q.period.label, q.target, q.metric] for q in company.quotas],
        ),
        "deals": (
            [
                "external_id",
                "name",
                "account",
                "product",
                "owner",
                "amount",
                "currency",
                "stage",
                "probability",
                "forecast_category",
                "created_date",
                "close_date",
                "last_activity_date",
            ],
            [
                [
                    d.external_id,
                    d.name,
                    d.account,
                    d.product,
                    d.owner,
                    d.amount,
                    d.currency,
                    d.stage,
                    None if d.probability_bp is None else d.probability_bp / 100,
                    d.forecast_category,
                    d.created_date,
                    d.close_date,
                    d.last_activity_date,
                ]
                for d in company.deals
            ],
        ),
        "activities": (
            ["rep", "kind", "date", "count"],
            [[a.rep, a.kind, a.occurred_on, a.count] for a in company.activities],
        ),
    }
    files = {}
    for kind, (header, records) in rows.items():
        path = folder / f"{kind}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(
                [["" if value is None else value for value in row] for row in records]
            )
        files[kind] = path
    return files


COMMANDS = [demo]
