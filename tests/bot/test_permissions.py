"""Who may see whose figures: rep, manager and admin, each asking about themself, a
report and someone else."""

import pytest
from sqlmodel import Session

from tests.bot.company import People, ask, build

REFUSED = "Not yours to see"

# (asker, whose figures, may see): Mona manages Ada; Carl reports to no one.
MATRIX = [
    ("ada", "ada", True),
    ("ada", "bea", False),
    ("ada", "carl", False),
    ("mona", "mona", True),
    ("mona", "ada", True),
    ("mona", "carl", False),
    ("root", "root", True),
    ("root", "ada", True),
    ("root", "carl", True),
]


@pytest.mark.parametrize(("asker", "target", "allowed"), MATRIX)
@pytest.mark.parametrize("command", ["myquota", "pipeline", "forecast", "points", "badges"])
def test_who_sees_whose_figures(
    session: Session, command: str, asker: str, target: str, allowed: bool
) -> None:
    people = build(session)
    who, whom = getattr(people, asker), getattr(people, target)

    reply = ask(session, who, f"{command} {whom.name}")

    assert (reply.title != REFUSED) is allowed, reply.title
    if not allowed:
        assert whom.name in reply.paragraphs[0]


def test_everyone_sees_the_leaderboard_of_any_team(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "leaderboard South")

    assert "Carl Weber" in reply.paragraphs[0]


@pytest.mark.parametrize(("asker", "allowed"), [("ada", False), ("mona", True), ("root", True)])
@pytest.mark.parametrize("command", ["team", "atrisk"])
def test_team_commands_are_for_managers(
    session: Session, command: str, asker: str, allowed: bool
) -> None:
    people = build(session)

    reply = ask(session, getattr(people, asker), command)

    assert (reply.title != REFUSED) is allowed


def test_a_manager_sees_their_own_team_but_not_another(session: Session) -> None:
    people = build(session)

    own = ask(session, people.mona, "team North")
    other = ask(session, people.mona, "team South")

    assert own.title == "North · 2026-Q4"
    assert other.title == REFUSED


def test_only_admins_link_people(session: Session) -> None:
    people: People = build(session)

    reply = ask(session, people.mona, f"link @U1 {people.ada.email}")

    assert reply.title == REFUSED
    assert "for Quotabot admins" in reply.paragraphs[0]
