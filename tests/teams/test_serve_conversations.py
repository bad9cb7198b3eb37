"""The conversations Quotabot is in are remembered, so that it can post there later."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from core.models import TeamsConversation
from core.storage import create_db_engine
from tests.fakes.teams_connector import BOT_ID, REPLY, TENANT
from tests.teams.conftest import ADA, CHANNEL, PERSONAL, TEAM, TeamsHarness


def stored(teams: TeamsHarness) -> list[TeamsConversation]:
    engine = create_db_engine(teams.database)
    with Session(engine) as session:
        rows = list(session.exec(select(TeamsConversation)))
    engine.dispose()
    return rows


def test_being_added_to_a_team_stores_its_channel(teams: TeamsHarness) -> None:
    sent = teams.post(teams.bot_added(CHANNEL))

    assert sent.status == 201
    [row] = stored(teams)
    assert (row.tenant_id, row.conversation_id, row.kind) == (TENANT, CHANNEL, "channel")
    assert row.team_id == TEAM
    reference = json.loads(row.reference)
    assert reference["serviceUrl"] == teams.double.service_url
    assert reference["bot"]["id"] == BOT_ID
    assert reference["conversation"]["id"] == CHANNEL
    assert teams.double.calls == []  # nothing to say on arrival


def test_a_message_stores_its_personal_chat_with_the_person(teams: TeamsHarness) -> None:
    teams.post(teams.message("whoami"))
    teams.double.wait_for(REPLY)

    [row] = stored(teams)
    assert (row.conversation_id, row.kind, row.user_id) == (PERSONAL, "personal", ADA)


def test_a_message_in_a_thread_stores_the_channel_once(teams: TeamsHarness) -> None:
    teams.post(teams.bot_added(CHANNEL))
    threaded = f"{CHANNEL};messageid=1700000000042"

    teams.post(teams.message("whoami", conversation=threaded, kind="channel", mention=True))

    teams.double.wait_for(REPLY)
    [row] = stored(teams)
    assert row.conversation_id == CHANNEL
    assert json.loads(row.reference)["conversation"]["id"] == CHANNEL
    assert row.name == "General"  # kept from the first activity, which named it


def test_being_removed_from_a_team_forgets_its_channels(teams: TeamsHarness) -> None:
    teams.post(teams.bot_added(CHANNEL))
    teams.post(teams.message("whoami"))
    teams.double.wait_for(REPLY)

    teams.post(teams.bot_added(CHANNEL, removed=True))

    assert [row.conversation_id for row in stored(teams)] == [PERSONAL]
