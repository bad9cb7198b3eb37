"""Win stories through a running `quotabot serve` and the Slack double: the ask in a
direct message, its button opening the modal, the modal's submission, and the story
posted to the celebration channel once, by one of two replicas."""

from __future__ import annotations

import itertools
import json
import shutil
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import web
from sqlmodel import Session, select

from core.models import ChatIdentity, Deal, Rep, Subscription, WinStory
from core.storage import create_db_engine
from core.stories import ask, tell
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.service import ScheduledPosts
from tests.bot.company import NOW, build
from tests.fakes.slack_api import BOT_TOKEN, RESPONSE, TEAM_ID, Call, SlackApiDouble
from tests.scheduler.wins import noon_zone, win_two_deals
from tests.slack.conftest import ADA, CARL, SIGNING_SECRET, LoopThread, sign

WINS = "C0WINS"
TRIGGERS = itertools.count(100)


@dataclass
class Stories:
    url: str
    double: SlackApiDouble
    database: str
    posts: ScheduledPosts

    def post(self, body: str) -> int:
        return self.send(body)[0]

    def send(self, body: str) -> tuple[int, str]:
        """POST a signed request; the status and what the server answered."""
        timestamp = str(int(time.time()))
        request = urllib.request.Request(
            f"{self.url}slack/events",
            data=body.encode(),
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign(body, timestamp),
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), response.read().decode()

    def messages_to(self, channel: str) -> list[Call]:
        return [
            call
            for call in self.double.calls_of("chat.postMessage")
            if call.body["channel"] == channel
        ]


def press(action_id: str, value: str, user: str, trigger: str) -> str:
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0QUOTA",
        "token": "legacy-verification-token",
        "trigger_id": trigger,
        "team": {"id": TEAM_ID, "domain": "quotabot-test"},
        "container": {"type": "message", "message_ts": "1700000000.000100", "channel_id": "D0"},
        "channel": {"id": "D0", "name": "directmessage"},
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
    return urlencode({"payload": json.dumps(payload)})


def submission(form_id: str, user: str, answers: dict[str, str]) -> str:
    """A view_submission payload, each answer under its input's block and action."""
    values = {
        name: {name: {"type": "plain_text_input", "value": text or None}}
        for name, text in answers.items()
    }
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "quotabot-test"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0QUOTA",
        "token": "legacy-verification-token",
        "trigger_id": f"{next(TRIGGERS)}.{int(time.time())}.submit",
        "view": {
            "id": "V0MODAL",
            "type": "modal",
            "callback_id": "quotabot.form",
            "private_metadata": form_id,
            "state": {"values": values},
        },
    }
    return urlencode({"payload": json.dumps(payload)})


def blocks_of(call: Call) -> list[dict[str, Any]]:
    blocks = call.body["blocks"]
    return list(json.loads(blocks) if isinstance(blocks, str) else blocks)


def text_of(call: Call) -> str:
    return "\n".join(str(block["text"]["text"]) for block in blocks_of(call) if "text" in block)


def form_button(call: Call) -> dict[str, Any]:
    [button] = [
        element
        for block in blocks_of(call)
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("quotabot.form.")
    ]
    return button


def wait(condition: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@contextmanager
def serving(loop: LoopThread, url: str, config: Path, double: SlackApiDouble) -> Iterator[Any]:
    environ = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": double.api_url,
    }
    context = AppContext(database=url, config_path=config)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05)
    runner = web.AppRunner(server, access_log=None)
    loop.run(runner.setup())
    loop.run(web.TCPSite(runner, "127.0.0.1", 0).start())
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/", server[SCHEDULED_POSTS]
    loop.run(runner.cleanup())
    context.engine.dispose()


@pytest.fixture
def loop() -> Iterator[LoopThread]:
    thread = LoopThread()
    yield thread
    thread.close()


def company_database(sqlite_template: Path, tmp_path: Path) -> str:
    """The test company, Ada and Carl linked in Slack, Carl reading Italian, and a
    celebration channel subscribed a minute ago."""
    path = tmp_path / "quotabot.db"
    shutil.copyfile(sqlite_template, path)
    engine = create_db_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as session:
        people = build(session)
        for user, rep in ((ADA, people.ada), (CARL, people.carl)):
            assert rep.id is not None
            session.add(
                ChatIdentity(platform="slack", workspace=TEAM_ID, user_id=user, rep_id=rep.id)
            )
        people.carl.locale = "it"
        session.add(people.carl)
        session.add(
            Subscription(
                platform="slack", workspace=TEAM_ID, target=WINS, kind="celebrations",
                cron="", timezone=noon_zone(datetime.now(UTC)), created_by="test",
                created_at=datetime.now(UTC) - timedelta(minutes=1),
            )
        )  # fmt: skip
        session.commit()
    engine.dispose()
    return f"sqlite:///{path}"


@pytest.fixture
def stories(loop: LoopThread, sqlite_template: Path, tmp_path: Path) -> Iterator[Stories]:
    url = company_database(sqlite_template, tmp_path)
    config = tmp_path / "quotabot.toml"
    config.write_text("[stories]\nmin_amount = 20000\n")
    double = SlackApiDouble()
    loop.run(double.start())
    with serving(loop, url, config, double) as (base, posts):
        yield Stories(base, double, url, posts)
    loop.run(double.stop())


def import_wins(database: str) -> None:
    engine = create_db_engine(database)
    with Session(engine) as session:
        win_two_deals(session)
    engine.dispose()


def test_the_owner_of_a_big_win_is_asked_tells_and_the_story_is_posted_once(
    loop: LoopThread, stories: Stories, sqlite_template: Path, tmp_path: Path
) -> None:
    import_wins(stories.database)

    loop.run(stories.posts.refresh())
    loop.run(stories.posts.celebrate())

    # Ada's $20,000 Acme renewal reaches the $20,000 threshold; Carl's $8,000 does not.
    [ask] = stories.messages_to(ADA)
    assert stories.messages_to(CARL) == []
    assert blocks_of(ask)[0]["text"]["text"] == "🎉 You won Acme renewal (Acme Corp)!"
    button = form_button(ask)
    assert button["text"]["text"] == "Tell the story"
    assert button["value"].startswith("story:")

    assert stories.post(press(button["action_id"], button["value"], ADA, "1.2.abc")) == 200
    [opened] = stories.double.wait_for("views.open")
    assert opened.body["trigger_id"] == "1.2.abc"
    view = opened.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["title"]["text"] == "Your win story"
    assert view["private_metadata"] == button["value"]
    assert [(block["block_id"], block["optional"]) for block in view["blocks"]] == [
        ("difference", False), ("helpers", False), ("tip", True),
    ]  # fmt: skip

    answers = {
        "difference": "A pilot with their finance team",
        "helpers": "Bea ran the demo",
        "tip": "",
    }
    assert stories.post(submission(button["value"], ADA, answers)) == 200
    wait(lambda: len(stories.messages_to(ADA)) == 2)
    thanks = stories.messages_to(ADA)[1]
    assert blocks_of(thanks)[0]["text"]["text"] == "Thank you!"

    loop.run(stories.posts.celebrate())
    posted = [call for call in stories.messages_to(WINS) if "How" in text_of(call)]
    assert len(posted) == 1
    assert (
        blocks_of(posted[0])[0]["text"]["text"]
        == "📖 How Ada Lovelace won Acme renewal (Acme Corp)"
    )
    text = text_of(posted[0])
    assert "*Ada Lovelace* won Acme renewal (Acme Corp): *$20,000*" in text
    assert "*What made the difference:* A pilot with their finance team" in text
    assert "*Who helped:* Bea ran the demo" in text
    assert "Tip for the team" not in text

    # Once: this process again, a second replica on the same database, a re-import.
    calls = len(stories.double.calls_of("chat.postMessage"))
    other = tmp_path / "replica.toml"
    other.write_text("[stories]\nmin_amount = 20000\n")
    with serving(loop, stories.database, other, stories.double) as (_, replica):
        loop.run(replica.refresh())
        import_wins(stories.database)
        loop.run(replica.celebrate())
        loop.run(stories.posts.celebrate())
    assert len(stories.double.calls_of("chat.postMessage")) == calls


def test_a_second_submission_is_refused_and_only_the_owner_may_tell(
    loop: LoopThread, stories: Stories
) -> None:
    import_wins(stories.database)
    loop.run(stories.posts.refresh())
    loop.run(stories.posts.celebrate())
    [ask] = stories.messages_to(ADA)
    form = form_button(ask)["value"]
    answers = {"difference": "Speed", "helpers": "Nobody"}

    stories.post(submission(form, CARL, answers))
    stories.post(submission(form, ADA, answers))
    stories.post(submission(form, ADA, answers))

    wait(lambda: len(stories.messages_to(CARL)) == 1 and len(stories.messages_to(ADA)) == 3)
    [carl] = stories.messages_to(CARL)
    assert blocks_of(carl)[0]["text"]["text"] == "La tua storia non è stata salvata"
    assert "Solo il titolare della trattativa" in text_of(carl)
    # The two of Ada's may be taken in either order: one is kept, the other refused.
    answered = {blocks_of(call)[0]["text"]["text"]: call for call in stories.messages_to(ADA)[1:]}
    assert set(answered) == {"Thank you!", "Your story was not kept"}
    assert "was told already" in text_of(answered["Your story was not kept"])


def test_blank_answers_are_named_in_the_modal_which_stays_open(
    loop: LoopThread, stories: Stories
) -> None:
    import_wins(stories.database)
    loop.run(stories.posts.refresh())
    loop.run(stories.posts.celebrate())
    [ask] = stories.messages_to(ADA)
    form = form_button(ask)["value"]

    status, answer = stories.send(submission(form, ADA, {"difference": "   ", "helpers": "Bea"}))

    assert status == 200
    assert json.loads(answer) == {
        "response_action": "errors",
        "errors": {
            "difference": (
                "“What made the difference?” is empty: write a few words there, then share again."
            )
        },
    }
    time.sleep(0.5)  # the lazy listener would have answered by now
    assert len(stories.messages_to(ADA)) == 1
    engine = create_db_engine(stories.database)
    with Session(engine) as session:
        assert session.exec(select(WinStory)).one().told_at is None
    engine.dispose()


def test_a_deal_lost_before_its_story_is_told_is_not_posted(
    loop: LoopThread, stories: Stories
) -> None:
    import_wins(stories.database)
    loop.run(stories.posts.refresh())
    loop.run(stories.posts.celebrate())
    [ask] = stories.messages_to(ADA)
    engine = create_db_engine(stories.database)
    with Session(engine) as session:
        deal = session.exec(select(Deal).where(Deal.name == "Acme renewal")).one()
        deal.status = "lost"
        session.add(deal)
        session.commit()
    engine.dispose()

    stories.post(submission(form_button(ask)["value"], ADA, {"difference": "x", "helpers": "y"}))

    wait(lambda: len(stories.messages_to(ADA)) == 2)
    refused = stories.messages_to(ADA)[1]
    assert "is no longer marked won in the CRM" in text_of(refused)
    loop.run(stories.posts.celebrate())
    assert [call for call in stories.messages_to(WINS) if "How" in text_of(call)] == []


def test_italian_readers_are_asked_in_italian_and_small_wins_not_at_all_when_off(
    loop: LoopThread, sqlite_template: Path, tmp_path: Path
) -> None:
    url = company_database(sqlite_template, tmp_path)
    config = tmp_path / "quotabot.toml"
    config.write_text("[stories]\nmin_amount = 5000\n")
    double = SlackApiDouble()
    loop.run(double.start())
    with serving(loop, url, config, double) as (_, posts):
        import_wins(url)
        loop.run(posts.refresh())
        loop.run(posts.celebrate())
    loop.run(double.stop())

    [carl] = [call for call in double.calls_of("chat.postMessage") if call.body["channel"] == CARL]
    assert blocks_of(carl)[0]["text"]["text"] == "🎉 Hai vinto Umbrella!"
    assert form_button(carl)["text"]["text"] == "Racconta"
    engine = create_db_engine(url)
    with Session(engine) as session:
        asked = {story.rep_id for story in session.exec(select(WinStory))}
        names = {rep.id: rep.name for rep in session.exec(select(Rep))}
    engine.dispose()
    assert {names[rep] for rep in asked} == {"Ada Lovelace", "Carl Weber"}


def test_nobody_is_asked_when_stories_are_turned_off(
    loop: LoopThread, sqlite_template: Path, tmp_path: Path
) -> None:
    url = company_database(sqlite_template, tmp_path)
    config = tmp_path / "quotabot.toml"
    config.write_text("[stories]\nenabled = false\nmin_amount = 5000\n")
    double = SlackApiDouble()
    loop.run(double.start())
    with serving(loop, url, config, double) as (_, posts):
        import_wins(url)
        loop.run(posts.refresh())
        loop.run(posts.celebrate())
    loop.run(double.stop())

    channels = {call.body["channel"] for call in double.calls_of("chat.postMessage")}
    assert channels == {WINS}


def test_stories_are_searched_with_the_slash_command(stories: Stories) -> None:
    engine = create_db_engine(stories.database)
    with Session(engine) as session:
        deal = session.exec(select(Deal).where(Deal.name == "Acme renewal")).one()
        deal.status = "won"
        session.add(deal)
        session.commit()
        assert deal.id is not None
        ask(session, deal.id, deal.owner_id, datetime.now(UTC))
        tell(session, deal.id, difference="A pilot", helpers="Bea", tip=None, at=datetime.now(UTC))
    engine.dispose()
    body = urlencode(
        {
            "team_id": TEAM_ID, "channel_id": "C0SALES", "user_id": CARL, "command": "/stories",
            "text": "pilot", "api_app_id": "A0QUOTA", "trigger_id": "7.1.stories",
            "response_url": stories.double.response_url("stories"),
        }
    )  # fmt: skip

    assert stories.post(body) == 200

    [answer] = stories.double.wait_for(RESPONSE)
    assert answer.body["response_type"] == "ephemeral"
    blocks = answer.body["blocks"]
    assert blocks[0]["text"]["text"] == "Storie di vittoria su «pilot»"  # Carl reads Italian
    assert blocks[1]["text"]["text"].startswith("*Ada Lovelace* · Acme renewal · ")
    assert "*Che cosa ha fatto la differenza:* A pilot" in blocks[1]["text"]["text"]
    assert "$" not in json.dumps(blocks)
