"""The Teams bot: each activity turned into a command line for the registry, and back.

One turn per activity, run by botbuilder's CloudAdapter once the request is
authenticated (adapters.teams.http):

- every activity's conversation reference is stored, so that scheduled posts can go
  there later; a conversationUpdate that removes the bot forgets it;
- an activity seen before (Teams redelivers when it thinks a request failed) is left
  alone, remembered in the database by its id, whichever replica it reached;
- a submitted form (adapters.teams.forms) goes to the bot as its sender's answers;
- a message's command line (typed, or a pressed card button) goes through the registry
  as its sender, found by email or user principal name, in a worker thread with a
  session of its own; the reply goes back as an Adaptive Card in the same conversation.

Teams has no messages that only one person sees, so an answer meant for the asker
alone (all of them, unless asked `public` or posted by a button; earnings always) goes
to their personal chat with Quotabot when the command was typed in a channel or a
group chat, and a short note there says so.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from botbuilder.core import TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ConversationParameters,
    ErrorResponseException,
)
from sqlmodel import Session

from adapters.teams import activities, conversations
from adapters.teams.activities import Typed
from adapters.teams.dedupe import Remembered
from adapters.teams.delivery import TEAMS_FAILURES, Delivery, activity_of
from adapters.teams.forms import Submitted, submitted_form
from adapters.teams.identity import PLATFORM, People
from adapters.teams.images import ChartImages
from bot.catalogue import Texts
from bot.errors import apology, new_reference
from bot.forms import submit
from bot.people import Asker
from bot.registry import Registry, context_alone, not_linked
from bot.reply import Reply, Visibility
from core.config import Settings

logger = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class TeamsBot:
    """What answering a Teams user takes: the registry, the database, Teams itself."""

    registry: Registry
    open_session: Callable[[], Session]
    settings: Settings
    people: People
    delivery: Delivery
    images: ChartImages
    handled: Remembered
    app_id: str | None = None
    now: Callable[[], datetime] = _utc_now

    async def on_turn(self, turn: TurnContext) -> None:
        activity = turn.activity
        key = f"{activities.conversation_id(activity)}:{activity.id}"
        if activity.id and not await self.handled.first_time(key):
            logger.info("Teams redelivered activity %s: not acted on again", activity.id)
            return

        await asyncio.to_thread(self._keep_reference, activity)
        if activity.type != ActivityTypes.message:
            return
        form = submitted_form(activity.value)
        if form is not None:
            await self.take_form(turn, form)
            return
        typed = activities.command(activity)
        if typed is None:
            logger.debug("a Teams message with no command in it")
            return
        await self.answer(turn, typed)

    async def answer(self, turn: TurnContext, typed: Typed) -> None:
        """Answer a command line; the error boundary of everything sent to Teams."""
        line = typed.line
        texts = self.texts(turn.activity.locale)
        try:
            reply, texts = await self.reply_to(turn, line)
            if typed.posting:
                reply = reply.shown_to(Visibility.CHANNEL)  # unless it is confidential
            await self.deliver(turn, reply, texts)
            return
        except TEAMS_FAILURES as error:
            reference = new_reference()
            logger.error("could not answer %r in Teams (reference %s): %s", line, reference, error)
        except Exception:
            reference = new_reference()
            logger.exception(
                "unexpected error answering %r in Teams (reference %s)", line, reference
            )

        try:
            await self.delivery.send(
                turn, activity_of(apology(texts, reference), self.images), reply=True
            )
        except TEAMS_FAILURES as error:
            logger.error(
                "could not apologise in Teams either (reference %s): %s", reference, error
            )

    async def take_form(self, turn: TurnContext, form: Submitted) -> None:
        """A submitted form, taken as its sender's; what became of it goes back here."""
        texts = self.texts(turn.activity.locale)
        try:
            tenant = activities.tenant(turn.activity)
            asker = await self.people.asker(turn, tenant)
            if asker is None:
                reply = not_linked(texts)
            else:
                texts = self.texts(asker.locale)
                reply = await asyncio.to_thread(self._submit, form, tenant, asker, texts)
            await self.delivery.send(turn, activity_of(reply, self.images), reply=True)
            return
        except Exception:
            reference = new_reference()
            logger.exception(
                "could not take form %r in Teams (reference %s)", form.form_id, reference
            )
        try:
            await self.delivery.send(
                turn, activity_of(apology(texts, reference), self.images), reply=True
            )
        except TEAMS_FAILURES as error:
            logger.error(
                "could not apologise in Teams either (reference %s): %s", reference, error
            )

    def _submit(self, form: Submitted, tenant: str, asker: Asker, texts: Texts) -> Reply:
        with context_alone(
            self.open_session, self.settings, self.now(), asker, texts,
            platform=PLATFORM, workspace=tenant,
        ) as context:  # fmt: skip
            return submit(context, form.form_id, form.values)

    async def deliver(self, turn: TurnContext, reply: Reply, texts: Texts) -> None:
        """The reply where the command was typed, when that is a personal chat or the
        reply is for everyone; otherwise in the asker's personal chat, with a note here."""
        private = reply.visibility is Visibility.ONLY_ASKER
        if not private or activities.kind(turn.activity) == "personal":
            await self.delivery.send(turn, activity_of(reply, self.images), reply=True)
            return

        try:
            await self.privately(turn, activity_of(reply, self.images))
            note = texts("teams.answered_privately")
        except ErrorResponseException as error:
            if getattr(error.response, "status_code", None) not in (403, 404):
                raise
            # Teams lets a bot write first only to people who have it installed.
            logger.info("could not open a personal chat in Teams: %s", error)
            note = texts("teams.cannot_answer_privately")
        said = Reply(title="", paragraphs=(note,))
        await self.delivery.send(turn, activity_of(said, self.images), reply=True)

    async def privately(self, turn: TurnContext, activity: Activity) -> None:
        """Send `activity` in the personal chat of the bot and the turn's sender."""
        asked = turn.activity
        tenant = activities.tenant(asked)
        parameters = ConversationParameters(
            is_group=False,
            bot=asked.recipient,
            members=[asked.from_property],
            tenant_id=tenant,
            channel_data={"tenant": {"id": tenant}},
        )

        async def send(personal: TurnContext) -> None:
            await self.delivery.send(personal, activity)

        # Teams gives the chat that exists, or opens one.
        await turn.adapter.create_conversation(
            self.app_id, send, parameters, asked.channel_id, asked.service_url
        )

    async def reply_to(self, turn: TurnContext, line: str) -> tuple[Reply, Texts]:
        """The registry's reply to the turn's sender, or how to get linked; and their texts."""
        activity = turn.activity
        tenant = activities.tenant(activity)
        asker = await self.people.asker(turn, tenant)
        if asker is None:
            texts = self.texts(activity.locale)
            return not_linked(texts), texts
        texts = self.texts(asker.locale)
        channel = activities.conversation_id(activity)
        reply = await asyncio.to_thread(self._dispatch, line, tenant, asker, texts, channel)
        return reply, texts

    def texts(self, locale: str | None) -> Texts:
        return Texts(locale or self.settings.locale, self.settings.currency)

    def _keep_reference(self, activity: Activity) -> None:
        with self.open_session() as session:
            if activity.members_removed:
                conversations.forget(session, activity)
            else:
                conversations.remember(session, activity)

    def _dispatch(self, line: str, tenant: str, asker: Asker, texts: Texts, channel: str) -> Reply:
        # In a worker thread: its own session, and its own event loop for the handlers.
        with context_alone(
            self.open_session, self.settings, self.now(), asker, texts,
            platform=PLATFORM, workspace=tenant, channel=channel,
        ) as context:  # fmt: skip
            return asyncio.run(self.registry.dispatch(line, context))
