"""Win stories in Teams: the ask's card holds the form, and its submit, sent as Teams
sends it to a running `quotabot serve`, keeps the story."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from adapters.teams.cards import card
from bot.catalogue import Texts
from bot.stories import ask_reply
from core.models import Deal, WinStory
from core.storage import create_db_engine
from core.stories import ask
from core.wins import Win
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.service import ScheduledPosts
from tests.bot.company import NOW, People
from tests.fakes.teams_connector import REPLY, SEND, TeamsConnectorDouble
from tests.scheduler.wins import win_two_deals
from tests.slack.conftest import LoopThread, _serve
from tests.teams.conftest import ADA, MONA, PUBLIC_URL, TeamsHarness
from tests.teams.schema_check import card_problems

WIN = Win(5, "Acme renewal", "Acme Corp", Decimal(20_000), 2, "Ada Lovelace")


def test_the_ask_is_a_valid_card_with_the_questions_and_a_submit() -> None:
    shown = card(ask_reply(Texts("it", "EUR"), WIN))

    assert card_problems(shown) == []
    inputs = [element for element in shown["body"] if element["type"] == "Input.Text"]
    assert [(item["id"], item["label"], item["isRequired"]) for item in inputs] == [
        ("difference", "Che cosa ha fatto la differenza?", True),
        ("helpers", "Chi ti ha aiutato?", True),
        ("tip", "Un consiglio per il team (facoltativo)", False),
    ]
    [submit] = shown["actions"]
    assert submit == {
        "type": "Action.Submit",
        "title": "Condividi",
        "data": {"quotabot": "quotabot.form", "form": "story:5"},
    }


def asked_about_acme(teams: TeamsHarness) -> int:
    """Ada's Acme renewal, won, and Ada asked for its story; the deal's id."""
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        deal = session.exec(select(Deal).where(Deal.name == "Acme renewal")).one()
        deal.status = "won"
        session.add(deal)
        session.commit()
        assert deal.id is not None
        assert ask(session, deal.id, deal.owner_id, datetime.now(UTC))
        deal_id = deal.id
    engine.dispose()
    return deal_id


def submitted(deal_id: int, **answers: str) -> dict[str, Any]:
    return {"quotabot": "quotabot.form", "form": f"story:{deal_id}", **answers}


def test_a_submitted_card_keeps_the_story_and_thanks_the_teller(teams: TeamsHarness) -> None:
    deal_id = asked_about_acme(teams)
    value = submitted(
        deal_id, difference="  A pilot\nwith finance ", helpers="Bea", tip="Ask early"
    )

    sent = teams.post(teams.message(None, value=value))

    assert sent.status == 201
    [answer] = teams.double.wait_for(REPLY)
    [attachment] = answer.body["attachments"]
    assert attachment["content"]["body"][0]["text"] == "Thank you!"
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        story = session.exec(select(WinStory).where(WinStory.deal_id == deal_id)).one()
    engine.dispose()
    assert (story.difference, story.helpers, story.tip) == (
        "A pilot with finance",
        "Bea",
        "Ask early",
    )
    assert story.told_at is not None


def test_an_empty_answer_is_named_and_nothing_is_kept(teams: TeamsHarness) -> None:
    deal_id = asked_about_acme(teams)

    teams.post(teams.message(None, value=submitted(deal_id, difference=" ", helpers="")))

    [answer] = teams.double.wait_for(REPLY)
    texts = [element["text"] for element in answer.body["attachments"][0]["content"]["body"]]
    assert texts == [
        "Your story was not kept",
        "“What made the difference?” is empty: write a few words there, then share again.",
        "“Who helped?” is empty: write a few words there, then share again.",
    ]
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        story = session.exec(select(WinStory).where(WinStory.deal_id == deal_id)).one()
    engine.dispose()
    assert story.told_at is None


def test_a_submit_from_someone_else_is_refused(teams: TeamsHarness) -> None:
    deal_id = asked_about_acme(teams)

    # Ada was asked; Mona, her manager, submits.
    teams.post(teams.message(None, MONA, value=submitted(deal_id, difference="x", helpers="y")))

    [answer] = teams.double.wait_for(REPLY)
    body = answer.body["attachments"][0]["content"]["body"]
    assert body[1]["text"] == "Only the deal's owner, who was asked, can tell its story."


ADAS_CHAT = "a:personal-chat-ada"


@pytest.fixture
def scheduled(
    loop: LoopThread,
    database: tuple[str, People],
    double: TeamsConnectorDouble,
    tmp_path: Path,
) -> Iterator[tuple[TeamsHarness, ScheduledPosts]]:
    url, people = database
    config = tmp_path / "quotabot.toml"
    config.write_text("[stories]\nmin_amount = 20000\n")
    environ = {
        "SLACK_BOT_TOKEN": "xoxb-never-used",
        "SLACK_SIGNING_SECRET": "never-used",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "QUOTABOT_PUBLIC_URL": PUBLIC_URL,
    }
    context = AppContext(database=url, config_path=config)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05)
    runner = loop.run(_serve(server))
    base = f"http://127.0.0.1:{runner.addresses[0][1]}/"
    yield TeamsHarness(double, base, people, url), server[SCHEDULED_POSTS]
    loop.run(runner.cleanup())
    context.engine.dispose()


def test_the_owner_is_asked_in_their_personal_chat_and_answers_in_the_card(
    loop: LoopThread, scheduled: tuple[TeamsHarness, ScheduledPosts]
) -> None:
    teams, posts = scheduled
    teams.post(teams.message("whoami", ADA, conversation=ADAS_CHAT))
    teams.double.wait_for(REPLY)
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        win_two_deals(session)
    engine.dispose()

    loop.run(posts.refresh())
    loop.run(posts.celebrate())

    [ask_card] = [call for call in teams.double.calls_of(SEND) if call.conversation == ADAS_CHAT]
    shown = ask_card.body["attachments"][0]["content"]
    assert shown["body"][0]["text"] == "🎉 You won Acme renewal (Acme Corp)!"
    [submit] = shown["actions"]
    answers = {"difference": "The pilot", "helpers": "Bea", "tip": ""}
    teams.post(teams.message(None, ADA, conversation=ADAS_CHAT, value=submit["data"] | answers))
    thanks = teams.double.wait_for(REPLY, 2)[1]
    assert thanks.body["attachments"][0]["content"]["body"][0]["text"] == "Thank you!"
