"""How Slack's requests reach the Bolt app: at /slack/events, or over Socket Mode.

Over HTTP, Bolt checks each request's signature and refuses one older than five
minutes; before it, this endpoint refuses a replay, the same signature and timestamp
seen before, with 401, so that a captured request cannot be sent again to act twice.
Over Socket Mode Slack's requests come over a websocket that Quotabot opens with the
app-level token, and need neither.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from adapters.slack.config import SlackConfig
from adapters.slack.dedupe import Remembered

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackEndpoint:
    """The aiohttp handler of /slack/events."""

    def __init__(self, app: AsyncApp, signatures: Remembered) -> None:
        self.app = app
        self.signatures = signatures

    async def handle(self, request: web.Request) -> web.StreamResponse:
        signature = request.headers.get("X-Slack-Signature", "")
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        if signature and not await self.signatures.first_time(f"{timestamp}:{signature}"):
            logger.warning("refused a replayed Slack request (timestamp %s)", timestamp)
            return web.Response(status=401, text="replayed request")

        response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)


def mount(
    server: web.Application, app: AsyncApp, config: SlackConfig, signatures: Remembered
) -> None:
    """Serve Slack on `server`: the events route, or a Socket Mode connection."""
    if not config.socket_mode:
        server.router.add_post(EVENTS_PATH, SlackEndpoint(app, signatures).handle)
        return

    async def socket_mode(_server: web.Application) -> AsyncIterator[None]:
        handler = AsyncSocketModeHandler(app, config.app_token)
        # Ask for a connection URL once ourselves: slack_sdk's connect retries every
        # failure forever, so a wrong token or an unreachable Slack would hang start-up
        # instead of failing with a clear error.
        await handler.client.issue_new_wss_url()
        await handler.connect_async()  # type: ignore[no-untyped-call]
        logger.info("connected to Slack over Socket Mode")
        yield
        await handler.close_async()  # type: ignore[no-untyped-call]

    server.cleanup_ctx.append(socket_mode)
