"""Asking for win stories: the owner of a big win hears, directly, once per deal.

On each look for wins (scheduler.service), every deal that a recent import turned won
at or above `[stories] min_amount` and that is still won has its owner asked, in their
language, where they are written to directly (core.reach). The ask is recorded before
it is sent (core.stories.ask), and only the process whose record went in sends it: a
second replica, or a later import of the same deal, finds the record and says nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.catalogue import Texts
from bot.errors import new_reference
from bot.stories import ask_reply
from core.config import Settings
from core.models import Deal, DealStatus, Rep
from core.reach import direct_target
from core.stories import ask, was_asked
from core.wins import Win, imports_with_wins, wins_of_import
from scheduler.delivery import Sender

logger = logging.getLogger(__name__)


@dataclass
class StoryAsker:
    open_session: Callable[[], Session]
    settings: Settings
    senders: Mapping[str, Sender]

    async def ask_since(self, since: datetime, now: datetime) -> list[int]:
        """Ask the owners of the big wins imported after `since`; the deals asked about."""
        config = self.settings.stories
        if not config.on:
            return []
        with self.open_session() as session:
            stamps = imports_with_wins(session, self.settings.stages, since=since)
            wins = [
                win
                for stamp in stamps
                for win in wins_of_import(session, self.settings.stages, stamp)
                if config.asks_about(win.amount)
            ]
        asked = []
        for win in wins:
            if await self._ask(win, now):
                asked.append(win.deal_id)
        return asked

    async def _ask(self, win: Win, now: datetime) -> bool:
        with self.open_session() as session:
            if was_asked(session, win.deal_id):
                return False
            deal = session.get(Deal, win.deal_id)
            if deal is None or deal.status != DealStatus.WON:
                return False  # lost again since: nothing to tell
            target = direct_target(session, win.owner_id)
            if target is None or target.platform not in self.senders:
                logger.info("deal %s: its owner cannot be written to here", win.deal_id)
                return False
            rep = session.get(Rep, win.owner_id)
            locale = (rep.locale if rep else None) or self.settings.locale
            texts = Texts(locale, self.settings.currency)
            if not ask(session, win.deal_id, win.owner_id, now):
                return False  # another process asked a moment ago
        try:
            await self.senders[target.platform].send(target, ask_reply(texts, win))
        except Exception:
            reference = new_reference()
            logger.exception(
                "could not ask for the story of deal %s (reference %s)", win.deal_id, reference
            )
            return False
        logger.info("asked rep %s for the story of deal %s", win.owner_id, win.deal_id)
        return True
