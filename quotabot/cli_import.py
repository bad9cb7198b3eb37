"""`quotabot import`: reps, quotas, deals and activities from CSV files."""

from __future__ import annotations

import gc
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn

from adapters.crm.csv_import import CsvImportError, ImportOptions, import_csv
from adapters.crm.presets import FIELDS, FORMATS, GENERIC, KINDS
from core.ingest import CreatedRep, ImportSummary
from quotabot.context import AppContext

# Longer lists of problems or of created people end with "... and N more".
LISTED = 50
# An import that is done sooner shows no progress bar at all.
PROGRESS_AFTER_SECONDS = 1.0

_FIELDS_HELP = "\b\nFields, for --map:\n" + "\n".join(
    line
    for kind in KINDS
    for line in textwrap.wrap(
        f"{kind}: {', '.join(FIELDS[kind])}",
        width=76,
        initial_indent="  ",
        subsequent_indent="    ",
    )
)


@click.command("import", epilog=_FIELDS_HELP)
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "preset",
    type=click.Choice(FORMATS),
    default=GENERIC,
    show_default=True,
    help="The export's origin: its standard column names are recognised.",
)
@click.option(
    "--map",
    "column_map",
    multiple=True,
    metavar="FIELD=COLUMN,...",
    help='Read FIELD from COLUMN (over the preset); "FIELD=A|B" reads B where A is empty.',
)
@click.option(
    "--create-reps", is_flag=True, help="Deals, activities: create reps for unknown owners."
)
@click.option("--day-first", is_flag=True, help="Read 01/02/2026 as 1 February, not January 2.")
@click.option("--decimal-comma", is_flag=True, help='Read "1,234" as 1.234 and "1.234" as 1234.')
@click.option(
    "--effective",
    metavar="YYYY-MM-DD",
    help="When team moves and stage changes take effect [default: today].",
)
@click.option("--encoding", default="utf-8", show_default=True, help="The file's text encoding.")
@click.option("--dry-run", is_flag=True, help="Check everything; store nothing.")
@click.pass_obj
def import_command(
    app: AppContext,
    kind: str,
    file: Path,
    preset: str,
    column_map: tuple[str, ...],
    create_reps: bool,
    day_first: bool,
    decimal_comma: bool,
    effective: str | None,
    encoding: str,
    dry_run: bool,
) -> None:
    """Import KIND (reps, quotas, deals or activities) from the CSV FILE.

    Every row is checked first; then all rows are stored, or none if any has a
    problem. Importing the same file again changes nothing.
    """
    if create_reps and kind not in ("deals", "activities"):
        raise click.UsageError("--create-reps applies to deals and activities only")
    options = ImportOptions(
        kind=kind,
        preset=preset,
        column_map=column_map,
        day_first=day_first,
        decimal_comma=decimal_comma,
        create_reps=create_reps,
        encoding=encoding,
        dry_run=dry_run,
    )
    on = _effective_date(effective) or app.calendar.local_date(app.now)

    with app.session() as session, _ProgressBar() as progress, _collector_paused():
        try:
            summary = import_csv(
                session,
                file,
                options,
                settings=app.settings,
                calendar=app.calendar,
                now=app.now,
                effective=on,
                progress=progress,
            )
        except CsvImportError as error:
            raise click.ClickException(_failure(file, kind, error)) from None
        if not dry_run:
            session.commit()
    click.echo(_report(file, options, summary))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is imported.

    An import keeps millions of small objects (cells, records, rows) alive until it
    ends, and none of them form cycles: the collector would walk them all again and
    again for nothing, which costs a quarter of the time of a million-row import.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _effective_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date such as 2026-11-30") from None


def _failure(file: Path, kind: str, error: CsvImportError) -> str:
    count = len(error.problems)
    lines = [f"{file.name}: {count} problem{'s' if count != 1 else ''}; nothing was imported."]
    lines += _listed([str(problem) for problem in error.problems])
    if error.unknown_people and kind in ("deals", "activities"):
        names = ", ".join(error.unknown_people[:LISTED])
        more = len(error.unknown_people) - LISTED
        lines.append(
            f"Names that match no rep: {names}{f' and {more:,} more' if more > 0 else ''}. "
            "Import the reps first, or pass --create-reps to create them."
        )
    return "\n".join(lines)


def _report(file: Path, options: ImportOptions, summary: ImportSummary) -> str:
    verb = "Checked" if options.dry_run else "Imported"
    lines = [
        f"{verb} {options.kind} from {file.name} ({options.preset}): {summary.rows:,} rows read; "
        f"{summary.new:,} new, {summary.updated:,} updated, {summary.unchanged:,} unchanged."
    ]
    would = "would be " if options.dry_run else ""
    if summary.stage_changes:
        lines.append(f"{summary.stage_changes:,} stage changes {would}recorded in deal history.")
    created = {
        "reps": f"Managers {would}created (named in the file, without a row of their own):",
        "deals": f"Reps {would}created for deal owners who matched no rep:",
        "activities": f"Reps {would}created for activity owners who matched no rep:",
    }
    if summary.created_reps:
        lines.append(created[options.kind])
        lines += _listed(_people(summary.created_reps))
    if summary.placeholder_emails:
        lines.append(f"Reps without an email, {would}given a placeholder address for now:")
        lines += _listed(_people(summary.placeholder_emails))
    if summary.created_teams:
        lines.append(f"Teams {would}created: " + ", ".join(summary.created_teams) + ".")
    if options.dry_run:
        lines.append("Nothing was stored (--dry-run).")
    return "\n".join(lines)


def _people(reps: Sequence[CreatedRep]) -> list[str]:
    return [
        f"{rep.name} <{rep.email}>" + (f" ({rep.role})" if rep.role != "rep" else "")
        for rep in reps
    ]


def _listed(items: Sequence[str]) -> list[str]:
    lines = [f"  {item}" for item in items[:LISTED]]
    if len(items) > LISTED:
        lines.append(f"  … and {len(items) - LISTED:,} more")
    return lines


class _ProgressBar:
    """A progress bar on standard error, for people watching a long import in a terminal.

    It appears only when standard error is a terminal and the import has run for a
    second, so that short imports and scripts see nothing of it.
    """

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def reading(self, done: int, total: int) -> None:
        self._show("Reading the file", done, total)

    def writing(self, done: int, total: int) -> None:
        self._show("Storing the rows", done, total)

    def _show(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < PROGRESS_AFTER_SECONDS:
                return
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
        if step not in self.tasks:
            self.tasks[step] = self.bar.add_task(step, total=total)
        self.bar.update(self.tasks[step], completed=done, total=total)


COMMANDS = [import_command]
