"""Kudos through a running `quotabot serve`: the scheduler posts a celebration to the
Slack double, which gives it a ts; signed `reaction_added` events on it give kudos."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from aiohttp import web
from sqlmodel import Session, col, select

from core.models import LedgerEntry, PostedMessage, Subscription
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.service import ScheduledPosts
from tests.bot.company import NOW, People
from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, SlackApiDouble
from tests.scheduler.wins import noon_zone, win_two_deals
from tests.slack.conftest import ADA, CARL, MONA, SIGNING_SECRET, ZED, LoopThread, SlackHarness


@dataclass
class Celebrated:
    slack: SlackHarness
    posts: ScheduledPosts
    ts: str  # of the celebration message in C0WINS


@pytest.fixture
def celebrated(loop: LoopThread, database: tuple[str, People]) -> Iterator[Celebrated]:
    url, people = database
    double = SlackApiDouble()
    loop.run(double.start())
    double.add_user(ADA, people.ada.email)
    double.add_user(MONA, people.mona.email)
    double.add_user(ZED, "zed@elsewhere.example")
    environ = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": double.api_url,
    }
    context = AppContext(database=url)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05)
    runner = web.AppRunner(server, access_log=None)
    loop.run(runner.setup())
    loop.run(web.TCPSite(runner, "127.0.0.1", 0).start())
    port = runner.addresses[0][1]

    engine = create_db_engine(url)
    with Session(engine) as session:
        session.add(
            Subscription(
                platform="slack", workspace=TEAM_ID, target="C0WINS", kind="celebrations",
                cron="", timezone=noon_zone(datetime.now(UTC)), created_by="test",
                created_at=datetime.now(UTC) - timedelta(minutes=1),
            )
        )  # fmt: skip
        session.commit()
        win_two_deals(session)  # Ada's Acme renewal and Carl's Umbrella
    engine.dispose()
    posts: ScheduledPosts = server[SCHEDULED_POSTS]
    loop.run(posts.refresh())
    loop.run(posts.celebrate())
    [(channel, ts)] = double.messages
    assert channel == "C0WINS"

    yield Celebrated(SlackHarness(double, f"http://127.0.0.1:{port}/", people, url), posts, ts)

    loop.run(runner.cleanup())
    loop.run(double.stop())
    context.engine.dispose()


def react(celebrated: Celebrated, user: str, number: int, **changes: Any) -> None:
    event = {
        "type": "reaction_added",
        "user": user,
        "reaction": "tada",
        "item_user": "U0BOT",
        "item": {"type": "message", "channel": "C0WINS", "ts": celebrated.ts},
        "event_ts": f"{1_764_000_000 + number}.000100",
        **changes,
    }
    body = celebrated.slack.event_body(event, event_id=f"Ev0KUDOS{number}")

    sent = celebrated.slack.post(body, content_type="application/json")

    assert sent.status == 200


def kudos(celebrated: Celebrated, people: People, *, wait_for: int) -> dict[str, Decimal]:
    """Kudos points by rep name, once `wait_for` entries are there (the work is lazy)."""
    engine = create_db_engine(celebrated.slack.database)
    names = {people.ada.id: "ada", people.carl.id: "carl"}
    deadline = datetime.now(UTC) + timedelta(seconds=10)
    settled = False
    while True:
        with Session(engine) as session:
            query = select(LedgerEntry).where(LedgerEntry.code == "kudos")
            rows = session.exec(query.order_by(col(LedgerEntry.id))).all()
        if settled or datetime.now(UTC) > deadline:
            break
        if len(rows) >= wait_for:
            # Read once more a little later: events sent after these had time to act too.
            settled = True
            time.sleep(0.5)
        else:
            time.sleep(0.05)
    engine.dispose()
    found: dict[str, Decimal] = {}
    for row in rows:
        found[names[row.rep_id]] = found.get(names[row.rep_id], Decimal(0)) + row.amount
    return found


def test_the_celebration_is_remembered_where_slack_put_it(celebrated: Celebrated) -> None:
    engine = create_db_engine(celebrated.slack.database)
    with Session(engine) as session:
        [posted] = session.exec(select(PostedMessage)).all()
    engine.dispose()

    assert (posted.platform, posted.channel, posted.message_id) == (
        "slack",
        "C0WINS",
        celebrated.ts,
    )
    assert posted.kind == "celebrations"


def test_a_tada_gives_each_winner_kudos_but_not_oneself_and_only_once(
    celebrated: Celebrated, database: tuple[str, People]
) -> None:
    _, people = database

    react(celebrated, CARL, 1)  # Carl won Umbrella: kudos to Ada only
    react(celebrated, MONA, 2)  # Mona: kudos to Ada and Carl
    react(celebrated, MONA, 3)  # again: nothing more
    react(celebrated, ADA, 4, reaction="thumbsup")  # not the kudos reaction
    react(celebrated, ZED, 5)  # no rep

    assert kudos(celebrated, people, wait_for=3) == {"ada": Decimal(4), "carl": Decimal(2)}


def test_a_reaction_to_another_message_gives_nothing(
    celebrated: Celebrated, database: tuple[str, People]
) -> None:
    _, people = database

    react(celebrated, MONA, 6, item={"type": "message", "channel": "C0WINS", "ts": "1.000200"})
    react(celebrated, MONA, 7, reaction="tada::skin-tone-3")  # the same, with a skin tone

    assert kudos(celebrated, people, wait_for=2) == {"ada": Decimal(2), "carl": Decimal(2)}
