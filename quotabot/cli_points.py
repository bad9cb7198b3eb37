"""`quotabot points --rep EMAIL`: one rep's points balance, latest entries and badges.

The command line is for the people who run Quotabot, so it shows anyone's; chat keeps
points to the rep, their managers and admins. The text is the chat answer's, in the
company's language; `--json` prints the balance, the entries with their causes, and
the badges held.
"""

from __future__ import annotations

import click

from bot.catalogue import Texts
from bot.commands.rewards import badge_line, points_line
from core.org import Org
from core.standing import LATEST, badges_held, points_statement
from quotabot import output
from quotabot.context import AppContext


@click.command()
@click.option("--rep", "who", required=True, metavar="EMAIL|NAME", help="Whose points.")
@click.option("--last", default=LATEST, show_default=True, help="How many latest entries.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.pass_obj
def points(app: AppContext, who: str, last: int, as_json: bool) -> None:
    """Points balance, the latest points with what earned them, and badges."""
    if last < 1:
        raise click.BadParameter(
            f"{last} is not a number of entries of 1 or more", param_hint="--last"
        )
    with app.session() as session:
        rep = Org.load(session).find_rep(who)
        statement = points_statement(session, rep.id, last)
        badges = badges_held(session, rep.id)

    if as_json:
        data = {
            "rep": {"name": rep.name, "email": rep.email},
            "balance": int(statement.balance),
            "latest": [
                {
                    "kind": line.kind,
                    "code": line.code,
                    "points": int(line.amount),
                    "day": line.day.isoformat() if line.day else None,
                    "recorded_at": line.recorded_at.isoformat(),
                    "cause": line.cause.text,
                    "deal": line.cause.deal,
                    "reversal": line.reversal,
                }
                for line in statement.latest
            ],
            "badges": [
                {
                    "badge": badge.badge,
                    "period": badge.period,
                    "day": badge.day.isoformat() if badge.day else None,
                    "points": int(badge.points),
                    "cause": badge.cause.text,
                }
                for badge in badges
            ],
        }
        click.echo(output.dumps(data))
        return

    texts = Texts(app.settings.locale, app.settings.currency)
    lines = [f"{rep.name} <{rep.email}>", texts.plural("points.balance", statement.balance)]
    lines += [f"  {points_line(texts, line)}" for line in statement.latest]
    lines.append(texts.plural("badges.count", len(badges)) if badges else texts("badges.none"))
    lines += [f"  {badge_line(texts, badge)}" for badge in badges]
    click.echo("\n".join(line.replace("*", "") for line in lines))


COMMANDS = [points]
