"""Prints the 10,000-case list load on an office server (PostgreSQL) beside SQLite's, same run.

The same synthetic database is built in a SQLite file, copied onto a throwaway PostgreSQL
server (tests/pgserver.py: a local Unix socket, so the network adds nothing), and the case list
the window loads (one query, then every case assessed) is timed on each, best of five. Also the
copy itself and a snapshot backup of the server into a SQLite file. Figures only; no asserts.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build_database
from coetracker.services.caselist import list_cases
from coetracker.services.office import copy_to, snapshot_backup
from coetracker.storage.engine import Database, open_database
from tests.pgserver import PostgresServer

TODAY = dt.date(2026, 11, 27)
COUNT = 10_000
RUNS = 5


def _best_load(database: Database) -> tuple[float, list[float], int]:
    timings = []
    rows = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        rows = len(list_cases(database, today=TODAY))
        timings.append(time.perf_counter() - started)
    return min(timings), timings, rows


def main() -> None:
    server = PostgresServer().start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            sqlite_db = build_database(Path(folder) / "bench.sqlite3", COUNT, today=TODAY)
            url = server.url(server.create_database())
            started = time.perf_counter()
            copy_to(sqlite_db, url)
            copied = time.perf_counter() - started
            pg_db, _report = open_database(url)
            try:
                lite_best, lite_runs, lite_rows = _best_load(sqlite_db)
                pg_best, pg_runs, pg_rows = _best_load(pg_db)
                started = time.perf_counter()
                snapshot_backup(
                    pg_db,
                    Path(folder) / "backups",
                    now=dt.datetime.now(dt.UTC),
                    reason="bench",
                )
                snapshot = time.perf_counter() - started
            finally:
                pg_db.dispose()
                sqlite_db.dispose()
    finally:
        server.stop()

    def runs(values: list[float]) -> str:
        return ", ".join(f"{t:.3f}" for t in values)

    print(f"case list load + assess, {COUNT:,} cases, best of {RUNS}:")
    print(f"  SQLite      {lite_best:.3f} s  ({lite_rows} rows; runs {runs(lite_runs)})")
    print(
        f"  PostgreSQL  {pg_best:.3f} s  ({pg_rows} rows; runs {runs(pg_runs)}) "
        f"= {pg_best / lite_best:.2f}x SQLite"
    )
    print(f"copy-to server {copied:.2f} s; snapshot backup of the server {snapshot:.2f} s")


if __name__ == "__main__":
    main()
