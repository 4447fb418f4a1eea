"""The full integrity check runs after the first rows are painted, never skipped: a sound file
is shown at once; a damaged one is let go and reopened through the full check (here: damaged
indexes, rebuilt)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coetracker.app import (
    build_window,
    check_integrity_after_rows,
    claim_database,
    open_database_now,
)
from coetracker.paths import AppPaths
from coetracker.storage import recovery
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

ORIGINAL = "CREATE INDEX ix_applicant_family_name ON applicant (family_name)"
ELSEWHERE = "CREATE INDEX ix_applicant_family_name ON applicant (given_name)"


def _damage_an_index(path: Path) -> None:
    """Change the family names while SQLite believes the index covers another column."""
    for sql, work in ((ELSEWHERE, True), (ORIGINAL, False)):
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE name = 'ix_applicant_family_name'", (sql,)
        )
        conn.commit()
        conn.close()
        if work:
            conn = sqlite3.connect(path)
            conn.execute("UPDATE applicant SET family_name = family_name || 'X'")
            conn.commit()
            conn.close()


def _integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def _start(qtbot, paths: AppPaths, today: dt.date, errors: list[BaseException]) -> MainWindow:
    """The window as run_gui starts it: open with the check left for after the first rows."""
    assert paths.db_path is not None
    lock = claim_database(paths.db_path)
    window = build_window(paths, None, today=today)
    qtbot.addWidget(window)
    check_integrity_after_rows(window, paths, lock, errors.append)
    window.show()
    window.open_database_in_background(
        lambda: open_database_now(paths, lock, check_later=True), errors.append
    )
    return window


def _finish(window: MainWindow) -> None:
    window.close()
    window.worker.wait()
    if window.database is not None:
        window.database.close()


def test_the_check_runs_after_the_first_rows(
    qtbot, answers, filled: AppPaths, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    check = recovery.check_database_file

    def recorded(path: Path, **kwargs: float) -> recovery.Health:
        events.append("check")
        return check(path, **kwargs)

    monkeypatch.setattr(recovery, "check_database_file", recorded)
    errors: list[BaseException] = []
    window = _start(qtbot, filled, today, errors)
    try:
        with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
            pass
        events.append("rows")
        qtbot.waitUntil(lambda: "check" in events, timeout=10_000)
        assert events == ["rows", "check"]
        window.worker.wait()
        assert window.database is not None and window.model.rowCount() == 44
        assert not window.database.integrity_pending
        assert errors == []
    finally:
        _finish(window)


def test_damaged_indexes_found_after_the_rows_are_rebuilt_by_reopening(
    qtbot, answers, filled: AppPaths, today: dt.date
) -> None:
    assert filled.db_path is not None
    _damage_an_index(filled.db_path)
    assert _integrity(filled.db_path) != [("ok",)]
    errors: list[BaseException] = []
    window = _start(qtbot, filled, today, errors)
    try:
        with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
            pass  # shown from the damaged file (every row is readable)
        with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
            pass  # reopened after the full check rebuilt the indexes
        assert errors == []
        assert window.database is not None and window.model.rowCount() == 44
        assert _integrity(filled.db_path) == [("ok",)]
        assert list(filled.db_path.parent.glob("*.before-rebuild"))  # the file as it was
    finally:
        _finish(window)
