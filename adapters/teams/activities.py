"""What a Teams activity says: the command line typed or pressed, and where it was.

People type commands in a personal chat, a group chat or a channel, with or without a
leading slash, and in a channel or group chat usually after an @mention of the bot:
"<at>Quotabot</at> leaderboard". The bot's own mention, found through the activity's
mention entities, is taken out; anyone else's mention stays as their name, so that
"coach <at>Ada Lovelace</at>" names Ada. A pressed Action.Submit arrives as a message
whose `value` is the button's data, and reads as its command line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from botbuilder.schema import Activity

from adapters.teams.cards import submitted

_TAGS = re.compile(r"</?at>|<[^>]+>")
_SPACES = re.compile(r"\s+")
# A message in a channel thread names the thread after the channel: "19:...;messageid=1".
_THREAD = re.compile(r";messageid=.*$")


@dataclass(frozen=True, slots=True)
class Typed:
    """A command line from a message: typed, or the command of a pressed button."""

    line: str
    posting: bool = False  # a "post to the channel" button


def command(activity: Activity) -> Typed | None:
    """The command line of a message activity, or None when it carries none."""
    press = submitted(activity.value)
    if press is not None:
        return Typed(press.line, press.posting)
    if activity.value is not None and not activity.text:
        return None  # a submit of some other card: nothing of ours

    text = activity.text or ""
    for mention in _mentions(activity):
        shown = str(mention.get("text") or "")
        if not shown:
            continue
        mentioned = mention.get("mentioned") or {}
        ours = activity.recipient is not None and mentioned.get("id") == activity.recipient.id
        text = text.replace(shown, " " if ours else str(mentioned.get("name") or ""))
    text = html.unescape(_TAGS.sub(" ", text))
    line = _SPACES.sub(" ", text).strip().lstrip("/").strip()
    return Typed(line) if line else None


def _mentions(activity: Activity) -> list[Mapping[str, Any]]:
    mentions: list[Mapping[str, Any]] = []
    for entity in activity.entities or []:
        if getattr(entity, "type", None) != "mention":
            continue
        properties = dict(getattr(entity, "additional_properties", None) or {})
        mentions.append(properties)
    return mentions


def tenant(activity: Activity) -> str:
    """The Microsoft Entra tenant of the conversation: the workspace of a Teams user."""
    conversation = activity.conversation
    if conversation is not None and conversation.tenant_id:
        return str(conversation.tenant_id)
    data = activity.channel_data if isinstance(activity.channel_data, Mapping) else {}
    return str((data.get("tenant") or {}).get("id") or "")


def team(activity: Activity) -> tuple[str | None, str | None]:
    """The team's id and name, when the activity comes from a team's channel."""
    data = activity.channel_data if isinstance(activity.channel_data, Mapping) else {}
    found = data.get("team") or {}
    return found.get("id"), found.get("name")


def conversation_id(activity: Activity) -> str:
    """The conversation's id, without the thread of a channel message."""
    raw = activity.conversation.id if activity.conversation is not None else ""
    return _THREAD.sub("", str(raw or ""))


def kind(activity: Activity) -> str:
    """Teams' conversation type: personal, groupChat or channel."""
    conversation = activity.conversation
    return str(getattr(conversation, "conversation_type", None) or "personal")
