"""Keys already seen, kept in the database until they expire, so nothing acts twice.

Chat platforms deliver some requests more than once: Slack retries a delivery it
thinks failed and a captured request could be sent again; Teams redelivers activities.
Whoever receives one records its key here first. The key is the table's primary key,
so of two server processes offered the same key, exactly one inserts it and acts; the
other finds it taken. A key that has expired is taken again as new.

Keys are stored as their SHA-256, so any text identifies a request (a signature, an
event id) without its length or content mattering. Expired rows are swept now and then
by whoever records a key.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, insert
from sqlalchemy.exc import IntegrityError

from core.models import SeenKey, utcnow

seen_key = SeenKey.__table__  # type: ignore[attr-defined]

SWEEP_EVERY = 500  # keys recorded by this process between two sweeps of expired ones


class SeenKeys:
    """`first_time(key)`: True once per key while it is remembered, False after."""

    def __init__(
        self,
        engine: Engine,
        remember: timedelta,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.remember = remember
        self._clock = clock
        self._recorded = itertools.count(1)

    def first_time(self, key: str) -> bool:
        now = self._clock()
        digest = hashlib.sha256(key.encode()).hexdigest()
        with self.engine.begin() as connection:
            if next(self._recorded) % SWEEP_EVERY == 0:
                connection.execute(delete(seen_key).where(seen_key.c.expires_at <= now))
            else:  # only this key's old row, if it has expired
                connection.execute(
                    delete(seen_key).where(seen_key.c.key == digest, seen_key.c.expires_at <= now)
                )
            try:
                with connection.begin_nested():
                    connection.execute(
                        insert(seen_key).values(key=digest, expires_at=now + self.remember)
                    )
            except IntegrityError:
                return False
        return True
