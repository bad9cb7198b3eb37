"""`quotabot points` after `quotabot import`: awards, caps, re-imports and reversals.

Rules: 10 points a win, 5 more from 10,000; calls 1 point each, at most 20 a day.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session

from core.storage import open_database
from quotabot.cli import main
from tests.builders import Company
from tests.crm.builders import write_csv

CONFIG = """
[points]
won_deal = 10
bands = [{ from = 10000, points = 5 }]
activities = { call = { points = 1, daily_cap = 20 } }

[badges]
streak_days = [3]
freeze_days = 0
"""
WON = """
external_id,name,owner,stage,amount,close_date
D1,Acme,ada.lovelace@example.com,Closed Won,12000,2026-11-02
D2,Globex,ada.lovelace@example.com,Closed Won,3000,2026-11-03
D3,Initech,ada.lovelace@example.com,Negotiation,8000,2026-12-15
"""
REOPENED = """
external_id,name,owner,stage,amount,close_date
D1,Acme,ada.lovelace@example.com,Negotiation,12000,2026-12-20
"""
CALLS = """
rep,kind,date,count
ada.lovelace@example.com,call,2026-11-02,30
ada.lovelace@example.com,call,2026-11-03,4
ada.lovelace@example.com,email,2026-11-04,9
"""


@pytest.fixture
def setup(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        Company(session).rep("Ada Lovelace", hired=date(2020, 1, 1))
        session.commit()
    engine.dispose()
    config = tmp_path / "quotabot.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return url, config


def run(setup: tuple[str, Path], *args: str) -> Result:
    url, config = setup
    return CliRunner().invoke(main, ["--database", url, "--config", str(config), *args])


def points(setup: tuple[str, Path]) -> dict[str, Any]:
    result = run(setup, "points", "--rep", "ada.lovelace@example.com", "--json", "--last", "50")
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.output)
    return found


def test_imports_award_points_once_and_a_reopened_deal_takes_them_back(
    setup: tuple[str, Path], tmp_path: Path
) -> None:
    deals = write_csv(tmp_path / "deals.csv", WON)
    calls = write_csv(tmp_path / "calls.csv", CALLS)

    for _ in range(2):
        assert run(setup, "import", "deals", str(deals)).exit_code == 0
        assert run(setup, "import", "activities", str(calls)).exit_code == 0

    # Wins: 10 + 5 (Acme reaches the band) + 10 (Globex); calls: 20 (capped) + 4.
    first = points(setup)
    assert first["balance"] == 49
    assert sorted((e["code"], e["points"]) for e in first["latest"]) == [
        ("activity", 4), ("activity", 20), ("amount_band", 5), ("won_deal", 10), ("won_deal", 10),
    ]  # fmt: skip
    # Calls on Monday and Tuesday and emails on Wednesday: three business days in a row.
    badges = {(badge["badge"], badge["period"]) for badge in first["badges"]}
    assert badges == {("first_win", None), ("activity_streak", "3")}

    assert (
        run(setup, "import", "deals", str(write_csv(tmp_path / "r.csv", REOPENED))).exit_code == 0
    )

    second = points(setup)
    assert second["balance"] == 34
    taken = [(e["code"], e["points"], e["deal"]) for e in second["latest"] if e["reversal"]]
    assert sorted(taken) == [("amount_band", -5, "Acme"), ("won_deal", -10, "Acme")]
    # Globex is now the first win: the badge stands, as something still earns it.
    assert {badge["badge"] for badge in second["badges"]} == {"first_win", "activity_streak"}


def test_the_text_names_the_causes(setup: tuple[str, Path], tmp_path: Path) -> None:
    assert run(setup, "import", "deals", str(write_csv(tmp_path / "d.csv", WON))).exit_code == 0
    calls = write_csv(tmp_path / "calls.csv", CALLS)
    assert run(setup, "import", "activities", str(calls)).exit_code == 0

    result = run(setup, "points", "--rep", "Ada Lovelace")

    assert result.exit_code == 0, result.output
    assert "49 points in all." in result.output
    assert "Nov 2, 2026 · call × 30: +20" in result.output
    assert "Nov 2, 2026 · deal size, Acme: +5" in result.output
    assert "🏅 First win · Nov 2, 2026" in result.output


def test_a_bad_rule_is_named_before_anything_runs(setup: tuple[str, Path]) -> None:
    _, config = setup
    config.write_text("[points]\nwon_deals = 10\n", encoding="utf-8")

    result = run(setup, "points", "--rep", "Ada Lovelace")

    assert result.exit_code != 0
    assert "points.won_deals" in result.output


def test_a_quota_imported_after_the_deals_awards_the_quota_badge(
    setup: tuple[str, Path], tmp_path: Path
) -> None:
    assert run(setup, "import", "deals", str(write_csv(tmp_path / "d.csv", WON))).exit_code == 0
    quotas = "owner,period,target\nada.lovelace@example.com,2026-11,15000\n"

    result = run(setup, "import", "quotas", str(write_csv(tmp_path / "q.csv", quotas)))

    # Acme's 12,000 and Globex's 3,000 reach the 15,000 of November on Globex's day.
    assert result.exit_code == 0, result.output
    badges = {(b["badge"], b["period"], b["day"], b["cause"]) for b in points(setup)["badges"]}
    assert ("quota_100", "2026-11", "2026-11-03", "deal:2") in badges
