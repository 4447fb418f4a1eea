"""The first painted rows at start-up: reading them the fast way, and waiting for their paint.

:func:`read_first_rows` gives the cases of a usual database file read without SQLAlchemy (see
:mod:`coetracker.services.quick_open`); :func:`after_rows_painted` runs work that can wait (the
full opening, the integrity check, the features) once rows are on screen.

The rows come with a :class:`~coetracker.services.change_stamp.ChangeStamp` taken before they
were read: when nothing has been committed to the file since, the full opening keeps them instead
of reading and assessing every case a second time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from coetracker.paths import AppPaths
from coetracker.services.change_stamp import ChangeStamp

if TYPE_CHECKING:
    from coetracker.services.case_row import CaseRow
    from coetracker.ui.window.main_window import MainWindow

__all__ = ["FirstRows", "after_rows_painted", "read_first_rows"]

log = logging.getLogger(__name__)


class _PaintWatch(QObject):
    """Calls ``then`` (from the event loop) after the case table's next paint."""

    def __init__(self, window: MainWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.table.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self._window, self._then)
            self.deleteLater()
        return False


def after_rows_painted(window: MainWindow, count: int, then: Callable[[], None]) -> None:
    """Call ``then`` once the ``count`` rows just loaded are on screen (at once when there are
    none, or the table is not shown): work that can wait does not delay the first rows."""
    if count == 0 or not window.table.isVisible():
        QTimer.singleShot(0, window, then)
        return
    window.table.viewport().installEventFilter(_PaintWatch(window, then))


@dataclass(frozen=True, slots=True)
class FirstRows:
    """The cases read the fast way, on ``today``, and the stamp taken before they were read
    (None: the full opening reads them again)."""

    rows: list[CaseRow]
    today: dt.date
    stamp: ChangeStamp | None


def read_first_rows(paths: AppPaths, today: dt.date) -> FirstRows | None:
    """The cases for the first paint, read without SQLAlchemy when nothing about the file is
    unusual (:mod:`coetracker.services.quick_open`); None: open the full way first, as always.
    An unexpected failure here only costs the fast path."""
    from coetracker.services.quick_open import read_first_rows as read_fast

    if paths.db_path is None:
        return None
    stamp = ChangeStamp.take(paths.db_path)  # before the read: a commit after it shows
    try:
        rows = read_fast(paths, today=today)
    except Exception as problem:  # the full opening decides and reports
        log.warning("Fast first read not used: %s", type(problem).__name__)
        rows = None
    if rows is None:
        if stamp is not None:
            stamp.close()
        return None
    return FirstRows(rows, today, stamp)
