"""The console adapter: the bot's commands in a terminal, as one person.

It does what every adapter does, and only that: find the asker, hand the typed line
to the registry, and render the reply (text on the terminal, charts as PNG files in
a folder). `quotabot chat` and `quotabot preview` drive it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from adapters.console.render import render, save_images
from bot.catalogue import Texts
from bot.commands import build_registry
from bot.people import Asker
from bot.registry import ChatContext, Registry
from bot.reply import Reply
from core.config import Settings

logger = logging.getLogger(__name__)

PLATFORM = "console"
QUIT_WORDS = frozenset({"quit", "exit", "esci"})


@dataclass
class ConsoleChat:
    """One person's conversation with the bot in a terminal."""

    open_session: Callable[[], Session]
    settings: Settings
    asker: Asker
    out: Path
    now: Callable[[], datetime]
    charts: bool = True
    registry: Registry = field(default_factory=build_registry)
    _asked: int = 0

    @property
    def texts(self) -> Texts:
        return Texts(self.asker.locale or self.settings.locale, self.settings.currency)

    async def answer(self, line: str) -> Reply:
        with self.open_session() as session:
            context = ChatContext(
                session=session,
                settings=self.settings,
                now=self.now(),
                asker=self.asker,
                texts=self.texts,
                platform=PLATFORM,
                charts=self.charts,
            )
            return await self.registry.dispatch(line, context)

    def show(self, line: str) -> str:
        """The rendered answer to one line, its charts written to the output folder."""
        reply = asyncio.run(self.answer(line))
        self._asked += 1
        paths = save_images(reply, self.out, f"{self._asked:03d}-{_slug(line)}")
        logger.debug("answered %r with %s chart(s)", line, len(paths))
        return render(reply, paths)


def _slug(line: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", line.lower()).strip("-")
    return words[:40] or "reply"
