"""`/pipeline [period] [name]` and `/forecast [period] [name]`: open deals and what will close."""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import Texts
from bot.charts import pipeline_chart
from bot.commands.buttons import standard
from bot.commands.images import drawn
from bot.commands.scopes import is_own, own_or_named, people_or_named, whose
from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Field, Reply, bullets
from core.pipeline import forecast as build_forecast
from core.pipeline import pipeline_health
from core.results import DealView, StageSummary, SubjectKind

GRAMMAR = frozenset({ArgKind.PERIOD, ArgKind.NAME})


def deal_line(deal: DealView, texts: Texts, *, owner: bool) -> str:
    """A deal in one line: name and account, amount, stage, and why it needs attention."""
    name = f"*{deal.name or texts('deal.unnamed')}*"
    if deal.account and deal.account not in (deal.name or ""):
        name += f" ({deal.account})"
    parts = [name, deal.stage]
    if deal.amount is not None:
        parts.insert(1, texts.money(deal.amount))
    if owner:
        parts.append(deal.owner)
    if deal.past_due:
        parts.append(texts("deal.past_due", day=texts.day(deal.close_date)))
    elif deal.days_untouched is not None:
        parts.append(texts.plural("deal.untouched", deal.days_untouched))
    return " · ".join(parts)


async def pipeline(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    period = context.period(args)
    scope = own_or_named(context, args)
    health = pipeline_health(context.session, context.settings, scope, period, context.now)
    owner = scope.kind is not SubjectKind.REP

    paragraphs = [
        texts(
            "pipeline.summary",
            deals=texts.plural("count.open_deals", health.open_deals),
            amount=texts.money(health.open_amount),
            closing=texts.money(health.period_pipeline),
            period=texts.period(period),
        )
    ]
    if health.by_stage:
        paragraphs.append(texts("pipeline.by_stage"))
        paragraphs.append(bullets([_stage_line(stage, texts) for stage in health.by_stage]))
    if health.past_due:
        paragraphs.append(texts.plural("pipeline.past_due", len(health.past_due)))
        paragraphs.append(bullets([deal_line(d, texts, owner=owner) for d in health.past_due]))
    if health.stale:
        days = context.settings.thresholds.stale_days
        paragraphs.append(texts.plural("pipeline.stale", len(health.stale), days=days))
        paragraphs.append(bullets([deal_line(d, texts, owner=owner) for d in health.stale]))

    locale, currency = str(texts.locale), texts.currency  # a name: it may travel
    images = await drawn(context, pipeline_chart, health, locale, currency=currency)
    title_key = "pipeline.title.own" if is_own(context, scope) else "pipeline.title"
    return Reply(
        title=texts(title_key, name=health.subject.name, period=texts.period(period)),
        paragraphs=tuple(paragraphs),
        fields=(
            Field(texts("field.open_deals"), texts.number(health.open_deals)),
            Field(texts("field.open_amount"), texts.money(health.open_amount)),
            Field(
                texts("field.closing_in", period=texts.period(period)),
                texts.money(health.period_pipeline),
            ),
            Field(texts("field.coverage"), texts.times(health.coverage)),
        ),
        images=images,
        buttons=standard(context, "pipeline", args),
        summary=paragraphs[0],
    )


def _stage_line(stage: StageSummary, texts: Texts) -> str:
    line = texts(
        "pipeline.stage",
        stage=stage.stage,
        deals=texts.plural("count.deals", stage.deals),
        amount=texts.money(stage.amount),
    )
    if stage.average_age_days is not None:
        line += " · " + texts.plural("pipeline.age", int(stage.average_age_days))
    return line


async def forecast(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    period = context.period(args)
    scope = own_or_named(context, args) if args.name else people_or_named(context, args)
    result = build_forecast(context.session, context.settings, scope, period, context.now)

    def share(amount: Decimal | None) -> str:
        money = texts.money(amount)
        if amount is None or not result.quota:
            return money
        return texts("figure.share", amount=money, share=texts.percent(amount / result.quota))

    if result.quota:
        verdict = texts(
            "forecast.verdict",
            commit=texts.percent(result.commit_total / result.quota),
            best=texts.percent(result.best_case_total / result.quota),
        )
    else:
        verdict = texts("forecast.no_quota", period=texts.period(period))
    title_key = "forecast.title.own" if is_own(context, scope) else "forecast.title"
    return Reply(
        title=texts(title_key, whose=whose(context, scope), period=texts.period(period)),
        paragraphs=(verdict,),
        fields=(
            Field(texts("field.quota"), texts.money(result.quota)),
            Field(texts("field.closed"), share(result.closed)),
            Field(texts("field.commit"), share(result.commit_total)),
            Field(texts("field.best_case"), share(result.best_case_total)),
            Field(texts("field.pipeline"), texts.money(result.pipeline)),
            Field(texts("field.projection_weighted"), share(result.weighted_projection)),
            Field(texts("field.projection_run_rate"), share(result.run_rate_projection)),
        ),
        buttons=standard(context, "forecast", args),
        summary=verdict,
    )


COMMANDS = [
    Command("pipeline", pipeline, GRAMMAR, Level.REP, aliases=("deals",)),
    Command("forecast", forecast, GRAMMAR, Level.REP),
]
