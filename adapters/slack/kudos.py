"""Kudos in Slack: a reaction (🎉 `tada` unless configured) on a win's celebration.

Slack sends `reaction_added` (the app needs reactions:read) with who reacted and the
message's channel and ts; the celebration is found by them (core.kudos) and the
winners get their kudos. Nothing is posted back: the points show in `/points`.
Reactions to anything else, other reactions and people who are no rep are ignored.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack.identity import PLATFORM
from bot.errors import new_reference
from core.kudos import give_kudos

if TYPE_CHECKING:
    from adapters.slack.app import SlackBot

logger = logging.getLogger(__name__)


def register_kudos(app: AsyncApp, bot: SlackBot) -> None:
    async def on_reaction(event: dict[str, Any], body: dict[str, Any]) -> None:
        # "tada::skin-tone-2": the reaction is the name before any skin tone.
        reaction = str(event.get("reaction", "")).split("::", 1)[0]
        item = event.get("item") or {}
        if reaction != bot.settings.kudos.reaction or item.get("type") != "message":
            return
        try:
            asker, _ = await bot.people.asker(body.get("team_id", ""), event["user"])
            if asker is None:
                logger.info("kudos from Slack user %s, who is no rep: ignored", event["user"])
                return
            await asyncio.to_thread(_give, bot, asker.rep_id, item["channel"], item["ts"])
        except Exception:
            reference = new_reference()
            logger.exception("could not give kudos (reference %s)", reference)

    app.event("reaction_added")(ack=_acknowledge, lazy=[on_reaction])


def _give(bot: SlackBot, giver_id: int, channel: str, ts: str) -> None:
    with bot.open_session() as session:
        give_kudos(
            session,
            bot.settings,
            platform=PLATFORM,
            channel=channel,
            message_id=ts,
            giver_id=giver_id,
            at=bot.now(),
        )
        session.commit()


async def _acknowledge(ack: AsyncAck) -> None:
    await ack()
