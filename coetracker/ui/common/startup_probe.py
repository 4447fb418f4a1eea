"""Start-up timing for the benchmark: report when the case list is painted with its rows, then
quit.

Inactive unless the environment variable ``COETRACKER_STARTUP_PROBE`` is set (the benchmark sets
it). With the value ``rows``, once a table view has painted its viewport while its model holds
at least one row (what a user can start working with), one line is printed on stdout::

    COETRACKER_WINDOW_SHOWN <seconds since the epoch> <CPU seconds of the process so far>

and the application quits with status 0. Any other value reports the first shown window instead
(an empty window a user cannot use yet). The benchmark compares that wall-clock time with the
moment it started the process, for the bundle, the source tree and a bare PySide6 window alike;
the CPU time (all threads, from the start of the process) is what the paint cost, less disturbed
by other work on a shared machine and not counting what runs after the paint.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

ENV_PROBE = "COETRACKER_STARTUP_PROBE"
MARKER = "COETRACKER_WINDOW_SHOWN"


class _ShownProbe(QObject):
    """Event filter on the application: the first painted rows (or shown window) end the run."""

    def __init__(self, app: QApplication, *, rows: bool) -> None:
        super().__init__(app)
        self._app = app
        self._rows = rows
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._fired and self._done(watched, event):
            self._fired = True
            QTimer.singleShot(0, self._report)
        return False

    def _done(self, watched: QObject, event: QEvent) -> bool:
        if not self._rows:
            return (
                event.type() == QEvent.Type.Show
                and isinstance(watched, QWidget)
                and watched.isWindow()
            )
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        view = watched.parent()
        if not isinstance(view, QAbstractItemView) or view.viewport() is not watched:
            return False
        model = view.model()
        return model is not None and model.rowCount() > 0 and view.isVisible()

    def _report(self) -> None:
        print(f"{MARKER} {time.time():.6f} {time.process_time():.6f}", flush=True)
        sys.stdout.flush()
        self._app.quit()


def install_startup_probe(app: QApplication) -> bool:
    """Watch for the first painted rows (or shown window) when ``COETRACKER_STARTUP_PROBE`` is
    set; else nothing."""
    value = os.environ.get(ENV_PROBE)
    if not value:
        return False
    app.installEventFilter(_ShownProbe(app, rows=value == "rows"))
    return True
