"""`quotabot serve` reports what Slack's configuration lacks, and never shows a secret."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from quotabot.cli import main
from tests.fakes.slack_api import BOT_TOKEN, RESPONSE
from tests.slack.conftest import SIGNING_SECRET, SlackHarness

UNSET = {
    "SLACK_BOT_TOKEN": "",
    "SLACK_SIGNING_SECRET": "",
    "SLACK_APP_TOKEN": "",
    "SLACK_API_URL": "",
}


def test_serve_names_every_missing_variable_and_what_it_is_for() -> None:
    result = CliRunner().invoke(main, ["--database", "sqlite://", "serve"], env=UNSET)

    assert result.exit_code == 1
    assert "SLACK_BOT_TOKEN is not set: the bot token (xoxb-...)" in result.output
    assert "SLACK_SIGNING_SECRET is not set: the signing secret" in result.output


def test_serve_says_which_token_is_wrong_without_showing_it() -> None:
    wrong = {**UNSET, "SLACK_BOT_TOKEN": "xoxp-user-token-secret", "SLACK_APP_TOKEN": "xoxb-9"}

    result = CliRunner().invoke(main, ["--database", "sqlite://", "serve"], env=wrong)

    assert result.exit_code == 1
    assert "SLACK_BOT_TOKEN does not start with xoxb-" in result.output
    assert "SLACK_APP_TOKEN does not start with xapp-" in result.output
    assert "SLACK_SIGNING_SECRET" not in result.output  # Socket Mode needs none
    assert "user-token-secret" not in result.output


def test_no_secret_reaches_the_log(slack: SlackHarness, caplog: pytest.LogCaptureFixture) -> None:
    slack.double.fail(RESPONSE, 429, retry_after=0)  # a retry logs what it retries

    with caplog.at_level(logging.DEBUG):
        body = slack.command_body("/myquota")
        slack.post(body)
        [_, answered] = slack.double.wait_for(RESPONSE, 2)

    assert caplog.records
    assert BOT_TOKEN not in caplog.text
    assert SIGNING_SECRET not in caplog.text
    assert answered.path not in caplog.text  # a response URL lets anyone answer
