"""The leaderboard benchmark's own check: Quotabot and the bare GROUP BY agree."""

from datetime import UTC, date, datetime

from sqlalchemy import Engine

from bench.generate import generate
from bench.leaderboard import measure

TODAY = date(2026, 11, 30)


def test_the_benchmark_compares_like_with_like(engine: Engine) -> None:
    generate(engine, reps=30, deals=900, seed=3, today=TODAY)

    timing = measure(
        engine, "test", "2026-Q4", repeats=1, as_of=datetime(2026, 11, 30, 12, tzinfo=UTC)
    )

    assert timing.rows == 30
    assert timing.deals_in_period > 0
    assert timing.quotabot_ms > 0
    assert timing.hand_written_ms > 0
