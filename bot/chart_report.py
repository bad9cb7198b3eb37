"""The charts inside the PDF report: drawn onto the axes that the page gives them.

The same look as every chat chart (bot.chart_theme): Okabe and Ito's colours, each
with one meaning (blue results, near-black the quota, orange what stands out), no
frame, values written at the ends of the bars. Each function fills one axes; the
page (bot.report_pdf) places it, so these hold no sizes of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from bot.chart_labels import label
from bot.chart_theme import HIGHLIGHT, INK, MUTED, QUOTA, RESULT, plain_axes, put_text

PREVIOUS = "#9DC3E6"  # the previous period: a paler blue, and hatched, so colour is not all
TEXT_SIZE = 10.0


@dataclass(frozen=True, slots=True)
class Bar:
    name: str
    value: float | None  # None: nothing to draw, only `text`
    text: str
    stands_out: bool = False


def bars(
    axes: Axes,
    rows: Sequence[Bar],
    *,
    marker: float | None = None,
    mark: str = "",
    room: float = 1.35,
) -> None:
    """Horizontal bars top to bottom, named on the left, valued at their ends; a
    vertical line at `marker` (the quota) when given. The scale runs to `room` times
    the longest bar, leaving the rest for the value written after it."""
    plain_axes(axes)
    if not rows:
        return
    size = TEXT_SIZE if len(rows) <= 20 else TEXT_SIZE - 2
    axes.set_ylim(max(len(rows), 6) - 0.5, -0.5)
    values = [row.value for row in rows if row.value is not None]
    high = max([*values, marker or 0.0, 0.0]) or 1.0
    axes.set_xlim(min([*values, 0.0]), high * room)
    for place, row in enumerate(rows):
        put_text(
            axes, -0.01, place, label(row.name), size=size, ha="right", va="center",
            transform=axes.get_yaxis_transform(),
        )  # fmt: skip
        if row.value is not None:
            colour = HIGHLIGHT if row.stands_out else RESULT
            axes.barh(place, row.value, height=0.62, color=colour)
        put_text(
            axes, max(row.value or 0.0, 0.0), place, f"  {row.text}", size=size,
            color=INK if row.value is not None else MUTED, va="center",
        )  # fmt: skip
    if marker is not None:
        axes.axvline(marker, color=QUOTA, linewidth=1.5, linestyle=(0, (4, 2)))
        put_text(
            axes, marker, -0.02, mark, size=size, color=QUOTA, ha="center", va="top",
            transform=axes.get_xaxis_transform(), clip_on=False,
        )  # fmt: skip


def paired_bars(
    axes: Axes,
    names: Sequence[str],
    now: Sequence[float],
    then: Sequence[float],
    texts: tuple[Sequence[str], Sequence[str]],
    legend: tuple[str, str],
) -> None:
    """Two bars per name, this period over the previous one, for the trend page."""
    plain_axes(axes)
    if not names:
        return
    size = TEXT_SIZE if len(names) <= 12 else TEXT_SIZE - 2
    axes.set_ylim(max(len(names), 6) - 0.5, -0.9)
    high = max([*now, *then, 0.0]) or 1.0
    axes.set_xlim(0, high * 1.3)
    for place, name in enumerate(names):
        put_text(
            axes, -0.01, place, label(name), size=size, ha="right", va="center",
            transform=axes.get_yaxis_transform(),
        )  # fmt: skip
        axes.barh(place - 0.18, now[place], height=0.34, color=RESULT)
        axes.barh(place + 0.18, then[place], height=0.34, color=PREVIOUS, hatch="///",
                  edgecolor="white", linewidth=0)  # fmt: skip
        put_text(axes, now[place], place - 0.18, f"  {texts[0][place]}", size=size - 1,
                 va="center")  # fmt: skip
        put_text(axes, then[place], place + 0.18, f"  {texts[1][place]}", size=size - 1,
                 color=MUTED, va="center")  # fmt: skip
    # The legend: a swatch of each colour with the period it stands for.
    for offset, (text, colour) in enumerate(zip(legend, (RESULT, PREVIOUS), strict=True)):
        x = 0.0 + 0.3 * offset
        axes.add_patch(_swatch(axes, x, colour))
        put_text(axes, x + 0.035, 1.02, text, size=size, transform=axes.transAxes, va="bottom")


def _swatch(axes: Axes, x: float, colour: str) -> Rectangle:
    return Rectangle(
        (x, 1.02), 0.025, 0.025, transform=axes.transAxes, color=colour, clip_on=False,
        hatch="///" if colour == PREVIOUS else None,
    )  # fmt: skip
