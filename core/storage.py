"""Opening the database: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL by URL.

The schema is created and changed only by the Alembic migrations in core/migrations.
An empty database is migrated on first use; one that is behind is refused with the
command that brings it up to date, so that a deployment never half-migrates itself.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///quotabot.db"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(Exception):
    """The database cannot be used as it is; the message says what to do."""


def database_url() -> str:
    return os.environ.get("QUOTABOT_DATABASE_URL", DEFAULT_DATABASE_URL)


def create_db_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL mode, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str | None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied."""
    command.upgrade(_alembic_config(engine), "head")
    logger.info("database is at revision %s", current_revision(engine))


def downgrade(engine: Engine, revision: str) -> None:
    """Undo migrations down to `revision` ("base" for an empty schema)."""
    command.downgrade(_alembic_config(engine), revision)


def open_database(url: str | None = None) -> Engine:
    """The engine for `url` (default: $QUOTABOT_DATABASE_URL), ready to use.

    An empty database is migrated; one at an older revision is refused.
    """
    engine = create_db_engine(url or database_url())
    current = current_revision(engine)
    if current is None:
        if set(inspect(engine).get_table_names()) - {"alembic_version"}:
            raise DatabaseError(
                "the database has tables but no Quotabot schema version; "
                "point QUOTABOT_DATABASE_URL at an empty database or Quotabot's own"
            )
        logger.info("empty database: creating the schema")
        upgrade(engine)
    elif current != head_revision():
        raise DatabaseError(
            f"the database schema is at revision {current}, this Quotabot needs "
            f"{head_revision()}: run `quotabot db upgrade`"
        )
    return engine
