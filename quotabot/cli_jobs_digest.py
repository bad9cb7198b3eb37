"""The failure digest (scheduler.digest) in `quotabot jobs list|run`, beside the posts.

It is listed under its name, `digest:failed-deliveries`, with the admins it goes to,
and runs as the posts do: for its latest slot or `--slot`, once per slot unless
`--force`, printed instead of sent with `--dry-run`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime

import click
from sqlmodel import Session

from adapters.console.render import render
from quotabot.cli_reports import console
from quotabot.context import AppContext
from quotabot.job_slots import check_fire_time, latest_fire_time, parse_slot
from quotabot.scheduling import runner_for
from scheduler.claims import run_at
from scheduler.delivery import Sender
from scheduler.digest import DIGEST_CRON, DIGEST_KEY, FailureDigest, admins
from scheduler.runner import forced_key

LOCAL = "%a %Y-%m-%d %H:%M"


def digest_row(app: AppContext, upcoming: int) -> dict[str, object]:
    digest = FailureDigest(runner_for(app, None))
    with app.session() as session:
        to = [admin.target.key for admin in admins(session)]
    schedule = digest.schedule
    fires = schedule.fire_times(app.now, upcoming)
    last = schedule.latest(app.now)
    return {
        "name": DIGEST_KEY,
        "kind": "digest",
        "targets": [_where(key) for key in to],
        "subscriptions": [],
        "cron": DIGEST_CRON,
        "timezone": schedule.timezone,
        "next": fires[0].isoformat() if fires else None,
        "upcoming_local": [fire.astimezone(schedule.zone).strftime(LOCAL) for fire in fires],
        "last": last.isoformat() if last else None,
        "last_local": last.astimezone(schedule.zone).strftime(LOCAL) if last else None,
        "problem": "" if to else "no admin is linked in chat: nobody would be told",
    }


def run_digest(
    app: AppContext,
    senders: Mapping[str, Sender],
    *,
    slot: str | None,
    now: datetime,
    force: bool,
    dry_run: bool,
) -> None:
    digest = FailureDigest(runner_for(app, None))
    schedule = digest.schedule
    if slot is None:
        fire_time = latest_fire_time(DIGEST_KEY, schedule, now)
    else:
        fire_time = check_fire_time(DIGEST_KEY, schedule, parse_slot(slot, schedule.zone))
    local = fire_time.astimezone(schedule.zone).strftime(f"{LOCAL} %Z")
    if dry_run:
        reply = digest.reply(fire_time, app.settings.locale)
        if reply is None:
            click.echo(f"Every scheduled post of the day before {local} went out.")
            return
        console().print(render(reply, []))
        return

    with app.session() as session:
        claimed = run_at(session, DIGEST_KEY, fire_time)
    if claimed is not None and not force:
        click.echo(
            f"The digest of {local} was sent already by {claimed.claimed_by}; "
            "--force sends it again."
        )
        return
    digest.runner.senders = senders
    key = forced_key(DIGEST_KEY, now) if force else DIGEST_KEY
    reached = asyncio.run(digest.send(fire_time, now=now, key=key))
    if reached:
        click.echo(f"Sent the digest of {local} to {', '.join(map(_where, reached))}.")
        return
    if not digest.items(fire_time):
        click.echo(f"Every scheduled post of the day before {local} went out: no digest.")
        return
    raise click.ClickException(
        f"the digest of {local} reached no admin: none is linked in chat (/quotabot link), "
        "or posting failed (`quotabot -v jobs run ...` logs why)"
    )


def digest_platforms(session: Session) -> set[str]:
    return {admin.target.platform for admin in admins(session)}


def _where(target_key: str) -> str:
    platform, workspace, place = target_key.split(":", 2)
    return f"{platform} {workspace}/{place}" if workspace else f"{platform} {place}"
