"""The conversations Quotabot is in on Teams, kept so that it can post there later.

Teams lets a bot post into a conversation only when it holds that conversation's
reference (service URL, bot and conversation ids), which it learns from an activity:
being added to a team, a personal chat being opened, a message. Each one is stored,
one row per tenant and conversation, and refreshed whenever a newer activity comes;
a conversation the bot was removed from is forgotten. A message in a channel thread
stores the channel itself, so that a later post starts a thread of its own.

Plain functions on a session, called from worker threads by the adapter.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from adapters.teams import activities
from core.models import TeamsConversation, utcnow

logger = logging.getLogger(__name__)


def remember(session: Session, activity: Activity) -> TeamsConversation | None:
    """Store or refresh the reference of the activity's conversation. Commits."""
    tenant = activities.tenant(activity)
    conversation = activities.conversation_id(activity)
    if not tenant or not conversation or not activity.service_url:
        return None

    reference = TurnContext.get_conversation_reference(activity)
    reference.conversation.id = conversation
    reference.activity_id = None  # later posts start anew, they answer nothing
    team_id, _ = activities.team(activity)
    kind = activities.kind(activity)
    fields: dict[str, Any] = {
        "kind": kind[:16],
        "name": activity.conversation.name or None,  # a channel's, a chat's
        "team_id": team_id,
        "user_id": _person(activity) if kind == "personal" else None,
        "reference": json.dumps(reference.serialize(), sort_keys=True),
        "updated_at": utcnow(),
    }

    row = _find(session, tenant, conversation)
    if row is None:
        row = TeamsConversation(tenant_id=tenant, conversation_id=conversation, **fields)
        session.add(row)
        try:
            session.commit()
            logger.info("now in Teams %s conversation %s", kind, conversation)
            return row
        except IntegrityError:  # stored meanwhile by another request or replica
            session.rollback()
            row = _find(session, tenant, conversation)
            if row is None:
                raise
    for name, value in fields.items():
        if value is not None:  # a conversationUpdate may say less than a message did
            setattr(row, name, value)
    session.add(row)
    session.commit()
    return row


def _person(activity: Activity) -> str | None:
    sender = activity.from_property
    return str(sender.id) if sender is not None and sender.id else None


def forget(session: Session, activity: Activity) -> int:
    """Forget the conversations the bot was removed from by `activity`. Commits."""
    bot = activity.recipient.id if activity.recipient else None
    removed = [member.id for member in activity.members_removed or []]
    if bot is None or bot not in removed:
        return 0
    tenant = activities.tenant(activity)
    team_id, _ = activities.team(activity)
    query = delete(TeamsConversation).where(col(TeamsConversation.tenant_id) == tenant)
    if team_id:  # removed from a team: from all of its channels
        query = query.where(col(TeamsConversation.team_id) == team_id)
    else:
        conversation = activities.conversation_id(activity)
        query = query.where(col(TeamsConversation.conversation_id) == conversation)
    count = session.exec(query).rowcount
    session.commit()
    logger.info("removed from Teams conversation(s) of %s: %s forgotten", tenant, count)
    return int(count)


def reference(session: Session, tenant: str, conversation: str) -> ConversationReference | None:
    """The stored reference of a conversation, or None when the bot is not known there."""
    row = _find(session, tenant, conversation)
    if row is None:
        return None
    return ConversationReference().deserialize(json.loads(row.reference))


def _find(session: Session, tenant: str, conversation: str) -> TeamsConversation | None:
    return session.exec(
        select(TeamsConversation).where(
            TeamsConversation.tenant_id == tenant,
            TeamsConversation.conversation_id == conversation,
        )
    ).first()
