"""What each reader may see of a leaderboard: names, values, or anonymous bands.

Every board has a privacy mode (`[leaderboards]` in quotabot.toml, per board):

- full: names and values.
- percent: names and percent of target only. A board of money (won revenue, average
  deal size) becomes the attainment board, ranked on percent of each person's own
  target; boards of counts and ratios show no money and stay as they are.
- top_n: the first `named` places with names and values; every place below is told
  only as a count of people per band of places. Bands end at 10, 20, 50, 100, 200,
  500, 1,000 and so on (1-2-5): with 5 named, "6-10", "11-20", "21-50", ...

Whatever the mode, a person reading their own board privately always sees their own
exact rank and value, a manager also their people's, and an admin everyone's as in
full. A board read by a channel (a scheduled post, a `public` answer) shows nobody's
row beyond what the mode shows, and reps who opted out of public boards appear there
as anonymous. Team boards name teams, not people: only percent applies to them.

No leaderboard metric is about earnings, and none may be: earnings stay with their
owner (bot.reply `confidential`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session, select

from core.config import BoardPrivacy
from core.models import BoardOptOut
from core.results import METRIC_UNITS, GroupBy, Leaderboard, LeaderboardRow, Metric, Unit

TOP = 10  # places a full or percent board lists


class Privacy(StrEnum):
    FULL = "full"
    PERCENT = "percent"
    TOP_N = "top_n"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who reads a board: one person in private, or everyone in a channel."""

    rep_id: int | None = None  # None: a channel
    sees: frozenset[int] = frozenset()  # the people whose figures they may see
    sees_everyone: bool = False

    @property
    def public(self) -> bool:
        return self.rep_id is None

    def may_see(self, rep_id: int | None) -> bool:
        if self.public or rep_id is None:
            return False
        return self.sees_everyone or rep_id == self.rep_id or rep_id in self.sees


CHANNEL = Viewer()


@dataclass(frozen=True, slots=True)
class ShownRow:
    row: LeaderboardRow
    named: bool  # False: shown as anonymous (opted out, on a public board)
    mine: bool


@dataclass(frozen=True, slots=True)
class Band:
    """Places `first` to `last`, told only as how many people hold them."""

    first: int
    last: int
    people: int


@dataclass(frozen=True, slots=True)
class BoardView:
    board: Leaderboard
    rows: tuple[ShownRow, ...]  # the places listed, best first
    bands: tuple[Band, ...]  # the places below them, anonymous (top_n)
    own: tuple[ShownRow, ...]  # the reader's own row and their people's, beyond `rows`
    ranked: int  # everyone ranked on the board


def shown_metric(metric: Metric, privacy: BoardPrivacy) -> Metric:
    """The metric a board is ranked on: a board of money is attainment under percent."""
    if Privacy(privacy.privacy) is Privacy.PERCENT and METRIC_UNITS[metric] is Unit.MONEY:
        return Metric.ATTAINMENT
    return metric


def board_view(
    board: Leaderboard,
    privacy: BoardPrivacy,
    viewer: Viewer,
    opted_out: frozenset[int] = frozenset(),
    *,
    top: int = TOP,
) -> BoardView:
    """What `viewer` sees of `board` (already ranked on `shown_metric`)."""
    people = board.by is not GroupBy.TEAM
    ranked = [row for row in board.rows if row.rank is not None]

    def shown(row: LeaderboardRow) -> ShownRow:
        hidden = people and viewer.public and row.subject.id in opted_out
        mine = not viewer.public and row.subject.id == viewer.rep_id
        return ShownRow(row, named=not hidden, mine=mine)

    banded = Privacy(privacy.privacy) is Privacy.TOP_N and people and not viewer.sees_everyone
    if banded:
        listed = [row for row in ranked if row.rank is not None and row.rank <= privacy.named]
        bands = _bands([row.rank for row in ranked[len(listed) :] if row.rank is not None])
    else:
        listed, bands = ranked[:top], ()

    # The reader's own row, and under top_n a manager's people's, wherever they are.
    listed_ids = {id(row) for row in listed}
    own: list[ShownRow] = []
    for row in board.rows if people and not viewer.public else ():
        if id(row) in listed_ids:
            continue
        if viewer.may_see(row.subject.id) if banded else row.subject.id == viewer.rep_id:
            own.append(shown(row))
    return BoardView(board, tuple(shown(row) for row in listed), bands, tuple(own), len(ranked))


def band_edges(after: int, last: int) -> list[tuple[int, int]]:
    """The bands of places from `after` + 1 to at least `last`, ending at 10, 20, 50, ..."""
    edges: list[tuple[int, int]] = []
    scale, start = 10, after + 1
    while start <= last:
        for step in (1, 2, 5):
            end = step * scale
            if end >= start:
                edges.append((start, end))
                start = end + 1
                if start > last:
                    break
        scale *= 10
    return edges


def _bands(ranks: list[int]) -> tuple[Band, ...]:
    if not ranks:
        return ()
    edges = band_edges(ranks[0] - 1, ranks[-1])
    counted = [
        Band(first, last, sum(first <= rank <= last for rank in ranks)) for first, last in edges
    ]
    return tuple(band for band in counted if band.people)


def opted_out(session: Session) -> frozenset[int]:
    """The reps who appear anonymous on public boards."""
    return frozenset(session.exec(select(BoardOptOut.rep_id)))


def set_opted_out(session: Session, rep_id: int, out: bool, now: datetime) -> bool:
    """Opt the rep out of public boards, or back in; whether anything changed. Commits."""
    current = session.get(BoardOptOut, rep_id)
    if out == (current is not None):
        return False
    if out:
        session.add(BoardOptOut(rep_id=rep_id, opted_out_at=now))
    else:
        session.delete(current)
    session.commit()
    return True
