"""Posts that nobody asked for: what the scheduler sends to a channel on its own.

Like a command's answer, a post is a `Reply`, in the channel's language and formats,
so every platform renders it the way it renders answers. A post is shown to the whole
channel, so it highlights nobody, and shows only what a public board may show
(core.privacy): no row beyond the named places, opted-out reps as anonymous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.boards import chart_board, view_lines, view_of
from bot.catalogue import Texts
from bot.charts import Chart, chart_rows, leaderboard_chart, render
from bot.commands.rewards import badge_name
from bot.reply import Reply, Visibility, bullets
from bot.report_reply import attainment_board, report_paragraphs
from core.badge_news import NewBadge
from core.config import Settings
from core.freshness import latest_update
from core.leaderboard import leaderboard as build_leaderboard
from core.periods import FiscalCalendar
from core.privacy import CHANNEL, TOP, BoardView, shown_metric
from core.reports import build_report
from core.results import LeaderboardRow, Metric, Scope, SubjectKind
from core.wins import Win

MOVERS = 3  # climbers shown, and as many of those who dropped
CELEBRATED = 10  # wins named in one celebration; the rest are counted
REPORT_CHART_ROWS = 15  # reps on the chart of a scheduled report


@dataclass(frozen=True, slots=True)
class PostRequest:
    """What a scheduled post is about, and the clock its times are told on."""

    metric: Metric
    period: str  # as a subscription stores it: "this-quarter", "2026-Q4"
    team_id: int | None
    timezone: str
    team_name: str | None = None


async def daily_leaderboard(
    session: Session,
    settings: Settings,
    texts: Texts,
    now: datetime,
    request: PostRequest,
    *,
    charts: bool = True,
) -> Reply:
    """The top places, the biggest movers since yesterday, a chart, and how fresh it is."""
    period = FiscalCalendar(settings.calendar).parse(request.period, now)
    within = Scope(SubjectKind.TEAM, request.team_id) if request.team_id else Scope.company()
    metric = shown_metric(request.metric, settings.leaderboards.of(request.metric.value))
    board = build_leaderboard(session, settings, period, now, metric=metric, within=within)
    view = view_of(session, settings, board, CHANNEL)

    paragraphs = view_lines(view, texts)
    paragraphs.append(movers(view, texts))
    paragraphs.append(as_of_line(session, texts, request.timezone))

    images: tuple[Chart, ...] = ()
    if charts and view.rows:
        # The chart may be drawn in another process: the board goes cut to the rows it
        # draws, the locale by name.
        locale, shown = str(texts.locale), chart_rows(chart_board(view, texts), TOP)
        chart = await render(leaderboard_chart, shown, locale, None, TOP, currency=texts.currency)
        images = (chart,)
    title = texts(
        "post.leaderboard.title",
        metric=texts(f"metric.{metric.value}"),
        period=texts.period(period),
    )
    if request.team_name:
        title += f" · {request.team_name}"
    return Reply(
        title=title,
        paragraphs=tuple(paragraphs),
        images=images,
        visibility=Visibility.CHANNEL,
        summary=title,
    )


async def report_post(
    session: Session,
    settings: Settings,
    texts: Texts,
    now: datetime,
    request: PostRequest,
    *,
    charts: bool = True,
) -> Reply:
    """The performance report of the team (or the company) for the period, with the
    chart of attainment by rep: what `/report` answers, for the whole channel."""
    period = FiscalCalendar(settings.calendar).parse(request.period, now)
    within = Scope(SubjectKind.TEAM, request.team_id) if request.team_id else Scope.company()
    report = build_report(session, settings, within, period, now)
    paragraphs = (*report_paragraphs(texts, report), as_of_line(session, texts, request.timezone))

    images: tuple[Chart, ...] = ()
    board = attainment_board(report)
    if charts and board.rows:
        rows = min(REPORT_CHART_ROWS, len(board.rows))
        locale, shown = str(texts.locale), chart_rows(board, rows)
        chart = await render(leaderboard_chart, shown, locale, None, rows, currency=texts.currency)
        images = (chart,)
    whose = request.team_name or texts("team.company")
    title = texts("report.title", whose=whose, period=texts.period(period))
    return Reply(
        title=title,
        paragraphs=paragraphs,
        images=images,
        visibility=Visibility.CHANNEL,
        summary=title,
    )


def celebration(texts: Texts, wins: Sequence[Win], team: str | None) -> Reply:
    """The deals that one import turned won, the largest first."""
    lines = []
    for win in wins[:CELEBRATED]:
        deal = win.deal or texts("deal.unnamed")
        if win.account:
            deal = texts("post.celebration.deal_of", deal=deal, account=win.account)
        lines.append(
            texts(
                "post.celebration.line", name=win.owner, deal=deal, amount=texts.money(win.amount)
            )
        )
    paragraphs = [bullets(lines)]
    if len(wins) > CELEBRATED:
        more = texts.number(len(wins) - CELEBRATED)
        paragraphs.append(texts("post.celebration.more", count=more))
    title = texts.plural("post.celebration.title", len(wins))
    if team:
        title += f" · {team}"
    return Reply(
        title=title, paragraphs=tuple(paragraphs), visibility=Visibility.CHANNEL, summary=title
    )


def badge_announcement(texts: Texts, badges: Sequence[NewBadge], team: str | None) -> Reply:
    """The badges one import awarded, by the reps' names."""
    lines = [
        texts(
            "post.badges.line",
            name=badge.rep,
            badge=badge_name(texts, badge.badge, badge.period),
            day=texts.day(badge.day),
        )
        for badge in badges[:CELEBRATED]
    ]
    paragraphs = [bullets(lines)]
    if len(badges) > CELEBRATED:
        paragraphs.append(texts("post.badges.more", count=texts.number(len(badges) - CELEBRATED)))
    title = texts.plural("post.badges.title", len(badges))
    if team:
        title += f" · {team}"
    return Reply(
        title=title, paragraphs=tuple(paragraphs), visibility=Visibility.CHANNEL, summary=title
    )


def movers(view: BoardView, texts: Texts) -> str:
    """The biggest climbs and drops in place since yesterday among the people named."""
    moved = [shown.row for shown in view.rows if shown.named and shown.row.movement]
    up = sorted((row for row in moved if _moved(row) > 0), key=lambda row: -_moved(row))
    down = sorted((row for row in moved if _moved(row) < 0), key=_moved)
    lines = [
        texts("post.leaderboard.up", name=row.subject.name, places=_moved(row))
        for row in up[:MOVERS]
    ]
    lines += [
        texts("post.leaderboard.down", name=row.subject.name, places=-_moved(row))
        for row in down[:MOVERS]
    ]
    if not lines:
        return texts("post.leaderboard.no_movers")
    return texts("post.leaderboard.movers") + "\n" + bullets(lines)


def as_of_line(session: Session, texts: Texts, timezone: str) -> str:
    """When the CRM data behind the figures was last imported, on the channel's clock."""
    latest = latest_update(session)
    if latest is None:
        return "_" + texts("post.as_of.none") + "_"
    local = latest.astimezone(ZoneInfo(timezone))
    when = texts("post.as_of", day=texts.day(local.date()), time=f"{local:%H:%M}", zone=timezone)
    return f"_{when}_"


def _moved(row: LeaderboardRow) -> int:
    return row.movement or 0
