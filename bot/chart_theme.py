"""The one look of every chart, and the one place where matplotlib draws.

Size: every chart is an 8 x 4 inch figure drawn at 200 dpi, a 1600 x 800 px PNG: an
800 x 400 design at twice the pixels, so that it stays sharp on phones and high-density
screens. Chat clients scale a message image down to the width of their column and cap
its height, so a wide 2:1 image loses the least on a phone held upright, where it is
shown about 360 px wide. Type is large for the canvas (14 pt labels are 1/41 of the
width) so that it still reads at that size.

Palette: Okabe and Ito's colour-blind-safe set, each colour with one meaning in every
chart (blue: results; vermilion: pace; orange: the asker's own row; near-black: the
quota). Lines that must be told apart differ in style too (solid, dashed, dotted), so
no reading depends on colour alone. White background, no frame, no 3-D, no shadows:
only the spines and grid lines that help to read a value.

Threads: matplotlib is not thread-safe (its text, font and mathtext caches are shared
module state), and a Slack or Teams server answers many people at once. Every figure
is therefore built and saved while holding RENDER_LOCK, in a worker thread (see
`bot.charts.render`), so the event loop never waits and two figures never interleave.
Only the object API is used (`Figure` and the Agg canvas): pyplot's global "current
figure" would leak state between threads and keep every figure alive.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.chart_labels import FONT, drawable, shorten

logger = logging.getLogger(__name__)

WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 4.0, 200
WIDTH_PX, HEIGHT_PX = int(WIDTH_INCHES * DPI), int(HEIGHT_INCHES * DPI)

# Okabe & Ito (2008), "Color Universal Design".
BLUE = "#0072B2"
VERMILION = "#D55E00"
ORANGE = "#E69F00"

RESULT = BLUE
PACE = VERMILION
HIGHLIGHT = ORANGE
QUOTA = "#1A1A1A"
INK = "#1A1A1A"  # text
MUTED = "#5F5F5F"  # secondary text: 6.4:1 on white, readable when scaled down
TRACK = "#E3E3E3"  # the empty part of a progress bar
GRID = "#E8E8E8"
BACKGROUND = "#FFFFFF"

TITLE_SIZE = 18.0
SUBTITLE_SIZE = 14.0
LABEL_SIZE = 14.0
TICK_SIZE = 12.5
HEADLINE_SIZE = 34.0

# Margins in figure fractions, shared so that the charts line up in a channel.
LEFT, RIGHT = 0.04, 0.96
TITLE_Y, SUBTITLE_Y = 0.935, 0.845

RENDER_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart: PNG bytes, what it shows in words, and its size in pixels."""

    png: bytes
    alt_text: str
    width: int
    height: int


def draw(build: Callable[[Figure], None], alt_text: str) -> Chart:
    """Build a figure with `build` and render it to a PNG, one figure at a time."""
    with RENDER_LOCK:
        figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI, facecolor=BACKGROUND)
        FigureCanvasAgg(figure)  # attaches itself to the figure: no global backend
        build(figure)
        buffer = io.BytesIO()
        # No "Software" entry: an image sent to chat need not name the server's libraries.
        # Light compression: a third larger file, but encoding takes half the time, and
        # drawing is what a busy server waits on, not the upload of 70 KB.
        figure.savefig(
            buffer,
            format="png",
            dpi=DPI,
            metadata={"Software": None},
            pil_kwargs={"compress_level": 1},
        )
    png = buffer.getvalue()
    logger.debug("chart drawn: %s bytes", len(png))
    return Chart(png=png, alt_text=alt_text, width=WIDTH_PX, height=HEIGHT_PX)


def put_text(
    target: Figure | Axes,
    x: float,
    y: float,
    text: str,
    *,
    size: float = LABEL_SIZE,
    color: str = INK,
    weight: str = "normal",
    **layout: object,
) -> Text:
    """Text in the theme's font, only with glyphs it has, never read as mathtext.

    Names may hold "$" signs, which matplotlib would otherwise take for formulas.
    """
    return target.text(
        x,
        y,
        drawable(text),
        fontfamily=FONT,
        fontsize=size,
        color=color,
        fontweight=weight,
        parse_math=False,
        **layout,  # type: ignore[arg-type]
    )


def fit_width(figure: Figure, text: Text, width: float) -> None:
    """Shorten a drawn text with an ellipsis until it spans at most `width` of the figure.

    Measured, not counted: "WWWW" is twice as wide as "iiii", and only the renderer
    knows the widths of the font's glyphs.
    """
    limit = width * figure.bbox.width
    full = text.get_text()
    if text.get_window_extent().width <= limit:
        return
    fits, low, high = 1, 1, len(full) - 1
    while low <= high:  # the longest prefix that fits, by halving
        middle = (low + high) // 2
        text.set_text(shorten(full, middle))
        if text.get_window_extent().width <= limit:
            fits, low = middle, middle + 1
        else:
            high = middle - 1
    text.set_text(shorten(full, fits))


def add_heading(
    figure: Figure, title: str, subtitle: str = "", *, width: float = RIGHT - LEFT
) -> None:
    """The title at the top left, with an optional line below it in a quieter voice."""
    heading = put_text(figure, LEFT, TITLE_Y, title, size=TITLE_SIZE, weight="bold", va="top")
    fit_width(figure, heading, width)
    if subtitle:
        below = put_text(
            figure, LEFT, SUBTITLE_Y, subtitle, size=SUBTITLE_SIZE, color=MUTED, va="top"
        )
        fit_width(figure, below, width)


def plain_axes(axes: Axes) -> None:
    """No frame, no ticks: for bars and progress tracks that label their own values."""
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_facecolor(BACKGROUND)


def value_axes(axes: Axes) -> None:
    """A bottom spine and light horizontal grid lines, for a line chart over time."""
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    axes.set_facecolor(BACKGROUND)
    axes.tick_params(
        labelsize=TICK_SIZE,
        labelfontfamily=FONT,
        labelcolor=MUTED,
        color=MUTED,
        length=4,
    )
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="y", color=GRID, linewidth=1.0)
    axes.set_axisbelow(True)


def tick_text(text: str) -> str:
    """A tick label made safe from mathtext: ticks cannot turn parse_math off."""
    return text.replace("$", r"\$")
