"""Won revenue by day against figures worked out by hand.

November 2026 has 30 days and 21 business days (2-6, 9-13, 16-20, 23-27 and 30). A
quota of 21,000 expects 1,000 more at the end of each business day: 0 on Sunday the
1st, 5,000 from Friday the 6th through the weekend, 10,000 on Friday the 13th,
11,000 at the end of Monday the 16th and the whole 21,000 on the 30th.
"""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from core.config import CalendarConfig, Settings
from core.results import Scope, SubjectKind
from core.series import won_by_day
from tests.builders import Company, at, usd
from tests.core.test_scorecards import MID_NOVEMBER, NOVEMBER

SETTINGS = Settings()


def rep(rep_id: int | None) -> Scope:
    return Scope(SubjectKind.REP, rep_id)


def team(team_id: int | None) -> Scope:
    return Scope(SubjectKind.TEAM, team_id)


def by_day(values: tuple[Decimal, ...]) -> dict[int, Decimal]:
    """Values keyed by day of November, to compare a few days by eye."""
    return dict(enumerate(values, start=1))


def test_a_reps_revenue_adds_up_by_close_date_up_to_the_as_of_day(session: Session) -> None:
    company = Company(session)
    ada, bob = company.rep("Ada Lovelace"), company.rep("Bob Noyce")
    company.quota(ada, NOVEMBER, 21_000)
    company.deal(ada, "won", 3_000, date(2026, 11, 3))
    company.deal(ada, "won", "1500.25", date(2026, 11, 10))
    company.deal(ada, "won", "499.75", date(2026, 11, 10))  # same day: one step of 2,000
    company.deal(ada, "won", None, date(2026, 11, 12))  # no amount: nothing to add
    company.deal(ada, "won", 500, date(2026, 11, 16))  # the as-of day counts
    # Not counted: lost, open, after the as-of day, before the period, someone else's.
    company.deal(ada, "lost", 9_999, date(2026, 11, 5))
    company.deal(ada, "open", 7_000, date(2026, 11, 6))
    company.deal(ada, "won", 50_000, date(2026, 11, 17))
    company.deal(ada, "won", 70_000, date(2026, 10, 31))
    company.deal(bob, "won", 8_000, date(2026, 11, 4))
    session.commit()

    series = won_by_day(session, SETTINGS, rep(ada.id), NOVEMBER, MID_NOVEMBER)

    assert series.subject.name == "Ada Lovelace"
    assert series.days[0] == date(2026, 11, 1)
    assert series.days[-1] == date(2026, 11, 30)
    assert len(series.days) == 30
    assert len(series.won) == 16
    assert series.through == date(2026, 11, 16)
    won = by_day(series.won)
    assert (won[1], won[2], won[3], won[9]) == (usd(0), usd(0), usd(3_000), usd(3_000))
    assert (won[10], won[15], won[16]) == (usd(5_000), usd(5_000), usd(5_500))
    assert series.total == usd(5_500)


def test_the_pace_line_rises_on_business_days_and_is_flat_on_weekends(
    session: Session,
) -> None:
    company = Company(session)
    ada = company.rep("Ada Lovelace")
    company.quota(ada, NOVEMBER, 21_000)
    session.commit()

    series = won_by_day(session, SETTINGS, rep(ada.id), NOVEMBER, MID_NOVEMBER)

    assert series.quota == usd(21_000)
    assert series.expected is not None
    expected = by_day(series.expected)
    assert len(series.expected) == 30
    assert (expected[1], expected[2], expected[6]) == (usd(0), usd(1_000), usd(5_000))
    assert (expected[7], expected[8], expected[9]) == (usd(5_000), usd(5_000), usd(6_000))
    assert (expected[16], expected[30]) == (usd(11_000), usd(21_000))


def test_a_holiday_keeps_the_pace_line_flat(session: Session) -> None:
    # With the 26th off, November has 20 business days: 1,000 a day on a 20,000 quota,
    # 18,000 after the 23rd to 25th and still 18,000 after the 26th.
    settings = Settings(calendar=CalendarConfig(holidays=(date(2026, 11, 26),)))
    company = Company(session)
    ada = company.rep("Ada Lovelace")
    company.quota(ada, NOVEMBER, 20_000)
    session.commit()

    series = won_by_day(session, settings, rep(ada.id), NOVEMBER, MID_NOVEMBER)

    assert series.expected is not None
    expected = by_day(series.expected)
    assert (expected[25], expected[26], expected[27]) == (usd(18_000), usd(18_000), usd(19_000))
    assert expected[30] == usd(20_000)


def test_without_a_quota_there_is_no_pace_line(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada Lovelace")
    company.deal(ada, "won", 1_000, date(2026, 11, 2))
    session.commit()

    series = won_by_day(session, SETTINGS, rep(ada.id), NOVEMBER, MID_NOVEMBER)

    assert series.quota is None
    assert series.expected is None
    assert series.total == usd(1_000)


def test_a_team_counts_deals_of_its_members_on_the_close_date(session: Session) -> None:
    company = Company(session)
    region = company.team("EMEA")
    north, south = company.team("North", region), company.team("South", region)
    west = company.team("West")
    ada, cy = company.rep("Ada", north), company.rep("Cy", south)
    eve, solo = company.rep("Eve", west), company.rep("Solo")
    company.deal(ada, "won", 1_000, date(2026, 11, 4))  # in North on the 4th
    company.move(ada, west, on=date(2026, 11, 10))
    company.deal(ada, "won", 300, date(2026, 11, 11))  # in West by then
    company.deal(cy, "won", 200, date(2026, 11, 5))
    company.deal(eve, "won", 50, date(2026, 11, 5))
    company.deal(solo, "won", 10, date(2026, 11, 5))  # on no team: counts for none
    company.quota(north, NOVEMBER, 2_100)
    session.commit()

    north_series = won_by_day(session, SETTINGS, team(north.id), NOVEMBER, MID_NOVEMBER)
    region_series = won_by_day(session, SETTINGS, team(region.id), NOVEMBER, MID_NOVEMBER)
    west_series = won_by_day(session, SETTINGS, team(west.id), NOVEMBER, MID_NOVEMBER)

    assert by_day(north_series.won)[16] == usd(1_000)
    assert north_series.quota == usd(2_100)
    assert north_series.expected is not None
    assert by_day(north_series.expected)[16] == usd(1_100)
    region_won = by_day(region_series.won)
    assert (region_won[4], region_won[5], region_won[16]) == (usd(1_000), usd(1_200), usd(1_200))
    west_won = by_day(west_series.won)
    assert (west_won[5], west_won[11]) == (usd(50), usd(350))


def test_a_manager_counts_their_reports_and_not_themselves(session: Session) -> None:
    company = Company(session)
    boss = company.rep("Grace", role="manager")
    lead = company.rep("Lin", manager=boss)
    ada = company.rep("Ada", manager=lead)
    company.rep("Bob")
    company.deal(boss, "won", 5_000, date(2026, 11, 2))
    company.deal(lead, "won", 100, date(2026, 11, 2))
    company.deal(ada, "won", 20, date(2026, 11, 3))
    company.quota(lead, NOVEMBER, 1_000)
    company.quota(ada, NOVEMBER, 1_100)
    session.commit()

    scope = Scope(SubjectKind.MANAGER, boss.id)
    series = won_by_day(session, SETTINGS, scope, NOVEMBER, MID_NOVEMBER)

    won = by_day(series.won)
    assert (won[2], won[3], won[16]) == (usd(100), usd(120), usd(120))
    assert series.quota == usd(2_100)


def test_the_company_counts_everyone(session: Session) -> None:
    company = Company(session)
    north = company.team("North")
    ada, solo = company.rep("Ada", north), company.rep("Solo")
    company.deal(ada, "won", 1_000, date(2026, 11, 2))
    company.deal(solo, "won", 10, date(2026, 11, 30))
    company.quota(ada, NOVEMBER, 4_200)
    session.commit()

    series = won_by_day(session, SETTINGS, Scope.company(), NOVEMBER, at(2026, 12, 15))

    assert series.subject.kind is SubjectKind.COMPANY
    assert len(series.won) == 30  # after the period: every day of it
    assert series.through == date(2026, 11, 30)
    assert (by_day(series.won)[29], series.total) == (usd(1_000), usd(1_010))
    assert series.quota == usd(4_200)


def test_before_the_period_starts_nothing_is_won_yet(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, NOVEMBER, 21_000)
    session.commit()

    series = won_by_day(session, SETTINGS, rep(ada.id), NOVEMBER, at(2026, 10, 20))

    assert series.won == ()
    assert series.through is None
    assert series.total == usd(0)
    assert series.expected is not None
    assert len(series.expected) == 30


def test_the_as_of_day_is_read_on_the_company_clock(session: Session) -> None:
    # 23:30 UTC on the 15th is already 00:30 on the 16th in Rome.
    settings = Settings(calendar=CalendarConfig(timezone="Europe/Rome"))
    company = Company(session)
    ada = company.rep("Ada")
    company.deal(ada, "won", 700, date(2026, 11, 16))
    session.commit()

    series = won_by_day(session, settings, rep(ada.id), NOVEMBER, at(2026, 11, 15, 23, 30))

    assert series.through == date(2026, 11, 16)
    assert series.total == usd(700)
