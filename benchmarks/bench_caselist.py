"""Prints how long the case list takes to load and assess with 10,000 and 100,000 cases, and
what the assessment store saves: how many cases a new day re-assesses, and the CPU time and
memory of the list read from the store on a read-only ``sqlite3`` connection (as the window's
first rows), the same day and the next.

Target (DESIGN.md §11): a new day re-assesses only the cases whose result can have changed.
Figures only (CPU seconds, ``time.process_time``; medians of three; memory: the Python heap's
peak during one read and what the rows keep, by ``tracemalloc``); no asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build_database
from coetracker.services.assessment_store import refresh_assessment_store
from coetracker.services.caselist import list_cases, read_case_list, sort_by_urgency
from coetracker.storage.engine import LENIENT_TEXT

TODAY = dt.date(2026, 11, 27)


def _cpu(action: Callable[[], object], runs: int = 3) -> tuple[float, object]:
    timings = []
    result: object = None
    for _ in range(runs):
        started = time.process_time()
        result = action()
        timings.append(time.process_time() - started)
    return statistics.median(timings), result


def _read_only(path: Path, today: dt.date, *, use_store: bool) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = LENIENT_TEXT
    try:
        return len(read_case_list(conn, today=today, use_store=use_store))
    finally:
        conn.close()


def _heap(path: Path, today: dt.date) -> tuple[float, float]:
    """The Python heap's peak during one read-only list read, and what the rows keep (MiB)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.text_factory = LENIENT_TEXT
        try:
            rows = read_case_list(conn, today=today)
        finally:
            conn.close()
        kept, peak = tracemalloc.get_traced_memory()
        del rows
    finally:
        tracemalloc.stop()
    return (peak - before) / 2**20, (kept - before) / 2**20


def measure(count: int) -> None:
    """Print the figures for one database of ``count`` synthetic cases."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        database = build_database(path, count, today=TODAY)
        built = time.perf_counter() - started
        listed, rows = _cpu(lambda: list_cases(database, today=TODAY, explain=False))
        assert isinstance(rows, list)
        started = time.process_time()
        sort_by_urgency(rows)
        sorted_in = time.process_time() - started
        explained, _ = _cpu(lambda: list_cases(database, today=TODAY, explain=True), 1)
        plain, _ = _cpu(lambda: _read_only(path, TODAY, use_store=False))
        started = time.process_time()
        filled = refresh_assessment_store(database, today=TODAY)
        fill_cpu = time.process_time() - started
        stored, _ = _cpu(lambda: _read_only(path, TODAY, use_store=True))
        again = refresh_assessment_store(database, today=TODAY)
        tomorrow = TODAY + dt.timedelta(days=1)
        next_day, _ = _cpu(lambda: _read_only(path, tomorrow, use_store=True))
        peak_heap, kept_heap = _heap(path, tomorrow)
        started = time.process_time()
        new_day = refresh_assessment_store(database, today=TODAY + dt.timedelta(days=1))
        new_day_cpu = time.process_time() - started
        month = refresh_assessment_store(database, today=TODAY + dt.timedelta(days=31))
        database.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{count:>7,} cases (CPU s, median of 3): list_cases {listed:.3f}, with reasons "
        f"{explained:.3f}, urgency sort {sorted_in:.3f}; read-only sqlite3 list: assessing "
        f"every case {plain:.3f}, from the store {stored:.3f}; build {built:.1f} s wall, "
        f"peak RSS {peak:.0f} MiB"
    )
    print(
        f"{'':>7}  first rows on the next day (read-only, from the store): {next_day:.3f} s "
        f"CPU, Python heap peak {peak_heap:.0f} MiB, rows keep {kept_heap:.0f} MiB"
    )
    print(
        f"{'':>7}  assessment store: first fill {filled:,} cases ({fill_cpu:.3f} s), same day "
        f"again {again:,}, new day re-assessed {new_day:,} of {count:,} "
        f"({new_day / count:.0%}, {new_day_cpu:.3f} s), 31 days later {month:,}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args(argv)
    for count in (int(size) for size in args.sizes.split(",")):
        measure(count)


if __name__ == "__main__":
    main()
