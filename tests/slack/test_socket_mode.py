"""Slack's requests over Socket Mode, sent to a running `quotabot serve` by the double.

With SLACK_APP_TOKEN set the server opens a websocket to the double (by way of
apps.connections.open) instead of serving /slack/events; the double pushes envelopes
down it as Slack does and records each acknowledgement the app sends back.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import pytest
from aiohttp import web
from slack_sdk.errors import SlackApiError

from quotabot.context import AppContext
from quotabot.server import build_server
from tests.bot.company import NOW, People
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, RESPONSE, SlackApiDouble
from tests.slack.conftest import ADA, LoopThread, SlackHarness
from tests.slack.test_serve_buttons import buttons, title

ACK_WITHIN = 3.0  # seconds: Slack redelivers an envelope not acknowledged in time


@dataclass
class SocketSlack:
    """A server connected over Socket Mode to the double, and how to stop both."""

    slack: SlackHarness
    loop: LoopThread
    runner: web.AppRunner
    context: AppContext
    server_stopped: bool = False
    stopped: bool = False

    @property
    def double(self) -> SlackApiDouble:
        return self.slack.double

    def command(self, command: str, text: str = "", user: str = ADA) -> dict[str, Any]:
        fields = parse_qsl(self.slack.command_body(command, text, user), keep_blank_values=True)
        return self.double.envelope("slash_commands", dict(fields))

    def press(self, action_id: str, value: str) -> dict[str, Any]:
        form = dict(parse_qsl(self.slack.press_body(action_id, value)))
        return self.double.envelope("interactive", json.loads(form["payload"]))

    def push(self, envelope: dict[str, Any]) -> float:
        """Push `envelope`; the moment it went, to time the ack against."""
        return self.loop.run(self.double.push(envelope)).at

    def stop_server(self) -> None:
        """Stop the server as `quotabot serve` stops, leaving the double running."""
        if not self.server_stopped:
            self.server_stopped = True
            self.loop.run(self.runner.cleanup())

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        self.stop_server()
        self.loop.run(self.double.stop())
        self.context.engine.dispose()


@pytest.fixture
def socket_slack(loop: LoopThread, database: tuple[str, People]) -> Iterator[SocketSlack]:
    url, people = database
    double = SlackApiDouble()
    loop.run(double.start())
    double.add_user(ADA, people.ada.email)
    environ = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_API_URL": double.api_url,
    }
    context = AppContext(database=url)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05)
    runner = loop.run(_serve(server))
    port = runner.addresses[0][1]
    harness = SlackHarness(double, f"http://127.0.0.1:{port}/", people, url)
    running = SocketSlack(harness, loop, runner, context)

    yield running

    running.stop()


async def _serve(server: web.Application) -> web.AppRunner:
    # As `quotabot serve` does: setting the runner up connects to Slack, then it listens.
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner


def test_the_server_connects_with_the_app_token(socket_slack: SocketSlack) -> None:
    opened = socket_slack.double.calls_of("apps.connections.open")

    # Two URLs: one asked at start-up to fail fast on a bad token, one to connect.
    assert [call.path for call in opened] == ["/api/apps.connections.open"] * 2
    assert socket_slack.double.connections == 1
    assert socket_slack.double.open_sockets == 1


def test_myquota_is_acked_at_once_then_answered(socket_slack: SocketSlack) -> None:
    envelope = socket_slack.command("/myquota")

    pushed_at = socket_slack.push(envelope)

    [ack] = socket_slack.double.wait_for_acks(envelope["envelope_id"])
    assert ack.message == {"envelope_id": envelope["envelope_id"]}
    assert ack.at - pushed_at < ACK_WITHIN
    [answer] = socket_slack.double.wait_for(RESPONSE)
    assert answer.path.startswith("/response/commands-")
    assert answer.body["response_type"] == "ephemeral"
    assert title(answer.body["blocks"]) == "Your quota · 2026-Q4"
    assert [block["type"] for block in answer.body["blocks"]].count("image") == 1


def test_a_redelivered_envelope_is_acked_and_not_acted_on_twice(
    socket_slack: SocketSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.dedupe")
    envelope = socket_slack.command("/myquota")

    socket_slack.push(envelope)
    socket_slack.push(envelope)

    socket_slack.double.wait_for_acks(envelope["envelope_id"], 2)
    socket_slack.double.wait_for(RESPONSE)
    # The repeat was dropped before any listener ran: no second answer is on its way.
    skipped = [record for record in caplog.records if "without acting" in record.getMessage()]
    assert len(skipped) == 1
    assert len(socket_slack.double.calls_of(RESPONSE)) == 1
    assert len(socket_slack.double.calls_of("users.info")) == 1


def test_a_button_pressed_over_the_socket_runs_its_command(socket_slack: SocketSlack) -> None:
    socket_slack.push(socket_slack.command("/myquota"))
    [first] = socket_slack.double.wait_for(RESPONSE)
    last_quarter = buttons(first.body)["quotabot.run.0"]
    envelope = socket_slack.press("quotabot.run.0", last_quarter["value"])

    pushed_at = socket_slack.push(envelope)

    [ack] = socket_slack.double.wait_for_acks(envelope["envelope_id"])
    assert ack.at - pushed_at < ACK_WITHIN
    second = socket_slack.double.wait_for(RESPONSE, 2)[1]
    assert second.path.startswith("/response/actions-")
    assert title(second.body["blocks"]) == "Your quota · 2026-Q3"


def test_an_event_retried_by_slack_is_acted_on_once(socket_slack: SocketSlack) -> None:
    event = {"type": "app_home_opened", "user": ADA, "channel": "D0ADA", "tab": "home"}
    callback = json.loads(socket_slack.slack.event_body(event))
    double = socket_slack.double
    first = double.envelope("events_api", callback)
    retry = double.envelope("events_api", callback, retry_attempt=1, retry_reason="timeout")

    socket_slack.push(first)
    socket_slack.push(retry)

    double.wait_for_acks(first["envelope_id"])
    double.wait_for_acks(retry["envelope_id"])
    [published] = double.wait_for("views.publish")
    assert title(published.body["view"]["blocks"]) == "Your quota · 2026-Q4"
    assert len(double.calls_of("users.info")) == 1


def test_slack_events_is_not_served_over_http(socket_slack: SocketSlack) -> None:
    sent = socket_slack.slack.post(socket_slack.slack.command_body("/myquota"))

    assert sent.status == 404
    assert socket_slack.double.calls_of(RESPONSE) == []


def test_stopping_the_server_closes_the_socket_cleanly(
    socket_slack: SocketSlack, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = socket_slack.command("/myquota")
    socket_slack.push(envelope)
    socket_slack.double.wait_for(RESPONSE)

    socket_slack.stop_server()

    # The app closed its socket itself, before the double had to, and left nothing running.
    assert socket_slack.double.open_sockets == 0
    assert socket_slack.loop.run(_other_tasks()) == []
    socket_slack.stop()
    gc.collect()
    unclosed = [record for record in caplog.records if "Unclosed" in record.getMessage()]
    assert unclosed == []


async def _other_tasks() -> list[asyncio.Task[Any]]:
    return [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]


def test_a_wrong_app_token_fails_start_up_instead_of_hanging(
    loop: LoopThread, database: tuple[str, People]
) -> None:
    url, _ = database
    double = SlackApiDouble()
    loop.run(double.start())
    environ = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": "xapp-1-A0QUOTA-1-wrong",
        "SLACK_API_URL": double.api_url,
    }
    context = AppContext(database=url)
    server = build_server(context, environ, now=lambda: NOW, backoff=0.05)

    try:
        with pytest.raises(SlackApiError, match="invalid_auth"):
            loop.run(_serve(server))
    finally:
        loop.run(double.stop())
        context.engine.dispose()
