"""`/leaderboard [metric] [period] [team]`: the top places, and the asker's own row.

What each reader sees follows the board's privacy (core.privacy): a private answer
shows the asker's own rank and value whatever the mode, a `public` one only what a
channel may see. `leaderboard optout` and `leaderboard optin` make the asker anonymous
on public boards, or named again.
"""

from __future__ import annotations

from bot.boards import board_value, chart_board, movement, row_line, view_lines, view_of, viewer_of
from bot.charts import chart_rows, leaderboard_chart
from bot.commands.buttons import standard
from bot.commands.images import drawn
from bot.commands.scopes import named_team
from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply
from core.leaderboard import leaderboard as build_leaderboard
from core.privacy import TOP, set_opted_out, shown_metric
from core.results import Metric

__all__ = ["COMMANDS", "TOP", "board_value", "leaderboard", "movement", "row_line"]

OPT_OUT = frozenset({"optout", "opt-out", "escludimi"})
OPT_IN = frozenset({"optin", "opt-in", "includimi"})


async def leaderboard(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    if args.name and args.name.casefold() in OPT_OUT | OPT_IN and args.metric is None:
        return _opt(context, args)
    period = context.period(args)
    asked = args.metric or Metric.WON_REVENUE
    metric = shown_metric(asked, context.settings.leaderboards.of(asked.value))
    within = named_team(context, args)
    board = build_leaderboard(
        context.session, context.settings, period, context.now, metric=metric, within=within
    )
    viewer = viewer_of(context.asker, public=args.public)
    view = view_of(context.session, context.settings, board, viewer)
    me = viewer.rep_id

    locale, currency = str(texts.locale), texts.currency  # a name: it may travel
    shown_board = chart_rows(chart_board(view, texts), TOP, me)
    images = await drawn(
        context, leaderboard_chart, shown_board, locale, highlight=me, top=TOP, currency=currency
    )
    metric_name = texts(f"metric.{metric.value}")
    title = texts("leaderboard.title", metric=metric_name, period=texts.period(period))
    if args.name:
        title += f" · {args.name}"
    return Reply(
        title=title,
        paragraphs=tuple(view_lines(view, texts)),
        images=images,
        buttons=standard(context, "leaderboard", args),
        summary=title,
    )


def _opt(context: ChatContext, args: Args) -> Reply:
    """Appear anonymous on public boards, or named again; always for the asker alone."""
    texts = context.texts
    out = args.name is not None and args.name.casefold() in OPT_OUT
    changed = set_opted_out(context.session, context.asker.rep_id, out, context.now)
    state = "out" if out else "in"
    said = texts(f"leaderboard.opt{state}.done" if changed else f"leaderboard.opt{state}.already")
    return Reply(
        title=texts(f"leaderboard.opt{state}.title"),
        paragraphs=(said, texts(f"leaderboard.opt{state}.undo")),
        confidential=True,
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
