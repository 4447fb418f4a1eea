"""Time and memory of the .xlsx export and import against the CSV ones (DESIGN.md §11).

Builds the synthetic database of :mod:`benchmarks.bench_csv` (by default 100,000 cases), then,
each in a fresh Python process so that peak memory (max RSS) is that run's alone, best of
``--repeat`` runs:

* export: ``export_cases`` (CSV, UTF-8 with BOM) and ``export_workbook`` (.xlsx, streaming) of
  every case; target: the workbook within 2× the CSV's time and memory;
* read: ``read_csv_file`` of that CSV and ``read_xlsx_file`` of that workbook (the rows the
  import preview checks, before the database is asked); target: the workbook within 3×.

Nothing is asserted: this prints figures.

Run: ``.venv/bin/python -m benchmarks.bench_xlsx [--cases N] [--repeat R] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_csv import TODAY, build_database
from coetracker.storage.engine import open_database

_CHILD = """
import json, resource, sys, time, datetime as dt
from pathlib import Path
kind, db_path, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
today = dt.date.fromisoformat(sys.argv[4])
from coetracker.storage.engine import open_database
from coetracker.services.csv_export import export_cases
from coetracker.services.xlsx_export import export_workbook
from coetracker.io.csv_read import read_csv_file
from coetracker.io.xlsx_read import read_xlsx_file
start, cpu = time.perf_counter(), time.process_time()
if kind in ("export-csv", "export-xlsx"):
    db, _ = open_database(f"sqlite:///{db_path}")
    if kind == "export-csv":
        count = export_cases(db, out, today=today)
    else:
        count = export_workbook(db, out, today=today)
    db.dispose()
elif kind == "read-csv":
    count = len(read_csv_file(out).records)
else:
    count = len(read_xlsx_file(out).records)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
for line in open("/proc/self/status") if sys.platform == "linux" else ():
    if line.startswith("VmHWM:"):  # this process's own peak (ru_maxrss counts the parent's)
        peak = int(line.split()[1]) / 1024
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rows": count, "peak_mb": peak}))
"""


def run(kind: str, db_path: Path, out: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, kind, str(db_path), str(out), TODAY.isoformat()],
        capture_output=True,
        text=True,
        check=True,
        timeout=3_600,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "seconds": min(r["seconds"] for r in runs),
        "cpu": min(r["cpu"] for r in runs),
        "peak_mb": min(r["peak_mb"] for r in runs),
        "rows": runs[0]["rows"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "bench.sqlite3"
    if not db_path.exists():
        db, _report = open_database(f"sqlite:///{db_path}")
        start = time.perf_counter()
        counts = build_database(db, args.cases)
        db.dispose()
        print(f"built {counts} in {time.perf_counter() - start:.1f} s")
    csv_file, xlsx_file = folder / "export.csv", folder / "export.xlsx"
    try:
        runs: dict[str, list[dict[str, float]]] = {}
        for _ in range(args.repeat):  # interleaved: a busy machine slows both alike
            for kind, out in (
                ("export-csv", csv_file),
                ("export-xlsx", xlsx_file),
                ("read-csv", csv_file),
                ("read-xlsx", xlsx_file),
            ):
                runs.setdefault(kind, []).append(run(kind, db_path, out))
        figures = {kind: best(found) for kind, found in runs.items()}
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
        print(
            f"files: CSV {csv_file.stat().st_size / 1e6:.1f} MB, "
            f"xlsx {xlsx_file.stat().st_size / 1e6:.1f} MB"
        )
        for kind, f in figures.items():
            rows, seconds, peak = int(f["rows"]), f["seconds"], f["peak_mb"]
            print(
                f"{kind:12} {rows} rows  {seconds:.2f} s ({f['cpu']:.2f} s CPU)  peak {peak:.0f} MB"
            )
        for step, target in (("export", 2), ("read", 3)):
            ours, theirs = figures[f"{step}-xlsx"], figures[f"{step}-csv"]
            time_ratio = ours["seconds"] / theirs["seconds"]
            memory_ratio = ours["peak_mb"] / theirs["peak_mb"]
            verdict = "within" if time_ratio <= target and memory_ratio <= target else "NOT within"
            print(
                f"{step}: xlsx / csv = {time_ratio:.2f}× time, {memory_ratio:.2f}× memory "
                f"({verdict} the {target}× target); "
                f"{ours['cpu'] / theirs['cpu']:.2f}× CPU time (the machine may be shared)"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
