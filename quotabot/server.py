"""The one aiohttp application of `quotabot serve`: everything that arrives over HTTP.

Routes: `/healthz` (200 while the process serves), Slack's `/slack/events` (unless
Slack comes over Socket Mode), and Teams' `/api/messages` with the chart images its
cards show, `/charts/{id}`. The chat platforms' settings come from the environment;
all their problems are reported at once, before anything listens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from aiohttp import web

from adapters.slack import http as slack_http
from adapters.slack.app import SlackBot, build_app
from adapters.slack.config import slack_config
from adapters.slack.dedupe import DELIVERY_MEMORY, FIVE_MINUTES, Remembered
from adapters.slack.delivery import BACKOFF, Delivery, web_client
from adapters.slack.identity import People
from adapters.teams import http as teams_http
from bot.commands import build_registry
from quotabot.context import AppContext
from quotabot.scheduling import attach_scheduled_posts

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def build_server(
    context: AppContext,
    environ: Mapping[str, str],
    *,
    now: Callable[[], datetime] | None = None,
    backoff: float = BACKOFF,
    scheduler: bool = True,
) -> web.Application:
    """The application, ready to run; SlackConfigError lists what is missing.

    `now` fixes the moment the bot answers as of (demos); `backoff` is the first pause
    before retrying a failed call to Slack; `scheduler` runs the scheduled posts
    (scheduler/) for as long as the server runs.
    """
    config = slack_config(environ)
    context.engine  # noqa: B018 - open (and check) the database before listening

    client = web_client(config.bot_token, config.api_url, backoff)
    bot = SlackBot(
        registry=build_registry(),
        open_session=context.session,
        settings=context.settings,
        people=People(client, context.session),
        delivery=Delivery(client, backoff=backoff),
    )
    if now is not None:
        bot.now = now

    server = web.Application()
    server.router.add_get(HEALTH_PATH, healthz)

    async def connect(_server: web.Application) -> None:
        await bot.delivery.connect()

    async def disconnect(_server: web.Application) -> None:
        await bot.delivery.disconnect()

    server.on_startup.append(connect)
    server.on_cleanup.append(disconnect)
    handled = Remembered(context.engine, DELIVERY_MEMORY, "delivery")
    signatures = Remembered(context.engine, FIVE_MINUTES, "signature")
    app = build_app(config, bot, handled)
    slack_http.mount(server, app, config, signatures)
    teams = teams_http.mount(
        server,
        environ,
        engine=context.engine,
        open_session=context.session,
        settings=context.settings,
        registry=bot.registry,
        now=now,
        backoff=backoff,
    )

    async def forget_threads(_server: web.Application) -> None:
        handled.close()
        signatures.close()

    server.on_cleanup.append(forget_threads)
    if scheduler:
        attach_scheduled_posts(server, context, bot.delivery, teams.sender)
    mode = "Socket Mode" if config.socket_mode else f"HTTP at {slack_http.EVENTS_PATH}"
    logger.info("Slack over %s; Web API at %s", mode, config.api_url)
    return server
