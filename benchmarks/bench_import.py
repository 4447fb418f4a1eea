"""CSV import of N generated rows against ``sqlite3 .import`` of the same file into a plain table.

Prints the time of each phase (read and check, write) beside the floor, how long the write lock
was held (the write phase: another process's save waits at most that long), and the import's
peak memory beside the file's size. The import runs once, in a fresh Python process, so that its
peak memory (max RSS) is its own; the memory of that process before reading (Python and the
imported modules) is printed too. Figures are medians of ``--runs`` imports (each into a new
database), each run beside a run of the floor. Run:

    .venv/bin/python -m benchmarks.bench_import --cases 100000 --update 20000

``--update N`` then imports the first N rows again with their notes changed, as an update (the
read and the write in CPU seconds).

DESIGN.md §11: import of 100,000 rows ≤ 10× ``sqlite3 .import``, the write lock held only for the
bulk write; issue 11: memory within 10× the file's size.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from math import nan
from pathlib import Path

from benchmarks.synthetic import build_database
from coetracker.services.csv_export import export_cases

TODAY = dt.date(2026, 11, 27)

_CHILD = """
import json, resource, sys, time
from typing import Any
from sqlalchemy import event
from coetracker.pacing import collector_paused
from coetracker.services.csv_import import apply_import, read_import_file
from coetracker.storage.engine import WRITE_OPTION, open_database

def rss() -> float:
    # VmHWM: this process's peak since it started (ru_maxrss would count the parent's at fork)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

csv_path, target = sys.argv[1], sys.argv[2]
db, _report = open_database(f"sqlite:///{target}")
held: list[float] = []

def on_begin(connection: Any) -> None:
    if connection.get_execution_options().get(WRITE_OPTION):
        held.append(-time.perf_counter())

def on_commit(connection: Any) -> None:
    if connection.get_execution_options().get(WRITE_OPTION) and held:
        held[-1] += time.perf_counter()

event.listen(db.engine, "begin", on_begin)
event.listen(db.engine, "commit", on_commit)
before = rss()
started, cpu = time.perf_counter(), time.process_time()
with collector_paused():  # as the command line runs them: back to back in one pause
    plan = read_import_file(db, csv_path)
    checked, read_cpu = time.perf_counter(), time.process_time() - cpu
    result = apply_import(db, plan, actor="bench")
    written, cpu = time.perf_counter(), time.process_time() - cpu
    rows = len(plan.rows)
    del plan  # before the pause ends, as the command line drops it
db.dispose()
print(json.dumps({
    "rows": rows, "created": result.created, "read": checked - started,
    "write": written - checked, "held": sum(held), "before_mb": before,
    "peak_mb": rss(), "cpu": cpu, "read_cpu": read_cpu,
}))
"""


_UPDATE_CHILD = """
import json, sys, time
from coetracker.services.csv_import import apply_import, read_import_file
from coetracker.storage.engine import open_database

csv_path, target = sys.argv[1], sys.argv[2]
db, _report = open_database(f"sqlite:///{target}")
cpu = time.process_time()
plan = read_import_file(db, csv_path, update=True)
checked = time.process_time()
result = apply_import(db, plan, actor="bench")
written = time.process_time()
db.dispose()
print(json.dumps({
    "rows": len(plan.rows), "updated": result.updated, "ok": plan.ok,
    "read": checked - cpu, "write": written - checked,
}))
"""


def update_file(csv_path: Path, rows: int, target: Path) -> None:
    """The first ``rows`` data rows of the exported file with their notes (備考) changed: an
    ``--update`` import of it changes every one of those cases."""
    with csv_path.open(encoding="utf-8-sig", newline="") as source:
        table = list(itertools.islice(csv.reader(source), rows + 1))
    notes = table[0].index("備考")
    for cells in table[1:]:
        cells[notes] = f"{cells[notes]} 更新".strip()
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows(table)


def floor(csv_path: Path, folder: Path) -> tuple[float, float]:
    """``sqlite3 .import`` of the file into a plain table of a new database: (wall, CPU) s."""
    target = folder / "floor.sqlite3"
    children = os.times()
    started = time.perf_counter()
    subprocess.run(
        ["sqlite3", str(target)],
        input=f".mode csv\n.import '{csv_path}' t\n",
        text=True,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - children.children_user) + (
        after.children_system - children.children_system
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="imports timed (medians printed)")
    parser.add_argument(
        "--update", type=int, default=0, help="then an --update import of this many rows"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coetracker-bench-import-"))
    try:
        source = build_database(folder / "source.sqlite3", args.cases, today=TODAY)
        csv_path = folder / "cases.csv"
        export_cases(source, csv_path, today=TODAY)
        source.dispose()
        size = csv_path.stat().st_size / 1024 / 1024
        floors, runs = [], []
        for run in range(args.runs):  # the import and its floor in turn: a drift moves both
            floors.append(floor(csv_path, folder) if shutil.which("sqlite3") else (nan, nan))
            target = folder / f"target{run}.sqlite3"
            child = subprocess.run(
                [sys.executable, "-c", _CHILD, str(csv_path), str(target)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        shell = statistics.median(wall for wall, _cpu in floors)
        shell_cpu = statistics.median(cpu for _wall, cpu in floors) or nan  # too short to tell
        f = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        total = f["read"] + f["write"]
        print(f"rows: {f['rows']} ({size:.1f} MiB), created {f['created']}")
        print(f"sqlite3 .import (floor): {shell:.2f} s ({shell_cpu:.2f} s CPU)")
        print(f"read and check (no write lock): {f['read']:.2f} s ({f['read_cpu']:.2f} s CPU)")
        write_cpu = f["cpu"] - f["read_cpu"]
        print(f"write (the bulk write): {f['write']:.2f} s ({write_cpu:.2f} s CPU)")
        print(f"write lock held (BEGIN IMMEDIATE to COMMIT): {f['held']:.2f} s")
        print(f"total: {total:.2f} s = {total / shell:.1f}x the floor (target <= 10x)")
        print(
            f"CPU time (the machine may be shared): {f['cpu']:.2f} s = "
            f"{f['cpu'] / shell_cpu:.1f}x the floor's {shell_cpu:.2f} s"
        )
        grown = f["peak_mb"] - f["before_mb"]
        print(
            f"peak memory: {f['peak_mb']:.0f} MiB ({f['before_mb']:.0f} MiB before reading; "
            f"the import's own {grown:.0f} MiB = {grown / size:.1f}x the file's {size:.1f} MiB, "
            "target <= 10x)"
        )
        if args.update:
            changed = folder / "update.csv"
            update_file(csv_path, args.update, changed)
            child = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _UPDATE_CHILD,
                    str(changed),
                    str(folder / "target0.sqlite3"),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            u = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"--update of {u['rows']} rows ({u['updated']} cases updated, plan ok: {u['ok']}): "
                f"read and check {u['read']:.2f} s CPU, write {u['write']:.2f} s CPU"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
