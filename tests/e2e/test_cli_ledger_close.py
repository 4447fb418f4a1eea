"""``coetracker ledger close-year YEAR``: the window's rules on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coetracker.services import ledger
from coetracker.services.demo import fill_demo
from coetracker.storage.engine import open_database
from tests.helpers.cli import CliResult, run_cli


def run_on(db: Path, *args: str) -> CliResult:
    """``coetracker --db DB ARGS`` in this process."""
    return run_cli("--db", db, *args)


def test_close_year_refuses_early_closes_once_and_says_until_when(tmp_path: Path) -> None:
    path = tmp_path / "books.sqlite3"
    database, _report = open_database(f"sqlite:///{path}")
    try:
        fill_demo(database, today=dt.date(2026, 12, 4))
    finally:
        database.dispose()

    early = run_on(path, "--today", "2026-12-04", "ledger", "close-year", "2026")
    assert early.returncode == 1
    assert early.stderr.strip() == (
        "coetracker: The 2026 ledger can be closed only after 2026-12-31."
    )

    done = run_on(path, "--today", "2027-01-20", "ledger", "close-year", "2026")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "Closed the 2026 ledger on 2027-01-20: its entries are read-only and its cases must "
        "be kept until 2029-01-20."
    )
    database, _report = open_database(f"sqlite:///{path}")
    try:
        with database.read_session() as session:
            closing = ledger.closing_of(session, 2026)
            assert closing is not None
            assert (closing.closed_on, closing.keep_until, closing.closed_by) == (
                dt.date(2027, 1, 20),
                dt.date(2029, 1, 20),
                "cli",
            )
    finally:
        database.dispose()

    again = run_on(path, "--today", "2027-02-01", "ledger", "close-year", "2026")
    assert again.returncode == 1
    assert "was closed on 2027-01-20" in again.stderr

    dated = run_on(path, "ledger", "close-year", "2027", "--date", "2028-01-05")
    assert dated.returncode == 0, dated.stderr
    assert "kept until 2030-01-05" in dated.stdout


def test_ledger_without_year_or_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run_on(tmp_path / "x.sqlite3", "ledger", "--year", "2026")
    assert result.returncode == 2
    assert "--pdf, --csv or --xlsx" in result.stderr
