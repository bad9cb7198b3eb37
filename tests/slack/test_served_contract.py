"""The adapter contract over the wire: what reaches Slack states what the console states.

tests/contract renders one `Reply` both ways. Here the Slack side is the whole served
path instead: a signed slash command into `quotabot serve`, the person found by their
profile email, the chart drawn and uploaded, and the message that reached the response
URL of the Slack double. The console side is the same command asked of the registry as
`quotabot chat` asks it, on the same database at the same moment.
"""

from __future__ import annotations

import html

import pytest
from sqlmodel import Session

from core.storage import create_db_engine
from tests.bot.company import ask
from tests.contract.test_adapters_agree import COMMANDS, _texts, console_text, facts
from tests.fakes.slack_api import RESPONSE
from tests.slack.conftest import ADA, MONA, SlackHarness

SLASH = {"whoami": ("/quotabot", "whoami")}  # the manifest has no /whoami of its own


@pytest.mark.parametrize("user", [ADA, MONA])
@pytest.mark.parametrize("command", COMMANDS)
def test_what_reaches_slack_states_what_the_console_states(
    slack: SlackHarness, command: str, user: str
) -> None:
    slash, text = SLASH.get(command, (f"/{command}", ""))
    slack.post(slack.command_body(slash, text, user=user))
    [answer] = slack.double.wait_for(RESPONSE)
    sent = html.unescape("\n".join(_texts(answer.body["blocks"])))

    who = slack.people.ada if user == ADA else slack.people.mona
    engine = create_db_engine(slack.database)
    with Session(engine) as session:
        reply = ask(session, who, command, charts=True)
    engine.dispose()
    console = facts(console_text(reply), slack.people)

    shown = facts(sent, slack.people)
    assert shown == console, (
        f"Slack misses {sorted(console - shown)}, adds {sorted(shown - console)}"
    )
    assert answer.body["blocks"][0]["text"]["text"] == reply.title
