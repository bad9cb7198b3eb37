"""The daily leaderboard reaching Slack: the local double of the Web API records it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from adapters.slack.delivery import Delivery, web_client
from adapters.slack.scheduled import SlackSender
from scheduler.runner import Outcome, Runner
from tests.bot.company import SETTINGS, People
from tests.fakes.slack_api import BOT_TOKEN, UPLOAD, SlackApiDouble
from tests.scheduler.conftest import NINE_IN_ROME, subscribe, the_job

T = TypeVar("T")


def with_slack(double: SlackApiDouble, work: Callable[[SlackSender], Awaitable[T]]) -> T:
    """Run `work` with the sender `quotabot serve` uses, against the double of Slack."""

    async def run() -> T:
        await double.start()
        client = web_client(BOT_TOKEN, double.api_url, backoff=0.05)
        sender = SlackSender(Delivery(client, backoff=0.05, ready_polls=(0.01,) * 4))
        try:
            return await work(sender)
        finally:
            await double.stop()

    return asyncio.run(run())


def runner(engine: Engine, sender: SlackSender) -> Runner:
    return Runner(
        open_session=lambda: Session(engine, expire_on_commit=False),
        settings=SETTINGS,
        senders={"slack": sender},
    )


def blocks_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = body["blocks"]
    parsed: list[dict[str, Any]] = json.loads(blocks) if isinstance(blocks, str) else blocks
    return parsed


def test_the_post_and_its_chart_reach_the_channel(
    engine: Engine, session: Session, people: People
) -> None:
    subscribe(session, "C0SALES")
    job = the_job(session)

    double = SlackApiDouble()

    async def work(sender: SlackSender) -> Outcome:
        return await runner(engine, sender).fire(job, NINE_IN_ROME, now=NINE_IN_ROME)

    outcome = with_slack(double, work)

    assert outcome.sent == ("slack:T0TEST:C0SALES",)
    [post] = double.calls_of("chat.postMessage")
    assert post.body["channel"] == "C0SALES"
    blocks = blocks_of(post.body)
    assert blocks[0]["text"]["text"] == "Daily leaderboard · won revenue · 2026-Q4"
    [image] = [block for block in blocks if block["type"] == "image"]
    [completed] = double.calls_of("files.completeUploadExternal")
    assert image["slack_file"]["id"] in completed.body["files"]
    [upload] = double.calls_of(UPLOAD)
    assert upload.body["size"] > 1000


def test_a_429_is_waited_out_as_its_retry_after_says(
    engine: Engine, session: Session, people: People
) -> None:
    subscribe(session, "C0SALES")
    job = the_job(session)
    double = SlackApiDouble()

    double.fail("chat.postMessage", 429, retry_after=1)

    async def work(sender: SlackSender) -> Outcome:
        quiet = runner(engine, sender)
        quiet.charts = False
        return await quiet.fire(job, NINE_IN_ROME, now=NINE_IN_ROME)

    outcome = with_slack(double, work)

    assert outcome.sent == ("slack:T0TEST:C0SALES",)
    refused, accepted = double.calls_of("chat.postMessage")
    assert accepted.at - refused.at >= 1.0


def test_posts_to_one_channel_keep_a_second_apart(
    engine: Engine, session: Session, people: People
) -> None:
    subscribe(session, "C0SALES")
    job = the_job(session)
    double = SlackApiDouble()

    async def work(sender: SlackSender) -> Outcome:
        quiet = runner(engine, sender)
        quiet.charts = False
        await quiet.fire(job, NINE_IN_ROME, now=NINE_IN_ROME)
        return await quiet.fire(job, NINE_IN_ROME, now=NINE_IN_ROME, manual=True)

    with_slack(double, work)

    first, second = double.calls_of("chat.postMessage")
    assert second.at - first.at >= 0.95
