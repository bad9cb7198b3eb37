"""The migrations build exactly the schema the models describe, and undo it cleanly."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from core.storage import (
    create_db_engine,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)

    # The organisation's version counter is kept by triggers, not by a model.
    unexpected = [
        difference
        for difference in differences
        if not (difference[0] == "remove_table" and difference[1].name == "org_version")
    ]
    assert unexpected == []


def test_a_new_database_is_at_the_latest_revision(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()


def test_every_migration_can_be_undone(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'down.db'}")
    upgrade(engine)

    downgrade(engine, "base")

    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
