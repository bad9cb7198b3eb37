"""The at-risk alerts and nudges (scheduler.housekeeping) in `quotabot jobs run`.

A housekeeping job runs as the server runs it: for its latest fire time or `--slot`,
claimed once per slot, each person written to at most once on their day. `--dry-run`
prints what each person would be sent, sending and recording nothing. `--force` is
refused: a second alert or nudge on the same day is what the once-a-day rule is for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import date, datetime

import click
from sqlmodel import Session

from adapters.console.render import render
from core.models import Rep
from core.reach import direct_targets
from quotabot.cli_reports import console
from quotabot.context import AppContext
from quotabot.job_slots import check_fire_time, latest_fire_time, parse_slot
from scheduler.claims import run_at
from scheduler.delivery import Sender
from scheduler.housekeeping import HousekeepingJob
from scheduler.notices import Notices, notices_of
from scheduler.personal import PersonalRunner

LOCAL = "%a %Y-%m-%d %H:%M %Z"


def run_housekeeping(
    app: AppContext,
    job: HousekeepingJob,
    senders_for: Callable[[set[str]], Mapping[str, Sender]],
    *,
    slot: str | None,
    now: datetime,
    force: bool,
    dry_run: bool,
) -> None:
    """Run `job` for its latest slot or `slot`; `senders_for` builds the platforms' senders."""
    if force:
        raise click.ClickException(
            f"{job.key} writes to each person at most once a day, so --force cannot send "
            "it again; `--dry-run` shows what it would say"
        )
    schedule = job.schedule
    if slot is None:
        fire_time = latest_fire_time(job.key, schedule, now)
    else:
        fire_time = check_fire_time(job.key, schedule, parse_slot(slot, schedule.zone))
    local = fire_time.astimezone(schedule.zone).strftime(LOCAL)
    day = fire_time.astimezone(schedule.zone).date()
    kind = notices_of(job.kind, app.settings)

    if dry_run:
        with app.session() as session:
            _print_messages(session, kind, job, day, now, local)
        return

    with app.session() as session:
        claimed = run_at(session, job.key, fire_time)
        if claimed is not None:
            click.echo(f"{job.key} at {local} was run already, by {claimed.claimed_by}.")
            return
        # Only the platforms someone is to hear on need their settings.
        people = kind.recipients(session, job.timezone, day, fire_time)
        platforms = {target.platform for target in direct_targets(session, people).values()}
    runner = PersonalRunner(app.session, app.settings, senders_for(platforms))
    outcome = asyncio.run(runner.fire(job, fire_time, now=now))
    click.echo(
        f"{job.key} at {local}: {len(outcome.sent)} sent, {len(outcome.skipped)} skipped, "
        f"{len(outcome.failed)} failed."
    )
    if outcome.failed:
        raise click.ClickException(
            f"{len(outcome.failed)} message(s) could not be sent; "
            f"`quotabot -v jobs run {job.key}` logs why, and the server tries them again"
        )


def _print_messages(
    session: Session, kind: Notices, job: HousekeepingJob, day: date, now: datetime, local: str
) -> None:
    people = kind.recipients(session, job.timezone, day, now)
    if not people:
        click.echo(
            f"{job.key} at {local}: nobody would hear anything (only people linked in "
            f"Slack or Teams are written to). `quotabot notices preview {job.kind} --as "
            "EMAIL` shows what one person would be sent."
        )
        return
    for rep_id in people:
        built = kind.build(session, rep_id, job.timezone, day, now)
        rep = session.get(Rep, rep_id)
        name = rep.name if rep is not None else f"rep {rep_id}"
        if built is None:
            click.echo(f"{name}: nothing to say any more.")
            continue
        click.echo(f"Message to {name}:")
        console().print(render(built.reply, []))
