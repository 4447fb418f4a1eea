"""``coetracker export FILE.xlsx`` and ``import FILE.xlsx`` as a user runs them, and the export
as LibreOffice (standing in for Excel) reads it."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers.cli import cases_in, run_cli
from tests.helpers.db import TODAY_ISO as TODAY


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, copy_demo: Callable[[Path], Path]) -> Path:
    return copy_demo(tmp_path_factory.mktemp("xlsx-demo") / "demo.sqlite3")


@pytest.fixture(scope="module")
def workbook(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx-out") / "cases.xlsx"
    result = run_cli("--db", str(demo), "--today", TODAY, "export", str(out), "--all")
    assert result.returncode == 0, result.stderr
    assert "Wrote 44 cases" in result.stdout
    return out


def _without_ids(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        ({k: v for k, v in case.items() if k != "id"} for case in cases),
        key=lambda case: str(case["reference"]),
    )


def test_demo_through_a_workbook_into_an_empty_database_lists_the_same(
    demo: Path, workbook: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    result = run_cli("--db", str(fresh), "--today", TODAY, "import", str(workbook))
    assert result.returncode == 0, result.stderr
    assert "44 cases added" in result.stdout
    before, after = _without_ids(cases_in(demo)), _without_ids(cases_in(fresh))
    assert [c["reference"] for c in after] == [c["reference"] for c in before]
    assert sum(c["archived"] for c in before) >= 1  # archived cases come back archived
    # The case-list sheet has no column for how a certificate was delivered (paper / e-mail)
    # or for the applicant's receipt registration (受領登録), so the issued cases' action and
    # receipt reason are the one thing a round trip cannot keep.
    for case in before + after:
        if case["stage"] in ("issued", "sent", "visa_applied"):
            case.pop("action")
            case["reasons"] = [r for r in case["reasons"] if r["rule"] != "receipt_registration"]
    assert after == before


def test_workbook_cells_are_typed(workbook: Path) -> None:
    sheet = load_workbook(workbook).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["受託番号", "所属機関", "申請人(姓)"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    assert not [c for c in cells if isinstance(c.value, str) and c.value.startswith("'")]
    filing = header.index("申請日")
    assert all(row[filing].is_date for row in sheet.iter_rows(min_row=2) if row[filing].value)
    elapsed = header.index("経過日数")
    assert any(isinstance(row[elapsed].value, int) for row in sheet.iter_rows(min_row=2))


def test_import_names_a_missing_sheet(workbook: Path, tmp_path: Path) -> None:
    result = run_cli(
        "--db", str(tmp_path / "x.sqlite3"), "import", str(workbook), "--sheet", "無い"
    )
    assert result.returncode == 1
    assert "無い" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_sees_no_apostrophe_and_no_formula(workbook: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(tmp_path),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "cases.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    ours = load_workbook(workbook).worksheets[0]
    expected = [["" if c is None else c for c in row] for row in ours.iter_rows(values_only=True)]
    assert len(rows) == len(expected) == 45
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith("'")]
    # Text cells come back exactly (no formula was computed, no zero dropped).
    text_columns = [
        i for i in range(len(expected[0])) if all(isinstance(row[i], str) for row in expected)
    ]
    assert len(text_columns) >= 15
    for got, want in zip(rows[1:], expected[1:], strict=True):
        assert [got[i] for i in text_columns] == [want[i] for i in text_columns]


def test_values_follow_the_headers_language_not_the_interface(demo: Path, tmp_path: Path) -> None:
    def readiness(headers: str, lang: str) -> set[str]:
        out = tmp_path / f"{headers}-{lang}.csv"
        result = run_cli(
            "--lang", lang, "--db", str(demo), "--today", TODAY, "export", str(out),
            "--all", "--headers", headers,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
        column = rows[0].index("状況" if headers == "ja" else "readiness")
        return {row[column] for row in rows[1:]}

    japanese = readiness("ja", "en")
    assert "結果待ち" in japanese and "Waiting" not in japanese
    assert readiness("ja", "ja") == japanese
    english = readiness("en", "ja")
    assert "Waiting" in english and "結果待ち" not in english
