"""Which columns of a file feed which fields: a preset, overridden by a column map.

A column map is "field=column,field=column"; "field=A|B" reads A, or B where A is
empty. Column names match the header without regard to case, spaces and
underscores. Problems with the map or the header are collected and reported
together, before any row is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from adapters.crm.presets import FIELDS, PRESETS, REQUIRED, Spec


class MappingError(ValueError):
    """The file's columns cannot be matched to the fields; `problems` says why."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class Column:
    """The columns one field reads, in the order they are tried."""

    field: str
    indexes: tuple[int, ...]
    names: tuple[str, ...]  # as the header writes them

    @property
    def label(self) -> str:
        return "|".join(self.names)


def normal(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def parse_map(entries: Iterable[str], kind: str) -> dict[str, Spec]:
    """The column map of `--map` options ("field=column,field=A|B"), checked by field."""
    valid = FIELDS[kind]
    spec: dict[str, Spec] = {}
    problems: list[str] = []
    for entry in (part for text in entries for part in text.split(",")):
        if not entry.strip():
            continue
        field, equals, columns = (part.strip() for part in entry.partition("="))
        names = tuple(name.strip() for name in columns.split("|") if name.strip())
        if not equals or not names:
            problems.append(f"--map {entry.strip()!r} is not field=column")
        elif field not in valid:
            problems.append(
                f"--map {field!r} is not a field of {kind}; the fields are: " + ", ".join(valid)
            )
        else:
            spec[field] = tuple((name,) for name in names)
    if problems:
        raise MappingError(problems)
    return spec


def resolve(
    header: Sequence[str], kind: str, preset: str, overrides: Mapping[str, Spec]
) -> dict[str, Column]:
    """The columns of each field the file has; `MappingError` if a needed one is missing."""
    position: dict[str, int] = {}
    for index, name in enumerate(header):
        if name.strip():
            position.setdefault(normal(name), index)

    problems: list[str] = []
    columns: dict[str, Column] = {}
    for field in FIELDS[kind]:
        mapped = field in overrides
        spec = overrides[field] if mapped else PRESETS[preset][kind].get(field, ())
        found = []
        for slot in spec:
            at = next((position[normal(name)] for name in slot if normal(name) in position), None)
            if at is not None:
                found.append(at)
            elif mapped:
                problems.append(
                    f"--map {field}={slot[0]}: the file has no column {slot[0]!r}; "
                    "its columns are: " + ", ".join(repr(name) for name in header)
                )
        if found:
            columns[field] = Column(field, tuple(found), tuple(header[i].strip() for i in found))
        elif field in REQUIRED[kind] and not mapped:
            looked_for = ", ".join(repr(name) for slot in spec for name in slot)
            problems.append(
                f"no column for {field}: looked for {looked_for or 'none'}; "
                f"name one with --map {field}=COLUMN"
            )
    if problems:
        raise MappingError(problems)
    return columns
