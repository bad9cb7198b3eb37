"""Bad files: every problem reported where it is, and nothing stored."""

from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from adapters.crm.csv_import import CsvImportError
from core.models import Deal, DealStageChange, Rep
from tests.crm.builders import add_reps, import_file, write_csv


def problems_of(session: Session, path: Path, kind: str = "deals", **options: object) -> list[str]:
    with pytest.raises(CsvImportError) as raised:
        import_file(session, path, kind, **options)  # type: ignore[arg-type]
    session.rollback()
    return [str(problem) for problem in raised.value.problems]


def count(session: Session, table: type[Deal] | type[DealStageChange] | type[Rep]) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_lines_are_physical_lines_after_quoted_newlines_bom_and_crlf(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        external_id,name,owner,stage,amount
        A,"two
        lines, and a comma",ada@example.com,Discovery,10
        B,plain,ada@example.com,Discovery,abc

        C,"three
        more
        lines",ada@example.com,Discovery,1O0
        """,
        bom=True,
        crlf=True,
    )

    problems = problems_of(session, export)

    assert problems == [
        "line 4, column 'amount': not an amount: 'abc'",
        "line 6, column 'amount': not an amount: '1O0'",
    ]


def test_all_problems_of_file_and_database_together_and_nothing_stored(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        Id,StageName,Owner.Email,Amount,CloseDate,Probability
        1,Prospecting,ada@example.com,100,2026-12-01,10
        2,Prospecting,nobody@example.com,100,2026-13-01,10
        3,,ada@example.com,100,,10
        4,Closed Won,ada@example.com,100,,250
        1,Prospecting,ada@example.com,100,,
        """,
    )

    problems = problems_of(session, export, preset="salesforce")

    assert problems == [
        "line 3, column 'CloseDate': not a date: '2026-13-01'",
        "line 3, column 'Owner.Email': no rep has the email or name 'nobody@example.com'",
        "line 4, column 'StageName': empty",
        "line 5, column 'Probability': not a probability from 0 to 100%: '250'",
        "line 5, column 'CloseDate': a won deal needs a close date",
        "line 6, column 'Id': deal '1' is also on line 2",
    ]
    assert count(session, Deal) == 0
    assert count(session, DealStageChange) == 0


def test_a_missing_required_column_names_the_columns_looked_for(
    session: Session, tmp_path: Path
) -> None:
    export = write_csv(tmp_path / "deals.csv", "Name,StageName,Owner.Email\nx,Won,a@b.c\n")

    problems = problems_of(session, export, preset="salesforce")

    assert problems == [
        "no column for external_id: looked for 'Id', 'Opportunity ID'; "
        "name one with --map external_id=COLUMN"
    ]


def test_an_unknown_map_field_lists_the_valid_ones(session: Session, tmp_path: Path) -> None:
    export = write_csv(tmp_path / "deals.csv", "a,b\n1,2\n")

    problems = problems_of(session, export, column_map=("deal_size=b",))

    assert problems == [
        "--map 'deal_size' is not a field of deals; the fields are: external_id, name, account, "
        "product, owner, amount, currency, stage, probability, forecast_category, created_date, "
        "close_date, last_activity_date, status"
    ]


def test_a_map_column_missing_from_the_file_lists_its_columns(
    session: Session, tmp_path: Path
) -> None:
    export = write_csv(tmp_path / "deals.csv", "external_id,owner,stage\n1,a@b.c,Won\n")

    problems = problems_of(session, export, column_map=("amount=Value",))

    assert problems == [
        "--map amount=Value: the file has no column 'Value'; "
        "its columns are: 'external_id', 'owner', 'stage'"
    ]


def test_an_unquoted_delimiter_is_caught(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        "external_id,owner,stage,name\n1,ada@example.com,Won,Acme, Inc.\n",
    )

    problems = problems_of(session, export)

    assert problems == [
        "line 2: 5 values for 4 columns: is a value with the delimiter in it not quoted?"
    ]


def test_a_file_that_is_not_utf8_says_how_to_fix_it(session: Session, tmp_path: Path) -> None:
    export = write_csv(
        tmp_path / "reps.csv", "name,email\nJosé,jose@example.com\n", encoding="cp1252"
    )

    problems = problems_of(session, export, "reps")

    assert len(problems) == 1
    assert "reps.csv, line 2: not UTF-8 text" in problems[0]
    assert "--encoding" in problems[0]
    assert import_file(session, export, "reps", encoding="cp1252").new == 1


def test_unknown_owners_are_an_error_unless_reps_may_be_created(
    session: Session, tmp_path: Path
) -> None:
    export = write_csv(
        tmp_path / "deals.csv",
        """
        external_id,owner,stage
        1,Ann Lee,Discovery
        2,ann lee,Discovery
        3,bo@example.com,Discovery
        """,
    )

    with pytest.raises(CsvImportError) as raised:
        import_file(session, export, "deals")
    session.rollback()
    summary = import_file(session, export, "deals", create_reps=True)

    assert raised.value.unknown_people == ("Ann Lee", "bo@example.com")
    assert [(rep.name, rep.email) for rep in summary.created_reps] == [
        ("Ann Lee", "ann.lee@unknown.invalid"),
        ("Bo", "bo@example.com"),
    ]
    assert count(session, Rep) == 2
    assert count(session, Deal) == 3
