"""Remembering what Slack sent lately, so that nothing is acted on twice.

Two memories use it: the signatures of requests already received (a replay of one is
refused with 401), and the deliveries already handled (a retry of one is acknowledged
and dropped). Slack refuses nothing older than five minutes, so a few minutes of
memory is enough for both.

Limitation: the memory belongs to one server process. Several replicas behind a load
balancer each remember only what reached them, so a replay or a retry that lands on
another replica is not recognised; such deployments should send Slack's traffic to
one replica (or use Socket Mode, which has one connection) until this moves into the
database.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Any

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

FIVE_MINUTES = 300.0
DELIVERY_MEMORY = 3600.0  # Slack retries an event for up to about an hour
MOST_KEYS = 100_000  # beyond this the oldest are forgotten early, to bound memory


class SeenRecently:
    """Keys seen in the last `ttl` seconds; `first_time(key)` records and tells."""

    def __init__(
        self,
        ttl: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        most: int = MOST_KEYS,
    ) -> None:
        self.ttl = ttl
        self._clock = clock
        self._most = most
        self._until: OrderedDict[Hashable, float] = OrderedDict()

    def first_time(self, key: Hashable) -> bool:
        """True the first time `key` is offered within `ttl` seconds, False after."""
        now = self._clock()
        self._forget(now)
        if key in self._until:
            return False
        self._until[key] = now + self.ttl
        return True

    def _forget(self, now: float) -> None:
        # Every key lives equally long, so the oldest come first and expire first.
        while self._until:
            key, until = next(iter(self._until.items()))
            if until > now and len(self._until) < self._most:
                return
            del self._until[key]


def delivery_key(body: Mapping[str, Any]) -> str | None:
    """What identifies one delivery of Slack's: an event, a slash command or a press."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("command") and body.get("trigger_id"):
        return f"command:{body['trigger_id']}"
    actions = body.get("actions") or [{}]
    if body.get("type") == "block_actions" and body.get("trigger_id"):
        return f"action:{body['trigger_id']}:{actions[0].get('action_ts', '')}"
    return None


Next = Callable[[], Awaitable[None]]
Middleware = Callable[[dict[str, Any], AsyncBoltRequest, Next], Awaitable[BoltResponse | None]]


def skip_repeats(handled: SeenRecently) -> Middleware:
    """A Bolt middleware that acknowledges a delivery handled before, and does nothing.

    Slack retries a delivery it thinks failed (with an X-Slack-Retry-Num header over
    HTTP, a retry_attempt in Socket Mode); the work of the first may be under way.
    """

    async def skip_handled(
        body: dict[str, Any], request: AsyncBoltRequest, next: Next
    ) -> BoltResponse | None:
        key = delivery_key(body)
        if key is None or handled.first_time(key):
            await next()
            return None
        retry = request.headers.get("x-slack-retry-num", ["?"])[0]
        logger.info("acknowledged Slack's repeat %s of %s without acting", retry, key)
        return BoltResponse(status=200, body="")

    return skip_handled
