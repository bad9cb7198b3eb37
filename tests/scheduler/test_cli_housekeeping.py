"""`quotabot jobs list` shows the housekeeping jobs; `quotabot.toml` turns them off or
moves them, and names every bad key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session

from core.config import ConfigError, load_settings
from core.models import Rep
from core.storage import open_database
from quotabot.cli import main
from tests.bot.company import build


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        people = build(session)
        carl = session.get(Rep, people.carl.id)
        assert carl is not None
        carl.timezone = "America/New_York"
        session.add(carl)
        session.commit()
    engine.dispose()
    return url


def run(database: str, config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, "--config", str(config), *args])


def test_jobs_list_shows_alerts_and_nudges_per_time_zone(database: str, tmp_path: Path) -> None:
    config = tmp_path / "quotabot.toml"
    config.write_text('[calendar]\ntimezone = "Europe/Rome"\n[alerts]\nat = "08:00"\n')

    result = run(database, config, "jobs", "list", "--json")

    assert result.exit_code == 0, result.output
    rows = {row["job"]: row for row in json.loads(result.output) if row["kind"] != "digest"}
    assert sorted(rows) == [
        "personal:alerts:Europe/Rome",
        "personal:nudges:America/New_York",
        "personal:nudges:Europe/Rome",
    ]
    alerts = rows["personal:alerts:Europe/Rome"]
    assert (alerts["kind"], alerts["cron"], alerts["subscription"]) == (
        "alerts",
        "0 8 * * 1-5",
        None,
    )
    assert alerts["where"] == "1 manager on this clock, in direct messages"
    nudges = rows["personal:nudges:America/New_York"]
    assert nudges["where"] == "1 rep on this clock, in direct messages"
    assert all(time.endswith("09:00") for time in nudges["upcoming_local"])
    assert not any(time.startswith(("Sat", "Sun")) for time in nudges["upcoming_local"])


def test_a_kind_turned_off_is_listed_as_off(database: str, tmp_path: Path) -> None:
    config = tmp_path / "quotabot.toml"
    config.write_text("[nudges]\nenabled = false\n")

    shown = run(database, config, "jobs", "list")
    listed = [
        row
        for row in json.loads(run(database, config, "jobs", "list", "--json").output)
        if row["kind"] != "digest"
    ]

    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("Housekeeping jobs")
    assert [(row["job"], row["problem"]) for row in listed] == [
        ("personal:alerts:UTC", ""),
        ("", "turned off in quotabot.toml ([nudges] enabled = false)"),
    ]


def test_every_bad_key_of_alerts_and_nudges_is_named(tmp_path: Path) -> None:
    config = tmp_path / "quotabot.toml"
    config.write_text(
        '[alerts]\nat = "21:00"\nsumary_day = "mon"\n'
        '[nudges]\nat = "9h"\nsnooze_days = 0\nenable = true\n'
    )

    with pytest.raises(ConfigError) as raised:
        load_settings(config)

    assert str(raised.value).splitlines()[1:] == [
        "  alerts.at: Value error, 21:00 is in quiet hours: people are written to only "
        "from 07:00 to 20:00",
        "  alerts.sumary_day: unknown key; the keys here are at, enabled, summary_day",
        "  nudges.at: Value error, '9h' is not a time of day; write it as \"HH:MM\", "
        'such as "08:30"',
        "  nudges.snooze_days: Input should be greater than or equal to 1",
        "  nudges.enable: unknown key; the keys here are at, enabled, snooze_days",
    ]


def test_notices_preview_prints_what_a_person_would_be_sent(database: str, tmp_path: Path) -> None:
    config = tmp_path / "quotabot.toml"
    config.write_text("")
    as_of = ("--as-of", "2026-12-01T00:00+00:00")

    nudge = run(
        database,
        config,
        "notices",
        "preview",
        "nudges",
        "--as",
        "ada.lovelace@example.com",
        *as_of,
    )
    alert = run(
        database,
        config,
        "notices",
        "preview",
        "alerts",
        "--as",
        "mona.manager@example.com",
        *as_of,
    )
    nobody = run(database, config, "notices", "preview", "alerts", "--as", "zed@example.com")

    assert nudge.exit_code == 0, nudge.output
    assert nudge.output.startswith("Your nudge for today · 2026-Q4\n\nYou are $9,091 behind pace")
    assert "(run: nudges snooze 7)" in nudge.output
    assert alert.output.startswith("Nothing for Mona Manager now: nobody below them is at risk")
    assert nobody.exit_code == 1
    assert "no rep has the email 'zed@example.com'" in nobody.output
