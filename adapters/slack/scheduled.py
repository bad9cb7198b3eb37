"""Scheduled posts to Slack: the `Sender` of scheduler.delivery, over the Web API.

It reuses the delivery of answers (adapters.slack.delivery): charts go up with
files_upload_v2 and show in image blocks, a 429 waits as long as its Retry-After says
and a 5xx or a timeout is tried again with growing pauses. On top of that it keeps to
Slack's pace for posting (chat.postMessage): about one message per second in each
channel, and a limit for the whole workspace, which Slack does not publish beyond
"several hundred messages per minute"; Quotabot keeps to 300 a minute, one every 0.2 s,
so that a fan-out to many channels is spread out instead of being refused.

The pace is kept per process: several replicas posting at once can together go past
the workspace's limit. Slack's 429s are then what slows them down: each is waited out
(Retry-After) by the Web API client, and a post still refused after the client's own
retries pauses every post of this process into that workspace before it is tried again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError

from adapters.slack.delivery import Delivery, Where
from bot.reply import Reply, Visibility
from core.subscriptions import Posted, Target

logger = logging.getLogger(__name__)

PER_CHANNEL = 1.0  # seconds between two posts to one channel
PER_WORKSPACE = 300  # posts a minute into one workspace, all channels together
TRIES = 4  # of a post refused with 429 even after the Web API client's own retries


@dataclass
class SlackSender:
    delivery: Delivery
    interval: float = PER_CHANNEL
    per_minute: int = PER_WORKSPACE
    tries: int = TRIES
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    _next_turn: dict[str, float] = field(default_factory=dict)  # per workspace

    async def send(self, target: Target, reply: Reply) -> Posted | None:
        """Post to a channel, or to a person's messages with the app (by their user id);
        where the message is, as chat.postMessage said."""
        channel = target.address
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            wait = self._last.get(channel, -self.interval) + self.interval - self.clock()
            if wait > 0:
                logger.debug("waiting %.2f s before posting to %s again", wait, channel)
                await self.sleep(wait)
            try:
                return await self._send(target, reply)
            finally:
                self._last[channel] = self.clock()

    async def _send(self, target: Target, reply: Reply) -> Posted | None:
        where = Where(user_id=target.address, channel_id=target.address)
        shown = reply.shown_to(Visibility.CHANNEL)
        for _ in range(1, self.tries):
            await self._workspace_turn(target.workspace)
            try:
                return await self.delivery.send(shown, where)
            except SlackApiError as error:
                if error.response.status_code != 429:
                    raise
                # Still refused after the client's own waits: the workspace is busier
                # than this process knows (another replica posts too). Every post of
                # this process into the workspace waits, then this one is tried again.
                pause = _retry_after(error)
                self._next_turn[target.workspace] = max(
                    self._next_turn.get(target.workspace, 0.0), self.clock() + pause
                )
                logger.info(
                    "Slack is busy (429) in %s: pausing its posts %.0f s", target.workspace, pause
                )
        # The last try: a refusal now reaches the runner, which records the failure.
        await self._workspace_turn(target.workspace)
        return await self.delivery.send(shown, where)

    async def _workspace_turn(self, workspace: str) -> None:
        """Wait until 60 / per_minute seconds have passed since the last post into the
        workspace began, and take the turn (no await between the look and the taking,
        so no other post takes the same turn). Counted from when posts really begin,
        so that a busy event loop cannot let the posts that waited go all at once."""
        while True:
            now = self.clock()
            wait = self._next_turn.get(workspace, now) - now
            if wait <= 0:
                self._next_turn[workspace] = now + 60.0 / self.per_minute
                return
            await self.sleep(wait)


def _retry_after(error: SlackApiError) -> float:
    value = (error.response.headers or {}).get("Retry-After") or "1"
    try:
        return max(1.0, float(value))
    except ValueError:
        return 1.0
