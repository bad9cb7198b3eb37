"""Whose figures a question is about: the company, a team, a rep, or a manager's people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from core.aggregates import Key
from core.org import Org
from core.results import Subject, SubjectKind

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Scope:
    kind: SubjectKind
    id: int | None = None

    @classmethod
    def company(cls) -> Scope:
        return cls(SubjectKind.COMPANY)


def resolve_scope(
    org: Org, *, team: str | None = None, rep: str | None = None, manager: str | None = None
) -> Scope:
    """The scope named by at most one of team, rep or manager; the company otherwise."""
    named = [value for value in (team, rep, manager) if value]
    if len(named) > 1:
        raise ValueError("name one of a team, a rep or a manager, not several")
    if team:
        return Scope(SubjectKind.TEAM, org.find_team(team).id)
    if rep:
        return Scope(SubjectKind.REP, org.find_rep(rep).id)
    if manager:
        return Scope(SubjectKind.MANAGER, org.find_rep(manager).id)
    return Scope.company()


def subject_of(org: Org, scope: Scope) -> Subject:
    if scope.kind is SubjectKind.COMPANY or scope.id is None:
        return Subject(SubjectKind.COMPANY, None, "Company")
    if scope.kind is SubjectKind.TEAM:
        team = org.teams[scope.id]
        return Subject(SubjectKind.TEAM, team.id, team.name, team=org.team_name(team.parent_id))
    person = org.reps[scope.id]
    return Subject(scope.kind, person.id, person.name, person.email, org.team_name(person.team_id))


def needs_team_split(scope: Scope) -> bool:
    return scope.kind is SubjectKind.TEAM


def owners_of(org: Org, scope: Scope) -> set[int] | None:
    """The reps whose deals can count for the scope (None: anyone's may)."""
    if scope.kind is SubjectKind.REP and scope.id is not None:
        return {scope.id}
    if scope.kind is SubjectKind.MANAGER and scope.id is not None:
        return org.reports(scope.id)
    return None


def select_keys(org: Org, scope: Scope, totals: dict[Key, T]) -> Iterable[T]:
    """The totals that count for the scope; team totals must be split by team."""
    if scope.kind is SubjectKind.COMPANY or scope.id is None:
        return totals.values()
    if scope.kind is SubjectKind.TEAM:
        teams = org.subtree(scope.id)
        return [value for (_, team), value in totals.items() if team in teams]
    owners = owners_of(org, scope) or set()
    return [value for (owner, _), value in totals.items() if owner in owners]


def quota_day(period_end: date, today: date, period_start: date) -> date:
    """The day whose team membership decides whose quota counts for a team."""
    return max(period_start, min(period_end, today))
