"""`quotabot report`: a team's or the company's performance report, as text, PDF, CSV
or JSON.

`--out report.pdf` writes the PDF (bot.report_pdf), `--csv reps.csv` one row per rep,
`--json` the whole report; without any of them the report is printed as chat shows it.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from adapters.console.render import render
from bot.catalogue import Texts
from bot.reply import Reply
from bot.report_pdf import write_report_pdf
from bot.report_reply import report_paragraphs
from core.org import Org
from core.reports import Report, RepResult, build_report
from core.scope import resolve_scope
from quotabot import output
from quotabot.cli_reports import DEFAULT_PERIOD, console, parse_as_of
from quotabot.context import AppContext

CSV_COLUMNS = (
    "rep", "email", "team", "won_revenue", "quota", "attainment", "hit_target", "shortfall",
    "deals_won", "deals_lost", "win_rate", "average_deal_size", "open_pipeline",
    "previous_won_revenue", "previous_attainment", "attainment_change",
)  # fmt: skip


@click.command("report")
@click.option(
    "--period",
    default=DEFAULT_PERIOD,
    show_default=True,
    help="2026-Q4, 2026-11, 2026-W48, 2026, last-week, FROM..TO",
)
@click.option("--as-of", "as_of", metavar="DATE|INSTANT", help="Answer as of the end of this day.")
@click.option("--team", metavar="NAME", help="This team and the teams below it [default: all].")
@click.option(
    "--out",
    "pdf_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report as a PDF to this file.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write one row per rep to this CSV file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def report(
    app: AppContext,
    period: str,
    as_of: str | None,
    team: str | None,
    pdf_path: Path | None,
    csv_path: Path | None,
    as_json: bool,
) -> None:
    """The period's performance report: attainment, successes, failures, forecast, trend."""
    moment = parse_as_of(app, as_of)
    asked = app.calendar.parse(period, moment)
    with app.session() as session:
        scope = resolve_scope(Org.load(session), team=team)
        built = build_report(session, app.settings, scope, asked, moment)
    settings = app.settings

    if pdf_path is not None:
        pages = write_report_pdf(built, settings.locale, settings.currency, pdf_path)
        click.echo(
            f"Report of {built.subject.name} for {asked.label}: {pages} pages in {pdf_path}"
        )
    if csv_path is not None:
        write_csv(csv_path, built)
        click.echo(f"{len(built.reps)} rep(s) in {asked.label} written to {csv_path}")
    if as_json:
        click.echo(output.dumps(report_json(built)))
    elif pdf_path is None and csv_path is None:
        texts = Texts(settings.locale, settings.currency)
        whose = texts("team.company") if built.subject.id is None else built.subject.name
        title = texts("report.title", whose=whose, period=texts.period(asked))
        console().print(render(Reply(title=title, paragraphs=report_paragraphs(texts, built))))


def _cell(value: Decimal | int | bool | str | None) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else round(value, 4)


def csv_row(result: RepResult) -> list[Any]:
    card, before = result.card, result.previous
    values = [
        card.subject.name, card.subject.email, card.subject.team, card.won_revenue, card.quota,
        _ratio(card.attainment), result.hit_target, result.shortfall, card.deals_won,
        card.deals_lost, _ratio(card.win_rate), card.average_deal_size, card.open_pipeline,
        before.won_revenue if before else None,
        _ratio(before.attainment) if before else None, _ratio(result.attainment_change),
    ]  # fmt: skip
    return [_cell(value) for value in values]


def write_csv(path: Path, built: Report) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_COLUMNS)
        for result in built.reps:
            writer.writerow(csv_row(result))


def _rep_json(result: RepResult) -> dict[str, Any]:
    before = result.previous
    return {
        **output.scorecard_json(result.card),
        "hit_target": result.hit_target,
        "shortfall": None if result.shortfall is None else str(result.shortfall),
        "previous": None if before is None else output.scorecard_json(before),
        "attainment_change": output.to_json(result.attainment_change, "attainment"),
    }


def _names(results: tuple[RepResult, ...]) -> list[str]:
    return [result.card.subject.name for result in results]


def report_json(built: Report) -> dict[str, Any]:
    trend = built.trend
    forecast = output.to_json(built.forecast)
    forecast.update(
        commit_total=str(built.forecast.commit_total),
        best_case_total=str(built.forecast.best_case_total),
    )
    return {
        "subject": output.to_json(built.subject),
        "period": output.period_json(built.period),
        "previous_period": output.period_json(built.previous_period),
        "as_of": built.as_of.isoformat(),
        "through": built.through.isoformat(),
        "finished": built.finished,
        "total": output.scorecard_json(built.total),
        "trend": {
            "previous": output.scorecard_json(trend.previous),
            "previous_as_of": trend.previous_as_of.isoformat(),
            "won_change": str(trend.won_change),
            "attainment_change": output.to_json(trend.attainment_change, "attainment"),
            "deals_won_change": trend.deals_won_change,
            "win_rate_change": output.to_json(trend.win_rate_change, "win_rate"),
        },
        "reps": [_rep_json(result) for result in built.reps],
        "teams": [output.scorecard_json(card) for card in built.teams],
        "hit_target": _names(built.hit_target),
        "missed": [
            {"name": r.card.subject.name, "shortfall": str(r.shortfall)} for r in built.missed
        ],
        "most_improved": _names(built.most_improved),
        "best_win_rate": _names(built.best_win_rate),
        "wins": output.to_json(built.wins),
        "lost": output.to_json(built.lost),
        "losses_by_stage": output.to_json(built.losses_by_stage),
        "slipped": output.to_json(built.slipped),
        "forecast": forecast,
    }


COMMANDS = [report]
