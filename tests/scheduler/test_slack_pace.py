"""Fan-outs to Slack at Slack's pace: a second between posts in a channel, a limit for
the workspace, and 429s waited out; every channel gets the post once."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session

from adapters.slack.delivery import Delivery, web_client
from adapters.slack.scheduled import SlackSender
from bot.reply import Reply, Visibility
from core.subscriptions import Target
from scheduler.runner import Outcome, Runner
from tests.bot.company import SETTINGS, People
from tests.fakes.slack_api import BOT_TOKEN, PostingLimits, SlackApiDouble
from tests.scheduler.conftest import NINE_IN_ROME, WORKSPACE, key, subscribe, the_job

CHANNELS = [f"C0{number:04d}" for number in range(12)]


@dataclass
class FakeTime:
    """A clock that moves only when someone sleeps: pacing is tested without waiting."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def fan_out(engine: Engine, double: SlackApiDouble, sender_options: dict[str, int]) -> Outcome:
    """Fire the job of the subscriptions made, with a sender paced by `sender_options`."""
    with Session(engine) as session:
        job = the_job(session)

    async def run() -> Outcome:
        await double.start()
        client = web_client(BOT_TOKEN, double.api_url, backoff=0.05)
        sender = SlackSender(Delivery(client, backoff=0.05), **sender_options)  # type: ignore[arg-type]
        runner = Runner(
            open_session=lambda: Session(engine, expire_on_commit=False),
            settings=SETTINGS,
            senders={"slack": sender},
            charts=False,
        )
        try:
            return await runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME)
        finally:
            await double.stop()

    return asyncio.run(run())


def test_the_leaderboard_reaches_every_channel_once_within_the_limits(
    engine: Engine, session: Session, people: People
) -> None:
    for channel in CHANNELS:
        subscribe(session, channel)
    # A burst of a few posts: room for the jitter of a shared machine, not for a rush.
    double = SlackApiDouble(limits=PostingLimits(per_minute=1200, burst=4))

    outcome = fan_out(engine, double, {"per_minute": 1200})

    assert sorted(outcome.sent) == sorted(key(channel) for channel in CHANNELS)
    assert Counter(post.body["channel"] for post in double.posts) == dict.fromkeys(CHANNELS, 1)
    assert double.limited == []
    starts = [post.at for post in double.posts]
    # 1,200 a minute is one every 50 ms: the twelve posts span eleven turns, 0.55 s.
    assert starts[-1] - starts[0] >= 0.45


def test_a_sender_past_the_workspace_limit_waits_out_each_429_and_loses_nothing(
    engine: Engine, session: Session, people: People
) -> None:
    for channel in CHANNELS[:8]:
        subscribe(session, channel)
    double = SlackApiDouble(limits=PostingLimits(per_minute=300, burst=5))

    outcome = fan_out(engine, double, {"per_minute": 60_000})  # far faster than Slack takes

    assert len(outcome.sent) == 8
    assert Counter(post.body["channel"] for post in double.posts) == dict.fromkeys(CHANNELS[:8], 1)
    assert double.limited  # the sixth post found the workspace's burst used up
    for refused in double.limited:
        retried = next(
            post
            for post in double.posts
            if post.body["channel"] == refused.body["channel"] and post.at > refused.at
        )
        assert retried.at - refused.at >= 1.0  # Retry-After: 1


def test_turns_in_a_channel_and_in_the_workspace_are_kept_without_real_waiting() -> None:
    time = FakeTime()
    double = SlackApiDouble()

    async def run() -> None:
        await double.start()
        client = web_client(BOT_TOKEN, double.api_url)
        sender = SlackSender(Delivery(client), per_minute=300, clock=time.clock, sleep=time.sleep)
        reply = Reply(title="Leaderboard", visibility=Visibility.CHANNEL)
        try:
            for channel in ("C0A", "C0B", "C0C", "C0A"):
                await sender.send(Target("slack", WORKSPACE, channel), reply)
        finally:
            await double.stop()

    asyncio.run(run())

    # Turns one every 0.2 s in the workspace; C0A's second post waits out its second.
    assert time.slept == [0.2, 0.2, 0.6]
    assert [post.body["channel"] for post in double.posts] == ["C0A", "C0B", "C0C", "C0A"]
