"""Where a person is written to directly: a Slack direct message, or their personal chat
with Quotabot in Teams.

Slack takes a message to a user's id as a direct message from the app, so a linked
Slack user is enough. Teams lets a bot write only into a conversation it holds the
reference of: the person's personal chat, stored when they first spoke to Quotabot
there (adapters.teams.conversations). A person on both is written to on Slack, so that
each message goes once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from core.models import ChatIdentity, TeamsConversation
from core.subscriptions import Target

PERSONAL_CHAT = "personal"  # Teams' conversation type of a one-to-one chat


def direct_targets(session: Session, rep_ids: Iterable[int]) -> dict[int, Target]:
    """Where each of the reps can be written to directly; those who cannot are left out."""
    wanted = list(rep_ids)
    if not wanted:
        return {}
    identities = list(
        session.exec(
            select(ChatIdentity)
            .where(col(ChatIdentity.rep_id).in_(wanted))
            .order_by(col(ChatIdentity.id))
        )
    )
    found: dict[int, Target] = {}
    for identity in identities:
        if identity.platform == "slack" and identity.rep_id not in found:
            found[identity.rep_id] = Target("slack", identity.workspace, identity.user_id)

    teams = [i for i in identities if i.platform == "teams" and i.rep_id not in found]
    if teams:
        chats = session.exec(
            select(TeamsConversation).where(
                TeamsConversation.kind == PERSONAL_CHAT,
                col(TeamsConversation.user_id).in_([identity.user_id for identity in teams]),
            )
        )
        by_user = {(chat.tenant_id, chat.user_id): chat.conversation_id for chat in chats}
        for identity in teams:
            conversation = by_user.get((identity.workspace, identity.user_id))
            if conversation is not None and identity.rep_id not in found:
                found[identity.rep_id] = Target("teams", identity.workspace, conversation)
    return found


def direct_target(session: Session, rep_id: int) -> Target | None:
    return direct_targets(session, [rep_id]).get(rep_id)
