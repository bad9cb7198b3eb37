"""manifest.yml: the registry's commands with the catalogue's texts, and only the scopes used."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalogue import CATALOGUES
from bot.commands import account, build_registry, nudges, subscriptions
from bot.registry import UMBRELLA

MESSAGES = CATALOGUES["en"]
MANIFEST = Path(__file__).parents[2] / "manifest.yml"
EVENTS_URL = "https://quotabot.example.com/slack/events"
# The commands that have no slash command of their own: /quotabot carries them.
MESSAGES = CATALOGUES["en"]
UMBRELLA_ONLY = [*account.COMMANDS, *subscriptions.COMMANDS, *nudges.COMMANDS]
SCOPES_USED = {
    "commands",
    "chat:write",
    "files:read",  # files.info: wait until an uploaded chart is ready
    "files:write",
    "users:read",
    "users:read.email",
    "reactions:read",  # the reaction_added event: kudos on a win's celebration
}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    read: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return read


def commands_of(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["command"]: entry for entry in manifest["features"]["slash_commands"]}


def test_every_command_of_the_registry_has_a_way_in(manifest: dict[str, Any]) -> None:
    registry = build_registry()
    through_umbrella = {command.name for command in UMBRELLA_ONLY}

    commands = commands_of(manifest)

    own = {name.removeprefix("/") for name in commands} - {UMBRELLA}
    assert own == set(registry.commands) - through_umbrella
    assert f"/{UMBRELLA}" in commands


def test_descriptions_and_hints_are_the_catalogue_texts(manifest: dict[str, Any]) -> None:
    commands = commands_of(manifest)
    umbrella = commands.pop(f"/{UMBRELLA}")

    for command, entry in commands.items():
        name = command.removeprefix("/")
        assert entry["description"] == MESSAGES[f"help.{name}"]
        assert f"{name} {entry['usage_hint']}" == MESSAGES[f"usage.{name}"]
        assert entry["should_escape"] is False
    hints = [MESSAGES[f"usage.{command.name}"] for command in UMBRELLA_ONLY]
    assert umbrella["usage_hint"] == " | ".join(hints)
    assert umbrella["description"].startswith("Quotabot: help, whoami, link")
    # `link @user` must arrive as <@U123|name> to be tied to the user's id.
    assert umbrella["should_escape"] is True


def test_texts_fit_the_manifest_schema(manifest: dict[str, Any]) -> None:
    # Limits of github.com/slackapi/manifest-schema, schemas/manifest.schema.1.0.0.json.
    entries = manifest["features"]["slash_commands"]

    assert 1 <= len(entries) <= 50
    for entry in entries:
        assert re.fullmatch(r"/[a-z\-_]{1,31}", entry["command"])
        assert 1 <= len(entry["description"]) <= 2000
        assert 1 <= len(entry["usage_hint"]) <= 1000
    assert len(manifest["display_information"]["name"]) <= 35
    assert len(manifest["display_information"]["description"]) <= 140
    assert len(manifest["features"]["bot_user"]["display_name"]) <= 80


def test_only_the_scopes_in_use_are_asked_for(manifest: dict[str, Any]) -> None:
    scopes = manifest["oauth_config"]["scopes"]

    assert set(scopes) == {"bot"}
    assert sorted(scopes["bot"]) == sorted(SCOPES_USED)
    assert "im:write" not in scopes["bot"]  # no DMs are opened yet


def test_settings_for_socket_mode_http_and_the_home_tab(manifest: dict[str, Any]) -> None:
    settings, features = manifest["settings"], manifest["features"]

    assert manifest["display_information"]["name"] == "Quotabot"
    assert features["bot_user"]["display_name"] == "Quotabot"
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert settings["interactivity"] == {"is_enabled": True, "request_url": EVENTS_URL}
    assert settings["event_subscriptions"] == {
        "request_url": EVENTS_URL,
        "bot_events": ["app_home_opened", "reaction_added"],
    }
    assert {entry["url"] for entry in features["slash_commands"]} == {EVENTS_URL}
    assert manifest["_metadata"] == {"major_version": 1, "minor_version": 1}
