"""A contest's posts to its channel: the start, the standings on its schedule, the winners.

Which one a run posts follows from its fire time alone, so every replica builds the
same post for the same run: the first fire time on or after the contest's first local
midnight announces it, later ones before its end post the standings, and the first
one on or after its end names the winners with a chart; any later run has nothing to
post. Channel posts show what public boards show (core.privacy).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session

from bot.boards import anonymous, chart_board, view_lines
from bot.catalogue import Texts
from bot.chart_theme import Chart
from bot.charts import chart_rows, leaderboard_chart, render
from bot.reply import Reply, Visibility
from core.config import Settings
from core.contests import ContestInfo, Standings, find_contest, standings
from core.models import ContestKind, ContestRanking
from core.periods import FiscalCalendar
from core.privacy import CHANNEL, TOP, BoardView, Viewer, board_view, opted_out
from core.schedules import Schedule

_TICK = timedelta(microseconds=1)


class ContestPost(StrEnum):
    START = "start"
    STANDINGS = "standings"
    WINNERS = "winners"


def post_of(
    contest: ContestInfo, calendar: FiscalCalendar, schedule: Schedule, fire_time: datetime
) -> ContestPost | None:
    """What the run at `fire_time` posts; None before the contest and after its winners."""
    start, end = calendar.start_of_day(contest.start), calendar.end_of_day(contest.end)
    if fire_time < start:
        return None
    if fire_time < end:
        first = schedule.next_fire(start - _TICK)
        return ContestPost.START if first is None or fire_time <= first else ContestPost.STANDINGS
    last = schedule.next_fire(end - _TICK)
    return ContestPost.WINNERS if last is None or fire_time <= last else None


async def contest_post(
    session: Session,
    settings: Settings,
    texts: Texts,
    contest_id: int,
    schedule: Schedule,
    fire_time: datetime,
    now: datetime,
    *,
    charts: bool = True,
) -> Reply | None:
    contest = find_contest(session, contest_id)
    if contest is None:
        return None
    which = post_of(contest, FiscalCalendar(settings.calendar), schedule, fire_time)
    if which is None:
        return None
    if which is ContestPost.START:
        title = texts("contest.post.start", name=contest.name)
        return _post(title, [*describe(contest, texts), texts("contest.post.good_luck")])

    ranked = standings(session, settings, contest, now)
    view = contest_view(session, settings, ranked, CHANNEL)
    lines = view_lines(view, texts)
    images: tuple[Chart, ...] = ()
    if which is ContestPost.STANDINGS:
        title = texts("contest.post.standings", name=contest.name)
        lines.append(texts("contest.ends", day=texts.day(contest.end)))
    else:
        title = texts("contest.post.winners", name=contest.name)
        winners = [anonymous(row, texts).subject.name for row in view.rows if row.row.rank == 1]
        if winners:
            lines.insert(0, texts("contest.post.congratulations", names=", ".join(winners)))
        else:
            lines.insert(0, texts("contest.post.no_winner"))
        if contest.prize:
            lines.append(texts("contest.prize", prize=contest.prize))
    if charts and view.rows:
        shown = chart_rows(chart_board(view, texts), TOP)
        chart = await render(
            leaderboard_chart, shown, str(texts.locale), None, TOP, currency=texts.currency
        )
        images = (chart,)
    return _post(title, lines, images)


def contest_view(
    session: Session, settings: Settings, ranked: Standings, viewer: Viewer
) -> BoardView:
    """The standings as `viewer` sees them, under the privacy of the contest's metric."""
    privacy = settings.leaderboards.of(ranked.contest.metric.value)
    hidden = opted_out(session) if viewer.public else frozenset()
    return board_view(ranked.board, privacy, viewer, hidden)


def describe(contest: ContestInfo, texts: Texts) -> list[str]:
    """What the contest is, when, between whom, for what prize."""
    metric = texts(f"metric.{contest.metric.value}")
    how = "percent" if contest.ranking is ContestRanking.PERCENT else "value"
    lines = [
        texts(f"contest.what.{contest.kind.value}.{how}", metric=metric),
        texts("contest.when", start=texts.day(contest.start), end=texts.day(contest.end)),
    ]
    if contest.everyone:
        everyone = "teams" if contest.kind is ContestKind.TEAM else "reps"
        lines.append(texts(f"contest.who.all_{everyone}"))
    else:
        lines.append(texts("contest.who", names=", ".join(contest.entrants)))
    if contest.prize:
        lines.append(texts("contest.prize", prize=contest.prize))
    return lines


def _post(title: str, paragraphs: list[str], images: tuple[Chart, ...] = ()) -> Reply:
    return Reply(
        title=title,
        paragraphs=tuple(paragraphs),
        images=images,
        visibility=Visibility.CHANNEL,
        summary=title,
    )
