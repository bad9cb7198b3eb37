"""The leaderboard benchmark's own check: Quotabot and the bare GROUP BY agree."""

from datetime import UTC, date, datetime

from sqlalchemy import Engine, text

from bench.generate import generate
from bench.leaderboard import measure

TODAY = date(2026, 11, 30)


def test_the_benchmark_compares_like_with_like(engine: Engine) -> None:
    generate(engine, reps=30, deals=900, seed=3, today=TODAY)

    timing = measure(
        engine, "test", "2026-Q4", repeats=1, as_of=datetime(2026, 11, 30, 12, tzinfo=UTC)
    )

    # Every rep is on the board, and so is anyone else (a manager) who won something.
    on_board = text(
        "SELECT COUNT(*) FROM rep WHERE role = 'rep' OR id IN (SELECT owner_id FROM deal "
        "WHERE status = 'won' AND close_date BETWEEN '2026-10-01' AND '2026-11-30')"
    )
    with engine.connect() as connection:
        assert timing.rows == connection.execute(on_board).scalar()
    assert timing.deals_in_period > 0
    assert timing.quotabot_ms > 0
    assert timing.hand_written_ms > 0
