"""`points` and `badges` in chat: the balance, the latest entries with their causes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from core.config import Settings
from core.ledger import POINTS, Award, in_force, reverse, write
from core.rewards import settle_rewards
from core.rewards_config import BadgesConfig
from tests.bot.company import NOW, ask, build, text

SETTINGS = Settings(badges=BadgesConfig(points={"first_win": 5}))


def test_points_show_the_balance_and_what_earned_the_latest(session: Session) -> None:
    people = build(session)
    ada = people.ada
    assert ada.id is not None
    settle_rewards(session, SETTINGS, {ada.id}, NOW)
    write(session, POINTS, [Award(ada.id, "kudos", f"deal:1:from:{people.bea.id}",
                                  Decimal(2), date(2026, 11, 30))], NOW)  # fmt: skip
    session.commit()

    reply = ask(session, ada, "points", settings=SETTINGS)

    # 10 for the win of Oct 15 (deal 1), 5 with the first-win badge, 2 of kudos.
    assert reply.title == "Your points"
    assert reply.paragraphs[0] == "*17* points in all."
    shown = text(reply)
    assert "Oct 15, 2026 · deal won, Deal 1: +10" in shown
    assert "badge First win: +5" in shown
    assert "kudos from Bea Rossi for Deal 1: +2" in shown


def test_points_taken_back_show_as_such(session: Session) -> None:
    people = build(session)
    carl = people.carl
    assert carl.id is not None
    settle_rewards(session, SETTINGS, {carl.id}, NOW)
    reverse(session, POINTS, in_force(session, POINTS, {carl.id}), NOW)
    session.commit()

    reply = ask(session, carl, "punti", settings=SETTINGS)

    assert reply.paragraphs[0] == "*5* points in all."
    assert "deal won, Deal 4, taken back: −10" in text(reply)


def test_badges_list_what_was_earned_and_a_manager_sees_a_reports(session: Session) -> None:
    people = build(session)
    assert people.ada.id is not None
    settle_rewards(session, SETTINGS, {people.ada.id}, NOW)
    session.commit()

    reply = ask(session, people.mona, "badges Ada Lovelace", settings=SETTINGS)

    assert reply.title == "Badges of Ada Lovelace"
    assert "🏅 First win · Oct 15, 2026 · 5 points" in text(reply)


def test_a_team_is_no_answer_to_points_and_nobody_has_none(session: Session) -> None:
    people = build(session)

    team = ask(session, people.mona, "points North")
    empty = ask(session, people.carl, "badges", locale="it")

    assert "name a rep rather than a team" in text(team)
    assert empty.title == "I tuoi badge"
    assert "Ancora nessun badge" in text(empty)
