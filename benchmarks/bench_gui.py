"""Prints how the main window behaves with 10,000 and 100,000 cases, next to a bare PySide6
window with a QTableView over the same rows, measured in the same run (DESIGN.md §11).

For each size a synthetic database is written in bulk (``benchmarks.synthetic``, Core
executemany), then each window runs in its own child process so that start-up includes the
interpreter and imports and peak memory (``ru_maxrss``) belongs to that window alone:

* start-up: from launching the process to a shown, painted window whose event loop runs (the
  case list is still loading in the background for COE Tracker; the bare window already shows
  its rows, which it reads on the GUI thread);
* load: launch until the case list is shown (COE Tracker: read, assessed, in the table);
* sort: a header click (by client name) until the view has re-laid out its rows;
* filter: one search keystroke's re-filter (from the debounce timer firing to the view updated;
  the 150 ms debounce itself is not counted), narrowing then widening again;
* scroll: jump to the end of the list and repaint;
* peak memory of the process.

The bare window keeps its rows as tuples in a QAbstractTableModel and sorts and filters with a
stock QSortFilterProxyModel (``setFilterFixedString`` on a column), the textbook approach.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--cases 10000 100000]``.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 11, 27)


# -- child processes ---------------------------------------------------------------------------


def _peak_mib() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def first_turn(figures: dict[str, float]) -> None:
    """Run the event loop until its first turn: the window is shown and responds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()

    def interactive() -> None:
        figures["interactive"] = time.perf_counter()
        loop.quit()

    QTimer.singleShot(0, interactive)
    loop.exec()  # not app.quit(): in Qt 6 that closes every window


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def child_app(db_path: str, data_dir: str) -> dict[str, float]:
    """COE Tracker's window, started the way ``coetracker`` starts it (``app.run_gui``)."""
    from PySide6.QtCore import Qt

    from coetracker.app import build_window, claim_database, make_application, open_database_now
    from coetracker.paths import resolve_paths

    app = make_application()
    paths = resolve_paths(data_dir=data_dir, db=db_path, environ={})
    lock = claim_database(Path(db_path))
    window = build_window(paths, None, today=TODAY)
    window.chrome.today_action.setChecked(False)

    def failed(problem: BaseException) -> None:
        raise problem

    window.open_database_in_background(lambda: open_database_now(paths, lock), failed)
    figures: dict[str, float] = {}
    loaded: list[float] = []
    window.rowsLoaded.connect(lambda _n: loaded.append(time.perf_counter()))
    window.resize(1400, 900)
    window.show()
    window.repaint()

    first_turn(figures)
    while not loaded:
        app.processEvents()
        time.sleep(0.001)
    window.table.viewport().repaint()
    figures["loaded"] = time.perf_counter()
    figures["rows"] = window.model.rowCount()

    start = time.perf_counter()
    window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # client
    _settle(app)
    window.table.viewport().repaint()
    figures["sort"] = time.perf_counter() - start

    window.search.setText("nguyen1")
    start = time.perf_counter()
    window.chrome.search_timer.timeout.emit()
    window.table.viewport().repaint()
    figures["filter"] = time.perf_counter() - start
    figures["filtered_rows"] = window.proxy.rowCount()
    window.search.setText("")
    start = time.perf_counter()
    window.chrome.search_timer.timeout.emit()
    window.table.viewport().repaint()
    figures["unfilter"] = time.perf_counter() - start

    start = time.perf_counter()
    window.table.scrollToBottom()
    window.table.viewport().repaint()
    figures["scroll"] = time.perf_counter() - start
    figures["peak_mib"] = _peak_mib()
    window.close()
    if window.database is not None:
        window.database.close()
    return figures


def child_bare(db_path: str) -> dict[str, float]:
    """A bare QTableView over the same cases: 12 columns read with sqlite3 into tuples."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QHeaderView, QMainWindow, QTableView

    class Model(QAbstractTableModel):
        def __init__(self, rows: list[tuple[object, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else 12

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                value = self.rows[index.row()][index.column()]
                return "" if value is None else str(value)
            return None

    _app = QApplication([sys.argv[0]])  # kept alive for the whole measurement
    connection = sqlite3.connect(db_path)
    rows = connection.execute(
        """SELECT c.reference, o.name, a.family_name || ' ' || COALESCE(a.given_name, ''),
                  a.name_kana, s.name_ja, b.short_name_ja, c.filing_date, c.application_number,
                  c.stage, c.planned_entry_date, c.coe_issued_date, c.assignee
           FROM "case" c JOIN organization o ON o.id = c.organization_id
           JOIN applicant a ON a.id = c.applicant_id
           LEFT JOIN residence_status s ON s.id = c.residence_status_id
           LEFT JOIN bureau b ON b.id = c.bureau_id"""
    ).fetchall()
    connection.close()
    model = Model(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(2)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setSortingEnabled(False)
    window = QMainWindow()
    window.setCentralWidget(view)
    window.resize(1400, 900)
    window.show()
    window.repaint()
    figures: dict[str, float] = {"rows": len(rows)}

    first_turn(figures)
    figures["loaded"] = figures["interactive"]

    start = time.perf_counter()
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    view.viewport().repaint()
    figures["sort"] = time.perf_counter() - start
    start = time.perf_counter()
    proxy.setFilterFixedString("nguyen1")
    view.viewport().repaint()
    figures["filter"] = time.perf_counter() - start
    figures["filtered_rows"] = proxy.rowCount()
    start = time.perf_counter()
    proxy.setFilterFixedString("")
    view.viewport().repaint()
    figures["unfilter"] = time.perf_counter() - start
    start = time.perf_counter()
    view.scrollToBottom()
    view.viewport().repaint()
    figures["scroll"] = time.perf_counter() - start
    figures["peak_mib"] = _peak_mib()
    return figures


# -- parent -----------------------------------------------------------------------------------


def _run_child(kind: str, db_path: Path, data_dir: Path) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--db",
        str(db_path),
        "--data",
        str(data_dir),
    ]
    launched = time.perf_counter()
    # perf_counter is system-wide monotonic on Linux and macOS, so the child's timestamps
    # compare with the parent's launch time.
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    figures["startup"] = figures.pop("interactive") - launched
    figures["load"] = figures.pop("loaded") - launched
    return figures


def _print_row(name: str, f: dict[str, float]) -> None:
    print(
        f"  {name:<13} start-up {f['startup']:6.2f} s   load {f['load']:6.2f} s   "
        f"sort {f['sort'] * 1000:7.0f} ms   filter {f['filter'] * 1000:6.0f} ms "
        f"({int(f['filtered_rows']):,} rows)   clear {f['unfilter'] * 1000:6.0f} ms   "
        f"scroll {f['scroll'] * 1000:4.0f} ms   peak {f['peak_mib']:5.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--child", choices=("app", "bare"))
    parser.add_argument("--db")
    parser.add_argument("--data")
    args = parser.parse_args()
    if args.child == "app":
        print(json.dumps(child_app(args.db, args.data)))
        return
    if args.child == "bare":
        print(json.dumps(child_bare(args.db)))
        return

    from benchmarks.synthetic import build_database

    for count in args.cases:
        with tempfile.TemporaryDirectory() as folder:
            db_path = Path(folder) / "bench.sqlite3"
            started = time.perf_counter()
            build_database(db_path, count, today=TODAY).dispose()
            built = time.perf_counter() - started
            print(f"{count:,} cases (database written in {built:.1f} s):")
            bare = _run_child("bare", db_path, Path(folder) / "bare")
            ours = _run_child("app", db_path, Path(folder) / "data")
            _print_row("bare PySide6", bare)
            _print_row("COE Tracker", ours)
            print(
                f"  ratio         start-up {ours['startup'] / bare['startup']:.2f}×   "
                f"memory {ours['peak_mib'] / bare['peak_mib']:.2f}×"
            )


if __name__ == "__main__":
    main()
