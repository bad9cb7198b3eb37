"""`quotabot jobs list|run`: next fire times, a dry run, and a post that reaches Slack."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session, select

from core.models import ScheduledDelivery, ScheduledRun
from core.storage import open_database
from quotabot.cli import main
from tests.bot.company import build
from tests.fakes.slack_api import BOT_TOKEN, SlackApiDouble
from tests.scheduler.wins import win_two_deals
from tests.slack.conftest import LoopThread

NINE_IN_ROME = "2026-12-01T09:00+01:00"


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        build(session)
    engine.dispose()
    return url


@pytest.fixture
def slack() -> Iterator[SlackApiDouble]:
    loop = LoopThread()
    double = SlackApiDouble()
    loop.run(double.start())
    yield double
    loop.run(double.stop())
    loop.close()


def run(database: str, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--database", database, *args], env=env)


def subscribe(database: str, cron: str = "0 9 * * 1-5", target: str = "C0SALES") -> None:
    added = run(
        database, "subscriptions", "add", "--platform", "slack", "--workspace", "T0TEST",
        "--target", target, "--cron", cron, "--timezone", "Europe/Rome",
    )  # fmt: skip
    assert added.exit_code == 0, added.output


def test_jobs_list_shows_the_next_fire_times(database: str) -> None:
    subscribe(database)
    subscribe(database, cron="30 8 * * 1", target="C0EMEA")

    result = run(database, "jobs", "list", "--json")

    assert result.exit_code == 0, result.output
    rows = [row for row in json.loads(result.output) if row["subscription"] is not None]
    assert sorted(row["subscription"] for row in rows) == [1, 2]
    assert [row["next"] for row in rows] == sorted(row["next"] for row in rows)
    for row in rows:
        first = datetime.fromisoformat(row["next"])
        assert len(row["upcoming_local"]) == 3
        assert row["job"].startswith("leaderboard:")
        assert first.tzinfo is not None
    weekday = next(row for row in rows if row["subscription"] == 1)
    assert all(time.endswith("09:00") for time in weekday["upcoming_local"])
    assert not any(time.startswith(("Sat", "Sun")) for time in weekday["upcoming_local"])


def test_a_dry_run_prints_the_post(database: str, tmp_path: Path) -> None:
    subscribe(database)

    result = run(
        database, "jobs", "run", "1", "--dry-run", "--as-of", NINE_IN_ROME,
        "--out", str(tmp_path / "charts"),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Daily leaderboard · won revenue · 2026-Q4" in result.output
    assert "Bea Rossi · $36,000" in result.output
    assert "Figures as of the latest CRM update" in result.output
    assert (tmp_path / "charts" / "subscription-1-1.png").exists()


def test_a_run_posts_to_slack_through_a_claimed_run(database: str, slack: SlackApiDouble) -> None:
    subscribe(database)
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.api_url}

    result = run(database, "jobs", "run", "1", "--no-charts", "--as-of", NINE_IN_ROME, env=env)

    assert result.exit_code == 0, result.output
    assert result.output == "Posted subscription 1 to slack T0TEST/C0SALES.\n"
    [post] = slack.calls_of("chat.postMessage")
    assert post.body["channel"] == "C0SALES"
    engine = open_database(database)
    with Session(engine) as session:
        [claimed] = session.exec(select(ScheduledRun))
        [delivery] = session.exec(select(ScheduledDelivery))
    engine.dispose()
    assert claimed.job_key.startswith("manual:leaderboard:")
    assert delivery.state == "sent"


def test_a_run_in_quiet_hours_posts_nothing_and_says_why(
    database: str, slack: SlackApiDouble
) -> None:
    subscribe(database)
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.api_url}

    result = run(
        database, "jobs", "run", "1", "--no-charts", "--as-of", "2026-12-01T22:00+01:00", env=env
    )

    assert result.exit_code == 1
    assert "it is 22:00 in Europe/Rome, in quiet hours" in result.output
    assert slack.calls_of("chat.postMessage") == []


def test_running_what_is_not_there_says_how_to_find_it(database: str) -> None:
    result = run(database, "jobs", "run", "4", "--dry-run")

    assert result.exit_code == 1
    assert "no subscription number 4; `quotabot jobs list` shows them" in result.output


def test_celebrations_are_listed_and_the_latest_wins_shown(database: str) -> None:
    added = run(
        database, "subscriptions", "add", "--platform", "slack", "--target", "C0WINS",
        "--kind", "celebrations",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    nothing = run(database, "jobs", "run", "1", "--dry-run")
    engine = open_database(database)
    with Session(engine) as session:
        win_two_deals(session)
    engine.dispose()

    listed = [
        row
        for row in json.loads(run(database, "jobs", "list", "--json").output)
        if row["subscription"] is not None
    ]
    shown = run(database, "jobs", "run", "1", "--dry-run", "--no-charts")

    assert "no import has turned a deal won yet" in nothing.output
    assert listed[0]["problem"] == "posted as deals are won"
    assert shown.exit_code == 0, shown.output
    assert "🎉 2 deals won" in shown.output
    assert "Ada Lovelace won Acme renewal (Acme Corp): $20,000" in shown.output
