"""`/ramp [period]`: a manager's new hires against the ramp, and a new hire's own progress.

A new hire is anyone whose ramp (quotabot.toml's `[ramp]`) runs into the period shown.
Each is listed with their ramp month, the period's results against the ramped quota,
their first milestones and, month by month, what they won of the full quota against
the share the ramp asked for.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.catalogue import MISSING, Texts
from bot.chart_ramp import RampLine, RampWords, ramp_chart
from bot.commands.buttons import period_button
from bot.commands.images import drawn
from bot.people import Level
from bot.registry import ArgKind, Args, ChatContext, Command
from bot.reply import Reply, bullets
from core.onboarding import Milestones, RampPoint, milestones, ramp_curves, ramp_progress
from core.ramp import hire_dates, ramp_end
from core.results import GroupBy, Scope, SubjectKind
from core.scorecards import scorecards


async def ramp_command(context: ChatContext, args: Args) -> Reply:
    texts, settings, asker = context.texts, context.settings, context.asker
    period = context.period(args)
    ramp = settings.ramp
    title = texts("ramp.title", period=texts.period(period))
    if not ramp.months:
        return Reply(title, (texts("ramp.not_configured"),))

    within = Scope(SubjectKind.MANAGER, asker.rep_id) if asker.reports else Scope.company()
    cards = scorecards(context.session, settings, GroupBy.REP, period, context.now, within)
    hired = hire_dates(context.session, [card.subject.id for card in cards if card.subject.id])
    today = context.calendar.local_date(context.now)
    new = {
        rep: day for rep, day in hired.items()
        if day <= today and ramp_end(ramp, day) > period.start
    }  # fmt: skip
    paragraphs = [texts("ramp.curve", curve=" · ".join(texts.percent(s) for s in ramp.months))]
    if not new:
        return Reply(title, (*paragraphs, texts("ramp.none")))

    firsts = milestones(context.session, new, today)
    curves = ramp_curves(context.session, context.calendar, ramp, new, today)
    shown: list[tuple[str, tuple[RampPoint, ...]]] = []
    for card in cards:
        rep = card.subject.id
        if rep not in new:
            continue
        progress = ramp_progress(ramp, new[rep], today)
        figures = {
            "name": card.subject.name,
            "hired": texts.day(new[rep]),
            "won": texts.money(card.won_revenue),
            "quota": texts.money(card.quota),
            "attainment": texts.percent(card.attainment),
        }
        if progress is not None and progress.current is not None:
            line = texts(
                "ramp.hire", number=progress.current.number, months=len(ramp.months),
                share=texts.percent(progress.share), **figures,
            )  # fmt: skip
        else:
            line = texts("ramp.hire.done", full=texts.day(ramp_end(ramp, new[rep])), **figures)
        paragraphs.append(line)
        details = [milestone_line(firsts[rep], texts)]
        details += [curve_point(point, texts) for point in curves.get(rep, ())]
        paragraphs.append(bullets(details))
        shown.append((card.subject.name, curves.get(rep, ())))
    images = await drawn(context, ramp_chart, *_chart_args(texts, ramp.months, shown))
    return Reply(
        title,
        tuple(paragraphs),
        images=images,
        buttons=(period_button(context, "ramp", args),),
        summary=title,
    )


def _chart_args(
    texts: Texts, shares: tuple[Decimal, ...], hires: list[tuple[str, tuple[RampPoint, ...]]]
) -> tuple[tuple[float, ...], tuple[RampLine, ...], RampWords, str]:
    """The chart's figures and words, written for the reader: they travel as they are."""
    lines = tuple(
        RampLine(name, tuple(float(point.actual or 0) for point in points))
        for name, points in hires
    )
    words = RampWords(
        title=texts("ramp.chart.title"),
        ramp=texts("ramp.chart.curve"),
        months=tuple(texts("ramp.chart.tick", number=n) for n in range(1, len(shares) + 1)),
        percents=tuple((step / 4, texts.percent(Decimal(step) / 4)) for step in range(13)),
    )
    described = [
        texts(
            "ramp.chart.alt",
            name=name,
            months="; ".join(curve_point(point, texts) for point in points) or MISSING,
        )
        for name, points in hires
    ]
    return tuple(float(s) for s in shares), lines, words, " ".join(described)


def milestone_line(found: Milestones, texts: Texts) -> str:
    def when(day: date | None) -> str:
        return texts.day(day) if day is not None else texts("ramp.not_yet")

    return texts(
        "ramp.milestones",
        meeting=when(found.first_meeting),
        deal=when(found.first_deal),
        win=when(found.first_win),
    )


def curve_point(point: RampPoint, texts: Texts) -> str:
    return texts(
        "ramp.chart.month",
        number=point.month.number,
        actual=texts.percent(point.actual if point.actual is not None else Decimal(0)),
        share=texts.percent(point.month.share),
    )


COMMANDS = [
    Command("ramp", ramp_command, frozenset({ArgKind.PERIOD}), Level.MANAGER, ("onboarding",)),
]


def ramp_lines(context: ChatContext, rep_id: int) -> list[str]:
    """A ramping rep's month on the ramp and first milestones, for /myquota."""
    ramp, texts = context.settings.ramp, context.texts
    if not ramp.months:
        return []
    today = context.calendar.local_date(context.now)
    hired = hire_dates(context.session, [rep_id]).get(rep_id)
    progress = ramp_progress(ramp, hired, today)
    if progress is None or progress.current is None:
        return []
    month = progress.current
    firsts = milestones(context.session, [rep_id], today)[rep_id]
    return [
        texts(
            "ramp.month",
            number=month.number,
            months=len(ramp.months),
            share=texts.percent(month.share),
            end=texts.day(month.end),
            full=texts.day(progress.full_from),
        ),
        milestone_line(firsts, texts),
    ]
