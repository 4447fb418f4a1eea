"""Bulk work that leaves the window responsive while it runs on a worker thread.

The worker and the window's thread share Python's global interpreter lock, and two things let
the worker keep it for long stretches:

- The cyclic garbage collector. Bulk jobs pause it (:func:`collector_paused`) because they build
  hundreds of thousands of small objects and no cycles; when it is switched back on, its next
  pass scans every object built meanwhile that is still alive, in one go. So the big
  intermediate structures are dropped before the pause ends.
- Many short SQLite calls in a row. The driver lets go of the lock around each row it steps
  through, but takes it back before the waiting window thread has woken up, and each such hand
  back resets the waiting thread's claim: the window can wait for the whole statement or loop.
  :func:`breathe` in such loops gives the lock up long enough for the window to take it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

__all__ = ["BREATH_EVERY", "breathe", "collector_paused"]

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


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for bulk work (nested pauses end with the outermost).

    Drop the big structures built inside before the block ends: whatever is still alive then is
    scanned by the collector's next pass.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
