"""`quotabot import`, as a person at the keyboard runs it."""

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select
from sqlmodel import Session

from core.models import Deal, Rep
from core.storage import create_db_engine
from quotabot.cli import main
from tests.crm.builders import write_csv

REPS = """
    name,email,team,manager
    Ada Lovelace,ada@example.com,East,Dora Bellweather
    Alan Turing,alan@example.com,East,ada@example.com
    """

DEALS = """
    Id,Name,StageName,Owner.Email,Amount,CloseDate
    006A1,Alpha,Prospecting,ada@example.com,"$1,000.00",12/20/2026
    006A2,Beta,Closed Won,alan@example.com,250,11/30/2026
    """


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'quotabot.db'}"


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, "import", *args])


def count(database: str, table: type[Deal] | type[Rep]) -> int:
    engine = create_db_engine(database)
    with Session(engine) as session:
        total = session.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return int(total)


def test_reps_then_deals_then_the_same_deals_again(database: str, tmp_path: Path) -> None:
    reps = write_csv(tmp_path / "reps.csv", REPS)
    deals = write_csv(tmp_path / "Opportunity.csv", DEALS, bom=True, crlf=True)

    first_reps = run(database, "reps", str(reps), "--effective", "2026-12-01")
    first = run(database, "deals", str(deals), "--format", "salesforce")
    second = run(database, "deals", str(deals), "--format", "salesforce")

    assert first_reps.exit_code == 0, first_reps.output
    assert "2 rows read; 2 new, 0 updated, 0 unchanged." in first_reps.output
    assert "Dora Bellweather <dora.bellweather@unknown.invalid> (manager)" in first_reps.output
    assert "Teams created: East." in first_reps.output
    assert first.exit_code == 0, first.output
    assert "Imported deals from Opportunity.csv (salesforce): 2 rows read; 2 new" in first.output
    assert "2 stage changes recorded" in first.output
    assert second.exit_code == 0, second.output
    assert "2 rows read; 0 new, 0 updated, 2 unchanged." in second.output


def test_a_bad_file_lists_every_problem_and_stores_nothing(database: str, tmp_path: Path) -> None:
    run(database, "reps", str(write_csv(tmp_path / "reps.csv", REPS)))
    deals = write_csv(
        tmp_path / "deals.csv",
        """
        Id,StageName,Owner.Email,Amount,CloseDate
        1,Prospecting,ada@example.com,100,12/20/2026
        2,Prospecting,ada@example.com,abc,12/20/2026
        3,Prospecting,ada@example.com,100,20/12/2026
        """,
    )

    result = run(database, "deals", str(deals), "--format", "salesforce")

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "Error: deals.csv: 2 problems; nothing was imported.",
        "  line 3, column 'Amount': not an amount: 'abc'",
        "  line 4, column 'CloseDate': not a date: '20/12/2026' (dates are read month first; "
        "use the day-first option for 30/11/2026)",
    ]
    assert count(database, Deal) == 0


def test_long_lists_of_problems_are_cut_short(database: str, tmp_path: Path) -> None:
    rows = "\n".join(f"{number},Won,nobody@example.com" for number in range(60))
    deals = write_csv(tmp_path / "deals.csv", "external_id,stage,owner\n" + rows + "\n")

    result = run(database, "deals", str(deals))

    assert result.exit_code == 1
    assert "60 problems; nothing was imported." in result.stderr
    assert "  … and 10 more" in result.stderr
    assert "Names that match no rep: nobody@example.com. Import the reps first" in result.stderr


def test_a_won_deal_without_a_close_date_is_refused(database: str, tmp_path: Path) -> None:
    deals = write_csv(tmp_path / "deals.csv", "external_id,stage,owner\n1,Won,Ann Lee\n")

    result = run(database, "deals", str(deals), "--create-reps")

    assert result.exit_code == 1
    assert "line 2: a won deal needs a close date" in result.stderr
    assert count(database, Rep) == 0


def test_created_reps_are_named_in_the_summary(database: str, tmp_path: Path) -> None:
    deals = write_csv(
        tmp_path / "deals.csv",
        "external_id,stage,owner\n1,Discovery,Ann Lee\n2,Discovery,bo@example.com\n",
    )

    checked = run(database, "deals", str(deals), "--create-reps", "--dry-run")
    result = run(database, "deals", str(deals), "--create-reps")

    assert checked.exit_code == 0, checked.output
    assert "Reps would be created for deal owners who matched no rep:" in checked.output
    assert "Nothing was stored (--dry-run)." in checked.output
    assert result.exit_code == 0, result.output
    assert "Reps created for deal owners who matched no rep:" in result.output
    assert "  Ann Lee <ann.lee@unknown.invalid>" in result.output
    assert "  Bo <bo@example.com>" in result.output
    assert count(database, Rep) == 2


def test_a_dry_run_stores_nothing(database: str, tmp_path: Path) -> None:
    result = run(database, "reps", str(write_csv(tmp_path / "reps.csv", REPS)), "--dry-run")

    assert result.exit_code == 0, result.output
    assert "Checked reps from reps.csv (generic): 2 rows read; 2 new" in result.output
    assert count(database, Rep) == 0


def test_an_unknown_format_lists_the_formats(database: str, tmp_path: Path) -> None:
    deals = write_csv(tmp_path / "deals.csv", DEALS)

    result = run(database, "deals", str(deals), "--format", "zoho")

    assert result.exit_code == 2
    assert "'zoho' is not one of 'salesforce', 'hubspot', 'pipedrive', 'generic'" in (
        result.stderr
    )


def test_an_unknown_map_field_lists_the_fields(database: str, tmp_path: Path) -> None:
    reps = write_csv(tmp_path / "reps.csv", REPS)

    result = run(database, "reps", str(reps), "--map", "mail=email")

    assert result.exit_code == 1
    assert (
        "--map 'mail' is not a field of reps; the fields are: name, email, team, region, "
        "manager, role, hire_date"
    ) in result.stderr


def test_create_reps_is_for_deals_and_activities(database: str, tmp_path: Path) -> None:
    reps = write_csv(tmp_path / "reps.csv", REPS)

    result = run(database, "reps", str(reps), "--create-reps")

    assert result.exit_code == 2
    assert "--create-reps applies to deals and activities only" in result.stderr


def test_the_help_lists_the_fields_of_each_kind(database: str) -> None:
    result = run(database, "--help")

    assert result.exit_code == 0
    assert "activities: rep, kind, date, count" in result.output
