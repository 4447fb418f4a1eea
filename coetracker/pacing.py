"""Bulk work that leaves the window responsive while it runs on a worker thread.

The worker and the window's thread share Python's global interpreter lock, and two things let
the worker keep it for long stretches:

- The cyclic garbage collector. Bulk jobs pause it (:func:`collector_paused`) because they build
  hundreds of thousands of small objects and no cycles; when it is switched back on, its next
  pass scans every object built meanwhile that is still alive, in one go. So the big
  intermediate structures are dropped before the pause ends. Pauses are counted across
  threads: automatic collection comes back only when the last one ends, and only if it was on
  when the first began. The window switches automatic collection off for good and collects on
  its own thread (:func:`collect_due`, from a timer that skips while a pause holds), because a
  pass that runs on a worker thread may free Qt widgets there, and Qt crashes.
- Many short SQLite calls in a row. The driver lets go of the lock around each row it steps
  through, but takes it back before the waiting window thread has woken up, and each such hand
  back resets the waiting thread's claim: the window can wait for the whole statement or loop.
  :func:`breathe` in such loops gives the lock up long enough for the window to take it.

A single long C call keeps the lock throughout: sorting 100,000 rows (:func:`sort_in_runs`
splits it), or freeing them all at once when the last reference goes (:func:`release` frees a
list part by part).
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

__all__ = [
    "BREATH_EVERY",
    "LONG_LIVED_CHECK_EVERY",
    "RUN",
    "breathe",
    "collect_due",
    "collector_paused",
    "collector_pausing",
    "release",
    "sort_in_runs",
]

T = TypeVar("T")

BREATH_EVERY = 0.02
"""Seconds of work between two breaths (each costs well under a millisecond when nobody waits)."""
_BREATH = 0.0005
"""How long a breath sleeps: long enough for a waiting thread to wake up and take the lock."""

_last = threading.local()


def breathe() -> None:
    """Let other threads (the window's) run, if this thread has worked for
    :data:`BREATH_EVERY` since its last breath; otherwise return at once. Call it often in
    long loops (every row, every chunk)."""
    now = time.perf_counter()
    last: float | None = getattr(_last, "at", None)
    if last is None:
        _last.at = now
    elif now - last >= BREATH_EVERY:
        time.sleep(_BREATH)
        _last.at = time.perf_counter()


class _Pauses:
    """The pauses of the cyclic collector held now, by every thread together."""

    lock = threading.Lock()
    held = 0
    resume = False
    """Whether automatic collection was on when the first of the pauses held began."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic cyclic garbage collection for bulk work.

    Pauses nest and overlap across threads: collection is switched back on when the last pause
    ends, and only if it was on when the first began (a window that collects on its own thread
    keeps it off). Drop the big structures built inside before the block ends: whatever is still
    alive then is scanned by the collector's next pass.
    """
    with _Pauses.lock:
        if _Pauses.held == 0:
            _Pauses.resume = gc.isenabled()
            gc.disable()
        _Pauses.held += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.held -= 1
            if _Pauses.held == 0 and _Pauses.resume:
                gc.enable()


def collector_pausing() -> bool:
    """Whether some thread holds a :func:`collector_paused` now."""
    return _Pauses.held > 0


class _LongLived:
    """The oldest generation's size after its last full pass, and when it was last measured."""

    total = 0
    measured = float("-inf")


LONG_LIVED_CHECK_EVERY = 10.0
"""Seconds between two counts of the oldest generation (a count of a million objects takes a
few tens of milliseconds; a full pass over them, a tenth of a second)."""


def collect_due() -> int:
    """Collect the generations that automatic collection would have collected by now, on the
    calling thread; return how many unreachable objects were found.

    For a process that switched automatic collection off (``gc.disable()``) so that passes run
    only where it chooses: the same thresholds, so about the same work, at a safe moment. As
    CPython does, the oldest generation is collected only once it has grown by a quarter since
    its last full pass (counted at most every :data:`LONG_LIVED_CHECK_EVERY` seconds), so that a
    large live heap (100,000 cases) is not scanned again and again.
    """
    counts, limits = gc.get_count(), gc.get_threshold()
    if counts[0] <= limits[0]:
        return 0
    if counts[1] <= limits[1]:
        return gc.collect(0)
    now = time.monotonic()
    if counts[2] <= limits[2] or now - _LongLived.measured < LONG_LIVED_CHECK_EVERY:
        return gc.collect(1)
    _LongLived.measured = now
    grown = len(gc.get_objects(generation=2)) - _LongLived.total
    if grown <= _LongLived.total // 4:
        return gc.collect(1)
    found = gc.collect(2)
    _LongLived.total = len(gc.get_objects(generation=2))
    return found


RUN = 10_000
"""Items :func:`sort_in_runs` sorts in one call before it breathes."""


def sort_in_runs(items: list[T], key: Callable[[T], Any], run: int = RUN) -> None:
    """Sort ``items`` in place by ``key``, stable, as ``items.sort(key=key)`` would, breathing
    between runs: each run of ``run`` items is sorted on its own, then the sorted runs are
    merged by one last sort (which finds the runs and merges them in a fraction of the time a
    sort of the whole list takes)."""
    if len(items) <= run:
        items.sort(key=key)
        return
    for start in range(0, len(items), run):
        part = items[start : start + run]
        part.sort(key=key)
        items[start : start + run] = part
        breathe()
    items.sort(key=key)


def release(items: list[Any], run: int = RUN) -> None:
    """Empty ``items`` a run at a time from the end, breathing in between: the items it alone
    holds are freed in parts instead of in one go when the list goes."""
    while items:
        del items[-run:]
        breathe()
