"""Quotas in: one target per owner (a rep or a team), metric and period.

An owner text is a rep's email, a rep's name or a team's name. A name that is both a
rep's and a team's is refused rather than guessed: the rep's email settles it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session, SQLModel

from core.config import Settings
from core.ingest.people import RepDirectory, email_key, looks_like_email, name_key
from core.ingest.records import ImportSummary, IngestError, Problem, QuotaRecord
from core.models import utcnow
from core.money import to_cents
from core.rewards import settle_rewards

logger = logging.getLogger(__name__)

QUOTA = SQLModel.metadata.tables["quota"]
TEAM = SQLModel.metadata.tables["team"]

_METRIC = re.compile(r"^[a-z][a-z0-9_]{0,31}$")

# (("rep" | "team", id), metric, start, end): what makes a quota one quota.
QuotaKey = tuple[tuple[str, int], str, Any, Any]


def normal_metric(text: str) -> str:
    """ "Won Revenue" -> "won_revenue": metric names are lower-case identifiers."""
    return "_".join(text.replace("-", " ").split()).lower()


def import_quotas(
    session: Session,
    records: Sequence[QuotaRecord],
    *,
    dry_run: bool = False,
    rewards: Settings | None = None,
) -> ImportSummary:
    """Store `records` as quotas, all of them or, on any problem, none.

    A quota is replaced when the input has another target for the same owner, metric
    and days. With `rewards`, the settings whose points and badges apply, the reps
    whose quotas were written have theirs settled (a quota crushed already earns its
    badge) in the same transaction. Raises `IngestError` listing every problem; the
    caller commits.
    """
    owners = _Owners(session)
    stored = _stored(session)

    problems: list[Problem] = []
    seen: dict[QuotaKey, int] = {}
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    touched: set[int] = set()  # reps whose quotas are written
    for record in records:
        metric = normal_metric(record.metric)
        if not _METRIC.match(metric):
            message = f"not a metric name (letters, digits, _): {record.metric!r}"
            problems.append(Problem(record.line, "metric", message))
        if record.target < 0:
            problems.append(Problem(record.line, "target", f"negative: {record.target}"))
        try:
            owner = owners.find(record.owner)
        except LookupError as error:
            problems.append(Problem(record.line, "owner", str(error)))
            continue

        period = record.period
        key: QuotaKey = (owner, metric, period.start, period.end)
        if key in seen:
            message = f"the same quota is on line {seen[key]}"
            problems.append(Problem(record.line, "period", message))
        seen.setdefault(key, record.line)

        target = to_cents(record.target)
        values = {
            f"{owner[0]}_id": owner[1],
            "metric": metric,
            "period_label": period.label,
            "start_date": period.start,
            "end_date": period.end,
            "target": target,
        }
        existing = stored.get(key)
        if existing is None:
            new.append(values)
        elif existing[1:] != (period.label, target):
            changed.append({"id": existing[0], "period_label": period.label, "target": target})
        else:
            continue
        if owner[0] == "rep":
            touched.add(owner[1])

    if problems:
        raise IngestError(problems)
    unchanged = len(seen) - len(new) - len(changed)
    summary = ImportSummary(len(records), len(new), len(changed), unchanged, written=not dry_run)
    if dry_run:
        return summary

    for values in new:
        session.execute(insert(QUOTA).values(values))
    for values in changed:
        quota_id = values.pop("id")
        session.execute(update(QUOTA).where(QUOTA.c.id == quota_id).values(values))
    if rewards is not None:
        settle_rewards(session, rewards, touched, utcnow())
    logger.info("quotas: %d new, %d updated, %d unchanged", len(new), len(changed), unchanged)
    return summary


def _stored(session: Session) -> dict[QuotaKey, tuple[int, str, Decimal]]:
    """The stored quotas: key -> (id, period label, target)."""
    query = select(
        QUOTA.c.id, QUOTA.c.rep_id, QUOTA.c.team_id, QUOTA.c.metric, QUOTA.c.start_date,
        QUOTA.c.end_date, QUOTA.c.period_label, QUOTA.c.target,
    )  # fmt: skip
    stored: dict[QuotaKey, tuple[int, str, Decimal]] = {}
    for quota_id, rep_id, team_id, metric, start, end, label, target in session.execute(query):
        owner = ("rep", rep_id) if rep_id is not None else ("team", team_id)
        stored[(owner, metric, start, end)] = (quota_id, label, target)
    return stored


class _Owners:
    """Reps and teams, found by the owner text of a quota."""

    def __init__(self, session: Session) -> None:
        self.reps = RepDirectory.load(session)
        self.teams = {
            name_key(name): team_id
            for team_id, name in session.execute(select(TEAM.c.id, TEAM.c.name))
        }

    def find(self, text: str) -> tuple[str, int]:
        if looks_like_email(text):
            rep = self.reps.by_email.get(email_key(text))
            if rep is None:
                raise LookupError(f"no rep has the email {text.strip()!r}")
            return ("rep", rep.id)
        reps = self.reps.by_name.get(name_key(text), [])
        team_id = self.teams.get(name_key(text))
        if reps and team_id is not None:
            raise LookupError(f"{text.strip()!r} is a rep and a team: use the rep's email")
        if team_id is not None:
            return ("team", team_id)
        return ("rep", self.reps.find(text).id)
