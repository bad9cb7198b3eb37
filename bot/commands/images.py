"""Charts for replies, drawn in a worker thread, or left out when the context says so."""

from __future__ import annotations

from collections.abc import Callable

from bot.chart_theme import Chart
from bot.charts import render
from bot.registry import ChatContext


async def drawn(context: ChatContext, draw: Callable[[], Chart]) -> tuple[Chart, ...]:
    """The chart that `draw` makes, as a reply's images; none when charts are off."""
    if not context.charts:
        return ()
    return (await render(draw),)
