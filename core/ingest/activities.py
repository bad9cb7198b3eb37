"""Activities in: a count per rep, kind and day, as CRMs export their activity logs.

Records of one input for the same rep, kind and day are added up; the sum replaces
the stored count, so that importing the same log twice counts nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from core.config import Settings
from core.ingest.bulk import Tally, Writer, use_large_cache
from core.ingest.people import OwnerResolver, RepDirectory, UnknownPerson, person_key
from core.ingest.records import ActivityRecord, ImportSummary, IngestError, Problem, Progress
from core.models import utcnow
from core.rewards import settle_rewards

logger = logging.getLogger(__name__)

ACTIVITY = SQLModel.metadata.tables["activity"]


def normal_kind(text: str) -> str:
    """ "Phone Call" -> "phone_call": kinds are lower-case words joined by underscores."""
    return "_".join(text.split()).lower()


def import_activities(
    session: Session,
    records: Sequence[ActivityRecord],
    *,
    create_reps: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    rewards: Settings | None = None,
) -> ImportSummary:
    """Store the daily counts of `records`, all of them or, on any problem, none.

    With `create_reps` a rep who matches nobody becomes a new rep. With `rewards`, the
    settings whose points and badges apply, the reps whose counts were written have
    theirs settled (core.rewards) in the same transaction. Raises `IngestError`
    listing every problem; the caller commits.
    """
    resolver = OwnerResolver(RepDirectory.load(session), create=create_reps)
    problems: list[Problem] = []
    unknown: dict[str, str] = {}  # each unknown person once, as first written
    counts: dict[tuple[int, str, Any], int] = {}
    for record in records:
        kind = normal_kind(record.kind)
        if not kind or len(kind) > 32:
            message = f"not an activity kind of 1 to 32 characters: {record.kind!r}"
            problems.append(Problem(record.line, "kind", message))
        if record.count < 0:
            problems.append(Problem(record.line, "count", f"negative: {record.count}"))
        try:
            rep_id = resolver.resolve(record.rep)
        except LookupError as error:
            problems.append(Problem(record.line, "rep", str(error)))
            if isinstance(error, UnknownPerson):
                unknown.setdefault(person_key(record.rep), record.rep.strip())
            continue
        key = (rep_id, kind, record.occurred_on)
        counts[key] = counts.get(key, 0) + record.count
    if problems:
        raise IngestError(problems, unknown.values())

    stored = _stored(session, counts)
    new: list[tuple[int, str, Any, int]] = []
    changed: list[tuple[int, int]] = []
    touched: set[int] = set()  # reps whose stored counts change
    for (rep_id, kind, day), count in counts.items():
        found = stored.get((rep_id, kind, day))
        if found is None:
            new.append((rep_id, kind, day, count))
        elif found[1] != count:
            changed.append((found[0], count))
            touched.add(rep_id)
    unchanged = len(counts) - len(new) - len(changed)
    summary = ImportSummary(
        len(records), len(new), len(changed), unchanged,
        created_reps=tuple(resolver.planned), written=not dry_run,
    )  # fmt: skip
    if dry_run:
        return summary

    real_ids = resolver.create_planned(session)
    rows = [(real_ids.get(rep_id, rep_id), *rest) for rep_id, *rest in new]
    tally = Tally(progress, len(rows) + len(changed))
    use_large_cache(session)
    Writer(session, ACTIVITY, ("rep_id", "kind", "occurred_on", "count"), tally).insert(rows)
    Writer(session, ACTIVITY, ("id", "count"), tally).update(changed)
    if rewards is not None:
        reps = {row[0] for row in rows} | touched
        settle_rewards(session, rewards, reps, utcnow())
    logger.info("activities: %d new, %d updated, %d unchanged", len(new), len(changed), unchanged)
    return summary


def _stored(
    session: Session, counts: dict[tuple[int, str, Any], int]
) -> dict[tuple[int, str, Any], tuple[int, int]]:
    """The stored activities over the days of `counts`: key -> (id, count)."""
    if not counts:
        return {}
    days = [day for _, _, day in counts]
    query = select(
        ACTIVITY.c.id, ACTIVITY.c.rep_id, ACTIVITY.c.kind, ACTIVITY.c.occurred_on, ACTIVITY.c.count
    ).where(ACTIVITY.c.occurred_on.between(min(days), max(days)))
    return {
        (rep_id, kind, day): (activity_id, count)
        for activity_id, rep_id, kind, day, count in session.execute(query)
    }
