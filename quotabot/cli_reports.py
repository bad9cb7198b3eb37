"""The read commands: leaderboard, scorecard, pipeline, forecast and atrisk."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from core.leaderboard import leaderboard as build_leaderboard
from core.org import Org
from core.periods import Period
from core.pipeline import forecast as build_forecast
from core.pipeline import pipeline_health
from core.results import GroupBy, Leaderboard, Metric, Scope, Scorecard
from core.scope import resolve_scope
from core.scorecards import at_risk, scorecards
from core.scorecards import scorecard as build_scorecard
from quotabot import output
from quotabot.context import AppContext
from quotabot.text import (
    print_at_risk,
    print_forecast,
    print_pipeline,
    print_scorecard,
    print_scorecards,
)

DEFAULT_PERIOD = "this-quarter"


@dataclass(frozen=True)
class Question:
    """What every read command is asked: as of when, for which period, about whom."""

    as_of: datetime
    period: Period
    scope: Scope


def read_options(function: Callable[..., None]) -> Callable[..., None]:
    """Add the shared options, and hand the command a `Question` built from them."""

    @functools.wraps(function)
    def ask(
        app: AppContext, *, period: str, as_of: str | None, team: str | None,
        rep: str | None, **rest: Any,
    ) -> None:  # fmt: skip
        moment = parse_as_of(app, as_of)
        with app.session() as session:
            scope = resolve_scope(Org.load(session), team=team, rep=rep)
        function(app, Question(moment, app.calendar.parse(period, moment), scope), **rest)

    options = [
        click.option(
            "--period",
            default=DEFAULT_PERIOD,
            show_default=True,
            help="2026-Q4, 2026-11, 2026-W48, 2026, today, this-month, FROM..TO",
        ),
        click.option(
            "--as-of",
            "as_of",
            metavar="DATE|INSTANT",
            help="Answer as of the end of this day (or this ISO instant).",
        ),
        click.option("--team", metavar="NAME", help="Only this team (and the teams below it)."),
        click.option("--rep", metavar="EMAIL|NAME", help="Only this rep."),
        click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON."),
    ]
    wrapped: Callable[..., None] = ask
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


def parse_as_of(app: AppContext, text: str | None) -> datetime:
    """`--as-of`: a day means the end of that day on the company's clock."""
    if not text:
        return app.now
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date or instant; use 2026-11-30 or 2026-11-30T17:00+01:00",
            param_hint="--as-of",
        ) from None
    if len(text) <= 10:  # a bare date
        end = datetime.combine(moment.date(), time(0), tzinfo=app.calendar.tz)
        return end + timedelta(days=1) - timedelta(microseconds=1)
    return moment if moment.tzinfo else moment.replace(tzinfo=app.calendar.tz)


def console() -> Console:
    """Rich output; piped output gets room for wide tables rather than 80 columns."""
    terminal = Console(highlight=False)
    return terminal if terminal.is_terminal else Console(highlight=False, width=120)


@click.command()
@click.option(
    "--metric",
    type=click.Choice([m.value for m in Metric]),
    default="won_revenue",
    show_default=True,
)
@click.option(
    "--by", type=click.Choice([g.value for g in GroupBy]), default="rep", show_default=True
)
@click.option("--top", type=click.IntRange(min=1), help="Show only the first N rows.")
@click.pass_obj
@read_options
def leaderboard(
    app: AppContext, question: Question, as_json: bool, metric: str, by: str, top: int | None
) -> None:
    """Rank reps, teams or managers on one metric, with movement since yesterday."""
    with app.session() as session:
        board = build_leaderboard(
            session,
            app.settings,
            question.period,
            question.as_of,
            metric=Metric(metric),
            by=GroupBy(by),
            within=question.scope,
        )
    if top is not None:
        board = Leaderboard(board.metric, board.by, board.period, board.as_of, board.rows[:top])
    if as_json:
        click.echo(output.dumps(output.leaderboard_json(board)))
        return
    print_leaderboard(console(), board, app.settings.currency)


def print_leaderboard(console: Console, board: Leaderboard, currency: str) -> None:
    title = (
        f"Leaderboard: {board.metric.value.replace('_', ' ')} by {board.by.value}, "
        f"{board.period.label}"
    )
    table = Table(title=title, title_justify="left")
    for name, justify in (
        ("#", "right"),
        ("Name", "left"),
        ("Team", "left"),
        ("Value", "right"),
        ("Move", "center"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in board.rows:
        table.add_row(
            "–" if row.rank is None else str(row.rank),
            row.subject.name,
            row.subject.team or "",
            output.board_value(board, row.value, currency),
            output.movement(row.movement),
        )
    console.print(table)


@click.command()
@click.option(
    "--by",
    type=click.Choice([g.value for g in GroupBy]),
    help="One scorecard per rep, team or manager.",
)
@click.pass_obj
@read_options
def scorecard(app: AppContext, question: Question, as_json: bool, by: str | None) -> None:
    """Where the company, a team or a rep stands: attainment, pace, pipeline, projections."""
    with app.session() as session:
        if by is None:
            card = build_scorecard(
                session, app.settings, question.scope, question.period, question.as_of
            )
            cards: list[Scorecard] = [card]
        else:
            cards = scorecards(
                session, app.settings, GroupBy(by), question.period, question.as_of, question.scope
            )
    if as_json:
        data = [output.scorecard_json(card) for card in cards]
        click.echo(output.dumps(data if by else data[0]))
        return
    if by is None:
        print_scorecard(console(), cards[0], app.settings.currency)
    else:
        print_scorecards(console(), cards, app.settings.currency)


@click.command()
@click.pass_obj
@read_options
def pipeline(app: AppContext, question: Question, as_json: bool) -> None:
    """Open deals by stage, with the stale and past-due ones that need attention."""
    with app.session() as session:
        health = pipeline_health(
            session, app.settings, question.scope, question.period, question.as_of
        )
    if as_json:
        click.echo(output.dumps(output.to_json(health)))
        return
    print_pipeline(console(), health, app.settings.currency)


@click.command()
@click.pass_obj
@read_options
def forecast(app: AppContext, question: Question, as_json: bool) -> None:
    """Closed, commit, best case and pipeline for the period, with projections."""
    with app.session() as session:
        result = build_forecast(
            session, app.settings, question.scope, question.period, question.as_of
        )
    if as_json:
        data = output.to_json(result)
        data.update(
            commit_total=str(result.commit_total), best_case_total=str(result.best_case_total)
        )
        click.echo(output.dumps(data))
        return
    print_forecast(console(), result, app.settings.currency)


@click.command("atrisk")
@click.pass_obj
@read_options
def atrisk(app: AppContext, question: Question, as_json: bool) -> None:
    """Reps whose projections fall short of the at-risk threshold, and why."""
    with app.session() as session:
        cards = at_risk(session, app.settings, question.period, question.as_of, question.scope)
    if as_json:
        click.echo(output.dumps([output.scorecard_json(card) for card in cards]))
        return
    print_at_risk(console(), cards, app.settings.currency, question.period)


COMMANDS = [leaderboard, scorecard, pipeline, forecast, atrisk]
