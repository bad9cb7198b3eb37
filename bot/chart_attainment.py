"""Attainment as a progress bar: won revenue toward quota, with the pace marked on it.

The bar runs from nothing to the quota, or on to the attainment when the quota is
passed (250% draws the quota mark two fifths of the way along). Without a quota, or
with a quota of zero, there is nothing to measure against: the chart shows what was
won and says why there is no bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from matplotlib.figure import Figure

from bot.chart_labels import ALT_NAME_LIMIT, alt, drawing_locale, label, shorten
from bot.chart_theme import (
    HEADLINE_SIZE,
    INK,
    LABEL_SIZE,
    LEFT,
    MUTED,
    PACE,
    QUOTA,
    RESULT,
    RIGHT,
    SUBTITLE_SIZE,
    TITLE_Y,
    TRACK,
    Chart,
    add_heading,
    draw,
    plain_axes,
    put_text,
)
from bot.chart_words import ChartWords, words_for
from bot.formatting import LocaleLike, format_money, format_percent, format_period, reader_locale
from core.results import Scorecard

BAR = (LEFT, 0.30, RIGHT - LEFT, 0.17)  # left, bottom, width, height in figure fractions
GUTTER = 0.04  # between the title and the headline figure


@dataclass(frozen=True, slots=True)
class _Figures:
    """The scorecard's figures written for one locale."""

    period: str
    won: str
    quota: str
    attainment: str
    pace: str
    expected: str
    gap: str


def _figures(card: Scorecard, locale: Locale, currency: str) -> _Figures:
    def money(amount: Decimal | None) -> str:
        return format_money(amount or Decimal(0), currency, locale, whole=True)

    return _Figures(
        period=format_period(card.period, locale),
        won=money(card.won_revenue),
        quota=money(card.quota),
        attainment=format_percent(card.attainment or Decimal(0), locale),
        pace=format_percent(card.pace, locale),
        expected=money(card.expected_to_date),
        gap=money(abs(card.pace_gap or Decimal(0))),
    )


def attainment_chart(card: Scorecard, locale: LocaleLike, *, currency: str) -> Chart:
    """A progress bar of the scorecard's won revenue toward its quota, pace marked."""
    reader = reader_locale(locale)
    shown = drawing_locale(reader, currency)
    said, drawn = _figures(card, reader, currency), _figures(card, shown, currency)
    words, spoken = words_for(reader), shorten(card.subject.name, ALT_NAME_LIMIT)
    if card.quota is None:
        alt_text = words.alt_no_quota.format(period=said.period, name=spoken, won=said.won)
    elif card.attainment is None:
        alt_text = words.alt_zero_quota.format(
            period=said.period, name=spoken, won=said.won, quota=said.quota
        )
    else:
        alt_text = words.alt_attainment.format(
            period=said.period, name=spoken, won=said.won, quota=said.quota,
            attainment=said.attainment, pace=said.pace,
        )  # fmt: skip

    def build(figure: Figure) -> None:
        written = words_for(shown)
        axes = figure.add_axes(BAR)
        plain_axes(axes)
        axes.set_ylim(-0.5, 0.5)
        attainment = card.attainment
        if attainment is None:
            # Nothing to measure against: an empty track that says why.
            _headline(figure, card.subject.name, drawn.period, drawn.won, written.won)
            axes.set_xlim(0, 1)
            axes.barh(0, 1, height=1.0, color=TRACK)
            note = (
                written.no_quota.format(period=drawn.period)
                if card.quota is None
                else written.zero_quota.format(quota=drawn.quota)
            )
            put_text(axes, 0.5, 0, note, color=MUTED, ha="center", va="center")
            return

        of_quota = written.of_quota.format(won=drawn.won, quota=drawn.quota)
        _headline(figure, card.subject.name, drawn.period, drawn.attainment, of_quota)
        end = max(float(attainment), 1.0)
        axes.set_xlim(0, end)
        axes.barh(0, end, height=1.0, color=TRACK)
        axes.barh(0, max(float(attainment), 0.0), height=1.0, color=RESULT)

        # The quota above the bar, the pace below: they never collide, even at 100%.
        axes.vlines(1.0, -0.5, 0.72, color=QUOTA, linewidth=2.5, clip_on=False)
        put_text(
            axes, 1.0, 0.8, written.quota_marker, ha=_align(1.0 / end), va="bottom",
            clip_on=False,
        )  # fmt: skip
        marker = min(float(card.pace), end)
        axes.vlines(marker, -0.72, 0.5, color=PACE, linewidth=3.5, clip_on=False)
        put_text(
            axes, marker, -0.8, written.pace_marker.format(pace=drawn.pace), color=PACE,
            weight="bold", ha=_align(marker / end), va="top", clip_on=False,
        )  # fmt: skip
        put_text(
            figure, LEFT, 0.07, _pace_note(card, written, drawn), size=SUBTITLE_SIZE,
            color=MUTED, va="bottom",
        )  # fmt: skip

    return draw(build, alt(alt_text))


def _pace_note(card: Scorecard, words: ChartWords, figures: _Figures) -> str:
    gap = card.pace_gap or Decimal(0)
    if gap == 0:
        return words.on_pace.format(expected=figures.expected)
    template = words.behind_pace if gap < 0 else words.ahead_of_pace
    return template.format(gap=figures.gap, expected=figures.expected)


def _headline(figure: Figure, name: str, period: str, big: str, small: str) -> None:
    """The key figure, large, at the top right; name and period in the room left of it."""
    headline = put_text(
        figure, RIGHT, TITLE_Y + 0.02, big, size=HEADLINE_SIZE, weight="bold", color=RESULT,
        ha="right", va="top",
    )  # fmt: skip
    put_text(figure, RIGHT, 0.79, small, size=LABEL_SIZE + 1, color=INK, ha="right", va="top")
    taken = headline.get_window_extent().width / figure.bbox.width
    add_heading(figure, label(name), period, width=RIGHT - LEFT - taken - GUTTER)


def _align(fraction: float) -> str:
    """Centre a marker's label on it, unless that would push it off the bar's ends."""
    if fraction < 0.08:
        return "left"
    if fraction > 0.92:
        return "right"
    return "center"
