"""Diagnosis on hand-built teams whose weak driver is known.

Asked at the start of 1 December 2026: 43 of Q4's 66 business days are gone (8.6
weeks). Every rep of North has a Q4 quota of 100,000, ten deals of 10,000 created on
5 October and closed on 5 November (a 31-day cycle), 86 activities (10 a week) and
one open deal of 20,000 at 50% closing on 20 December, touched on 30 November.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from core.config import Settings
from core.diagnosis import Driver, diagnose, percentile
from core.models import Rep, Team
from core.periods import FiscalCalendar
from tests.builders import Company, at, usd

NOW = at(2026, 12, 1)
Q4 = FiscalCalendar().parse("2026-Q4", NOW)
SETTINGS = Settings()


def _seller(
    company: Company,
    name: str,
    team: Team,
    *,
    won: int,
    activities: int = 86,
    closed: int = 10,
    open_amount: int = 20_000,
) -> Rep:
    rep = company.rep(name, team)
    company.quota(rep, Q4, 100_000)
    for number in range(closed):
        status = "won" if number < won else "lost"
        company.deal(rep, status, 10_000, date(2026, 11, 5), created=date(2026, 10, 5))
    company.deal(
        rep, "open", open_amount, date(2026, 12, 20), created=date(2026, 10, 5),
        touched=date(2026, 11, 30), probability=50,
    )  # fmt: skip
    company.activity(rep, date(2026, 11, 30), activities)
    return rep


def test_a_low_win_rate_is_found_and_its_lift_worked_out(session: Session) -> None:
    company = Company(session)
    north = company.team("North")
    ada = _seller(company, "Ada Lovelace", north, won=2)
    for name, won in (("Bea Rossi", 4), ("Cleo Park", 5), ("Dan Ito", 6)):
        _seller(company, name, north, won=won)
    session.commit()

    found = diagnose(session, SETTINGS, ada.id or 0, Q4, NOW)

    # Won 20,000 plus 20,000 x 50% weighted: a projection of 30,000, 70,000 short.
    assert found.projection == usd(30_000)
    assert found.gap == usd(70_000)
    assert (found.team, found.team_size) == ("North", 4)
    win_rate = found.standing(Driver.WIN_RATE)
    # Win rates 20%, 40%, 50%, 60%: median 45%, 75th percentile 52.5%.
    assert win_rate.value == Decimal("0.2")
    assert win_rate.median == Decimal("0.45")
    assert win_rate.top_quartile == Decimal("0.525")
    # At the median: 30,000 x 0.45 / 0.2 = 67,500.
    assert win_rate.projection_at_median == usd(67_500)
    assert win_rate.lift == usd(37_500)
    # Coverage 20,000/80,000 = 0.25 against a median of (1/3 + 2/5) / 2 = 11/30:
    # 20,000 + 10,000 x (11/30) / 0.25 = 34,666.67, far less than the win rate's lift.
    coverage = found.standing(Driver.COVERAGE)
    assert coverage.projection_at_median == usd("34666.67")
    assert [standing.driver for standing in found.focus] == [Driver.WIN_RATE]
    # Level with the team on the rest: nothing to gain there.
    for driver in (Driver.ACTIVITY, Driver.DEAL_SIZE, Driver.SALES_CYCLE, Driver.STALE_SHARE):
        assert found.standing(driver).lift == 0
    assert found.standing(Driver.ACTIVITY).median == Decimal(10)
    assert found.standing(Driver.SALES_CYCLE).value == Decimal(31)


def test_a_second_weak_driver_half_as_strong_joins_the_focus(session: Session) -> None:
    company = Company(session)
    north = company.team("North")
    # Half the activity and half the deals created of everyone else.
    ada = _seller(company, "Ada Lovelace", north, won=2, activities=43, closed=4,
                  open_amount=10_000)  # fmt: skip
    for name in ("Bea Rossi", "Cleo Park", "Dan Ito"):
        _seller(company, name, north, won=5)
    session.commit()

    found = diagnose(session, SETTINGS, ada.id or 0, Q4, NOW)

    # Won 20,000 + 10,000 x 50%: 25,000. Activities 5 a week against 10: x2 = 50,000.
    # Created 50,000 against 120,000: x2.4 = 60,000. Win rate 50% against 50%: level.
    assert found.projection == usd(25_000)
    assert found.standing(Driver.ACTIVITY).value == Decimal(5)
    assert found.standing(Driver.ACTIVITY).projection_at_median == usd(50_000)
    assert found.standing(Driver.PIPELINE_CREATED).projection_at_median == usd(60_000)
    assert found.standing(Driver.WIN_RATE).lift == 0
    assert [s.driver for s in found.focus] == [Driver.PIPELINE_CREATED, Driver.ACTIVITY]


def test_a_tiny_team_is_compared_with_the_team_above_it(session: Session) -> None:
    company = Company(session)
    region = company.team("Americas")
    west, east = company.team("West", region), company.team("East", region)
    ada = _seller(company, "Ada Lovelace", west, won=2)
    _seller(company, "Bea Rossi", east, won=4)
    _seller(company, "Cleo Park", east, won=6)
    session.commit()

    found = diagnose(session, SETTINGS, ada.id or 0, Q4, NOW)

    assert (found.team, found.team_size) == ("Americas", 3)
    assert found.standing(Driver.WIN_RATE).median == Decimal("0.4")


def test_a_driver_the_rep_has_none_of_is_capped_at_three_times(session: Session) -> None:
    company = Company(session)
    north = company.team("North")
    ada = _seller(company, "Ada Lovelace", north, won=2, activities=0)
    for name in ("Bea Rossi", "Cleo Park"):
        _seller(company, name, north, won=2)
    session.commit()

    found = diagnose(session, SETTINGS, ada.id or 0, Q4, NOW)

    # No activity against a median of 10 a week: the projection at most triples.
    assert found.standing(Driver.ACTIVITY).projection_at_median == usd(90_000)


def _statements(session: Session, company: Company, size: int) -> int:
    team = company.team(f"Team {size}")
    reps = [_seller(company, f"Rep {size}-{n}", team, won=n % 4) for n in range(size)]
    session.commit()
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    bind = session.get_bind()
    event.listen(bind, "before_cursor_execute", count)
    try:
        diagnose(session, SETTINGS, reps[0].id or 0, Q4, NOW)
    finally:
        event.remove(bind, "before_cursor_execute", count)
    return len(statements)


def test_a_team_of_any_size_takes_the_same_few_queries(session: Session) -> None:
    company = Company(session)

    few = _statements(session, company, 3)
    many = _statements(session, company, 12)

    assert many == few
    assert few <= 10


def test_percentiles_interpolate_between_the_nearest_values() -> None:
    values = [Decimal(v) for v in (1, 2, 3, 4)]

    assert percentile(values, Decimal("0.5")) == Decimal("2.5")
    assert percentile(values, Decimal("0.75")) == Decimal("3.25")
    assert percentile(values, Decimal("0.25")) == Decimal("1.75")
    assert percentile([Decimal(7)], Decimal("0.75")) == Decimal(7)
    assert percentile([], Decimal("0.5")) is None
