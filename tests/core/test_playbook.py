"""The coaching playbook: the shipped tips, a company's own, and every problem named."""

from pathlib import Path

import pytest

from core.config import ConfigError, load_settings
from core.diagnosis import Driver
from core.playbook import PlaybookError, load_playbook, playbook


def test_the_shipped_playbook_has_tips_for_every_driver_in_both_languages() -> None:
    shipped = playbook()

    for driver in Driver:
        assert shipped.for_driver(driver, "en")
        assert shipped.for_driver(driver, "it")
    assert shipped.for_driver(Driver.WIN_RATE, "de") == shipped.for_driver(Driver.WIN_RATE, "en")


def test_a_company_playbook_replaces_the_drivers_it_names(tmp_path: Path) -> None:
    own = tmp_path / "tips.toml"
    own.write_text(
        '[win_rate]\nen = ["Call the champion."]\nit = ["Chiama lo sponsor."]\n', encoding="utf-8"
    )
    config = tmp_path / "quotabot.toml"
    config.write_text('[coaching]\nplaybook = "tips.toml"\n', encoding="utf-8")

    settings = load_settings(config)
    merged = playbook(settings.coaching.playbook)

    assert merged.for_driver(Driver.WIN_RATE, "it") == ("Chiama lo sponsor.",)
    assert merged.for_driver(Driver.ACTIVITY, "en") == playbook().for_driver(Driver.ACTIVITY, "en")


def test_every_problem_of_a_playbook_is_named_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "tips.toml"
    bad.write_text(
        '[win_rte]\nen = ["x"]\nit = ["y"]\n'
        '[activity]\nen = []\nfr = ["z"]\n'
        '[coverage]\nen = ["ok", 3]\nit = ["bene"]\n',
        encoding="utf-8",
    )

    with pytest.raises(PlaybookError) as raised:
        load_playbook(bad)

    message = str(raised.value)
    assert "5 problem(s)" in message
    assert "[win_rte]: unknown driver; valid drivers are activity, pipeline_created" in message
    assert "activity.it: missing" in message
    assert "activity.en: must be a non-empty list" in message
    assert "activity.fr: unknown language; valid languages are en, it" in message
    assert "coverage.en: every tip must be a non-empty string, not 3" in message


def test_a_playbook_that_cannot_be_read_stops_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "quotabot.toml"
    config.write_text('[coaching]\nplaybook = "missing.toml"\n', encoding="utf-8")

    with pytest.raises(ConfigError) as raised:
        load_settings(config)

    assert "coaching.playbook" in str(raised.value)
    assert "missing.toml: no such file" in str(raised.value)
