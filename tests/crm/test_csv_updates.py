"""Importing again: the same file changes nothing, a changed file changes what changed."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, select

from core.models import Deal, DealStageChange
from tests.crm.builders import add_reps, deals_by_id, import_file, write_csv

DEALS = """
    Id,Name,StageName,Owner.Email,Amount,CreatedDate,CloseDate,LastActivityDate
    A,Alpha,Prospecting,ada@example.com,100,2026-10-01,2026-12-20,2026-10-15
    B,,Negotiation,ada@example.com,,2026-10-02,,
    """


def test_the_same_file_twice_changes_nothing(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(tmp_path / "deals.csv", DEALS)
    import_file(session, export, "deals", preset="salesforce")
    before = [deal.model_dump() for deal in deals_by_id(session).values()]

    summary = import_file(
        session, export, "deals", preset="salesforce", effective=date(2026, 12, 10)
    )

    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 2)
    assert summary.stage_changes == 0
    assert [deal.model_dump() for deal in deals_by_id(session).values()] == before
    assert len(session.exec(select(DealStageChange)).all()) == 2


def test_a_changed_stage_updates_the_deal_and_its_history(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    import_file(session, write_csv(tmp_path / "deals.csv", DEALS), "deals", preset="salesforce")
    changed = write_csv(
        tmp_path / "deals-later.csv",
        """
        Id,Name,StageName,Owner.Email,Amount,CreatedDate,CloseDate,LastActivityDate
        A,Alpha,Closed Won,ada@example.com,"1,250.00",2026-10-01,2026-12-08,2026-10-15
        B,,Negotiation,ada@example.com,,2026-10-02,,
        """,
    )

    summary = import_file(
        session, changed, "deals", preset="salesforce", effective=date(2026, 12, 10)
    )

    deal = deals_by_id(session)["A"]
    history = session.exec(select(DealStageChange).where(DealStageChange.deal_id == deal.id)).all()
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 1)
    assert (deal.stage, deal.status, deal.amount) == ("Closed Won", "won", Decimal("1250.00"))
    assert (deal.forecast_category, deal.close_date) == ("closed", date(2026, 12, 8))
    assert deal.stage_changed_date == deal.last_touch_date == date(2026, 12, 10)
    assert [(change.from_stage, change.to_stage) for change in history] == [
        (None, "Prospecting"),
        ("Prospecting", "Closed Won"),
    ]
    assert history[1].changed_on == date(2026, 12, 10)


def test_a_column_the_file_lacks_keeps_the_stored_value(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    import_file(session, write_csv(tmp_path / "deals.csv", DEALS), "deals", preset="salesforce")
    narrower = write_csv(
        tmp_path / "stages.csv",
        """
        Id,StageName,Owner.Email
        A,Prospecting,ada@example.com
        """,
    )

    summary = import_file(session, narrower, "deals", preset="salesforce")

    deal = deals_by_id(session)["A"]
    assert (summary.updated, summary.unchanged) == (0, 1)
    assert (deal.name, deal.amount, deal.close_date) == ("Alpha", Decimal(100), date(2026, 12, 20))


def test_deals_of_other_sources_are_other_deals(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(tmp_path / "deals.csv", DEALS)
    import_file(session, export, "deals", preset="salesforce")

    summary = import_file(
        session,
        export,
        "deals",
        column_map=("external_id=Id,stage=StageName,owner=Owner.Email",),
    )

    sources = sorted(deal.source for deal in session.exec(select(Deal)))
    assert summary.new == 2
    assert sources == ["csv", "csv", "salesforce", "salesforce"]


def test_european_files_with_semicolons_and_decimal_commas(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        external_id;owner;stage;amount;close_date;created_date
        1;ada@example.com;Won;€ 1.234,50;30.11.2026;01/10/2026
        2;ada@example.com;Won;1.234;30.11.2026;02/10/2026
        3;ada@example.com;Won;"12,5";30.11.2026;31/10/2026
        """,
    )

    import_file(session, export, "deals", day_first=True, decimal_comma=True)

    deals = deals_by_id(session)
    assert (deals["1"].amount, deals["1"].currency) == (Decimal("1234.50"), "EUR")
    assert deals["2"].amount == Decimal("1234")
    assert deals["3"].amount == Decimal("12.50")
    assert deals["1"].close_date == date(2026, 11, 30)
    assert [deals[key].created_date for key in "123"] == [
        date(2026, 10, 1),
        date(2026, 10, 2),
        date(2026, 10, 31),
    ]


def test_american_amounts_and_dates(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        external_id,owner,stage,amount,close_date,created_date,last_activity_date
        1,ada@example.com,Won,"$1,234.50",11/30/2026,2026-10-01T09:30:00Z,Nov 2 2026
        2,ada@example.com,Won,"1,234",12/01/2026,10/02/2026,
        3,ada@example.com,Won,USD 99,2026/12/02,30-Oct-26,
        """,
    )

    import_file(session, export, "deals")

    deals = deals_by_id(session)
    assert [deals[key].amount for key in "123"] == [Decimal("1234.50"), 1234, 99]
    assert deals["3"].currency == "USD"
    assert [deals[key].close_date for key in "123"] == [
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 2),
    ]
    assert [deals[key].created_date for key in "123"] == [
        date(2026, 10, 1),
        date(2026, 10, 2),
        date(2026, 10, 30),
    ]
