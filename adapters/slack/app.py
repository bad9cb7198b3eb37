"""The Slack app: Bolt's listeners, and the work each does once Slack has its answer.

Slack wants every request acknowledged within three seconds, so each listener only
acknowledges; the work runs after, as a Bolt lazy listener: find the person, run the
command line through the registry (in a worker thread, with a session of its own), then
deliver the reply through the response URL, the Web API or the App Home.

Every slash command of the app reaches the registry as "<command> <text>", so the
manifest decides which commands Slack shows; one the registry does not know gets its
usage help. A button's value is the command line it runs; a "post" button shows the
answer to the channel.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from sqlmodel import Session

from adapters.slack.blocks import ButtonAction, UnknownAction, parse_action
from adapters.slack.config import SlackConfig
from adapters.slack.dedupe import Remembered, skip_repeats
from adapters.slack.delivery import SLACK_FAILURES, Delivery, Where, web_client
from adapters.slack.home import register_home
from adapters.slack.identity import PLATFORM, People
from adapters.slack.kudos import register_kudos
from adapters.slack.modals import register_modals
from bot.catalogue import Texts
from bot.errors import apology, new_reference
from bot.people import Asker
from bot.registry import Registry, context_alone, not_linked
from bot.reply import Reply, Visibility
from core.config import Settings

logger = logging.getLogger(__name__)

ANY_COMMAND = re.compile(r"^/")
# A form's button opens a modal instead: adapters.slack.modals.
OUR_BUTTONS = re.compile(r"^quotabot\.(?:run|post)\.")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SlackBot:
    """What answering a Slack user takes: the registry, the database, Slack itself."""

    registry: Registry
    open_session: Callable[[], Session]
    settings: Settings
    people: People
    delivery: Delivery
    now: Callable[[], datetime] = _utc_now

    async def answer(
        self, line: str, workspace: str, where: Where, *, public: bool = False
    ) -> None:
        """Answer `line` at `where`; the error boundary of everything sent to Slack."""
        texts = self.texts(None)
        try:
            reply, texts = await self.reply_to(line, workspace, where.user_id, where.channel_id)
            if public:
                reply = reply.shown_to(Visibility.CHANNEL)
            await self.delivery.send(reply, where)
            return
        except SLACK_FAILURES as error:
            reference = new_reference()
            logger.error("could not answer %r in Slack (reference %s): %s", line, reference, error)
        except Exception:
            reference = new_reference()
            logger.exception(
                "unexpected error answering %r in Slack (reference %s)", line, reference
            )

        try:
            await self.delivery.send(apology(texts, reference), where)
        except SLACK_FAILURES as error:
            logger.error(
                "could not apologise in Slack either (reference %s): %s", reference, error
            )

    async def reply_to(
        self, line: str, workspace: str, user_id: str, channel: str | None = None
    ) -> tuple[Reply, Texts]:
        """The registry's reply to a Slack user, or how to get linked; and their texts."""
        asker, profile = await self.people.asker(workspace, user_id)
        if asker is None:
            texts = self.texts(profile.locale if profile else None)
            return not_linked(texts), texts
        texts = self.texts(asker.locale)
        reply = await asyncio.to_thread(
            self._dispatch, line, workspace, asker, texts, channel or ""
        )
        return reply, texts

    def texts(self, locale: str | None) -> Texts:
        return Texts(locale or self.settings.locale, self.settings.currency)

    def _dispatch(
        self, line: str, workspace: str, asker: Asker, texts: Texts, channel: str = ""
    ) -> Reply:
        # In a worker thread: its own session, and its own event loop for the handlers.
        with context_alone(
            self.open_session, self.settings, self.now(), asker, texts,
            platform=PLATFORM, workspace=workspace, channel=channel,
        ) as context:  # fmt: skip
            return asyncio.run(self.registry.dispatch(line, context))


def build_app(config: SlackConfig, bot: SlackBot, handled: Remembered) -> AsyncApp:
    """The Bolt app: commands, button presses, the App Home and kudos, each acted on
    once."""
    # Bolt copies each request, its client included, for the lazy listeners; a client
    # holding open connections (the Delivery's) cannot be copied, so Bolt gets its own.
    app = AsyncApp(
        name="quotabot",
        client=web_client(config.bot_token, config.api_url),
        signing_secret=config.signing_secret or "",  # Socket Mode requests are not signed
        logger=_bolt_log,
    )
    app.use(skip_repeats(handled))

    async def on_command(body: dict[str, Any]) -> None:
        line = f"{body.get('command', '')} {body.get('text', '')}".strip()
        where = Where(
            user_id=body["user_id"],
            channel_id=body.get("channel_id"),
            response_url=body.get("response_url"),
        )
        await bot.answer(line, body.get("team_id", ""), where)

    async def on_press(body: dict[str, Any]) -> None:
        pressed = body["actions"][0]
        try:
            kind, line = parse_action(pressed["action_id"], pressed.get("value", ""))
        except UnknownAction as error:
            logger.warning("%s", error)
            return
        user = body["user"]
        workspace = user.get("team_id") or (body.get("team") or {}).get("id", "")
        posting = kind is ButtonAction.POST
        await bot.answer(line, workspace, where_pressed(body, posting), public=posting)

    app.command(ANY_COMMAND)(ack=acknowledge, lazy=[on_command])
    app.action(OUR_BUTTONS)(ack=acknowledge, lazy=[on_press])
    register_home(app, bot)
    register_kudos(app, bot)
    register_modals(app, bot)
    return app


class _ClientCarriesTheToken(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN goes unused whenever it is given a client; the
    client it is given is made with that very token, so the warning only misleads."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_bolt_log = logging.getLogger("adapters.slack.bolt")
_bolt_log.addFilter(_ClientCarriesTheToken())


async def acknowledge(ack: AsyncAck) -> None:
    """Answer Slack at once; the reply follows through the response URL or the Web API."""
    await ack()


def where_pressed(body: dict[str, Any], posting: bool) -> Where:
    """Where the answer to a button press goes: a message's conversation, or the Home."""
    user_id = body["user"]["id"]
    on_home = (body.get("view") or {}).get("type") == "home"
    if on_home:
        # The Home tab has no conversation: the dashboard changes, or a post goes to
        # the person's messages with the app.
        return Where(user_id=user_id, home=not posting)
    return Where(
        user_id=user_id,
        channel_id=(body.get("channel") or {}).get("id"),
        response_url=body.get("response_url"),
    )
