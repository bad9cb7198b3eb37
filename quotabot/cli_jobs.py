"""`quotabot jobs list|run|prune`: the scheduled jobs, running one now, old runs forgotten.

`jobs run NAME` runs a job the way the scheduler runs it: for one slot (its latest fire
time, or the one named with `--slot`), claimed in the database under the very key the
scheduler uses, so that a slot is posted once however many times it is run, by hand or
by any replica. `--force` posts it again on purpose, as a run of its own. It keeps to
quiet hours too. With `--dry-run` it claims nothing and prints the post instead.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

import click
from rich.table import Table

from adapters.console.render import render, save_images
from adapters.slack.config import API_URL, BOT_TOKEN, SLACK_API
from adapters.slack.delivery import Delivery, web_client
from adapters.teams.config import TeamsConfigError, teams_config
from adapters.teams.http import proactive_sender
from core.models import DeliveryState, ScheduledDelivery
from core.schedules import ScheduleError
from core.subscriptions import subscriptions
from quotabot import output
from quotabot.cli_housekeeping import housekeeping_rows, print_housekeeping
from quotabot.cli_jobs_digest import digest_platforms, digest_row, run_digest
from quotabot.cli_jobs_housekeeping import run_housekeeping
from quotabot.cli_reports import console, parse_as_of
from quotabot.context import AppContext
from quotabot.job_slots import check_slot, find_name, latest_slot, parse_slot, zone_of
from quotabot.scheduling import runner_for
from scheduler.claims import deliveries, prune, run_at
from scheduler.delivery import Sender
from scheduler.digest import DIGEST_KEY, KEPT
from scheduler.housekeeping import housekeeping_jobs
from scheduler.jobs import Job, build_post, jobs_of

UPCOMING = 3  # fire times shown per job with --json
LOCAL = "%a %Y-%m-%d %H:%M"


@click.group("jobs")
def jobs_group() -> None:
    """The scheduled jobs: when each goes next, and running one now."""


@jobs_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """Every job: its name, kind, targets and next run, the soonest first; the at-risk
    alerts and nudges (housekeeping jobs, run by the server alone) first."""
    posts = [_row(app, job) for job in _jobs(app).values()] + [digest_row(app, UPCOMING)]
    posts = [row | _compatible(row) for row in posts]
    housekeeping = [_named(row) for row in housekeeping_rows(app)]
    rows = sorted(
        posts + housekeeping,
        key=lambda row: (row["next"] is None, row["next"] or "", str(row["name"])),
    )
    if as_json:
        click.echo(output.dumps(rows))
        return
    if housekeeping:
        print_housekeeping([row for row in rows if row in housekeeping])
    table = Table(title="Scheduled jobs", title_justify="left")
    table.add_column("Name", no_wrap=True)
    for name in ("Kind", "Targets", "Schedule", "Next (local)", "Last (local)"):
        table.add_column(name)
    for row in rows:
        upcoming = row["upcoming_local"]
        targets = row["targets"]
        table.add_row(
            str(row["name"]),
            str(row["kind"]),
            "\n".join(targets) if isinstance(targets, list) else "",
            f"{row['cron']} {row['timezone']}" if row["cron"] else "",
            upcoming[0] if isinstance(upcoming, list) and upcoming else str(row["problem"]),
            str(row["last_local"] or ""),
        )
    console().print(table)


def _compatible(row: dict[str, object]) -> dict[str, object]:
    """The keys that the housekeeping jobs' rows have too: job, where, subscription."""
    targets, numbers = row["targets"], row["subscriptions"]
    return {
        "job": row["name"],
        "where": ", ".join(map(str, targets)) if isinstance(targets, list) else "",
        "subscription": numbers[0] if isinstance(numbers, list) and numbers else None,
    }


def _named(row: dict[str, object]) -> dict[str, object]:
    """A housekeeping job's row with the keys of the posts' rows."""
    return row | {
        "name": row["job"] or None,
        "targets": [row["where"]],
        "subscriptions": [],
        "last": None,
        "last_local": None,
    }


@jobs_group.command("run")
@click.argument("name")
@click.option(
    "--slot",
    metavar="ISO-TIME",
    help="The fire time to run it for, e.g. 2026-12-01T09:00+01:00 [default: the latest].",
)
@click.option("--force", is_flag=True, help="Post again even if that slot went out already.")
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
    help="Run as of this instant, e.g. 2026-12-01T09:00+01:00 [default: now].",
)
@click.pass_obj
def run(
    app: AppContext,
    name: str,
    slot: str | None,
    force: bool,
    dry_run: bool,
    out: Path,
    no_charts: bool,
    as_of: str | None,
) -> None:
    """Run the job NAME now, for its latest fire time or --slot; once per slot."""
    now = parse_as_of(app, as_of)
    jobs = _jobs(app)
    with app.session() as session:
        personal = housekeeping_jobs(session, app.settings)
    name = find_name([*jobs, DIGEST_KEY, *personal], name)
    if name in personal:

        def senders_for(platforms: set[str]) -> Mapping[str, Sender]:
            return runner_for(app, *_senders(app, platforms)).senders

        run_housekeeping(
            app,
            personal[name],
            senders_for,
            slot=slot,
            now=now,
            force=force,
            dry_run=dry_run,
        )
        return
    if name == DIGEST_KEY:
        with app.session() as session:
            platforms = digest_platforms(session)
        senders = {} if dry_run else runner_for(app, *_senders(app, platforms)).senders
        run_digest(app, senders, slot=slot, now=now, force=force, dry_run=dry_run)
        return

    job = jobs[name]
    with app.session() as session:
        if slot is None:
            fire_time = latest_slot(job, session, app.settings, now)
        else:
            fire_time = check_slot(job, parse_slot(slot, zone_of(job)), session, app.settings)
    if dry_run:
        _print_post(app, job, fire_time, now, out, charts=not no_charts)
        return

    runner = runner_for(app, *_senders(app, {target.platform for _, target in job.targets}))
    runner.charts = not no_charts
    outcome = asyncio.run(runner.fire(job, fire_time, now=now, manual=force))

    slot_text = _slot_text(job, fire_time)
    if outcome.run_id is None:
        _already(app, job, fire_time, slot_text)
        return
    with app.session() as session:
        done = deliveries(session, outcome.run_id)
    for delivery in done:
        _say(delivery, job, now)
    if not any(delivery.state == DeliveryState.SENT for delivery in done):
        raise click.ClickException(
            f"{job.key} at {slot_text} reached none of its targets; "
            f"`quotabot -v jobs run {job.key}{'' if force else ' --force'}` logs why"
        )


@jobs_group.command("prune")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=1),
    default=KEPT.days,
    show_default=True,
    metavar="DAYS",
    help="Forget the runs due more than this many days ago.",
)
@click.pass_obj
def prune_(app: AppContext, days: int) -> None:
    """Forget old runs and their deliveries (the server does it daily, after 90 days)."""
    before = app.now - timedelta(days=days)
    with app.session() as session:
        runs, sent_or_not = prune(session, before)
    click.echo(
        f"Forgot {runs} run(s) and {sent_or_not} delivery(ies) due before "
        f"{before:%Y-%m-%d %H:%M} UTC."
    )


def _jobs(app: AppContext) -> dict[str, Job]:
    with app.session() as session:
        return jobs_of(subscriptions(session))


def _senders(app: AppContext, platforms: set[str]) -> tuple[Delivery | None, Sender | None]:
    """Slack's and Teams' senders, for the platforms that a job posts to."""
    slack = _slack() if "slack" in platforms else None
    teams = None
    if "teams" in platforms:
        try:
            config = teams_config(os.environ)
        except TeamsConfigError as error:
            raise click.ClickException(str(error)) from None
        teams = proactive_sender(config, app.session)
    return slack, teams


def _slack() -> Delivery:
    """Posting needs the bot token alone (not the signing secret that serving needs)."""
    token = os.environ.get(BOT_TOKEN, "").strip()
    if not token:
        raise click.ClickException(
            f"{BOT_TOKEN} is not set: the bot token (xoxb-...) that Quotabot posts with"
        )
    api_url = os.environ.get(API_URL, "").strip() or SLACK_API
    return Delivery(web_client(token, api_url))


def _already(app: AppContext, job: Job, fire_time: datetime, slot_text: str) -> None:
    """The slot was run before: say how it went, and how to post it once more."""
    with app.session() as session:
        claimed = run_at(session, job.key, fire_time)
        done = deliveries(session, claimed.id) if claimed and claimed.id else []
    states = ", ".join(f"{_where(item.target)} {item.state}" for item in done) or "no targets"
    by = f" by {claimed.claimed_by} at {claimed.claimed_at.isoformat()}" if claimed else ""
    click.echo(
        f"{job.key} at {slot_text} was run already{by}: {states}. "
        "Nothing posted; --force posts it again."
    )


def _say(delivery: ScheduledDelivery, job: Job, now: datetime) -> None:
    where = _where(delivery.target)
    if delivery.state == DeliveryState.SENT:
        click.echo(f"Posted {job.key} to {where}.")
    elif delivery.last_error == "quiet hours":
        local = now.astimezone(job.schedule.zone)
        click.echo(
            f"Not posted to {where}: it is {local:%H:%M} in {job.post.timezone}, in quiet "
            "hours; scheduled posts go out only from 07:00 to 20:00 (try --dry-run to see it)",
            err=True,
        )
    elif delivery.state == DeliveryState.SKIPPED:
        click.echo(f"Not posted to {where}: {delivery.last_error}.", err=True)
    else:
        click.echo(f"Could not post to {where}: {delivery.last_error}", err=True)


def _print_post(
    app: AppContext, job: Job, fire_time: datetime, now: datetime, out: Path, *, charts: bool
) -> None:
    async def build() -> None:
        with app.session() as session:
            reply = await build_post(
                job.post, session, app.settings, now, fire_time=fire_time, charts=charts
            )
        images = save_images(reply, out, job.key.replace(":", "-"))
        console().print(render(reply, images))

    asyncio.run(build())


def _row(app: AppContext, job: Job) -> dict[str, object]:
    row: dict[str, object] = {
        "name": job.key,
        "kind": job.post.kind,
        "targets": [_where(target.key) for _, target in job.targets],
        "subscriptions": [number for number, _ in job.targets],
        "cron": job.post.cron,
        "timezone": job.post.timezone,
        "next": None,
        "upcoming_local": [],
        "last": None,
        "last_local": None,
        "problem": "",
    }
    if job.as_it_happens:
        row["problem"] = "posted as deals are won"
        return row
    try:
        fires = job.schedule.fire_times(app.now, UPCOMING)
        last = job.schedule.latest(app.now)
    except ScheduleError as error:
        row["problem"] = f"cannot be scheduled: {error}"
        return row
    if last is not None:
        row["last"] = last.isoformat()
        row["last_local"] = last.astimezone(job.schedule.zone).strftime(LOCAL)
    if not fires:
        row["problem"] = "never fires again"
        return row
    row["next"] = fires[0].isoformat()
    row["upcoming_local"] = [fire.astimezone(job.schedule.zone).strftime(LOCAL) for fire in fires]
    return row


def _slot_text(job: Job, fire_time: datetime) -> str:
    if job.as_it_happens:
        return fire_time.isoformat()
    return fire_time.astimezone(job.schedule.zone).strftime(f"{LOCAL} %Z")


def _where(target_key: str) -> str:
    """A delivery's target, "slack:T0123:C0456", as "slack T0123/C0456"."""
    platform, workspace, place = target_key.split(":", 2)
    return f"{platform} {workspace}/{place}" if workspace else f"{platform} {place}"


COMMANDS = [jobs_group]
