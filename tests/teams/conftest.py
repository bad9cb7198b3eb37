"""A running `quotabot serve` and a Bot Framework connector double, and a way to send it
what Teams sends.

The server and the double run on an event loop in a thread of their own, on ephemeral
ports; the test POSTs real activities to /api/messages, naming the double as their
service URL, and reads what reached the double. The database is SQLite holding the
company of tests/bot. No app id is set unless a test asks for one: checking real
Microsoft tokens needs Microsoft. Every card that reached the double is checked against
the Adaptive Card schema when the test ends.
"""

from __future__ import annotations

import itertools
import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from core.models import ChatIdentity
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.server import build_server
from tests.bot.company import NOW, People, build
from tests.fakes.teams_connector import BOT_ID, BOT_NAME, TENANT, TeamsConnectorDouble
from tests.slack.conftest import LoopThread, _serve
from tests.teams.schema_check import card_problems, cards_of

PUBLIC_URL = "https://quotabot.test/"
CHART_SECRET = "test-chart-secret"

# Teams users of the test company: Ada is found by her email, Mona by her user principal
# name alone, Carl is linked already, and Zed is someone whom no rep matches.
ADA, MONA, CARL, ZED = "29:ada", "29:mona", "29:carl", "29:zed"
PERSONAL = "a:personal-chat-ada"
CHANNEL = "19:sales@thread.tacv2"
TEAM = "19:team-sales@thread.tacv2"


@dataclass(frozen=True)
class Sent:
    status: int
    text: str


@dataclass
class TeamsHarness:
    double: TeamsConnectorDouble
    url: str
    people: People
    database: str
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def post(
        self,
        activity: dict[str, Any],
        *,
        token: str | None = None,
        content_type: str = "application/json",
    ) -> Sent:
        """POST an activity to /api/messages, with a bearer token if given."""
        headers = {"Content-Type": content_type}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(
            f"{self.url}api/messages",
            data=json.dumps(activity).encode(),
            method="POST",
            headers=headers,
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return Sent(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Sent(error.code, error.read().decode())

    def get(self, path_and_query: str) -> tuple[int, bytes, str]:
        """GET from the server: status, body and content type."""
        try:
            with urllib.request.urlopen(f"{self.url}{path_and_query}", timeout=10) as response:
                return response.status, response.read(), response.headers["Content-Type"]
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers.get("Content-Type", "")

    def message(
        self,
        text: str | None,
        user: str = ADA,
        *,
        conversation: str = PERSONAL,
        kind: str = "personal",
        mention: bool = False,
        value: dict[str, Any] | None = None,
        activity_id: str | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """A message activity as Teams sends it, from `user` in `conversation`."""
        activity: dict[str, Any] = {
            "type": "message",
            "id": activity_id or f"1700000000{next(self._ids):03d}",
            "timestamp": "2026-12-01T09:00:00.000Z",
            "channelId": "msteams",
            "serviceUrl": self.double.service_url,
            "from": {"id": user, "name": user.removeprefix("29:"), "aadObjectId": f"aad-{user}"},
            "conversation": {
                "id": conversation,
                "conversationType": kind,
                "tenantId": TENANT,
                "isGroup": kind != "personal",
            },
            "recipient": {"id": BOT_ID, "name": BOT_NAME},
            "channelData": {"tenant": {"id": TENANT}},
            "locale": locale,
            "textFormat": "plain",
        }
        if kind == "channel":
            activity["channelData"] |= {
                "team": {"id": TEAM, "name": "Sales"},
                "channel": {"id": CHANNEL},
            }
        if text is not None:
            activity["text"] = f"<at>{BOT_NAME}</at> {text}" if mention else text
        if mention:
            activity["entities"] = [
                {
                    "type": "mention",
                    "text": f"<at>{BOT_NAME}</at>",
                    "mentioned": {"id": BOT_ID, "name": BOT_NAME},
                },
                {"type": "clientInfo", "locale": locale, "platform": "Web"},
            ]
        if value is not None:
            activity["value"] = value
        return activity

    def bot_added(self, conversation: str = CHANNEL, removed: bool = False) -> dict[str, Any]:
        """The conversationUpdate of the bot being added to (or removed from) a team."""
        members = [{"id": BOT_ID}]
        return {
            "type": "conversationUpdate",
            "id": f"f:update-{next(self._ids)}",
            "channelId": "msteams",
            "serviceUrl": self.double.service_url,
            "from": {"id": ADA, "aadObjectId": "aad-ada"},
            "conversation": {
                "id": conversation,
                "conversationType": "channel",
                "tenantId": TENANT,
                "isGroup": True,
                "name": "General",
            },
            "recipient": {"id": BOT_ID, "name": BOT_NAME},
            "channelData": {
                "team": {"id": TEAM, "name": "Sales"},
                "eventType": "teamMemberRemoved" if removed else "teamMemberAdded",
                "tenant": {"id": TENANT},
            },
            ("membersRemoved" if removed else "membersAdded"): members,
        }


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
            ChatIdentity(platform="teams", workspace=TENANT, user_id=CARL, rep_id=people.carl.id)
        )
        session.commit()
    engine.dispose()
    return f"sqlite:///{path}", people


@pytest.fixture
def double(loop: LoopThread, database: tuple[str, People]) -> Iterator[TeamsConnectorDouble]:
    _, people = database
    double = TeamsConnectorDouble()
    loop.run(double.start())
    double.add_member(ADA, "Ada Lovelace", people.ada.email, people.ada.email)
    double.add_member(MONA, "Mona Manager", None, people.mona.email.upper())
    double.add_member(ZED, "Zed", "zed@elsewhere.example")
    yield double
    loop.run(double.stop())
    # Whatever a test made the bot send, each card in it is a valid Adaptive Card 1.5.
    problems = [
        f"{call.kind} to {call.conversation}: {problem}"
        for call in double.calls
        for card in cards_of(call.body)
        for problem in card_problems(card)
    ]
    assert problems == [], problems


@pytest.fixture
def teams(
    loop: LoopThread, database: tuple[str, People], double: TeamsConnectorDouble
) -> Iterator[TeamsHarness]:
    url, people = database
    environ = {"QUOTABOT_PUBLIC_URL": PUBLIC_URL, "QUOTABOT_CHART_SECRET": CHART_SECRET}
    with serving(loop, url, environ) as base:
        yield TeamsHarness(double, base, people, url)


@contextmanager
def serving(loop: LoopThread, database: str, environ: dict[str, str]) -> Iterator[str]:
    """`quotabot serve` with these Teams settings; Slack is configured but never called."""
    environ = {
        "SLACK_BOT_TOKEN": "xoxb-never-used",
        "SLACK_SIGNING_SECRET": "never-used",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        **environ,
    }
    context = AppContext(database=database)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05, scheduler=False)
    runner = loop.run(_serve(server))
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/"
    loop.run(runner.cleanup())
    context.engine.dispose()
