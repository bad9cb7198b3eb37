"""Forms in Slack: the button that opens one in a modal, and the modal's submission.

A press of a form's button (action_id "quotabot.form.0", value the form's id) opens
the form in the presser's language with views.open, within the three seconds that the
press's trigger_id lives. A submission whose answers cannot be kept (only spaces, too
long) is answered with the problems beside their inputs and the modal stays open;
any other closes it (an empty ack), its answers then go through the bot as the
submitter, and what became of them reaches the submitter in their messages with the
app.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.delivery import SLACK_FAILURES, Where
from adapters.slack.forms import CALLBACK_ID, answers, modal
from adapters.slack.identity import PLATFORM
from bot.errors import apology, new_reference
from bot.forms import form_of, problems, submit
from bot.people import Asker
from bot.registry import context_alone, not_linked
from bot.reply import Reply, Visibility

if TYPE_CHECKING:
    from adapters.slack.app import SlackBot

logger = logging.getLogger(__name__)

FORM_BUTTON = re.compile(r"^quotabot\.form\.\d+$")


def register_modals(app: AsyncApp, bot: SlackBot) -> None:
    async def on_open(body: dict[str, Any], client: AsyncWebClient) -> None:
        form_id = str(body["actions"][0].get("value") or "")
        user = body["user"]["id"]
        workspace = _workspace(body)
        try:
            asker, profile = await bot.people.asker(workspace, user)
            texts = bot.texts(asker.locale if asker else profile.locale if profile else None)
            form = form_of(texts, form_id)
            if form is None:
                logger.warning("a press for form %r, which is no form of ours", form_id)
                return
            await client.views_open(trigger_id=body["trigger_id"], view=modal(form))
        except Exception:
            reference = new_reference()
            logger.exception("could not open form %r (reference %s)", form_id, reference)

    async def check(ack: AsyncAck, body: dict[str, Any]) -> None:
        # Answers that cannot be kept are named beside their inputs, the modal left open.
        form_id, values = answers(body.get("view") or {})
        try:
            found = await _problems(bot, body, form_id, values)
        except Exception:
            reference = new_reference()
            logger.exception("could not check form %r (reference %s)", form_id, reference)
            found = {}
        if found:
            await ack(response_action="errors", errors=found)
        else:
            await ack()

    async def on_submit(body: dict[str, Any]) -> None:
        form_id, values = answers(body.get("view") or {})
        user = body["user"]["id"]
        where = Where(user_id=user, channel_id=user)
        texts = bot.texts(None)
        try:
            if await _problems(bot, body, form_id, values):
                return  # named in the modal, which stays open
            asker, profile = await bot.people.asker(_workspace(body), user)
            if asker is None:
                texts = bot.texts(profile.locale if profile else None)
                reply = not_linked(texts)
            else:
                texts = bot.texts(asker.locale)
                reply = await asyncio.to_thread(
                    _submit, bot, asker, _workspace(body), form_id, values
                )
            await bot.delivery.send(reply.shown_to(Visibility.CHANNEL), where)
            return
        except Exception:
            reference = new_reference()
            logger.exception("could not take form %r (reference %s)", form_id, reference)
        try:
            await bot.delivery.send(apology(texts, reference).shown_to(Visibility.CHANNEL), where)
        except SLACK_FAILURES as error:
            logger.error(
                "could not apologise in Slack either (reference %s): %s", reference, error
            )

    app.action(FORM_BUTTON)(ack=_acknowledge, lazy=[on_open])
    app.view(CALLBACK_ID)(ack=check, lazy=[on_submit])


async def _problems(
    bot: SlackBot, body: dict[str, Any], form_id: str, values: dict[str, str]
) -> dict[str, str]:
    asker, profile = await bot.people.asker(_workspace(body), body["user"]["id"])
    texts = bot.texts(asker.locale if asker else profile.locale if profile else None)
    return problems(texts, form_id, values)


def _submit(
    bot: SlackBot, asker: Asker, workspace: str, form_id: str, values: dict[str, str]
) -> Reply:
    # In a worker thread, with a session of its own.
    with context_alone(
        bot.open_session, bot.settings, bot.now(), asker, bot.texts(asker.locale),
        platform=PLATFORM, workspace=workspace,
    ) as context:  # fmt: skip
        return submit(context, form_id, values)


def _workspace(body: dict[str, Any]) -> str:
    return str(body["user"].get("team_id") or (body.get("team") or {}).get("id", ""))


async def _acknowledge(ack: AsyncAck) -> None:
    await ack()
