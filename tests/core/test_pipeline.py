"""Pipeline health and the forecast of a scope."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session

from core.config import Settings
from core.pipeline import forecast, pipeline_health
from core.results import Scope, SubjectKind
from tests.builders import Company, usd
from tests.core.test_scorecards import MID_NOVEMBER, NOVEMBER

SETTINGS = Settings()  # stale after 14 days untouched: touched on or before 2 November


def test_pipeline_health_flags_stale_and_past_due_deals(session: Session) -> None:
    company = Company(session)
    north = company.team("North")
    ada, bea = company.rep("Ada", north), company.rep("Bea", north)
    company.rep("Out")  # on no team: not in North's pipeline
    created = date(2026, 10, 27)  # 20 days old on the 16th
    company.deal(
        ada,
        "open",
        1_000,
        date(2026, 11, 30),
        created=created,
        touched=date(2026, 11, 12),
        stage="Proposal",
    )
    company.deal(
        ada, "open", 2_000, date(2026, 11, 30), created=created, stage="Proposal", name="Quiet one"
    )  # untouched since it was created: stale
    company.deal(
        bea,
        "open",
        500,
        date(2026, 11, 13),
        created=created,
        touched=date(2026, 11, 14),
        stage="Negotiation",
        name="Overdue",
    )
    company.deal(bea, "open", None, None, created=date(2026, 11, 6), stage="Discovery")
    company.deal(bea, "won", 9_000, date(2026, 11, 3), created=created)
    session.commit()

    health = pipeline_health(
        session, SETTINGS, Scope(SubjectKind.TEAM, north.id), NOVEMBER, MID_NOVEMBER
    )

    assert health.open_deals == 4
    assert health.open_amount == usd(3_500)
    assert health.period_pipeline == usd(3_500)
    assert [deal.name for deal in health.stale] == ["Quiet one"]
    assert health.stale[0].days_untouched == 20
    assert [deal.name for deal in health.past_due] == ["Overdue"]
    assert [(s.stage, s.deals, s.amount, s.average_age_days) for s in health.by_stage] == [
        ("Proposal", 2, usd(3_000), Decimal("20.0")),
        ("Negotiation", 1, usd(500), Decimal("20.0")),
        ("Discovery", 1, usd(0), Decimal("10.0")),
    ]


def test_forecast_splits_the_period_by_category(session: Session) -> None:
    company = Company(session)
    ada = company.rep("Ada")
    company.quota(ada, NOVEMBER, 10_000)
    company.deal(ada, "won", 2_000, date(2026, 11, 4))
    company.deal(ada, "open", 3_000, date(2026, 11, 20), category="commit", probability=90)
    company.deal(ada, "open", 1_500, date(2026, 11, 25), category="best_case", probability=60)
    company.deal(ada, "open", 800, date(2026, 11, 26), probability=20)  # no category: pipeline
    company.deal(ada, "open", 400, date(2026, 11, 27), category="omitted", probability=5)
    company.deal(ada, "open", 7_000, date(2026, 12, 2), category="commit")  # next period
    session.commit()

    result = forecast(session, SETTINGS, Scope(SubjectKind.REP, ada.id), NOVEMBER, MID_NOVEMBER)

    assert result.quota == usd(10_000)
    assert (result.closed, result.commit, result.best_case) == (usd(2_000), usd(3_000), usd(1_500))
    assert (result.pipeline, result.omitted) == (usd(800), usd(400))
    assert result.commit_total == usd(5_000)
    assert result.best_case_total == usd(6_500)
    # 2,000 + 3,000 x 0.9 + 1,500 x 0.6 + 800 x 0.2 + 400 x 0.05
    assert result.weighted_projection == usd(5_780)
    assert result.run_rate_projection == usd(4_200)  # 2,000 / (10/21)
