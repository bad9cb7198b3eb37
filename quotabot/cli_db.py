"""`quotabot db`: the database schema."""

from __future__ import annotations

import click

from core.storage import create_db_engine, current_revision, database_url, upgrade
from quotabot.context import AppContext


@click.group("db")
def db() -> None:
    """The database schema."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(app: AppContext) -> None:
    """Apply the schema migrations that the database lacks."""
    engine = create_db_engine(app.database or database_url())
    before = current_revision(engine)
    upgrade(engine)
    after = current_revision(engine)
    if before == after:
        click.echo(f"The database is up to date (revision {after}).")
    else:
        click.echo(f"Upgraded the database from revision {before or 'empty'} to {after}.")


COMMANDS = [db]
