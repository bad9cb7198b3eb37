"""`quotabot preview --platform teams`: the Adaptive Card the bot would send."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotabot.cli import main
from tests.bot.company import People


def test_the_preview_is_the_card_with_its_charts_saved(
    database: tuple[str, People], tmp_path: Path
) -> None:
    url, people = database
    out = tmp_path / "charts"
    asked = ["preview", "myquota", "--as", people.ada.email, "--as-of", "2026-12-01"]

    result = CliRunner().invoke(
        main, ["--database", url, *asked, "--platform", "teams", "--out", str(out)]
    )

    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert card["version"] == "1.5"
    assert card["body"][0]["text"] == "Your quota · 2026-Q4"
    [image] = [element for element in card["body"] if element["type"] == "Image"]
    assert image["url"] == (out / "preview-1.png").resolve().as_uri()
    assert (out / "preview-1.png").read_bytes().startswith(b"\x89PNG")
