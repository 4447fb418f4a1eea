"""Reading ahead on a thread of its own while the calling thread works on what was read.

A ``sqlite3`` statement runs without the interpreter's lock, so SQLite can make the next part
of a long read while Python makes something of the last one: the whole takes about the longer
of the two instead of their sum. :class:`ReadAhead` runs a list of named jobs in order on its
thread and hands each result over through a short queue. The connection the jobs use must
allow use from another thread (SQLAlchemy's file connections do), and the caller must not use
it meanwhile: SQLite would make either thread wait while the other's statement runs.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["ReadAhead"]


class ReadAhead:
    """What ``jobs`` read, each in turn, on a thread named ``name``. Iterating gives each job's
    (name, what it read) in turn, and raises what a job raised; :meth:`close` stops the
    reading and waits for the thread (what the caller never took is dropped). At most two
    results wait to be taken."""

    _DONE = object()

    def __init__(self, name: str, jobs: list[tuple[str, Callable[[], object]]]) -> None:
        self._jobs = jobs
        self._queue: queue.Queue[object] = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self.cpu = 0.0
        """CPU seconds the reading thread took (for benchmarks), once it has ended."""
        self._thread = threading.Thread(target=self._read, name=name, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        started = time.thread_time()
        try:
            for name, job in self._jobs:
                if self._stop.is_set():
                    return
                self._put((name, job()))
            self._put(self._DONE)
        except BaseException as problem:  # handed over to the thread that iterates
            self._put(problem)
        finally:
            self.cpu = time.thread_time() - started

    def _put(self, item: object) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(queue.Full):
                self._queue.put(item, timeout=0.05)
                return

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        while True:
            item = self._queue.get()
            if item is self._DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]  # a (name, what it read) pair

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
