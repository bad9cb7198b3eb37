"""Scheduled posts to Slack: the `Sender` of scheduler.delivery, over the Web API.

It reuses the delivery of answers (adapters.slack.delivery): charts go up with
files_upload_v2 and show in image blocks, a 429 waits as long as its Retry-After says
and a 5xx is tried again. On top of that it keeps to Slack's pace for posting: about
one message per second in each channel.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from adapters.slack.delivery import Delivery, Where
from bot.reply import Reply, Visibility
from core.subscriptions import Posted, Target

logger = logging.getLogger(__name__)

PER_CHANNEL = 1.0  # seconds between two posts to one channel


@dataclass
class SlackSender:
    delivery: Delivery
    interval: float = PER_CHANNEL
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def send(self, target: Target, reply: Reply) -> Posted | None:
        """Post to a channel, or to a person's messages with the app (by their user id);
        where the message is, as chat.postMessage said."""
        channel = target.address
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            wait = self._last.get(channel, -self.interval) + self.interval - self.clock()
            if wait > 0:
                logger.debug("waiting %.2f s before posting to %s again", wait, channel)
                await asyncio.sleep(wait)
            try:
                where = Where(user_id=channel, channel_id=channel)
                return await self.delivery.send(reply.shown_to(Visibility.CHANNEL), where)
            finally:
                self._last[channel] = self.clock()
