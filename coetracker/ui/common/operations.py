"""Slow work off the GUI thread: ``op(parent, work, success=…, failure=…)``.

The shape of Anki's ``QueryOp``/``CollectionOp``. ``work(task)`` runs on a thread of its own and
must not touch a widget or any other Qt object; it reads and writes through the services, which
open their own session (each thread gets its own database connection). ``success(result)`` or
``failure(error)`` then runs on the GUI thread. ``task.report(done, total)`` moves the progress
dialog, and ``task.check()`` raises :class:`OperationCancelledError` once the user pressed Cancel.

Errors follow the application's rule: without a ``failure`` callback, an error the user can act
on (locked, read-only or damaged database, disk full …) is shown as one sentence by
:func:`coetracker.ui.common.message_boxes.report`; anything else is a bug and is re-raised on
the GUI thread, where the crash hook reports it. A cancelled operation calls ``cancelled`` (if
given) and nothing else.

Flows that already run inside a modal dialog (an import's preview, an export's choices) use
:meth:`Operation.wait`: it turns a local event loop until the work is done, so the window keeps
painting, timers keep firing and the progress dialog stays live, then returns the result or raises
the error on the GUI thread.
"""

from __future__ import annotations

import functools
import itertools
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.worker import DbWorker

__all__ = ["Operation", "OperationCancelledError", "Task", "op"]

T = TypeVar("T")

_REPORT_EVERY = 0.05
"""Seconds between two progress reports sent to the GUI thread (more would flood its queue)."""
_SHOW_AFTER_MS = 400
"""The progress dialog appears only for work that lasts longer than this."""


class OperationCancelledError(Exception):
    """Raised by :meth:`Task.check` in the work once the user pressed Cancel."""


class Task:
    """What the work receives: a way to report progress and to see whether it was cancelled.

    Safe to use from the work's thread; the reports reach the GUI thread through a signal.
    """

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._last = 0.0
        self.thread_id: int | None = None
        """The identity of the thread the work ran on (for tests and benchmarks)."""

    def report(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps are done (a few times a second reach the dialog)."""
        now = time.monotonic()
        if done >= total or now - self._last >= _REPORT_EVERY:
            self._last = now
            self._report(done, total)

    def cancel(self) -> None:
        """Ask the work to stop at its next :meth:`check`."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether the user pressed Cancel."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`OperationCancelledError` if the user pressed Cancel."""
        if self._cancel.is_set():
            raise OperationCancelledError()


Success = Callable[[Any], None]
Failure = Callable[[Exception], None]


class _Relay(QObject):
    """Carries outcomes and progress from the work threads to the GUI thread.

    One relay lives as long as the application, so a work thread never holds, and never
    destroys, a Qt object of its own: operations are plain Python objects, found by ticket.
    """

    outcome = Signal(int, object)
    progressed = Signal(int, int, int)

    def __init__(self) -> None:
        super().__init__(None)
        self.operations: dict[int, Operation] = {}
        self._tickets = itertools.count(1)
        self.outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def register(self, operation: Operation) -> int:
        ticket = next(self._tickets)
        self.operations[ticket] = operation
        return ticket

    @Slot(int, object)
    def _deliver(self, ticket: int, outcome: tuple[Any, BaseException | None]) -> None:
        operation = self.operations.pop(ticket, None)
        if operation is not None:
            operation._deliver(outcome)

    @Slot(int, int, int)
    def _show_progress(self, ticket: int, done: int, total: int) -> None:
        operation = self.operations.get(ticket)
        if operation is not None:
            operation._show_progress(done, total)


_relays: list[_Relay] = []


def _relay() -> _Relay:
    """The relay, made on first use (on the GUI thread, where every operation starts)."""
    if not _relays:
        _relays.append(_Relay())
    return _relays[0]


def _run(relay: _Relay, ticket: int, work: Callable[[Task], Any], task: Task) -> None:
    """The work thread: run ``work`` and send its outcome to the GUI thread."""
    task.thread_id = threading.get_ident()
    # The outcome travels as one tuple: PySide6 mis-counts references to a bare None sent
    # through a queued ``object`` signal.
    try:
        outcome: tuple[Any, BaseException | None] = (work(task), None)
    except Exception as error:  # delivered to the GUI thread, which reports it
        outcome = (None, error)
    relay.outcome.emit(ticket, outcome)


class Operation:
    """One piece of background work and its callbacks (see the module documentation).

    ``done``, ``result`` and ``error`` tell how it ended; ``progress`` is its dialog while shown.
    """

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[Task], Any],
        *,
        success: Success | None,
        failure: Failure | None,
        cancelled: Callable[[], None] | None,
        label: str | None,
        cancellable: bool,
    ) -> None:
        self._parent = parent
        self._work = work
        self._success = success
        self._failure = failure
        self._cancelled = cancelled
        self._relay = _relay()
        self._ticket = self._relay.register(self)
        relay, ticket = self._relay, self._ticket
        self.task = Task(lambda done, total: relay.progressed.emit(ticket, done, total))
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._waiting = False
        self._handled = False
        self._thread: threading.Thread | None = None
        self.progress: QProgressDialog | None = None
        if label is not None:
            self.progress = _progress_dialog(parent, label, cancellable=cancellable)
            self.progress.canceled.connect(self.cancel)

    def start(self, worker: DbWorker | None = None) -> Operation:
        """Run the work on a thread of its own, or after the jobs queued on ``worker``."""
        run = functools.partial(_run, self._relay, self._ticket, self._work, self.task)
        if worker is not None:
            worker.submit(run, _ignore)
            return self
        self._thread = threading.Thread(target=run, name="coetracker-op", daemon=False)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next ``task.check()``)."""
        self.task.cancel()

    def join(self, timeout: float | None = None) -> bool:
        """Block until the work's thread ended (shutdown, tests); True if it did."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress is not None and not self.done:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _deliver(self, outcome: tuple[Any, BaseException | None]) -> None:
        self.result, self.error = outcome
        self.done = True
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if not (self._waiting and self._success is None and self._failure is None):
            self._handled = True
            self._call_back()

    def _call_back(self) -> None:
        error = self.error
        if error is None:
            if self._success is not None:
                self._success(self.result)
            return
        if isinstance(error, OperationCancelledError):
            if self._cancelled is not None:
                self._cancelled()
            return
        if not isinstance(error, Exception):
            raise error
        if self._failure is not None:
            self._failure(error)
        else:
            dialogs.report(self._parent, error)  # one sentence, or re-raised: a bug

    def wait(self) -> Any:
        """Turn the event loop until the work is done; its result (None if it failed).

        Without ``success`` and ``failure`` callbacks, an error is raised here instead of
        being reported, for the waiting flow to handle as it would a direct call's.
        """
        self._waiting = True
        loop = QEventLoop()
        while not self.done:
            # Until the (modal) progress dialog shows, clicks and keys wait their turn: the
            # flow that waits here is not entered a second time.
            shown = self.progress is not None and self.progress.isVisible()
            flags = (
                QEventLoop.ProcessEventsFlag.AllEvents
                if shown
                else QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
            )
            loop.processEvents(flags | QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if self.error is not None and not self._handled:
            raise self.error
        return self.result


def _ignore(_result: object) -> None:
    """The database worker's own callback: the outcome travels through the relay instead."""


def _progress_dialog(parent: QWidget | None, label: str, *, cancellable: bool) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setObjectName("operationProgress")
    dialog.setLabelText(label)
    dialog.setWindowTitle(QCoreApplication.translate("Operations", "COE Tracker"))
    if cancellable:
        dialog.setCancelButtonText(QCoreApplication.translate("Operations", "Cancel"))
    else:
        dialog.setCancelButton(None)
    dialog.setRange(0, 0)  # busy until the first report
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(_SHOW_AFTER_MS)
    return dialog


def op(
    parent: QWidget | None,
    work: Callable[[Task], T],
    *,
    success: Callable[[T], None] | None = None,
    failure: Failure | None = None,
    cancelled: Callable[[], None] | None = None,
    label: str | None = None,
    cancellable: bool = False,
    worker: DbWorker | None = None,
) -> Operation:
    """Run ``work(task)`` off the GUI thread, then ``success(result)`` on it.

    ``label`` shows a progress dialog (after a moment) with that text, and a Cancel button when
    ``cancellable``. ``failure(error)`` receives every error but a cancellation; without it a
    user-facing error is shown as a sentence and a bug goes to the crash hook. Returns the
    started :class:`Operation`. With ``worker`` the work runs on that worker's thread after the
    jobs queued there (a restore, which no load may overlap).
    """
    return Operation(
        parent,
        work,
        success=success,
        failure=failure,
        cancelled=cancelled,
        label=label,
        cancellable=cancellable,
    ).start(worker)
