"""Whose figures a question is about: the company, a team, a rep, or a manager's people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Generic, TypeVar

from core.aggregates import Key
from core.org import Org
from core.results import Scope, Subject, SubjectKind

T = TypeVar("T")


class ScopeError(ValueError):
    """A question about several scopes at once; the message says to name one."""


def resolve_scope(
    org: Org, *, team: str | None = None, rep: str | None = None, manager: str | None = None
) -> Scope:
    """The scope named by at most one of team, rep or manager; the company otherwise."""
    named = [value for value in (team, rep, manager) if value]
    if len(named) > 1:
        raise ScopeError("name one of a team, a rep or a manager, not several")
    if team:
        return Scope(SubjectKind.TEAM, org.find_team(team).id)
    if rep:
        return Scope(SubjectKind.REP, org.find_rep(rep).id)
    if manager:
        return Scope(SubjectKind.MANAGER, org.find_rep(manager).id)
    return Scope.company()


def subject_of(org: Org, scope: Scope) -> Subject:
    key = (scope.kind.value, scope.id)
    subject = org.subjects.get(key)
    if subject is None:
        subject = org.subjects[key] = _describe(org, scope)
    return subject


def _describe(org: Org, scope: Scope) -> Subject:
    if scope.kind is SubjectKind.COMPANY or scope.id is None:
        return Subject(SubjectKind.COMPANY, None, "Company")
    if scope.kind is SubjectKind.TEAM:
        team = org.teams[scope.id]
        return Subject(SubjectKind.TEAM, team.id, team.name, team=org.team_name(team.parent_id))
    return org.person_subject(scope.kind, scope.id)


def owners_of(org: Org, scope: Scope) -> set[int] | None:
    """The reps whose deals can count for the scope (None: anyone's may)."""
    if scope.kind is SubjectKind.REP and scope.id is not None:
        return {scope.id}
    if scope.kind is SubjectKind.MANAGER and scope.id is not None:
        return org.reports(scope.id)
    return None


class TotalsIndex(Generic[T]):
    """Totals keyed by (rep, team), indexed both ways so any scope is a few lookups."""

    def __init__(self, totals: dict[Key, T]) -> None:
        self.all = list(totals.values())
        self.by_owner: dict[int, list[T]] = defaultdict(list)
        self.by_team: dict[int | None, list[T]] = defaultdict(list)
        for (owner, team), value in totals.items():
            self.by_owner[owner].append(value)
            self.by_team[team].append(value)

    def select(self, org: Org, scope: Scope) -> Sequence[T]:
        """The totals that count for the scope; team totals must be split by team."""
        if not self.all:
            return ()
        if scope.kind is SubjectKind.REP and scope.id is not None:
            return self.by_owner.get(scope.id, ())
        if scope.kind is SubjectKind.COMPANY or scope.id is None:
            return self.all
        if scope.kind is SubjectKind.TEAM:
            return [
                value for team in org.subtree(scope.id) for value in self.by_team.get(team, ())
            ]
        owners = owners_of(org, scope) or set()
        return [value for owner in owners for value in self.by_owner.get(owner, ())]


def quota_day(period_end: date, today: date, period_start: date) -> date:
    """The day whose team membership decides whose quota counts for a team."""
    return max(period_start, min(period_end, today))
