"""The window stays responsive during an import, an export and a backup.

Asserted by structure, not by the clock: each flow's slow service call is wrapped so that it
records the thread it runs on and then holds until a 10 ms timer on the GUI thread has ticked
several more times. Run on the GUI thread, the call would hold that thread and the timer could
never tick (the wrapper gives up and the test fails); run in the background, the event loop keeps
turning while it works. ``benchmarks/bench_responsiveness.py`` prints the longest gap between
ticks at full sizes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from sqlalchemy import func, select

from coetracker.paths import AppPaths
from coetracker.services import backups, csv_export, csv_import
from coetracker.services.opening import open_app_database
from coetracker.storage.backup import list_backups
from coetracker.storage.engine import Database
from coetracker.storage.models import Case
from coetracker.ui.dialogs import export_dialog, import_dialog
from coetracker.ui.dialogs.export_dialog import ExportDialog, run_export
from coetracker.ui.dialogs.import_dialog import ImportPreviewDialog
from coetracker.ui.features import backup_actions
from coetracker.ui.features.backup_actions import BackupController
from tests.gui.conftest import Answers

pytestmark = pytest.mark.gui

TICKS_WHILE_WORKING = 5


class Ticker:
    """A 10 ms timer on the GUI thread that counts its ticks."""

    def __init__(self) -> None:
        self.ticks = 0
        self._wanted = 0
        self._enough = threading.Event()
        self._lock = threading.Lock()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        with self._lock:
            self.ticks += 1
            if self._wanted and self.ticks >= self._wanted:
                self._enough.set()

    def wait_for_more(self, count: int) -> bool:
        """From a worker thread: True once the GUI thread has ticked ``count`` more times."""
        with self._lock:
            self._wanted = self.ticks + count
            self._enough.clear()
        return self._enough.wait(10)

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def ticker(qtbot) -> Iterator[Ticker]:
    made = Ticker()
    yield made
    made.stop()


@pytest.fixture
def db(filled: AppPaths) -> Iterator[Database]:
    database = open_app_database(filled).database
    yield database
    database.dispose()


class Probe:
    """Wraps a slow service call: where it ran, and whether the GUI ticked meanwhile."""

    def __init__(self, ticker: Ticker, real: Callable[..., Any]) -> None:
        self.ticker = ticker
        self.real = real
        self.threads: list[int] = []
        self.turned: list[bool] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.threads.append(threading.get_ident())
        self.turned.append(self.ticker.wait_for_more(TICKS_WHILE_WORKING))
        return self.real(*args, **kwargs)

    def check(self) -> None:
        assert self.threads, "the service was never called"
        assert threading.get_ident() not in self.threads  # never on the GUI thread
        assert all(self.turned)  # the event loop turned while it worked


def _case_count(db: Database) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_import_writes_in_the_background(
    qtbot, db: Database, ticker: Ticker, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f"株式会社速度,ROW{n},2025-11-03\n" for n in range(200))
    data = ("所属機関,申請人(姓),申請日\n" + rows).encode("utf-8")
    reading = Probe(ticker, csv_import.read_import)
    monkeypatch.setattr(import_dialog, "read_import", reading)
    dialog = ImportPreviewDialog(None, db=db, data=data, file_name="speed.csv", actor="tester")
    qtbot.addWidget(dialog)
    reading.check()
    writing = Probe(ticker, csv_import.apply_import)
    monkeypatch.setattr(import_dialog, "apply_import", writing)
    before = _case_count(db)
    assert dialog.import_now() is True
    writing.check()
    assert _case_count(db) == before + 200


def test_export_writes_in_the_background(
    qtbot,
    db: Database,
    ticker: Ticker,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    today: dt.date,
) -> None:
    def choose(self: ExportDialog) -> int:
        self.all_radio.setChecked(True)
        self.format_combo.setCurrentIndex(self.format_combo.findData("csv"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", choose)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "all.csv"), "")
    )
    probe = Probe(ticker, csv_export.export_cases)
    monkeypatch.setattr(export_dialog, "export_cases", probe)
    written = run_export(None, db, [], today, tmp_path)
    probe.check()
    assert written == tmp_path / "all.csv" and written.stat().st_size > 0


def test_backup_now_runs_in_the_background(
    qtbot, filled: AppPaths, db: Database, ticker: Ticker, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = Probe(ticker, backups.backup_now)
    monkeypatch.setattr(backup_actions, "backup_now", probe)
    controller = BackupController(filled, db)
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        with qtbot.waitSignal(controller.backupMade, timeout=20_000):
            assert controller.backup_now(parent) is not None
    finally:
        controller.stop()
    probe.check()
    assert list_backups(filled.backup_dir)
