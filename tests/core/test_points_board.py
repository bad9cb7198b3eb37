"""The points leaderboard: one sum over the ledger, by the day each entry counts on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, event
from sqlmodel import Session

from core.config import Settings
from core.leaderboard import leaderboard
from core.ledger import BADGE, POINTS, Award, in_force, reverse, write
from core.periods import FiscalCalendar
from core.results import GroupBy, Metric
from tests.builders import Company, at

NOW = at(2026, 11, 20, 12)
NOVEMBER = FiscalCalendar().parse("2026-11", NOW)


def test_points_and_badges_in_the_period_rank_reps_and_reversals_net_out(
    engine: Engine,
) -> None:
    with Session(engine) as session:
        company = Company(session)
        east, west = company.team("East"), company.team("West")
        ada, bob = company.rep("Ada Lovelace", east), company.rep("Bob Bell", west)
        cy = company.rep("Cy Young", west)
        assert ada.id
        assert bob.id
        assert cy.id
        write(
            session,
            POINTS,
            [
                Award(ada.id, "won_deal", "deal:1", Decimal(10), date(2026, 11, 3)),
                Award(ada.id, "won_deal", "deal:2", Decimal(10), date(2026, 10, 30)),  # October
                Award(bob.id, "activity", "activity:1", Decimal(15), date(2026, 11, 20)),
                Award(bob.id, "won_deal", "deal:3", Decimal(10), date(2026, 11, 4)),
                Award(cy.id, "won_deal", "deal:4", Decimal(40), date(2026, 11, 5)),
                Award(ada.id, "won_deal", "deal:5", Decimal(10), date(2026, 11, 25)),  # later
            ],
            NOW,
        )
        write(
            session,
            BADGE,
            [Award(ada.id, "first_win", "deal:1", Decimal(5), date(2026, 11, 3))],
            NOW,
        )
        # Cy's 40 are taken back, later: the reversal counts on the day of the award.
        reverse(session, POINTS, list(in_force(session, POINTS, {cy.id})), at(2026, 11, 20, 13))
        session.commit()

        statements: list[str] = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        board = leaderboard(session, Settings(), NOVEMBER, NOW, metric=Metric.POINTS)
        event.remove(engine, "before_cursor_execute", listen)

        # Ada 10 + 5 (badge) = 15; Bob 15 + 10 = 25, of which 10 before today; Cy 0.
        rows = [(row.rank, row.subject.name, row.value, row.movement) for row in board.rows]
        assert rows == [
            (1, "Bob Bell", Decimal(25), 1),
            (2, "Ada Lovelace", Decimal(15), -1),
            (3, "Cy Young", Decimal(0), 0),
        ]
        assert sum("ledger_entry" in statement for statement in statements) == 1

        teams = leaderboard(
            session, Settings(), NOVEMBER, NOW, metric=Metric.POINTS, by=GroupBy.TEAM
        )
        assert [(row.subject.name, row.value) for row in teams.rows] == [
            ("West", Decimal(25)),
            ("East", Decimal(15)),
        ]
