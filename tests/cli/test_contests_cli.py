"""`quotabot contests add|list|remove`, as an admin types them, good input and bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session

from core.storage import open_database
from quotabot.cli import main
from tests.builders import Company


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        company = Company(session)
        north = company.team("North")
        company.rep("Ada Lovelace", north)
        company.rep("Bea Rossi", north)
        session.commit()
    engine.dispose()
    return url


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, *args])


def test_add_list_and_remove(database: str) -> None:
    added = run(
        database, "contests", "add", "December sprint", "--period", "2026-12",
        "--reps", "ada.lovelace@example.com,Bea Rossi", "--prize", "A day off",
        "--platform", "slack", "--workspace", "T0TEST", "--channel", "C0SALES",
        "--timezone", "Europe/Rome",
    )  # fmt: skip

    assert added.exit_code == 0, added.output
    assert added.output == (
        "Added contest 1: December sprint, won_revenue by percent, 2026-12-01 to 2026-12-31.\n"
    )
    assert json.loads(run(database, "contests", "list", "--json").output) == [
        {
            "id": 1, "name": "December sprint", "kind": "individual", "metric": "won_revenue",
            "ranking": "percent", "start": "2026-12-01", "end": "2026-12-31",
            "everyone": False, "entrants": ["Ada Lovelace", "Bea Rossi"], "prize": "A day off",
        }
    ]  # fmt: skip
    subscriptions = json.loads(run(database, "subscriptions", "list", "--json").output)
    assert [(item["kind"], item["target"]) for item in subscriptions] == [("contest", "C0SALES")]
    assert "December sprint" in run(database, "contests", "list").output

    removed = run(database, "contests", "remove", "1")

    assert removed.output == "Removed contest 1: December sprint.\n"
    assert json.loads(run(database, "contests", "list", "--json").output) == []
    assert json.loads(run(database, "subscriptions", "list", "--json").output) == []


def test_every_problem_is_named_and_nothing_is_stored(database: str) -> None:
    result = run(
        database, "contests", "add", "Sprint", "--period", "2026-12", "--metric", "win_rate",
        "--ranking", "percent", "--kind", "team", "--teams", "South", "--reps", "ada",
        "--platform", "slack", "--channel", "C0", "--cron", "0 22 * * *",
    )  # fmt: skip

    assert result.exit_code == 1
    assert "cannot add the contest:" in result.output
    assert "win_rate can only be ranked by value" in result.output
    assert "There is no team called South." in result.output
    assert "A team contest is between teams: name teams, not ada." in result.output
    assert "in quiet hours" in result.output
    assert json.loads(run(database, "contests", "list", "--json").output) == []


def test_a_bad_period_and_an_unknown_number_are_named(database: str) -> None:
    period = run(database, "contests", "add", "Sprint", "--period", "soon")
    remove = run(database, "contests", "remove", "7")

    assert "unknown period 'soon'" in period.output
    assert "there is no contest number 7" in remove.output
