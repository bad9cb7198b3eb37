"""`quotabot jobs list|run`: the scheduled posts' next times, and running one now.

`jobs run` goes the way a scheduled run goes: it claims a run (of its own, apart from
the scheduled ones) and records its delivery, so it keeps to quiet hours too. With
`--dry-run` it posts nothing and prints the post instead.
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.table import Table

from adapters.console.render import render, save_images
from adapters.slack.config import API_URL, BOT_TOKEN, SLACK_API
from adapters.slack.delivery import Delivery, web_client
from core.models import Subscription
from core.schedules import ScheduleError, in_posting_hours
from core.subscriptions import subscriptions
from core.wins import imports_with_wins
from quotabot import output
from quotabot.cli_housekeeping import housekeeping_rows, print_housekeeping
from quotabot.cli_reports import console, parse_as_of
from quotabot.context import AppContext
from quotabot.scheduling import runner_for
from scheduler.jobs import Job, build_post, jobs_of

UPCOMING = 3  # fire times shown per subscription with --json
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@click.group("jobs")
def jobs_group() -> None:
    """The scheduled posts: when each goes next, and running one now."""


@jobs_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """Every subscription and housekeeping job, and its next fire times, the soonest first."""
    with app.session() as session:
        found = subscriptions(session)
    rows = [_row(app, subscription) for subscription in found] + housekeeping_rows(app)
    rows.sort(key=lambda row: (row["next"] is None, row["next"] or ""))
    if as_json:
        click.echo(output.dumps(rows))
        return
    print_housekeeping([row for row in rows if row["subscription"] is None])
    rows = [row for row in rows if row["subscription"] is not None]
    if not rows:
        click.echo("No scheduled posts; add one with `quotabot subscriptions add`.")
        return
    table = Table(title="Scheduled posts", title_justify="left")
    for name in ("Subscription", "Kind", "Where", "Cron", "Time zone", "Next (local)", "Job"):
        table.add_column(name)
    for row in rows:
        upcoming = row["upcoming_local"]
        table.add_row(
            str(row["subscription"]),
            str(row["kind"]),
            str(row["where"]),
            str(row["cron"]),
            str(row["timezone"]),
            upcoming[0] if isinstance(upcoming, list) and upcoming else str(row["problem"]),
            str(row["job"]),
        )
    console().print(table)


@jobs_group.command("run")
@click.argument("subscription_id", metavar="SUBSCRIPTION_ID", type=int)
@click.option("--dry-run", is_flag=True, help="Print the post instead of posting it.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("quotabot-charts"),
    show_default=True,
    help="Folder for the post's charts, with --dry-run.",
)
@click.option("--no-charts", is_flag=True, help="Draw no charts.")
@click.option(
    "--as-of",
    "as_of",
    metavar="INSTANT",
    help="Build the post as of this instant, e.g. 2026-12-01T09:00+01:00 [default: now].",
)
@click.pass_obj
def run(
    app: AppContext,
    subscription_id: int,
    dry_run: bool,
    out: Path,
    no_charts: bool,
    as_of: str | None,
) -> None:
    """Post one subscription's post now, to its target alone."""
    now = parse_as_of(app, as_of)
    with app.session() as session:
        subscription = session.get(Subscription, subscription_id)
    if subscription is None:
        raise click.ClickException(
            f"there is no subscription number {subscription_id}; `quotabot jobs list` shows them"
        )
    [job] = jobs_of([subscription]).values()
    fire_time = _latest_wins(app) if job.as_it_happens else now
    if dry_run:
        _print_post(app, job, fire_time, now, out, charts=not no_charts)
        return

    if subscription.platform != "slack":
        raise click.ClickException(
            f"posting to {subscription.platform} is not built yet; --dry-run shows the post"
        )
    runner = runner_for(app, _slack())
    runner.charts = not no_charts
    outcome = asyncio.run(runner.fire(job, fire_time, now=now, manual=True))

    where = _where(subscription)
    if outcome.sent:
        click.echo(f"Posted subscription {subscription_id} to {where}.")
        return
    if not in_posting_hours(now, subscription.timezone):
        local = now.astimezone(job.schedule.zone)
        raise click.ClickException(
            f"not posted: it is {local:%H:%M} in {subscription.timezone}, in quiet hours; "
            "scheduled posts go out only from 07:00 to 20:00 (try --dry-run to see it)"
        )
    raise click.ClickException(
        f"could not post to {where}; `quotabot -v jobs run {subscription_id}` logs why"
    )


def _slack() -> Delivery:
    """Posting needs the bot token alone (not the signing secret that serving needs)."""
    token = os.environ.get(BOT_TOKEN, "").strip()
    if not token:
        raise click.ClickException(
            f"{BOT_TOKEN} is not set: the bot token (xoxb-...) that Quotabot posts with"
        )
    api_url = os.environ.get(API_URL, "").strip() or SLACK_API
    return Delivery(web_client(token, api_url))


def _latest_wins(app: AppContext) -> datetime:
    """A celebration is of one import's wins: run now, it celebrates the latest."""
    with app.session() as session:
        stamps = imports_with_wins(session, app.settings.stages, since=EPOCH)
    if not stamps:
        raise click.ClickException("no import has turned a deal won yet: nothing to celebrate")
    return stamps[-1]


def _print_post(
    app: AppContext, job: Job, fire_time: datetime, now: datetime, out: Path, *, charts: bool
) -> None:
    async def build() -> None:
        with app.session() as session:
            reply = await build_post(
                job.post, session, app.settings, now, fire_time=fire_time, charts=charts
            )
        [(subscription_id, _)] = job.targets
        images = save_images(reply, out, f"subscription-{subscription_id}")
        console().print(render(reply, images))

    asyncio.run(build())


def _row(app: AppContext, subscription: Subscription) -> dict[str, object]:
    [job] = jobs_of([subscription]).values()
    row: dict[str, object] = {
        "subscription": subscription.id,
        "kind": subscription.kind,
        "where": _where(subscription),
        "cron": subscription.cron,
        "timezone": subscription.timezone,
        "job": job.key,
        "next": None,
        "upcoming_local": [],
        "problem": "",
    }
    if job.as_it_happens:
        row["problem"] = "posted as deals are won"
        return row
    try:
        fires = job.schedule.fire_times(app.now, UPCOMING)
    except ScheduleError as error:
        row["problem"] = f"cannot be scheduled: {error}"
        return row
    if not fires:
        row["problem"] = "never fires again"
        return row
    row["next"] = fires[0].isoformat()
    row["upcoming_local"] = [
        fire.astimezone(job.schedule.zone).strftime("%a %Y-%m-%d %H:%M") for fire in fires
    ]
    return row


def _where(subscription: Subscription) -> str:
    place = subscription.target
    if subscription.workspace:
        place = f"{subscription.workspace}/{place}"
    return f"{subscription.platform} {place}"


COMMANDS = [jobs_group]
