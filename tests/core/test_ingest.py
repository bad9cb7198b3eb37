"""The write side of the engine: records in, all of them stored or none."""

from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, col, func, select

from core.config import StagesConfig
from core.ingest import (
    ActivityRecord,
    DealRecord,
    IngestError,
    QuotaRecord,
    RepRecord,
    import_activities,
    import_deals,
    import_quotas,
    import_reps,
)
from core.models import Activity, Deal, DealStatus, ForecastCategory, Quota, Rep, TeamMembership
from core.periods import FiscalCalendar

TODAY = date(2026, 12, 3)
CALENDAR = FiscalCalendar()


def reps(session: Session, *records: RepRecord, effective: date = TODAY) -> None:
    import_reps(session, records, effective=effective)
    session.commit()


def deals(session: Session, *records: DealRecord, **options: object) -> None:
    import_deals(session, records, source="crm", today=TODAY, **options)  # type: ignore[arg-type]
    session.commit()


def rep(session: Session, email: str) -> Rep:
    session.expire_all()
    return session.exec(select(Rep).where(Rep.email == email)).one()


def deal(session: Session, external_id: str) -> Deal:
    session.expire_all()
    return session.exec(select(Deal).where(Deal.external_id == external_id)).one()


def problems(error: pytest.ExceptionInfo[IngestError]) -> list[tuple[int | None, str | None, str]]:
    return [(problem.line, problem.field, problem.message) for problem in error.value.problems]


def test_emails_are_stored_lower_case(session: Session) -> None:
    reps(session, RepRecord("Ada Lovelace", " Ada@Example.COM "))

    assert rep(session, "ada@example.com").name == "Ada Lovelace"


def test_a_real_email_replaces_the_placeholder_of_a_created_rep(session: Session) -> None:
    deals(session, DealRecord("1", "Ann Lee", "Discovery"), create_reps=True)
    placeholder = rep(session, "ann.lee@unknown.invalid")

    summary = import_reps(session, [RepRecord("Ann Lee", "ann@example.com")], effective=TODAY)
    session.commit()

    assert (summary.new, summary.updated) == (0, 1)
    assert rep(session, "ann@example.com").id == placeholder.id


def test_reps_problems_are_all_reported_and_nothing_stored(session: Session) -> None:
    records = [
        RepRecord("Ada Lovelace", "ada@example.com", team="East", region="EMEA", line=2),
        RepRecord("Ada Again", "ADA@example.com", line=3),
        RepRecord("Bob", None, line=4),
        RepRecord("Bob", None, line=5),
        RepRecord("Cy", "cy@example.com", manager="Cy", line=6),
        RepRecord("Di", "di@example.com", team="East", region="Americas", line=7),
        RepRecord("Ed", "not an email", line=8),
        RepRecord(" ", "nameless@example.com", line=9),
    ]

    with pytest.raises(IngestError) as raised:
        import_reps(session, records, effective=TODAY)
    session.rollback()

    assert problems(raised) == [
        (3, "email", "ada@example.com is also on line 2"),
        (5, "email", "'Bob' is also on line 4: give each an email"),
        (6, "manager", "a rep cannot manage themself"),
        (7, "region", "team 'East' is in region 'EMEA' on line 2"),
        (8, "email", "not an email: 'not an email'"),
        (9, "name", "the name is empty"),
    ]
    assert session.exec(select(func.count()).select_from(Rep)).one() == 0


def test_a_second_move_on_the_same_day_replaces_the_first(session: Session) -> None:
    reps(session, RepRecord("Ada", "ada@example.com", team="East"), effective=date(2026, 1, 1))
    reps(session, RepRecord("Ada", "ada@example.com", team="West"), effective=date(2026, 6, 1))

    reps(session, RepRecord("Ada", "ada@example.com", team="North"), effective=date(2026, 6, 1))

    by_start = select(TeamMembership).order_by(col(TeamMembership.start_date))
    rows = session.exec(by_start).all()
    assert [(row.start_date, row.end_date) for row in rows] == [
        (date(1900, 1, 1), date(2026, 5, 31)),  # no hire date: since before any deal
        (date(2026, 6, 1), None),
    ]
    assert rows[1].team_id == rep(session, "ada@example.com").team_id


def test_a_named_manager_who_is_a_rep_becomes_a_manager(session: Session) -> None:
    reps(session, RepRecord("Boss", "boss@example.com"))

    summary = import_reps(
        session, [RepRecord("Ada", "ada@example.com", manager="BOSS")], effective=TODAY
    )
    session.commit()

    assert (summary.new, summary.updated, summary.created_reps) == (1, 1, ())
    assert rep(session, "boss@example.com").role == "manager"
    assert rep(session, "ada@example.com").manager_id == rep(session, "boss@example.com").id


def test_deal_status_comes_from_the_stage_or_from_the_record(session: Session) -> None:
    reps(session, RepRecord("Ada", "ada@example.com"))
    stages = StagesConfig(won=("Signed",), lost=("Dead",))

    deals(
        session,
        DealRecord("1", "ada@example.com", "Signed", close_date=TODAY),
        DealRecord("2", "ada@example.com", "Dead", close_date=TODAY),
        DealRecord(
            "3", "ada@example.com", "Closed Won", forecast_category=ForecastCategory.COMMIT
        ),
        DealRecord("4", "ada@example.com", "Proposal", status=DealStatus.WON, close_date=TODAY),
        stages=stages,
    )

    assert [deal(session, key).status for key in "1234"] == ["won", "lost", "open", "won"]
    assert [deal(session, key).forecast_category for key in "1234"] == [
        "closed",
        "omitted",
        "commit",
        "closed",
    ]


def test_deal_problems_leave_the_database_as_it_was(session: Session) -> None:
    reps(session, RepRecord("Ada", "ada@example.com"), RepRecord("Ada", "ada2@example.com"))
    deals(session, DealRecord("1", "ada@example.com", "Discovery", amount=Decimal(5)))
    records = [
        DealRecord("1", "ada@example.com", "Proposal", amount=Decimal(9), line=2),
        DealRecord("2", "Ada", "Discovery", line=3),
        DealRecord("3", "ada@example.com", "Discovery", currency="dollars", line=4),
        DealRecord("4", "ada@example.com", "Discovery", probability_bp=12_000, line=5),
        DealRecord("x" * 101, "ada@example.com", "Discovery", line=6),
    ]

    with pytest.raises(IngestError) as raised:
        import_deals(session, records, source="crm", today=TODAY)
    session.rollback()

    assert problems(raised) == [
        (3, "owner", "2 reps are named 'Ada'; use the email"),
        (4, "currency", "not a currency code: 'dollars'"),
        (5, "probability_bp", "not a probability from 0 to 100%: 120.0%"),
        (6, "external_id", "longer than 100 characters"),
    ]
    assert (deal(session, "1").stage, deal(session, "1").amount) == ("Discovery", Decimal(5))
    assert session.exec(select(func.count()).select_from(Deal)).one() == 1


def test_a_dry_run_checks_and_counts_but_stores_nothing(session: Session) -> None:
    reps(session, RepRecord("Ada", "ada@example.com"))

    summary = import_deals(
        session,
        [DealRecord("1", "ada@example.com", "Discovery"), DealRecord("2", "Bo", "Discovery")],
        source="crm",
        today=TODAY,
        create_reps=True,
        dry_run=True,
    )
    session.commit()

    assert (summary.new, summary.written, len(summary.created_reps)) == (2, False, 1)
    assert session.exec(select(func.count()).select_from(Deal)).one() == 0
    assert session.exec(select(func.count()).select_from(Rep)).one() == 1


def test_progress_is_told_while_deals_are_written(session: Session) -> None:
    reps(session, RepRecord("Ada", "ada@example.com"))
    seen: list[tuple[int, int]] = []
    records = [DealRecord(str(number), "ada@example.com", "Discovery") for number in range(7)]

    import_deals(session, records, source="crm", today=TODAY, progress=lambda *at: seen.append(at))

    assert seen[-1] == (7, 7)


def test_quota_owners_and_updates(session: Session) -> None:
    reps(
        session,
        RepRecord("Ada", "ada@example.com", team="East"),
        RepRecord("East", "east.person@example.com"),
    )
    quarter = CALENDAR.fiscal_quarter(2026, 4)
    import_quotas(session, [QuotaRecord("ada@example.com", quarter, Decimal(100))])
    session.commit()

    summary = import_quotas(session, [QuotaRecord("Ada", quarter, Decimal(150))])
    session.commit()
    with pytest.raises(IngestError) as raised:
        import_quotas(
            session,
            [
                QuotaRecord("east", quarter, Decimal(1), line=2),
                QuotaRecord("Nobody", quarter, Decimal(1), line=3),
                QuotaRecord("Ada", quarter, Decimal(-1), metric="won revenue!", line=4),
            ],
        )
    session.rollback()

    assert (summary.new, summary.updated) == (0, 1)
    assert [quota.target for quota in session.exec(select(Quota))] == [Decimal(150)]
    assert problems(raised) == [
        (2, "owner", "'east' is a rep and a team: use the rep's email"),
        (3, "owner", "no rep has the email or name 'Nobody'"),
        (4, "metric", "not a metric name (letters, digits, _): 'won revenue!'"),
        (4, "target", "negative: -1"),
    ]


def test_activity_counts_are_replaced_not_added(session: Session) -> None:
    first = [ActivityRecord("Bo", "Call", TODAY, 2), ActivityRecord("bo", "call", TODAY, 1)]
    import_activities(session, first, create_reps=True)
    session.commit()

    summary = import_activities(session, [ActivityRecord("Bo", "Call", TODAY, 5)])
    session.commit()

    assert (summary.new, summary.updated) == (0, 1)
    assert session.exec(select(Activity.kind, Activity.count)).all() == [("call", 5)]
    assert rep(session, "bo@unknown.invalid").name == "Bo"
