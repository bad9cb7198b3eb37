"""Teams' settings: every problem reported at once, and no secret in sight."""

from __future__ import annotations

import pytest

from adapters.teams.config import TeamsConfigError, chart_key, teams_config


def test_every_problem_is_reported_together() -> None:
    environ = {
        "MICROSOFT_APP_ID": "00000000-0000-0000-0000-00000000abcd",
        "MICROSOFT_APP_TYPE": "SingleTenant",
        "QUOTABOT_PUBLIC_URL": "quotabot.example.com",
    }

    with pytest.raises(TeamsConfigError) as raised:
        teams_config(environ)

    problems = raised.value.problems
    assert [problem.split(" ")[0] for problem in problems] == [
        "MICROSOFT_APP_PASSWORD",
        "MICROSOFT_APP_TENANT_ID",
        "QUOTABOT_PUBLIC_URL",
    ]


def test_no_settings_is_the_emulator_on_this_machine() -> None:
    config = teams_config({})

    assert not config.authenticated
    assert config.public_url is None
    assert len(config.chart_key) == 32


def test_the_secrets_stay_out_of_the_repr() -> None:
    config = teams_config(
        {
            "MICROSOFT_APP_ID": "app",
            "MICROSOFT_APP_PASSWORD": "very-secret-password",
            "QUOTABOT_PUBLIC_URL": "https://quotabot.example.com",
        }
    )

    assert config.authenticated
    assert config.public_url == "https://quotabot.example.com/"
    assert "very-secret-password" not in repr(config)
    assert config.chart_key == chart_key(None, "very-secret-password")
    assert chart_key("chart-secret", "very-secret-password") != config.chart_key
