"""One background thread for database reads, results handed back on the GUI thread.

Loading and assessing 100,000 cases takes about a second; doing it on the GUI thread would freeze
the window. :class:`DbWorker` runs such jobs one at a time, in order, on a single pool thread
(SQLAlchemy gives that thread its own SQLite connection), and calls the job's ``done`` callback
on the GUI thread with the result, or ``failed`` with the exception. Jobs return immutable values
(frozen dataclasses, tuples), never live ORM objects.

A job submitted under a ``key`` supersedes earlier jobs with the same key: their results are
dropped when they arrive (a newer full reload makes an older one pointless).

Signals:
    busyChanged(bool): whether jobs are queued or running.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass(slots=True)
class _Job:
    ticket: int
    key: str | None
    done: Done
    failed: Failed | None


class _Task(QRunnable):
    def __init__(self, worker: DbWorker, ticket: int, function: Callable[[], Any]) -> None:
        super().__init__()
        self._worker = worker
        self._ticket = ticket
        self._function = function
        self.setAutoDelete(True)

    def run(self) -> None:
        # The outcome travels as one tuple: PySide6 mis-counts references to a bare None sent
        # through a queued ``object`` signal, which eventually crashes the interpreter.
        outcome: tuple[Any, Exception | None]
        try:
            outcome = (self._function(), None)
        except Exception as error:  # handed to the GUI thread, which reports it
            outcome = (None, error)
        self._worker._finished.emit(self._ticket, outcome)


class DbWorker(QObject):
    """Runs database jobs in the background, one at a time (see the module documentation)."""

    busyChanged = Signal(bool)  # noqa: N815 - Qt signal naming
    _finished = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._tickets = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._latest: dict[str, int] = {}
        self._finished.connect(self._deliver)

    def submit(
        self,
        function: Callable[[], Any],
        done: Done,
        failed: Failed | None = None,
        *,
        key: str | None = None,
    ) -> int:
        """Run ``function()`` in the background; then ``done(result)`` on the GUI thread."""
        ticket = next(self._tickets)
        self._jobs[ticket] = _Job(ticket, key, done, failed)
        if key is not None:
            self._latest[key] = ticket
        was_idle = len(self._jobs) == 1
        self._pool.start(_Task(self, ticket, function))
        if was_idle:
            self.busyChanged.emit(True)
        return ticket

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every job has run (shutdown, tests); True if they all finished."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, object)
    def _deliver(self, ticket: int, outcome: tuple[object, BaseException | None]) -> None:
        result, error = outcome
        job = self._jobs.pop(ticket, None)
        if not self._jobs:
            self.busyChanged.emit(False)
        if job is None:
            return
        if job.key is not None and self._latest.get(job.key) != ticket:
            return  # superseded by a newer job with the same key
        if error is not None:
            if job.failed is None:
                log.error("Background job failed", exc_info=error)
                raise error
            job.failed(error)
            return
        job.done(result)
