"""How long the window's event loop stalls during an import, an export and a backup.

A 10 ms ``QTimer`` runs on the GUI thread while each flow runs through the window's own code
(the import preview's Import button, File › Export, Back up now) with its dialogs answered in
code; the longest gap between two ticks is how long the window could not repaint or react. The
work itself runs in the background (:mod:`coetracker.ui.common.operations`), so the gap should
stay far below the work's duration; DESIGN.md wants every gap under 100 ms. Nothing is asserted:
this prints figures.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.bench_responsiveness
[--import-rows 5000] [--export-cases 100000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.synthetic import build_database

TODAY = dt.date(2026, 11, 27)


class GapMeter:
    """Records the longest time between two ticks of a 10 ms timer on the GUI thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1

    def measure(self, action: Callable[[], Any]) -> tuple[float, float, int]:
        """Run ``action`` (which returns once its flow is over): seconds, longest gap, ticks."""
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
        self.longest, self.ticks = 0.0, 0
        self._last = time.perf_counter()
        self.timer.start()
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        self._tick()  # the gap up to the end counts too
        self.timer.stop()
        return elapsed, self.longest, self.ticks


def _report(name: str, figures: tuple[float, float, int]) -> None:
    elapsed, longest, ticks = figures
    verdict = "ok" if longest < 0.1 else "OVER 100 ms"
    print(
        f"{name}: {elapsed:.2f} s of work; longest stall of the event loop {longest * 1000:.0f} ms"
        f" ({verdict}); {ticks} timer ticks"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--import-rows", type=int, default=5_000)
    parser.add_argument("--export-cases", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

    from coetracker.paths import resolve_paths
    from coetracker.services.csv_export import export_cases
    from coetracker.storage.engine import open_database
    from coetracker.ui.common import message_boxes as dialogs
    from coetracker.ui.dialogs.export_dialog import ExportDialog, run_export
    from coetracker.ui.dialogs.import_dialog import ImportPreviewDialog
    from coetracker.ui.features.backup_actions import BackupController

    app = QApplication.instance() or QApplication([])
    dialogs.inform = lambda *_args, **_kw: None
    folder = Path(tempfile.mkdtemp(prefix="coetracker-bench-responsive-"))
    meter = GapMeter()
    try:
        # Import: a CSV of new cases written by the preview's Import button.
        source = build_database(folder / "source.sqlite3", args.import_rows, today=TODAY)
        sheet = folder / "cases.csv"
        export_cases(source, sheet, today=TODAY)
        source.dispose()
        target, _opened = open_database(f"sqlite:///{folder / 'target.sqlite3'}")
        preview = ImportPreviewDialog(
            None, db=target, data=sheet.read_bytes(), file_name=sheet.name, actor="bench"
        )
        assert preview.plan is not None and preview.plan.ok
        _report(f"import of {len(preview.plan.rows):,} rows", meter.measure(preview.import_now))
        target.dispose()

        # Export: File › Export of every case to CSV.
        paths = resolve_paths(data_dir=folder / "data", environ={})
        assert paths.db_path is not None
        paths.db_path.parent.mkdir(parents=True, exist_ok=True)
        big = build_database(paths.db_path, args.export_cases, today=TODAY)

        def choose(self: ExportDialog) -> int:
            self.all_radio.setChecked(True)
            self.format_combo.setCurrentIndex(self.format_combo.findData("csv"))
            return int(QDialog.DialogCode.Accepted)

        ExportDialog.exec = choose  # type: ignore[method-assign,assignment]
        written = folder / "export.csv"
        QFileDialog.getSaveFileName = lambda *_a, **_k: (str(written), "")  # type: ignore[method-assign]
        _report(
            f"export of {args.export_cases:,} cases",
            meter.measure(lambda: run_export(None, big, [], TODAY, folder)),
        )

        # Back up now, on the same database.
        controller = BackupController(paths, big)
        loop = QEventLoop()
        controller.backupMade.connect(lambda _path: loop.quit())
        controller.backupFailed.connect(lambda _text: loop.quit())

        def back_up() -> None:
            controller.backup_now(None)
            loop.exec()

        size = paths.db_path.stat().st_size / 1e6
        _report(f"backup of {args.export_cases:,} cases ({size:.0f} MB)", meter.measure(back_up))
        controller.stop()
        big.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        del app


if __name__ == "__main__":
    main()
