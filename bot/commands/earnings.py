"""`/earnings [period] [name] [whatif AMOUNT|DEAL]`: what a rep has earned, and could.

Earnings are private: a rep sees their own, a manager those of their reports, an
admin everyone's. The reply is confidential, so neither `public` nor a "post" button
can put it in a channel; asked with `public`, it still answers only the asker, with a
note that says so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from bot.catalogue import MISSING, Texts
from bot.people import mentioned, resolve
from bot.registry import ArgKind, Args, ChatContext, Command, UsageError
from bot.reply import Field, Reply, Visibility, bullets
from core.commission import PlanPart, TierLine
from core.earnings import Earnings, NoPlanError, SpiffLine, WhatIf, what_if
from core.earnings import earnings as build_earnings
from core.earnings_facts import LedgerLine, OpenDeal, open_deals, plan_in_force
from core.org import Org
from core.periods import Period, PeriodKind
from core.results import SubjectKind

WHATIF_WORDS = frozenset({"whatif", "what-if", "sefosse", "simula"})
_PERIOD_LIKE = re.compile(r"^\d|\.\.|^(this|last)-|^(today|yesterday)$", re.IGNORECASE)
_SYMBOLS = re.compile(r"[€$£¥\s\u00a0\u202f]|\b(?:USD|EUR|GBP|CHF)\b", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»"
LISTED_DEALS = 10
SCALES = {"k": Decimal(1_000), "m": Decimal(1_000_000)}


def parse_amount(text: str, texts: Texts) -> Decimal | None:
    """An amount as people type it: 25000, 25,000, 25k, €25,000, 25.000 in Italian."""
    cleaned = _SYMBOLS.sub("", text.strip())
    scale = Decimal(1)
    if cleaned[-1:].casefold() in SCALES:
        scale, cleaned = SCALES[cleaned[-1].casefold()], cleaned[:-1]
    if not cleaned or not re.fullmatch(r"[\d.,']+", cleaned):
        return None
    try:
        amount = parse_decimal(cleaned, locale=texts.locale, strict=False)
    except (NumberFormatError, InvalidOperation):
        return None
    amount *= scale
    return amount if amount > 0 else None


async def earnings_command(context: ChatContext, args: Args) -> Reply:
    texts = context.texts
    words = list(args.words)
    split = next((i for i, word in enumerate(words) if word.casefold() in WHATIF_WORDS), None)
    asked, wished = (words, None) if split is None else (words[:split], words[split + 1 :])

    period_words = [word for word in asked if _PERIOD_LIKE.search(word)]
    if len(period_words) > 1:
        raise UsageError(period_words[1])
    name = " ".join(word for word in asked if word not in period_words).lstrip("@").strip()
    rep_id = context.asker.rep_id
    if name:
        org = Org.load(context.session)
        scope = resolve(org, context.asker, mentioned(org, name) or name)
        if scope.kind is not SubjectKind.REP or scope.id is None:
            return _private(context, args, Reply(texts("error.bad_input.title"),
                                                 (texts("earnings.per_person"),)))  # fmt: skip
        rep_id = scope.id
    if period_words:
        period = context.calendar.parse(period_words[0], context.now)
    else:
        period = _default_period(context, rep_id)

    try:
        if wished is None:
            reply = _earnings_reply(context, rep_id, period)
        elif not wished:
            raise UsageError(None)
        else:
            reply = _what_if_reply(context, rep_id, period, " ".join(wished))
    except NoPlanError as error:
        reply = Reply(
            title=texts("earnings.no_plan.title"),
            paragraphs=(
                texts("earnings.no_plan", name=error.name, period=texts.period(period)),
                texts("earnings.no_plan.how"),
            ),
        )
    return _private(context, args, reply)


def _private(context: ChatContext, args: Args, reply: Reply) -> Reply:
    """The reply kept for the asker, with a note when they asked to share it."""
    if args.public:
        paragraphs = (context.texts("earnings.never_public"), *reply.paragraphs)
        reply = replace(reply, paragraphs=paragraphs)
    return replace(reply, visibility=Visibility.ONLY_ASKER, confidential=True)


def _default_period(context: ChatContext, rep_id: int) -> Period:
    """The current period of the kind the rep's plan pays on (a quarter when unsure)."""
    today = context.calendar.local_date(context.now)
    plan = plan_in_force(context.session, context.settings, rep_id, today)
    kind = PeriodKind(plan.period) if plan is not None else PeriodKind.QUARTER
    return context.calendar.containing(kind, today)


# -- earnings to date ---------------------------------------------------------------


def _earnings_reply(context: ChatContext, rep_id: int, period: Period) -> Reply:
    texts = context.texts
    result = build_earnings(
        context.session, context.settings, rep_id, period, context.now, projection=True
    )
    own = rep_id == context.asker.rep_id
    summary = texts(
        "earnings.total",
        total=_cents(texts, result.total),
        commission=_cents(texts, result.commission),
        spiffs=_cents(texts, result.spiff_total),
        adjustments=_cents(texts, result.adjustment_total),
    )
    paragraphs = [summary]
    if result.quota_missing:
        paragraphs.append(texts("earnings.no_quota", period=texts.period(period)))
    for part in result.parts:
        if part.tiers:
            paragraphs.extend(_part_lines(context, result, part))
    paragraphs.extend(_tier_outlook(texts, result))
    if result.draw_top_up > 0:
        paragraphs.append(
            texts(
                "earnings.draw",
                guarantee=_cents(texts, result.guarantee),
                top_up=_cents(texts, result.draw_top_up),
            )
        )
    if result.spiffs:
        paragraphs.append(texts("earnings.spiffs"))
        paragraphs.append(bullets([_spiff_line(texts, line) for line in result.spiffs]))
    if result.adjustments:
        paragraphs.append(texts("earnings.adjustments"))
        paragraphs.append(bullets([_ledger_line(texts, line) for line in result.adjustments]))
    projection = result.projection
    if projection is not None and projection.revenue != result.won_revenue:
        paragraphs.append(
            texts(
                "earnings.projection",
                revenue=texts.money(projection.revenue),
                attainment=texts.percent(projection.attainment),
                total=_cents(texts, projection.total),
            )
        )

    title_key = "earnings.title.own" if own else "earnings.title"
    fields = (
        Field(texts("field.won"), texts.money(result.won_revenue)),
        Field(texts("field.quota"), texts.money(result.quota)),
        Field(texts("field.attainment"), texts.percent(result.attainment)),
        Field(texts("field.commission"), _cents(texts, result.commission)),
        Field(texts("field.spiffs"), _cents(texts, result.spiff_total)),
        Field(texts("field.adjustments"), _cents(texts, result.adjustment_total)),
        Field(texts("field.earnings_total"), _cents(texts, result.total)),
    )
    return Reply(
        title=texts(title_key, name=result.subject.name, period=texts.period(period)),
        paragraphs=tuple(paragraphs),
        fields=tuple(field for field in fields if field.value != MISSING),
        summary=summary,
    )


def _cents(texts: Texts, amount: Decimal | None) -> str:
    return texts.money(amount, cents=True)


def _part_lines(context: ChatContext, result: Earnings, part: PlanPart) -> list[str]:
    texts = context.texts
    whole = part.start == result.period.start and part.end == result.period.end
    if whole:
        heading = texts("earnings.by_tier", plan=part.plan)
    else:
        heading = texts(
            "earnings.by_tier.part",
            plan=part.plan,
            start=texts.day(part.start),
            end=texts.day(part.end),
        )
    lines = [_tier_line(texts, line) for line in part.tiers]
    paragraphs = [heading, bullets(lines)]
    if part.capped > 0:
        paragraphs.append(texts("earnings.capped", capped=_cents(texts, part.capped)))
    return paragraphs


def _tier_line(texts: Texts, line: TierLine) -> str:
    label = texts("earnings.tier", number=line.number)
    if line.name:
        label += f" ({line.name})"
    if line.upper is None:
        bounds = texts("earnings.bounds.above", lower=texts.percent(line.lower))
    else:
        bounds = texts(
            "earnings.bounds", lower=texts.percent(line.lower), upper=texts.percent(line.upper)
        )
    paid = texts(
        "earnings.paid",
        revenue=_cents(texts, line.revenue),
        rate=_rate(texts, line.rate),
        commission=_cents(texts, line.commission),
    )
    return f"*{label}* · {bounds} · {paid}"


def _rate(texts: Texts, rate: Decimal) -> str:
    """A rate as a percentage, with decimals only when it has them (5%, 7.5%)."""
    percent = rate * 100
    places = 0 if percent == percent.to_integral_value() else 2
    return texts("figure.percent", value=texts.number(percent.normalize(), places))


def _tier_outlook(texts: Texts, result: Earnings) -> list[str]:
    following = result.next_tier
    if following is not None:
        return [
            texts(
                "earnings.next_tier",
                needed=texts.money(following.needed, cents=True),
                number=following.number,
                rate=_rate(texts, following.rate),
                share=texts.percent(following.lower),
            )
        ]
    current = result.current_tier
    if current is not None and current.number > 1:
        return [texts("earnings.top_tier", rate=_rate(texts, current.rate))]
    return []


def _spiff_line(texts: Texts, line: SpiffLine) -> str:
    if line.product is not None:
        return texts(
            "earnings.spiff.product",
            product=line.product,
            deals=texts.plural("count.deals", line.deals),
            amount=_cents(texts, line.amount),
            total=_cents(texts, line.total),
        )
    return texts("earnings.spiff.ledger", cause=line.cause or "", total=_cents(texts, line.total))


def _ledger_line(texts: Texts, line: LedgerLine) -> str:
    what = line.deal_name or line.cause
    return texts(
        "earnings.ledger",
        kind=texts(f"earnings.kind.{line.kind}"),
        day=texts.day(line.day),
        what=what,
        amount=_cents(texts, line.amount),
    )


# -- what if ------------------------------------------------------------------------


def _what_if_reply(context: ChatContext, rep_id: int, period: Period, wished: str) -> Reply:
    texts = context.texts
    amount = parse_amount(wished, texts)
    product = deal_name = None
    if amount is None:
        wanted = wished.strip(_QUOTES + " ")
        deals = open_deals(context.session, rep_id)
        found = _find_deal(deals, wanted)
        if found is None:
            return _unknown_deal(texts, wanted, deals)
        amount, product, deal_name = found.amount or Decimal(0), found.product, found.name
    answer = what_if(
        context.session,
        context.settings,
        rep_id,
        period,
        context.now,
        amount,
        product=product,
        deal_name=deal_name,
    )
    return _what_if_answer(texts, answer, period)


def _find_deal(deals: list[OpenDeal], wanted: str) -> OpenDeal | None:
    folded = wanted.casefold()
    exact = [deal for deal in deals if (deal.name or "").casefold() == folded]
    if exact:
        return exact[0]
    partial = [deal for deal in deals if folded and folded in (deal.name or "").casefold()]
    return partial[0] if len(partial) == 1 else None


def _unknown_deal(texts: Texts, wanted: str, deals: list[OpenDeal]) -> Reply:
    paragraphs = [texts("earnings.whatif.unknown_deal", name=wanted)]
    if deals:
        paragraphs.append(texts("earnings.whatif.your_deals"))
        paragraphs.append(
            bullets(
                [
                    f"*{deal.name or texts('deal.unnamed')}* · {texts.money(deal.amount)}"
                    for deal in deals[:LISTED_DEALS]
                ]
            )
        )
    else:
        paragraphs.append(texts("earnings.whatif.no_deals"))
    return Reply(title=texts("error.bad_input.title"), paragraphs=tuple(paragraphs))


def _what_if_answer(texts: Texts, answer: WhatIf, period: Period) -> Reply:
    before, after = answer.before, answer.after
    what = answer.deal_name or texts.money(answer.amount, cents=True)
    if before.quota:
        moves = texts(
            "earnings.whatif.attainment",
            amount=texts.money(answer.amount, cents=True),
            won=texts.money(before.won_revenue),
            before=texts.percent(before.attainment),
            after_won=texts.money(after.won_revenue),
            after=texts.percent(after.attainment),
            quota=texts.money(before.quota),
        )
    else:
        moves = texts(
            "earnings.whatif.no_quota",
            amount=texts.money(answer.amount, cents=True),
            won=texts.money(before.won_revenue),
            after_won=texts.money(after.won_revenue),
        )
    paragraphs = [
        moves,
        texts("earnings.whatif.extra", extra=_cents(texts, answer.extra_commission)),
    ]
    lines = [
        texts(
            "earnings.whatif.tier",
            number=change.number,
            rate=_rate(texts, change.rate),
            revenue=_cents(texts, change.revenue),
            commission=_cents(texts, change.commission),
        )
        for change in answer.changes
    ]
    if lines:
        paragraphs.append(bullets(lines))
    if answer.extra_spiffs:
        paragraphs.append(
            texts(
                "earnings.whatif.spiff",
                amount=_cents(texts, answer.extra_spiffs),
                product=answer.product or "",
            )
        )
    current = after.current_tier
    if answer.crossed is not None:
        paragraphs.append(
            texts(
                "earnings.whatif.crosses",
                number=answer.crossed.number,
                rate=_rate(texts, answer.crossed.rate),
            )
        )
    elif current is not None:
        paragraphs.append(
            texts(
                "earnings.whatif.same_tier", number=current.number, rate=_rate(texts, current.rate)
            )
        )
    if after.draw_top_up > 0:
        paragraphs.append(texts("earnings.whatif.draw", guarantee=_cents(texts, after.guarantee)))
    total = texts(
        "earnings.whatif.total",
        period=texts.period(period),
        before=_cents(texts, before.total),
        after=_cents(texts, after.total),
    )
    paragraphs.append(total)
    return Reply(
        title=texts("earnings.whatif.title", what=what, period=texts.period(period)),
        paragraphs=tuple(paragraphs),
        fields=(
            Field(texts("field.attainment"), texts.percent(after.attainment)),
            Field(texts("field.extra_commission"), _cents(texts, answer.extra_commission)),
            Field(texts("field.earnings_total"), _cents(texts, after.total)),
        ),
        summary=total,
    )


COMMANDS = [
    Command(
        "earnings",
        earnings_command,
        frozenset({ArgKind.WORDS}),
        aliases=("compensi", "commission"),
    ),
]
