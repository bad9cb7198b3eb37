"""Won revenue adding up over a period, against the pace line and the quota.

The x axis counts days from the period's start: day i runs from x = i to x = i + 1.
Each running total is drawn at the end of its day and rises within the day of the
win, so the step and the pace line (quota x pace at each day's end, flat over
weekends and holidays) can be compared at any point.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.chart_labels import ALT_NAME_LIMIT, FONT, alt, drawing_locale, label, shorten
from bot.chart_theme import (
    BACKGROUND,
    LABEL_SIZE,
    MUTED,
    PACE,
    QUOTA,
    RESULT,
    RIGHT,
    SUBTITLE_Y,
    TICK_SIZE,
    Chart,
    add_heading,
    draw,
    put_text,
    value_axes,
)
from bot.chart_words import words_for
from bot.formatting import (
    LocaleLike,
    format_compact_money,
    format_day,
    format_day_short,
    format_money,
    format_period,
    reader_locale,
)
from core.series import RevenueSeries

PLOT = (0.115, 0.13, 0.845, 0.63)  # left, bottom, width, height in figure fractions
MAX_TICKS = 7


def cumulative_chart(series: RevenueSeries, locale: LocaleLike, *, currency: str) -> Chart:
    """Cumulative won revenue of the series, its pace line, its quota and the as-of point."""
    reader = reader_locale(locale)
    shown = drawing_locale(reader, currency)
    alt_text = _alt(series, reader, currency)
    quota, expected = series.quota, series.expected

    def compact(amount: Decimal) -> str:
        return format_compact_money(amount, currency, shown)

    def build(figure: Figure) -> None:
        words, period = words_for(shown), format_period(series.period, shown)
        add_heading(figure, f"{words.won_revenue} · {label(series.subject.name)}", period)
        axes = figure.add_axes(PLOT)
        days = len(series.days)
        top = max([series.total, quota or Decimal(0), *(expected or ())])
        bottom = min([Decimal(0), *series.won])  # below zero only if refunds outweigh wins
        lower, upper = float(bottom), float(top) * 1.15 or 1.0
        axes.set_xlim(0, days)
        axes.set_ylim(lower, upper)
        value_axes(
            axes,
            [(index, format_day_short(day, shown)) for index, day in _day_ticks(series.days)],
            [(value, compact(Decimal(f"{value:.2f}"))) for value in _money_ticks(lower, upper)],
        )

        handles = []
        if series.won:
            count = len(series.won)
            (won_line,) = axes.plot(
                range(count + 1), [0.0, *map(float, series.won)], color=RESULT, linewidth=3,
                drawstyle="steps-pre", label=words.won_line,
            )  # fmt: skip
            handles.append(won_line)
            axes.plot(
                [count], [float(series.total)], "o", color=RESULT, markersize=9, clip_on=False
            )
            # The total beside its point, on the side with room for it.
            late = count > days * 0.8
            axes.annotate(
                compact(series.total), (count, float(series.total)),
                xytext=(-10 if late else 10, 8), textcoords="offset points",
                ha="right" if late else "left", va="bottom", color=RESULT,
                fontfamily=FONT, fontsize=LABEL_SIZE, fontweight="bold", parse_math=False,
            )  # fmt: skip
        else:
            start = format_day(series.period.start, shown)
            note = words.not_started.format(start=start)
            put_text(
                axes, 0.5, 0.55, note, color=MUTED, ha="center", transform=axes.transAxes,
                bbox={"facecolor": BACKGROUND, "edgecolor": "none", "pad": 6},
            )  # fmt: skip
        if expected is not None:
            (pace_line,) = axes.plot(
                range(days + 1), [0.0, *map(float, expected)], color=PACE, linewidth=2,
                linestyle=(0, (5, 3)), label=words.pace_line,
            )  # fmt: skip
            handles.append(pace_line)
        if quota is not None:
            axes.axhline(float(quota), color=QUOTA, linewidth=1.5, linestyle=":")
            put_text(
                axes, 0.01, float(quota), words.quota_line.format(quota=compact(quota)),
                size=TICK_SIZE, color=QUOTA, va="bottom", transform=axes.get_yaxis_transform(),
            )  # fmt: skip

        # On the period's line, clear of a long title.
        if handles:
            figure.legend(
                handles=handles, loc="upper right", bbox_to_anchor=(RIGHT, SUBTITLE_Y + 0.025),
                ncol=len(handles), frameon=False, prop={"family": FONT, "size": LABEL_SIZE},
                handlelength=2.2, borderaxespad=0,
            )  # fmt: skip

    return draw(build, alt(alt_text))


def _alt(series: RevenueSeries, locale: Locale, currency: str) -> str:
    words, period = words_for(locale), format_period(series.period, locale)
    name = shorten(series.subject.name, ALT_NAME_LIMIT)

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale, whole=True)

    through, quota, expected = series.through, series.quota, series.expected
    if through is None:
        start = format_day(series.period.start, locale)
        return words.alt_not_started.format(period=period, start=start, name=name)
    won, day = money(series.total), format_day(through, locale)
    if quota is None or expected is None:
        return words.alt_cumulative_no_quota.format(name=name, period=period, won=won, day=day)
    return words.alt_cumulative.format(
        name=name,
        period=period,
        won=won,
        day=day,
        expected=money(expected[len(series.won) - 1]),
        quota=money(quota),
    )


def _money_ticks(lower: float, upper: float) -> list[float]:
    """Round amounts from `lower` to `upper`, about five steps apart, in whole units."""
    values = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=True).tick_values(lower, upper)
    return [float(value) for value in values if lower <= value <= upper]


def _day_ticks(days: tuple[date, ...]) -> list[tuple[int, date]]:
    """Days to label on the time axis: Mondays of a month, firsts of a quarter or year."""
    if len(days) <= 14:
        chosen = list(enumerate(days))
    elif len(days) <= 62:
        chosen = [(index, day) for index, day in enumerate(days) if day.weekday() == 0]
    else:
        chosen = [(index, day) for index, day in enumerate(days) if day.day == 1]
    if not chosen or chosen[0][0] > 3:
        chosen.insert(0, (0, days[0]))
    step = -(-len(chosen) // MAX_TICKS)  # at most MAX_TICKS labels: a year has twelve firsts
    return chosen[::step]
