"""Cyclic garbage collection on the window's thread only.

Python's automatic collector runs on whichever thread happens to allocate when a generation is
full. In the window that may be a worker thread (opening the database, an import, an export),
and a pass there frees whatever unreachable Qt objects it finds — a dialog closed a moment ago,
a model of a pane rebuilt — on that thread, while the window's thread may be painting them: Qt
crashes (a segmentation fault, with nothing saved of what was being typed). The remedy is the
one pyqtgraph and other Qt programs use.

:class:`GuiCollector` switches automatic collection off for the process and, from a timer on
the window's thread, collects what automatic collection would have collected by then
(:func:`coetracker.pacing.collect_due`). It skips its turn while bulk work holds a
:func:`coetracker.pacing.collector_paused`, exactly as automatic collection would have waited.
The timer starts once the first rows are painted: a pass over 100,000 fresh rows before they
are on screen would only delay them.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

from coetracker.pacing import collect_due, collector_pausing

__all__ = ["COLLECT_EVERY_MS", "GuiCollector"]

log = logging.getLogger(__name__)

COLLECT_EVERY_MS = 500
"""How often the window's thread collects what is due (a young-generation pass is well under a
millisecond when little was allocated)."""


class GuiCollector(QObject):
    """Takes cyclic garbage collection off every thread but its own (see the module's text)."""

    def __init__(self, parent: QObject | None = None, *, every_ms: int = COLLECT_EVERY_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.collect)

    def take_over(self) -> None:
        """Switch automatic collection off; nothing is collected until :meth:`start`."""
        gc.disable()

    def start(self) -> None:
        """Begin collecting on this thread (again: a second call changes nothing)."""
        gc.disable()  # in case something switched it on since take_over
        if not self._timer.isActive():
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def collect(self) -> int:
        """Collect what is due now, unless bulk work has paused collection; return how many
        unreachable objects were found."""
        if collector_pausing():
            return 0
        found = collect_due()
        if found:
            log.debug("collected %d unreachable objects", found)
        return found
