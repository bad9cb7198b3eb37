"""`quotabot chat` and `quotabot preview`: the bot's commands as one person, in a terminal."""

from __future__ import annotations

import asyncio
import difflib
import json
from collections.abc import Callable
from pathlib import Path

import click
from sqlmodel import Session, col, select

from adapters.console import QUIT_WORDS, ConsoleChat
from adapters.console.render import render, save_images
from adapters.slack.blocks import message
from adapters.teams.cards import card
from bot.people import Asker, asker_by_email
from bot.reply import Reply
from core.models import Rep
from quotabot.cli_reports import console, parse_as_of
from quotabot.context import AppContext

# How `preview` shows a reply on each platform: the reply and the folder for its images
# in, the text that platform would be sent out. Each chat adapter adds its own.
Preview = Callable[[Reply, Path], str]


def slack_preview(reply: Reply, out: Path) -> str:
    """The chat.postMessage payload, for Block Kit Builder; chart N is file "F0PREVIEWN"."""
    charts = save_images(reply, out, "preview")
    files = [f"F0PREVIEW{number}" for number in range(1, len(charts) + 1)]
    return json.dumps(message(reply, files), ensure_ascii=False, indent=2)


def teams_preview(reply: Reply, out: Path) -> str:
    """The Adaptive Card, for the Adaptive Cards Designer; chart N is the saved file."""
    charts = save_images(reply, out, "preview")
    urls = [path.resolve().as_uri() for path in charts]
    return json.dumps(card(reply, urls), ensure_ascii=False, indent=2)


PREVIEWS: dict[str, Preview] = {
    "console": lambda reply, out: render(reply, save_images(reply, out, "preview")),
    "slack": slack_preview,
    "teams": teams_preview,
}
# Previews printed as they are: JSON must not be wrapped, nor read as rich markup.
LITERAL_PREVIEWS = frozenset({"slack", "teams"})


def find_asker(app: AppContext, email: str) -> Asker:
    """The person behind `--as`, or a clear error naming the close emails."""
    with app.session() as session:
        asker = asker_by_email(session, email)
        if asker is not None:
            return asker
        emails = list(session.exec(select(Rep.email).order_by(col(Rep.email))))
    message = f"no one in the database has the email {email!r}"
    close = difflib.get_close_matches(email.strip().lower(), emails, n=3, cutoff=0.85)
    if close:
        message += "; did you mean " + " or ".join(close) + "?"
    elif not emails:
        message += "; import people first with `quotabot import reps FILE`"
    raise click.ClickException(message)


def _chat_for(
    app: AppContext, email: str, out: Path, as_of: str | None, charts: bool
) -> ConsoleChat:
    asker = find_asker(app, email)
    moment = parse_as_of(app, as_of)

    def open_session() -> Session:
        return app.session()

    return ConsoleChat(open_session, app.settings, asker, out, now=lambda: moment, charts=charts)


def chat_options(function: Callable[..., None]) -> Callable[..., None]:
    options = [
        click.option("--as", "email", required=True, metavar="EMAIL", help="Ask as this person."),
        click.option(
            "--out",
            type=click.Path(file_okay=False, path_type=Path),
            default=Path("quotabot-charts"),
            show_default=True,
            help="Folder for the charts of replies.",
        ),
        click.option(
            "--as-of", "as_of", metavar="DATE|INSTANT", help="Answer as of this day or instant."
        ),
        click.option("--no-charts", is_flag=True, help="Draw no charts."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command()
@chat_options
@click.pass_obj
def chat(app: AppContext, email: str, out: Path, as_of: str | None, no_charts: bool) -> None:
    """Talk to the bot as one person: type `myquota`, `leaderboard`, `help`; `quit` ends."""
    session = _chat_for(app, email, out, as_of, not no_charts)
    terminal = console()
    terminal.print(
        f"Quotabot as {session.asker.name} <{session.asker.email}>. "
        "Type `help` for commands, `quit` or Ctrl-D to leave."
    )
    while True:
        try:
            line = click.prompt("", prompt_suffix="> ", default="", show_default=False)
        except click.Abort:  # Ctrl-D or Ctrl-C
            click.echo()
            return
        line = line.strip()
        if not line:
            continue
        if line.lstrip("/").casefold() in QUIT_WORDS:
            return
        terminal.print(session.show(line))
        terminal.print()


@click.command()
@click.argument("command", nargs=-1, required=True)
@chat_options
@click.option(
    "--platform",
    type=click.Choice(sorted(PREVIEWS)),
    default="console",
    show_default=True,
    help="Show the reply as this platform would be sent it.",
)
@click.pass_obj
def preview(
    app: AppContext,
    command: tuple[str, ...],
    email: str,
    out: Path,
    as_of: str | None,
    no_charts: bool,
    platform: str,
) -> None:
    """Print what the bot would post for COMMAND, asked by the person --as EMAIL."""
    session = _chat_for(app, email, out, as_of, not no_charts)
    reply = asyncio.run(session.answer(" ".join(command)))
    shown = PREVIEWS[platform](reply, out)
    if platform in LITERAL_PREVIEWS:
        click.echo(shown)
    else:
        console().print(shown)


COMMANDS = [chat, preview]
