"""Most improved: the change of attainment against the previous period, in points.

The previous period is taken to the same point: mid-November (the 16th) is set
against October to the 16th.
"""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from bot.catalogue import Texts
from core.config import Settings
from core.leaderboard import leaderboard
from core.results import GroupBy, Metric, Unit
from tests.builders import Company, at
from tests.core.test_scorecards import CALENDAR, MID_NOVEMBER, NOVEMBER

SETTINGS = Settings()
OCTOBER = CALENDAR.parse("2026-10", MID_NOVEMBER)


def test_the_change_of_attainment_is_ranked_and_reps_without_a_quota_are_left_out(
    session: Session,
) -> None:
    company = Company(session)
    ada, bea, cy, dee, eve = (company.rep(name) for name in ("Ada", "Bea", "Cy", "Dee", "Eve"))
    # Ada: 500 / 1,000 = 50% in October, 1,500 / 2,000 = 75% in November: +25 points.
    company.quota(ada, OCTOBER, 1_000)
    company.quota(ada, NOVEMBER, 2_000)
    company.deal(ada, "won", 500, date(2026, 10, 10))
    company.deal(ada, "won", 1_500, date(2026, 11, 3))
    # Bea: 90% in October, 60% in November: -30 points.
    company.quota(bea, OCTOBER, 1_000)
    company.quota(bea, NOVEMBER, 1_000)
    company.deal(bea, "won", 900, date(2026, 10, 1))
    company.deal(bea, "won", 600, date(2026, 11, 16))
    # Cy had no October quota, so there is nothing to improve on.
    company.quota(cy, NOVEMBER, 1_000)
    company.deal(cy, "won", 1_000, date(2026, 11, 2))
    # Dee: 200 / 800 = 25%, then 500 / 1,000 = 50%: +25 points, tied with Ada.
    company.quota(dee, OCTOBER, 800)
    company.quota(dee, NOVEMBER, 1_000)
    company.deal(dee, "won", 200, date(2026, 10, 12))
    company.deal(dee, "won", 500, date(2026, 11, 9))
    # Eve has October's quota only.
    company.quota(eve, OCTOBER, 1_000)
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, metric=Metric.MOST_IMPROVED)

    assert board.unit is Unit.RATIO_CHANGE
    assert [(row.rank, row.subject.name, row.value) for row in board.rows] == [
        (1, "Ada", Decimal("0.25")),
        (1, "Dee", Decimal("0.25")),
        (3, "Bea", Decimal("-0.3")),
        (None, "Cy", None),
        (None, "Eve", None),
    ]
    # Bea's 600 closed today: the day before she was at 0% of November, -90 points,
    # and third all the same.
    assert [row.movement for row in board.rows[:3]] == [0, 0, 0]


def test_the_previous_period_counts_up_to_the_same_point(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, OCTOBER, 1_000)
    company.quota(ada, NOVEMBER, 1_000)
    company.deal(ada, "won", 300, date(2026, 10, 5))
    company.deal(ada, "won", 700, date(2026, 10, 28))  # after October's 16th: not counted
    company.deal(ada, "won", 500, date(2026, 11, 9))
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, metric=Metric.MOST_IMPROVED)

    # 50% of November by the 16th, against 30% of October by the 16th: +20 points
    # (against the whole of October's 100% it would read -50).
    assert [(row.subject.name, row.value) for row in board.rows] == [("Ada", Decimal("0.2"))]


def test_a_period_that_is_over_is_set_against_the_whole_previous_one(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, OCTOBER, 1_000)
    company.quota(ada, NOVEMBER, 1_000)
    company.deal(ada, "won", 300, date(2026, 10, 5))
    company.deal(ada, "won", 700, date(2026, 10, 28))
    company.deal(ada, "won", 500, date(2026, 11, 9))
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, at(2026, 12, 3), metric=Metric.MOST_IMPROVED)

    # November's 50% against October's 100%: -50 points.
    assert [(row.subject.name, row.value) for row in board.rows] == [("Ada", Decimal("-0.5"))]


def test_a_deal_closed_today_moves_a_rep_up_against_yesterday(session: Session) -> None:
    company = Company(session)
    ada, bea = company.rep("Ada"), company.rep("Bea")
    for rep in (ada, bea):
        company.quota(rep, OCTOBER, 1_000)
        company.quota(rep, NOVEMBER, 1_000)
    company.deal(ada, "won", 100, date(2026, 11, 2))  # +10 points
    company.deal(bea, "won", 300, date(2026, 11, 16))  # today: from 0 to +30 points
    session.commit()

    board = leaderboard(
        session, SETTINGS, NOVEMBER, at(2026, 11, 16, 12), metric=Metric.MOST_IMPROVED
    )

    assert [(row.subject.name, row.value, row.movement) for row in board.rows] == [
        ("Bea", Decimal("0.3"), 1),
        ("Ada", Decimal("0.1"), -1),
    ]


def test_teams_improve_on_their_members_quotas(session: Session) -> None:
    company = Company(session)
    north, south = company.team("North"), company.team("South")
    ada, bea, cy = company.rep("Ada", north), company.rep("Bea", north), company.rep("Cy", south)
    for rep in (ada, bea, cy):
        company.quota(rep, OCTOBER, 1_000)
        company.quota(rep, NOVEMBER, 1_000)
    # North: 400 of 2,000 (20%) in October, 1,000 of 2,000 (50%) now: +30 points.
    company.deal(ada, "won", 400, date(2026, 10, 5))
    company.deal(bea, "won", 1_000, date(2026, 11, 5))
    # South: 800 of 1,000 (80%), then 700 (70%): -10 points.
    company.deal(cy, "won", 800, date(2026, 10, 5))
    company.deal(cy, "won", 700, date(2026, 11, 5))
    session.commit()

    board = leaderboard(
        session, SETTINGS, NOVEMBER, MID_NOVEMBER, metric=Metric.MOST_IMPROVED, by=GroupBy.TEAM
    )

    assert [(row.subject.name, row.value) for row in board.rows] == [
        ("North", Decimal("0.3")),
        ("South", Decimal("-0.1")),
    ]


def test_points_read_with_their_sign_in_each_language() -> None:
    assert Texts("en", "USD").points_change(Decimal("0.125")) == "+12.5 pp"
    assert Texts("it", "EUR").points_change(Decimal("-0.3")) == "−30,0 p.p."
    assert Texts("en", "USD").points_change(Decimal("0")) == "0.0 pp"
