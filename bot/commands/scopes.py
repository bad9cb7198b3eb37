"""Whose figures a command shows when a name is given, and when none is."""

from __future__ import annotations

from bot.people import Level, find_team, resolve
from bot.registry import Args, ChatContext
from core.org import Org
from core.results import Scope, SubjectKind
from core.scope import subject_of


def own_or_named(context: ChatContext, args: Args) -> Scope:
    """The asker themself, or the team or rep named, if the asker may see it."""
    if args.name is None:
        return Scope(SubjectKind.REP, context.asker.rep_id)
    return resolve(Org.load(context.session), context.asker, args.name)


def people_or_named(context: ChatContext, args: Args) -> Scope:
    """The asker's people (everyone for an admin with none), or the team or rep named.

    A rep named stands for the people who report to them.
    """
    asker = context.asker
    if args.name is not None:
        scope = resolve(Org.load(context.session), asker, args.name)
        if scope.kind is SubjectKind.REP:
            return Scope(SubjectKind.MANAGER, scope.id)
        return scope
    if asker.level is Level.ADMIN and not asker.reports:
        return Scope.company()
    if asker.reports:
        return Scope(SubjectKind.MANAGER, asker.rep_id)
    return Scope(SubjectKind.REP, asker.rep_id)


def named_team(context: ChatContext, args: Args) -> Scope:
    """The team named, for boards that anyone may read; the company otherwise."""
    if args.name is None:
        return Scope.company()
    return Scope(SubjectKind.TEAM, find_team(Org.load(context.session), args.name).id)


def is_own(context: ChatContext, scope: Scope) -> bool:
    return scope.kind is SubjectKind.REP and scope.id == context.asker.rep_id


def whose(context: ChatContext, scope: Scope) -> str:
    """A scope as a title names it: "Your team", a team, "Team of X", a person."""
    texts = context.texts
    if scope.kind is SubjectKind.COMPANY:
        return texts("team.company")
    if scope.kind is SubjectKind.MANAGER and scope.id == context.asker.rep_id:
        return texts("team.yours")
    name = subject_of(Org.load(context.session), scope).name
    if scope.kind is SubjectKind.MANAGER:
        return texts("team.theirs", name=name)
    return name
