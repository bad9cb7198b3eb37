"""Fixtures shared by every test: a migrated database on SQLite and on PostgreSQL.

Each storage test runs twice, once per back-end, so that every test is a contract
test for both. PostgreSQL runs only when QUOTABOT_TEST_POSTGRES_URL is set (CI sets
it); without it those runs are skipped with the reason shown.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel

from core.storage import create_db_engine, upgrade

POSTGRES_URL_VARIABLE = "QUOTABOT_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "quotabot.db"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine(worker_id: str) -> Iterator[Engine]:
    """A migrated PostgreSQL schema of this test worker's own."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(f"PostgreSQL run skipped: set {POSTGRES_URL_VARIABLE} to run it")
    # One schema per test process, so that concurrent runs never share tables.
    schema = f"quotabot_test_{worker_id}_{os.getpid()}"
    admin = create_db_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    separator = "&" if "?" in url else "?"
    engine = create_db_engine(f"{url}{separator}options=-csearch_path%3D{schema}")
    upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[Engine]:
    """A migrated, empty database: a fresh SQLite file, or a truncated PostgreSQL schema."""
    if request.param == "sqlite":
        path = tmp_path / "quotabot.db"
        shutil.copyfile(sqlite_template, path)
        sqlite = create_db_engine(f"sqlite:///{path}")
        yield sqlite
        sqlite.dispose()
        return

    postgres: Engine = request.getfixturevalue("postgres_engine")
    _empty(postgres)
    yield postgres


DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE for a transaction chosen to break a deadlock
EMPTYING_TRIES = 3


def _empty(postgres: Engine) -> None:
    """Empty every table, trying again when PostgreSQL broke a deadlock by cancelling us.

    The other side is the previous test's server or scheduler thread still finishing its
    last write, or autovacuum; either is gone a moment later.
    """
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    for attempt in range(1, EMPTYING_TRIES + 1):
        try:
            with postgres.begin() as connection:
                # A connection left open by a test would block this forever; fail instead.
                connection.execute(text("SET LOCAL lock_timeout = '20s'"))
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            return
        except OperationalError as error:
            if getattr(error.orig, "sqlstate", None) != DEADLOCK or attempt == EMPTYING_TRIES:
                raise
            time.sleep(0.2 * attempt)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
