"""CSV import of N generated rows against ``sqlite3 .import`` of the same file into a plain table.

Prints the time of each phase (read and check, write) beside the floor, and how long the write
lock was held (the write phase: another process's save waits at most that long). Run:

    .venv/bin/python -m benchmarks.bench_import --cases 100000

DESIGN.md §11: import of 100,000 rows ≤ 10× ``sqlite3 .import``, the write lock held only for the
bulk write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from benchmarks.synthetic import build_database
from coetracker.services.csv_export import export_cases
from coetracker.services.csv_import import apply_import, read_import_file
from coetracker.storage.engine import WRITE_OPTION, open_database

TODAY = dt.date(2026, 11, 27)


def floor(csv_path: Path, folder: Path) -> float:
    """``sqlite3 .import`` of the file into a plain table of a new database."""
    target = folder / "floor.sqlite3"
    started = time.perf_counter()
    subprocess.run(
        ["sqlite3", str(target)],
        input=f".mode csv\n.import '{csv_path}' t\n",
        text=True,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="coetracker-bench-import-"))
    try:
        source = build_database(folder / "source.sqlite3", args.cases, today=TODAY)
        csv_path = folder / "cases.csv"
        export_cases(source, csv_path, today=TODAY)
        source.dispose()
        size = csv_path.stat().st_size
        shell = floor(csv_path, folder) if shutil.which("sqlite3") else float("nan")
        db, _report = open_database(f"sqlite:///{folder / 'target.sqlite3'}")
        held: list[float] = []

        def on_begin(connection: Any) -> None:
            if connection.get_execution_options().get(WRITE_OPTION):
                held.append(-time.perf_counter())

        def on_commit(connection: Any) -> None:
            if connection.get_execution_options().get(WRITE_OPTION) and held:
                held[-1] += time.perf_counter()

        event.listen(db.engine, "begin", on_begin)
        event.listen(db.engine, "commit", on_commit)
        started = time.perf_counter()
        plan = read_import_file(db, csv_path)
        checked = time.perf_counter()
        result = apply_import(db, plan, actor="bench")
        written = time.perf_counter()
        db.dispose()
        total = written - started
        print(f"rows: {len(plan.rows)} ({size / 1e6:.1f} MB), created {result.created}")
        print(f"sqlite3 .import (floor): {shell:.2f} s")
        print(f"read and check (no write lock): {checked - started:.2f} s")
        print(f"write (prepare, then the bulk write): {written - checked:.2f} s")
        print(f"write lock held (BEGIN IMMEDIATE to COMMIT): {sum(held):.2f} s")
        print(f"total: {total:.2f} s = {total / shell:.1f}x the floor (target <= 10x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
