"""Alerts from a running `quotabot serve` into a manager's personal chat with Quotabot in
Teams, the one the bot stored when the manager first wrote to it there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from core.models import Rep
from core.storage import create_db_engine
from quotabot.context import AppContext
from quotabot.scheduling import SCHEDULED_POSTS
from quotabot.server import build_server
from scheduler.housekeeping import Housekeeping
from tests.bot.company import NOW, People
from tests.fakes.teams_connector import REPLY, SEND, TeamsConnectorDouble
from tests.slack.conftest import LoopThread, _serve
from tests.teams.conftest import ADA, MONA, PERSONAL, PUBLIC_URL, TeamsHarness

MONAS_CHAT = "a:personal-chat-mona"
TUESDAY_ALERTS = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


@pytest.fixture
def serving(
    loop: LoopThread, database: tuple[str, People], double: TeamsConnectorDouble
) -> Iterator[tuple[TeamsHarness, Housekeeping]]:
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
    housekeeping = server[SCHEDULED_POSTS].housekeeping
    assert housekeeping is not None
    base = f"http://127.0.0.1:{runner.addresses[0][1]}/"
    yield TeamsHarness(double, base, people, url), housekeeping
    loop.run(runner.cleanup())
    context.engine.dispose()


def report_to_mona(teams: TeamsHarness) -> None:
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        carl = session.get(Rep, teams.people.carl.id)
        assert carl is not None
        carl.manager_id = teams.people.mona.id  # Carl, at risk, now reports to Mona
        session.add(carl)
        session.commit()
    engine.dispose()


def test_the_alert_goes_into_the_managers_personal_chat(
    loop: LoopThread, serving: tuple[TeamsHarness, Housekeeping]
) -> None:
    teams, housekeeping = serving
    said = teams.post(teams.message("whoami", MONA, conversation=MONAS_CHAT))
    assert said.status in (200, 201)
    teams.double.wait_for(REPLY)
    report_to_mona(teams)
    loop.run(housekeeping.refresh(None))
    job = housekeeping.jobs["personal:alerts:UTC"]

    outcome = loop.run(housekeeping.runner.fire(job, TUESDAY_ALERTS, now=TUESDAY_ALERTS))

    assert outcome.sent == (f"rep:{teams.people.mona.id}",)
    [post] = teams.double.calls_of(SEND)
    assert post.conversation == MONAS_CHAT
    card = post.body["attachments"][0]["content"]
    texts = [element.get("text", "") for element in card["body"]]
    # Carl: $10,000 won of $50,000; 43.35 of Q4's 66 business days gone at 08:30 UTC.
    assert texts[:7] == [
        "At risk on your team · 2026-Q4",
        "1 of your people is at risk of missing quota:",
        "**Carl Weber** (South) · _new_",
        "- projected to finish at 30% of quota",
        "- $22,844 behind pace",
        "- no open pipeline to close the gap",
        "- close $1,766 per business day for the 22.6 business days left.",
    ]
    assert texts[7].startswith("_Figures as of the latest CRM update, ")
    [action] = card["actions"]
    assert action["data"]["command"] == "atrisk"


def test_a_manager_who_never_wrote_to_quotabot_in_teams_is_not_written_to(
    loop: LoopThread, serving: tuple[TeamsHarness, Housekeeping]
) -> None:
    teams, housekeeping = serving
    report_to_mona(teams)
    loop.run(housekeeping.refresh(None))
    job = housekeeping.jobs["personal:alerts:UTC"]

    outcome = loop.run(housekeeping.runner.fire(job, TUESDAY_ALERTS, now=TUESDAY_ALERTS))

    assert outcome.claimed
    assert outcome.sent == ()
    assert teams.double.calls_of(SEND) == []


def test_a_rep_snoozes_nudges_with_the_cards_button(
    loop: LoopThread, serving: tuple[TeamsHarness, Housekeeping]
) -> None:
    teams, housekeeping = serving
    teams.post(teams.message("whoami", ADA, conversation=PERSONAL))
    teams.double.wait_for(REPLY)
    loop.run(housekeeping.refresh(None))
    job = housekeeping.jobs["personal:nudges:UTC"]
    nine = TUESDAY_ALERTS.replace(hour=9, minute=0)
    loop.run(housekeeping.runner.fire(job, nine, now=nine))
    [nudge] = teams.double.calls_of(SEND)
    assert nudge.conversation == PERSONAL
    card = nudge.body["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Your nudge for today · 2026-Q4"
    snooze, pipeline = card["actions"]
    assert (snooze["title"], pipeline["data"]["command"]) == ("Snooze for 7 days", "pipeline")

    pressed = teams.post(teams.message(None, ADA, conversation=PERSONAL, value=snooze["data"]))

    assert pressed.status in (200, 201)
    answer = teams.double.wait_for(REPLY, count=2)[-1]
    texts = [
        element.get("text", "") for element in answer.body["attachments"][0]["content"]["body"]
    ]
    assert texts[1].startswith("Nudges are snoozed until Dec 8, 2026 at 00:00 (UTC).")
