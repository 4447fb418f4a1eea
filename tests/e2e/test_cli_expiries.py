"""``coetracker due`` shows the renewals due; ``coetracker expiries`` lists residence cards per
client as a table, a CSV and a PDF — in-process, on a copy of the sample database."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.db import TODAY_ISO as TODAY


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, copy_demo: Callable[[Path], Path]) -> Path:
    return copy_demo(tmp_path_factory.mktemp("expiries") / "demo.sqlite3")


def test_due_shows_the_renewals_due(sample: Path) -> None:
    result = run_cli("--db", str(sample), "--today", TODAY, "due", "--format", "json")
    assert result.returncode == 0, result.stderr
    renewals = [r for r in json.loads(result.stdout) if r["level"] == "RENEWAL_DUE"]
    assert [r["deadline"] for r in renewals] == ["2026-12-22", "2027-01-31"]
    assert all(r["action"] == "Start the renewal case" for r in renewals)
    assert all(r["card_expiry"] == r["deadline"] for r in renewals)


def test_expiries_table_csv_and_pdf_for_one_client(sample: Path, tmp_path: Path) -> None:
    table = run_cli("--db", str(sample), "--today", TODAY, "expiries")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert len(lines) == 2 + 4  # header, rule, four people
    assert "••••••••••" in table.stdout  # card numbers masked

    out_csv = tmp_path / "kobe.csv"
    out_pdf = tmp_path / "kobe.pdf"
    result = run_cli(
        "--db", str(sample), "--today", TODAY, "expiries",
        "--client", "神戸マリンテック", "--csv", str(out_csv), "--pdf", str(out_pdf),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = out_csv.read_bytes().decode("utf-8-sig").splitlines()
    assert rows[0].startswith("在留期限,残日数,所属機関")
    assert [row.split(",")[0] for row in rows[1:]] == ["2026-10-08", "2027-01-31"]
    assert all("株式会社神戸マリンテック" in row for row in rows[1:])
    assert out_pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out_pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "THAPA BIKASH" in text


def test_unknown_client_is_one_sentence(sample: Path) -> None:
    result = run_cli("--db", str(sample), "--today", TODAY, "expiries", "--client", "存在しない")
    assert result.returncode == 1
    assert result.stderr.startswith("coetracker: ") and "Traceback" not in result.stderr
