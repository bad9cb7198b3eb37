"""Scorecards against figures worked out by hand.

November 2026 has 21 business days (2-6, 9-13, 16-20, 23-27 and 30). At midnight
UTC starting Monday the 16th, ten of them have gone by: pace is 10/21.
"""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session

from core.config import CalendarConfig, Settings
from core.periods import FiscalCalendar
from core.results import RiskReason, Scope, Scorecard, SubjectKind
from core.scorecards import scorecard
from tests.builders import Company, at, usd

SETTINGS = Settings()
CALENDAR = FiscalCalendar()
NOVEMBER = CALENDAR.parse("2026-11", at(2026, 11, 16))
MID_NOVEMBER = at(2026, 11, 16)


def rep_scope(rep_id: int | None) -> Scope:
    return Scope(SubjectKind.REP, rep_id)


@pytest.fixture
def ada_card(session: Session) -> Scorecard:
    company = Company(session)
    ada = company.rep("Ada Lovelace")
    company.quota(ada, NOVEMBER, 21_000)
    # Won in the period to date: 3,000 (10-day cycle), 2,000 (9 days), one without amount.
    company.deal(ada, "won", 3_000, date(2026, 11, 3), created=date(2026, 10, 24))
    company.deal(ada, "won", 2_000, date(2026, 11, 10), created=date(2026, 11, 1))
    company.deal(ada, "won", None, date(2026, 11, 12))
    company.deal(ada, "lost", 9_999, date(2026, 11, 5))
    # Not counted: closes after the as-of day, or outside the period.
    company.deal(ada, "won", 50_000, date(2026, 11, 20))
    company.deal(ada, "won", 70_000, date(2026, 10, 31))
    # Open: 10,000 at 50% in the period, 1,000 at 10% past due, one with no amount,
    # and 4,000 that closes in December (not this period's pipeline).
    touched = date(2026, 11, 13)
    company.deal(ada, "open", 10_000, date(2026, 11, 25), probability=50, touched=touched)
    company.deal(ada, "open", 1_000, date(2026, 11, 10), probability=10, touched=touched)
    company.deal(ada, "open", None, date(2026, 11, 28), touched=touched)
    company.deal(ada, "open", 4_000, date(2026, 12, 5), probability=20, touched=touched)
    session.commit()
    return scorecard(session, SETTINGS, rep_scope(ada.id), NOVEMBER, MID_NOVEMBER)


def test_results_count_deals_closed_in_the_period_up_to_as_of(ada_card: Scorecard) -> None:
    card = ada_card

    assert card.won_revenue == usd(5_000)
    assert card.deals_won == 3
    assert card.deals_lost == 1
    assert card.win_rate == Decimal("0.75")
    assert card.average_deal_size == usd("1666.67")
    assert card.sales_cycle_days == Decimal("9.5")


def test_quota_pace_and_what_it_takes(ada_card: Scorecard) -> None:
    card = ada_card

    assert card.quota == usd(21_000)
    assert card.attainment == Decimal(5_000) / Decimal(21_000)
    assert card.pace == Decimal(10) / Decimal(21)
    assert card.expected_to_date == usd(10_000)
    assert card.pace_gap == usd(-5_000)
    assert card.remaining_business_days == Decimal(11)
    assert card.needed_per_business_day == usd("1454.55")


def test_pipeline_coverage_and_projections(ada_card: Scorecard) -> None:
    card = ada_card

    assert card.open_pipeline == usd(11_000)
    assert card.weighted_pipeline == usd(5_100)
    assert card.coverage == Decimal("0.6875")
    assert card.projection_weighted == usd(10_100)
    assert card.projection_run_rate == usd(10_500)
    assert card.projected_attainment == Decimal("0.5")
    assert card.open_deals == 4
    assert card.stale_deals == 1
    assert card.past_due_deals == 1


def test_at_risk_with_every_reason(ada_card: Scorecard) -> None:
    card = ada_card

    assert card.at_risk
    assert card.risk_reasons == (
        RiskReason.LOW_PROJECTION,
        RiskReason.BEHIND_PACE,
        RiskReason.LOW_COVERAGE,
        RiskReason.STALE_PIPELINE,
    )


def test_an_empty_period_has_zeros_and_no_rates(session: Session) -> None:
    company = Company(session)
    bob = company.rep("Bob")
    session.commit()

    card = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, MID_NOVEMBER)

    assert card.won_revenue == usd(0)
    assert (card.deals_won, card.deals_lost) == (0, 0)
    assert card.win_rate is None
    assert card.average_deal_size is None
    assert card.sales_cycle_days is None
    assert card.quota is None
    assert card.attainment is None
    assert card.pace_gap is None
    assert card.coverage is None
    assert card.projection_run_rate == usd(0)
    assert not card.at_risk


def test_a_zero_quota_has_no_attainment_and_is_never_at_risk(session: Session) -> None:
    company = Company(session)
    bob = company.rep("Bob")
    company.quota(bob, NOVEMBER, 0)
    company.deal(bob, "won", 100, date(2026, 11, 2))
    session.commit()

    card = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, MID_NOVEMBER)

    assert card.quota == usd(0)
    assert card.attainment is None
    assert card.needed_per_business_day is None
    assert card.projected_attainment is None
    assert not card.at_risk


def test_quota_reached_needs_nothing_more(session: Session) -> None:
    company = Company(session)
    bob = company.rep("Bob")
    company.quota(bob, NOVEMBER, 1_000)
    company.deal(bob, "won", 1_500, date(2026, 11, 2))
    company.deal(bob, "open", 800, date(2026, 11, 20), probability=50)
    session.commit()

    card = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, MID_NOVEMBER)

    assert card.attainment == Decimal("1.5")
    assert card.needed_per_business_day == usd(0)
    assert card.coverage is None  # nothing left to cover
    assert card.pace_gap == usd(1_500) - usd("476.19")  # quota x 10/21, to the cent


def test_at_risk_waits_for_a_fifth_of_the_period(session: Session) -> None:
    company = Company(session)
    bob = company.rep("Bob")
    company.quota(bob, NOVEMBER, 21_000)
    session.commit()

    # Three of 21 business days gone (14%): too early to judge; five (24%): at risk.
    early = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, at(2026, 11, 5))
    later = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, at(2026, 11, 9))

    assert not early.at_risk
    assert later.at_risk
    assert later.risk_reasons[:2] == (RiskReason.LOW_PROJECTION, RiskReason.BEHIND_PACE)


def test_after_the_period_ends_nothing_is_left_to_do_per_day(session: Session) -> None:
    company = Company(session)
    bob = company.rep("Bob")
    company.quota(bob, NOVEMBER, 1_000)
    company.deal(bob, "won", 400, date(2026, 11, 30))
    session.commit()

    card = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, at(2026, 12, 3))

    assert card.pace == 1
    assert card.remaining_business_days == 0
    assert card.won_revenue == usd(400)
    assert card.needed_per_business_day is None
    assert card.projection_run_rate == usd(400)


def test_as_of_is_read_on_the_company_clock_across_daylight_saving(session: Session) -> None:
    # Rome leaves summer time on Sunday 25 October 2026. 23:30 UTC on the 25th is
    # already 00:30 on Monday the 26th in Rome: half an hour of a 24-hour business day.
    settings = Settings(calendar=CalendarConfig(timezone="Europe/Rome"))
    october = FiscalCalendar(settings.calendar).parse("2026-10", at(2026, 10, 1))
    company = Company(session)
    bob = company.rep("Bob")
    company.deal(bob, "won", 700, date(2026, 10, 26))
    session.commit()

    card = scorecard(session, settings, rep_scope(bob.id), october, at(2026, 10, 25, 23, 30))

    # October 2026: 22 business days; 17 whole ones before the 26th, plus 1/48.
    assert card.pace == (Decimal(17) + Decimal(1) / Decimal(48)) / Decimal(22)
    assert card.won_revenue == usd(700)  # closed "today" in Rome counts


def test_a_quarterly_quota_seen_from_a_month_is_prorated_by_business_days(
    session: Session,
) -> None:
    company = Company(session)
    bob = company.rep("Bob")
    quarter = CALENDAR.parse("2026-Q4", MID_NOVEMBER)  # Oct-Dec: 22 + 21 + 23 = 66 days
    company.quota(bob, quarter, 66_000)
    session.commit()

    card = scorecard(session, SETTINGS, rep_scope(bob.id), NOVEMBER, MID_NOVEMBER)

    assert card.quota == usd(21_000)
