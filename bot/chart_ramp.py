"""New hires against the ramp: each ramp month, what they won of the full quota.

The ramp's shares are a dashed line; each hire is a line with a point per ramp month
so far. Every word and number arrives written for the reader (the catalogue's texts,
the reader's percentages), so the arguments travel to a drawing process as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure

from bot.chart_labels import FONT, alt, label
from bot.chart_theme import (
    BLUE,
    LABEL_SIZE,
    LEFT,
    ORANGE,
    PACE,
    SUBTITLE_Y,
    Chart,
    add_heading,
    draw,
    value_axes,
)

PLOT = (0.1, 0.15, 0.86, 0.6)  # left, bottom, width, height in figure fractions
# Okabe-Ito, after the theme's own two: colour-blind-safe and apart from the ramp's.
COLOURS = (BLUE, ORANGE, "#009E73", "#CC79A7", "#56B4E9")
SHOWN = len(COLOURS)  # more hires than this are in the alt text only


@dataclass(frozen=True, slots=True)
class RampLine:
    name: str
    actual: tuple[float, ...]  # won over full quota, ramp month by ramp month


@dataclass(frozen=True, slots=True)
class RampWords:
    title: str
    ramp: str  # the legend's name of the ramp line
    months: tuple[str, ...]  # the x labels: "1", "2", ...
    percents: tuple[tuple[float, str], ...]  # y ticks, written for the reader


def ramp_chart(
    shares: tuple[float, ...], hires: tuple[RampLine, ...], words: RampWords, alt_text: str
) -> Chart:
    def build(figure: Figure) -> None:
        add_heading(figure, words.title)
        axes = figure.add_axes(PLOT)
        count = len(shares)
        top = max([1.0, *shares, *(value for hire in hires for value in hire.actual)])
        axes.set_xlim(0.6, count + 0.4)
        axes.set_ylim(0, top * 1.1)
        months = list(range(1, count + 1))
        value_axes(
            axes,
            list(zip(months, words.months, strict=True)),
            [tick for tick in words.percents if tick[0] <= top * 1.1],
        )
        (ramp_line,) = axes.plot(
            months, list(shares), color=PACE, linewidth=2, linestyle=(0, (5, 3)),
            marker="s", label=words.ramp,
        )  # fmt: skip
        handles = [ramp_line]
        for hire, colour in zip(hires[:SHOWN], COLOURS, strict=False):
            (line,) = axes.plot(
                months[: len(hire.actual)], list(hire.actual), color=colour, linewidth=3,
                marker="o", markersize=8, label=label(hire.name),
            )  # fmt: skip
            handles.append(line)
        figure.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(LEFT, SUBTITLE_Y + 0.025),
            ncol=len(handles), frameon=False, prop={"family": FONT, "size": LABEL_SIZE},
            handlelength=2.2, borderaxespad=0,
        )  # fmt: skip

    return draw(build, alt(alt_text))
