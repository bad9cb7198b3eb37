"""Who a Slack user is: the rep tied to them, found by their profile email the first time.

A user already linked (a `ChatIdentity` for Slack, their workspace and user id) is
found in the database. Anyone else is looked up with `users.info` (the bot needs the
users:read.email scope); a rep with the same email is then linked to them, so that
the next time needs no call to Slack. Profiles are cached for a while, so that
someone who is not a rep does not cost a call to Slack at every command.

The database is used from worker threads, each with a session of its own, so that the
event loop keeps acknowledging Slack's requests meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.people import Asker, asker_by_email, asker_by_identity, link
from core.models import Rep

logger = logging.getLogger(__name__)

PLATFORM = "slack"
PROFILE_TTL = 600.0  # seconds a Slack profile is trusted before asking again


@dataclass(frozen=True, slots=True)
class Profile:
    email: str | None
    locale: str | None  # Slack's, such as "it-IT": the language for someone unlinked


@dataclass
class People:
    client: AsyncWebClient
    open_session: Callable[[], Session]
    ttl: float = PROFILE_TTL
    clock: Callable[[], float] = time.monotonic
    _profiles: dict[str, tuple[float, Profile]] = field(default_factory=dict)

    async def asker(self, workspace: str, user_id: str) -> tuple[Asker | None, Profile | None]:
        """The rep behind a Slack user, or None; and their profile when it was needed."""
        asker = await asyncio.to_thread(self._linked, workspace, user_id)
        if asker is not None:
            return asker, None

        profile = await self.profile(user_id)
        if profile.email is None:
            return None, profile
        asker = await asyncio.to_thread(self._link_by_email, workspace, user_id, profile.email)
        return asker, profile

    async def profile(self, user_id: str) -> Profile:
        """The user's email and locale, from the cache while fresh, else from users.info."""
        now = self.clock()
        cached = self._profiles.get(user_id)
        if cached is not None and cached[0] > now:
            return cached[1]

        try:
            response = await self.client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            if error.response.status_code != 200:
                raise  # Slack is unwell even after the retries: no answer to keep
            # Slack answered, and said no (a deleted user, a scope the app lacks): that
            # person cannot be matched, which is an answer too.
            logger.warning(
                "users.info for %s failed: %s", user_id, error.response.get("error", "?")
            )
            profile = Profile(None, None)
        else:
            user = response.get("user") or {}
            email = (user.get("profile") or {}).get("email")
            profile = Profile(email or None, user.get("locale"))
        self._forget_stale(now)
        self._profiles[user_id] = (now + self.ttl, profile)
        return profile

    def _forget_stale(self, now: float) -> None:
        stale = [user for user, (until, _) in self._profiles.items() if until <= now]
        for user in stale:
            del self._profiles[user]

    def _linked(self, workspace: str, user_id: str) -> Asker | None:
        with self.open_session() as session:
            return asker_by_identity(session, PLATFORM, workspace, user_id)

    def _link_by_email(self, workspace: str, user_id: str, email: str) -> Asker | None:
        with self.open_session() as session:
            asker = asker_by_email(session, email)
            rep = session.get(Rep, asker.rep_id) if asker is not None else None
            if rep is None:
                logger.info("Slack user %s matches no rep by email", user_id)
                return None
            try:
                link(session, PLATFORM, workspace, user_id, rep)
            except IntegrityError:
                # Two first requests of the same person at once: the other one linked.
                session.rollback()
            return asker
