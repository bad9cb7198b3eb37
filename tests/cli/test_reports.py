"""The read commands, as a person or a script calls them."""

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session

from core.periods import FiscalCalendar
from core.storage import open_database
from quotabot.cli import main
from tests.builders import Company, at

NOVEMBER = FiscalCalendar().parse("2026-11", at(2026, 11, 1))


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        company = Company(session)
        north = company.team("North")
        ada = company.rep("Ada Lovelace", north)
        bea = company.rep("Bea Rossi", north)
        company.quota(ada, NOVEMBER, 10_000)
        company.quota(bea, NOVEMBER, 4_000)
        company.deal(ada, "won", "2500.50", date(2026, 11, 3))
        company.deal(bea, "won", 3_000, date(2026, 11, 4))
        company.deal(bea, "lost", 100, date(2026, 11, 5))
        session.commit()
    engine.dispose()
    return url


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, *args])


def test_leaderboard_json(database: str) -> None:
    result = run(database, "leaderboard", "--period", "2026-11", "--as-of", "2026-11-16", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["metric"] == "won_revenue"
    assert data["period"] == {"label": "2026-11", "start": "2026-11-01", "end": "2026-11-30"}
    assert data["rows"] == [
        {
            "rank": 1,
            "name": "Bea Rossi",
            "email": "bea.rossi@example.com",
            "team": "North",
            "value": "3000.00",
            "movement": 0,
        },
        {
            "rank": 2,
            "name": "Ada Lovelace",
            "email": "ada.lovelace@example.com",
            "team": "North",
            "value": "2500.50",
            "movement": 0,
        },
    ]


def test_attainment_board_prints_rates_as_numbers(database: str) -> None:
    result = run(
        database,
        "leaderboard",
        "--metric",
        "attainment",
        "--period",
        "2026-11",
        "--as-of",
        "2026-11-16",
        "--json",
        "--top",
        "1",
    )

    rows = json.loads(result.output)["rows"]
    assert rows == [
        {
            "rank": 1,
            "name": "Bea Rossi",
            "email": "bea.rossi@example.com",
            "team": "North",
            "value": 0.75,
            "movement": 0,
        }
    ]


def test_scorecard_by_rep_json(database: str) -> None:
    result = run(
        database,
        "scorecard",
        "--by",
        "rep",
        "--period",
        "2026-11",
        "--as-of",
        "2026-11-16",
        "--json",
    )

    cards = {card["name"]: card for card in json.loads(result.output)}
    assert set(cards) == {"Ada Lovelace", "Bea Rossi"}
    bea = cards["Bea Rossi"]
    assert (bea["won_revenue"], bea["deals_won"], bea["deals_lost"]) == ("3000.00", 1, 1)
    assert (bea["win_rate"], bea["quota"], bea["attainment"]) == (0.5, "4000.00", 0.75)


def test_company_scorecard_json(database: str) -> None:
    result = run(database, "scorecard", "--period", "2026-11", "--as-of", "2026-11-16", "--json")

    card = json.loads(result.output)
    assert card["name"] == "Company"
    assert card["won_revenue"] == "5500.50"
    assert card["quota"] == "14000.00"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["leaderboard", "--period", "2026-Q5"], "unknown period '2026-Q5'"),
        (["leaderboard", "--metric", "bananas"], "'bananas' is not one of"),
        (["scorecard", "--team", "Sputh"], "unknown team 'Sputh'"),
        (["scorecard", "--rep", "nobody@example.com"], "unknown rep 'nobody@example.com'"),
        (["pipeline", "--as-of", "yesterday-ish"], "is not a date or instant"),
        (["scorecard", "--team", "North", "--rep", "Bea Rossi"], "name one of a team, a rep"),
    ],
)
def test_bad_input_is_named_without_a_traceback(
    database: str, args: list[str], expected: str
) -> None:
    result = run(database, *args)

    assert result.exit_code != 0
    assert expected in result.output
    assert "Traceback" not in result.output


def test_unknown_team_lists_the_valid_ones(database: str) -> None:
    result = run(database, "leaderboard", "--team", "Nort")

    assert "did you mean 'North'?" in result.output
    assert "Valid teams: North" in result.output


def test_human_output_reads_well(database: str) -> None:
    for command in ("leaderboard", "scorecard", "pipeline", "forecast", "atrisk"):
        result = run(database, command, "--period", "2026-11", "--as-of", "2026-11-16")

        assert result.exit_code == 0, (command, result.output)
        assert result.output.strip()
    board = run(database, "leaderboard", "--period", "2026-11", "--as-of", "2026-11-16")
    assert "$3,000.00" in board.output
