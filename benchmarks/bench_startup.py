"""Start-up time of the bundle next to a bare PySide6 window, measured in the same run.

Each program is started as a new process on Qt's offscreen platform with
``COETRACKER_STARTUP_PROBE=1`` (see :mod:`coetracker.ui.startup_probe`): when its first window
has been shown and painted it prints the wall-clock time and quits. The figure is that time minus
the moment the process was started, i.e. time to the first shown window, over several runs after
one warm-up run (median and best). Programs timed:

* a bare PySide6 window with a table view, run by the virtual environment's Python (the yardstick
  of DESIGN.md §11: start-up should stay within 2× of it);
* COE Tracker from the source tree (``python -m coetracker``);
* the bundle ``dist/coetracker/coetracker`` in a clean environment, as a user starts it.

Both COE Tracker runs open the same database: the 44 sample cases by default, or a synthetic one
with ``--cases N``. Nothing is asserted; this prints figures.

Run: ``.venv/bin/python -m benchmarks.bench_startup [--runs 5] [--cases 10000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = (
    ROOT / "dist" / "coetracker" / ("coetracker.exe" if sys.platform == "win32" else "coetracker")
)
MARKER = "COETRACKER_WINDOW_SHOWN"
TIMEOUT_S = 120

BARE_WINDOW = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Probe(QObject):
    fired = False
    def eventFilter(self, watched, event):
        if not self.fired and event.type() == QEvent.Type.Show and watched.isWidgetType() \\
                and watched.isWindow():
            self.fired = True
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print("{MARKER}", f"{{time.time():.6f}}", flush=True)
        QApplication.instance().quit()

app = QApplication(sys.argv)
probe = Probe()
app.installEventFilter(probe)
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 12))
window.setCentralWidget(table)
window.resize(1200, 800)
window.show()
sys.exit(app.exec())
"""


def clean_env(home: Path) -> dict[str, str]:
    """A user's environment: no virtual environment, no PYTHONPATH."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "COETRACKER_STARTUP_PROBE": "1",
    }


def time_to_window(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(seconds to the first shown window, seconds until the process ended)."""
    started = time.time()
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=TIMEOUT_S,
        check=False,
    )
    ended = time.time()
    for line in result.stdout.splitlines():
        if line.startswith(MARKER):
            return float(line.split()[1]) - started, ended - started
    raise RuntimeError(
        f"{command[0]} exited {result.returncode} without reporting a window:\n"
        f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
    )


def measure(
    label: str, command: list[str], env: dict[str, str], cwd: Path, runs: int
) -> float | None:
    try:
        time_to_window(command, env, cwd)  # warm-up: file cache, font cache
        samples = [time_to_window(command, env, cwd) for _ in range(runs)]
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as problem:
        print(f"  {label:<46} failed: {str(problem).splitlines()[0]}")
        return None
    shown = [s[0] for s in samples]
    total = [s[1] for s in samples]
    median = statistics.median(shown)
    print(
        f"  {label:<46} {median:6.3f} s  (best {min(shown):.3f} s; "
        f"process ends after {statistics.median(total):.3f} s)"
    )
    return median


def make_database(folder: Path, cases: int) -> Path:
    path = folder / "bench.sqlite3"
    if cases:
        sys.path.insert(0, str(ROOT))
        from benchmarks.synthetic import build_database

        build_database(path, cases, today=dt.date.today()).dispose()
    else:
        subprocess.run(
            [sys.executable, "-m", "coetracker", "--db", str(path), "demo"],
            check=True,
            capture_output=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            cwd=ROOT,
        )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time to the first shown window.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per program")
    parser.add_argument(
        "--cases", type=int, default=0, help="synthetic cases (default: the 44 sample cases)"
    )
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="the bundle's executable")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="coetracker-bench-") as folder:
        work = Path(folder)
        db = make_database(work, args.cases)
        what = f"{args.cases:,} synthetic cases" if args.cases else "the 44 sample cases"
        print(
            f"Start-up to the first shown window: offscreen, median of {args.runs} runs "
            f"after a warm-up, {what}"
        )
        venv_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COETRACKER_STARTUP_PROBE": "1"}
        bare = measure(
            "bare PySide6 window + table view (venv Python)",
            [sys.executable, "-c", BARE_WINDOW],
            venv_env,
            work,
            args.runs,
        )
        app_args = ["--db", str(db), "--data-dir", str(work / "data"), "--no-crash-dialog"]
        source = measure(
            "COE Tracker from source (venv Python)",
            [sys.executable, "-m", "coetracker", *app_args],
            {**venv_env, "PYTHONPATH": str(ROOT)},
            work,
            args.runs,
        )
        bundled = None
        if args.bundle.is_file():
            bundled = measure(
                f"COE Tracker bundle ({args.bundle.parent.name}/, clean env)",
                [str(args.bundle), *app_args],
                clean_env(work),
                work,
                args.runs,
            )
        else:
            print(f"  COE Tracker bundle: not built ({args.bundle}; run `make bundle`)")
        if bare:
            for label, value in (("source", source), ("bundle", bundled)):
                if value:
                    print(f"  {label} / bare PySide6: {value / bare:.2f}× (target: within 2×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
