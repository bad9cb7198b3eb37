"""How long a full leaderboard takes, against one hand-written GROUP BY on the same data.

The hand-written query is the least any leaderboard must do: sum won deals per owner
over the period. Quotabot's leaderboard does that and more (the day-before totals
for movement, the organisation for names and teams, ranking), so the ratio of the
two medians is the price of everything the product adds on top of the bare query.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Engine, text
from sqlmodel import Session

from core.config import Settings
from core.leaderboard import leaderboard
from core.periods import FiscalCalendar, Period

HAND_WRITTEN = text(
    "SELECT owner_id, SUM(amount) FROM deal "
    "WHERE status = 'won' AND close_date BETWEEN :start AND :through "
    "GROUP BY owner_id"
)


@dataclass(frozen=True)
class LeaderboardTiming:
    database: str
    period: str
    deals_in_period: int
    rows: int
    quotabot_ms: float
    hand_written_ms: float

    @property
    def ratio(self) -> float:
        return self.quotabot_ms / self.hand_written_ms


def _median_ms_each(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median milliseconds of each, run in turns so that a busy machine hits both alike."""
    first(), second()  # warm the caches and the statement cache once
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for action, kept in ((first, timings[0]), (second, timings[1])):
            started = time.perf_counter()
            action()
            kept.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings[0]), statistics.median(timings[1])


def measure(
    engine: Engine, label: str, period_name: str, repeats: int = 7, as_of: datetime | None = None
) -> LeaderboardTiming:
    """Time both, and check that they agree on every rep's won revenue."""
    settings = Settings()
    as_of = as_of or datetime.now(UTC)
    period: Period = FiscalCalendar(settings.calendar).parse(period_name, as_of)
    through = min(period.end, FiscalCalendar(settings.calendar).local_date(as_of))
    bounds = {"start": period.start, "through": through}

    def quotabot() -> object:
        with Session(engine) as session:
            return leaderboard(session, settings, period, as_of)

    def hand_written() -> list[tuple[int, int]]:
        with engine.connect() as connection:
            return [(owner, total) for owner, total in connection.execute(HAND_WRITTEN, bounds)]

    with Session(engine) as session:
        board = leaderboard(session, settings, period, as_of)
    expected = {owner: Decimal(total) / 100 for owner, total in hand_written()}
    shown = {row.subject.id: row.value for row in board.rows if row.value}
    if shown != expected:
        raise AssertionError("the leaderboard and the hand-written query disagree")

    with engine.connect() as connection:
        deals = connection.execute(
            text("SELECT COUNT(*) FROM deal WHERE close_date BETWEEN :start AND :through"),
            bounds,
        ).scalar_one()
    quotabot_ms, hand_written_ms = _median_ms_each(quotabot, hand_written, repeats)
    return LeaderboardTiming(
        database=label,
        period=f"{period.label} ({period.start}..{through})",
        deals_in_period=deals,
        rows=len(board.rows),
        quotabot_ms=quotabot_ms,
        hand_written_ms=hand_written_ms,
    )
