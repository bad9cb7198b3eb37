"""Remembering the activities Teams sent lately, so that none is acted on twice.

Teams delivers an activity again when it thinks the first delivery failed (no answer
in time, a dropped connection), while the work of the first may be under way. Each
activity's id is recorded in the database (core.seen) before it is acted on, so that
several replicas behind a load balancer recognise a repeat that reached another one.
Each check is one short write, run on a thread of its own so that the event loop never
waits on the database, and never queues behind the commands being answered.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import Engine

from core.seen import SeenKeys

logger = logging.getLogger(__name__)

MEMORY = timedelta(hours=1)  # far longer than Teams goes on redelivering


class Remembered:
    """`await first_time(key)`: True the first time Teams sends `key`, False after."""

    def __init__(self, engine: Engine, remember: timedelta = MEMORY) -> None:
        self._keys = SeenKeys(engine, remember)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seen-teams")

    async def first_time(self, key: str) -> bool:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._thread, self._keys.first_time, f"teams:activity:{key}"
        )

    def close(self) -> None:
        self._thread.shutdown(wait=False)
