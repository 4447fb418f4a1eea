"""Start-up timing for the benchmark: report when the main window is up, then quit.

Inactive unless the environment variable ``COETRACKER_STARTUP_PROBE`` is set (the benchmark sets
it). Then, once the first top-level window has been shown and the event loop has gone idle
(its first paint done), one line is printed on stdout::

    COETRACKER_WINDOW_SHOWN <seconds since the epoch>

and the application quits with status 0. The benchmark compares that wall-clock time with the
moment it started the process, for the bundle, the source tree and a bare PySide6 window alike.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_PROBE = "COETRACKER_STARTUP_PROBE"
MARKER = "COETRACKER_WINDOW_SHOWN"


class _ShownProbe(QObject):
    """Event filter on the application: the first Show of a top-level window ends the run."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._fired
            and event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self._fired = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"{MARKER} {time.time():.6f}", flush=True)
        sys.stdout.flush()
        self._app.quit()


def install_startup_probe(app: QApplication) -> bool:
    """Watch for the first shown window when ``COETRACKER_STARTUP_PROBE`` is set; else nothing."""
    if not os.environ.get(ENV_PROBE):
        return False
    app.installEventFilter(_ShownProbe(app))
    return True
