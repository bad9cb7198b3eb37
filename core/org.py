"""The organisation as one in-memory picture: teams, regions, reps and reporting lines.

Loaded in two queries and small even for thousands of reps, it answers "who is in
this team", "who reports to this manager, directly or not" and resolves the names
people type, with an error that lists what is valid when a name is unknown.
"""

from __future__ import annotations

import difflib
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select, text
from sqlmodel import Session

from core.models import Rep, Role, Team
from core.results import Scope, Subject, SubjectKind

# The last organisation read, by database and org_version (moved by triggers on every
# change of reps, teams or memberships): asking twice reads the tables once.
_CACHE: dict[tuple[str, int], Org] = {}
_CACHE_LOCK = threading.Lock()


class UnknownNameError(LookupError):
    """A team, rep or metric that does not exist; the message offers the valid ones."""

    def __init__(self, what: str, value: str, valid: Iterable[str], *, list_all: bool) -> None:
        self.what, self.value = what, value
        choices = sorted(set(valid), key=str.casefold)
        close = difflib.get_close_matches(value, choices, n=3, cutoff=0.5)
        message = f"unknown {what} {value!r}"
        if close:
            message += "; did you mean " + " or ".join(repr(name) for name in close) + "?"
        if list_all and choices:
            message += f" Valid {what}s: " + ", ".join(choices)
        elif not choices:
            message += f"; there are no {what}s yet (import them with `quotabot import`)"
        super().__init__(message)


class AmbiguousNameError(LookupError):
    """A name that fits several people; the message lists their emails."""


@dataclass(frozen=True, slots=True)
class RepInfo:
    id: int
    name: str
    email: str
    team_id: int | None
    manager_id: int | None
    role: str
    active: bool


@dataclass(frozen=True, slots=True)
class TeamInfo:
    id: int
    name: str
    parent_id: int | None
    manager_id: int | None


@dataclass
class Org:
    reps: dict[int, RepInfo] = field(default_factory=dict)
    teams: dict[int, TeamInfo] = field(default_factory=dict)
    _children: dict[int | None, list[int]] = field(default_factory=lambda: defaultdict(list))
    _reports: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Made once per subject and kept with the organisation they describe.
    subjects: dict[tuple[str, int | None], Subject] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Org:
        """The organisation as stored now: from memory unless it changed since last read."""
        connection = session.connection()
        version = connection.execute(text("SELECT version FROM org_version")).scalar_one()
        key = (connection.engine.url.render_as_string(hide_password=False), version)
        cached = _CACHE.get(key)
        if cached is None:
            cached = cls._read(session)
            with _CACHE_LOCK:
                _CACHE.clear()  # one organisation per process is the common case
                _CACHE[key] = cached
        return cached

    @classmethod
    def _read(cls, session: Session) -> Org:
        # Plain rows, not ORM objects: thousands of reps load in milliseconds.
        org = cls()
        teams, reps = Team.__table__.c, Rep.__table__.c  # type: ignore[attr-defined]
        connection = session.connection()
        team_rows = select(teams.id, teams.name, teams.parent_id, teams.manager_id)
        for team in connection.execute(team_rows):
            org.teams[team.id] = TeamInfo(*team)
            org._children[team.parent_id].append(team.id)
        rep_rows = select(
            reps.id, reps.name, reps.email, reps.team_id, reps.manager_id, reps.role, reps.active
        )
        for rep in connection.execute(rep_rows):
            org.reps[rep.id] = RepInfo(*rep)
            if rep.manager_id is not None:
                org._reports[rep.manager_id].append(rep.id)
        return org

    # -- structure ---------------------------------------------------------------

    def child_teams(self, team_id: int | None) -> list[int]:
        """Teams directly under `team_id` (top-level teams for None)."""
        return list(self._children.get(team_id, []))

    def subtree(self, team_id: int) -> set[int]:
        """The team and every team below it."""
        found, pending = set(), [team_id]
        while pending:
            current = pending.pop()
            if current not in found:
                found.add(current)
                pending.extend(self._children.get(current, []))
        return found

    def reports(self, manager_id: int) -> set[int]:
        """Everyone who reports to the manager, directly or not (never the manager)."""
        found: set[int] = set()
        pending = list(self._reports.get(manager_id, []))
        while pending:
            current = pending.pop()
            if current not in found and current != manager_id:
                found.add(current)
                pending.extend(self._reports.get(current, []))
        return found

    @cached_property
    def active_reps(self) -> frozenset[int]:
        """Everyone who sells and still works here: the usual rows of a board."""
        return frozenset(
            rep.id for rep in self.reps.values() if rep.active and rep.role == Role.REP
        )

    @cached_property
    def reps_in_name_order(self) -> list[int]:
        """Rep ids sorted as boards list ties: by name, case-insensitively."""
        return sorted(
            self.reps, key=lambda rep: (self.reps[rep].name.casefold(), self.reps[rep].name)
        )

    @cached_property
    def rep_entries(self) -> dict[int, tuple[Scope, Subject]]:
        """Each person's scope and description as a rep, made once."""
        return {
            rep_id: (Scope(SubjectKind.REP, rep_id), self.person_subject(SubjectKind.REP, rep_id))
            for rep_id in self.reps
        }

    def person_subject(self, kind: SubjectKind, rep_id: int) -> Subject:
        person = self.reps[rep_id]
        return Subject(kind, person.id, person.name, person.email, self.team_name(person.team_id))

    def managers(self) -> list[RepInfo]:
        """People with at least one report, or the manager role."""
        return [
            rep
            for rep in self.reps.values()
            if rep.id in self._reports or rep.role == Role.MANAGER
        ]

    def team_name(self, team_id: int | None) -> str | None:
        return self.teams[team_id].name if team_id in self.teams else None

    def parent_name(self, team_id: int) -> str | None:
        return self.team_name(self.teams[team_id].parent_id)

    # -- names people type --------------------------------------------------------

    def find_team(self, name: str) -> TeamInfo:
        wanted = name.strip().casefold()
        for team in self.teams.values():
            if team.name.casefold() == wanted:
                return team
        raise UnknownNameError(
            "team", name, (team.name for team in self.teams.values()), list_all=True
        )

    def find_rep(self, email_or_name: str) -> RepInfo:
        wanted = email_or_name.strip().casefold()
        by_name = [rep for rep in self.reps.values() if rep.name.casefold() == wanted]
        for rep in self.reps.values():
            if rep.email == wanted:
                return rep
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            emails = ", ".join(sorted(rep.email for rep in by_name))
            raise AmbiguousNameError(
                f"several reps are called {email_or_name!r}; name one by email: {emails}"
            )
        # Thousands of reps are too many to list; close matches of names and emails help.
        candidates = [rep.email for rep in self.reps.values()]
        candidates += [rep.name for rep in self.reps.values()]
        raise UnknownNameError("rep", email_or_name, candidates, list_all=len(self.reps) <= 30)
