"""`quotabot earnings`, and the clawbacks that `quotabot import deals` records.

Ada and Bea are on the AE plan (5% to 50% of quota, 8% to 100%, 12% above) from
2026-01-01, and Bea has a $100 SPIFF per Analytics deal; Carl has no plan. In
November 2026 Ada won $12,000 of a $10,000 quota: $5,000 at 5% ($250), $5,000 at 8%
($400) and $2,000 at 12% ($240), $890 in all. Bea won $3,000 of $4,000: $2,000 at 5%
($100) and $1,000 at 8% ($80), plus one Analytics SPIFF: $280.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session, col, select

from core.models import LedgerEntry
from core.periods import FiscalCalendar
from core.storage import open_database
from quotabot.cli import main
from tests.builders import Company, at
from tests.crm.builders import write_csv

NOVEMBER = FiscalCalendar().parse("2026-11", at(2026, 11, 1))
CONFIG = """
[earnings.plans.AE]
tiers = [
  { from = 0, rate = 0.05 },
  { from = 0.5, rate = 0.08 },
  { from = 1, rate = 0.12, name = "accelerator" },
]
spiffs = [{ product = "Analytics", amount = 100 }]
clawback_days = 60

[[earnings.assignments]]
plan = "AE"
team = "North"
from = 2026-01-01
"""


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        company = Company(session)
        north, south = company.team("North"), company.team("South")
        ada = company.rep("Ada Lovelace", north)
        bea = company.rep("Bea Rossi", north)
        carl = company.rep("Carl Weber", south)
        company.quota(ada, NOVEMBER, 10_000)
        company.quota(bea, NOVEMBER, 4_000)
        company.deal(ada, "won", 12_000, date(2026, 11, 3))
        company.deal(bea, "won", 3_000, date(2026, 11, 4)).product = "Analytics"
        company.deal(carl, "won", 9_000, date(2026, 11, 5))
        session.commit()
    engine.dispose()
    return url


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "quotabot.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def run(database: str, config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, "--config", str(config), *args])


def test_the_csv_export_has_a_row_per_rep_with_a_plan(
    database: str, config: Path, tmp_path: Path
) -> None:
    export = tmp_path / "earnings.csv"

    result = run(
        database, config, "earnings", "--period", "2026-11", "--as-of", "2026-11-30",
        "--csv", str(export),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "2 rep(s) with a plan in 2026-11" in result.output
    with export.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == [
        "rep", "email", "plan", "won_revenue", "quota", "attainment",
        "tier_1", "tier_2", "tier_3", "capped", "spiffs", "adjustments", "draw_top_up", "total",
    ]  # fmt: skip
    assert [(r["rep"], r["plan"], r["won_revenue"], r["attainment"]) for r in rows] == [
        ("Ada Lovelace", "AE", "12000.00", "1.2000"),
        ("Bea Rossi", "AE", "3000.00", "0.7500"),
    ]
    assert [(r["tier_1"], r["tier_2"], r["tier_3"], r["spiffs"], r["total"]) for r in rows] == [
        ("250.00", "400.00", "240.00", "0.00", "890.00"),
        ("100.00", "80.00", "0.00", "100.00", "280.00"),
    ]


def test_one_reps_earnings_as_json(database: str, config: Path) -> None:
    result = run(
        database, config, "earnings", "--period", "2026-11", "--as-of", "2026-11-30",
        "--rep", "bea.rossi@example.com", "--json",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["subject"]["name"] == "Bea Rossi"
    assert (data["commission"], data["spiff_total"], data["total"]) == (
        "180.00",
        "100.00",
        "280.00",
    )
    assert data["next_tier"]["needed"] == "1000.00"


def test_one_reps_earnings_as_text(database: str, config: Path) -> None:
    result = run(
        database, config, "earnings", "--period", "2026-11", "--as-of", "2026-11-30",
        "--rep", "Ada Lovelace",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Ada Lovelace, 2026-11: $12,000.00 won of $10,000.00 (120.0%)" in result.output
    assert "Total: $890.00" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rep", "nobody@example.com"], "unknown rep 'nobody@example.com'"),
        (["--rep", "Carl Weber"], "Carl Weber has no compensation plan in 2026-11"),
        (["--period", "2026-13"], "unknown period '2026-13'"),
    ],
)
def test_bad_input_gets_a_clear_message(
    database: str, config: Path, args: list[str], message: str
) -> None:
    result = run(database, config, "earnings", "--period", "2026-11", *args)

    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_bad_plan_is_named_by_its_key(database: str, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[earnings.plans.AE]\ntiers = [{ from = 0, rate = 8 }]\n", encoding="utf-8")

    result = run(database, config, "earnings")

    assert result.exit_code == 1
    assert "earnings.plans.AE.tiers.0.rate" in result.output


def test_without_plans_it_says_where_they_go(database: str, tmp_path: Path) -> None:
    config = tmp_path / "empty.toml"
    config.write_text("", encoding="utf-8")

    result = run(database, config, "earnings")

    assert result.exit_code == 1
    assert "add [earnings] plans and assignments to quotabot.toml" in result.output


def test_a_reimport_that_reverses_a_won_deal_claws_its_commission_back(
    database: str, config: Path, tmp_path: Path
) -> None:
    won = write_csv(
        tmp_path / "won.csv",
        """
        external_id,name,stage,owner,amount,close_date
        X1,Globex,Closed Won,ada.lovelace@example.com,4000,2026-11-20
        """,
    )
    lost = write_csv(
        tmp_path / "lost.csv",
        """
        external_id,name,stage,owner,amount,close_date
        X1,Globex,Closed Lost,ada.lovelace@example.com,4000,2026-11-20
        """,
    )
    run(database, config, "import", "deals", str(won), "--effective", "2026-11-20")

    first = run(database, config, "import", "deals", str(lost), "--effective", "2026-12-10")
    again = run(database, config, "import", "deals", str(lost), "--effective", "2026-12-11")

    assert first.exit_code == again.exit_code == 0, first.output + again.output
    engine = open_database(database)
    with Session(engine) as session:
        # The import's points and badges are in the ledger too; earnings are these.
        earned = col(LedgerEntry.kind).in_(("clawback", "reversed_deal"))
        entries = session.exec(select(LedgerEntry).where(earned)).all()
    engine.dispose()
    # Globex's $4,000 sat on top of Ada's $12,000: all in the 12% tier, $480.
    assert sorted((e.kind, str(e.amount), e.code) for e in entries) == [
        ("clawback", "-480.00", "closed:2026-11-20"),
        ("reversed_deal", "480.00", "closed:2026-11-20"),
    ]
