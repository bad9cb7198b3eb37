"""Charts for chat replies: PNG images with alt text, in the reader's language and formats.

Each chart function takes a result of core, the reader's locale and the deployment's
currency, and returns a `Chart` (PNG bytes, alt text, size in pixels):

- `attainment_chart(card, locale, currency=...)`: progress toward quota, pace marked;
- `cumulative_chart(series, locale, currency=...)`: won revenue over the period;
- `leaderboard_chart(board, locale, highlight, top, currency=...)`: the top places;
- `pipeline_chart(health, locale, currency=...)`: open pipeline by stage.

The look, the size (1600 x 800 px) and the lock that serialises matplotlib are in
bot.chart_theme; each chart is drawn in a module of its own. A chart takes tens of
milliseconds of CPU: from async code, call it through `render`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec

from bot.chart_attainment import attainment_chart
from bot.chart_boards import leaderboard_chart, pipeline_chart
from bot.chart_cumulative import cumulative_chart
from bot.chart_theme import Chart

__all__ = [
    "Chart",
    "attainment_chart",
    "cumulative_chart",
    "leaderboard_chart",
    "pipeline_chart",
    "render",
]

P = ParamSpec("P")


async def render(function: Callable[P, Chart], *args: P.args, **kwargs: P.kwargs) -> Chart:
    """Run a chart function in a worker thread, so the event loop keeps answering.

    The chart functions hold bot.chart_theme.RENDER_LOCK while matplotlib draws, so
    renders never overlap; the wait for the lock happens in the worker thread, never
    in the event loop.
    """
    return await asyncio.to_thread(function, *args, **kwargs)
