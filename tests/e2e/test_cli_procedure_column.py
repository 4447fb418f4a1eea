"""`list` and the printed case list show the procedure; JSON keeps the upper-case level names."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from coetracker.printing.html import case_list
from coetracker.services.caselist import list_cases
from coetracker.services.demo import fill_demo
from coetracker.services.settings import OfficeDetails
from coetracker.storage.engine import open_database
from tests.helpers.cli import CliResult, run_cli

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    try:
        fill_demo(database, today=TODAY)
    finally:
        database.dispose()
    return path


def run_on(db: Path, *args: str) -> CliResult:
    """``coetracker --db DB --today TODAY ARGS`` in this process; it must succeed."""
    result = run_cli("--db", db, "--today", TODAY.isoformat(), *args)
    assert result.returncode == 0, result.stderr
    return result


def test_list_table_and_csv_show_the_procedure(demo_db: Path) -> None:
    cases = json.loads(run_on(demo_db, "list", "--format", "json").stdout)
    by_reference = {case["reference"]: case for case in cases}
    renewal = next(c for c in cases if c["procedure"] == "renewal")
    change = next(c for c in cases if c["procedure"] == "change")
    assert {c["procedure"] for c in cases} == {"coe", "renewal", "change"}

    table = run_on(demo_db, "--lang", "ja", "list").stdout.splitlines()
    assert "申請種別" in table[0]
    line = next(row for row in table if row.startswith(renewal["reference"] + " "))
    assert " 更新 " in line
    line = next(row for row in table if row.startswith(change["reference"] + " "))
    assert " 変更 " in line
    coe = next(r for r, c in by_reference.items() if c["procedure"] == "coe")
    assert " 認定 " in next(row for row in table if row.startswith(coe + " "))

    english = run_on(demo_db, "--lang", "en", "list").stdout.splitlines()
    assert "procedure" in english[0]
    assert " Extension " in next(r for r in english if r.startswith(renewal["reference"] + " "))

    rows = run_on(demo_db, "list", "--format", "csv").stdout.splitlines()
    header = rows[0].split(",")
    assert header[:5] == ["reference", "client", "applicant", "status", "procedure"]


def test_json_levels_are_the_upper_case_names(demo_db: Path) -> None:
    due = json.loads(run_on(demo_db, "due", "--format", "json").stdout)
    levels = {case["level"] for case in due}
    assert "RENEWAL_DUE" in levels
    assert all(level.isupper() for level in levels)


def test_printed_case_list_has_a_procedure_column(demo_db: Path) -> None:
    database, _report = open_database(f"sqlite:///{demo_db}")
    try:
        rows = list_cases(database, today=TODAY, include_closed=True)
    finally:
        database.dispose()
    document = case_list(rows, OfficeDetails(), printed_at=dt.datetime(2026, 12, 4, 9, 0))
    assert "<th" in document.html and "Procedure" in document.html
    for label in ("COE", "Extension", "Change"):
        assert f">{label}<" in document.html
