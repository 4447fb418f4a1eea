"""Prints how long the case list takes to load and assess with 10,000 and 100,000 cases.

Target (DESIGN.md §11): 100,000 cases loaded and assessed under 1 s. Figures only; no asserts.
"""

from __future__ import annotations

import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import build_database
from coetracker.services.caselist import list_cases, sort_by_urgency

TODAY = dt.date(2026, 11, 27)


def main() -> None:
    for count in (10_000, 100_000):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            database = build_database(Path(folder) / "bench.sqlite3", count, today=TODAY)
            built = time.perf_counter() - started
            timings = []
            for _ in range(3):
                started = time.perf_counter()
                rows = list_cases(database, today=TODAY)
                timings.append(time.perf_counter() - started)
            started = time.perf_counter()
            sort_by_urgency(rows)
            sorted_in = time.perf_counter() - started
            started = time.perf_counter()
            list_cases(database, today=TODAY, explain=True)
            explained = time.perf_counter() - started
            database.dispose()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{count:>7,} cases: list+assess best {min(timings):.3f} s "
            f"(runs {', '.join(f'{t:.3f}' for t in timings)}), with reasons {explained:.3f} s, "
            f"urgency sort {sorted_in:.3f} s, build {built:.1f} s, peak RSS {peak:.0f} MiB"
        )


if __name__ == "__main__":
    main()
