"""The scheduler inside a running `quotabot serve`: it follows the subscriptions table,
and its runs post through the server's own connection to Slack."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from sqlmodel import Session, select

from core.models import Subscription
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.service import ScheduledPosts
from tests.bot.company import NOW, People
from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, SlackApiDouble
from tests.scheduler.wins import noon_zone, win_two_deals
from tests.slack.conftest import SIGNING_SECRET, LoopThread

NINE_IN_ROME = datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("Europe/Rome"))


def blocks_text(body: dict[str, Any]) -> str:
    blocks = body["blocks"]
    parsed = json.loads(blocks) if isinstance(blocks, str) else blocks
    return str(parsed[0]["text"]["text"])


@dataclass
class Serving:
    posts: ScheduledPosts
    double: SlackApiDouble
    database: str

    def subscribe(self, channel: str, cron: str = "0 9 * * 1-5") -> None:
        engine = create_db_engine(self.database)
        with Session(engine) as session:
            session.add(
                Subscription(
                    platform="slack", workspace=TEAM_ID, target=channel, kind="leaderboard",
                    cron=cron, timezone="Europe/Rome", created_by="test",
                )
            )  # fmt: skip
            session.commit()
        engine.dispose()


@pytest.fixture
def serving(loop: LoopThread, database: tuple[str, People]) -> Iterator[Serving]:
    url, _people = database
    double = SlackApiDouble()
    loop.run(double.start())
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

    yield Serving(server[SCHEDULED_POSTS], double, url)

    loop.run(runner.cleanup())
    loop.run(double.stop())
    context.engine.dispose()


def test_a_new_subscription_is_scheduled_without_a_restart(
    loop: LoopThread, serving: Serving
) -> None:
    assert serving.posts.scheduler is not None
    assert serving.posts.scheduler.running
    assert serving.posts.jobs == {}

    serving.subscribe("C0SALES")
    loop.run(serving.posts.refresh())

    [(key, job)] = serving.posts.jobs.items()
    scheduled = serving.posts.scheduler.get_job(key)
    assert scheduled is not None
    local = scheduled.next_run_time.astimezone(ZoneInfo("Europe/Rome"))
    assert (local.hour, local.minute) == (9, 0)
    assert local.weekday() < 5
    assert scheduled.next_run_time > datetime.now(UTC)
    assert [target.address for _, target in job.targets] == ["C0SALES"]


def test_a_due_run_posts_the_leaderboard_to_the_channel(
    loop: LoopThread, serving: Serving
) -> None:
    serving.subscribe("C0SALES")
    loop.run(serving.posts.refresh())
    [job] = serving.posts.jobs.values()

    outcome = loop.run(serving.posts.runner.fire(job, NINE_IN_ROME, now=NINE_IN_ROME))

    assert outcome.sent == (f"slack:{TEAM_ID}:C0SALES",)
    [post] = serving.double.calls_of("chat.postMessage")
    assert post.body["channel"] == "C0SALES"
    assert serving.double.calls_of("files.completeUploadExternal")


def test_a_removed_subscription_is_unscheduled(loop: LoopThread, serving: Serving) -> None:
    serving.subscribe("C0SALES")
    loop.run(serving.posts.refresh())
    engine = create_db_engine(serving.database)
    with Session(engine) as session:
        for subscription in session.exec(select(Subscription)):
            session.delete(subscription)
        session.commit()
    engine.dispose()

    loop.run(serving.posts.refresh())

    assert serving.posts.jobs == {}
    assert serving.posts.scheduler is not None
    assert sorted(job.id for job in serving.posts.scheduler.get_jobs()) == [
        "personal:alerts:UTC",  # the housekeeping jobs stay
        "personal:nudges:UTC",
        "quotabot.celebrate",
        "quotabot.digest",
        "quotabot.refresh",
    ]


def test_the_housekeeping_jobs_are_scheduled_on_weekdays_on_their_clock(
    loop: LoopThread, serving: Serving
) -> None:
    loop.run(serving.posts.refresh())
    assert serving.posts.scheduler is not None

    alerts = serving.posts.scheduler.get_job("personal:alerts:UTC")
    nudges = serving.posts.scheduler.get_job("personal:nudges:UTC")

    assert alerts is not None
    assert nudges is not None
    for job, at in ((alerts, (8, 30)), (nudges, (9, 0))):
        fire = job.next_run_time.astimezone(UTC)
        assert (fire.hour, fire.minute) == at
        assert fire.weekday() < 5


def test_serve_without_a_scheduler_has_none(database: tuple[str, People]) -> None:
    url, _people = database
    environ = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    context = AppContext(database=url)

    server = build_server(context, environ, scheduler=False)

    assert SCHEDULED_POSTS not in server
    context.engine.dispose()


def test_a_won_deal_is_celebrated_in_the_channel(loop: LoopThread, serving: Serving) -> None:
    engine = create_db_engine(serving.database)
    with Session(engine) as session:
        session.add(
            Subscription(
                platform="slack", workspace=TEAM_ID, target="C0WINS", kind="celebrations",
                cron="", timezone=noon_zone(datetime.now(UTC)), created_by="test",
                created_at=datetime.now(UTC) - timedelta(minutes=1),
            )
        )  # fmt: skip
        session.commit()
        win_two_deals(session)
    engine.dispose()

    loop.run(serving.posts.refresh())
    loop.run(serving.posts.celebrate())

    [post] = serving.double.calls_of("chat.postMessage")
    assert post.body["channel"] == "C0WINS"
    assert blocks_text(post.body).startswith("🎉 2 deals won")
