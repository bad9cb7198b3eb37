"""Contests: who takes part, percent of each one's own target, ties, and the clock."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from core.config import CalendarConfig, RampConfig, Settings
from core.contests import (
    ContestError,
    ContestInfo,
    NewContest,
    Phase,
    add_contest,
    find_contest,
    remove_contest,
    standings,
)
from core.leaderboard import leaderboard
from core.models import ContestKind, ContestRanking, Rep
from core.periods import FiscalCalendar
from core.results import Metric
from tests.builders import Company, at

UTC_SETTINGS = Settings()
ROME = Settings(calendar=CalendarConfig(timezone="Europe/Rome"))
LOS_ANGELES = Settings(calendar=CalendarConfig(timezone="America/Los_Angeles"))
DECEMBER = FiscalCalendar().parse("2026-12", at(2026, 12, 1))
LATE_DECEMBER = at(2026, 12, 20)


def contest(session: Session, settings: Settings = UTC_SETTINGS, **options: object) -> ContestInfo:
    values: dict[str, object] = {
        "name": "December sprint", "start": date(2026, 12, 1), "end": date(2026, 12, 31),
        "created_by": "mona@example.com", **options,
    }  # fmt: skip
    new = NewContest(**values)  # type: ignore[arg-type]
    stored = add_contest(session, settings, new, at(2026, 11, 20))
    info = find_contest(session, stored.id or 0)
    assert info is not None
    return info


Table = list[tuple[int | None, str, Decimal | None]]


def table(
    info: ContestInfo,
    session: Session,
    settings: Settings = UTC_SETTINGS,
    as_of: datetime = LATE_DECEMBER,
) -> Table:
    board = standings(session, settings, info, as_of).board
    return [(row.rank, row.subject.name, row.value) for row in board.rows]


def veteran_and_new_hire(session: Session) -> tuple[Company, Rep, Rep, Rep]:
    """Vic's December target is $100,000, Nia's (a ramping new hire) $20,000; Sam has none.
    Vic wins $50,000 (50%), Nia $15,000 (75%), Sam $5,000."""
    company = Company(session)
    vic = company.rep("Vic Veteran")
    nia = company.rep("Nia Newhire", hired=date(2026, 11, 2))
    sam = company.rep("Sam Notarget")
    company.quota(vic, DECEMBER, 100_000)
    company.quota(nia, DECEMBER, 20_000)
    company.deal(vic, "won", 50_000, date(2026, 12, 10))
    company.deal(nia, "won", 15_000, date(2026, 12, 11))
    company.deal(sam, "won", 5_000, date(2026, 12, 12))
    company.deal(vic, "won", 90_000, date(2026, 11, 30))  # before the contest: not counted
    session.commit()
    return company, vic, nia, sam


def test_a_new_hire_wins_on_percent_of_her_own_target(session: Session) -> None:
    veteran_and_new_hire(session)

    info = contest(session)

    assert info.ranking is ContestRanking.PERCENT
    assert table(info, session) == [
        (1, "Nia Newhire", Decimal("0.75")),
        (2, "Vic Veteran", Decimal("0.5")),
        (None, "Sam Notarget", None),  # no target for these days: listed, not ranked
    ]


def test_a_new_hire_is_measured_on_her_ramped_quota(session: Session) -> None:
    company = Company(session)
    vic, nia = company.rep("Vic Veteran"), company.rep("Nia Newhire", hired=date(2026, 12, 1))
    company.quota(vic, DECEMBER, 10_000)
    company.quota(nia, DECEMBER, 20_000)
    company.deal(vic, "won", 5_000, date(2026, 12, 10))  # 50%
    company.deal(nia, "won", 6_000, date(2026, 12, 10))  # 30% of her full quota
    session.commit()
    ramped = Settings(ramp=RampConfig(months=(Decimal("0.5"),)))  # half in her first month

    info = contest(session, ramped)
    board = leaderboard(session, ramped, DECEMBER, LATE_DECEMBER, metric=Metric.ATTAINMENT)

    # Her December quota is ramped to 10,000: 6,000 of it is 60%, ahead of Vic's 50%.
    assert table(info, session, ramped) == [
        (1, "Nia Newhire", Decimal("0.6")),
        (2, "Vic Veteran", Decimal("0.5")),
    ]
    assert [(row.subject.name, row.value) for row in board.rows] == [
        ("Nia Newhire", Decimal("0.6")),
        ("Vic Veteran", Decimal("0.5")),
    ]


def test_by_value_the_biggest_number_wins(session: Session) -> None:
    veteran_and_new_hire(session)

    info = contest(session, ranking=ContestRanking.VALUE)

    assert table(info, session) == [
        (1, "Vic Veteran", Decimal("50000.00")),
        (2, "Nia Newhire", Decimal("15000.00")),
        (3, "Sam Notarget", Decimal("5000.00")),
    ]


def test_a_target_is_prorated_to_the_contests_days(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, DECEMBER, 23_000)  # December 2026 has 23 business days
    company.deal(ada, "won", 5_500, date(2026, 12, 15))
    session.commit()

    # December 1 to 15 holds 11 of them: a target of $11,000, half of it won.
    info = contest(session, end=date(2026, 12, 15))

    assert table(info, session) == [(1, "Ada", Decimal("0.5"))]


def test_ties_share_a_place_listed_by_name_and_the_next_one_skips(session: Session) -> None:
    company = Company(session)
    for name, won in (("cy", 500), ("Bea", 500), ("Ada", 250), ("Dee", 500)):
        rep = company.rep(name)
        company.quota(rep, DECEMBER, 1_000)
        company.deal(rep, "won", won, date(2026, 12, 2))
    session.commit()

    info = contest(session)

    assert [(rank, name) for rank, name, _ in table(info, session)] == [
        (1, "Bea"), (1, "cy"), (1, "Dee"), (4, "Ada"),
    ]  # fmt: skip


def test_only_the_chosen_reps_and_the_reps_of_chosen_teams_take_part(session: Session) -> None:
    company = Company(session)
    north, south = company.team("North"), company.team("South")
    for name, team in (("Ada", north), ("Bea", north), ("Cy", south), ("Dee", south)):
        rep = company.rep(name, team)
        company.quota(rep, DECEMBER, 1_000)
        company.deal(rep, "won", 100 * len(name) + ord(name[0]), date(2026, 12, 2))
    session.commit()

    by_team = contest(session, teams=("north",), name="North only")
    by_rep = contest(session, reps=("cy@example.com", "Dee"), name="Two reps")

    assert [name for _, name, _ in table(by_team, session)] == ["Bea", "Ada"]
    assert [name for _, name, _ in table(by_rep, session)] == ["Dee", "Cy"]
    assert by_team.entrants == ("North",)
    assert by_rep.entrants == ("Cy", "Dee")


def test_teams_compete_on_percent_of_their_members_targets(session: Session) -> None:
    company = Company(session)
    north, south = company.team("North"), company.team("South")
    ada, bea, cy = company.rep("Ada", north), company.rep("Bea", north), company.rep("Cy", south)
    for rep, target in ((ada, 10_000), (bea, 10_000), (cy, 4_000)):
        company.quota(rep, DECEMBER, target)
    company.deal(ada, "won", 8_000, date(2026, 12, 3))  # North: 8,000 of 20,000 = 40%
    company.deal(cy, "won", 2_000, date(2026, 12, 3))  # South: 2,000 of 4,000 = 50%
    session.commit()

    info = contest(session, kind=ContestKind.TEAM)

    assert table(info, session) == [(1, "South", Decimal("0.5")), (2, "North", Decimal("0.4"))]


@pytest.mark.parametrize(
    ("settings", "before", "first", "last", "after"),
    [
        # Rome is an hour ahead of UTC in winter: its midnights are 23:00 UTC.
        (ROME, at(2026, 11, 30, 22, 59), at(2026, 11, 30, 23), at(2026, 12, 31, 22, 59),
         at(2026, 12, 31, 23)),
        # Los Angeles is eight hours behind: its midnights are 08:00 UTC.
        (LOS_ANGELES, at(2026, 12, 1, 7, 59), at(2026, 12, 1, 8), at(2027, 1, 1, 7, 59),
         at(2027, 1, 1, 8)),
    ],
)  # fmt: skip
def test_a_contest_runs_from_midnight_to_midnight_on_the_companys_clock(
    session: Session,
    settings: Settings,
    before: datetime,
    first: datetime,
    last: datetime,
    after: datetime,
) -> None:
    Company(session).rep("Ada")
    session.commit()
    calendar = FiscalCalendar(settings.calendar)

    info = contest(session, settings)

    assert info.phase(calendar, before) is Phase.UPCOMING
    assert info.phase(calendar, first) is Phase.RUNNING
    assert info.phase(calendar, last) is Phase.RUNNING
    assert info.phase(calendar, after) is Phase.OVER


def test_a_deal_of_the_first_local_day_counts_from_local_midnight(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, DECEMBER, 1_000)
    company.deal(ada, "won", 300, date(2026, 12, 1))
    session.commit()
    half_past_midnight_in_rome = datetime(2026, 12, 1, 0, 30, tzinfo=ZoneInfo("Europe/Rome"))

    in_rome = contest(session, ROME)

    # 23:30 UTC on November 30 is already December 1 in Rome, and not yet in UTC.
    assert table(in_rome, session, ROME, half_past_midnight_in_rome) == [
        (1, "Ada", Decimal("0.3"))
    ]
    assert table(in_rome, session, UTC_SETTINGS, half_past_midnight_in_rome) == [
        (1, "Ada", Decimal("0"))
    ]


def test_every_problem_is_reported_together_and_nothing_is_stored(session: Session) -> None:
    company = Company(session)
    company.team("Region")
    company.rep("Ada")
    session.commit()
    contest(session, name="Taken")

    with pytest.raises(ContestError) as raised:
        contest(
            session, name="Taken", start=date(2026, 12, 31), end=date(2026, 12, 1),
            metric=Metric.WIN_RATE, ranking=ContestRanking.PERCENT, teams=("Nowhere",),
            reps=("ghost@example.com",), prize="x" * 501,
        )  # fmt: skip

    assert [problem.code for problem in raised.value.problems] == [
        "name_taken", "ends_before_start", "percent_not_for", "prize_too_long",
        "unknown_team", "unknown_rep",
    ]  # fmt: skip
    assert dict(raised.value.problems[0].values) == {"name": "Taken"}
    assert find_contest(session, 2) is None


def test_a_metric_without_targets_is_ranked_by_value(session: Session) -> None:
    company = Company(session)
    ada, bea = company.rep("Ada"), company.rep("Bea")
    for rep, won, lost in ((ada, 3, 1), (bea, 1, 1)):
        for _ in range(won):
            company.deal(rep, "won", 100, date(2026, 12, 2))
        for _ in range(lost):
            company.deal(rep, "lost", 100, date(2026, 12, 2))
    session.commit()

    info = contest(session, metric=Metric.WIN_RATE)

    assert info.ranking is ContestRanking.VALUE
    assert table(info, session) == [(1, "Ada", Decimal("0.75")), (2, "Bea", Decimal("0.5"))]


def test_removing_a_contest_removes_its_entrants(session: Session) -> None:
    company = Company(session)
    company.rep("Ada")
    session.commit()
    info = contest(session, reps=("Ada",))

    removed = remove_contest(session, info.id)

    assert removed is not None
    assert find_contest(session, info.id) is None
    assert remove_contest(session, info.id) is None
