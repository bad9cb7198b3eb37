"""The one look of every chart, and the one place where matplotlib draws.

Size: every chart is an 8 x 4 inch figure drawn at 150 dpi, a 1200 x 600 px PNG: a
600 x 300 design at twice the pixels, so that it stays sharp on phones and high-density
screens (a phone showing it 360 px wide at three device pixels to one needs 1,080).
More pixels would cost drawing time that twenty people asking at once wait for, and
show nothing more. Chat clients scale a message image down to the width of their column and cap
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.markers import TICKDOWN
from matplotlib.text import Text
from matplotlib.transforms import offset_copy
from PIL import Image

from bot.chart_labels import FONT, drawable, shorten

logger = logging.getLogger(__name__)

WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 4.0, 150
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
TICK_LENGTH, TICK_PAD = 4.0, 3.5  # points, as matplotlib's ticks
GRID_ZORDER = 0.5  # grid lines under everything drawn on the axes

# Margins in figure fractions, shared so that the charts line up in a channel.
LEFT, RIGHT = 0.04, 0.96
TITLE_Y, SUBTITLE_Y = 0.935, 0.845

RENDER_LOCK = threading.Lock()
PALETTE_COLOURS = 64
PNG_COMPRESSION = 1  # the quickest level: drawing is what a busy server waits on


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
        canvas = FigureCanvasAgg(figure)  # attaches itself: no global backend
        build(figure)
        # backend_agg has no type hints; draw() renders, buffer_rgba() lends the pixels.
        canvas.draw()  # type: ignore[no-untyped-call]
        rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        pixels = Image.frombuffer("RGBA", canvas.get_width_height(), rgba)
        png = encode(pixels)
    logger.debug("chart drawn: %s bytes", len(png))
    return Chart(png=png, alt_text=alt_text, width=WIDTH_PX, height=HEIGHT_PX)


def encode(pixels: Image.Image) -> bytes:
    """The chart as a PNG of at most PALETTE_COLOURS colours, on its opaque background.

    A chart is a few flat colours plus the shades that smooth its edges and text, so a
    palette of 64 loses nothing the eye can see, and a palette image is a quarter of
    the bytes to compress: encoding takes 12 ms instead of 22 ms, and the file is a
    third of the size. The octree is the quickest way to choose the palette.
    """
    palette = pixels.convert("RGB").quantize(PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE)
    buffer = io.BytesIO()
    # No "Software" entry or other text chunks: an image sent to chat need not name
    # the server's libraries.
    palette.save(buffer, format="PNG", compress_level=PNG_COMPRESSION)
    return buffer.getvalue()


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


def value_axes(
    axes: Axes,
    x_ticks: Sequence[tuple[float, str]],
    y_ticks: Sequence[tuple[float, str]],
) -> None:
    """A bottom spine, light horizontal grid lines and labelled ticks, for a line chart
    over time. Each tick is an (x or y value, label) pair.

    The labels are plain texts, placed where matplotlib's own ticks would put them:
    those measure every label again on each draw, to make room for axis titles that
    these charts do not have, and took half of a chart's drawing time.
    """
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(MUTED)
    axes.set_facecolor(BACKGROUND)
    axes.set_xticks([])
    axes.set_yticks([])

    figure = axes.get_figure(root=True)
    along_x, along_y = axes.get_xaxis_transform(), axes.get_yaxis_transform()
    below = offset_copy(along_x, figure, y=-(TICK_LENGTH + TICK_PAD), units="points")
    beside = offset_copy(along_y, figure, x=-TICK_PAD, units="points")
    for x, text in x_ticks:
        put_text(axes, x, 0, text, size=TICK_SIZE, color=MUTED, ha="center", va="top",
                 transform=below, clip_on=False)  # fmt: skip
    if x_ticks:
        axes.plot(
            [x for x, _ in x_ticks], [0.0] * len(x_ticks), transform=along_x,
            linestyle="none", marker=TICKDOWN, markersize=TICK_LENGTH, markeredgewidth=1.0,
            color=MUTED, clip_on=False,
        )  # fmt: skip
    for y, text in y_ticks:
        axes.axhline(y, color=GRID, linewidth=1.0, zorder=GRID_ZORDER)
        put_text(axes, 0, y, text, size=TICK_SIZE, color=MUTED, ha="right", va="center",
                 transform=beside, clip_on=False)  # fmt: skip
