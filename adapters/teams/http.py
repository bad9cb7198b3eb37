"""How Teams reaches Quotabot: /api/messages, and the chart images at /charts/{id}.

Each POST carries one Bot Framework activity. With MICROSOFT_APP_ID set, its bearer
token must be one the Bot Framework signed for this app and this service URL
(botbuilder's ConfigurationBotFrameworkAuthentication checks it); a request without a
valid token is refused with 401 before anything happens. botbuilder fetches the
signing keys with a blocking HTTP call, so the check runs in a worker thread.

With no app id (the Bot Framework Emulator on a developer's machine) nothing can be
checked: the server then says so loudly at start-up, and answers only activities whose
service URL is on this machine, so that a stranger cannot make Quotabot send anyone's
figures to a server of theirs.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity
from botframework.connector.auth import ChannelValidation
from sqlalchemy import Engine
from sqlmodel import Session

from adapters.teams.app import TeamsBot
from adapters.teams.config import APP_ID, PUBLIC_URL, TeamsConfig, teams_config
from adapters.teams.dedupe import Remembered
from adapters.teams.delivery import BACKOFF, Delivery, TeamsSender
from adapters.teams.identity import People
from adapters.teams.images import CHARTS_PATH, ChartImages
from bot.registry import Registry
from core.config import Settings

logger = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
JSON = "application/json"


@dataclass
class Teams:
    """The Teams adapter as mounted on a server: its bot, and the scheduler's sender."""

    config: TeamsConfig
    adapter: CloudAdapter
    bot: TeamsBot
    sender: TeamsSender


class TeamsEndpoint:
    """The aiohttp handler of /api/messages."""

    def __init__(self, config: TeamsConfig, adapter: CloudAdapter, bot: TeamsBot) -> None:
        self.config = config
        self.adapter = adapter
        self.bot = bot

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.content_type != JSON:
            return web.Response(status=415, text="an activity is JSON")
        try:
            body = await request.json()
        except ValueError:
            return web.Response(status=400, text="the body is not JSON")
        activity = Activity().deserialize(body) if isinstance(body, dict) else Activity()
        if not activity.type:
            return web.Response(status=400, text="the body is not an activity")

        try:
            authenticated = await self.authenticate(activity, request.headers)
        except Exception as error:
            logger.warning("refused a request to %s: %s", MESSAGES_PATH, error or type(error))
            return web.Response(status=401, text="not authorized")

        invoke = await self.adapter.process_activity(authenticated, activity, self.bot.on_turn)
        if invoke is not None:
            return web.json_response(invoke.body, status=invoke.status)
        return web.Response(status=201)

    async def authenticate(self, activity: Activity, headers: Mapping[str, str]) -> Any:
        """botbuilder's AuthenticateRequestResult; raises when the request is not Teams'."""
        auth = self.adapter.bot_framework_authentication
        if self.config.authenticated:
            header = headers.get("Authorization", "")
            return await asyncio.to_thread(
                lambda: asyncio.run(auth.authenticate_request(activity, header))
            )
        if not _on_this_machine(activity.service_url):
            raise PermissionError(
                f"without {APP_ID}, only a service URL on this machine is answered, "
                f"not {activity.service_url!r}"
            )
        return await auth.authenticate_request(activity, "")


def _on_this_machine(url: str | None) -> bool:
    host = urlsplit(url or "").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def mount(
    server: web.Application,
    environ: Mapping[str, str],
    *,
    engine: Engine,
    open_session: Callable[[], Session],
    settings: Settings,
    registry: Registry,
    now: Callable[[], datetime] | None = None,
    backoff: float = BACKOFF,
) -> Teams:
    """Serve Teams on `server`; TeamsConfigError lists what is wrong with its settings."""
    config = teams_config(environ)
    # botbuilder reads the channel's signing keys from this class attribute.
    ChannelValidation.open_id_metadata_endpoint = config.openid_metadata_url
    adapter = adapter_of(config)

    images = ChartImages(config.chart_key, config.public_url)
    delivery = Delivery(backoff=backoff)
    handled = Remembered(engine)
    bot = TeamsBot(
        registry=registry,
        open_session=open_session,
        settings=settings,
        people=People(open_session),
        delivery=delivery,
        images=images,
        handled=handled,
        app_id=config.app_id,
    )
    if now is not None:
        bot.now = now
    server.router.add_post(MESSAGES_PATH, TeamsEndpoint(config, adapter, bot).handle)
    server.router.add_get(CHARTS_PATH, images.handle)

    async def forget_thread(_server: web.Application) -> None:
        handled.close()

    server.on_cleanup.append(forget_thread)
    _announce(config)
    sender = TeamsSender(adapter, config.app_id, open_session, delivery, images)
    return Teams(config, adapter, bot, sender)


def adapter_of(config: TeamsConfig) -> CloudAdapter:
    return CloudAdapter(ConfigurationBotFrameworkAuthentication(_settings_of(config)))


def proactive_sender(
    config: TeamsConfig, open_session: Callable[[], Session], *, backoff: float = BACKOFF
) -> TeamsSender:
    """A sender for a process that serves no HTTP (`quotabot jobs run`): its charts go
    into the cards as data URIs, since no server of its own is there to serve them."""
    images = ChartImages(config.chart_key, public_url=None)
    return TeamsSender(
        adapter_of(config), config.app_id, open_session, Delivery(backoff=backoff), images
    )


def _settings_of(config: TeamsConfig) -> SimpleNamespace:
    """The settings object, with the attribute names botbuilder reads."""
    return SimpleNamespace(
        APP_ID=config.app_id,
        APP_PASSWORD=config.app_password,
        APP_TENANTID=config.tenant_id,
        APP_TYPE=config.app_type,
    )


def _announce(config: TeamsConfig) -> None:
    if config.authenticated:
        logger.info("Teams at %s for app %s", MESSAGES_PATH, config.app_id)
    else:
        logger.warning(
            "%s is not set: Teams requests at %s are NOT AUTHENTICATED. That is for the "
            "Bot Framework Emulator on this machine only; only activities whose service "
            "URL is on this machine are answered. Set %s and MICROSOFT_APP_PASSWORD "
            "before Teams reaches this server.",
            APP_ID,
            MESSAGES_PATH,
            APP_ID,
        )
    if config.public_url is None:
        logger.warning(
            "%s is not set: chart images go into Teams cards as data URIs, which the "
            "Teams desktop and web apps do not show. Set it to this server's https address.",
            PUBLIC_URL,
        )
