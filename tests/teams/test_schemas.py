"""Every card the bot sends validates against the official Adaptive Card 1.5 schema,
and the app's manifest against the official Teams manifest 1.17 schema.

The cards are the ones the bot really sends: each command line below asked through the
registry as a rep (Ada), a manager (Mona) and an admin (Root), in English and Italian,
with charts, in a Teams channel, turned into the activity that goes to Teams with chart
URLs of both kinds (signed HTTPS, and inline data URIs); the adapter's own answers
(not linked, the apology, the notes about personal chats); and the scheduler's posts
(the daily leaderboard with its chart, and celebrations of won deals). The end-to-end
tests check the cards that reached the connector double as well (tests/teams/conftest).
"""

from __future__ import annotations

import asyncio
import copy
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from adapters.teams.cards import CARD_SCHEMA
from adapters.teams.delivery import activity_of
from adapters.teams.images import ChartImages
from adapters.teams.package import AppDetails, PackageError, manifest
from bot.catalogue import Texts
from bot.commands import build_registry
from bot.errors import apology, new_reference
from bot.people import asker_by_email
from bot.posts import PostRequest, celebration, daily_leaderboard
from bot.registry import ChatContext, not_linked
from bot.reply import Reply
from core.models import Rep
from core.results import Metric
from core.wins import Win
from tests.bot.company import NOW, build
from tests.bot.test_earnings_commands import PLANS
from tests.fakes.teams_connector import TENANT
from tests.teams.conftest import CHANNEL
from tests.teams.schema_check import (
    card_problems,
    cards_of,
    checked_formats,
    manifest_problems,
)

APP_ID = "11111111-2222-3333-4444-555555555555"
SITE = "https://quotabot.example.com/"
COMMANDS = tuple(build_registry().commands)

# Each command plainly, with its arguments, with bad ones (usage and "did you mean"
# answers), about someone else (refused to a rep), and public.
LINES = (
    "myquota", "myquota 2026-Q4", "myquota last-quarter", "myquota 2026-Q7",
    "myquota Carl Weber", "myquota Bea Rossi public",
    "leaderboard", "leaderboard North win_rate 2026-Q4", "leaderboard Westeros",
    "leaderboard public",
    "pipeline", "pipeline 2026-Q4 public", "forecast", "forecast 2026-Q4",
    "team", "team North", "team Nort", "team South", "atrisk", "atrisk 2026-Q4",
    "earnings", "earnings whatif 35000", "earnings whatif", 'earnings whatif "acme renewal"',
    "earnings whatif lots", "earnings @ada.lovelace", "earnings North",
    "help", *(f"help {name}" for name in COMMANDS), "help nonsense",
    "whoami", "whoami everyone", "link", "link @U42 nobody@example.com",
    "subscribe leaderboard weekdays 09:00", "subscriptions", "unsubscribe 1",
    "subscribe", "subscribe leaderboard someday", "unsubscribe 99",
    "dance", "myquota 2026-Q4 2026-Q3",
)  # fmt: skip


def images(public: bool) -> ChartImages:
    """Charts by signed HTTPS URL, as served; or inline, with no public URL set."""
    return ChartImages(key=b"test-key", public_url="https://quotabot.test/" if public else None)


def sent_cards(reply: Reply) -> list[dict[str, Any]]:
    """The cards of the activity that goes to Teams, both ways of showing charts, as JSON."""
    return [
        card
        for public in (True, False)
        for card in cards_of(activity_of(reply, images(public)).serialize())
    ]


def ask_in_teams(session: Session, who: Rep, line: str, locale: str) -> Reply:
    asker = asker_by_email(session, who.email)
    assert asker is not None
    context = ChatContext(
        session=session,
        settings=PLANS,
        now=NOW,
        asker=asker,
        texts=Texts(locale, PLANS.currency),
        charts=True,
        platform="teams",
        workspace=TENANT,
        channel=CHANNEL,
    )
    return asyncio.run(build_registry().dispatch(line, context))


def kinds(card: dict[str, Any]) -> Counter[str]:
    """How many elements and actions of each type a card holds."""
    found: Counter[str] = Counter()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("type"), str):
                found[value["type"]] += 1
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(card)
    return found


def test_the_checks_look_at_formats_and_name_each_problem() -> None:
    card_formats, manifest_formats = checked_formats()
    assert {"uri", "uri-reference"} <= card_formats
    assert "uri" in manifest_formats
    [card] = sent_cards(Reply(title="Fine", paragraphs=("ok",)))[:1]
    assert card["$schema"] == CARD_SCHEMA
    assert card_problems(card) == []

    broken = copy.deepcopy(card)
    broken["body"] += [
        {"type": "TextBlock", "wrap": True},
        {"type": "Image", "url": "not a url"},
        {"type": "TextBlock", "text": "x", "spacing": "Huge"},
        {"type": "Carousel"},
    ]
    broken["actions"] = [{"type": "Action.Submit", "title": 5}]
    broken["msteams"] = {"width": "Wide"}

    assert sorted(card_problems(broken)) == [
        "/actions/0/title: 5 is not of type 'string'",
        "/body/2: 'text' is a required property",
        "/body/3/url: 'not a url' is not a 'uri-reference'",
        "/body/4/spacing: 'Huge' is not one of "
        "['default', 'none', 'small', 'medium', 'large', 'extraLarge', 'padding']",
        "/body/5: {'type': 'Carousel'} is not valid under any of the given schemas",
        "/msteams/width: 'Wide' is not one of ['Full']",
    ]


@pytest.mark.parametrize("locale", ["en", "it"])
@pytest.mark.parametrize("who", ["ada", "mona", "root"])
def test_every_answer_to_every_command_is_a_valid_card(
    session: Session, who: str, locale: str
) -> None:
    people = build(session)
    problems: list[str] = []
    seen: Counter[str] = Counter()
    for line in LINES:
        reply = ask_in_teams(session, getattr(people, who), line, locale)
        for card in sent_cards(reply):
            seen += kinds(card)
            problems += [f"{line!r}: {problem}" for problem in card_problems(card)]

    assert problems == []
    # The answers used every kind of element the adapter makes.
    assert {"TextBlock", "FactSet", "Container", "Image", "Action.Submit"} <= set(seen)


@pytest.mark.parametrize("locale", ["en", "it"])
def test_the_adapters_own_answers_are_valid_cards(locale: str) -> None:
    texts = Texts(locale, "USD")
    replies = [
        not_linked(texts),
        apology(texts, new_reference()),
        Reply(title="", paragraphs=(texts("teams.answered_privately"),)),
        Reply(title="", paragraphs=(texts("teams.cannot_answer_privately"),)),
        Reply(title=""),
    ]

    cards = [card for reply in replies for card in sent_cards(reply)]

    assert [problem for card in cards for problem in card_problems(card)] == []


@pytest.mark.parametrize("locale", ["en", "it"])
def test_scheduled_posts_are_valid_cards(session: Session, locale: str) -> None:
    people = build(session)
    texts = Texts(locale, "USD")
    wins = [
        Win(index, f"Deal {index}", "Acme" if index % 2 else None, Decimal(1000 * index),
            people.ada.id or 0, people.ada.name)
        for index in range(1, 13)
    ]  # fmt: skip
    unnamed = Win(99, None, None, None, people.carl.id or 0, people.carl.name)
    posts = [
        asyncio.run(
            daily_leaderboard(
                session, PLANS, texts, NOW, PostRequest(metric, "this-quarter", team, "UTC")
            )
        )
        for metric in (Metric.WON_REVENUE, Metric.ATTAINMENT)
        for team in (None, people.north.id)
    ]
    posts += [celebration(texts, wins, "North"), celebration(texts, [unnamed], None)]
    cards = [card for post in posts for card in sent_cards(post)]

    assert [problem for card in cards for problem in card_problems(card)] == []
    assert sum(kinds(card)["Image"] for card in cards) >= 4  # the leaderboards' charts


def test_a_cut_card_is_still_a_valid_card() -> None:
    lines = "\n".join(f"line {number} " + "x" * 80 for number in range(400))
    [card, _] = sent_cards(Reply(title="Long", paragraphs=(lines,)))

    assert card["body"][-1]["text"].startswith("… +")
    assert card_problems(card) == []


def details(**changed: Any) -> AppDetails:
    values = {
        "app_id": APP_ID,
        "version": "0.1.0",
        "developer": "Quotabot",
        "website": SITE,
        "privacy": SITE,
        "terms": SITE,
        "domain": "quotabot.example.com",
    } | changed
    return AppDetails(**values)


@pytest.mark.parametrize("domain", ["quotabot.example.com", None])
def test_the_manifest_is_valid_for_its_schema_version(domain: str | None) -> None:
    built = manifest(details(domain=domain), build_registry(), Texts("en", "USD"))

    assert manifest_problems(built) == []


def test_the_manifest_check_finds_what_teams_would_refuse() -> None:
    built = manifest(details(), build_registry(), Texts("en", "USD"))
    built["manifestVersion"] = "1.16"
    built["developer"]["name"] = "D" * 33
    built["bots"][0]["commandLists"][0]["commands"].append({"title": "x" * 33})

    problems = manifest_problems(built)

    assert sorted(problem.split(": ")[0] for problem in problems) == [
        "/bots/0/commandLists/0/commands",  # an eleventh command
        "/bots/0/commandLists/0/commands/10",  # with no description
        "/bots/0/commandLists/0/commands/10/title",  # and too long a title
        "/developer/name",
        "/manifestVersion",
    ]
    assert "'1.17' was expected" in " ".join(problems)


def test_a_developer_name_longer_than_teams_takes_is_refused() -> None:
    assert (
        manifest_problems(
            manifest(details(developer="D" * 32), build_registry(), Texts("en", "USD"))
        )
        == []
    )

    with pytest.raises(PackageError, match=r"32 characters.*'D{33}'"):
        manifest(details(developer="D" * 33), build_registry(), Texts("en", "USD"))
