"""For managers: `/team [name] [period]` and `/atrisk [name] [period]`."""

from __future__ import annotations

from bot.catalogue import Texts
from bot.charts import chart_rows, leaderboard_chart
from bot.commands.buttons import standard
from bot.commands.images import drawn
from bot.commands.risks import risk_phrases, what_it_takes
from bot.commands.scopes import people_or_named, whose
from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply, bullets
from core.leaderboard import leaderboard
from core.results import GroupBy, Metric, Scorecard
from core.scorecards import at_risk, scorecards
from core.scorecards import scorecard as build_scorecard

GRAMMAR = frozenset({ArgKind.PERIOD, ArgKind.NAME})
CHART_ROWS = 15


def _card_line(card: Scorecard, texts: Texts) -> str:
    parts = [f"*{card.subject.name}*", texts.percent(card.attainment)]
    if card.quota is not None:
        parts.append(
            texts("figure.of", won=texts.money(card.won_revenue), quota=texts.money(card.quota))
        )
    else:
        parts.append(texts("team.no_quota", won=texts.money(card.won_revenue)))
    if card.pace_gap is not None and card.remaining_business_days > 0:
        key = "field.gap.behind" if card.pace_gap < 0 else "field.gap.ahead"
        parts.append(texts(key, gap=texts.money(abs(card.pace_gap))))
    if card.at_risk:
        parts.append("⚠ " + texts("team.at_risk"))
    return " · ".join(parts)


async def team(context: ChatContext, args: Args) -> Reply:
    texts, settings, session = context.texts, context.settings, context.session
    period = context.period(args)
    scope = people_or_named(context, args)
    cards = scorecards(session, settings, GroupBy.REP, period, context.now, scope)
    cards.sort(key=lambda card: (-(card.attainment or -1), card.subject.name.casefold()))
    total = build_scorecard(session, settings, scope, period, context.now)

    flagged = sum(card.at_risk for card in cards)
    summary = texts(
        "team.summary",
        people=texts.plural("count.people", len(cards)),
        won=texts.money(total.won_revenue),
        quota=texts.money(total.quota),
        attainment=texts.percent(total.attainment),
        at_risk=texts.plural("count.at_risk", flagged),
    )
    paragraphs = [summary]
    if cards:
        paragraphs.append(bullets([_card_line(card, texts) for card in cards]))

    board = leaderboard(
        session, settings, period, context.now, metric=Metric.ATTAINMENT, within=scope
    )
    rows = max(1, min(CHART_ROWS, len(board.rows)))
    locale, currency = str(texts.locale), texts.currency  # a name: it may travel
    images = await drawn(
        context, leaderboard_chart, chart_rows(board, rows), locale, top=rows, currency=currency
    )
    title = texts("team.title", whose=whose(context, scope), period=texts.period(period))
    return Reply(
        title=title,
        paragraphs=tuple(paragraphs),
        images=images,
        buttons=standard(context, "team", args),
        summary=summary,
    )


async def atrisk(context: ChatContext, args: Args) -> Reply:
    texts, settings = context.texts, context.settings
    period = context.period(args)
    scope = people_or_named(context, args)
    cards = at_risk(context.session, settings, period, context.now, scope)

    paragraphs: list[str] = []
    for card in cards:
        heading = f"*{card.subject.name}*"
        if card.subject.team:
            heading += f" ({card.subject.team})"
        reasons = risk_phrases(card, texts)
        needed = what_it_takes(card, texts)
        paragraphs.append(heading + "\n" + bullets([*reasons, *([needed] if needed else [])]))
    if not cards:
        pace = context.calendar.pace(period, context.now)
        if pace < settings.thresholds.at_risk_after:
            after = texts.percent(settings.thresholds.at_risk_after)
            paragraphs.append(texts("atrisk.too_early", share=after))
        else:
            paragraphs.append(texts("atrisk.none", period=texts.period(period)))
    title = texts("atrisk.title", whose=whose(context, scope), period=texts.period(period))
    return Reply(
        title=title,
        paragraphs=tuple(paragraphs),
        buttons=standard(context, "atrisk", args),
        summary=texts.plural("count.at_risk", len(cards)),
    )


COMMANDS = [
    Command("team", team, GRAMMAR, Level.MANAGER, aliases=("squadra",)),
    Command("atrisk", atrisk, GRAMMAR, Level.MANAGER, aliases=("at-risk", "risk")),
]
