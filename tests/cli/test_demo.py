"""`quotabot demo`: the company it builds, and what it shows."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quotabot.cli import main
from quotabot.demo_company import AT_RISK, MANAGERS, NEW_HIRE, email_of


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(home)
        result = CliRunner().invoke(main, ["demo", "--today", "2026-12-03"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in home.iterdir()) == ["quotabot-demo"]
    return home / "quotabot-demo", result.output


def query(folder: Path, *args: str, config: bool = True) -> Any:
    policy = ["--config", str(folder / "quotabot.toml")] if config else []
    result = CliRunner().invoke(
        main,
        [
            "--database",
            f"sqlite:///{folder / 'demo.db'}",
            *policy,
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

    earnings = query(folder, "earnings", "--rep", "ava.thompson@demo.quotabot.dev")

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
    [full] = [
        card["quota"]
        for card in query(folder, "scorecard", "--by", "rep", config=False)
        if card["name"] == NEW_HIRE
    ]

    # Hired on Saturday 19 September 2026. Of Q4's 66 business days, 12 (1-16 October)
    # fall in ramp month 1 at 25%, 23 (19 October - 18 November) in month 2 at 50%,
    # 22 (19 November - 18 December) in month 3 at 75% and 9 at full quota: 40 days' worth.
    ramped = (Decimal(full) * 40 / 66).quantize(Decimal("0.01"))
    assert Decimal(cards[NEW_HIRE]["quota"]) == ramped
    assert cards[AT_RISK]["at_risk"] is True
    assert cards[AT_RISK]["projected_attainment"] < 0.6
    assert len(cards) == 22


def test_the_demo_is_the_same_for_the_same_day(tmp_path: Path) -> None:
    outputs = []
    for name in ("first", "second"):
        CliRunner().invoke(main, ["demo", "--today", "2026-12-03", "--out", str(tmp_path / name)])
        outputs.append(query(tmp_path / name, "scorecard", "--by", "rep"))

    assert outputs[0] == outputs[1]


def chat(folder: Path, email: str, lines: str) -> str:
    result = CliRunner().invoke(
        main,
        [
            "--database", f"sqlite:///{folder / 'demo.db'}",
            "--config", str(folder / "quotabot.toml"),
            "chat", "--as", email, "--as-of", "2026-12-03", "--no-charts",
        ],
        input=lines,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def test_the_new_hire_sees_the_ramp_and_their_manager_the_curve(demo: tuple[Path, str]) -> None:
    folder, _ = demo

    own = chat(folder, email_of(NEW_HIRE), "myquota\n")
    managed = chat(folder, email_of(MANAGERS["West"]), f"ramp\ncoach {NEW_HIRE}\n")

    assert "Ramp: month 3 of 3, at 75% of full quota until Dec 18, 2026" in own
    assert "full quota from Dec 19, 2026" in own
    assert "First meeting: Sep 2" in own
    assert f"{NEW_HIRE} · hired Sep 19, 2026 · month 3 of 3 (75% of quota)" in managed
    assert "month 1: 0% of full quota against the ramp's 25%" in managed
    assert f"Coaching brief · {NEW_HIRE} · 2026-Q4" in managed
    assert "Drivers to work on (against West):" in managed
    assert "The top quartile's average deal is" in managed
