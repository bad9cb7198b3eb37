"""Turning the cells of a row into a typed record, collecting every problem on the way.

A cell that cannot be read is a problem of its line and column; the rest of the row
is still read, so that one pass finds every problem of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from adapters.crm.columns import Column
from adapters.crm.parsing import (
    DateParser,
    parse_amount,
    parse_count,
    parse_currency,
    parse_forecast_category,
    parse_probability,
    parse_role,
    parse_status,
)
from core.ingest import (
    ActivityRecord,
    DealRecord,
    IngestError,
    QuotaRecord,
    RepRecord,
)
from core.periods import FiscalCalendar, PeriodError

Parser = Callable[[str], Any]
Record = RepRecord | DealRecord | QuotaRecord | ActivityRecord

# The record field of each field of a file whose names differ, and the way back.
RECORD_FIELD = {"date": "occurred_on", "probability": "probability_bp"}
_FIELD_OF = {record: field for field, record in RECORD_FIELD.items()}


class CsvProblem:
    """A problem of the file, where it is: "line 12, column 'Amount': not an amount"."""

    __slots__ = ("column", "line", "message")

    def __init__(self, line: int | None, column: str | None, message: str) -> None:
        self.line = line
        self.column = column
        self.message = message

    def __str__(self) -> str:
        place = [f"line {self.line}"] if self.line else []
        if self.column:
            place.append(f"column {self.column!r}")
        return ", ".join(place) + (": " if place else "") + self.message

    def __repr__(self) -> str:
        return f"CsvProblem({str(self)!r})"


def parsers(
    *, preset: str, day_first: bool, decimal_comma: bool, calendar: FiscalCalendar, now: datetime
) -> dict[str, Parser]:
    """How to read each field that is not plain text."""
    dates = DateParser(day_first=day_first)
    amount = partial(parse_amount, decimal_comma=decimal_comma)

    def period(text: str) -> Any:
        try:
            return calendar.parse(text, now)
        except PeriodError:
            raise ValueError(
                f"not a period: {text!r}; write e.g. 2026-Q4, 2026-11 or 2026"
            ) from None

    return {
        "amount": amount,
        "target": lambda text: amount(text)[0],
        "currency": parse_currency,
        # HubSpot exports probabilities as shares of one.
        "probability": partial(parse_probability, fractions=preset == "hubspot"),
        "forecast_category": parse_forecast_category,
        "status": parse_status,
        "role": parse_role,
        "count": parse_count,
        "period": period,
        **dict.fromkeys(
            ("created_date", "close_date", "last_activity_date", "hire_date", "date"), dates
        ),
    }


class RowReader:
    """Reads the rows of one file into records of one kind."""

    def __init__(
        self,
        kind: str,
        header: Sequence[str],
        columns: dict[str, Column],
        parsers: dict[str, Parser],
    ) -> None:
        self.header = header
        self.columns = columns
        # Most fields read one column; the few that fall back on others are read apart.
        self.single = [
            (field, column.indexes[0], parsers.get(field))
            for field, column in columns.items()
            if len(column.indexes) == 1
        ]
        self.multiple = [
            (field, column.indexes, parsers.get(field))
            for field, column in columns.items()
            if len(column.indexes) > 1
        ]
        self.make = _MAKERS[kind]
        self.problems: list[CsvProblem] = []
        self.flagged: set[tuple[int, str]] = set()  # (line, field) of every problem found

    def read(self, line: int, cells: list[str]) -> Record | None:
        width = len(self.header)
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            message = (
                f"{len(cells)} values for {width} columns: is a value with the delimiter "
                "in it not quoted?"
            )
            self.problems.append(CsvProblem(line, None, message))
            return None

        values: dict[str, Any] = {}
        for field, index, parse in self.single:
            text = cells[index].strip()
            if not text:
                continue
            if parse is None:
                values[field] = text
                continue
            try:
                values[field] = parse(text)
            except ValueError as error:
                self._unreadable(line, index, field, error)
        for field, indexes, parse in self.multiple:
            for index in indexes:
                text = cells[index].strip()
                if text:
                    try:
                        values[field] = parse(text) if parse else text
                    except ValueError as error:
                        self._unreadable(line, index, field, error)
                    break
        return self.make(self, values, line)

    def _unreadable(self, line: int, index: int, field: str, error: ValueError) -> None:
        self.problems.append(CsvProblem(line, self.header[index], str(error)))
        self.flagged.add((line, field))

    def lacks(self, values: dict[str, Any], line: int, fields: Sequence[str]) -> bool:
        """Whether a needed field is empty (told as a problem unless told already)."""
        missing = [field for field in fields if field not in values]
        for field in missing:
            if (line, field) not in self.flagged:
                self.problems.append(CsvProblem(line, self.columns[field].label, "empty"))
                self.flagged.add((line, field))
        return bool(missing)

    def translate(self, error: IngestError) -> list[CsvProblem]:
        """The engine's problems, placed in the file; those of unreadable cells dropped."""
        problems = []
        for problem in error.problems:
            field = _FIELD_OF.get(problem.field or "", problem.field)
            if problem.line is not None and (problem.line, field) in self.flagged:
                continue
            column = self.columns.get(field or "")
            label = column.label if column else None
            problems.append(CsvProblem(problem.line, label, problem.message))
        return problems


def _rep(reader: RowReader, values: dict[str, Any], line: int) -> RepRecord | None:
    if reader.lacks(values, line, ("name",)):
        return None
    return RepRecord(line=line, **values)


def _quota(reader: RowReader, values: dict[str, Any], line: int) -> QuotaRecord | None:
    if reader.lacks(values, line, ("owner", "period", "target")):
        return None
    return QuotaRecord(line=line, **values)


def _activity(reader: RowReader, values: dict[str, Any], line: int) -> ActivityRecord | None:
    if reader.lacks(values, line, ("rep", "kind", "date")):
        return None
    return ActivityRecord(occurred_on=values.pop("date"), line=line, **values)


def _deal(reader: RowReader, values: dict[str, Any], line: int) -> DealRecord | None:
    status = values.get("status")
    if "stage" not in values and status is not None:
        values["stage"] = status.value.capitalize()  # Pipedrive decides by status alone
    if reader.lacks(values, line, ("external_id", "owner", "stage")):
        return None

    # A sign or code in the amount names its currency when no column does.
    values["probability_bp"] = values.pop("probability", None)
    amount, named = values.pop("amount", (None, None))
    currency = values.get("currency")
    if named is not None and currency is not None and named != currency:
        message = f"the amount is in {named}, the currency column says {currency}"
        reader.problems.append(CsvProblem(line, reader.columns["amount"].label, message))
        return None
    values["currency"] = currency or named
    return DealRecord(amount=amount, line=line, **values)


_MAKERS: dict[str, Callable[[RowReader, dict[str, Any], int], Record | None]] = {
    "reps": _rep,
    "quotas": _quota,
    "activities": _activity,
    "deals": _deal,
}
