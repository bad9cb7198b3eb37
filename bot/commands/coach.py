"""`/coach [@rep] [period]`: a one-screen brief for a one-to-one.

A manager names one of their reports (an admin anyone) and gets where the rep stands,
the one or two drivers that most explain the gap to quota (core.diagnosis), the deals
to talk about and actions from the playbook. A rep asking for themself gets the same
brief in their own words, framed as levers rather than shortfalls.
"""

from __future__ import annotations

from decimal import Decimal

from bot.catalogue import MISSING, Texts
from bot.commands.buttons import period_button
from bot.commands.pipeline import deal_line
from bot.people import Level, mentioned, resolve
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Field, Reply, bullets
from core.coaching import DealsToDiscuss, deals_to_discuss
from core.diagnosis import Diagnosis, Driver, DriverStanding, diagnose
from core.org import Org
from core.playbook import playbook
from core.results import SubjectKind

TIPS_PER_DRIVER = 2
LISTED_REPORTS = 15


async def coach(context: ChatContext, args: Args) -> Reply:
    texts, asker = context.texts, context.asker
    org = Org.load(context.session)
    if args.name is None:
        if asker.reports and asker.level >= Level.MANAGER:
            return _pick(context, org)
        rep_id = asker.rep_id
    else:
        name = args.name.lstrip("@").strip()
        scope = resolve(org, asker, mentioned(org, name) or name)
        if scope.kind is not SubjectKind.REP or scope.id is None:
            return Reply(texts("error.bad_input.title"), (texts("brief.per_person"),))
        rep_id = scope.id

    period = context.period(args)
    found = diagnose(context.session, context.settings, rep_id, period, context.now)
    deals = deals_to_discuss(context.session, context.settings, rep_id, period, context.now)
    own = rep_id == asker.rep_id
    voice = "own" if own else "theirs"
    name = found.card.subject.name

    paragraphs = [_standing(found, texts, voice, name)]
    paragraphs.extend(_drivers(found, texts, voice, name))
    paragraphs.extend(_deals(deals, texts, voice))
    tips = _tips(context, found)
    if tips:
        paragraphs += [texts(f"brief.actions.{voice}"), bullets(tips)]

    title_key = "brief.title.own" if own else "brief.title"
    return Reply(
        title=texts(title_key, name=name, period=texts.period(period)),
        paragraphs=tuple(paragraphs),
        fields=_fields(found, texts),
        buttons=(period_button(context, "coach", args),),
        summary=paragraphs[0],
    )


def _pick(context: ChatContext, org: Org) -> Reply:
    """A manager who named no one: whom they can coach."""
    texts = context.texts
    names = sorted(
        (org.reps[rep].name for rep in context.asker.reports if rep in org.active_reps),
        key=str.casefold,
    )
    listed = ", ".join(names[:LISTED_REPORTS]) + (", …" if len(names) > LISTED_REPORTS else "")
    return Reply(
        texts("brief.pick.title"),
        (texts("brief.pick", names=listed or MISSING),),
    )


def _standing(found: Diagnosis, texts: Texts, voice: str, name: str) -> str:
    card = found.card
    if card.quota is None or found.gap is None:
        return texts(
            f"brief.no_quota.{voice}", name=name, won=texts.money(card.won_revenue),
            period=texts.period(card.period),
        )  # fmt: skip
    key = f"brief.standing.{voice}" if found.gap > 0 else f"brief.standing.ahead.{voice}"
    return texts(
        key,
        name=name,
        won=texts.money(card.won_revenue),
        quota=texts.money(card.quota),
        attainment=texts.percent(card.attainment),
        projection=texts.money(found.projection),
        projected=texts.percent(found.projection / card.quota if card.quota else None),
        gap=texts.money(abs(found.gap)),
    )


def driver_value(driver: Driver, value: Decimal | None, texts: Texts) -> str:
    """A driver's figure as people read it: a count a week, money, a ratio, days."""
    if value is None:
        return MISSING
    if driver in (Driver.PIPELINE_CREATED, Driver.DEAL_SIZE):
        return texts.money(value)
    if driver is Driver.COVERAGE:
        return texts.times(value)
    if driver in (Driver.WIN_RATE, Driver.STALE_SHARE):
        return texts.percent(value)
    if driver is Driver.SALES_CYCLE:
        return texts.plural("count.days", value.quantize(Decimal(1)))
    whole = value == value.to_integral_value() or value >= 10
    return texts.number(value, 0 if whole else 1)


def _drivers(found: Diagnosis, texts: Texts, voice: str, name: str) -> list[str]:
    team = found.team or texts("team.company")
    if not found.focus:
        return [texts(f"brief.no_gap.{voice}", name=name, team=team)]
    lines = [texts(f"brief.drivers.{voice}", team=team)]
    for standing in found.focus:
        lines.append(_driver_line(found, standing, texts, voice, name))
    return [lines[0], bullets(lines[1:])]


def _driver_line(
    found: Diagnosis, standing: DriverStanding, texts: Texts, voice: str, name: str
) -> str:
    driver = standing.driver
    figures = {
        "name": name,
        "driver": texts(f"driver.{driver.value}"),
        "value": driver_value(driver, standing.value, texts),
        "median": driver_value(driver, standing.median, texts),
        "top": driver_value(driver, standing.top_quartile, texts),
        "projection": texts.money(found.projection),
        "at_median": texts.money(standing.projection_at_median),
        "lift": texts.money(standing.lift),
    }
    line = texts(f"brief.driver.{voice}", **figures)
    return line + " " + texts(f"brief.top.{driver.value}.{voice}", **figures)


def _deals(deals: DealsToDiscuss, texts: Texts, voice: str) -> list[str]:
    if deals.empty:
        return []
    lines = []
    for kind, views in (
        ("slipping", deals.slipping),
        ("stale", deals.stale),
        ("largest", deals.largest),
    ):
        lines += [texts(f"brief.deal.{kind}", deal=deal_line(view, texts, owner=False))
                  for view in views]  # fmt: skip
    return [texts(f"brief.deals.{voice}"), bullets(lines)]


def _tips(context: ChatContext, found: Diagnosis) -> list[str]:
    book = playbook(context.settings.coaching.playbook)
    language = context.texts.language
    tips: list[str] = []
    for standing in found.focus:
        tips.extend(book.for_driver(standing.driver, language)[:TIPS_PER_DRIVER])
    return tips


def _fields(found: Diagnosis, texts: Texts) -> tuple[Field, ...]:
    fields = []
    for standing in found.drivers:
        if standing.value is None:
            continue
        value = texts(
            "brief.field",
            value=driver_value(standing.driver, standing.value, texts),
            median=driver_value(standing.driver, standing.median, texts),
            top=driver_value(standing.driver, standing.top_quartile, texts),
        )
        fields.append(Field(texts(f"driver.{standing.driver.value}"), value))
    return tuple(fields)


COMMANDS = [
    Command(
        "coach",
        coach,
        frozenset({ArgKind.PERIOD, ArgKind.NAME}),
        Level.REP,
        aliases=("coaching", "allenamento"),
    ),
]
