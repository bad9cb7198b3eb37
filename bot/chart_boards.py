"""Bar charts of many rows: a leaderboard's top places, and open pipeline by stage.

Both draw names at the left in a column of fixed width, bars to their right and each
value at the end of its bar, so a reader never needs an axis. The axes' place is
fixed rather than fitted to the labels: a 200-character name is shortened, never
allowed to squeeze the bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from babel import Locale
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.chart_labels import ALT_NAME_LIMIT, alt, drawing_locale, label, shorten
from bot.chart_theme import (
    GRID,
    HIGHLIGHT,
    INK,
    LABEL_SIZE,
    LEFT,
    MUTED,
    RESULT,
    TICK_SIZE,
    Chart,
    add_heading,
    draw,
    fit_width,
    plain_axes,
    put_text,
)
from bot.chart_words import words_for
from bot.formatting import (
    LocaleLike,
    format_compact_money,
    format_money,
    format_number,
    format_percent,
    format_period,
    format_points_change,
    reader_locale,
)
from core.results import Leaderboard, LeaderboardRow, PipelineHealth, StageSummary, Unit

MAX_STAGES = 8  # more stages are added up into one last bar
BAR_HEIGHT = 0.66  # of a row's slot
MIN_SLOTS = 6
PLOT = (0.335, 0.05, 0.625, 0.73)  # left, bottom, width, height in figure fractions
GAP = 0.6  # extra space, in slots, before the asker's row when it is outside the top


@dataclass(frozen=True, slots=True)
class Bar:
    position: float  # slots from the top
    name: str  # the name column's text
    value: float | None  # None: no bar, only its text
    text: str  # the value as written at the bar's end
    highlighted: bool = False


def chart_rows(board: Leaderboard, top: int, highlight: int | None = None) -> Leaderboard:
    """The board cut to what its chart draws: the first `top` ranked rows, and the row
    of `highlight` wherever it is. The chart of the cut board is the chart of the whole
    one, and it travels to a drawing process in a few hundred bytes, not megabytes."""
    ranked = [row for row in board.rows if row.rank is not None and row.value is not None]
    rows = ranked[:top]
    if highlight is not None and all(row.subject.id != highlight for row in rows):
        rows += [row for row in board.rows if row.subject.id == highlight][:1]
    return replace(board, rows=tuple(rows))


def leaderboard_chart(
    board: Leaderboard,
    locale: LocaleLike,
    highlight: int | None = None,
    top: int = 10,
    *,
    currency: str,
) -> Chart:
    """The board's first `top` places; the row of subject id `highlight` stands out, and
    follows after a gap when it is not among them."""
    if top < 1:
        raise ValueError(f"a leaderboard chart shows at least one row, not {top}")
    reader = reader_locale(locale)
    shown = drawing_locale(reader, currency)
    ranked = [row for row in board.rows if row.rank is not None and row.value is not None]
    leaders = ranked[:top]
    extra: LeaderboardRow | None = None
    if highlight is not None and all(row.subject.id != highlight for row in leaders):
        extra = next((row for row in board.rows if row.subject.id == highlight), None)
    alt_text = _board_alt(board, leaders, extra, reader, currency)

    written = words_for(shown)
    bars: list[Bar] = []
    for place, row in enumerate([*leaders, extra] if extra is not None else leaders):
        rank = f"{row.rank}." if row.rank is not None else "–"
        bars.append(
            Bar(
                position=place + (GAP if row is extra else 0.0),
                name=f"{rank} {label(row.subject.name)}",
                value=float(row.value) if row.value is not None else None,
                text=written.not_ranked
                if row.value is None
                else _value(board.unit, row.value, shown, currency, compact=True),
                highlighted=row.subject.id == highlight,
            )
        )

    def build(figure: Figure) -> None:
        add_heading(figure, written.metrics[board.metric], format_period(board.period, shown))
        if not bars:
            put_text(figure, 0.5, 0.42, written.empty_board, color=MUTED, ha="center")
            return
        axes = _bar_axes(figure, bars)
        if extra is not None:
            # A faint rule across the gap says that places are skipped.
            line = len(leaders) - 0.5 + GAP / 2
            axes.axhline(line, color=GRID, linewidth=1.5, linestyle=(0, (2, 3)))

    return draw(build, alt(alt_text))


def _board_alt(
    board: Leaderboard,
    leaders: Sequence[LeaderboardRow],
    extra: LeaderboardRow | None,
    locale: Locale,
    currency: str,
) -> str:
    """The places shown, then the asker's own when it is not among them."""
    words = words_for(locale)
    metric, period = words.metrics[board.metric].lower(), format_period(board.period, locale)
    rows = [
        words.alt_board_row.format(
            rank=row.rank,
            name=shorten(row.subject.name, ALT_NAME_LIMIT),
            value=_value(board.unit, row.value, locale, currency),
        )
        for row in leaders
        if row.value is not None
    ]
    if rows:
        text = words.alt_board.format(metric=metric, period=period, rows="; ".join(rows))
    else:
        text = words.alt_empty_board.format(metric=metric, period=period)
    if extra is None:
        return text
    name = shorten(extra.subject.name, ALT_NAME_LIMIT)
    if extra.rank is None or extra.value is None:
        return text + words.alt_board_extra_unranked.format(name=name)
    value = _value(board.unit, extra.value, locale, currency)
    return text + words.alt_board_extra.format(name=name, rank=extra.rank, value=value)


def _value(
    unit: Unit, value: Decimal, locale: Locale, currency: str, *, compact: bool = False
) -> str:
    """A board's value in its unit: money (short on bars), a percentage or a count."""
    if unit is Unit.MONEY and compact:
        return format_compact_money(value, currency, locale)
    if unit is Unit.MONEY:
        return format_money(value, currency, locale, whole=True)
    if unit is Unit.RATIO:
        return format_percent(value, locale)
    if unit is Unit.RATIO_CHANGE:
        return words_for(locale).points_change.format(value=format_points_change(value, locale))
    return format_number(value, locale)


def pipeline_chart(health: PipelineHealth, locale: LocaleLike, *, currency: str) -> Chart:
    """Open pipeline by stage, the largest first, with each stage's amount and deals."""
    reader = reader_locale(locale)
    shown = drawing_locale(reader, currency)
    alt_text = _pipeline_alt(health, reader, currency)

    written = words_for(shown)
    bars = [
        Bar(
            position=float(place),
            name=label(stage.stage),
            value=float(stage.amount),
            text=format_compact_money(stage.amount, currency, shown)
            + f" · {written.deal_count(stage.deals, shown)}",
        )
        for place, stage in enumerate(_merged(health.by_stage, written.other_stages))
    ]

    def build(figure: Figure) -> None:
        title = f"{written.open_pipeline} · {label(health.subject.name)}"
        if not bars:
            add_heading(figure, title)
            put_text(figure, 0.5, 0.42, written.no_open_deals, color=MUTED, ha="center")
            return
        total = written.in_deals.format(
            amount=format_money(health.open_amount, currency, shown, whole=True),
            deals=written.deal_count(health.open_deals, shown),
        )
        add_heading(figure, title, total)
        _bar_axes(figure, bars)

    return draw(build, alt(alt_text))


def _pipeline_alt(health: PipelineHealth, locale: Locale, currency: str) -> str:
    words = words_for(locale)
    name = shorten(health.subject.name, ALT_NAME_LIMIT)
    if not health.by_stage:
        return words.alt_no_pipeline.format(name=name)

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale, whole=True)

    stages = "; ".join(
        words.alt_pipeline_stage.format(
            stage=shorten(stage.stage, ALT_NAME_LIMIT),
            amount=money(stage.amount),
            deals=words.deal_count(stage.deals, locale),
        )
        for stage in health.by_stage
    )
    return words.alt_pipeline.format(
        name=name,
        amount=money(health.open_amount),
        deals=words.deal_count(health.open_deals, locale),
        stages=stages,
    )


def _merged(stages: Sequence[StageSummary], other: str) -> list[StageSummary]:
    """At most MAX_STAGES bars: the smallest stages add up into one last bar."""
    if len(stages) <= MAX_STAGES:
        return list(stages)
    rest = stages[MAX_STAGES - 1 :]
    summed = StageSummary(
        stage=f"{other} ({len(rest)})",
        deals=sum(stage.deals for stage in rest),
        amount=sum((stage.amount for stage in rest), Decimal("0.00")),
        average_age_days=None,
    )
    return [*stages[: MAX_STAGES - 1], summed]


def _bar_axes(figure: Figure, bars: Sequence[Bar]) -> Axes:
    """Horizontal bars, top to bottom, each named on the left and valued at its end."""
    axes = figure.add_axes(PLOT)
    plain_axes(axes)
    # At least MIN_SLOTS rows of room, so that two bars are not drawn as thick as slabs.
    bottom = max(max(bar.position for bar in bars) + 0.5, MIN_SLOTS - 0.5)
    axes.set_ylim(bottom, -0.5)  # the first bar at the top
    size = LABEL_SIZE if bottom <= 8 else TICK_SIZE

    ends: list[tuple[float, Text]] = []
    for bar in bars:
        weight = "bold" if bar.highlighted else "normal"
        name = put_text(
            axes, -0.012, bar.position, bar.name, size=size, weight=weight, ha="right",
            va="center", transform=axes.get_yaxis_transform(),
        )  # fmt: skip
        fit_width(figure, name, PLOT[0] - LEFT - 0.012)
        if bar.value is not None:
            colour = HIGHLIGHT if bar.highlighted else RESULT
            axes.barh(bar.position, bar.value, height=BAR_HEIGHT, color=colour)
        end = max(bar.value or 0.0, 0.0)
        text = put_text(
            axes, end, bar.position, f"  {bar.text}", size=size, weight=weight,
            color=INK if bar.value is not None else MUTED, ha="left", va="center",
        )  # fmt: skip
        ends.append((end, text))

    # Stretch the scale until every bar and the label after it fit: a bar ending at
    # `end` then a label taking a share `taken` of the width need the scale to reach
    # low + (end - low) / (1 - taken).
    width = axes.get_window_extent().width
    low = min([0.0, *(bar.value for bar in bars if bar.value is not None)])
    high = 0.0
    for end, text in ends:
        room = max(1 - text.get_window_extent().width / width, 0.2)
        high = max(high, low + (end - low) / room)
    axes.set_xlim(low, high * 1.02 if high > 0 else 1.0)
    return axes
