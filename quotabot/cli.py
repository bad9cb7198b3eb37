"""`quotabot`: the one entry point. Each family of commands lives in its own module."""

from __future__ import annotations

import importlib
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
from quotabot import collector
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


# Each command and the module that defines it. A module is imported only when one of
# its commands runs, so `quotabot leaderboard` does not load matplotlib or Bolt.
COMMAND_MODULES = {
    "atrisk": "cli_reports",
    "chat": "cli_chat",
    "contests": "cli_contests",
    "db": "cli_db",
    "demo": "cli_demo",
    "earnings": "cli_earnings",
    "forecast": "cli_reports",
    "import": "cli_import",
    "jobs": "cli_jobs",
    "leaderboard": "cli_reports",
    "notices": "cli_notices",
    "pipeline": "cli_reports",
    "points": "cli_points",
    "preview": "cli_chat",
    "report": "cli_report",
    "scorecard": "cli_reports",
    "serve": "cli_serve",
    "subscriptions": "cli_subscriptions",
    "teams-package": "cli_teams",
}


class QuotabotGroup(click.Group):
    """The error boundary of the command line: no traceback ever reaches the user.

    It also loads each command's module on first use (see COMMAND_MODULES).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        module = importlib.import_module(f"quotabot.{COMMAND_MODULES[cmd_name]}")
        commands: list[click.Command] = module.COMMANDS
        return next(command for command in commands if command.name == cmd_name)

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
    collector.settle()


load_dotenv()
