"""`quotabot demo`: the company it builds, and what it shows."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quotabot.cli import main
from quotabot.demo_company import AT_RISK, NEW_HIRE


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(home)
        result = CliRunner().invoke(main, ["demo", "--today", "2026-12-03"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in home.iterdir()) == ["quotabot-demo"]
    return home / "quotabot-demo", result.output


def query(folder: Path, *args: str) -> Any:
    result = CliRunner().invoke(
        main,
        [
            "--database",
            f"sqlite:///{folder / 'demo.db'}",
            *args,
            "--period",
            "2026-Q4",
            "--as-of",
            "2026-12-03",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_demo_writes_its_database_and_csv_files_only(demo: tuple[Path, str]) -> None:
    folder, _ = demo

    assert sorted(path.name for path in folder.iterdir() if "-" not in path.name) == [
        "activities.csv", "deals.csv", "demo.db", "quotabot.toml", "quotas.csv", "reps.csv",
    ]  # fmt: skip


def test_the_demo_pays_its_reps_under_the_plan_it_writes(demo: tuple[Path, str]) -> None:
    folder, _ = demo

    earnings = query(
        folder,
        "--config",
        str(folder / "quotabot.toml"),
        "earnings",
        "--rep",
        "ava.thompson@demo.quotabot.dev",
    )

    assert earnings["plan"] == "AE"
    tiers = earnings["parts"][0]["tiers"]
    assert [Decimal(tier["rate"]) for tier in tiers] == [
        Decimal("0.04"), Decimal("0.08"), Decimal("0.12"),
    ]  # fmt: skip
    assert Decimal(earnings["total"]) > 0


def test_the_demo_shows_what_a_manager_wants_first(demo: tuple[Path, str]) -> None:
    _, output = demo

    assert "Scorecards, 2026-Q4" in output
    assert "Leaderboard: won revenue by rep, 2026-Q4" in output
    assert "At risk in 2026-Q4" in output
    assert AT_RISK in output.split("At risk in")[1]


def test_the_company_has_three_teams_in_two_regions(demo: tuple[Path, str]) -> None:
    folder, _ = demo

    board = query(folder, "leaderboard", "--by", "team")

    assert {(row["name"], row["team"]) for row in board["rows"]} == {
        ("West", "Americas"), ("East", "Americas"), ("Europe", "EMEA"),
    }  # fmt: skip


def test_two_reps_tie_at_the_top_of_the_board(demo: tuple[Path, str]) -> None:
    folder, _ = demo

    rows = query(folder, "leaderboard")["rows"]

    assert [row["rank"] for row in rows[:3]] == [1, 1, 3]
    assert rows[0]["value"] == rows[1]["value"]


def test_the_new_hire_ramps_and_the_rep_at_risk_is_flagged(demo: tuple[Path, str]) -> None:
    folder, _ = demo

    cards = {card["name"]: card for card in query(folder, "scorecard", "--by", "rep")}
    quotas = sorted(float(card["quota"]) for card in cards.values() if card["quota"])

    assert float(cards[NEW_HIRE]["quota"]) == quotas[0]  # the ramped quota is the smallest
    assert cards[AT_RISK]["at_risk"] is True
    assert cards[AT_RISK]["projected_attainment"] < 0.6
    assert len(cards) == 22


def test_the_demo_is_the_same_for_the_same_day(tmp_path: Path) -> None:
    outputs = []
    for name in ("first", "second"):
        CliRunner().invoke(main, ["demo", "--today", "2026-12-03", "--out", str(tmp_path / name)])
        outputs.append(query(tmp_path / name, "scorecard", "--by", "rep"))

    assert outputs[0] == outputs[1]
