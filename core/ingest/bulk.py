"""Writing many rows at once: Core statements in batches, no ORM object per row.

SQLAlchemy's executemany handles parameters row by row and runs every value through
its column type; for a million deals that takes longer than the database takes to
store them. So each value is converted with its column's own type once per distinct
value (dates and instants repeat a lot); then SQLite gets the compiled Core
statement with plain tuples through the driver's executemany, and PostgreSQL gets
the rows by COPY. Rows wait as tuples, not dicts: a million of them fit in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Insert, Table, Update, bindparam, column, insert, table, update
from sqlmodel import Session

from core.ingest.records import Progress

BATCH_ROWS = 5_000

T = TypeVar("T")


def batches(rows: Sequence[T], size: int = BATCH_ROWS) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Tally:
    """Rows written so far across the writers of one import, told to `progress`."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)


class Writer:
    """Inserts or updates rows of one table, given as tuples of `columns` in order.

    On PostgreSQL new rows go straight into the table by COPY, and changed rows into
    a temporary table that one UPDATE then reads.
    """

    def __init__(
        self, session: Session, source: Table, columns: Sequence[str], tally: Tally
    ) -> None:
        self.session = session
        self.columns = tuple(columns)
        self.target = table(source.name, *(column(name) for name in self.columns))
        self.tally = tally

        self.dialect = session.get_bind().dialect
        self.quote = self.dialect.identifier_preparer.quote
        self.converters: list[tuple[int, Callable[[Any], Any]]] = []
        for index, name in enumerate(self.columns):
            column_type = source.columns[name].type
            process = column_type.dialect_impl(self.dialect).bind_processor(self.dialect)
            if process is not None:
                self.converters.append((index, _remembering(process)))

    def insert(self, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.dialect.name == "postgresql":
            self._copy(self.target.name, rows)
        else:
            self._executemany(insert(self.target), self.columns, rows)

    def update(self, rows: Sequence[Sequence[Any]]) -> None:
        """Update the rows whose "id" (the first column) is given, setting the others."""
        if self.columns[0] != "id":
            raise ValueError("the first column of an update must be the id")
        if not rows:
            return
        if self.dialect.name != "postgresql":
            statement = update(self.target).where(self.target.c.id == bindparam("row_id"))
            self._executemany(statement, ("row_id", *self.columns[1:]), rows)
            return

        name, staging = self.quote(self.target.name), self.quote(f"staging_{self.target.name}")
        columns = [self.quote(column_name) for column_name in self.columns]
        connection = self.session.connection()
        connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
            f"SELECT {', '.join(columns)} FROM {name} WITH NO DATA"
        )
        self._copy(f"staging_{self.target.name}", rows)
        assignments = ", ".join(f"{column_name} = s.{column_name}" for column_name in columns[1:])
        connection.exec_driver_sql(
            f"UPDATE {name} SET {assignments} FROM {staging} AS s WHERE {name}.id = s.id"
        )
        connection.exec_driver_sql(f"DROP TABLE {staging}")

    def _executemany(
        self, statement: Insert | Update, names: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Run `statement` for each row; `names` are the parameters of the row's values."""
        if self.dialect.name != "sqlite":
            for batch in batches(rows):
                named = [dict(zip(names, self._convert(row), strict=True)) for row in batch]
                self.session.execute(statement, named)
                self.tally.advance(len(batch))
            return

        columns = [name for name in names if name in self.target.c]
        compiled = statement.compile(dialect=self.dialect, column_keys=columns)
        where = {name: index for index, name in enumerate(names)}
        order = [where[name] for name in compiled.positiontup or ()]
        in_order = itemgetter(*order) if len(order) > 1 else lambda row: (row[order[0]],)
        connection, sql = self.session.connection(), str(compiled)
        for batch in batches(rows):
            positional = [in_order(row) for row in map(self._convert, batch)]
            connection.exec_driver_sql(sql, positional)
            self.tally.advance(len(batch))

    def _copy(self, table_name: str, rows: Sequence[Sequence[Any]]) -> None:
        columns = ", ".join(self.quote(name) for name in self.columns)
        sql = f"COPY {self.quote(table_name)} ({columns}) FROM STDIN"
        driver = self.session.connection().connection.driver_connection
        if driver is None:
            raise RuntimeError("the connection to PostgreSQL is closed")
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for batch in batches(rows):
                for row in batch:
                    copy.write_row(self._convert(row))
                self.tally.advance(len(batch))

    def _convert(self, row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for index, process in self.converters:
            value = values[index]
            if value is not None:
                values[index] = process(value)
        return values


def _remembering(process: Callable[[Any], Any], limit: int = 100_000) -> Callable[[Any], Any]:
    """`process`, remembering the results for the first `limit` distinct values."""
    known: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        converted = known.get(value)
        if converted is None:
            converted = process(value)
            if len(known) < limit:
                known[value] = converted
        return converted

    return convert


# SQLite's page cache, in KiB, while a large import writes (the default is 2 MiB).
SQLITE_CACHE_KIB = 256 * 1024


def use_large_cache(session: Session) -> None:
    """On SQLite, let the index pages of a large table stay in memory while rows go in.

    Inserting a million deals updates four indexes in random order; with the default
    cache of 2 MiB most of the time goes to reading and writing their pages again and
    again. SQLite takes the memory only as it needs it. The setting stays with the
    connection until it closes: shrinking the cache before the commit would make
    SQLite write the pages out early, which costs several seconds per million rows.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")


def insert_returning_ids(
    session: Session, source: Table, rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Insert a few rows (reps, teams) through the typed table; their ids, in order."""
    if not rows:
        return []
    statement = insert(source).returning(source.c.id, sort_by_parameter_order=True)
    return [int(row_id) for row_id in session.execute(statement, list(rows)).scalars()]
