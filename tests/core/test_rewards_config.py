"""The rules of points, badges and kudos in quotabot.toml: every bad key named at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from core.config import ConfigError, load_settings


def test_the_rules_are_read(tmp_path: Path) -> None:
    path = tmp_path / "quotabot.toml"
    path.write_text(
        "[points]\nwon_deal = 5\nbands = [{ from = 1000, points = 2 }]\n"
        "activities = { call = { points = 1, daily_cap = 10 } }\n"
        "[badges]\nbig_deal = 25000\nstreak_days = [10, 5]\npoints = { hat_trick = 3 }\n"
        '[kudos]\nreaction = "clap"\npoints = 4\n'
    )

    settings = load_settings(path)

    assert settings.points.won_deal == 5
    assert settings.points.band_points(Decimal(999)) is None
    assert settings.points.band_points(Decimal(1000)) == (Decimal(1000), 2)
    assert settings.points.activities["call"].daily_cap == 10
    assert settings.badges.streak_days == (5, 10)
    assert settings.kudos.reaction == "clap"


def test_every_bad_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "quotabot.toml"
    path.write_text(
        "[points]\nwon_deal = -1\nper_call = 3\n"
        "bands = [{ from = 5000, points = 2 }, { from = 1000, points = 1 }]\n"
        'activities = { "Phone Call" = { points = 1 }, demo = { point = 2 } }\n'
        "[badges]\nbig_deal = 0\npoints = { unicorn = 5 }\nstreak_days = [1]\n"
        '[kudos]\nreaction = ":tada:"\n'
    )

    with pytest.raises(ConfigError) as raised:
        load_settings(path)

    message = str(raised.value)
    for key in (
        "points.won_deal",
        "points.per_call",
        "points.bands",
        "points.activities",
        "demo.point",
        "badges.big_deal",
        "badges.points",
        "unicorn",
        "first_win",
        "badges.streak_days",
        "kudos.reaction",
    ):
        assert key in message, key
