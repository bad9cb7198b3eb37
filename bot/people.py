"""Who is asking: the rep behind a chat user, their role, and whose figures they may see.

A rep sees their own details and the public leaderboard; a manager also sees everyone
who reports to them, directly or not, and the teams they or their reports manage; an
admin sees everyone. Chat users are tied to reps by a `ChatIdentity` (platform,
workspace, user id), which an admin records with `link` or an adapter records from
the profile email.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from enum import IntEnum

from sqlmodel import Session, select

from core.models import ChatIdentity, Rep, Role
from core.org import Org, RepInfo, TeamInfo, UnknownNameError
from core.results import Scope, SubjectKind

logger = logging.getLogger(__name__)


class Level(IntEnum):
    """What a command asks of its caller; each level may do what the lower ones do."""

    REP = 1
    MANAGER = 2
    ADMIN = 3


class NotAllowedError(Exception):
    """The asker asked for figures that are not theirs to see."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"not allowed to see {name!r}")


class NameNotFoundError(LookupError):
    """A name that is neither a team nor a rep; carries the close names and, for a small
    company, the teams to choose from."""

    def __init__(self, value: str, close: tuple[str, ...], listed: tuple[str, ...]) -> None:
        self.value, self.close, self.listed = value, close, listed
        super().__init__(f"no team or rep called {value!r}")


LISTED_TEAMS = 30  # more teams than this are too many to list in a reply


@dataclass(frozen=True, slots=True)
class Asker:
    rep_id: int
    name: str
    email: str
    role: str
    level: Level
    locale: str | None
    team_id: int | None
    reports: frozenset[int]  # everyone below them, directly or not

    def can_see_rep(self, rep_id: int) -> bool:
        return self.level is Level.ADMIN or rep_id == self.rep_id or rep_id in self.reports

    def can_see_team(self, org: Org, team: TeamInfo) -> bool:
        """A team is theirs when they, or someone below them, manage it or a team above."""
        if self.level is Level.ADMIN:
            return True
        mine = self.reports | {self.rep_id}
        current: TeamInfo | None = team
        while current is not None:
            if current.manager_id in mine:
                return True
            current = org.teams.get(current.parent_id) if current.parent_id else None
        # A team with no manager recorded: theirs if everyone on it reports to them.
        members = {rep.id for rep in org.reps.values() if rep.team_id in org.subtree(team.id)}
        return bool(members) and members <= self.reports

    def check_rep(self, rep: RepInfo) -> None:
        if not self.can_see_rep(rep.id):
            raise NotAllowedError(rep.name)

    def check_team(self, org: Org, team: TeamInfo) -> None:
        if not self.can_see_team(org, team):
            raise NotAllowedError(team.name)


def level_of(role: str, has_reports: bool) -> Level:
    if role == Role.ADMIN:
        return Level.ADMIN
    if role == Role.MANAGER or has_reports:
        return Level.MANAGER
    return Level.REP


def asker_of(session: Session, rep: Rep) -> Asker:
    assert rep.id is not None, "a stored rep has an id"
    reports = frozenset(Org.load(session).reports(rep.id))
    return Asker(
        rep_id=rep.id,
        name=rep.name,
        email=rep.email,
        role=rep.role,
        level=level_of(rep.role, bool(reports)),
        locale=rep.locale,
        team_id=rep.team_id,
        reports=reports,
    )


def asker_by_email(session: Session, email: str) -> Asker | None:
    """The asker with this email (case does not matter), or None when no rep has it."""
    rep = session.exec(select(Rep).where(Rep.email == email.strip().lower())).first()
    return asker_of(session, rep) if rep is not None else None


def asker_by_identity(
    session: Session, platform: str, workspace: str, user_id: str
) -> Asker | None:
    """The asker linked to a chat user, or None when the user is not linked yet."""
    query = (
        select(Rep)
        .join(ChatIdentity, ChatIdentity.rep_id == Rep.id)  # type: ignore[arg-type]
        .where(
            ChatIdentity.platform == platform,
            ChatIdentity.workspace == workspace,
            ChatIdentity.user_id == user_id,
        )
    )
    rep = session.exec(query).first()
    return asker_of(session, rep) if rep is not None else None


def link(session: Session, platform: str, workspace: str, user_id: str, rep: Rep) -> None:
    """Tie a chat user to a rep, replacing any earlier link of that user. Commits."""
    assert rep.id is not None, "a stored rep has an id"
    existing = session.exec(
        select(ChatIdentity).where(
            ChatIdentity.platform == platform,
            ChatIdentity.workspace == workspace,
            ChatIdentity.user_id == user_id,
        )
    ).first()
    identity = existing or ChatIdentity(
        platform=platform, workspace=workspace, user_id=user_id, rep_id=rep.id
    )
    identity.rep_id = rep.id
    session.add(identity)
    session.commit()
    logger.info("linked %s user %s in %r to rep %s", platform, user_id, workspace, rep.id)


def find_team(org: Org, name: str) -> TeamInfo:
    """The team called `name`, whatever its case; the error names close teams."""
    wanted = name.strip().casefold()
    for team in org.teams.values():
        if team.name.casefold() == wanted:
            return team
    raise _not_found(org, name, teams_only=True)


def resolve(org: Org, asker: Asker, name: str) -> Scope:
    """The team or rep called `name` (a team first), if the asker may see its figures."""
    wanted = name.strip().casefold()
    for team in org.teams.values():
        if team.name.casefold() == wanted:
            asker.check_team(org, team)
            return Scope(SubjectKind.TEAM, team.id)
    try:
        rep = org.find_rep(name)
    except UnknownNameError:
        raise _not_found(org, name) from None
    asker.check_rep(rep)
    return Scope(SubjectKind.REP, rep.id)


def mentioned(org: Org, name: str) -> str | None:
    """The email of the one rep whose address starts with `name` ("@ada.lovelace")."""
    wanted = name.casefold()
    found = [rep.email for rep in org.reps.values() if rep.email.split("@")[0] == wanted]
    return found[0] if len(found) == 1 else None


def _not_found(org: Org, name: str, *, teams_only: bool = False) -> NameNotFoundError:
    teams = sorted((team.name for team in org.teams.values()), key=str.casefold)
    names = teams if teams_only else teams + [rep.name for rep in org.reps.values()]
    by_folded = {choice.casefold(): choice for choice in names}
    close = difflib.get_close_matches(name.strip().casefold(), by_folded, n=3, cutoff=0.6)
    listed = tuple(teams) if len(teams) <= LISTED_TEAMS else ()
    return NameNotFoundError(name.strip(), tuple(by_folded[choice] for choice in close), listed)
