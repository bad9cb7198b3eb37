"""`quotabot serve`: the HTTP server with the Slack and Teams adapters."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime

import click
from aiohttp import web

from adapters.slack.config import SlackConfigError
from adapters.slack.delivery import SLACK_FAILURES
from adapters.teams.config import TeamsConfigError
from bot.charts import draw_in_processes, stop_drawing_in_processes
from quotabot.cli_reports import parse_as_of
from quotabot.context import AppContext
from quotabot.server import HEALTH_PATH, build_server

logger = logging.getLogger(__name__)

DEFAULT_PORT = 3978


@click.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=int,
    envvar="QUOTABOT_PORT",
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on [env: QUOTABOT_PORT].",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE|INSTANT",
    help="Answer as of this day or instant, for demos [default: the moment asked].",
)
@click.option(
    "--chart-processes",
    type=click.IntRange(min=0),
    envvar="QUOTABOT_CHART_PROCESSES",
    default=os.cpu_count() or 1,
    show_default="one per CPU",
    help="Processes that draw charts; 0 draws them in a thread of the server "
    "[env: QUOTABOT_CHART_PROCESSES].",
)
@click.option(
    "--no-scheduler",
    is_flag=True,
    help="Post no scheduled posts from this process (another one does, or none should).",
)
@click.pass_obj
def serve(
    app: AppContext,
    host: str,
    port: int,
    as_of: str | None,
    chart_processes: int,
    no_scheduler: bool,
) -> None:
    """Serve Slack (at /slack/events, or over Socket Mode), Teams (at /api/messages) and
    /healthz, and post the scheduled posts."""
    try:
        server = build_server(app, os.environ, now=_fixed(app, as_of), scheduler=not no_scheduler)
    except (SlackConfigError, TeamsConfigError) as error:
        raise click.ClickException(str(error)) from None

    # Twenty people asking at once would otherwise wait for twenty charts in a row.
    draw_in_processes(chart_processes)
    click.echo(f"Quotabot listening on http://{host}:{port} (health: {HEALTH_PATH})")
    try:
        web.run_app(server, host=host, port=port, print=None)
    except SLACK_FAILURES as error:  # Socket Mode could not connect at start-up
        raise click.ClickException(f"could not connect to Slack: {error}") from None
    finally:
        stop_drawing_in_processes()


def _fixed(app: AppContext, as_of: str | None) -> Callable[[], datetime] | None:
    if not as_of:
        return None
    moment = parse_as_of(app, as_of)
    return lambda: moment


COMMANDS = [serve]
