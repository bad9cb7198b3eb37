"""Teams and regions named by a reps import: found by name, created when missing.

A region is a team's parent team. Names are compared as people's names are: case
and repeated spaces do not matter, and the first spelling seen is the one stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlmodel import Session, SQLModel

from core.ingest.bulk import insert_returning_ids
from core.ingest.people import name_key
from core.ingest.records import Problem

TEAM = SQLModel.metadata.tables["team"]


@dataclass(slots=True)
class _Team:
    name: str
    id: int | None = None  # None until created
    parent: str | None = None  # name key of the parent team
    stored_parent: str | None = None
    placed_on: int | None = None  # line that put the team in its region


@dataclass
class TeamPlan:
    """The teams an import needs, and the region each of them belongs to."""

    teams: dict[str, _Team] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session) -> TeamPlan:
        plan = cls()
        rows = session.execute(select(TEAM.c.id, TEAM.c.name, TEAM.c.parent_id)).all()
        key_of = {team_id: name_key(name) for team_id, name, _ in rows}
        for team_id, name, parent_id in rows:
            parent = None if parent_id is None else key_of[parent_id]
            plan.teams[name_key(name)] = _Team(name, team_id, parent, parent)
        return plan

    def need(self, name: str) -> str:
        """The key of the team called `name`, planned for creation if it does not exist."""
        key = name_key(name)
        if key not in self.teams:
            self.teams[key] = _Team(" ".join(name.split()))
            self.created.append(self.teams[key].name)
        return key

    def place(self, team: str, region: str, line: int) -> Problem | None:
        """Put `team` in `region`; a problem when the file already put it elsewhere."""
        team_key, region_key = self.need(team), self.need(region)
        planned = self.teams[team_key]
        if team_key == region_key:
            return Problem(line, "region", f"team {planned.name!r} cannot be its own region")
        if planned.placed_on is not None and planned.parent != region_key:
            where = self.teams[planned.parent or ""].name
            message = f"team {planned.name!r} is in region {where!r} on line {planned.placed_on}"
            return Problem(line, "region", message)
        planned.parent, planned.placed_on = region_key, line
        return self._cycle(team_key, line)

    def _cycle(self, start: str, line: int) -> Problem | None:
        seen = [start]
        parent = self.teams[start].parent
        while parent is not None:
            if parent in seen:
                names = " > ".join(self.teams[key].name for key in [*seen, parent])
                return Problem(line, "region", f"regions go round in a circle: {names}")
            seen.append(parent)
            parent = self.teams[parent].parent
        return None

    def id_of(self, key: str) -> int:
        team_id = self.teams[key].id
        if team_id is None:
            raise RuntimeError(f"team {key!r} is not stored yet")
        return team_id

    def write(self, session: Session) -> None:
        """Create the missing teams, then set the regions that changed."""
        missing = [team for team in self.teams.values() if team.id is None]
        ids = insert_returning_ids(session, TEAM, [{"name": team.name} for team in missing])
        for team, team_id in zip(missing, ids, strict=True):
            team.id = team_id

        for team in self.teams.values():
            if team.parent != team.stored_parent and team.parent is not None:
                parent_id = self.id_of(team.parent)
                session.execute(
                    update(TEAM).where(TEAM.c.id == team.id).values(parent_id=parent_id)
                )
