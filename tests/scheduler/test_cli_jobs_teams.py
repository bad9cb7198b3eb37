"""`quotabot jobs run` posting into Teams, through the Bot Framework connector double."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from botbuilder.schema import Activity
from click.testing import CliRunner, Result
from sqlmodel import Session

from adapters.teams import conversations
from core.storage import open_database
from quotabot.cli import main
from tests.bot.company import build
from tests.fakes.teams_connector import BOT_ID, BOT_NAME, SEND, TENANT, TeamsConnectorDouble
from tests.slack.conftest import LoopThread

CHANNEL = "19:sales@thread.tacv2"
HALF_PAST_NINE = "2026-12-01T09:30+01:00"


@pytest.fixture
def teams() -> Iterator[TeamsConnectorDouble]:
    loop = LoopThread()
    double = TeamsConnectorDouble()
    loop.run(double.start())
    yield double
    loop.run(double.stop())
    loop.close()


@pytest.fixture
def database(tmp_path: Path, teams: TeamsConnectorDouble) -> str:
    """The test company, with Quotabot added to a Teams channel that is subscribed."""
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    added = {
        "type": "conversationUpdate",
        "id": "f:update-1",
        "channelId": "msteams",
        "serviceUrl": teams.service_url,
        "conversation": {"id": CHANNEL, "conversationType": "channel", "tenantId": TENANT},
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "channelData": {"team": {"id": "19:team"}, "tenant": {"id": TENANT}},
        "membersAdded": [{"id": BOT_ID}],
    }
    with Session(engine) as session:
        build(session)
        conversations.remember(session, Activity().deserialize(added))
    engine.dispose()
    return url


def run(database: str, *args: str) -> Result:
    environ = {"MICROSOFT_APP_ID": "", "MICROSOFT_APP_PASSWORD": ""}
    return CliRunner().invoke(main, ["--database", database, *args], env=environ)


def subscribe(database: str, target: str) -> str:
    added = run(
        database, "subscriptions", "add", "--platform", "teams", "--workspace", TENANT,
        "--target", target, "--cron", "0 9 * * 1-5", "--timezone", "Europe/Rome",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = run(database, "jobs", "list", "--json")
    [job] = [row for row in json.loads(listed.output) if row["kind"] == "leaderboard"]
    return str(job["name"])


def test_a_run_posts_the_card_into_the_teams_channel_once(
    database: str, teams: TeamsConnectorDouble
) -> None:
    name = subscribe(database, CHANNEL)

    first = run(database, "jobs", "run", name, "--as-of", HALF_PAST_NINE)
    again = run(database, "jobs", "run", name, "--as-of", HALF_PAST_NINE)

    assert first.exit_code == 0, first.output
    assert first.output == f"Posted {name} to teams {TENANT}/{CHANNEL}.\n"
    assert "was run already" in again.output
    [post] = teams.calls_of(SEND)
    assert post.conversation == CHANNEL
    card = post.body["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Daily leaderboard · won revenue · 2026-Q4"
    # No server of this process serves the chart: it goes into the card itself.
    [chart] = [element for element in card["body"] if element["type"] == "Image"]
    assert chart["url"].startswith("data:image/png;base64,")


def test_a_channel_quotabot_is_not_in_is_reported(
    database: str, teams: TeamsConnectorDouble
) -> None:
    name = subscribe(database, "19:elsewhere@thread.tacv2")

    result = run(database, "jobs", "run", name, "--no-charts", "--as-of", HALF_PAST_NINE)

    assert result.exit_code == 1
    assert "Could not post to teams" in result.output
    assert "Quotabot is not in Teams conversation 19:elsewhere@thread.tacv2" in result.output
    assert teams.calls_of(SEND) == []
