"""`quotabot chat` and `quotabot preview`, driven as a person would."""

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlmodel import Session

from core.storage import open_database
from quotabot.cli import main
from tests.bot.company import build

AS_OF = "2026-12-01T00:00+00:00"


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        build(session)
    engine.dispose()
    return url


def run(database: str, *args: str, given: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--database", database, *args], input=given)


def test_chat_answers_line_after_line(database: str, tmp_path: Path) -> None:
    out = tmp_path / "charts"

    result = run(
        database, "chat", "--as", "ada.lovelace@example.com", "--as-of", AS_OF,
        "--out", str(out), given="myquota\nleaderboard\nquit\n",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Quotabot as Ada Lovelace" in result.output
    assert "Your quota · 2026-Q4" in result.output
    assert "$30,000 won of $60,000: 50% of quota." in result.output
    assert "Leaderboard · won revenue · 2026-Q4" in result.output
    assert "Ada Lovelace (you) · $30,000" in result.output
    charts = sorted(path.name for path in out.iterdir())
    assert charts == ["001-myquota-1.png", "002-leaderboard-1.png"]
    assert str(out / "001-myquota-1.png") in result.output


def test_chat_ends_at_the_end_of_input(database: str, tmp_path: Path) -> None:
    result = run(
        database, "chat", "--as", "mona.manager@example.com", "--no-charts",
        "--out", str(tmp_path), given="/team\n",
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert "Your team" in result.output


def test_chat_as_someone_unknown(database: str) -> None:
    result = run(database, "chat", "--as", "ada.lovelase@example.com", given="quit\n")

    assert result.exit_code == 1
    assert "no one in the database has the email 'ada.lovelase@example.com'" in result.output
    assert "did you mean ada.lovelace@example.com?" in result.output


def test_preview_prints_what_would_be_posted(database: str, tmp_path: Path) -> None:
    result = run(
        database, "preview", "forecast", "2026-Q4", "public", "--as",
        "ada.lovelace@example.com", "--as-of", AS_OF, "--platform", "console",
        "--out", str(tmp_path),
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Your forecast · 2026-Q4\n")
    assert "Commit (closed + commit)        $50,000 (83% of quota)" in result.output
    assert "visible to: posted to the channel" in result.output


def test_preview_offers_the_registered_platforms(database: str) -> None:
    result = run(
        database, "preview", "help", "--as", "ada.lovelace@example.com", "--platform", "x"
    )

    assert result.exit_code == 2
    assert "'console'" in result.output
