"""Slack failing: rate limits and server errors retried; what still fails is logged."""

from __future__ import annotations

import logging

import pytest

from tests.fakes.slack_api import RESPONSE
from tests.slack.conftest import SlackHarness


def test_a_rate_limited_response_url_is_retried_after_the_wait(slack: SlackHarness) -> None:
    slack.double.fail(RESPONSE, 429, retry_after=1)

    slack.post(slack.command_body("/myquota"))

    refused, delivered = slack.double.wait_for(RESPONSE, 2)
    assert delivered.at - refused.at >= 1.0
    assert delivered.body == refused.body


def test_a_rate_limited_message_is_retried_after_the_wait(slack: SlackHarness) -> None:
    slack.double.fail("chat.postMessage", 429, retry_after=1)
    # A "post" button on the Home tab has no conversation: the app's DM gets the answer.
    body = slack.press_body("quotabot.post.1", "leaderboard public", on_home=True)

    slack.post(body)

    refused, delivered = slack.double.wait_for("chat.postMessage", 2)
    assert delivered.at - refused.at >= 1.0
    assert delivered.body["channel"] == refused.body["channel"]


def test_a_server_error_on_upload_is_retried(slack: SlackHarness) -> None:
    slack.double.fail("files.getUploadURLExternal", 500)

    slack.post(slack.command_body("/myquota"))

    [answer] = slack.double.wait_for(RESPONSE)
    assert len(slack.double.calls_of("files.getUploadURLExternal")) == 2
    assert [block["type"] for block in answer.body["blocks"]].count("image") == 1


def test_charts_that_cannot_be_uploaded_leave_the_text(slack: SlackHarness) -> None:
    slack.double.fail("files.getUploadURLExternal", 503, times=100)

    slack.post(slack.command_body("/myquota"))

    [answer] = slack.double.wait_for(RESPONSE)
    assert answer.body["blocks"][0]["text"]["text"] == "Your quota · 2026-Q4"
    assert "image" not in [block["type"] for block in answer.body["blocks"]]


def test_a_chart_slack_never_processes_is_left_out(slack: SlackHarness) -> None:
    slack.double.processing_polls = 100

    slack.post(slack.command_body("/myquota"))

    refused, answered = slack.double.wait_for(RESPONSE, 2)
    assert "image" in [block["type"] for block in refused.body["blocks"]]
    assert "image" not in [block["type"] for block in answered.body["blocks"]]


def test_a_response_url_that_keeps_failing_is_logged_without_a_traceback(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    slack.double.fail(RESPONSE, 500, times=100)

    with caplog.at_level(logging.INFO):
        slack.post(slack.command_body("/myquota"))
        calls = slack.double.wait_for(RESPONSE, 8)  # the answer, then the apology

    assert calls[-1].body["blocks"][0]["text"]["text"] == "Sorry, something went wrong"
    failures = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert failures
    assert all(record.exc_info is None for record in failures)
    assert "reference" in failures[0].getMessage()
