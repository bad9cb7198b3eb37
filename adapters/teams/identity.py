"""Who a Teams user is: the rep tied to them, found by email or user principal name.

A user already linked (a `ChatIdentity` for Teams, their tenant and user id) is found in
the database. Anyone else is looked up among the conversation's members
(`TeamsInfo.get_member`, which needs no extra permission); a rep whose email is the
member's email or user principal name is then linked to them, so that the next time
needs no call to Teams. Members are cached for a while, so that someone who is not a
rep does not cost a call at every command.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import ErrorResponseException
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.people import Asker, asker_by_email, asker_by_identity, link
from core.models import Rep

logger = logging.getLogger(__name__)

PLATFORM = "teams"
MEMBER_TTL = 600.0  # seconds a member's details are trusted before asking again


@dataclass(frozen=True, slots=True)
class Member:
    emails: tuple[str, ...]  # the email, then the user principal name, as Teams gave them


@dataclass
class People:
    open_session: Callable[[], Session]
    ttl: float = MEMBER_TTL
    clock: Callable[[], float] = time.monotonic
    _members: dict[str, tuple[float, Member]] = field(default_factory=dict)

    async def asker(self, turn: TurnContext, tenant: str) -> Asker | None:
        """The rep behind the activity's sender, or None when no rep matches them."""
        sender = turn.activity.from_property
        if sender is None or not sender.id:
            return None
        user_id = str(sender.id)
        asker = await asyncio.to_thread(self._linked, tenant, user_id)
        if asker is not None:
            return asker

        member = await self.member(turn, user_id)
        for email in member.emails:
            asker = await asyncio.to_thread(self._link_by_email, tenant, user_id, email)
            if asker is not None:
                return asker
        logger.info("Teams user %s matches no rep by email or user principal name", user_id)
        return None

    async def member(self, turn: TurnContext, user_id: str) -> Member:
        """The member's email and user principal name, cached while fresh."""
        now = self.clock()
        cached = self._members.get(user_id)
        if cached is not None and cached[0] > now:
            return cached[1]

        try:
            account = await TeamsInfo.get_member(turn, user_id)
        except ErrorResponseException as error:
            status = getattr(error.response, "status_code", None)
            if status != 404:
                raise  # Teams is unwell: no answer to keep
            logger.warning("Teams knows no member %s in this conversation", user_id)
            member = Member(())
        else:
            found = (account.email, getattr(account, "user_principal_name", None))
            member = Member(tuple(dict.fromkeys(email for email in found if email)))
        self._forget_stale(now)
        self._members[user_id] = (now + self.ttl, member)
        return member

    def _forget_stale(self, now: float) -> None:
        stale = [user for user, (until, _) in self._members.items() if until <= now]
        for user in stale:
            del self._members[user]

    def _linked(self, tenant: str, user_id: str) -> Asker | None:
        with self.open_session() as session:
            return asker_by_identity(session, PLATFORM, tenant, user_id)

    def _link_by_email(self, tenant: str, user_id: str, email: str) -> Asker | None:
        with self.open_session() as session:
            asker = asker_by_email(session, email)
            rep = session.get(Rep, asker.rep_id) if asker is not None else None
            if rep is None:
                return None
            try:
                link(session, PLATFORM, tenant, user_id, rep)
            except IntegrityError:
                # Two first requests of the same person at once: the other one linked.
                session.rollback()
            return asker
