"""`/coach` through a running `quotabot serve`, as Slack sends it."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack_api import RESPONSE
from tests.slack.conftest import ADA, MONA, SlackHarness


def _texts(answer: Any) -> list[str]:
    return [block.get("text", {}).get("text", "") for block in answer.body["blocks"]]


def test_a_manager_coaches_a_report_named_by_mention(slack: SlackHarness) -> None:
    slack.post(slack.command_body("/coach", "@ada.lovelace", user=MONA))

    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["response_type"] == "ephemeral"
    said = _texts(answer)
    assert said[0] == "Coaching brief · Ada Lovelace · 2026-Q4"
    assert any("*Deals to discuss:*" in line for line in said)


def test_a_rep_gets_their_own_brief_and_not_a_colleagues(slack: SlackHarness) -> None:
    slack.post(slack.command_body("/coach", "", user=ADA))
    slack.post(slack.command_body("/coach", "Bea Rossi", user=ADA))

    own, other = slack.double.wait_for(RESPONSE, count=2)
    titles = {_texts(own)[0], _texts(other)[0]}
    assert titles == {"Your coaching brief · 2026-Q4", "Not yours to see"}
