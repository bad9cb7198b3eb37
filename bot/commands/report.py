"""For managers and admins: `/report [period] [team]`, the period's performance report.

Without a team, a manager reads the report of the team they manage (the highest one,
when they manage a region and its teams), or of the people who report to them when
they manage no team; an admin reads the company's. A team must be one the asker
manages, unless they are an admin.
"""

from __future__ import annotations

from bot.charts import chart_rows, leaderboard_chart
from bot.commands.buttons import standard
from bot.commands.images import drawn
from bot.commands.scopes import whose
from bot.people import Asker, Level, find_team
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply
from bot.report_reply import attainment_board, report_paragraphs
from core.org import Org
from core.reports import build_report
from core.results import Scope, SubjectKind

GRAMMAR = frozenset({ArgKind.PERIOD, ArgKind.NAME})
CHART_ROWS = 15


def report_scope(org: Org, asker: Asker, name: str | None) -> Scope:
    """The team named (if the asker may see it), or the asker's own."""
    if name is not None:
        team = find_team(org, name)
        asker.check_team(org, team)
        return Scope(SubjectKind.TEAM, team.id)
    if asker.level is Level.ADMIN and not asker.reports:
        return Scope.company()
    managed = {team.id for team in org.teams.values() if team.manager_id == asker.rep_id}
    highest = sorted(
        (org.teams[team] for team in managed if org.teams[team].parent_id not in managed),
        key=lambda team: team.name.casefold(),
    )
    if highest:
        return Scope(SubjectKind.TEAM, highest[0].id)
    return Scope(SubjectKind.MANAGER, asker.rep_id)


async def report(context: ChatContext, args: Args) -> Reply:
    texts, settings, session = context.texts, context.settings, context.session
    period = context.period(args)
    scope = report_scope(Org.load(session), context.asker, args.name)
    built = build_report(session, settings, scope, period, context.now)

    board = attainment_board(built)
    rows = max(1, min(CHART_ROWS, len(board.rows)))
    locale, currency = str(texts.locale), texts.currency  # names: they may travel
    images = await drawn(
        context, leaderboard_chart, chart_rows(board, rows), locale, top=rows, currency=currency
    )
    paragraphs = report_paragraphs(texts, built)
    return Reply(
        title=texts("report.title", whose=whose(context, scope), period=texts.period(period)),
        paragraphs=paragraphs,
        images=images,
        buttons=standard(context, "report", args),
        summary=paragraphs[0],
    )


COMMANDS = [Command("report", report, GRAMMAR, Level.MANAGER, aliases=("rapporto",))]
