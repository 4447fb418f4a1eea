"""Start-up in two phases: a usual database's cases painted first, read the fast way, with
nothing editable; then the full opening, after which everything works as before. Anything
unusual about the file skips the first phase and meets today's checks and dialogs.

The first phase needs the case list over a plain connection; these tests give the window a
stand-in reader (the services' case list on the same file) so that the window's behaviour is
tested whatever reader this version has. The subprocess test at the end uses the real one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from coetracker.app import build_window, claim_database, show_and_open
from coetracker.domain.messages import message
from coetracker.domain.model import Level
from coetracker.paths import AppPaths, resolve_paths
from coetracker.services import opening, quick_open
from coetracker.services.caselist import list_cases
from coetracker.services.records import CaseRow
from coetracker.storage.engine import open_database
from coetracker.ui.common.collector import GuiCollector
from coetracker.ui.window.main_window import MainWindow
from tests.unit.test_safe_start import downgrade

pytestmark = pytest.mark.gui


def _stand_in(paths: AppPaths, calls: list[str]) -> Callable[..., list[CaseRow]]:
    def read(connection: sqlite3.Connection, *, today: dt.date, **_kw: Any) -> list[CaseRow]:
        calls.append("read")
        assert connection.execute("PRAGMA query_only").fetchone() == (1,)
        database, _report = open_database(paths.db_url, read_only=True, migrate_schema=False)
        try:
            return list_cases(database, today=today)
        finally:
            database.dispose()

    return read


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, filled: AppPaths) -> list[str]:
    """The first phase's reads (the stand-in reader is installed for every path)."""
    calls: list[str] = []
    reader = _stand_in(filled, calls)
    monkeypatch.setattr(quick_open, "plain_case_reader", lambda: reader)
    return calls


@pytest.fixture
def started(qtbot, answers, today: dt.date) -> Iterator[Callable[..., tuple[MainWindow, bool]]]:
    windows: list[MainWindow] = []
    errors: list[BaseException] = []

    def start(
        paths: AppPaths, after_paint: Callable[[], None] | None = None
    ) -> tuple[MainWindow, bool]:
        assert paths.db_path is not None
        lock = claim_database(paths.db_path)
        window = build_window(paths, None, today=today)
        qtbot.addWidget(window)
        windows.append(window)
        collector = GuiCollector(window)
        collector.take_over()
        fast = show_and_open(window, paths, lock, errors.append, collector, after_paint)
        return window, fast

    start.errors = errors  # type: ignore[attr-defined]
    yield start
    for window in windows:
        window.close()
        window.worker.wait()
        if window.database is not None:
            window.database.close()


def test_the_first_rows_show_before_the_database_opens_and_nothing_can_be_edited(
    qtbot, started, filled: AppPaths, reads: list[str]
) -> None:
    window, fast = started(filled)
    assert fast and reads == ["read"]
    # Phase 1: the rows are there, the database is not.
    assert window.database is None and window.context is None
    assert window.model.rowCount() == 44 and window.pages.currentIndex() == 0
    assert "editing is possible in a moment" in window.chrome.busy_label.text()
    chrome = window.chrome
    for action in (
        chrome.new_case_action,
        chrome.settings_action,
        chrome.sample_action,
        chrome.edit_case_action,
        chrome.log_inquiry_action,
        chrome.add_request_action,
        chrome.archive_action,
        chrome.refresh_action,
        *window.file_actions.values(),
    ):
        assert not action.isEnabled(), action.text()
    assert not window.today_view.add_figures.isEnabled()
    window.table.selectRow(0)
    assert window.details.detail is None  # the placeholder: no case opened from the first read
    assert window.commands.edit_case() is None and window.active_editor is None
    assert window.commands.new_case() is None
    first = list(window.model.rows_by_urgency())
    # Phase 2, once the rows are painted: the full opening, the same rows, editing enabled.
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    assert window.database is not None
    assert list(window.model.rows_by_urgency()) == first
    assert chrome.new_case_action.isEnabled() and chrome.settings_action.isEnabled()
    assert chrome.refresh_action.isEnabled() and window.today_view.add_figures.isEnabled()
    qtbot.waitUntil(lambda: window.details.detail is not None, timeout=5_000)  # the selected case
    assert chrome.edit_case_action.isEnabled()
    qtbot.waitUntil(
        lambda: {"import", "export", "print", "backup"} <= set(window.file_actions), timeout=5_000
    )
    qtbot.waitUntil(lambda: not window.database.integrity_pending, timeout=5_000)
    assert window.chrome.busy_label.text() == ""
    assert started.errors == []


def test_what_can_wait_waits_for_the_first_rows_on_screen(qtbot, started, filled: AppPaths) -> None:
    """The window icon (Qt's SVG support) and the like come after the first rows are painted,
    never before."""
    painted: list[bool] = []

    def later() -> None:
        painted.append(window.table.isVisible() and window.model.rowCount() == 44)

    window, fast = started(filled, later)
    assert fast and painted == []  # nothing yet: the rows are not on screen
    qtbot.waitUntil(lambda: bool(painted), timeout=5_000)
    assert painted == [True]


def test_rows_changed_meanwhile_are_replaced_by_the_open_database(
    qtbot, started, filled: AppPaths, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = quick_open.plain_case_reader()
    assert real is not None and filled.db_path is not None
    db_path = filled.db_path
    archived = 0

    def read_then_someone_archives(*args: Any, **kwargs: Any) -> list[CaseRow]:
        nonlocal archived
        rows = real(*args, **kwargs)
        archived = next(row.id for row in rows if row.assessment.level != Level.CLOSED)
        # Another program commits after the first read, before the full opening.
        with sqlite3.connect(db_path) as other:
            other.execute('UPDATE "case" SET archived = 1 WHERE id = ?', (archived,))
        other.close()
        return rows

    monkeypatch.setattr(quick_open, "plain_case_reader", lambda: read_then_someone_archives)
    window, fast = started(filled)
    assert fast and window.model.rowCount() == 44
    assert window.model.case(archived).assessment.level != Level.CLOSED
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    assert window.model.rowCount() == 44
    assert window.model.case(archived).assessment.level == Level.CLOSED


def _foreign(paths: AppPaths) -> AppPaths:
    assert paths.db_path is not None
    other = paths.data_dir / "someone-elses.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    return resolve_paths(data_dir=paths.data_dir, db=str(other), environ={})


def _old_revision(paths: AppPaths) -> AppPaths:
    assert paths.db_path is not None
    downgrade(paths.db_path, "0008_offices_agents")
    return paths


def _damaged(paths: AppPaths) -> AppPaths:
    assert paths.db_path is not None
    paths.db_path.write_bytes(b"SQLite format 3\x00" + bytes(84) + b"damaged " * 600)
    return paths


def _read_only(paths: AppPaths) -> AppPaths:
    """Marked by the test: the location is found read-only (as for a read-only folder)."""
    return paths


@pytest.mark.parametrize(
    ("case", "expect"),
    [
        (_foreign, "error"),
        (_old_revision, "rows"),
        (_damaged, "error"),
        (_read_only, "rows"),
    ],
    ids=["foreign file", "old revision, migrated", "damaged", "read-only location"],
)
def test_an_unusual_file_skips_the_first_phase_and_meets_todays_checks(
    qtbot,
    started,
    filled: AppPaths,
    reads: list[str],
    answers,
    case,
    expect: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if case is _read_only:  # as detect_read_only says of a read-only folder, even for root
        reason = message("DataSafety", "The folder {folder} …", folder=filled.data_dir)
        monkeypatch.setattr(quick_open, "detect_read_only", lambda _path: reason)
        monkeypatch.setattr(opening, "detect_read_only", lambda _path: reason)
    paths = case(filled)
    window, fast = started(paths)
    assert not fast and reads == []
    assert window.model.rowCount() == 0
    if expect == "rows":
        with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
            pass
        assert window.database is not None and window.model.rowCount() == 44
        if case is _read_only:
            assert window.database.read_only_reason is not None
        return
    qtbot.waitUntil(lambda: bool(started.errors), timeout=20_000)
    assert window.database is None


def test_a_second_instance_is_refused_before_any_read(
    filled: AppPaths, answers, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from coetracker import app as app_module
    from tests.gui.test_app import HOLD_LOCK

    assert filled.db_path is not None
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(filled.db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        monkeypatch.setattr(app_module, "_install_optional", lambda *_a: None)
        args = argparse.Namespace(today=None, no_crash_dialog=True, db=None, data_dir=None)
        assert app_module.run_gui(args, filled) == 1
    finally:
        process.kill()
        process.wait()
    assert str(process.pid) in answers.questions[-1]
    assert reads == []


_RUN = """
import sys
from coetracker.ui.common import startup_probe

shown = startup_probe._ShownProbe._report

def report(self):
    heavy = ("sqlalchemy", "alembic", "openpyxl", "coetracker.printing",
             "coetracker.storage.models", "coetracker.ui.features.csv_actions",
             "coetracker.services.records", "coetracker.ui.common.app_icon",
             "logging.handlers", "importlib.resources")
    loaded = sorted(n for n in heavy if n in sys.modules)
    print("LOADED", loaded, flush=True)
    shown(self)

startup_probe._ShownProbe._report = report
from coetracker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_first_rows_are_painted_before_sqlalchemy_is_imported(
    filled: AppPaths, today: dt.date
) -> None:
    env = dict(
        os.environ,
        COETRACKER_DATA_DIR=str(filled.data_dir),
        COETRACKER_STARTUP_PROBE="rows",
        QT_QPA_PLATFORM="offscreen",
        COETRACKER_TODAY=today.isoformat(),
    )
    result = subprocess.run(
        [sys.executable, "-c", _RUN, "--no-crash-dialog"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "COETRACKER_WINDOW_SHOWN" in result.stdout
    assert "LOADED []" in result.stdout, result.stdout
