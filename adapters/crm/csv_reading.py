"""Opening a CSV file: its encoding, byte-order mark, delimiter, and physical lines.

Rows are numbered by the physical line on which they start, as an editor shows
them: a quoted value that runs over several lines does not shift the numbers of
the rows after it. The delimiter is the one of "," ";" tab "|" that the header
line uses most (spreadsheets in many European locales write ";").
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TypeVar

# How many rows pass between two reports of the bytes read so far.
PROGRESS_EVERY = 20_000

T = TypeVar("T")


class FileError(Exception):
    """The file cannot be read as CSV; the message says why and what to do."""


class CsvRows:
    """The header and the rows of a CSV file, each row with its first physical line."""

    def __init__(
        self,
        path: Path,
        encoding: str = "utf-8",
        on_bytes: Callable[[int, int], None] | None = None,
    ) -> None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise FileError(f"unknown encoding {encoding!r}; try utf-8 or cp1252") from None
        # "utf-8-sig" reads the same text and drops a byte-order mark if there is one.
        self.encoding = "utf-8-sig" if codec == "utf-8" else codec
        self.encoding_name = "UTF-8" if codec == "utf-8" else encoding
        self.path = path
        self.on_bytes = on_bytes
        self.size = path.stat().st_size
        self.binary = path.open("rb")
        self.text = io.TextIOWrapper(self.binary, encoding=self.encoding, newline="")
        self.line = 0
        first = self._guarded(lambda: self.text.readline())
        self.text.seek(0)
        self.reader = csv.reader(self.text, delimiter=_delimiter(first), strict=True)
        header = self._guarded(lambda: next(self.reader, None))
        if not header or not any(cell.strip() for cell in header):
            self.close()
            raise FileError(f"{path.name} is empty: it has no header line")
        self.header = [cell.strip() for cell in header]
        self.line = self.reader.line_num

    def __enter__(self) -> CsvRows:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.text.close()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(first line, cells) of every row that has a value; short rows are padded."""
        width = len(self.header)
        count = 0
        while True:
            cells = self._guarded(lambda: next(self.reader, None))
            if cells is None:
                break
            line, self.line = self.line + 1, self.reader.line_num
            count += 1
            if self.on_bytes is not None and count % PROGRESS_EVERY == 0:
                self.on_bytes(self.binary.tell(), self.size)
            if not any(cells):
                continue
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            yield line, cells
        if self.on_bytes is not None:
            self.on_bytes(self.size, self.size)

    def _guarded(self, read: Callable[[], T]) -> T:
        """`read()`, with decoding and CSV syntax errors told with their line."""
        try:
            return read()
        except UnicodeDecodeError:
            line = _first_undecodable_line(self.path, self.encoding)
            raise FileError(
                f"{self.path.name}, line {line}: not {self.encoding_name} text; save the "
                "file as CSV UTF-8, or name its encoding with --encoding (e.g. cp1252)"
            ) from None
        except csv.Error as error:
            raise FileError(f"{self.path.name}, line {self.line + 1}: {error}") from None


def _delimiter(first_line: str) -> str:
    counts = {mark: first_line.count(mark) for mark in (",", ";", "\t", "|")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _first_undecodable_line(path: Path, encoding: str) -> int:
    """The physical line of the first bytes that are not text in `encoding`.

    Text is decoded in chunks of several lines, so the error itself does not say.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as binary:
        for number, line in enumerate(binary, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError:
                return number
    return 1
