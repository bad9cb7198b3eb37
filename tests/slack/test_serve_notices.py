"""Alerts and nudges from a running `quotabot serve`, in Slack direct messages: once
through two replicas, and snoozed or muted by the rep through real signed requests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from core.models import ChatIdentity, NudgeSetting, Rep
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.housekeeping import Housekeeping
from tests.bot.company import NOW, People
from tests.fakes.slack_api import BOT_TOKEN, RESPONSE, TEAM_ID, SlackApiDouble
from tests.slack.conftest import ADA, MONA, SIGNING_SECRET, LoopThread, SlackHarness, _serve

# The company's clock is UTC: alerts go at 08:30 and nudges at 09:00 on weekdays.
TUESDAY_ALERTS = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
TUESDAY_NUDGES = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass
class Replicas:
    slack: SlackHarness
    housekeeping: list[Housekeeping]


def texts_of(body: dict[str, Any]) -> list[str]:
    blocks = body["blocks"]
    parsed = json.loads(blocks) if isinstance(blocks, str) else blocks
    return [block["text"]["text"] for block in parsed if isinstance(block.get("text"), dict)]


def buttons_of(body: dict[str, Any]) -> list[tuple[str, str]]:
    blocks = body["blocks"]
    parsed = json.loads(blocks) if isinstance(blocks, str) else blocks
    [actions] = [block for block in parsed if block["type"] == "actions"]
    return [(element["action_id"], element["value"]) for element in actions["elements"]]


@pytest.fixture
def replicas(loop: LoopThread, database: tuple[str, People]) -> Iterator[Replicas]:
    url, people = database
    engine = create_db_engine(url)
    with Session(engine) as session:
        for rep, user in ((people.mona, MONA), (people.ada, ADA)):
            assert rep.id is not None
            session.add(ChatIdentity(platform="slack", workspace=TEAM_ID, user_id=user,
                                     rep_id=rep.id))  # fmt: skip
        carl = session.get(Rep, people.carl.id)
        assert carl is not None
        carl.manager_id = people.mona.id  # Carl, at risk, now reports to Mona
        session.add(carl)
        session.commit()
    engine.dispose()

    double = SlackApiDouble()
    loop.run(double.start())
    double.add_user(ADA, people.ada.email)
    environ = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": double.api_url,
    }
    contexts = [AppContext(database=url) for _ in range(2)]
    servers = [build_server(c, environ, now=lambda: NOW, backoff=0.05) for c in contexts]
    runners = [loop.run(_serve(server)) for server in servers]
    housekeeping = []
    for server in servers:
        each = server[SCHEDULED_POSTS].housekeeping
        assert each is not None
        loop.run(each.refresh(None))
        housekeeping.append(each)
    base = f"http://127.0.0.1:{runners[0].addresses[0][1]}/"

    yield Replicas(SlackHarness(double, base, people, url), housekeeping)

    for runner in runners:
        loop.run(runner.cleanup())
    loop.run(double.stop())
    for context in contexts:
        context.engine.dispose()


def test_two_replicas_send_the_manager_one_alert_by_direct_message(
    loop: LoopThread, replicas: Replicas
) -> None:
    first, second = replicas.housekeeping
    job = first.jobs["personal:alerts:UTC"]
    assert job.schedule.due(TUESDAY_ALERTS, timedelta(minutes=5)) == TUESDAY_ALERTS

    async def both() -> None:
        await asyncio.gather(
            first.runner.fire(job, TUESDAY_ALERTS, now=TUESDAY_ALERTS),
            second.runner.fire(second.jobs[job.key], TUESDAY_ALERTS, now=TUESDAY_ALERTS),
        )

    loop.run(both())

    [post] = replicas.slack.double.calls_of("chat.postMessage")
    assert post.body["channel"] == MONA
    said = texts_of(post.body)
    assert said[:2] == [
        "At risk on your team · 2026-Q4",
        "1 of your people is at risk of missing quota:",
    ]
    assert said[2].startswith("*Carl Weber* (South) · _new_\n")
    assert said[-1].startswith("_Figures as of the latest CRM update, ")
    assert buttons_of(post.body) == [("quotabot.run.0", "atrisk")]


def test_a_rep_snoozes_nudges_with_the_button_of_the_nudge(
    loop: LoopThread, replicas: Replicas
) -> None:
    housekeeping = replicas.housekeeping[0]
    job = housekeeping.jobs["personal:nudges:UTC"]
    loop.run(housekeeping.runner.fire(job, TUESDAY_NUDGES, now=TUESDAY_NUDGES))
    slack = replicas.slack
    [nudge] = [call for call in slack.double.calls_of("chat.postMessage")
               if call.body["channel"] == ADA]  # fmt: skip
    assert texts_of(nudge.body)[0] == "Your nudge for today · 2026-Q4"
    (snooze, value), pipeline = buttons_of(nudge.body)
    assert (value, pipeline) == ("nudges snooze 7", ("quotabot.run.1", "pipeline"))

    pressed = slack.post(slack.press_body(snooze, value, user=ADA))

    assert pressed.status == 200
    [answer] = slack.double.wait_for(RESPONSE)
    assert texts_of(answer.body)[1].startswith("Nudges are snoozed until Dec 8, 2026 at 00:00")
    assert snoozed_until(slack, slack.people.ada.id) == NOW + timedelta(days=7)


def test_a_rep_mutes_nudges_with_a_command(loop: LoopThread, replicas: Replicas) -> None:
    slack = replicas.slack

    sent = slack.post(slack.command_body("/quotabot", "nudges off", user=ADA))

    assert sent.status == 200
    [answer] = slack.double.wait_for(RESPONSE)
    assert texts_of(answer.body)[1] == (
        "Nudges are off. Type `/quotabot nudges on` to have them again."
    )
    engine = create_db_engine(slack.database)
    with Session(engine) as session:
        [setting] = session.exec(select(NudgeSetting))
        assert (setting.rep_id, setting.muted) == (slack.people.ada.id, True)
    engine.dispose()


def snoozed_until(slack: SlackHarness, rep_id: int | None) -> datetime | None:
    engine = create_db_engine(slack.database)
    with Session(engine) as session:
        setting = session.get(NudgeSetting, rep_id)
        until = setting.snoozed_until if setting else None
    engine.dispose()
    return until
