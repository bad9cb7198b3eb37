"""Leaderboards: competition ranking, tie-breaks, movement and every metric."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from core.config import Settings
from core.leaderboard import leaderboard
from core.ranking import competition_ranks
from core.results import GroupBy, Leaderboard, Metric, Scope, SubjectKind
from tests.builders import Company, at, usd
from tests.core.test_scorecards import MID_NOVEMBER, NOVEMBER

SETTINGS = Settings()


def ranked(board: Leaderboard) -> list[tuple[int | None, str, Decimal | None]]:
    return [(row.rank, row.subject.name, row.value) for row in board.rows]


def test_ties_share_a_rank_and_are_listed_by_name(session: Session) -> None:
    company = Company(session)
    for name, amount in (("Cy", 500), ("bea", 900), ("Ada", 900), ("Dee", 100)):
        company.deal(company.rep(name), "won", amount, date(2026, 11, 2))
    company.rep("Eve")  # nothing won: ranked last with zero
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER)

    assert ranked(board) == [
        (1, "Ada", usd(900)),
        (1, "bea", usd(900)),
        (3, "Cy", usd(500)),
        (4, "Dee", usd(100)),
        (5, "Eve", usd(0)),
    ]


def test_movement_compares_with_the_day_before(session: Session) -> None:
    company = Company(session)
    ada, bea, cy = company.rep("Ada"), company.rep("Bea"), company.rep("Cy")
    company.deal(ada, "won", 500, date(2026, 11, 10))
    company.deal(bea, "won", 300, date(2026, 11, 11))
    company.deal(cy, "won", 900, date(2026, 11, 16))  # closed today: jumps from 3rd to 1st
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, at(2026, 11, 16, 15))

    assert [(row.subject.name, row.movement) for row in board.rows] == [
        ("Cy", 2),
        ("Ada", -1),
        ("Bea", -1),
    ]


def test_no_movement_on_the_first_day_of_a_period(session: Session) -> None:
    company = Company(session)
    company.deal(company.rep("Ada"), "won", 500, date(2026, 11, 1))
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, at(2026, 11, 1, 12))

    assert [row.movement for row in board.rows] == [None]


def test_attainment_leaves_reps_without_a_quota_unranked(session: Session) -> None:
    company = Company(session)
    ada, bea, cy = company.rep("Ada"), company.rep("Bea"), company.rep("Cy")
    company.quota(ada, NOVEMBER, 1_000)
    company.quota(bea, NOVEMBER, 4_000)
    company.quota(cy, NOVEMBER, 0)
    company.deal(ada, "won", 500, date(2026, 11, 2))
    company.deal(bea, "won", 3_000, date(2026, 11, 2))
    company.deal(cy, "won", 3_000, date(2026, 11, 2))
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, metric=Metric.ATTAINMENT)

    assert ranked(board) == [
        (1, "Bea", Decimal("0.75")),
        (2, "Ada", Decimal("0.5")),
        (None, "Cy", None),
    ]


def test_win_rate_average_deal_size_deals_won_and_activities(session: Session) -> None:
    company = Company(session)
    ada, bea = company.rep("Ada"), company.rep("Bea")
    company.deal(ada, "won", 100, date(2026, 11, 2))
    company.deal(ada, "lost", 100, date(2026, 11, 3))
    company.deal(bea, "won", 50, date(2026, 11, 2))
    company.deal(bea, "won", 25, date(2026, 11, 3))
    company.activity(ada, date(2026, 11, 3), 7)
    company.activity(ada, date(2026, 11, 4), 2, kind="email")
    company.activity(bea, date(2026, 11, 4), 4)
    company.activity(bea, date(2026, 11, 20), 40)  # after the as-of day
    session.commit()

    def board(metric: Metric) -> list[tuple[int | None, str, Decimal | None]]:
        return ranked(leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, metric=metric))

    assert board(Metric.WIN_RATE) == [(1, "Bea", Decimal(1)), (2, "Ada", Decimal("0.5"))]
    assert board(Metric.AVERAGE_DEAL_SIZE) == [(1, "Ada", usd(100)), (2, "Bea", usd("37.50"))]
    assert board(Metric.DEALS_WON) == [(1, "Bea", 2), (2, "Ada", 1)]
    assert board(Metric.ACTIVITIES) == [(1, "Ada", 9), (2, "Bea", 4)]


def test_average_deal_size_rounds_half_to_even_like_the_scorecard(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    for amount in ("100.00", "50.00", "50.00"):  # 200 / 3 = 66.666..., so 66.67
        company.deal(ada, "won", amount, date(2026, 11, 2))
    session.commit()

    board = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, metric=Metric.AVERAGE_DEAL_SIZE)

    assert ranked(board) == [(1, "Ada", usd("66.67"))]


def test_boards_by_team_and_by_manager(session: Session) -> None:
    company = Company(session)
    region = company.team("EMEA")
    north, south = company.team("North", region), company.team("South", region)
    lead = company.rep("Lou", north, role="manager")
    boss = company.rep("Sam", south, role="manager")
    company.deal(company.rep("Ada", north, lead), "won", 700, date(2026, 11, 2))
    company.deal(company.rep("Cy", south, boss), "won", 300, date(2026, 11, 2))
    company.deal(company.rep("Dee", south, boss), "won", 600, date(2026, 11, 2))
    session.commit()

    by_team = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, by=GroupBy.TEAM)
    by_manager = leaderboard(session, SETTINGS, NOVEMBER, MID_NOVEMBER, by=GroupBy.MANAGER)
    north_only = leaderboard(
        session, SETTINGS, NOVEMBER, MID_NOVEMBER, within=Scope(SubjectKind.TEAM, north.id)
    )

    assert ranked(by_team) == [(1, "South", usd(900)), (2, "North", usd(700))]
    assert by_team.rows[0].subject.team == "EMEA"
    assert ranked(by_manager) == [(1, "Sam", usd(900)), (2, "Lou", usd(700))]
    assert ranked(north_only) == [(1, "Ada", usd(700))]


values = st.lists(
    st.tuples(st.sampled_from("abcdefg"), st.none() | st.integers(0, 5).map(Decimal)),
    max_size=30,
)


@given(values)
def test_competition_ranking_invariants(entries: list[tuple[str, Decimal | None]]) -> None:
    result = competition_ranks(entries, lambda entry: entry[1], lambda entry: entry[0])

    ranks = [rank for rank, _ in result if rank is not None]
    ranked_values = [entry[1] for rank, entry in result if rank is not None]
    assert ranks == sorted(ranks)
    assert ranked_values == sorted(ranked_values, reverse=True)  # type: ignore[type-var]
    for rank, (_, value) in result:
        if rank is not None:
            # 1, 2, 2, 4: a rank is one more than the count of strictly better values.
            assert rank == 1 + sum(1 for v in ranked_values if v > value)  # type: ignore[operator]
    assert all(entry[1] is None for rank, entry in result if rank is None)
    assert [entry for rank, entry in result if rank is None] == sorted(
        (entry for entry in entries if entry[1] is None), key=lambda e: e[0]
    )


@given(values)
def test_ranking_does_not_depend_on_input_order(entries: list[tuple[str, Decimal | None]]) -> None:
    def rank(items: list[tuple[str, Decimal | None]]) -> list[tuple[int | None, object]]:
        return competition_ranks(items, lambda entry: entry[1], lambda entry: entry[0])

    assert rank(entries) == rank(list(reversed(entries)))
