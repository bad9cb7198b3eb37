"""`quotabot report`: the PDF opened and read, the CSV's rows, the JSON, and bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader
from sqlmodel import Session

from core.storage import open_database
from quotabot.cli import main
from quotabot.cli_report import CSV_COLUMNS
from tests.report_company import build_report_company

AFTER_Q4 = ("--period", "2026-Q4", "--as-of", "2027-01-05")


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'quotabot.db'}"
    engine = open_database(url)
    with Session(engine) as session:
        build_report_company(session)
    engine.dispose()
    return url


def run(database: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", database, "report", *args])


def page_texts(path: Path) -> list[str]:
    # pypdf keeps the PDF's own spaces; a no-break space is a space to the reader.
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(path).pages]


def test_the_pdf_has_its_five_pages_with_the_figures(database: str, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"

    result = run(database, *AFTER_Q4, "--out", str(pdf))

    assert result.exit_code == 0, result.output
    assert result.output == f"Report of Company for 2026-Q4: 5 pages in {pdf}\n"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert PdfReader(pdf).metadata.title == "Report · Everyone · 2026-Q4"
    cover, attainment, successes, failures, trend = page_texts(pdf)
    for text in ("Performance report", "Everyone · 2026-Q4", "$90,000", "75%", "$120,000"):
        assert text in cover
    assert "$65,000 in 2026-Q3 (+$25,000)" in cover
    assert "1 of 3 people hit target" in cover
    for text in ("Attainment by rep", "Ada Lovelace", "110%", "By team", "North", "83%"):
        assert text in attainment
    for text in ("Hit target", "Acme platform", "$30,000", "+70 pts", "Carl Weber: 67%"):
        assert text in successes
    for text in ("Missed target", "$20,000", "Soylent expansion", "Nov 30, 2026", "Proposal"):
        assert text in failures
    assert "stage not recorded" in failures
    assert "Forecast against actual" in failures
    assert "Trend against 2026-Q3" in trend
    assert "+$25,000" in trend
    assert "Page 5 of 5" in trend


def test_the_csv_has_one_row_per_rep(database: str, tmp_path: Path) -> None:
    path = tmp_path / "north.csv"

    result = run(database, *AFTER_Q4, "--team", "North", "--csv", str(path))

    assert result.exit_code == 0, result.output
    assert result.output == f"2 rep(s) in 2026-Q4 written to {path}\n"
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1:] == [
        [
            "Ada Lovelace", "ada.lovelace@example.com", "North", "55000.00", "50000.00",
            "1.1000", "yes", "", "2", "1", "0.6667", "27500.00", "7000.00", "20000.00",
            "0.4000", "0.7000",
        ],
        [
            "Bea Rossi", "bea.rossi@example.com", "North", "20000.00", "40000.00", "0.5000",
            "no", "20000.00", "1", "2", "0.3333", "20000.00", "0.00", "30000.00", "0.7500",
            "-0.2500",
        ],
    ]  # fmt: skip


def test_json_has_the_whole_report(database: str) -> None:
    result = run(database, *AFTER_Q4, "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["period"]["label"] == "2026-Q4"
    assert data["previous_period"]["label"] == "2026-Q3"
    assert data["finished"] is True
    assert data["total"]["won_revenue"] == "90000.00"
    assert data["trend"]["won_change"] == "25000.00"
    assert data["hit_target"] == ["Ada Lovelace"]
    assert data["missed"] == [
        {"name": "Bea Rossi", "shortfall": "20000.00"},
        {"name": "Carl Weber", "shortfall": "15000.00"},
    ]
    assert data["best_win_rate"] == ["Ada Lovelace", "Carl Weber"]
    assert [deal["stage"] for deal in data["lost"]] == [None, "Proposal", "Negotiation", None]
    assert [deal["name"] for deal in data["slipped"]] == ["Soylent expansion", "Cyberdyne pilot"]
    assert data["forecast"]["commit_total"] == "97000.00"
    assert data["reps"][0]["attainment_change"] == 0.7


def test_without_a_file_it_prints_the_report(database: str) -> None:
    result = run(database, *AFTER_Q4, "--team", "South")

    assert result.exit_code == 0, result.output
    assert "Report · South · 2026-Q4" in result.output
    assert "$15,000 won of $30,000 (50%)" in result.output
    assert "Carl Weber: $15,000 short (50%)" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--team", "Nord"), "unknown team 'Nord'; did you mean 'North'?"),
        (("--period", "2026-Q5"), "unknown period '2026-Q5'"),
        (("--as-of", "yesterday-ish"), "'yesterday-ish' is not a date or instant"),
    ],
)
def test_bad_input_is_named_and_writes_nothing(
    database: str, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    pdf = tmp_path / "report.pdf"

    result = run(database, *args, "--out", str(pdf))

    assert result.exit_code != 0
    assert says in result.output
    assert not pdf.exists()


def test_an_italian_company_reads_an_italian_pdf(database: str, tmp_path: Path) -> None:
    config, pdf = tmp_path / "quotabot.toml", tmp_path / "relazione.pdf"
    config.write_text('locale = "it"\ncurrency = "EUR"\n', encoding="utf-8")

    result = CliRunner().invoke(
        main, ["--database", database, "--config", str(config), "report", *AFTER_Q4,
               "--out", str(pdf)],
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    cover, _, successes, failures, trend = page_texts(pdf)
    assert "Relazione sui risultati" in cover
    assert "90.000 €" in cover
    assert "Quota raggiunta" in successes
    assert "fase non registrata" in failures
    assert "Andamento rispetto a 2026-Q3" in trend
