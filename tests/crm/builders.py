"""Small builders for the CSV import tests: files written byte for byte, and one call
that imports a file the way the command line does."""

from __future__ import annotations

import codecs
import csv
import io
import textwrap
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from adapters.crm.csv_import import ImportOptions, import_csv
from core.config import Settings
from core.ingest import ImportSummary, RepRecord, import_reps
from core.models import Deal
from core.periods import FiscalCalendar

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def write_csv(
    path: Path, text: str, *, bom: bool = False, crlf: bool = False, encoding: str = "utf-8"
) -> Path:
    """`text` (dedented, first newline dropped) as a file, with CRLF and a BOM if asked."""
    body = textwrap.dedent(text).lstrip("\n")
    if crlf:
        body = body.replace("\n", "\r\n")
    data = body.encode(encoding)
    path.write_bytes(codecs.BOM_UTF8 + data if bom else data)
    return path


def write_rows(
    path: Path, rows: Sequence[Sequence[object]], *, bom: bool = False, crlf: bool = False
) -> Path:
    """`rows` as a CSV file, quoted where needed, the header first."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return write_csv(path, text.getvalue(), bom=bom, crlf=crlf)


def import_file(
    session: Session, path: Path, kind: str, *, effective: date = TODAY, **options: Any
) -> ImportSummary:
    """Import like `quotabot import`, then commit."""
    summary = import_csv(
        session,
        path,
        ImportOptions(kind=kind, **options),
        settings=Settings(),
        calendar=FiscalCalendar(),
        now=NOW,
        effective=effective,
    )
    session.commit()
    return summary


def add_reps(session: Session, *people: tuple[str, str]) -> None:
    """Reps by (name, email)."""
    import_reps(session, [RepRecord(name, email) for name, email in people], effective=TODAY)
    session.commit()


def deals_by_id(session: Session) -> dict[str, Deal]:
    session.expire_all()
    return {deal.external_id: deal for deal in session.exec(select(Deal))}


def money(text: str) -> Decimal:
    return Decimal(text)
