"""Remembering what Slack sent lately, so that nothing is acted on twice.

Two memories use it: the signatures of requests already received (a replay of one is
refused with 401), and the deliveries already handled (a retry of one is acknowledged
and dropped). Slack refuses nothing older than five minutes and retries a delivery for
about an hour, so that is how long each is remembered.

The memory is the database's (core.seen), so several replicas behind a load balancer
recognise a repeat that reached another one. Each check is one short write, run on a
thread of its own so that the event loop never waits on the database, and never
queues behind the commands being answered.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from sqlalchemy import Engine

from core.seen import SeenKeys

logger = logging.getLogger(__name__)

FIVE_MINUTES = timedelta(minutes=5)
DELIVERY_MEMORY = timedelta(hours=1)  # Slack retries an event for up to about an hour


class Remembered:
    """`await first_time(key)`: True the first time Slack sends `key`, False after."""

    def __init__(self, engine: Engine, remember: timedelta, kind: str) -> None:
        self._keys = SeenKeys(engine, remember)
        self._kind = kind
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"seen-{kind}")

    async def first_time(self, key: str) -> bool:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._thread, self._keys.first_time, f"slack:{self._kind}:{key}"
        )

    def close(self) -> None:
        self._thread.shutdown(wait=False)


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


def skip_repeats(handled: Remembered) -> Middleware:
    """A Bolt middleware that acknowledges a delivery handled before, and does nothing.

    Slack retries a delivery it thinks failed (with an X-Slack-Retry-Num header over
    HTTP, a retry_attempt in Socket Mode); the work of the first may be under way.
    """

    async def skip_handled(
        body: dict[str, Any], request: AsyncBoltRequest, next: Next
    ) -> BoltResponse | None:
        key = delivery_key(body)
        if key is None or await handled.first_time(key):
            await next()
            return None
        retry = request.headers.get("x-slack-retry-num", ["?"])[0]
        logger.info("acknowledged Slack's repeat %s of %s without acting", retry, key)
        return BoltResponse(status=200, body="")

    return skip_handled
