"""Where a person is written to directly: Slack first, else their Teams personal chat."""

from __future__ import annotations

from sqlmodel import Session

from core.models import ChatIdentity, TeamsConversation, utcnow
from core.reach import direct_target, direct_targets
from core.subscriptions import Target
from tests.bot.company import build


def chat(tenant: str, conversation: str, user: str, kind: str = "personal") -> TeamsConversation:
    return TeamsConversation(
        tenant_id=tenant, conversation_id=conversation, kind=kind, user_id=user,
        reference="{}", updated_at=utcnow(),
    )  # fmt: skip


def test_slack_first_then_a_teams_personal_chat_else_nowhere(session: Session) -> None:
    people = build(session)
    ada, bea, carl, mona = people.ada.id, people.bea.id, people.carl.id, people.mona.id
    assert ada is not None
    assert bea is not None
    assert carl is not None
    assert mona is not None
    session.add_all(
        [
            ChatIdentity(platform="teams", workspace="tenant", user_id="29:ada", rep_id=ada),
            ChatIdentity(platform="slack", workspace="T0", user_id="U0ADA", rep_id=ada),
            ChatIdentity(platform="teams", workspace="tenant", user_id="29:bea", rep_id=bea),
            ChatIdentity(platform="teams", workspace="tenant", user_id="29:carl", rep_id=carl),
            chat("tenant", "a:ada", "29:ada"),
            chat("tenant", "a:bea", "29:bea"),
            chat("tenant", "19:channel", "29:carl", kind="channel"),
        ]
    )
    session.commit()

    found = direct_targets(session, [ada, bea, carl, mona])

    assert found == {
        ada: Target("slack", "T0", "U0ADA"),
        bea: Target("teams", "tenant", "a:bea"),
    }
    assert direct_target(session, carl) is None
