"""Keys seen once: the first offer of a key wins, until it expires, in any process."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select

from core.models import SeenKey
from core.seen import SWEEP_EVERY, SeenKeys

START = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(SeenKey)).scalar_one())


def test_a_key_is_new_once_then_seen_until_it_expires(engine: Engine) -> None:
    clock = Clock()
    seen = SeenKeys(engine, timedelta(minutes=5), clock=clock)

    assert seen.first_time("command:1.2.abc")
    assert not seen.first_time("command:1.2.abc")
    assert seen.first_time("command:1.3.abc")  # another key is another request
    clock.now = START + timedelta(minutes=4, seconds=59)
    assert not seen.first_time("command:1.2.abc")
    clock.now = START + timedelta(minutes=5)
    assert seen.first_time("command:1.2.abc")  # forgotten: taken again as new
    assert not seen.first_time("command:1.2.abc")


def test_two_processes_offered_the_same_key_act_once(engine: Engine) -> None:
    # Two stores on one database stand for two replicas behind a load balancer.
    replicas = [SeenKeys(engine, timedelta(hours=1)) for _ in range(2)]
    keys = [f"event:Ev{number}" for number in range(20)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(
            pool.map(
                lambda pair: pair[0].first_time(pair[1]),
                [(replica, key) for key in keys for replica in replicas],
            )
        )

    firsts = [answers[index] + answers[index + 1] for index in range(0, len(answers), 2)]
    assert firsts == [1] * len(keys)


def test_long_keys_are_stored_as_their_digest(engine: Engine) -> None:
    seen = SeenKeys(engine, timedelta(minutes=5))
    signature = "v0=" + "f" * 64 + ":" + "1" * 10 + "x" * 500

    assert seen.first_time(signature)
    assert not seen.first_time(signature)
    assert rows(engine) == 1


def test_expired_keys_are_swept_away(engine: Engine) -> None:
    clock = Clock()
    seen = SeenKeys(engine, timedelta(minutes=5), clock=clock)
    for number in range(SWEEP_EVERY - 1):
        seen.first_time(f"old:{number}")
    assert rows(engine) == SWEEP_EVERY - 1

    clock.now = START + timedelta(minutes=6)
    assert seen.first_time("the one that sweeps")

    assert rows(engine) == 1
