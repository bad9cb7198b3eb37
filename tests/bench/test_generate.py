"""The benchmark generator, at a small size: counts, determinism and the shape of the data."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from bench.company import BenchError, deal_rows, plan_company
from bench.generate import (
    DEALS_CSV_HEADER,
    REPS_CSV_HEADER,
    TABLES,
    Counts,
    generate,
    main,
    write_deals_csv,
    write_reps_csv,
)
from core.config import StagesConfig
from core.periods import FiscalCalendar
from core.storage import open_database

TODAY = date(2026, 11, 30)
SEED = 7
STORED = ("team", "rep", "team_membership", "quota", "activity", "deal")


def small(engine: Engine, seed: int = SEED) -> Counts:
    return generate(engine, reps=20, deals=500, seed=seed, today=TODAY)


def rows(engine: Engine, table: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        result = connection.execute(select(TABLES[table]).order_by(TABLES[table].c.id))
        return [dict(row._mapping) for row in result]


def test_it_writes_the_asked_sizes(engine: Engine) -> None:
    counts = small(engine)

    stored = {table: len(rows(engine, table)) for table in STORED}

    # 20 reps make 5 teams of 4 (a manager and three reps) under 5 regions.
    assert counts == Counts(
        teams=10,
        reps=20,
        memberships=20,
        quotas=120,
        activities=stored["activity"],
        deals=500,
    )
    assert stored == {
        "team": 10,
        "rep": 20,
        "team_membership": 20,
        "quota": 120,
        "activity": counts.activities,
        "deal": 500,
    }
    assert 20 * 20 <= counts.activities <= 20 * 20 * 3


def test_the_same_seed_gives_the_same_rows_on_any_database(engine: Engine, tmp_path: Path) -> None:
    again = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    small(engine)
    small(again)

    first = {table: rows(engine, table) for table in STORED}
    second = {table: rows(again, table) for table in STORED}
    again.dispose()

    assert first == second


def test_another_seed_gives_other_deals() -> None:
    reps = plan_company(20, seed=SEED, today=TODAY).reps

    one = list(deal_rows(reps, 100, seed=1, today=TODAY))
    other = list(deal_rows(reps, 100, seed=2, today=TODAY))

    assert one != other
    assert one == list(deal_rows(reps, 100, seed=1, today=TODAY))


def test_deals_are_consistent(engine: Engine) -> None:
    small(engine)

    deals = rows(engine, "deal")

    statuses = Counter(deal["status"] for deal in deals)
    assert 200 <= statuses["won"] <= 350
    assert 75 <= statuses["lost"] <= 175
    assert 50 <= statuses["open"] <= 150
    stages = StagesConfig()
    for deal in deals:
        assert stages.status_of(deal["stage"]) == deal["status"]
        assert deal["source"] == "bench"
        if deal["close_date"] is not None:
            assert deal["created_date"] <= deal["close_date"]
        touches = [deal["created_date"], deal["last_activity_date"], deal["stage_changed_date"]]
        assert deal["last_touch_date"] == max(day for day in touches if day is not None)
        assert deal["last_touch_date"] <= TODAY
        assert deal["amount"] is None or deal["amount"] == deal["amount"].quantize(Decimal("0.01"))
        assert 0 <= deal["probability_bp"] <= 10_000


def test_closed_deals_fall_in_the_last_fifteen_months(engine: Engine) -> None:
    small(engine)

    closed = [deal for deal in rows(engine, "deal") if deal["status"] != "open"]

    assert all(date(2025, 8, 30) <= deal["close_date"] <= TODAY for deal in closed)
    assert all(deal["amount"] is not None for deal in closed)


def test_some_open_deals_have_no_amount_and_no_close_date_yet(engine: Engine) -> None:
    small(engine)

    early = [
        deal
        for deal in rows(engine, "deal")
        if deal["status"] == "open" and deal["amount"] is None
    ]

    assert early
    assert all(deal["close_date"] is None for deal in early)


def test_reps_report_to_their_teams_manager(engine: Engine) -> None:
    small(engine)

    teams = {team["id"]: team for team in rows(engine, "team")}
    reps = {rep["id"]: rep for rep in rows(engine, "rep")}

    regions = {id for id, team in teams.items() if team["parent_id"] is None}
    assert len(regions) == 5
    for team in teams.values():
        manager = reps[team["manager_id"]]
        assert manager["role"] == "manager"
        if team["id"] not in regions:
            assert team["parent_id"] in regions
            assert manager["team_id"] == team["id"]
    for rep in reps.values():
        if rep["role"] == "rep":
            assert reps[rep["manager_id"]]["team_id"] == rep["team_id"]
            assert teams[rep["team_id"]]["manager_id"] == rep["manager_id"]


def test_every_rep_has_a_membership_and_six_quarters_of_quota(engine: Engine) -> None:
    small(engine)

    memberships = rows(engine, "team_membership")
    quotas = rows(engine, "quota")

    reps = {rep["id"]: rep for rep in rows(engine, "rep")}
    assert sorted(m["rep_id"] for m in memberships) == sorted(reps)
    for membership in memberships:
        rep = reps[membership["rep_id"]]
        assert (membership["team_id"], membership["start_date"]) == (
            rep["team_id"],
            rep["hire_date"],
        )
        assert membership["end_date"] is None
    labels = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    for rep_id in reps:
        own = [quota for quota in quotas if quota["rep_id"] == rep_id]
        assert [quota["period_label"] for quota in own] == labels
        assert all(quota["metric"] == "won_revenue" for quota in own)
        assert all(quota["target"] > 0 for quota in own)
    current = FiscalCalendar().quarter(TODAY)
    assert (quotas[-1]["start_date"], quotas[-1]["end_date"]) == (current.start, current.end)


def test_a_database_with_rows_is_refused(engine: Engine) -> None:
    small(engine)

    with pytest.raises(BenchError, match="empty database"):
        small(engine, seed=SEED + 1)

    assert len(rows(engine, "deal")) == 500


def test_the_csv_files_hold_the_same_deals(tmp_path: Path) -> None:
    reps = plan_company(20, seed=SEED, today=TODAY).reps
    expected = list(deal_rows(reps, 500, seed=SEED, today=TODAY))

    write_reps_csv(tmp_path / "reps.csv", reps)
    write_deals_csv(tmp_path / "deals.csv", reps, 500, SEED, today=TODAY)

    with (tmp_path / "reps.csv").open(newline="") as file:
        rep_lines = list(csv.reader(file))
    with (tmp_path / "deals.csv").open(newline="") as file:
        deal_lines = list(csv.DictReader(file))
    assert tuple(rep_lines[0]) == REPS_CSV_HEADER
    assert [line[1] for line in rep_lines[1:]] == [rep.email for rep in reps]
    assert tuple(deal_lines[0]) == DEALS_CSV_HEADER
    assert len(deal_lines) == 500
    amounts = [line["amount"] for line in deal_lines]
    assert any("," in amount for amount in amounts)
    assert any(amount and "," not in amount and float(amount) >= 1000 for amount in amounts)
    for line, deal in zip(deal_lines, expected, strict=True):
        assert line["external_id"] == deal["external_id"]
        assert line["owner"] == reps[deal["owner"]].email
        written = Decimal(line["amount"].replace(",", "")) if line["amount"] else None
        assert written == deal["amount"]
        assert Decimal(line["probability"]) * 100 == deal["probability_bp"]
        assert line["close_date"] == (deal["close_date"].isoformat() if deal["close_date"] else "")


def test_the_command_line_fills_a_database_and_writes_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    arguments = ["--reps", "8", "--deals", "50", "--today", "2026-11-30", "--seed", "3"]

    status = main([*arguments, "--database", url, "--csv", str(tmp_path / "csv")])

    assert status == 0
    assert "deals=50" in capsys.readouterr().out
    assert (tmp_path / "csv" / "reps.csv").exists()
    assert (tmp_path / "csv" / "deals.csv").exists()
