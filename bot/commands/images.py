"""Charts for replies, drawn away from the event loop, or left out when the context says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

from bot.chart_theme import Chart
from bot.charts import render
from bot.registry import ChatContext

P = ParamSpec("P")


async def drawn(
    context: ChatContext, chart: Callable[P, Chart], *args: P.args, **kwargs: P.kwargs
) -> tuple[Chart, ...]:
    """`chart(*args, **kwargs)` as a reply's images; none when charts are off.

    The arguments may travel to a drawing process (see bot.charts.render): pass the
    chart function and its picklable arguments, not a closure.
    """
    if not context.charts:
        return ()
    return (await render(chart, *args, **kwargs),)
