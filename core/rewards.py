"""Settling points and badges after an import, in the import's own transaction.

The importers call `settle_rewards` with the reps whose deals or activities they
wrote, before the caller commits: the import and its rewards are stored together or
not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from core.badges import settle_badges
from core.config import Settings
from core.ledger import Award
from core.points import settle_points

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RewardsSettled:
    points_written: int
    points_reversed: int
    badges: tuple[Award, ...]  # the badges newly awarded


def settle_rewards(
    session: Session, settings: Settings, reps: Collection[int], at: datetime
) -> RewardsSettled:
    """Bring these reps' points and badges in line with their records at `at`."""
    if not reps:
        return RewardsSettled(0, 0, ())
    points = settle_points(session, settings.points, reps, at)
    badges = settle_badges(session, settings, reps, at)
    if points.written or points.reversed or badges:
        logger.info(
            "rewards for %d rep(s): %d points entries, %d reversed, %d new badges",
            len(reps),
            points.written,
            points.reversed,
            len(badges),
        )
    return RewardsSettled(points.written, points.reversed, tuple(badges))
