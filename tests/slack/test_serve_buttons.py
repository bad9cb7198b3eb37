"""Button presses and the App Home, sent to a running `quotabot serve` as Slack sends them."""

from __future__ import annotations

from typing import Any

from tests.fakes.slack_api import RESPONSE
from tests.slack.conftest import ADA, SlackHarness


def buttons(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a message, by action_id."""
    return {
        element["action_id"]: element
        for block in answer["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


def title(blocks: list[dict[str, Any]]) -> str:
    return str(blocks[0]["text"]["text"])


def test_a_button_runs_its_command(slack: SlackHarness) -> None:
    slack.post(slack.command_body("/myquota"))
    [first] = slack.double.wait_for(RESPONSE)
    last_quarter = buttons(first.body)["quotabot.run.0"]

    sent = slack.post(slack.press_body("quotabot.run.0", last_quarter["value"]))

    assert sent.status == 200
    second = slack.double.wait_for(RESPONSE, 2)[1]
    assert title(second.body["blocks"]) == "Your quota · 2026-Q3"
    assert second.body["response_type"] == "ephemeral"
    assert second.path.startswith("/response/actions-")


def test_a_post_button_answers_in_the_channel(slack: SlackHarness) -> None:
    slack.post(slack.command_body("/leaderboard"))
    [first] = slack.double.wait_for(RESPONSE)
    [(action_id, post)] = [
        (action_id, button)
        for action_id, button in buttons(first.body).items()
        if action_id.startswith("quotabot.post.")
    ]

    slack.post(slack.press_body(action_id, post["value"]))

    second = slack.double.wait_for(RESPONSE, 2)[1]
    assert second.body["response_type"] == "in_channel"
    assert title(second.body["blocks"]) == "Leaderboard · won revenue · 2026-Q4"


def test_opening_the_home_tab_publishes_the_dashboard(slack: SlackHarness) -> None:
    event = {"type": "app_home_opened", "user": ADA, "channel": "D0ADA", "tab": "home"}

    sent = slack.post(slack.event_body(event), content_type="application/json")

    assert sent.status == 200
    [published] = slack.double.wait_for("views.publish")
    assert published.body["user_id"] == ADA
    view = published.body["view"]
    assert view["type"] == "home"
    assert title(view["blocks"]) == "Your quota · 2026-Q4"
    assert [block["type"] for block in view["blocks"]].count("image") == 1


def test_a_button_on_the_home_tab_changes_the_dashboard(slack: SlackHarness) -> None:
    value = "myquota last-quarter"

    slack.post(slack.press_body("quotabot.run.0", value, on_home=True))

    [published] = slack.double.wait_for("views.publish")
    assert title(published.body["view"]["blocks"]) == "Your quota · 2026-Q3"
    assert slack.double.calls_of(RESPONSE) == []
