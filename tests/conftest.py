"""Fixtures shared by every test: a migrated database on SQLite and on PostgreSQL.

Each storage test runs twice, once per back-end, so that every test is a contract
test for both. PostgreSQL runs only when QUOTABOT_TEST_POSTGRES_URL is set (CI sets
it); without it those runs are skipped with the reason shown.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
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
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with postgres.begin() as connection:
        # A connection left open by a test would block this forever; fail instead.
        connection.execute(text("SET LOCAL lock_timeout = '20s'"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield postgres


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
