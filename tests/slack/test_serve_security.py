"""Forged, stale, replayed and retried requests: refused or ignored, never acted on twice."""

from __future__ import annotations

import time

from tests.fakes.slack_api import RESPONSE
from tests.slack.conftest import ADA, SlackHarness, sign

QUIET = 0.5  # seconds to wait for something that must not happen


def a_minute_ago() -> str:
    """When the first delivery was sent: Slack retries later, signing anew."""
    return str(int(time.time()) - 60)


def test_a_forged_signature_is_refused_and_reaches_nothing(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota")
    timestamp = str(int(time.time()))

    sent = slack.post(body, timestamp=timestamp, signature=sign(body, timestamp, "not-the-secret"))

    assert sent.status == 401
    time.sleep(QUIET)
    assert slack.double.calls == []


def test_a_stale_request_is_refused(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota")
    six_minutes_ago = str(int(time.time()) - 360)

    sent = slack.post(body, timestamp=six_minutes_ago)

    assert sent.status == 401
    time.sleep(QUIET)
    assert slack.double.calls == []


def test_a_replayed_request_is_refused_the_second_time(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota")
    timestamp = str(int(time.time()))
    first = slack.post(body, timestamp=timestamp)
    slack.double.wait_for(RESPONSE)

    again = slack.post(body, timestamp=timestamp)

    assert first.status == 200
    assert again.status == 401
    time.sleep(QUIET)
    assert len(slack.double.calls_of(RESPONSE)) == 1


def test_a_retried_command_is_acknowledged_and_acts_once(slack: SlackHarness) -> None:
    body = slack.command_body("/myquota")
    slack.post(body, timestamp=a_minute_ago())

    retried = slack.post(body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "x"})

    assert retried.status == 200
    slack.double.wait_for(RESPONSE)
    time.sleep(QUIET)
    assert len(slack.double.calls_of(RESPONSE)) == 1


def test_a_retried_event_is_acknowledged_and_acts_once(slack: SlackHarness) -> None:
    event = {"type": "app_home_opened", "user": ADA, "channel": "D0ADA", "tab": "home"}
    body = slack.event_body(event, event_id="Ev0ONCE")
    slack.post(body, content_type="application/json", timestamp=a_minute_ago())

    retried = slack.post(
        body,
        content_type="application/json",
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )

    assert retried.status == 200
    slack.double.wait_for("views.publish")
    time.sleep(QUIET)
    assert len(slack.double.calls_of("views.publish")) == 1


def test_a_replay_to_another_replica_is_refused(
    slack: SlackHarness, replica: SlackHarness
) -> None:
    body = slack.command_body("/myquota")
    timestamp = str(int(time.time()))
    first = slack.post(body, timestamp=timestamp)
    slack.double.wait_for(RESPONSE)

    again = replica.post(body, timestamp=timestamp)

    assert (first.status, again.status) == (200, 401)
    time.sleep(QUIET)
    assert len(slack.double.calls_of(RESPONSE)) == 1


def test_a_retry_that_reaches_another_replica_acts_once(
    slack: SlackHarness, replica: SlackHarness
) -> None:
    body = slack.command_body("/myquota")
    slack.post(body, timestamp=a_minute_ago())

    retried = replica.post(body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "x"})

    assert retried.status == 200
    slack.double.wait_for(RESPONSE)
    time.sleep(QUIET)
    assert len(slack.double.calls_of(RESPONSE)) == 1
