"""`quotabot notices preview alerts|nudges --as EMAIL`: what a person would be sent now.

It builds the message the housekeeping job would send them at that moment, from what
they were last told and their nudge settings, and prints it; it sends nothing and
records nothing, and needs no chat platform.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import click
from sqlmodel import Session, select

from adapters.console.render import render
from core.models import Rep
from core.notices import person_timezone
from quotabot.cli_reports import console, parse_as_of
from quotabot.context import AppContext
from scheduler.housekeeping import KINDS
from scheduler.notices import notices_of


@click.group("notices")
def notices_group() -> None:
    """At-risk alerts and nudges: what a person would be sent."""


@notices_group.command("preview")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--as", "email", required=True, metavar="EMAIL", help="The person it is for.")
@click.option(
    "--as-of",
    "as_of",
    metavar="INSTANT",
    help="As of this instant, e.g. 2026-12-01T08:30+01:00 [default: now].",
)
@click.pass_obj
def preview(app: AppContext, kind: str, email: str, as_of: str | None) -> None:
    """Print the alert or nudge that EMAIL would be sent now."""
    now = parse_as_of(app, as_of)
    with app.session() as session:
        rep = _rep(session, email)
        assert rep.id is not None, "a stored rep has an id"
        zone = person_timezone(rep.timezone, app.settings)
        day = now.astimezone(ZoneInfo(zone)).date()
        built = notices_of(kind, app.settings).build(session, rep.id, zone, day, now)
    if built is None:
        why = {
            "alerts": "nobody below them is at risk, or nothing changed since their last "
            "alert and it is not the summary day",
            "nudges": "they are on pace with no stale deals, or muted or snoozed nudges",
        }[kind]
        click.echo(f"Nothing for {rep.name} now: {why}.")
        return
    console().print(render(built.reply, []))


def _rep(session: Session, email: str) -> Rep:
    rep = session.exec(select(Rep).where(Rep.email == email.strip().lower())).first()
    if rep is None:
        raise click.ClickException(
            f"no rep has the email {email!r}; `quotabot scorecard --by rep` lists them"
        )
    return rep


COMMANDS = [notices_group]
