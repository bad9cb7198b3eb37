"""`/leaderboard [metric] [period] [team]`: the top ten, and the asker's own row."""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import Texts
from bot.charts import chart_rows, leaderboard_chart
from bot.commands.buttons import standard
from bot.commands.images import drawn
from bot.commands.scopes import named_team
from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply
from core.leaderboard import leaderboard as build_leaderboard
from core.results import Leaderboard, LeaderboardRow, Metric, Unit

TOP = 10


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


async def leaderboard(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    period = context.period(args)
    metric = args.metric or Metric.WON_REVENUE
    within = named_team(context, args)
    board = build_leaderboard(
        context.session, context.settings, period, context.now, metric=metric, within=within
    )
    me = context.asker.rep_id

    ranked = [row for row in board.rows if row.rank is not None]
    shown = ranked[:TOP]
    lines = [row_line(board, row, texts, mine=row.subject.id == me) for row in shown]
    mine = next((row for row in board.rows if row.subject.id == me), None)
    if mine is not None and mine not in shown:
        lines.append("…")
        lines.append(row_line(board, mine, texts, mine=True))
    paragraphs = ["\n".join(lines)] if lines else [texts("leaderboard.empty")]
    if len(ranked) > TOP:
        paragraphs.append(texts("leaderboard.more", count=texts.number(len(ranked))))

    locale, currency = str(texts.locale), texts.currency  # a name: it may travel
    shown_board = chart_rows(board, TOP, me)
    images = await drawn(
        context, leaderboard_chart, shown_board, locale, highlight=me, top=TOP, currency=currency
    )
    metric_name = texts(f"metric.{metric.value}")
    title = texts("leaderboard.title", metric=metric_name, period=texts.period(period))
    if args.name:
        title += f" · {args.name}"
    return Reply(
        title=title,
        paragraphs=tuple(paragraphs),
        images=images,
        buttons=standard(context, "leaderboard", args),
        summary=title,
    )


COMMANDS = [
    Command(
        "leaderboard",
        leaderboard,
        frozenset({ArgKind.METRIC, ArgKind.PERIOD, ArgKind.NAME}),
        Level.REP,
        aliases=("board", "classifica"),
    ),
]
