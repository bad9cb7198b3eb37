"""`quotabot`: the one entry point. Each family of commands lives in its own module."""

from __future__ import annotations

import gc
import logging
import sys
import tempfile
import traceback
import uuid
from pathlib import Path
from typing import Any

import click
from dotenv import load_dotenv

from core.config import ConfigError
from core.org import AmbiguousNameError, UnknownNameError
from core.periods import PeriodError
from core.scope import ScopeError
from core.storage import DatabaseError
from quotabot.context import AppContext

logger = logging.getLogger(__name__)

# Errors whose message is written for the person at the keyboard: shown as they are.
USER_ERRORS: tuple[type[Exception], ...] = (
    AmbiguousNameError,
    ConfigError,
    DatabaseError,
    PeriodError,
    ScopeError,
    UnknownNameError,
)


class QuotabotGroup(click.Group):
    """The error boundary of the command line: no traceback ever reaches the user."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except USER_ERRORS as error:
            raise click.ClickException(str(error)) from None
        except Exception:
            reference = uuid.uuid4().hex[:8]
            log = Path(tempfile.gettempdir()) / f"quotabot-error-{reference}.log"
            log.write_text(traceback.format_exc(), encoding="utf-8")
            logger.debug("unexpected error %s", reference, exc_info=True)
            raise click.ClickException(
                f"something went wrong inside Quotabot (reference {reference}). "
                f"The details are in {log}; please include them in a bug report."
            ) from None


@click.group(cls=QuotabotGroup)
@click.option(
    "--database",
    metavar="URL",
    envvar="QUOTABOT_DATABASE_URL",
    help="SQLAlchemy URL of the database [default: sqlite:///quotabot.db]",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="QUOTABOT_CONFIG",
    help="Path of quotabot.toml [default: ./quotabot.toml if present]",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens, to standard error.")
@click.pass_context
def main(
    ctx: click.Context, database: str | None, config_path: Path | None, verbose: bool
) -> None:
    """Quotabot: sales performance management in Slack and Microsoft Teams."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = AppContext(database=database, config_path=config_path)
    # Everything loaded so far lives as long as the process: keeping it out of the
    # garbage collector's scans saves tens of milliseconds on every large answer.
    gc.freeze()


def _register() -> None:
    from quotabot import cli_chat, cli_db, cli_demo, cli_import, cli_reports, cli_serve

    for module in (cli_db, cli_demo, cli_import, cli_reports, cli_chat, cli_serve):
        for command in module.COMMANDS:
            main.add_command(command)


load_dotenv()
_register()
