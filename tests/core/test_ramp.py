"""Ramped quotas, worked out by hand with `[ramp] months = [0.25, 0.5, 0.75]`.

Business days of Q4 2026: October 22, November 21 (2-6, 9-13, 16-20, 23-27, 30),
December 23 (1-4, 7-11, 14-18, 21-25, 28-31): 66 in all. A rep hired on Monday 16
November is in ramp month 1 from 16 November to 15 December (11 business days in
November, 11 in December), in month 2 from 16 December to 15 January (12 in
December), and at full quota from 16 February.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session

from core.config import ConfigError, RampConfig, Settings, load_settings
from core.leaderboard import leaderboard
from core.periods import FiscalCalendar
from core.quotas import QuotaBook
from core.results import Metric, Scope, SubjectKind
from core.scorecards import at_risk, scorecard
from tests.builders import Company, at, usd

CALENDAR = FiscalCalendar()
NOW = at(2026, 12, 1)
Q4 = CALENDAR.parse("2026-Q4", NOW)
NOVEMBER = CALENDAR.parse("2026-11", NOW)
DECEMBER = CALENDAR.parse("2026-12", NOW)
RAMP = RampConfig(months=(Decimal("0.25"), Decimal("0.5"), Decimal("0.75")))
RAMPED = Settings(ramp=RAMP)


def _quota(
    session: Session, rep_id: int | None, period_label: str, ramp: RampConfig | None
) -> Decimal | None:
    period = CALENDAR.parse(period_label, NOW)
    return QuotaBook.load(session, CALENDAR, period, ramp=ramp).rep(rep_id or 0)


def test_a_mid_month_hire_carries_a_quarter_of_the_days_after_hire(session: Session) -> None:
    company = Company(session)
    new = company.rep("Nina New", hired=date(2026, 11, 16))
    company.quota(new, NOVEMBER, 21_000)
    company.quota(new, DECEMBER, 23_000)
    session.commit()

    # November: 21,000 x 11/21 business days from the 16th x 25%.
    assert _quota(session, new.id, "2026-11", RAMP) == usd("2750.00")
    # December: 23,000 x (11 days x 25% + 12 days x 50%) / 23 = 23,000 x 8.75/23.
    assert _quota(session, new.id, "2026-12", RAMP) == usd("8750.00")
    # The quarter adds up its months' ramped quotas.
    assert _quota(session, new.id, "2026-Q4", RAMP) == usd("11500.00")
    # Without a ramp the quotas count as set.
    assert _quota(session, new.id, "2026-Q4", None) == usd("44000.00")


def test_a_quarterly_target_is_ramped_day_by_day_across_ramp_months(session: Session) -> None:
    company = Company(session)
    new = company.rep("Nina New", hired=date(2026, 11, 16))
    company.quota(new, Q4, 66_000)  # 1,000 a business day
    session.commit()

    # Whole quarter: 22 days at 25% + 12 days at 50% = 11.5 days' worth.
    assert _quota(session, new.id, "2026-Q4", RAMP) == usd("11500.00")
    # Seen from December: 11 days at 25% + 12 at 50% = 8.75 days' worth.
    assert _quota(session, new.id, "2026-12", RAMP) == usd("8750.00")
    # Seen from October: hired later, so nothing.
    assert _quota(session, new.id, "2026-10", RAMP) == usd("0.00")


def test_the_ramp_ends_after_its_months_and_never_touches_older_hires(session: Session) -> None:
    company = Company(session)
    done = company.rep("Dora Done", hired=date(2026, 7, 1))  # full quota from 1 October
    late = company.rep("Lena Late", hired=date(2026, 8, 3))  # month 3: 3 Oct - 2 Nov
    company.quota(done, Q4, 66_000)
    company.quota(late, Q4, 66_000)
    session.commit()

    assert _quota(session, done.id, "2026-Q4", RAMP) == usd("66000.00")
    # 1-2 October (2 days) in month 2 at 50%, 5 October - 2 November (21 days) at 75%,
    # then 43 days at full: 1 + 15.75 + 43 = 59.75 days' worth.
    assert _quota(session, late.id, "2026-Q4", RAMP) == usd("59750.00")


def test_attainment_pace_boards_and_risk_read_the_ramped_quota(session: Session) -> None:
    company = Company(session)
    new = company.rep("Nina New", hired=date(2026, 11, 16))
    old = company.rep("Olga Old", hired=date(2020, 1, 1))
    company.quota(new, Q4, 66_000)
    company.quota(old, Q4, 66_000)
    company.deal(new, "won", 7_000, date(2026, 11, 30))
    company.deal(old, "won", 36_000, date(2026, 11, 20))
    session.commit()
    scope = Scope(SubjectKind.REP, new.id)

    card = scorecard(session, RAMPED, scope, Q4, NOW)
    board = leaderboard(session, RAMPED, Q4, NOW, metric=Metric.ATTAINMENT)
    risky = at_risk(session, RAMPED, Q4, NOW)
    unramped_risky = at_risk(session, Settings(), Q4, NOW)

    assert card.quota == usd("11500.00")
    assert card.attainment == Decimal(7_000) / Decimal(11_500)
    # 43 of 66 business days gone: 11,500 x 43/66 = 7,492.42 expected by now.
    assert card.expected_to_date == usd("7492.42")
    # 60.9% against Olga's 36,000 / 66,000 = 54.5%.
    assert [row.subject.name for row in board.rows] == ["Nina New", "Olga Old"]
    # Run rate 7,000 / (43/66) = 10,744.19: 93% of the ramped quota, 16% of the full one.
    assert [found.subject.name for found in risky] == []
    assert [found.subject.name for found in unramped_risky] == ["Nina New"]


def test_a_ramp_in_the_file_is_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text("[ramp]\nmonths = [0.25, 0.5, 0.75]\n", encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text("[ramp]\nmonths = [0.25, 1.5, -1]\nweeks = 2\n", encoding="utf-8")

    assert load_settings(good).ramp.months == (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))
    with pytest.raises(ConfigError) as raised:
        load_settings(bad)
    message = str(raised.value)
    assert "3 problem(s)" in message
    assert "ramp.months.1" in message
    assert "ramp.months.2" in message
    assert "ramp.weeks" in message
