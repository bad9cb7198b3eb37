"""Earnings through a running `quotabot serve`: never in a channel, however asked."""

from __future__ import annotations

from tests.fakes.slack_api import RESPONSE
from tests.slack.conftest import SlackHarness

NEVER_POSTED = "_Earnings are never posted to a channel: only you can see this answer._"


def test_earnings_asked_in_public_are_answered_privately(slack: SlackHarness) -> None:
    slack.post(slack.command_body("/earnings", "public"))

    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["response_type"] == "ephemeral"
    texts = [block.get("text", {}).get("text") for block in answer.body["blocks"]]
    assert NEVER_POSTED in texts


def test_a_post_press_with_earnings_stays_private(slack: SlackHarness) -> None:
    slack.post(slack.press_body("quotabot.post.0", "earnings"))

    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["blocks"][0]["text"]["text"] == "No compensation plan"
