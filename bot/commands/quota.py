"""`/myquota [period] [name]`: where the asker (or someone they may see) stands."""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import MISSING, Texts
from bot.charts import cumulative_chart
from bot.commands.buttons import pipeline_button, standard
from bot.commands.images import drawn
from bot.commands.pipeline import deal_line
from bot.commands.ramp import ramp_lines
from bot.commands.risks import risk_phrases, what_it_takes
from bot.commands.scopes import is_own, own_or_named
from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Field, Progress, Reply, bullets
from core.earnings import earnings
from core.earnings_facts import has_plan
from core.periods import Period
from core.pipeline import pipeline_health
from core.results import Scope, Scorecard, SubjectKind
from core.scorecards import scorecard
from core.series import won_by_day

REVIVE = 3  # stale deals suggested in a coaching line


async def myquota(context: ChatContext, args: Args) -> Reply:
    texts, settings = context.texts, context.settings
    period = context.period(args)
    scope = own_or_named(context, args)
    card = scorecard(context.session, settings, scope, period, context.now)
    own = is_own(context, scope)

    paragraphs = [_standing(card, texts)]
    if scope.kind is SubjectKind.REP and scope.id is not None:
        paragraphs.extend(ramp_lines(context, scope.id))
    if card.at_risk:
        paragraphs.append(texts("myquota.at_risk", reasons="; ".join(risk_phrases(card, texts))))
    behind = card.pace_gap is not None and card.pace_gap < 0
    if behind and card.remaining_business_days > 0:
        paragraphs.extend(_coaching(context, card))

    # Earnings are private: shown only in an answer that stays with the asker.
    confidential = False
    if scope.kind is SubjectKind.REP and scope.id is not None and not args.public:
        line = _earnings_line(context, scope.id, period)
        if line is not None:
            paragraphs.append(line)
            confidential = True

    series = won_by_day(context.session, settings, scope, period, context.now)
    locale, currency = str(texts.locale), texts.currency  # a name: it may travel
    images = await drawn(context, cumulative_chart, series, locale, currency=currency)

    buttons = [*standard(context, "myquota", args)]
    if scope.kind is SubjectKind.REP:
        buttons.insert(1, pipeline_button(context, args))
    title_key = "myquota.title.own" if own else "myquota.title"
    return Reply(
        title=texts(title_key, name=card.subject.name, period=texts.period(period)),
        paragraphs=tuple(paragraphs),
        fields=_fields(card, texts),
        progress=_progress(card, texts),
        images=images,
        buttons=tuple(buttons),
        summary=_standing(card, texts),
        confidential=confidential,
    )


def _earnings_line(context: ChatContext, rep_id: int, period: Period) -> str | None:
    """One line of earnings to date, for a rep with a plan in the period."""
    if not has_plan(context.session, context.settings, rep_id, period):
        return None
    result = earnings(context.session, context.settings, rep_id, period, context.now)
    return context.texts("myquota.earnings", total=context.texts.money(result.total, cents=True))


def _standing(card: Scorecard, texts: Texts) -> str:
    """One sentence: won against quota, and against pace."""
    won = texts.money(card.won_revenue)
    if card.quota is None or card.attainment is None:
        return texts("myquota.no_quota", won=won, period=texts.period(card.period))
    sentence = texts(
        "myquota.standing",
        won=won,
        quota=texts.money(card.quota),
        attainment=texts.percent(card.attainment),
    )
    gap, expected = card.pace_gap or Decimal(0), texts.money(card.expected_to_date)
    if card.remaining_business_days <= 0 and card.pace >= 1:
        return sentence  # the period is over: pace says nothing more
    key = "myquota.behind" if gap < 0 else "myquota.ahead"
    return sentence + " " + texts(key, gap=texts.money(abs(gap)), expected=expected)


def _fields(card: Scorecard, texts: Texts) -> tuple[Field, ...]:
    gap = card.pace_gap
    if gap is None:
        gap_text = texts.money(None)
    else:
        key = "field.gap.behind" if gap < 0 else "field.gap.ahead"
        gap_text = texts(key, gap=texts.money(abs(gap)))
    deals = texts.plural("count.deals", card.open_deals)
    if card.expected_to_date is None:
        pace = texts("field.pace.no_quota", pace=texts.percent(card.pace))
    else:
        pace = texts(
            "field.pace.value",
            pace=texts.percent(card.pace),
            expected=texts.money(card.expected_to_date),
        )
    fields = (
        Field(texts("field.won"), texts.money(card.won_revenue)),
        Field(texts("field.quota"), texts.money(card.quota)),
        Field(texts("field.attainment"), texts.percent(card.attainment)),
        Field(texts("field.pace"), pace),
        Field(texts("field.pace_gap"), gap_text),
        Field(texts("field.days_left"), texts.days(card.remaining_business_days)),
        Field(texts("field.needed_per_day"), texts.money(card.needed_per_business_day)),
        Field(texts("field.projection_weighted"), texts.money(card.projection_weighted)),
        Field(texts("field.projection_run_rate"), texts.money(card.projection_run_rate)),
        Field(texts("field.projected_attainment"), texts.percent(card.projected_attainment)),
        Field(
            texts("field.open_pipeline"),
            texts("figure.in_deals", amount=texts.money(card.open_pipeline), deals=deals),
        ),
        Field(texts("field.coverage"), texts.times(card.coverage)),
        Field(texts("field.win_rate"), texts.percent(card.win_rate)),
    )
    # A figure that does not exist (no quota, nothing closed) is left out, not shown blank.
    return tuple(field for field in fields if field.value != MISSING)


def _progress(card: Scorecard, texts: Texts) -> tuple[Progress, ...]:
    if card.quota is None or card.attainment is None:
        return ()
    pace = texts.percent(card.pace)
    return (
        Progress(
            label=texts("progress.attainment"),
            fraction=float(card.attainment),
            marker=float(card.pace),
            marker_label=texts("progress.pace", pace=pace),
            caption=texts(
                "figure.of",
                won=texts.money(card.won_revenue),
                quota=texts.money(card.quota),
            ),
        ),
    )


def _coaching(context: ChatContext, card: Scorecard) -> list[str]:
    """What it takes per business day, and which stale deals to revive first."""
    texts = context.texts
    lines = [texts("coach.title")]
    needed = what_it_takes(card, texts)
    if needed:
        lines[0] += " " + needed
    if card.coverage is not None and card.coverage < 1:
        lines.append(texts("coach.coverage", coverage=texts.times(card.coverage)))
    if card.stale_deals or card.past_due_deals:
        scope = _scope_of(card)
        health = pipeline_health(context.session, context.settings, scope, card.period, card.as_of)
        deals = sorted(
            (*health.past_due, *health.stale),
            key=lambda deal: -(deal.amount or Decimal(0)),
        )[:REVIVE]
        if deals:
            owner = card.subject.kind is not SubjectKind.REP
            lines.append(texts("coach.revive"))
            lines.append(bullets([deal_line(deal, texts, owner=owner) for deal in deals]))
    return lines


def _scope_of(card: Scorecard) -> Scope:
    return Scope(card.subject.kind, card.subject.id)


COMMANDS = [
    Command(
        "myquota",
        myquota,
        frozenset({ArgKind.PERIOD, ArgKind.NAME}),
        Level.REP,
        aliases=("quota", "me", "scorecard"),
    ),
]
