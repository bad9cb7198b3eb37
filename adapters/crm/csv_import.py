"""Importing a CSV file of reps, quotas, deals or activities into the engine.

Every row is read and checked first; the records then go to `core.ingest`, which
checks them against the database. Every problem of both steps is reported
together, each with its line and column, and then either every record is stored
or, if there was any problem, none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session

from adapters.crm.columns import MappingError, parse_map, resolve
from adapters.crm.csv_reading import CsvRows, FileError
from adapters.crm.presets import GENERIC, SOURCES
from adapters.crm.records import RECORD_FIELD, CsvProblem, RowReader, parsers
from core.clawbacks import record_clawbacks
from core.config import Settings
from core.ingest import (
    ImportSummary,
    IngestError,
    import_activities,
    import_deals,
    import_quotas,
    import_reps,
)
from core.periods import FiscalCalendar

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    kind: str  # reps, quotas, deals or activities
    preset: str = GENERIC
    column_map: tuple[str, ...] = ()  # "field=column,..." entries, as --map takes them
    day_first: bool = False
    decimal_comma: bool = False
    create_reps: bool = False
    encoding: str = "utf-8"
    dry_run: bool = False

    @property
    def source(self) -> str:
        """The source recorded on deals: the CRM of the preset, else "csv"."""
        return SOURCES.get(self.preset, "csv")


class ImportProgress(Protocol):
    def reading(self, done: int, total: int) -> None: ...

    def writing(self, done: int, total: int) -> None: ...


class CsvImportError(Exception):
    """Nothing was imported; `problems` says why, each where it is."""

    def __init__(self, problems: Iterable[CsvProblem], unknown_people: Sequence[str] = ()) -> None:
        self.problems = tuple(sorted(problems, key=lambda problem: problem.line or 0))
        self.unknown_people = tuple(unknown_people)
        super().__init__(f"{len(self.problems)} problem(s); nothing was imported")


def import_csv(
    session: Session,
    path: Path,
    options: ImportOptions,
    *,
    settings: Settings,
    calendar: FiscalCalendar,
    now: datetime,
    effective: date,
    progress: ImportProgress | None = None,
) -> ImportSummary:
    """Read `path` and store its records (the caller commits); `CsvImportError` if not.

    `effective` is the date the import takes effect: team moves and stage changes
    are dated with it.
    """
    try:
        overrides = parse_map(options.column_map, options.kind)
        with CsvRows(path, options.encoding, progress.reading if progress else None) as csv:
            columns = resolve(csv.header, options.kind, options.preset, overrides)
            used = {index for column in columns.values() for index in column.indexes}
            unused = [name for index, name in enumerate(csv.header) if index not in used]
            logger.info("columns not used: %s", ", ".join(unused) or "none")
            read_as = parsers(
                preset=options.preset,
                day_first=options.day_first,
                decimal_comma=options.decimal_comma,
                calendar=calendar,
                now=now,
            )
            reader = RowReader(options.kind, csv.header, columns, read_as)
            records = [
                record for line, cells in csv.rows() if (record := reader.read(line, cells))
            ]
    except MappingError as error:
        raise CsvImportError(
            CsvProblem(None, None, problem) for problem in error.problems
        ) from None
    except FileError as error:
        raise CsvImportError([CsvProblem(None, None, str(error))]) from None
    logger.info("%s: %d records read, %d problems", path.name, len(records), len(reader.problems))

    # With problems in the file, the engine still checks the rest, without writing.
    dry_run = options.dry_run or bool(reader.problems)
    try:
        supplied = {RECORD_FIELD.get(field, field) for field in columns}
        summary = _store(
            session, records, options, settings, (effective, now), progress, dry_run, supplied
        )
    except IngestError as error:
        problems = [*reader.problems, *reader.translate(error)]
        raise CsvImportError(problems, error.unknown_people) from None
    if reader.problems:
        raise CsvImportError(reader.problems)
    return summary


def _store(
    session: Session,
    records: list[Any],
    options: ImportOptions,
    settings: Settings,
    when: tuple[date, datetime],
    progress: ImportProgress | None,
    dry_run: bool,
    supplied: set[str],
) -> ImportSummary:
    effective, now = when
    writing = progress.writing if progress else None
    if options.kind == "reps":
        return import_reps(session, records, effective=effective, dry_run=dry_run)
    if options.kind == "quotas":
        return import_quotas(session, records, dry_run=dry_run, rewards=settings)
    if options.kind == "activities":
        return import_activities(
            session,
            records,
            create_reps=options.create_reps,
            dry_run=dry_run,
            progress=writing,
            rewards=settings,
        )
    summary = import_deals(
        session,
        records,
        source=options.source,
        today=effective,
        stages=settings.stages,
        supplied=supplied,
        create_reps=options.create_reps,
        dry_run=dry_run,
        progress=writing,
        rewards=settings,
    )
    if summary.updated and not dry_run:
        # A won deal that is won no more may owe back the commission paid on it.
        record_clawbacks(session, settings, now)
    return summary
