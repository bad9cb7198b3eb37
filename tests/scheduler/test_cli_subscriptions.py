"""`quotabot subscriptions add|list|remove`, as an admin types them, good input and bad."""

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
        company.rep("Ada Lovelace", company.team("North"))
        session.commit()
    engine.dispose()
    return url


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, *args])


def add(database: str, *extra: str) -> Result:
    return run(
        database, "subscriptions", "add", "--platform", "slack", "--workspace", "T0TEST",
        "--target", "C0SALES", "--cron", "0 9 * * 1-5", "--timezone", "Europe/Rome", *extra,
    )  # fmt: skip


def test_add_list_and_remove(database: str) -> None:
    added = add(database, "--metric", "attainment", "--team", "north")

    assert added.exit_code == 0, added.output
    assert added.output.startswith("Added subscription 1: leaderboard (attainment,")
    listed = json.loads(run(database, "subscriptions", "list", "--json").output)
    assert listed == [
        {
            "id": 1,
            "platform": "slack",
            "workspace": "T0TEST",
            "target": "C0SALES",
            "kind": "leaderboard",
            "cron": "0 9 * * 1-5",
            "timezone": "Europe/Rome",
            "metric": "attainment",
            "period": "this-quarter",
            "team": "North",
            "created_by": "cli",
            "created_at": listed[0]["created_at"],
        }
    ]
    table = run(database, "subscriptions", "list")
    assert "C0SALES" in table.output
    assert "0 9 * * 1-5" in table.output

    removed = run(database, "subscriptions", "remove", "1")

    assert removed.exit_code == 0, removed.output
    assert removed.output.startswith("Removed subscription 1:")
    assert json.loads(run(database, "subscriptions", "list", "--json").output) == []


def test_every_bad_value_is_named_at_once_with_what_is_valid(database: str) -> None:
    result = run(
        database, "subscriptions", "add", "--platform", "skype", "--target", "C0SALES",
        "--kind", "digest", "--cron", "0 9 * *", "--timezone", "Mars/Olympus",
        "--metric", "revenue", "--period", "next-year", "--team", "Nowhere",
    )  # fmt: skip

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.output
    assert "6 problems" in message  # the cron and the zone are one problem: the schedule
    assert "unknown platform 'skype'; use one of: slack, teams" in message
    assert "unknown kind 'digest'; use one of: leaderboard, report, celebrations" in message
    assert "unknown time zone 'Mars/Olympus'" in message
    assert "unknown metric 'revenue'; use one of: won_revenue, attainment" in message
    assert "unknown period 'next-year'" in message
    assert "unknown team 'Nowhere'" in message
    assert json.loads(run(database, "subscriptions", "list", "--json").output) == []


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (("--cron", "0 25 * * *"), '"0 25 * * *" is not valid'),
        (("--cron", "0 22 * * *"), "in quiet hours: scheduled posts go out only from 07:00"),
        (
            ("--kind", "contest"),
            "contest posts belong to a contest: create one with `quotabot contests add`",
        ),
    ],
)
def test_a_schedule_that_cannot_be_kept_is_refused(
    database: str, extra: tuple[str, ...], named: str
) -> None:
    result = add(database, *extra)

    assert result.exit_code == 1
    assert named in result.output


def test_the_same_subscription_twice_is_refused(database: str) -> None:
    add(database)

    again = add(database)

    assert again.exit_code == 1
    assert "exists already (number 1)" in again.output


def test_removing_what_is_not_there_says_how_to_find_it(database: str) -> None:
    result = run(database, "subscriptions", "remove", "7")

    assert result.exit_code == 1
    assert "no subscription number 7; `quotabot subscriptions list` shows them" in result.output


def test_celebrations_need_no_schedule_and_refuse_one(database: str) -> None:
    base = ("subscriptions", "add", "--platform", "slack", "--target", "C0WINS")

    added = run(database, *base, "--kind", "celebrations", "--timezone", "Europe/Rome")
    refused = run(database, *base, "--kind", "celebrations", "--cron", "0 9 * * *")
    missing = run(database, *base)

    assert added.exit_code == 0, added.output
    assert "celebrations to slack C0WINS, as deals are won" in added.output
    assert "celebrations are posted as deals are won, not on a schedule" in refused.output
    assert "no schedule: give leaderboard posts a cron expression" in missing.output
