"""Scheduled posts into Teams from a running `quotabot serve`: the scheduler's runs go
through the server's Teams sender, into a channel Quotabot was added to."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from core.models import Subscription
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.service import ScheduledPosts
from tests.bot.company import NOW, People
from tests.fakes.teams_connector import SEND, TENANT, TeamsConnectorDouble
from tests.slack.conftest import LoopThread, _serve
from tests.teams.conftest import CHANNEL, PUBLIC_URL, TeamsHarness

NINE_IN_ROME = datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Rome"))


@pytest.fixture
def scheduled(
    loop: LoopThread, database: tuple[str, People], double: TeamsConnectorDouble
) -> Iterator[tuple[TeamsHarness, ScheduledPosts]]:
    url, people = database
    environ = {
        "SLACK_BOT_TOKEN": "xoxb-never-used",
        "SLACK_SIGNING_SECRET": "never-used",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "QUOTABOT_PUBLIC_URL": PUBLIC_URL,
    }
    context = AppContext(database=url)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05)
    runner = loop.run(_serve(server))
    base = f"http://127.0.0.1:{runner.addresses[0][1]}/"
    yield TeamsHarness(double, base, people, url), server[SCHEDULED_POSTS]
    loop.run(runner.cleanup())
    context.engine.dispose()


def subscribe(database: str, channel: str) -> None:
    engine = create_db_engine(database)
    with Session(engine) as session:
        session.add(
            Subscription(
                platform="teams", workspace=TENANT, target=channel, kind="leaderboard",
                cron="0 9 * * 1-5", timezone="Europe/Rome", created_by="test",
            )
        )  # fmt: skip
        session.commit()
    engine.dispose()


def test_a_due_run_posts_the_leaderboard_into_the_teams_channel(
    loop: LoopThread, scheduled: tuple[TeamsHarness, ScheduledPosts]
) -> None:
    teams, posts = scheduled
    teams.post(teams.bot_added(CHANNEL))
    subscribe(teams.database, CHANNEL)
    loop.run(posts.refresh())
    [job] = posts.jobs.values()

    outcome = loop.run(posts.runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME))

    assert outcome.sent == (f"teams:{TENANT}:{CHANNEL}",)
    [post] = teams.double.calls_of(SEND)
    assert post.conversation == CHANNEL
    card = post.body["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Daily leaderboard · won revenue · 2026-Q4"
    [chart] = [element for element in card["body"] if element["type"] == "Image"]
    assert chart["url"].startswith(f"{PUBLIC_URL}charts/")


def test_a_channel_quotabot_is_not_in_is_not_posted_to(
    loop: LoopThread, scheduled: tuple[TeamsHarness, ScheduledPosts]
) -> None:
    teams, posts = scheduled
    subscribe(teams.database, CHANNEL)
    loop.run(posts.refresh())
    [job] = posts.jobs.values()

    outcome = loop.run(posts.runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME))

    assert not outcome.sent
    assert teams.double.calls_of(SEND) == []
