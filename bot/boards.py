"""A leaderboard as a person reads it: the lines of what they may see, and its chart.

core.privacy decides who is named and what is banded; this module only writes it, for
answers and channel posts alike, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlmodel import Session

from bot.catalogue import Texts
from bot.people import Asker, Level
from bot.reply import BULLET
from core.config import Settings
from core.privacy import CHANNEL, BoardView, ShownRow, Viewer, board_view, opted_out
from core.results import Leaderboard, LeaderboardRow, Unit


def board_value(board: Leaderboard, value: Decimal | None, texts: Texts) -> str:
    if value is None:
        return texts.money(None)
    if board.unit is Unit.MONEY:
        return texts.money(value)
    if board.unit is Unit.RATIO:
        return texts.percent(value)
    if board.unit is Unit.RATIO_CHANGE:
        return texts.points_change(value)
    return texts.number(value)


def movement(row: LeaderboardRow) -> str:
    if not row.movement:
        return ""
    return f" ▲{row.movement}" if row.movement > 0 else f" ▼{-row.movement}"


def row_line(board: Leaderboard, row: LeaderboardRow, texts: Texts, *, mine: bool) -> str:
    rank = "–" if row.rank is None else str(row.rank)
    name = f"*{row.subject.name}*" if mine else row.subject.name
    if mine:
        name += " " + texts("leaderboard.you")
    value = board_value(board, row.value, texts)
    return f"`{rank:>3}.` {name} · {value}{movement(row)}"


def viewer_of(asker: Asker, *, public: bool) -> Viewer:
    """The asker reading in private, or the channel when the answer is shared there."""
    if public:
        return CHANNEL
    return Viewer(asker.rep_id, asker.reports, sees_everyone=asker.level is Level.ADMIN)


def view_of(session: Session, settings: Settings, board: Leaderboard, viewer: Viewer) -> BoardView:
    """What `viewer` sees of `board` under the board's privacy in quotabot.toml."""
    privacy = settings.leaderboards.of(board.metric.value)
    hidden = opted_out(session) if viewer.public else frozenset()
    return board_view(board, privacy, viewer, hidden)


def anonymous(shown: ShownRow, texts: Texts) -> LeaderboardRow:
    """The row as the reader may see it: an opted-out rep's name is not theirs to read."""
    if shown.named:
        return shown.row
    subject = replace(shown.row.subject, name=texts("leaderboard.anonymous"), email=None)
    return replace(shown.row, subject=subject)


def view_lines(view: BoardView, texts: Texts) -> list[str]:
    """The paragraphs of a board: its places, its bands, then the reader's own rows."""
    board = view.board
    lines = [row_line(board, anonymous(row, texts), texts, mine=row.mine) for row in view.rows]
    own = [row_line(board, anonymous(row, texts), texts, mine=row.mine) for row in view.own]
    if own and not view.bands:
        lines += ["…", *own]
    paragraphs = ["\n".join(lines)] if lines else [texts("leaderboard.empty")]
    if view.bands:
        bands = [
            texts.plural("leaderboard.band", band.people, first=band.first, last=band.last)
            for band in view.bands
        ]
        paragraphs.append("\n".join(BULLET + line for line in bands))
        if own:
            paragraphs.append("\n".join(own))
    if view.ranked > len(view.rows) and not view.bands:
        paragraphs.append(texts("leaderboard.more", count=texts.number(view.ranked)))
    return paragraphs


def chart_board(view: BoardView, texts: Texts) -> Leaderboard:
    """The board its chart draws: the places listed, then the reader's own row."""
    rows = [anonymous(row, texts) for row in view.rows]
    rows += [row.row for row in view.own if row.mine]
    return replace(view.board, rows=tuple(rows))
