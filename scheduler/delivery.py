"""How a scheduled post reaches a chat platform: a `Sender` per platform.

A sender takes a target and a `Reply` and posts it, as the platform renders replies,
and says where the message went when the platform tells (`Posted`, else None);
it paces itself to the platform's rate limits and waits out a 429's Retry-After. When
it cannot post after its own retries it raises, and the runner records the error and
tries the delivery again later. Slack's sender is adapters.slack.scheduled; Teams
plugs in the same way.
"""

from __future__ import annotations

from typing import Protocol

from bot.reply import Reply
from core.subscriptions import Posted, Target

__all__ = ["NoSenderError", "Posted", "Sender", "Target"]


class Sender(Protocol):
    async def send(self, target: Target, reply: Reply) -> Posted | None:
        """Post `reply` to `target` and say where it went; raise when it could not be
        posted."""
        ...


class NoSenderError(Exception):
    """A target on a platform that this process has no sender for."""

    def __init__(self, platform: str) -> None:
        self.platform = platform
        super().__init__(f"no sender for {platform}: its posting is not set up or not built")
