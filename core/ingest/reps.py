"""Reps in: the people, their teams and regions, their managers, and their team history.

A record finds its rep by email, or by name when it has none. A record whose email
is new but whose name is that of a rep with a placeholder address (one created for
an unknown deal owner, say) takes over that rep, so the real address replaces the
placeholder. Fields a record leaves empty keep what is stored.

A manager named in a record (by email or name) is another record of the same input,
or a stored rep, or else a new rep with the role of manager. A rep who manages
someone and has the role of rep becomes a manager; nobody is ever made an admin or
demoted by being named. Manager chains are not checked for circles.

Team history: a rep's first membership starts on their hire date, or, when that is
unknown, reaches back to before any deal (so a CRM's history of closed deals counts
for the team the rep is imported with); a move to another team ends the current
membership the day before `effective` and starts the new one on it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session, SQLModel

from core.ingest.bulk import insert_returning_ids
from core.ingest.people import (
    AmbiguousName,
    RepDirectory,
    StoredRep,
    UnknownPerson,
    email_key,
    is_placeholder,
    looks_like_email,
    name_from_email,
    name_key,
)
from core.ingest.records import (
    CreatedRep,
    ImportSummary,
    IngestError,
    Problem,
    RepRecord,
)
from core.ingest.teams import TeamPlan
from core.models import Role

logger = logging.getLogger(__name__)

REP = SQLModel.metadata.tables["rep"]
MEMBERSHIP = SQLModel.metadata.tables["team_membership"]
# The first day of a first membership whose start is unknown: before any deal.
SINCE_EVER = date(1900, 1, 1)

_PENDING = -1  # the id of a rep not stored yet: differs from every stored id


@dataclass(eq=False, slots=True)
class _Wanted:
    """A rep as the import wants them: the stored rep, overlaid with the record."""

    name: str
    email: str
    stored: StoredRep | None
    line: int | None = None  # None for a person named only as a manager
    team: str | None = None  # key of the team in the plan; None keeps the stored team
    named_manager: str | None = None  # as the record writes it
    manager: _Wanted | None = None  # None keeps the stored manager
    role: str | None = None
    hire_date: date | None = None
    id: int | None = None

    def row(self, team_id: int | None) -> tuple[Any, ...]:
        stored = self.stored
        manager_id = stored.manager_id if stored else None
        if self.manager is not None:
            manager_id = self.manager.id if self.manager.id is not None else _PENDING
        return (
            self.name,
            self.email,
            team_id if self.team is not None else (stored.team_id if stored else None),
            manager_id,
            self.role or (stored.role if stored else Role.REP),
            self.hire_date or (stored.hire_date if stored else None),
        )


_COLUMNS = ("name", "email", "team_id", "manager_id", "role", "hire_date")

# A stored membership: (id, team id, first day, last day or None while current).
Membership = tuple[int, int, date, date | None]


def import_reps(
    session: Session, records: Sequence[RepRecord], *, effective: date, dry_run: bool = False
) -> ImportSummary:
    """Store `records` as reps, all of them or, on any problem, none (see the module).

    Raises `IngestError` listing every problem; the caller commits.
    """
    return _RepImport(session, effective).run(records, dry_run)


class _RepImport:
    def __init__(self, session: Session, effective: date) -> None:
        self.session = session
        self.effective = effective
        self.directory = RepDirectory.load(session)
        self.teams = TeamPlan.load(session)
        self.memberships: defaultdict[int, list[Membership]] = defaultdict(list)
        rows = session.execute(
            select(MEMBERSHIP.c.id, MEMBERSHIP.c.rep_id, MEMBERSHIP.c.team_id,
                   MEMBERSHIP.c.start_date, MEMBERSHIP.c.end_date)
        )  # fmt: skip
        for membership_id, rep_id, team_id, start, end in rows:
            self.memberships[rep_id].append((membership_id, team_id, start, end))

        self.problems: list[Problem] = []
        self.wanted: list[_Wanted] = []
        self.extra: dict[str, _Wanted] = {}  # named as managers only, by email or name key
        self.by_email: dict[str, _Wanted] = {}
        self.by_name: defaultdict[str, list[_Wanted]] = defaultdict(list)
        self.claimed: dict[int, _Wanted] = {}  # stored rep id -> the record's wanted rep

    def run(self, records: Sequence[RepRecord], dry_run: bool) -> ImportSummary:
        for record in records:
            self._match(record)
        for wanted in self.wanted:
            if wanted.named_manager:
                wanted.manager = self._manager(wanted)
        if self.problems:
            raise IngestError(self.problems)

        managers = {wanted.manager for wanted in self.wanted}
        for wanted in [*self.wanted, *self.extra.values()]:
            manages = wanted in managers
            stored_role = wanted.stored.role if wanted.stored else Role.REP
            if wanted.role is None and manages and stored_role == Role.REP:
                wanted.role = Role.MANAGER

        new = [wanted for wanted in self.wanted if wanted.stored is None]
        changed = [wanted for wanted in self.wanted if self._changes(wanted)]
        promoted = [wanted for wanted in self.extra.values() if self._changes(wanted)]
        created = [wanted for wanted in self.extra.values() if wanted.stored is None]
        summary = ImportSummary(
            rows=len(records),
            new=len(new),
            updated=len(changed) + len(promoted),
            unchanged=len(self.wanted) - len(new) - len(changed),
            created_reps=tuple(_created(wanted) for wanted in created),
            placeholder_emails=tuple(
                _created(wanted) for wanted in new if _created(wanted).has_placeholder_email
            ),
            created_teams=tuple(self.teams.created),
            written=not dry_run,
        )
        if not dry_run:
            self._write([*new, *created], [*changed, *promoted])
            logger.info(
                "reps: %d new, %d updated, %d unchanged",
                summary.new, summary.updated, summary.unchanged,
            )  # fmt: skip
        return summary

    # -- checking --------------------------------------------------------------------

    def _match(self, record: RepRecord) -> None:
        """Find the stored rep the record is about, and plan its team and region."""
        line, name = record.line, " ".join(record.name.split())
        if not name:
            self.problems.append(Problem(line, "name", "the name is empty"))
            return
        limits = (
            ("name", name, 200),
            ("email", record.email, 320),
            ("team", record.team, 200),
            ("region", record.region, 200),
            ("manager", record.manager, 200),
        )
        for field, text, limit in limits:
            if text is not None and len(text) > limit:
                self.problems.append(Problem(line, field, f"longer than {limit} characters"))

        stored: StoredRep | None = None
        if record.email is not None:
            email = email_key(record.email)
            if not looks_like_email(email):
                self.problems.append(Problem(line, "email", f"not an email: {record.email!r}"))
            elif email in self.by_email:
                earlier = self.by_email[email].line
                self.problems.append(Problem(line, "email", f"{email} is also on line {earlier}"))
            stored = self.directory.by_email.get(email) or self._placeholder_holder(name)
        else:
            stored = self._by_name(record, name)
            email = stored.email if stored else self.directory.placeholder_email(name)
        wanted = _Wanted(name, email, stored, line, role=record.role, hire_date=record.hire_date)
        wanted.named_manager = record.manager
        if stored is not None:
            wanted.id = stored.id
            if stored.id in self.claimed:
                message = f"this is {stored.email}, also on line {self.claimed[stored.id].line}"
                self.problems.append(Problem(line, "email", message))
            self.claimed.setdefault(stored.id, wanted)
        if record.team or record.region:
            wanted.team = self.teams.need(record.team or record.region or "")
        if record.team and record.region:
            problem = self.teams.place(record.team, record.region, line)
            if problem is not None:
                self.problems.append(problem)
        self.wanted.append(wanted)
        self.by_email.setdefault(email, wanted)
        self.by_name[name_key(name)].append(wanted)

    def _placeholder_holder(self, name: str) -> StoredRep | None:
        """The one unclaimed rep of this name whose address is a placeholder, if any."""
        holders = [
            rep
            for rep in self.directory.by_name.get(name_key(name), [])
            if is_placeholder(rep.email) and rep.id not in self.claimed
        ]
        return holders[0] if len(holders) == 1 else None

    def _by_name(self, record: RepRecord, name: str) -> StoredRep | None:
        """The stored rep a record without email means; a problem when it is unclear."""
        same = self.by_name.get(name_key(name))
        if same:
            message = f"{name!r} is also on line {same[0].line}: give each an email"
            self.problems.append(Problem(record.line, "email", message))
            return None
        try:
            return self.directory.find(name)
        except AmbiguousName as error:
            self.problems.append(Problem(record.line, "email", str(error)))
        except UnknownPerson:
            pass
        return None

    def _manager(self, wanted: _Wanted) -> _Wanted | None:
        """The person a record names as manager, planned as a new manager if unknown."""
        text = " ".join((wanted.named_manager or "").split())
        if looks_like_email(text):
            key = email_key(text)
            found = [self.by_email[key]] if key in self.by_email else []
        else:
            key = name_key(text)
            found = self.by_name.get(key, [])
        if len(found) > 1:
            message = f"{len(found)} reps here are named {text!r}: use the manager's email"
            self.problems.append(Problem(wanted.line, "manager", message))
            return None
        manager = found[0] if found else self._outside(wanted, text, key)
        if manager is wanted:
            self.problems.append(Problem(wanted.line, "manager", "a rep cannot manage themself"))
            return None
        return manager

    def _outside(self, wanted: _Wanted, text: str, key: str) -> _Wanted | None:
        """A manager who has no record of their own: a stored rep or a new manager."""
        if key in self.extra:
            return self.extra[key]
        try:
            stored: StoredRep | None = self.directory.find(text)
        except AmbiguousName as error:
            self.problems.append(Problem(wanted.line, "manager", str(error)))
            return None
        except UnknownPerson:
            stored = None
        if stored is not None and stored.id in self.claimed:
            # Their record names them differently from how the manager column does.
            return self.claimed[stored.id]
        if stored is not None:
            manager = _Wanted(stored.name, stored.email, stored, id=stored.id)
        elif looks_like_email(text):
            manager = _Wanted(name_from_email(text), key, None, role=Role.MANAGER)
        else:
            email = self.directory.placeholder_email(text)
            manager = _Wanted(text, email, None, role=Role.MANAGER)
        self.extra[key] = manager
        return manager

    # -- comparing and writing -------------------------------------------------------

    def _team_id(self, wanted: _Wanted) -> int | None:
        if wanted.team is None:
            return None
        return self.teams.teams[wanted.team].id or _PENDING

    def _changes(self, wanted: _Wanted) -> bool:
        """Whether storing `wanted` changes the rep or their team history."""
        stored = wanted.stored
        if stored is None:
            return False
        before = (stored.name, stored.email, stored.team_id, stored.manager_id, stored.role,
                  stored.hire_date)  # fmt: skip
        return wanted.row(self._team_id(wanted)) != before or bool(self._moves(wanted))

    def _moves(self, wanted: _Wanted) -> list[tuple[str, dict[str, Any]]]:
        """The membership rows to write for `wanted`: ("insert" | "update", values)."""
        team_id = self._team_id(wanted)
        if team_id is None and wanted.stored is not None:
            team_id = wanted.stored.team_id
        if team_id is None:
            return []
        history = self.memberships.get(wanted.id or 0, []) if wanted.stored else []
        if not history:
            start = wanted.hire_date or (wanted.stored.hire_date if wanted.stored else None)
            values = {"team_id": team_id, "start_date": start or SINCE_EVER}
            return [("insert", values)]

        moves: list[tuple[str, dict[str, Any]]] = []
        current = False
        for membership_id, old_team, start, end in history:
            if end is not None or (old_team == team_id and not current):
                current = current or end is None
                continue
            if start >= self.effective and not current:
                # Opened on or after the effective date: it becomes the new membership.
                moves.append(("update", {"id": membership_id, "team_id": team_id}))
                current = True
            else:
                last_day = max(start, self.effective - timedelta(days=1))
                moves.append(("update", {"id": membership_id, "end_date": last_day}))
        if not current:
            moves.append(("insert", {"team_id": team_id, "start_date": self.effective}))
        return moves

    def _write(self, new: list[_Wanted], changed: list[_Wanted]) -> None:
        self.teams.write(self.session)

        # New reps are stored before anyone's manager can point at them.
        rows = [
            dict(zip(_COLUMNS, wanted.row(self._team_id(wanted)), strict=True)) for wanted in new
        ]
        for row in rows:
            row["manager_id"] = None
        ids = insert_returning_ids(self.session, REP, rows)
        for wanted, rep_id in zip(new, ids, strict=True):
            wanted.id = rep_id

        for wanted in [*new, *changed]:
            values = dict(zip(_COLUMNS, wanted.row(self._team_id(wanted)), strict=True))
            statement = update(REP).where(REP.c.id == wanted.id).values(values)
            if wanted.stored is not None or values["manager_id"] is not None:
                self.session.execute(statement)
            for action, move in self._moves(wanted):
                if action == "insert":
                    self.session.execute(insert(MEMBERSHIP).values(rep_id=wanted.id, **move))
                else:
                    row_id = move.pop("id")
                    statement = update(MEMBERSHIP).where(MEMBERSHIP.c.id == row_id)
                    self.session.execute(statement.values(**move))


def _created(wanted: _Wanted) -> CreatedRep:
    return CreatedRep(wanted.name, wanted.email, Role(wanted.role or Role.REP))
