"""Prints how the main window behaves with 10,000 and 100,000 cases, next to a bare PySide6
window with a QTableView over the same rows, measured in the same run (DESIGN.md §11).

For each size a synthetic database is written in bulk (``benchmarks.synthetic``, Core
executemany), then each window runs in its own child process so that start-up includes the
interpreter and imports and peak memory (``ru_maxrss``) belongs to that window alone:

* start-up: from launching the process to a shown, painted window whose event loop runs (the
  case list is still loading in the background for COE Tracker; the bare window already shows
  its rows, which it reads on the GUI thread);
* load: launch until the case list is shown (COE Tracker: read, assessed, in the table);
* sort (half a second after the load, the window idle): a header click (by client name) until
  the view has re-laid out its rows; "again" is the second click on that header (descending),
  then back to the default urgency order;
* filter: one search keystroke's re-filter (from the debounce timer firing to the view updated;
  the 150 ms debounce itself is not counted), the whole word at once, then clearing it; "typing"
  is the slowest of the keystrokes of typing ``nguyen12`` letter by letter, each narrowing the
  last;
* scroll: jump to the end of the list and repaint;
* peak memory of the process.

Each window runs ``--runs`` times (default 3) and every figure is the median; sort and filter
also print their CPU time (``time.process_time``, less disturbed by other work on the machine).
Then, in one more process, the memory the case list's model and filter proxy allocate over the
100,000 rows (``tracemalloc``: after loading, after a sort by client, after a search), the rows
themselves not counted.

The bare window keeps its rows as tuples in a QAbstractTableModel and sorts and filters with a
stock QSortFilterProxyModel (``setFilterFixedString`` on a column), the textbook approach.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--cases 10000 100000]
[--runs 3]``.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
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
    # A user's first click comes a moment after the rows appear: let the window finish what
    # follows the load (the first case's details, the counts) so that it is not timed as a sort.
    settled = time.perf_counter() + 0.5
    while time.perf_counter() < settled or window.worker.busy:
        app.processEvents()
        time.sleep(0.005)

    def sort(name: str, column: int, order: Qt.SortOrder) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        window.table.sortByColumn(column, order)
        _settle(app)
        window.table.viewport().repaint()
        figures[name] = time.perf_counter() - start
        figures[f"{name}_cpu"] = time.process_time() - cpu

    sort("sort", 3, Qt.SortOrder.AscendingOrder)  # client
    sort("sort_again", 3, Qt.SortOrder.DescendingOrder)
    sort("sort_urgency", 0, Qt.SortOrder.AscendingOrder)

    def search(name: str, text: str) -> None:
        window.search.setText(text)
        start, cpu = time.perf_counter(), time.process_time()
        window.chrome.search_timer.timeout.emit()
        window.table.viewport().repaint()
        figures[name] = max(figures.get(name, 0.0), time.perf_counter() - start)
        figures[f"{name}_cpu"] = max(figures.get(f"{name}_cpu", 0.0), time.process_time() - cpu)

    search("filter", "nguyen1")
    figures["filtered_rows"] = window.proxy.rowCount()
    search("unfilter", "")
    word = "nguyen12"
    for typed in range(1, len(word) + 1):
        search("typing", word[:typed])
    search("unfilter_typed", "")

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

    start, cpu = time.perf_counter(), time.process_time()
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    view.viewport().repaint()
    figures["sort"] = time.perf_counter() - start
    figures["sort_cpu"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    proxy.setFilterFixedString("nguyen1")
    view.viewport().repaint()
    figures["filter"] = time.perf_counter() - start
    figures["filter_cpu"] = time.process_time() - cpu
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


def child_model(db_path: str) -> dict[str, float]:
    """Memory allocated by the case list's model and proxy over every case (not the rows)."""
    import gc
    import sqlite3
    import tracemalloc

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from coetracker.services.caselist import read_case_list
    from coetracker.ui.models.case_filter_proxy import CaseFilterProxy
    from coetracker.ui.models.case_table_model import CaseTableModel

    _app = QApplication([sys.argv[0]])  # kept alive for the whole measurement
    connection = sqlite3.connect(db_path)
    rows = read_case_list(connection, today=TODAY)
    connection.close()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]

    def held() -> float:
        gc.collect()
        return (tracemalloc.get_traced_memory()[0] - base) / (1024 * 1024)

    model = CaseTableModel()
    model.set_rows(rows)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    figures = {"rows": float(len(rows)), "loaded": held()}
    model.sort(3, Qt.SortOrder.AscendingOrder)
    figures["sorted"] = held()
    proxy.set_search_text("nguyen1")
    figures["searched"] = held()
    figures["peak"] = (tracemalloc.get_traced_memory()[1] - base) / (1024 * 1024)
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
    if "interactive" in figures:
        figures["startup"] = figures.pop("interactive") - launched
        figures["load"] = figures.pop("loaded") - launched
    return figures


def _median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _ms(figures: dict[str, float], key: str) -> str:
    wall = f"{figures[key] * 1000:5.0f}"
    cpu = figures.get(f"{key}_cpu")
    return wall if cpu is None else f"{wall} (cpu {cpu * 1000:4.0f})"


def _print_row(name: str, f: dict[str, float]) -> None:
    print(
        f"  {name:<13} start-up {f['startup']:6.2f} s   load {f['load']:6.2f} s   "
        f"sort {_ms(f, 'sort')} ms   filter {_ms(f, 'filter')} ms "
        f"({int(f['filtered_rows']):,} rows)   clear {f['unfilter'] * 1000:5.0f} ms   "
        f"scroll {f['scroll'] * 1000:4.0f} ms   peak {f['peak_mib']:5.0f} MiB"
    )
    if "typing" in f:
        print(
            f"  {'':<13} sort again {_ms(f, 'sort_again')} ms   back to urgency "
            f"{_ms(f, 'sort_urgency')} ms   typing, slowest keystroke {_ms(f, 'typing')} ms   "
            f"clear {f['unfilter_typed'] * 1000:5.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=("app", "bare", "model"))
    parser.add_argument("--db")
    parser.add_argument("--data")
    args = parser.parse_args()
    if args.child == "app":
        print(json.dumps(child_app(args.db, args.data)))
        return
    if args.child == "bare":
        print(json.dumps(child_bare(args.db)))
        return
    if args.child == "model":
        print(json.dumps(child_model(args.db)))
        return

    from benchmarks.synthetic import build_database

    for count in args.cases:
        with tempfile.TemporaryDirectory() as folder:
            db_path = Path(folder) / "bench.sqlite3"
            started = time.perf_counter()
            build_database(db_path, count, today=TODAY).dispose()
            built = time.perf_counter() - started
            print(f"{count:,} cases (database written in {built:.1f} s; median of {args.runs}):")
            bare = _median_of(
                [_run_child("bare", db_path, Path(folder) / "bare") for _ in range(args.runs)]
            )
            ours = _median_of(
                [_run_child("app", db_path, Path(folder) / "data") for _ in range(args.runs)]
            )
            _print_row("bare PySide6", bare)
            _print_row("COE Tracker", ours)
            print(
                f"  ratio         start-up {ours['startup'] / bare['startup']:.2f}×   "
                f"memory {ours['peak_mib'] / bare['peak_mib']:.2f}×"
            )
            model = _run_child("model", db_path, Path(folder) / "model")
            print(
                f"  case list model + proxy over {int(model['rows']):,} rows (tracemalloc): "
                f"{model['loaded']:.1f} MiB loaded, {model['sorted']:.1f} MiB sorted by client, "
                f"{model['searched']:.1f} MiB searching; peak {model['peak']:.1f} MiB"
            )


if __name__ == "__main__":
    main()
