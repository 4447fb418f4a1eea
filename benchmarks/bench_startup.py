"""Time from starting the program to the case list painted with its rows, beside a bare window.

Each program is started as a new process on Qt's offscreen platform with
``COETRACKER_STARTUP_PROBE=rows`` (see :mod:`coetracker.ui.common.startup_probe`): when a table
view has painted its viewport holding at least one row, it prints the wall-clock time and the
process's CPU time so far, and quits. The figure is that time minus the moment the process was
started (median of several runs after one warm-up run; a program's runs alternate with its
floor's, so that a machine whose speed drifts moves both alike); the peak memory is the
process's ``ru_maxrss``. Two CPU figures: "CPU to rows", the process's CPU time (all
threads) when the rows were painted, as the probe read it — less disturbed by other work on a
shared machine than the wall clock, and the one to compare; and the user + system time of the
whole process from ``wait4``, which for the window also counts what runs after the first paint
until the probe's quit has been served (the full opening on the worker). Programs timed:

* a bare PySide6 window that reads the same cases from the same SQLite file with the ``sqlite3``
  module into a ``QAbstractTableModel`` and shows them (the yardstick: COE Tracker should be
  within 2× of it at 44 and 10,000 cases, 3× at 100,000 with at most twice its memory);
* COE Tracker from the source tree (``python -m coetracker``);
* the bundle ``dist/coetracker/coetracker`` in a clean environment, when it has been built.

Then ``coetracker due`` and ``list`` on the sample cases, beside ``python -c pass`` (target:
within 10×). Synthetic databases are built once per day and kept in a temporary folder
(``coetracker-bench-cache``); each measurement works on a copy. Nothing is asserted.

Python's bytecode caches are used as an installed program uses them (pip and the bundle write
them at install): ``PYTHONDONTWRITEBYTECODE`` is dropped for the programs timed, so the warm-up
run writes the caches of the source tree. ``--no-bytecode`` keeps the variable: caches are then
not written, so a source tree that has none compiles every module of its own at every start
(what a development shell with that variable set measured before); caches already written are
still read.

Run: ``.venv/bin/python -m benchmarks.bench_startup [--runs 5] [--sizes 44,10000,100000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = (
    ROOT / "dist" / "coetracker" / ("coetracker.exe" if sys.platform == "win32" else "coetracker")
)
CACHE = Path(tempfile.gettempdir()) / "coetracker-bench-cache"
MARKER = "COETRACKER_WINDOW_SHOWN"
TIMEOUT_S = 180
DEMO = 44

BARE_WINDOW = f"""
import sqlite3, sys, time
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QTableView

QUERY = '''
SELECT c.reference, o.name, a.family_name, a.given_name, a.name_kanji, s.name_ja,
       b.short_name_ja, c.channel, c.stage, c.filing_date, c.application_number,
       c.planned_entry_date
FROM "case" c JOIN organization o ON o.id = c.organization_id
JOIN applicant a ON a.id = c.applicant_id
LEFT JOIN residence_status s ON s.id = c.residence_status_id
LEFT JOIN bureau b ON b.id = c.bureau_id
ORDER BY c.filing_date
'''

class Model(QAbstractTableModel):
    def __init__(self, rows):
        super().__init__()
        self.rows = rows
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 12
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None

class Probe(QObject):
    fired = False
    def eventFilter(self, watched, event):
        if not self.fired and event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if isinstance(view, QAbstractItemView) and view.viewport() is watched \\
                    and view.model() is not None and view.model().rowCount() > 0:
                self.fired = True
                QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print("{MARKER}", f"{{time.time():.6f}}", f"{{time.process_time():.6f}}", flush=True)
        QApplication.instance().quit()

app = QApplication(sys.argv)
probe = Probe()
app.installEventFilter(probe)
window = QMainWindow()
table = QTableView()
window.setCentralWidget(table)
window.resize(1200, 800)
window.show()
connection = sqlite3.connect(sys.argv[1])
table.setModel(Model(connection.execute(QUERY).fetchall()))
connection.close()
sys.exit(app.exec())
"""


@dataclass(frozen=True)
class Figure:
    seconds: float
    best: float
    peak_mib: float
    cpu: float
    """Median user + system CPU seconds of the whole process (less noisy on a shared machine;
    for the window it includes what runs after the first paint until the probe's quit)."""
    cpu_to_rows: float | None = None
    """Median CPU seconds of the process when its rows were painted (None without a marker)."""


def run_once(
    command: list[str], env: dict[str, str], cwd: Path, marker: bool
) -> tuple[float, float, float, float | None]:
    """(seconds to the marker or to the end, peak memory in MiB, CPU seconds, CPU seconds
    at the marker) of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.time()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        killer = threading.Timer(TIMEOUT_S, process.kill)
        killer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        ended = time.time()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
        peak = usage.ru_maxrss / 1024
        cpu = usage.ru_utime + usage.ru_stime
        if not marker:
            if process.returncode != 0:
                err.seek(0)
                raise RuntimeError(f"exit {process.returncode}: {err.read()[-500:]!r}")
            return ended - started, peak, cpu, None
        for line in text.splitlines():
            if line.startswith(MARKER):
                fields = line.split()
                at_rows = float(fields[2]) if len(fields) > 2 else None
                return float(fields[1]) - started, peak, cpu, at_rows
        err.seek(0)
        raise RuntimeError(
            f"{command[0]} exited {process.returncode} without painting rows: "
            f"{text[-1000:]}{err.read().decode(errors='replace')[-1500:]}"
        )


def measure(
    command: list[str], env: dict[str, str], cwd: Path, runs: int, *, marker: bool = True
) -> Figure | None:
    return measure_alternately([(command, env)], cwd, runs, marker=marker)[0]


def measure_alternately(
    programs: list[tuple[list[str], dict[str, str]]],
    cwd: Path,
    runs: int,
    *,
    marker: bool = True,
) -> list[Figure | None]:
    """Each program's figure (None: it failed), its runs taken in turn with the others' (the
    program, then its floor, then the program again …): a machine that slows down or speeds up
    meanwhile moves a program and its floor alike, and their ratio holds."""
    samples: list[list[tuple[float, float, float, float | None]] | None] = []
    for command, env in programs:
        try:
            run_once(command, env, cwd, marker)  # warm-up: file cache, font cache
            samples.append([])
        except (RuntimeError, OSError) as problem:
            print(f"  {command[-1][:40]}: failed: {str(problem)[:600]}", file=sys.stderr)
            samples.append(None)
    for _ in range(runs):
        for index, (command, env) in enumerate(programs):
            taken = samples[index]
            if taken is None:
                continue
            try:
                taken.append(run_once(command, env, cwd, marker))
            except (RuntimeError, OSError) as problem:
                print(f"  {command[-1][:40]}: failed: {str(problem)[:600]}", file=sys.stderr)
                samples[index] = None
    return [None if taken is None else _figure(taken) for taken in samples]


def _figure(samples: list[tuple[float, float, float, float | None]]) -> Figure:
    times = [s[0] for s in samples]
    at_rows = [s[3] for s in samples if s[3] is not None]
    return Figure(
        statistics.median(times),
        min(times),
        max(s[1] for s in samples),
        statistics.median(s[2] for s in samples),
        statistics.median(at_rows) if at_rows else None,
    )


def cached_database(cases: int) -> Path:
    """A database of ``cases`` cases (the sample cases for 44), built once per day and schema
    revision, as yesterday's session left it: its assessment store filled for yesterday, so that
    a start measures opening on a new day (only what can have changed is re-assessed). The name
    holds the rules version too: a store filled under other rules would be re-assessed whole."""
    from coetracker.services.assessment_store import RULES_VERSION
    from coetracker.storage.migrations.head import HEAD_REVISION

    CACHE.mkdir(mode=0o700, exist_ok=True)
    today = dt.date.today()
    name = f"cases-{cases}-{today.isoformat()}-{HEAD_REVISION}-rules{RULES_VERSION}.sqlite3"
    path = CACHE / name
    if path.is_file():
        return path
    building = path.with_suffix(".building")
    for stale in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        stale.unlink(missing_ok=True)
    if cases == DEMO:
        subprocess.run(
            [sys.executable, "-m", "coetracker", "--db", str(building), "demo"],
            check=True,
            capture_output=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            cwd=ROOT,
        )
    else:
        # In a child process: the benchmark's own process stays small, as the peak memory of a
        # process it starts counts what it had when it was forked.
        build = (
            "import datetime, sys; from pathlib import Path; "
            "from benchmarks.synthetic import build_database; "
            "build_database(Path(sys.argv[1]), int(sys.argv[2]), "
            "today=datetime.date.fromisoformat(sys.argv[3])).dispose()"
        )
        subprocess.run(
            [sys.executable, "-c", build, str(building), str(cases), today.isoformat()],
            check=True,
            cwd=ROOT,
        )
    fill = (
        "import datetime, sys; from coetracker.storage.engine import open_database; "
        "from coetracker.services.assessment_store import refresh_assessment_store; "
        "db, _ = open_database('sqlite:///' + sys.argv[1], backup=lambda p, r: None); "
        "n = refresh_assessment_store(db, today=datetime.date.fromisoformat(sys.argv[2])); "
        "db.dispose(); print(n)"
    )
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    subprocess.run(  # quiet: its count would land in the table
        [sys.executable, "-c", fill, str(building), yesterday],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    building.rename(path)
    return path


def working_copy(source: Path, folder: Path) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / "bench.sqlite3"
    shutil.copyfile(source, target)
    return target


def ratio(ours: Figure | None, bare: Figure | None) -> str:
    return f"{ours.seconds / bare.seconds:5.1f}×" if ours and bare else "    –"


def cpu_ratio(ours: Figure | None, bare: Figure | None) -> str:
    return f"{ours.cpu / bare.cpu:5.1f}×" if ours and bare and bare.cpu > 0 else "    –"


def rows_cpu(ours: Figure, bare: Figure | None) -> str:
    """CPU to rows painted, and its ratio to the floor's."""
    if ours.cpu_to_rows is None:
        return "– | –"
    if bare is None or not bare.cpu_to_rows:
        return f"{ours.cpu_to_rows:6.3f} s | –"
    return f"{ours.cpu_to_rows:6.3f} s | {ours.cpu_to_rows / bare.cpu_to_rows:5.1f}×"


def row(label: str, figure: Figure | None, bare: Figure | None, floor: str) -> None:
    if figure is None:
        print(f"| {label:<34} | failed |  |  |  |  |  |  |  | {floor} |")
        return
    print(
        f"| {label:<34} | {figure.seconds:6.3f} s | {figure.best:6.3f} s | "
        f"{figure.peak_mib:5.0f} MiB | {ratio(figure, bare)} | {rows_cpu(figure, bare)} | "
        f"{figure.cpu:6.3f} s | {cpu_ratio(figure, bare)} | {floor} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time to the case list painted with its rows.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per program")
    parser.add_argument(
        "--sizes",
        default=f"{DEMO},10000,100000",
        help=f"case counts, comma-separated ({DEMO}: the sample cases)",
    )
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="the bundle's executable")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE (no caches written; existing ones are still read)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]

    base = dict(os.environ)
    if not args.no_bytecode:
        base.pop("PYTHONDONTWRITEBYTECODE", None)
    env = {**base, "QT_QPA_PLATFORM": "offscreen", "COETRACKER_STARTUP_PROBE": "rows"}
    source_env = {**env, "PYTHONPATH": str(ROOT)}
    print(
        f"Start-up to the case list painted with its rows: offscreen, median of {args.runs} "
        "runs after a warm-up; peak memory ru_maxrss; bytecode caches "
        + ("not written (--no-bytecode)" if args.no_bytecode else "used")
    )
    print(
        "| program | median | best | peak memory | ratio to floor | CPU to rows (median) "
        "| CPU-to-rows ratio | CPU user+sys, whole process (median) | its ratio | target |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="coetracker-bench-") as folder:
        work = Path(folder)
        for cases in sizes:
            db = working_copy(cached_database(cases), work / f"db{cases}")
            app_args = [
                "--db",
                str(db),
                "--data-dir",
                str(work / f"data{cases}"),
                "--no-crash-dialog",
            ]
            bare, ours = measure_alternately(
                [
                    ([sys.executable, "-c", BARE_WINDOW, str(db)], env),
                    ([sys.executable, "-m", "coetracker", *app_args], source_env),
                ],
                work,
                args.runs,
            )
            target = "≤ 3×, memory ≤ 2×" if cases >= 100_000 else "≤ 2×"
            row(f"bare window, {cases:,} cases", bare, bare, "floor")
            row(f"COE Tracker, {cases:,} cases", ours, bare, target)
            if ours and bare:
                memory = ours.peak_mib / bare.peak_mib
                print(f"|   memory ours / bare | {memory:.2f}× | | | | | | | | |")
            if args.bundle.is_file():
                bundled = measure(
                    [str(args.bundle), *app_args],
                    {"PATH": "/usr/bin:/bin", "HOME": str(work), **env},
                    work,
                    args.runs,
                )
                row(f"bundle, {cases:,} cases", bundled, bare, target)
        demo = working_copy(cached_database(DEMO), work / "cli")
        plain = {**base, "PYTHONPATH": str(ROOT)}
        floor, *commands = measure_alternately(
            [
                ([sys.executable, "-c", "pass"], plain),
                *(
                    ([sys.executable, "-m", "coetracker", "--db", str(demo), command], plain)
                    for command in ("due", "list")
                ),
            ],
            work,
            args.runs,
            marker=False,
        )
        row("python -c pass", floor, floor, "floor")
        for command, figure in zip(("due", "list"), commands, strict=True):
            row(f"coetracker {command} ({DEMO} cases)", figure, floor, "≤ 10×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
