"""Scheduled posts into Teams: at most seven a second per conversation, retried when busy."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from aiohttp import web
from botbuilder.schema import ErrorResponseException

from adapters.teams import http as teams_http
from adapters.teams.delivery import NoConversationError
from bot.commands import build_registry
from bot.reply import Reply
from core.subscriptions import Target
from quotabot.context import AppContext
from tests.bot.company import People
from tests.fakes.teams_connector import SEND, TENANT, TeamsConnectorDouble
from tests.slack.conftest import LoopThread, _serve
from tests.teams.conftest import CHANNEL, TeamsHarness

POST = Reply(title="Leaderboard · won revenue · 2026-Q4", paragraphs=("1. Bea Rossi",))
TARGET = Target("teams", TENANT, CHANNEL)


@dataclass
class Posting:
    loop: LoopThread
    teams: teams_http.Teams
    double: TeamsConnectorDouble
    harness: TeamsHarness

    def send(self, reply: Reply = POST, target: Target = TARGET) -> None:
        self.loop.run(self.teams.sender.send(target, reply))


@pytest.fixture
def posting(
    loop: LoopThread, database: tuple[str, People], double: TeamsConnectorDouble
) -> Iterator[Posting]:
    url, people = database
    context = AppContext(database=url)
    server = web.Application()
    teams = teams_http.mount(
        server,
        {},
        engine=context.engine,
        open_session=context.session,
        settings=context.settings,
        registry=build_registry(),
        backoff=0.05,
    )
    runner = loop.run(_serve(server))
    base = f"http://127.0.0.1:{runner.addresses[0][1]}/"
    # The bot is added to the channel first: that is where its reference comes from.
    harness = TeamsHarness(double, base, people, url)
    assert harness.post(harness.bot_added(CHANNEL)).status == 201
    yield Posting(loop, teams, double, harness)
    loop.run(runner.cleanup())
    context.engine.dispose()


def test_a_post_goes_to_the_stored_conversation_as_a_card(posting: Posting) -> None:
    posting.send()

    [sent] = posting.double.calls_of(SEND)
    assert sent.conversation == CHANNEL
    card = sent.body["attachments"][0]["content"]
    assert card["body"][0]["text"] == POST.title
    assert sent.body["from"]["id"] == "28:quotabot-test"


def test_a_429_waits_as_long_as_retry_after_says(posting: Posting) -> None:
    posting.double.fail(SEND, 429, retry_after=1)

    posting.send()

    first, second = posting.double.calls_of(SEND)
    assert second.at - first.at >= 0.95


@pytest.mark.parametrize("status", [412, 502, 504])
def test_a_busy_teams_is_tried_again(posting: Posting, status: int) -> None:
    posting.double.fail(SEND, status, times=2)

    posting.send()

    assert len(posting.double.calls_of(SEND)) == 3


def test_a_teams_that_stays_down_fails_the_post_after_the_retries(posting: Posting) -> None:
    posting.double.fail(SEND, 502, times=100)

    with pytest.raises(ErrorResponseException):
        posting.send()

    assert len(posting.double.calls_of(SEND)) == 5


def test_a_refusal_is_not_tried_again(posting: Posting) -> None:
    posting.double.fail(SEND, 403)

    with pytest.raises(ErrorResponseException):
        posting.send()

    assert len(posting.double.calls_of(SEND)) == 1


def test_no_more_than_seven_posts_a_second_go_to_one_conversation(posting: Posting) -> None:
    async def ten() -> None:
        await asyncio.gather(*(posting.teams.sender.send(TARGET, POST) for _ in range(10)))

    posting.loop.run(ten())

    calls = posting.double.delivered(SEND)
    assert len(calls) == 10
    assert calls[6].at - calls[0].at < 1.0
    assert calls[7].at - calls[0].at >= 0.95


def test_a_conversation_the_bot_is_not_in_is_named(posting: Posting) -> None:
    elsewhere = Target("teams", TENANT, "19:unknown@thread.tacv2")

    with pytest.raises(NoConversationError, match=r"19:unknown@thread\.tacv2"):
        posting.send(target=elsewhere)

    assert posting.double.calls == []


def test_proactive_posts_to_fifty_conversations_lose_nothing_and_repeat_nothing(
    posting: Posting,
) -> None:
    # Fifty channels Quotabot was added to, eight posts for each, all at once: more than
    # the seven a second that Teams (and the double) take into one conversation.
    channels = [f"19:team-{number:02d}@thread.tacv2" for number in range(50)]
    for channel in channels:
        assert posting.harness.post(posting.harness.bot_added(channel)).status == 201
    posts = {
        (channel, f"Post {number} · {channel}") for channel in channels for number in range(8)
    }

    async def everything() -> None:
        await asyncio.gather(
            *(
                posting.teams.sender.send(Target("teams", TENANT, channel), Reply(title=title))
                for channel, title in sorted(posts)
            )
        )

    # Each proactive post costs the SDK some 30 ms of CPU (half of it msrest building
    # two retry policies for every turn), so on a busy machine this takes a while.
    posting.loop.run(everything(), timeout=240)

    delivered = Counter(
        (call.conversation, call.body["attachments"][0]["content"]["body"][0]["text"])
        for call in posting.double.delivered(SEND)
    )
    assert delivered == Counter(posts)  # each post once: none lost, none twice
    for channel in channels:
        arrived = sorted(
            call.at for call in posting.double.delivered(SEND) if call.conversation == channel
        )
        # Any eight in a row span more than a second, as they reached Teams.
        assert all(
            later - first >= 1.0 for first, later in zip(arrived, arrived[7:], strict=False)
        )
    throttled = [call for call in posting.double.calls_of(SEND) if call.status == 429]
    assert throttled == []  # the pace kept under the limit: Teams never had to refuse
