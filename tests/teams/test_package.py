"""`quotabot teams-package`: the zip that Teams takes, with its manifest and icons."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from bot.catalogue import Texts
from bot.commands import build_registry
from quotabot.cli import main
from tests.teams.schema_check import manifest_problems

APP_ID = "11111111-2222-3333-4444-555555555555"
WEBSITE = "https://quotabot.example.com/"


def build(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    out = tmp_path / "quotabot-teams.zip"
    result = CliRunner().invoke(
        main,
        [
            "--database",
            f"sqlite:///{tmp_path / 'q.db'}",
            "teams-package",
            "--out",
            str(out),
            *args,
        ],
        env={"MICROSOFT_APP_ID": "", "QUOTABOT_PUBLIC_URL": "", **(env or {})},
    )
    return result, out


@pytest.fixture
def archive(tmp_path: Path) -> zipfile.ZipFile:
    result, out = build(tmp_path, "--app-id", APP_ID, "--website", WEBSITE)
    assert result.exit_code == 0, result.output
    assert "Upload" in result.output
    return zipfile.ZipFile(out)


def test_the_zip_holds_the_manifest_and_icons_at_its_root(archive: zipfile.ZipFile) -> None:
    assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]


def test_the_manifest_declares_the_bot_and_its_commands(archive: zipfile.ZipFile) -> None:
    manifest = json.loads(archive.read("manifest.json"))

    assert manifest["manifestVersion"] == "1.17"
    assert manifest["$schema"].endswith("/teams/v1.17/MicrosoftTeams.schema.json")
    assert manifest_problems(manifest) == []  # the official schema of 1.17
    assert manifest["id"] == APP_ID
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert manifest["developer"] == {
        "name": "Quotabot",
        "websiteUrl": WEBSITE,
        "privacyUrl": WEBSITE,
        "termsOfUseUrl": WEBSITE,
    }
    assert len(manifest["name"]["short"]) <= 30
    assert len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert re.fullmatch(r"#[0-9A-F]{6}", manifest["accentColor"])
    assert manifest["validDomains"] == ["quotabot.example.com"]
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    personal, shared = bot["commandLists"]
    assert personal["scopes"] == ["personal"]
    assert set(shared["scopes"]) == {"team", "groupChat"}
    texts = Texts("en", "USD")
    registry = build_registry()
    for listed in (personal, shared):
        assert 1 <= len(listed["commands"]) <= 10
        for command in listed["commands"]:
            assert len(command["title"]) <= 32
            assert len(command["description"]) <= 128
            known = registry.find(command["title"])
            assert known is not None
            assert command["description"] == texts(known.help_key)[:128].replace("`", "")
    assert personal["commands"][0]["title"] == "myquota"
    assert "myquota" not in {command["title"] for command in shared["commands"]}


def test_the_icons_have_the_sizes_teams_wants(archive: zipfile.ZipFile) -> None:
    color = Image.open(io.BytesIO(archive.read("color.png")))
    outline = Image.open(io.BytesIO(archive.read("outline.png")))

    assert (color.format, color.size) == ("PNG", (192, 192))
    assert (outline.format, outline.size) == ("PNG", (32, 32))
    raw = outline.convert("RGBA").tobytes()
    pixels = {raw[start : start + 4] for start in range(0, len(raw), 4)}
    assert {pixel for pixel in pixels if pixel[3] > 0} == {bytes((255, 255, 255, 255))}
    assert any(pixel[3] == 0 for pixel in pixels)  # white on transparent


def test_the_app_id_comes_from_the_environment_too(tmp_path: Path) -> None:
    result, out = build(tmp_path, env={"MICROSOFT_APP_ID": APP_ID, "QUOTABOT_PUBLIC_URL": WEBSITE})

    assert result.exit_code == 0, result.output
    assert json.loads(zipfile.ZipFile(out).read("manifest.json"))["id"] == APP_ID


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "--app-id"),
        (("--app-id", "not-a-guid", "--website", WEBSITE), "GUID"),
        (("--app-id", APP_ID), "--website"),
        (("--app-id", APP_ID, "--website", "http://plain.example/"), "https://"),
        (("--app-id", APP_ID, "--website", WEBSITE, "--developer", "D" * 33), "32 characters"),
    ],
)
def test_what_is_missing_or_wrong_is_named(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    result, out = build(tmp_path, *args)

    assert result.exit_code != 0
    assert said in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
