"""`quotabot earnings`: one rep's earnings, or everyone's as a table, JSON or CSV.

The command line is for the people who run Quotabot (whoever can read the database
sees everything), so it shows anyone's earnings; chat keeps them private.

CSV layout, one row per rep with a plan in the period: rep, email, plan (several
joined by " then " when the plan changed in the period), won_revenue, quota,
attainment (a ratio, 0.5 is 50%), tier_1 ... tier_N (commission paid in each tier,
by the tier's number in its plan, added up over the plans of the period), capped
(what caps held back), spiffs, adjustments, draw_top_up, total. Money is in the
home currency with two decimals and a dot.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import click
from rich.table import Table

from core.earnings import Earnings, NoPlanError, earnings_of_all
from core.earnings import earnings as build_earnings
from core.org import Org
from quotabot import output
from quotabot.cli_reports import DEFAULT_PERIOD, console, parse_as_of
from quotabot.context import AppContext

FIXED_COLUMNS = ("rep", "email", "plan", "won_revenue", "quota", "attainment")
TAIL_COLUMNS = ("capped", "spiffs", "adjustments", "draw_top_up", "total")


@click.command()
@click.option(
    "--period",
    default=DEFAULT_PERIOD,
    show_default=True,
    help="2026-Q4, 2026-11, 2026-W48, 2026, this-month, FROM..TO",
)
@click.option("--as-of", "as_of", metavar="DATE|INSTANT", help="Answer as of the end of this day.")
@click.option("--rep", metavar="EMAIL|NAME", help="Only this rep.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    help="Write one row per rep with a plan to this CSV file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def earnings(
    app: AppContext,
    period: str,
    as_of: str | None,
    rep: str | None,
    csv_path: Path | None,
    as_json: bool,
) -> None:
    """Commission by tier, SPIFFs, adjustments and total, under the configured plans."""
    if not app.settings.earnings.assignments:
        raise click.ClickException(
            "no compensation plan is assigned: add [earnings] plans and assignments to "
            "quotabot.toml (see the README's Earnings section)"
        )
    moment = parse_as_of(app, as_of)
    asked = app.calendar.parse(period, moment)
    with app.session() as session:
        if rep is not None:
            person = Org.load(session).find_rep(rep)
            try:
                results = [build_earnings(session, app.settings, person.id, asked, moment)]
            except NoPlanError as error:
                raise click.ClickException(str(error)) from None
        else:
            results = earnings_of_all(session, app.settings, asked, moment)

    if csv_path is not None:
        write_csv(csv_path, results)
        click.echo(f"{len(results)} rep(s) with a plan in {asked.label} written to {csv_path}")
        return
    if as_json:
        data = [output.to_json(result) for result in results]
        click.echo(output.dumps(data[0] if rep is not None else data))
        return
    if rep is not None:
        print_earnings(results[0], app.settings.currency)
    else:
        print_all(results, app.settings.currency)


def by_tier_number(result: Earnings) -> dict[int, Decimal]:
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for line in result.tiers:
        paid[line.number] += line.commission
    return paid


def plans_of(result: Earnings) -> str:
    names: list[str] = []
    for part in result.parts:
        if part.plan is not None and (not names or names[-1] != part.plan):
            names.append(part.plan)
    return " then ".join(names)


def write_csv(path: Path, results: list[Earnings]) -> None:
    tiers = max((line.number for result in results for line in result.tiers), default=0)
    header = [*FIXED_COLUMNS, *(f"tier_{n}" for n in range(1, tiers + 1)), *TAIL_COLUMNS]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for result in results:
            paid = by_tier_number(result)
            writer.writerow(
                [
                    result.subject.name,
                    result.subject.email,
                    plans_of(result),
                    result.won_revenue,
                    "" if result.quota is None else result.quota,
                    "" if result.attainment is None else round(result.attainment, 4),
                    *(paid.get(n, Decimal("0.00")) for n in range(1, tiers + 1)),
                    result.capped,
                    result.spiff_total,
                    result.adjustment_total,
                    result.draw_top_up,
                    result.total,
                ]
            )


def print_all(results: list[Earnings], currency: str) -> None:
    table = Table(title="Earnings", title_justify="left")
    for name in ("Rep", "Plan", "Won", "Attainment", "Commission", "SPIFFs", "Adj.", "Total"):
        table.add_column(name, justify="left" if name in ("Rep", "Plan") else "right")
    for result in results:
        table.add_row(
            result.subject.name,
            plans_of(result),
            output.money(result.won_revenue, currency, cents=False),
            output.percent(result.attainment),
            output.money(result.commission, currency),
            output.money(result.spiff_total, currency),
            output.money(result.adjustment_total, currency),
            output.money(result.total, currency),
        )
    console().print(table)


def print_earnings(result: Earnings, currency: str) -> None:
    screen = console()

    def money(value: Decimal | None) -> str:
        return output.money(value, currency)

    screen.print(
        f"[bold]{result.subject.name}[/bold], {result.period.label}: "
        f"{money(result.won_revenue)} won of {money(result.quota)} "
        f"({output.percent(result.attainment)})"
    )
    table = Table(title="Commission by tier", title_justify="left")
    for name in ("Plan", "Tier", "From", "To", "Revenue", "Rate", "Commission"):
        table.add_column(name, justify="left" if name == "Plan" else "right")
    for line in result.tiers:
        table.add_row(
            line.plan,
            str(line.number) + (f" {line.name}" if line.name else ""),
            output.percent(line.lower),
            output.percent(line.upper),
            money(line.revenue),
            output.percent(line.rate),
            money(line.commission),
        )
    screen.print(table)
    if result.quota_missing:
        screen.print("No quota is set for the period: no commission by tier.")
    for label, value in (
        ("Held back by the cap", result.capped),
        ("SPIFFs", result.spiff_total),
        ("Adjustments", result.adjustment_total),
        ("Draw top-up", result.draw_top_up),
        ("Total", result.total),
    ):
        if value or label == "Total":
            screen.print(f"{label}: {money(value)}")
    if result.next_tier is not None:
        screen.print(
            f"{money(result.next_tier.needed)} more reaches tier {result.next_tier.number}."
        )


COMMANDS = [earnings]
