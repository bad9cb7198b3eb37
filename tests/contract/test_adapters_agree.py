"""The adapter contract: every adapter states the same facts as the console.

Each command is asked as a rep and as a manager of the test company; the one `Reply` the
registry gives is shown by every adapter, and the facts a reader finds in each (money
amounts, percentages, counts and dates, the people's names) must be the same. An adapter
may dress a reply as it likes; it may not drop a figure, nor add one the console lacks.

An adapter takes part by adding a renderer to RENDERERS: a function from a reply to the
plain text its reader sees. The Slack one reads the message's blocks as Slack shows
them: header, sections, fields, image alt texts, and buttons with the command each runs
(the console prints that command beside the button).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from sqlmodel import Session

from adapters.console.render import render
from adapters.slack.blocks import message
from adapters.teams.cards import card
from bot.reply import Reply
from core.models import Rep
from tests.bot.company import People, ask, build

COMMANDS = (
    "myquota", "leaderboard", "pipeline", "forecast", "team", "atrisk", "whoami",
    "coach", "coach @ada.lovelace", "ramp",
)  # fmt: skip
ASKERS = ("ada", "mona")  # a rep and her manager

# A figure as written: a sign, a currency symbol, digits with their separators, a percent.
FIGURE = re.compile(r"[-−+]?[$€£]?\d(?:[\d,.]*\d)?%?")
SLACK_TEXT_KEYS = ("text", "alt_text", "value")

Renderer = Callable[[Reply], str]


def console_text(reply: Reply) -> str:
    """What `quotabot ask` prints, without its styles; charts as if saved to files."""
    paths = [Path("chart.png")] * len(reply.images)
    return Text.from_markup(render(reply, paths)).plain


def slack_text(reply: Reply) -> str:
    """Every text of the Slack message's blocks, as shown in the conversation.

    The message's `text` is left out: with blocks, Slack shows it only in notifications,
    and it is the reply's summary, which the console does not print.
    """
    file_ids = [f"F{number:09d}" for number in range(1, len(reply.images) + 1)]
    return html.unescape("\n".join(_texts(message(reply, file_ids)["blocks"])))


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if not isinstance(value, dict):
        return []
    found = [value[key] for key in SLACK_TEXT_KEYS if isinstance(value.get(key), str)]
    return found + [text for item in value.values() for text in _texts(item)]


TEAMS_TEXT_KEYS = ("text", "title", "value", "altText", "command")


def teams_text(reply: Reply) -> str:
    """Every text of the Teams card as Teams shows it: text blocks, facts, image alt
    texts, and buttons with the command each runs."""
    urls = [f"https://quotabot.test/charts/{number}" for number in range(len(reply.images))]
    return "\n".join(_card_texts(card(reply, urls)))


def _card_texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [text for item in value for text in _card_texts(item)]
    if not isinstance(value, dict):
        return []
    found = [value[key] for key in TEAMS_TEXT_KEYS if isinstance(value.get(key), str)]
    return found + [text for item in value.values() for text in _card_texts(item)]


RENDERERS: dict[str, Renderer] = {"slack": slack_text, "teams": teams_text}


def facts(text: str, people: People) -> set[str]:
    """The figures and the names of people that `text` states."""
    figures = {figure.replace("−", "-") for figure in FIGURE.findall(text)}
    names = {rep.name for rep in _reps(people) if rep.name in text}
    return figures | names


def _reps(people: People) -> list[Rep]:
    return [people.mona, people.ada, people.bea, people.carl, people.root]


@pytest.fixture
def company(session: Session) -> People:
    return build(session)


@pytest.mark.parametrize("adapter", sorted(RENDERERS))
@pytest.mark.parametrize("who", ASKERS)
@pytest.mark.parametrize("command", COMMANDS)
def test_adapter_states_what_the_console_states(
    session: Session, company: People, adapter: str, who: str, command: str
) -> None:
    reply = ask(session, getattr(company, who), command, charts=True)

    console = facts(console_text(reply), company)
    shown = facts(RENDERERS[adapter](reply), company)

    assert shown == console, (
        f"{adapter} misses {sorted(console - shown)} and adds {sorted(shown - console)}"
    )
