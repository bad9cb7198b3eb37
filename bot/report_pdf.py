"""The performance report as a PDF of five A4 landscape pages, with charts.

1. the cover: who, which period, the headline figures against the previous period;
2. attainment by rep (and by team, when there are several), the quota marked;
3. successes: who hit target, who improved most, the best win rate, the biggest wins;
4. failures: who missed and by how much, losses by the stage they were lost from,
   the slipped deals, the forecast against what was won;
5. the trend: the period's figures against the previous one's, and won revenue by
   rep in both.

Drawn with matplotlib's object API into its PDF backend (`PdfPages`), holding the
render lock of every chart (bot.chart_theme), fonts embedded as TrueType so that
the text can be searched and copied. Every word is the catalogue's, in the
reader's language and formats.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from matplotlib import rc_context
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from bot.catalogue import Texts
from bot.chart_report import Bar, bars, paired_bars
from bot.chart_theme import BACKGROUND, INK, MUTED, RENDER_LOCK, RESULT, fit_width, put_text
from bot.report_reply import points, signed_count, signed_money
from core.reports import MIN_CLOSED_FOR_WIN_RATE, Report
from core.results import Scorecard

logger = logging.getLogger(__name__)

PAGE_INCHES = (11.69, 8.27)  # A4, landscape
LEFT, RIGHT, MIDDLE = 0.05, 0.95, 0.55  # MIDDLE: where the right-hand column starts
LINE = 0.033  # one line of text, in page heights
ROWS = 12  # lines of a table before "and N more"
FAILURE_ROWS = 7  # two tables share the failures page
TREND_REPS = 15  # reps on the trend chart: those who won the most
CHART_REPS = 40  # reps on the chart of attainment: the highest
Page = Callable[[Figure, Texts, Report], None]


def write_report_pdf(report: Report, locale: str, currency: str, out: Path | BinaryIO) -> int:
    """Write the report's pages to `out`; returns how many there are."""
    texts = Texts(locale, currency)
    pages: list[Page] = [_cover, _attainment, _successes, _failures, _trend]
    metadata = {
        "Title": _title(texts, report),
        "Subject": texts("report.pdf.title"),
        "Creator": "Quotabot",
    }
    with RENDER_LOCK, rc_context({"pdf.fonttype": 42}), PdfPages(out, metadata=metadata) as pdf:
        for number, page in enumerate(pages, start=1):
            figure = Figure(figsize=PAGE_INCHES, facecolor=BACKGROUND)
            page(figure, texts, report)
            footer = texts("report.pdf.page", page=number, pages=len(pages))
            put_text(figure, RIGHT, 0.03, footer, size=9, color=MUTED, ha="right")
            put_text(figure, LEFT, 0.03, _title(texts, report), size=9, color=MUTED)
            pdf.savefig(figure)
    logger.info(
        "report of %s for %s: %d pages", report.subject.name, report.period.label, len(pages)
    )
    return len(pages)


def _title(texts: Texts, report: Report) -> str:
    whose = texts("team.company") if report.subject.id is None else report.subject.name
    return texts("report.title", whose=whose, period=texts.period(report.period))


def _heading(figure: Figure, title: str, subtitle: str = "") -> None:
    put_text(figure, LEFT, 0.93, title, size=20, weight="bold", va="top")
    if subtitle:
        put_text(figure, LEFT, 0.875, subtitle, size=11, color=MUTED, va="top")


def _lines(
    figure: Figure, x: float, y: float, title: str, lines: Sequence[str], *, none: str = ""
) -> float:
    """A section: its title in bold, then its lines; returns where the next one starts."""
    put_text(figure, x, y, title, size=13, weight="bold", va="top")
    y -= LINE * 1.2
    for line in lines or [none]:
        put_text(figure, x, y, line, size=10.5, color=INK if lines else MUTED, va="top")
        y -= LINE
    return y - LINE * 0.6


def _table(
    figure: Figure,
    x: float,
    y: float,
    title: str,
    columns: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[str]],
    texts: Texts,
    *,
    limit: int = ROWS,
) -> float:
    """A section with a table: column heads muted, then a row per line; returns where
    the next section starts. Each column is (head, width in page widths)."""
    put_text(figure, x, y, title, size=13, weight="bold", va="top")
    y -= LINE * 1.2
    if not rows:
        put_text(figure, x, y, texts("report.none"), size=10.5, color=MUTED, va="top")
        return y - LINE * 1.6
    for number, row in enumerate([[head for head, _ in columns], *rows[:limit]]):
        left = x
        for (_, width), cell in zip(columns, row, strict=True):
            colour = MUTED if number == 0 else INK
            drawn = put_text(figure, left, y, cell, size=10, color=colour, va="top")
            fit_width(figure, drawn, width - 0.008)  # a long deal name gives way
            left += width
        y -= LINE * 0.9
    shown = min(len(rows), limit)
    if len(rows) > shown:
        more = texts("report.more", count=texts.number(len(rows) - shown))
        put_text(figure, x, y, more, size=10, color=MUTED, va="top")
        y -= LINE
    return y - LINE * 0.6


# -- page 1 ------------------------------------------------------------------------


def _cover(figure: Figure, texts: Texts, report: Report) -> None:
    total, trend = report.total, report.trend
    put_text(figure, LEFT, 0.86, texts("report.pdf.title"), size=30, weight="bold", color=RESULT)
    whose = texts("team.company") if report.subject.id is None else report.subject.name
    cover = texts("report.pdf.cover", whose=whose, period=texts.period(report.period))
    put_text(figure, LEFT, 0.78, cover, size=20)
    period = report.period
    span = texts(
        "report.pdf.span",
        start=texts.day(period.start),
        end=texts.day(period.end),
        day=texts.day(report.through),
        previous=texts.period(report.previous_period),
    )
    put_text(figure, LEFT, 0.72, span, size=12, color=MUTED)

    before = trend.previous
    tiles = [
        ("report.pdf.won", texts.money(total.won_revenue), texts.money(before.won_revenue),
         signed_money(texts, trend.won_change)),
        ("report.pdf.attainment", texts.percent(total.attainment),
         texts.percent(before.attainment), points(texts, trend.attainment_change)),
        ("report.pdf.quota", texts.money(total.quota), texts.money(before.quota), ""),
        ("report.pdf.deals_won", texts.number(total.deals_won), texts.number(before.deals_won),
         signed_count(texts, trend.deals_won_change)),
        ("report.pdf.win_rate", texts.percent(total.win_rate), texts.percent(before.win_rate),
         points(texts, trend.win_rate_change)),
        ("report.pdf.average_deal", texts.money(total.average_deal_size),
         texts.money(before.average_deal_size), _money_change(texts, total.average_deal_size,
                                                              before.average_deal_size)),
    ]  # fmt: skip
    for index, (key, value, then, change) in enumerate(tiles):
        x = LEFT + (index % 3) * 0.31
        y = 0.60 - (index // 3) * 0.2
        put_text(figure, x, y, texts(key), size=12, color=MUTED, va="top")
        put_text(figure, x, y - 0.035, value, size=26, weight="bold", color=RESULT, va="top")
        previous = texts(
            "report.pdf.then", value=then, period=texts.period(report.previous_period)
        )
        if change:
            previous += f" ({change})"
        put_text(figure, x, y - 0.11, previous, size=10.5, color=MUTED, va="top")

    summary = texts(
        "report.pdf.summary",
        hit=texts.number(len(report.hit_target)),
        people=texts.plural("count.people", len(report.reps)),
        lost=texts.plural("count.deals", len(report.lost)),
        lost_amount=texts.money(report.lost_amount),
        slipped=texts.plural("count.open_deals", len(report.slipped)),
        slipped_amount=texts.money(report.slipped_amount),
    )
    put_text(figure, LEFT, 0.17, summary, size=12, va="top")


def _money_change(texts: Texts, now: Decimal | None, then: Decimal | None) -> str:
    return "" if now is None or then is None else signed_money(texts, now - then)


# -- page 2 ------------------------------------------------------------------------


def _attainment(figure: Figure, texts: Texts, report: Report) -> None:
    _heading(figure, texts("report.pdf.attainment_by_rep"), texts("report.pdf.attainment_note"))

    def highest_first(card: Scorecard) -> tuple[Decimal, str]:
        attained = card.attainment if card.attainment is not None else Decimal(-1)
        return -attained, card.subject.name.casefold()

    cards = sorted((rep.card for rep in report.reps), key=highest_first)
    rows = [_attainment_bar(texts, card) for card in cards[:CHART_REPS]]
    if len(cards) > CHART_REPS:
        more = texts("report.more", count=texts.number(len(cards) - CHART_REPS))
        put_text(figure, LEFT, 0.07, more, size=10, color=MUTED)
    mark = texts("report.pdf.quota_line")
    if len(report.teams) < 2:
        bars(figure.add_axes((0.22, 0.1, 0.68, 0.72)), rows, marker=100.0, mark=mark)
        return
    bars(figure.add_axes((0.17, 0.1, 0.38, 0.72)), rows, marker=100.0, mark=mark)
    put_text(figure, 0.70, 0.84, texts("report.teams"), size=13, weight="bold")
    teams = [_attainment_bar(texts, card) for card in report.teams]
    bars(figure.add_axes((0.70, 0.45, 0.22, 0.37)), teams, marker=100.0, mark=mark)


def _attainment_bar(texts: Texts, card: Scorecard) -> Bar:
    """A bar of attainment in percent; orange at or above quota."""
    name, attainment = card.subject.name, card.attainment
    if attainment is None:
        return Bar(name, None, texts("team.no_quota", won=texts.money(card.won_revenue)))
    return Bar(name, float(attainment * 100), texts.percent(attainment), attainment >= 1)


# -- page 3 ------------------------------------------------------------------------


def _successes(figure: Figure, texts: Texts, report: Report) -> None:
    _heading(figure, texts("report.pdf.successes"), _title(texts, report))
    name, value, then = (
        texts("report.pdf.rep"),
        texts("report.pdf.value"),
        texts("report.pdf.then.head"),
    )
    hit = [
        [
            rep.card.subject.name,
            texts.percent(rep.card.attainment),
            texts.money(rep.card.won_revenue),
        ]
        for rep in report.hit_target
    ]
    y = _table(
        figure, LEFT, 0.82, texts("report.hit"),
        [(name, 0.18), (texts("report.pdf.attainment"), 0.1), (texts("report.pdf.won"), 0.12)],
        hit, texts,
    )  # fmt: skip
    improved = [
        [
            rep.card.subject.name,
            texts.percent(rep.previous.attainment if rep.previous else None),
            texts.percent(rep.card.attainment),
            points(texts, rep.attainment_change),
        ]
        for rep in report.most_improved
    ]
    y = _table(
        figure, LEFT, y, texts("report.improved"),
        [(name, 0.18), (then, 0.08), (value, 0.08), (texts("report.pdf.change"), 0.08)],
        improved, texts,
    )  # fmt: skip
    best = [
        texts("report.pdf.win_rate_line", name=rep.card.subject.name,
              rate=texts.percent(rep.card.win_rate), won=rep.card.deals_won, closed=rep.closed)
        for rep in report.best_win_rate
    ]  # fmt: skip
    minimum = texts("report.pdf.win_rate_none", minimum=MIN_CLOSED_FOR_WIN_RATE)
    _lines(figure, LEFT, y, texts("report.pdf.best_win_rate"), best, none=minimum)

    wins = [
        [str(number), deal.name or texts("deal.unnamed"), deal.owner, texts.money(deal.amount)]
        for number, deal in enumerate(report.wins, start=1)
    ]
    columns = [
        ("", 0.025), (texts("report.pdf.deal"), 0.2), (texts("report.pdf.rep"), 0.12),
        (texts("report.pdf.amount"), 0.08),
    ]  # fmt: skip
    _table(figure, MIDDLE, 0.82, texts("report.wins"), columns, wins, texts)
    if wins:
        shown = [
            Bar(f"{number}. {deal.owner}", float(deal.amount or 0), texts.money(deal.amount))
            for number, deal in enumerate(report.wins, start=1)
        ]
        bars(figure.add_axes((MIDDLE + 0.14, 0.1, 0.2, 0.34)), shown)


# -- page 4 ------------------------------------------------------------------------


def _failures(figure: Figure, texts: Texts, report: Report) -> None:
    _heading(figure, texts("report.pdf.failures"), _title(texts, report))
    missed = [
        [rep.card.subject.name, texts.money(rep.shortfall), texts.percent(rep.card.attainment)]
        for rep in report.missed
    ]
    key = "report.missed" if report.finished else "report.short"
    y = _table(
        figure, LEFT, 0.82, texts(key),
        [(texts("report.pdf.rep"), 0.2), (texts("report.pdf.short"), 0.1),
         (texts("report.pdf.attainment"), 0.1)],
        missed, texts, limit=FAILURE_ROWS,
    )  # fmt: skip
    slipped = [
        [deal.name or texts("deal.unnamed"), deal.owner, texts.money(deal.amount),
         texts.day(deal.close_date)]
        for deal in report.slipped
    ]  # fmt: skip
    title = texts("report.pdf.slipped", amount=texts.money(report.slipped_amount))
    _table(
        figure, LEFT, y, title,
        [(texts("report.pdf.deal"), 0.17), (texts("report.pdf.rep"), 0.13),
         (texts("report.pdf.amount"), 0.08), (texts("report.pdf.due"), 0.1)],
        slipped, texts, limit=FAILURE_ROWS,
    )  # fmt: skip

    x = MIDDLE
    title = texts("report.pdf.lost", amount=texts.money(report.lost_amount))
    put_text(figure, x, 0.82, title, size=13, weight="bold", va="top")
    stages = [
        Bar(item.stage or texts("report.stage_unknown"), float(item.amount),
            f"{texts.money(item.amount)} · {texts.plural('count.deals', item.deals)}")
        for item in report.losses_by_stage[:8]
    ]  # fmt: skip
    if stages:
        bars(figure.add_axes((x + 0.14, 0.5, 0.14, 0.26)), stages, room=2.2)
    else:
        put_text(figure, x, 0.76, texts("report.none"), size=10.5, color=MUTED)

    forecast = report.forecast
    put_text(figure, x, 0.42, texts("report.pdf.forecast"), size=13, weight="bold", va="top")
    rows = [
        Bar(texts("report.pdf.actual"), float(forecast.closed), texts.money(forecast.closed)),
        Bar(texts("report.pdf.commit"), float(forecast.commit_total),
            texts.money(forecast.commit_total)),
        Bar(texts("report.pdf.best_case"), float(forecast.best_case_total),
            texts.money(forecast.best_case_total)),
        Bar(texts("report.pdf.weighted"), float(forecast.weighted_projection),
            texts.money(forecast.weighted_projection)),
    ]  # fmt: skip
    quota = float(forecast.quota) if forecast.quota is not None else None
    bars(figure.add_axes((x + 0.14, 0.16, 0.2, 0.2)), rows, marker=quota,
         mark=texts("report.pdf.quota_line"))  # fmt: skip
    note = texts("report.pdf.forecast_note", day=texts.day(report.through))
    for number, line in enumerate(textwrap.wrap(note, 70)):
        put_text(figure, x, 0.085 - number * 0.022, line, size=9, color=MUTED)


# -- page 5 ------------------------------------------------------------------------


def _trend(figure: Figure, texts: Texts, report: Report) -> None:
    previous = texts.period(report.previous_period)
    if not report.finished:
        previous = texts("report.to_date", period=previous)
    _heading(figure, texts("report.pdf.trend", previous=previous), _title(texts, report))
    trend, now, then = report.trend, report.trend.current, report.trend.previous
    rows = [
        [texts("report.pdf.won"), texts.money(now.won_revenue), texts.money(then.won_revenue),
         signed_money(texts, trend.won_change)],
        [texts("report.pdf.attainment"), texts.percent(now.attainment),
         texts.percent(then.attainment), points(texts, trend.attainment_change)],
        [texts("report.pdf.deals_won"), texts.number(now.deals_won),
         texts.number(then.deals_won), signed_count(texts, trend.deals_won_change)],
        [texts("report.pdf.deals_lost"), texts.number(now.deals_lost),
         texts.number(then.deals_lost), signed_count(texts, now.deals_lost - then.deals_lost)],
        [texts("report.pdf.win_rate"), texts.percent(now.win_rate), texts.percent(then.win_rate),
         points(texts, trend.win_rate_change)],
        [texts("report.pdf.average_deal"), texts.money(now.average_deal_size),
         texts.money(then.average_deal_size),
         _money_change(texts, now.average_deal_size, then.average_deal_size)],
    ]  # fmt: skip
    columns = [
        ("", 0.13), (texts.period(report.period), 0.1),
        (texts.period(report.previous_period), 0.1), (texts("report.pdf.change"), 0.1),
    ]  # fmt: skip
    _table(figure, LEFT, 0.82, texts("report.pdf.figures"), columns, rows, texts)

    ranked = sorted(report.reps, key=lambda rep: (-rep.card.won_revenue, rep.card.subject.name))
    reps = ranked[:TREND_REPS]
    put_text(figure, MIDDLE, 0.82, texts("report.pdf.won_by_rep"), size=13,
             weight="bold", va="top")  # fmt: skip
    paired_bars(
        figure.add_axes((MIDDLE + 0.14, 0.1, 0.24, 0.62)),
        [rep.card.subject.name for rep in reps],
        [float(rep.card.won_revenue) for rep in reps],
        [float(rep.previous.won_revenue) if rep.previous else 0.0 for rep in reps],
        (
            [texts.money(rep.card.won_revenue) for rep in reps],
            [texts.money(rep.previous.won_revenue if rep.previous else None) for rep in reps],
        ),
        (texts.period(report.period), texts.period(report.previous_period)),
    )
