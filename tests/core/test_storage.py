from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from core.models import Deal, LedgerEntry, Rep
from core.storage import DatabaseError, create_db_engine, open_database


def test_money_round_trips_exactly(session: Session) -> None:
    rep = Rep(name="Ada", email="ada@example.com")
    session.add(rep)
    session.flush()
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("1234567.89")]
    for number, amount in enumerate(amounts):
        session.add(
            Deal(
                source="t",
                external_id=str(number),
                owner_id=rep.id or 0,
                amount=amount,
                stage="Won",
                status="won",
            )
        )
    session.commit()

    total = session.connection().execute(text("SELECT SUM(amount) FROM deal")).scalar_one()

    assert Decimal(total).scaleb(-2) == Decimal("1234568.19")
    assert {deal.amount for deal in session.exec(select(Deal))} == set(amounts)


def test_ledger_refuses_edits_and_deletes(engine: Engine) -> None:
    with Session(engine) as session:
        rep = Rep(name="Ada", email="ada@example.com")
        session.add(rep)
        session.flush()
        session.add(
            LedgerEntry(rep_id=rep.id or 0, kind="points", amount=Decimal(10), cause="deal:1")
        )
        session.commit()

    for statement in ("UPDATE ledger_entry SET amount = 0", "DELETE FROM ledger_entry"):
        with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))


def test_naive_instants_are_refused(session: Session) -> None:
    rep = Rep(name="Ada", email="ada@example.com")
    session.add(rep)
    session.flush()
    session.add(
        LedgerEntry(
            rep_id=rep.id or 0,
            kind="points",
            amount=Decimal(1),
            cause="x",
            created_at=datetime(2026, 1, 1),  # noqa: DTZ001 - the point of the test
        )
    )

    with pytest.raises(Exception, match="timezone-aware"):
        session.commit()


def test_instants_come_back_aware_in_utc(session: Session) -> None:
    rep = Rep(name="Ada", email="ada@example.com")
    session.add(rep)
    session.flush()
    entry = LedgerEntry(rep_id=rep.id or 0, kind="points", amount=Decimal(1), cause="x")
    session.add(entry)
    session.commit()
    session.expunge_all()

    stored = session.exec(select(LedgerEntry)).one()

    assert stored.created_at.tzinfo is not None
    assert stored.created_at.utcoffset() == UTC.utcoffset(None)


def test_an_empty_database_is_migrated_on_first_use(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'new.db'}")

    with engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()
        tables = connection.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()

    assert mode == "wal"
    assert "deal" in tables


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    with create_db_engine(url).begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (id INTEGER)")

    with pytest.raises(DatabaseError, match="no Quotabot schema"):
        open_database(url)
