"""A running `quotabot serve` and a Slack double, and a way to send it what Slack sends.

The server and the double run on an event loop in a thread of their own, on ephemeral
ports; the test sends real HTTP requests, signed the way Slack signs them, and reads
what reached the double. The database is SQLite holding the company of tests/bot.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import pytest
from aiohttp import web
from sqlmodel import Session

from core.models import ChatIdentity
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.server import build_server
from tests.bot.company import NOW, People, build
from tests.fakes.slack_api import BOT_TOKEN, TEAM_ID, SlackApiDouble

T = TypeVar("T")

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
FORM = "application/x-www-form-urlencoded"

# Slack users of the test company: Ada and Mona are found by their profile email, Carl
# is linked already, and Zed is someone whom no rep matches.
ADA, MONA, CARL, ZED = "U0ADA", "U0MONA", "U0CARL", "U0ZED"


class LoopThread:
    """An event loop running in a thread of its own, for the server and the double."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.run(_cancel_the_rest())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


async def _cancel_the_rest() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def sign(body: str, timestamp: str, secret: str = SIGNING_SECRET) -> str:
    """Slack's v0 signature: HMAC-SHA256 of "v0:{timestamp}:{body}" with the secret."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Sent:
    status: int
    text: str
    seconds: float  # from sending to the whole answer read: Slack's "ack time"


@dataclass
class SlackHarness:
    double: SlackApiDouble
    url: str
    people: People
    database: str
    _triggers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def post(
        self,
        body: str,
        *,
        content_type: str = FORM,
        timestamp: str | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Sent:
        """POST `body` to /slack/events, signed as Slack would unless told otherwise."""
        timestamp = timestamp or str(int(time.time()))
        request = urllib.request.Request(
            f"{self.url}slack/events",
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": signature or sign(body, timestamp),
                **(headers or {}),
            },
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode(), error.code
        return Sent(status, text, time.perf_counter() - start)

    def get(self, path: str) -> Sent:
        start = time.perf_counter()
        with urllib.request.urlopen(f"{self.url}{path}", timeout=10) as response:
            text = response.read().decode()
            return Sent(response.status, text, time.perf_counter() - start)

    def trigger(self) -> str:
        return f"{next(self._triggers)}.{int(time.time())}.abcdef"

    def command_body(self, command: str, text: str = "", user: str = ADA) -> str:
        """A slash command's form body, with a response URL on the double."""
        trigger = self.trigger()
        return urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM_ID,
                "team_domain": "quotabot-test",
                "channel_id": "C0SALES",
                "channel_name": "sales",
                "user_id": user,
                "user_name": user.lower(),
                "command": command,
                "text": text,
                "api_app_id": "A0QUOTA",
                "response_url": self.double.response_url(f"commands-{trigger}"),
                "trigger_id": trigger,
            }
        )

    def press_body(
        self,
        action_id: str,
        value: str,
        user: str = ADA,
        *,
        on_home: bool = False,
    ) -> str:
        """A block_actions payload for a button of a message (or of the Home tab)."""
        trigger = self.trigger()
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
            "api_app_id": "A0QUOTA",
            "token": "legacy-verification-token",
            "trigger_id": trigger,
            "team": {"id": TEAM_ID, "domain": "quotabot-test"},
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "buttons",
                    "text": {"type": "plain_text", "text": "Press"},
                    "value": value,
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        if on_home:
            payload["container"] = {"type": "view", "view_id": "V0HOME"}
            payload["view"] = {"id": "V0HOME", "type": "home"}
        else:
            payload["container"] = {
                "type": "message",
                "message_ts": "1700000000.000100",
                "channel_id": "C0SALES",
                "is_ephemeral": True,
            }
            payload["channel"] = {"id": "C0SALES", "name": "sales"}
            payload["response_url"] = self.double.response_url(f"actions-{trigger}")
        return urlencode({"payload": json.dumps(payload)})

    def event_body(self, event: dict[str, Any], event_id: str = "Ev0HOME1") -> str:
        return json.dumps(
            {
                "token": "legacy-verification-token",
                "team_id": TEAM_ID,
                "api_app_id": "A0QUOTA",
                "event": event,
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
            }
        )


@pytest.fixture
def loop() -> Iterator[LoopThread]:
    thread = LoopThread()
    yield thread
    thread.close()


@pytest.fixture
def database(sqlite_template: Path, tmp_path: Path) -> tuple[str, People]:
    path = tmp_path / "quotabot.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_db_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as session:
        people = build(session)
        assert people.carl.id is not None
        session.add(
            ChatIdentity(platform="slack", workspace=TEAM_ID, user_id=CARL, rep_id=people.carl.id)
        )
        session.commit()
    engine.dispose()
    return f"sqlite:///{path}", people


@pytest.fixture
def slack(loop: LoopThread, database: tuple[str, People]) -> Iterator[SlackHarness]:
    url, people = database
    double = SlackApiDouble()
    loop.run(double.start())
    double.add_user(ADA, people.ada.email)
    double.add_user(MONA, people.mona.email, locale="it-IT")
    double.add_user(ZED, "zed@elsewhere.example", locale="it-IT")
    with _server(loop, url, double) as base:
        yield SlackHarness(double, base, people, url)
    loop.run(double.stop())


@pytest.fixture
def replica(loop: LoopThread, slack: SlackHarness) -> Iterator[SlackHarness]:
    """A second `quotabot serve` on the same database and Slack, as behind a load balancer."""
    with _server(loop, slack.database, slack.double) as base:
        yield replace(slack, url=base)


@contextmanager
def _server(loop: LoopThread, url: str, double: SlackApiDouble) -> Iterator[str]:
    environ = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": double.api_url,
    }
    context = AppContext(database=url)
    runner = loop.run(_serve(build_server(context, environ, now=lambda: NOW, backoff=0.05)))
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/"
    loop.run(runner.cleanup())
    context.engine.dispose()


async def _serve(server: web.Application) -> web.AppRunner:
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner
