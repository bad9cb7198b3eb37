"""Deals in: new ones inserted, changed ones updated, every stage change kept as history.

A deal is known by its source (the CRM it comes from) and its id there. Every record
is checked and compared with the stored deal before anything is written, so that a
bad record stops the whole import and an unchanged one costs no write at all.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, insert, null, select
from sqlmodel import Session, SQLModel

from core.config import Settings, StagesConfig
from core.ingest.bulk import Tally, Writer, use_large_cache
from core.ingest.people import OwnerResolver, RepDirectory, UnknownPerson, person_key
from core.ingest.records import DealRecord, ImportSummary, IngestError, Problem, Progress
from core.models import DealStatus, ForecastCategory, utcnow
from core.money import to_cents
from core.rewards import settle_rewards

logger = logging.getLogger(__name__)

DEAL = SQLModel.metadata.tables["deal"]
STAGE_CHANGE = SQLModel.metadata.tables["deal_stage_change"]

# The columns an import decides, in this order in every tuple below.
STORED = (
    "name", "account", "product", "owner_id", "amount", "currency", "stage", "status",
    "probability_bp", "forecast_category", "created_date", "close_date",
    "last_activity_date", "stage_changed_date", "last_touch_date",
)  # fmt: skip
_INDEX = {name: index for index, name in enumerate(STORED)}
_OWNER, _STAGE, _STATUS, _FORECAST = (
    _INDEX[n] for n in ("owner_id", "stage", "status", "forecast_category")
)
_CREATED, _CLOSE, _ACTIVITY = (
    _INDEX[n] for n in ("created_date", "close_date", "last_activity_date")
)
_CHANGED, _TOUCHED = _INDEX["stage_changed_date"], _INDEX["last_touch_date"]

# Record fields that an input may lack; a stored deal then keeps its value.
OPTIONAL_FIELDS = (
    "name", "account", "product", "amount", "currency", "probability_bp",
    "forecast_category", "created_date", "close_date", "last_activity_date",
)  # fmt: skip

_HISTORY = ("deal_id", "from_stage", "to_stage", "to_status", "changed_on", "recorded_at")
_LIMITS = {"external_id": 100, "name": 300, "account": 300, "product": 200, "stage": 100}
_CLOSED = (DealStatus.WON, DealStatus.LOST)


def import_deals(
    session: Session,
    records: Sequence[DealRecord],
    *,
    source: str,
    today: date,
    stages: StagesConfig | None = None,
    supplied: Collection[str] | None = None,
    create_reps: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    rewards: Settings | None = None,
) -> ImportSummary:
    """Store `records` as the deals of `source`, all of them or, on any problem, none.

    `supplied` names the optional record fields the input has (default: all); a field
    it lacks keeps the stored deal's value. Owners are reps found by email or name;
    with `create_reps` an owner who matches nobody becomes a new rep. A new deal's
    initial stage and every later change of stage or status go into the stage
    history, dated `today` (a new deal's first stage: its close date if closed, else
    its created date). With `rewards`, the settings whose points and badges apply, the
    owners of the deals written have theirs settled (core.rewards) in the same
    transaction. Raises `IngestError` listing every problem; the caller commits.
    """
    stages = stages or StagesConfig()
    kept = _kept_fields(supplied)
    resolver = OwnerResolver(RepDirectory.load(session), create=create_reps)
    existing = _stored_deals(session, source)
    status_of: dict[str, DealStatus] = {}
    now = utcnow()

    problems: list[Problem] = []
    unknown: dict[str, str] = {}  # each unknown person once, as first written
    first_line: dict[str, int] = {}
    new: list[tuple[Any, ...]] = []
    changed: list[tuple[Any, ...]] = []  # (id, *STORED) of the deals to update
    before: list[tuple[Any, ...]] = []  # and the same of the stored deals
    moves: list[tuple[Any, ...]] = []  # stage changes of stored deals: (id, from, to, ...)
    unchanged = 0

    for record in records:
        bad = _check(record, first_line, problems)
        try:
            owner_id = resolver.resolve(record.owner)
        except LookupError as error:
            problems.append(Problem(record.line, "owner", str(error)))
            if isinstance(error, UnknownPerson):
                unknown.setdefault(person_key(record.owner), record.owner.strip())
            continue
        if bad:
            continue

        status = record.status or status_of.get(record.stage)
        if status is None:
            status = status_of[record.stage] = DealStatus(stages.status_of(record.stage))
        stored = existing.get(record.external_id)
        values = _values(record, owner_id, status, stored, kept)
        if status in _CLOSED and values[_CLOSE] is None:
            message = f"a {status} deal needs a close date"
            problems.append(Problem(record.line, "close_date", message))
            continue

        stage = values[_STAGE]
        if stored is None:
            values[_CHANGED] = _first_stage_date(values, status, today)
        elif stored[_STAGE + 1] != stage or stored[_STATUS + 1] != status:
            values[_CHANGED] = today
            moves.append((stored[0], stored[_STAGE + 1], stage, status, today, now))
        else:
            values[_CHANGED] = stored[_CHANGED + 1]
        touches = (values[_CREATED], values[_ACTIVITY], values[_CHANGED])
        values[_TOUCHED] = max((day for day in touches if day is not None), default=None)

        if stored is None:
            new.append((source, record.external_id, *values, now))
        elif tuple(values) != stored[1:]:
            changed.append((stored[0], *values))
            before.append(stored)
        else:
            unchanged += 1

    if problems:
        raise IngestError(problems, unknown.values())
    summary = ImportSummary(
        rows=len(records),
        new=len(new),
        updated=len(changed),
        unchanged=unchanged,
        created_reps=tuple(resolver.planned),
        stage_changes=len(new) + len(moves),
        written=not dry_run,
    )
    if dry_run:
        return summary

    tally = Tally(progress, 0)
    owners = _write(session, source, now, resolver, new, (changed, before), moves, tally)
    if rewards is not None:
        settle_rewards(session, rewards, owners, now)
    logger.info(
        "deals from %s: %d new, %d updated, %d unchanged",
        source,
        summary.new,
        summary.updated,
        summary.unchanged,
    )
    return summary


def _stored_deals(session: Session, source: str) -> dict[str, tuple[Any, ...]]:
    """The stored deals of `source` by external id: (id, *STORED)."""
    columns = [DEAL.c.external_id, DEAL.c.id, *(DEAL.c[name] for name in STORED)]
    rows = session.execute(select(*columns).where(DEAL.c.source == source))
    return {row[0]: tuple(row[1:]) for row in rows}


def _check(record: DealRecord, first_line: dict[str, int], problems: list[Problem]) -> bool:
    """Add the record's own problems to `problems`; whether it had any."""
    before = len(problems)
    earlier = first_line.get(record.external_id)
    if earlier is None:
        first_line[record.external_id] = record.line
    else:
        message = f"deal {record.external_id!r} is also on line {earlier}"
        problems.append(Problem(record.line, "external_id", message))
    if not record.stage.strip():
        problems.append(Problem(record.line, "stage", "the stage is empty"))
    texts = (record.external_id, record.name, record.account, record.product, record.stage)
    for (name, limit), text in zip(_LIMITS.items(), texts, strict=True):
        if text is not None and len(text) > limit:
            problems.append(Problem(record.line, name, f"longer than {limit} characters"))
    if record.probability_bp is not None and not 0 <= record.probability_bp <= 10_000:
        message = f"not a probability from 0 to 100%: {record.probability_bp / 100}%"
        problems.append(Problem(record.line, "probability_bp", message))
    currency = record.currency
    if currency is not None and not (len(currency) == 3 and currency.isalpha()):
        problems.append(Problem(record.line, "currency", f"not a currency code: {currency!r}"))
    return len(problems) > before


def _kept_fields(supplied: Collection[str] | None) -> list[int]:
    """Where in STORED the fields an input lacks are, whose stored values are kept."""
    if supplied is None:
        return []
    missing = [name for name in OPTIONAL_FIELDS if name not in supplied]
    return [_INDEX[name] for name in missing]


def _values(
    record: DealRecord,
    owner_id: int,
    status: DealStatus,
    stored: tuple[Any, ...] | None,
    kept: list[int],
) -> list[Any]:
    """The STORED columns for `record`; the last two (stage change, touch) come later."""
    values: list[Any] = [
        record.name, record.account, record.product, owner_id,
        None if record.amount is None else to_cents(record.amount),
        record.currency, record.stage.strip(), status, record.probability_bp,
        record.forecast_category, record.created_date, record.close_date,
        record.last_activity_date, None, None,
    ]  # fmt: skip
    if stored is not None:
        for index in kept:
            values[index] = stored[index + 1]
    values[_FORECAST] = _forecast(status, values[_FORECAST])
    return values


def _forecast(status: DealStatus, given: str | None) -> str:
    """A won deal is closed; a deal without a category is pipeline (omitted once lost)."""
    if status is DealStatus.WON:
        return ForecastCategory.CLOSED
    if given is not None:
        return given
    return ForecastCategory.OMITTED if status is DealStatus.LOST else ForecastCategory.PIPELINE


def _first_stage_date(values: list[Any], status: DealStatus, today: date) -> date:
    """When a new deal reached the stage it has: the close date if closed, else creation."""
    close: date | None = values[_CLOSE]
    created: date | None = values[_CREATED]
    if status in _CLOSED and close is not None:
        return min(close, today)
    return created if created is not None and created <= today else today


def _write(
    session: Session,
    source: str,
    now: datetime,
    resolver: OwnerResolver,
    new: list[tuple[Any, ...]],
    updates: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]],
    moves: list[tuple[Any, ...]],
    tally: Tally,
) -> set[int]:
    """Store what `import_deals` decided: reps first, then deals, then their history.

    Returns the owners of the deals written, before and after (a deal may change hands).
    """
    changed, before = updates
    tally.total = len(new) + len(changed) + len(moves)

    # Reps planned for unknown owners get their real ids before any deal points at them.
    real_ids = resolver.create_planned(session)
    if real_ids:
        new = [_with_owner(row, _OWNER + 2, real_ids) for row in new]
        changed = [_with_owner(row, _OWNER + 1, real_ids) for row in changed]

    use_large_cache(session)
    last_id = session.execute(select(func.max(DEAL.c.id))).scalar_one_or_none() or 0
    Writer(session, DEAL, ("source", "external_id", *STORED, "updated_at"), tally).insert(new)
    _update(session, changed, before, now, tally)

    # A new deal's first stage is in its own row already: copied in one statement.
    if new:
        first_stages = _first_stages(source, last_id, now)
        session.execute(insert(STAGE_CHANGE).from_select(_HISTORY, first_stages))
    Writer(session, STAGE_CHANGE, _HISTORY, tally).insert(moves)
    owners = {row[_OWNER + 2] for row in new} | {row[_OWNER + 1] for row in changed}
    return owners | {row[_OWNER + 1] for row in before}


def _first_stages(source: str, last_id: int, now: datetime) -> Select[Any]:
    """The first stage of the deals just inserted: this source's above the last id, with
    this import's stamp."""
    columns = (
        DEAL.c.id, null(), DEAL.c.stage, DEAL.c.status, DEAL.c.stage_changed_date,
        DEAL.c.updated_at,
    )  # fmt: skip
    return select(*columns).where(
        DEAL.c.source == source, DEAL.c.id > last_id, DEAL.c.updated_at == now
    )


def _update(
    session: Session,
    changed: list[tuple[Any, ...]],
    before: list[tuple[Any, ...]],
    now: datetime,
    tally: Tally,
) -> None:
    """Update each deal's changed columns only, deals that changed alike together.

    SQLite rewrites the index entries of every column an UPDATE sets, changed or not:
    setting only what changed halves the time of a large update.
    """
    alike: defaultdict[tuple[int, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row, stored in zip(changed, before, strict=True):
        columns = tuple(index for index in range(1, len(row)) if row[index] != stored[index])
        alike[columns].append((row[0], *(row[index] for index in columns), now))
    for columns, rows in alike.items():
        names = ("id", *(STORED[index - 1] for index in columns), "updated_at")
        Writer(session, DEAL, names, tally).update(rows)


def _with_owner(row: tuple[Any, ...], index: int, real_ids: dict[int, int]) -> tuple[Any, ...]:
    owner_id = row[index]
    if owner_id >= 0:
        return row
    return (*row[:index], real_ids[owner_id], *row[index + 1 :])
