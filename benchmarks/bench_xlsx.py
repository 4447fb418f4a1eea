"""Time and memory of the .xlsx export and import against the CSV ones (DESIGN.md §11).

Builds the synthetic databases of :mod:`benchmarks.bench_csv`, then runs each step in a fresh
Python process (so that peak memory, VmHWM, is that run's alone), ``--repeat`` times
interleaved, and prints the median wall and CPU time and peak memory of the runs:

* export: ``export_cases`` (CSV, UTF-8 with BOM) and ``export_workbook`` (.xlsx, streaming) of
  every case of a database of ``--cases`` (100,000); target: the workbook within 2× the CSV's
  time and memory;
* read: ``read_csv_file`` and ``read_xlsx_file`` (the rows the import preview checks, before
  the database is asked) of the export of a second database of ``--read-cases`` (140,000:
  the workbook is then about 20 MB, the CSV about 47 MB); target: the workbook within 3×.
  When LibreOffice is installed, the same workbook loaded and saved by it is read as well: its
  text is in a shared-string table, as Excel saves text (``--no-libreoffice`` skips it).

CPU time is the steadier figure on a shared machine. Nothing is asserted: this prints figures.

Run: ``.venv/bin/python -m benchmarks.bench_xlsx [--cases N] [--read-cases N] [--repeat R]
[--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
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


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        "rows": runs[0]["rows"],
    }


def saved_by_libreoffice(workbook: Path, folder: Path) -> Path:
    """``workbook`` loaded and saved by LibreOffice (its text then in shared strings)."""
    saved = folder / "libreoffice" / workbook.name
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'libreoffice-profile'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(saved.parent),
            str(workbook),
        ],
        capture_output=True,
        check=True,
        timeout=3_600,
    )
    return saved


def database(path: Path, cases: int) -> Path:
    """The synthetic database of ``cases`` at ``path``, built unless it is there."""
    if not path.exists():
        db, _report = open_database(f"sqlite:///{path}")
        start = time.perf_counter()
        counts = build_database(db, cases)
        db.dispose()
        print(f"built {path.name}: {counts} in {time.perf_counter() - start:.1f} s")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--read-cases", type=int, default=140_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip LibreOffice's copy")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-xlsx-"))
    folder.mkdir(parents=True, exist_ok=True)
    export_db = database(folder / f"bench-{args.cases}.sqlite3", args.cases)
    read_db = database(folder / f"bench-{args.read_cases}.sqlite3", args.read_cases)
    csv_file, xlsx_file = folder / "export.csv", folder / "export.xlsx"
    read_csv, read_xlsx = folder / "read.csv", folder / "read.xlsx"
    try:
        run("export-csv", read_db, read_csv)  # the files read: not timed
        run("export-xlsx", read_db, read_xlsx)
        steps = [
            ("export-csv", export_db, csv_file),
            ("export-xlsx", export_db, xlsx_file),
            ("read-csv", read_db, read_csv),
            ("read-xlsx", read_db, read_xlsx),
        ]
        libreoffice = not args.no_libreoffice and shutil.which("soffice") is not None
        if libreoffice:
            read_saved = saved_by_libreoffice(read_xlsx, folder)
            steps.append(("read-xlsx-lo", read_db, read_saved))
        runs: dict[str, list[dict[str, float]]] = {}
        for _ in range(args.repeat):  # interleaved: a busy machine slows both alike
            for kind, db_path, out in steps:
                runs.setdefault(kind, []).append(run(kind, db_path, out))
        figures = {kind: median(found) for kind, found in runs.items()}
        print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
        print(f"medians of {args.repeat} runs each")
        for kind, f in figures.items():
            rows, seconds, peak = int(f["rows"]), f["seconds"], f["peak_mb"]
            print(
                f"{kind:12} {rows} rows  {seconds:.2f} s ({f['cpu']:.2f} s CPU)  peak {peak:.0f} MB"
            )
        comparisons = [
            ("export", "export-xlsx", 2, (csv_file, xlsx_file), True),  # time and memory
            ("read", "read-xlsx", 3, (read_csv, read_xlsx), False),  # time
        ]
        if libreoffice:
            saved = ("read (saved by LibreOffice)", "read-xlsx-lo", 3, (read_csv, read_saved))
            comparisons.append((*saved, False))
        for step, kind, target, files, with_memory in comparisons:
            ours, theirs = figures[kind], figures[kind.split("-")[0] + "-csv"]
            time_ratio = ours["seconds"] / theirs["seconds"]
            cpu_ratio = ours["cpu"] / theirs["cpu"]
            memory_ratio = ours["peak_mb"] / theirs["peak_mb"]
            worst = max(time_ratio, cpu_ratio, memory_ratio if with_memory else 0)
            verdict = "within" if worst <= target else "NOT within"
            print(
                f"{step} of {int(ours['rows'])} rows "
                f"(CSV {files[0].stat().st_size / 1e6:.1f} MB, "
                f"workbook {files[1].stat().st_size / 1e6:.1f} MB): xlsx / csv = "
                f"{time_ratio:.2f}× wall time, {cpu_ratio:.2f}× CPU time, "
                f"{memory_ratio:.2f}× peak memory ({verdict} the {target}× target)"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
