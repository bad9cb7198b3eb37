"""Charts for chat replies: PNG images with alt text, in the reader's language and formats.

Each chart function takes a result of core, the reader's locale and the deployment's
currency, and returns a `Chart` (PNG bytes, alt text, size in pixels):

- `attainment_chart(card, locale, currency=...)`: progress toward quota, pace marked;
- `cumulative_chart(series, locale, currency=...)`: won revenue over the period;
- `leaderboard_chart(board, locale, highlight, top, currency=...)`: the top places;
- `pipeline_chart(health, locale, currency=...)`: open pipeline by stage.

The look, the size (1200 x 600 px) and the lock that serialises matplotlib are in
bot.chart_theme; each chart is drawn in a module of its own. A chart takes tens of
milliseconds of CPU: from async code, call it through `render`.

Where `render` draws: in a worker thread by default, which keeps the event loop free
but still shares this process's one interpreter lock, so twenty people asking at once
wait for twenty charts in a row. A server calls `draw_in_processes` at start: charts
are then drawn by a pool of processes of their own, on every core, while this process
goes on answering. Everything a chart function takes must then be picklable (results
of core, locale names, currency codes), which is why `render` takes the function and
its arguments rather than a closure.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import ParamSpec

from matplotlib.figure import Figure

from bot.chart_attainment import attainment_chart
from bot.chart_boards import chart_rows, leaderboard_chart, pipeline_chart
from bot.chart_cumulative import cumulative_chart
from bot.chart_theme import Chart

__all__ = [
    "Chart",
    "attainment_chart",
    "chart_rows",
    "cumulative_chart",
    "draw_in_processes",
    "leaderboard_chart",
    "pipeline_chart",
    "render",
    "stop_drawing_in_processes",
]

P = ParamSpec("P")
logger = logging.getLogger(__name__)

_processes: ProcessPoolExecutor | None = None
_process_count = 0


def _warm_up() -> None:
    """In a new drawing process: load fonts and caches with one chart nobody sees."""
    from bot.chart_theme import draw, put_text

    def build(figure: Figure) -> None:
        put_text(figure, 0.5, 0.5, "Quotabot")

    draw(build, "")


def _start(count: int) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_warm_up,
    )
    for _ in range(count):  # start them now, not on the first person's question
        pool.submit(int)
    return pool


def draw_in_processes(count: int) -> None:
    """From now on, draw charts in `count` processes of their own (none: in a thread).

    The processes are started fresh ("spawn"), not forked from a process that already
    runs an event loop and threads, and each draws one chart before its first real one.
    """
    global _processes, _process_count
    stop_drawing_in_processes()
    _process_count = count
    if count >= 1:
        _processes = _start(count)
        logger.info("charts are drawn in %d processes", count)


def stop_drawing_in_processes() -> None:
    global _processes
    if _processes is not None:
        _processes.shutdown(wait=True, cancel_futures=True)
        _processes = None


async def render(function: Callable[P, Chart], *args: P.args, **kwargs: P.kwargs) -> Chart:
    """Run a chart function in a drawing process, or else a worker thread, so that the
    event loop keeps answering.

    In a thread, the chart functions hold bot.chart_theme.RENDER_LOCK while matplotlib
    draws, so renders never overlap; the wait for the lock happens in the worker
    thread, never in the event loop. A drawing process that died (killed for memory,
    say) costs one chart drawn in a thread and a fresh pool, never an answer.
    """
    global _processes
    pool = _processes
    if pool is None:
        return await asyncio.to_thread(function, *args, **kwargs)
    try:
        return await asyncio.get_running_loop().run_in_executor(
            pool, partial(function, *args, **kwargs)
        )
    except BrokenProcessPool:
        if pool is _processes:  # the first to notice starts a new pool
            logger.warning("a chart-drawing process stopped; starting new ones")
            pool.shutdown(wait=False)
            _processes = _start(_process_count)
        return await asyncio.to_thread(function, *args, **kwargs)
