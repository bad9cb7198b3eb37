"""`quotabot contests add|list|remove`: contests, as managers make them in chat."""

from __future__ import annotations

import click
from rich.table import Table

from bot.catalogue import Texts
from bot.commands.contests import problem_text
from core.contests import (
    Channel,
    ContestError,
    ContestInfo,
    NewContest,
    add_contest,
    contests,
    remove_contest,
)
from core.models import ContestKind, ContestRanking
from core.results import Metric
from quotabot import output
from quotabot.cli_reports import console
from quotabot.context import AppContext

CREATED_BY_CLI = "cli"


@click.group("contests")
def contests_group() -> None:
    """Contests: reps or teams competing on a metric over some days, with a prize."""


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (value or "").split(",") if name.strip())


@contests_group.command("add")
@click.argument("name")
@click.option("--period", required=True, help="2026-12, 2026-12-01..2026-12-14, this-month...")
@click.option(
    "--metric",
    type=click.Choice([metric.value for metric in Metric]),
    default=Metric.WON_REVENUE.value,
    show_default=True,
)
@click.option(
    "--kind",
    type=click.Choice([kind.value for kind in ContestKind]),
    default=ContestKind.INDIVIDUAL.value,
    show_default=True,
)
@click.option(
    "--ranking",
    type=click.Choice([ranking.value for ranking in ContestRanking]),
    help="percent: of each one's own target [default: percent where the metric allows it].",
)
@click.option("--teams", metavar="A,B", help="Only these teams (their reps, if individual).")
@click.option("--reps", metavar="EMAIL,EMAIL", help="Only these reps (individual contests).")
@click.option("--prize", default="", help="What the winners get.")
@click.option("--platform", metavar="slack|teams", help="Where to post its start, standings...")
@click.option("--workspace", default="", metavar="ID", help="The Slack team or Teams tenant id.")
@click.option("--channel", metavar="CHANNEL", help="The channel id to post to.")
@click.option("--cron", default="0 9 * * 1-5", show_default=True, help="When standings go out.")
@click.option("--timezone", metavar="ZONE", help="Of the cron [default: the company's].")
@click.pass_obj
def add(
    app: AppContext,
    name: str,
    period: str,
    metric: str,
    kind: str,
    ranking: str | None,
    teams: str | None,
    reps: str | None,
    prize: str,
    platform: str | None,
    workspace: str,
    channel: str | None,
    cron: str,
    timezone: str | None,
) -> None:
    """Add the contest NAME; with --platform and --channel its posts go there."""
    window = app.calendar.parse(period, app.now)
    posts = None
    if platform or channel:
        if not (platform and channel):
            raise click.ClickException("give both --platform and --channel, or neither")
        zone = (timezone or app.settings.calendar.timezone).strip()
        posts = Channel(platform.strip().lower(), workspace.strip(), channel.strip(), cron, zone)
    new = NewContest(
        name=name, start=window.start, end=window.end, created_by=CREATED_BY_CLI,
        metric=Metric(metric), kind=ContestKind(kind),
        ranking=ContestRanking(ranking) if ranking else None, prize=prize,
        teams=_names(teams), reps=_names(reps), channel=posts,
    )  # fmt: skip
    with app.session() as session:
        try:
            contest = add_contest(session, app.settings, new, app.now)
        except ContestError as error:
            texts = Texts("en", app.settings.currency)
            problems = "\n".join(f"  - {problem_text(texts, p)}" for p in error.problems)
            raise click.ClickException(f"cannot add the contest:\n{problems}") from None
    click.echo(
        f"Added contest {contest.id}: {contest.name}, {contest.metric} by {contest.ranking}, "
        f"{contest.start_date} to {contest.end_date}."
    )


@contests_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """Every contest, the latest start first."""
    with app.session() as session:
        found = contests(session)
    if as_json:
        click.echo(output.dumps([as_dict(info) for info in found]))
        return
    if not found:
        click.echo("No contests yet; add one with `quotabot contests add`.")
        return
    table = Table(title="Contests", title_justify="left")
    for column in ("#", "Name", "Kind", "Metric", "Ranking", "From", "To", "Who", "Prize"):
        table.add_column(column)
    for info in found:
        who = ", ".join(info.entrants) if not info.everyone else "everyone"
        table.add_row(
            str(info.id), info.name, info.kind, info.metric, info.ranking,
            str(info.start), str(info.end), who, info.prize,
        )  # fmt: skip
    console().print(table)


@contests_group.command("remove")
@click.argument("contest_id", metavar="ID", type=int)
@click.pass_obj
def remove(app: AppContext, contest_id: int) -> None:
    """Remove a contest and its posts (its number is in `quotabot contests list`)."""
    with app.session() as session:
        removed = remove_contest(session, contest_id)
    if removed is None:
        raise click.ClickException(
            f"there is no contest number {contest_id}; `quotabot contests list` shows them"
        )
    click.echo(f"Removed contest {contest_id}: {removed.name}.")


def as_dict(info: ContestInfo) -> dict[str, object]:
    return {
        "id": info.id,
        "name": info.name,
        "kind": info.kind.value,
        "metric": info.metric.value,
        "ranking": info.ranking.value,
        "start": info.start.isoformat(),
        "end": info.end.isoformat(),
        "everyone": info.everyone,
        "entrants": list(info.entrants),
        "prize": info.prize,
    }


COMMANDS = [contests_group]
