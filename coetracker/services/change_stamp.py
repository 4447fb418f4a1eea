"""Whether anything was committed to a database file since a moment: the start-up's first rows
are kept by the full opening when nothing was (see :mod:`coetracker.ui.window.first_paint`).

SQLite changes ``PRAGMA data_version`` on a connection whenever another connection (of any
process) commits to the file; a read-only connection of the stamp's own reads it when the stamp
is taken and once more when asked.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

__all__ = ["ChangeStamp"]

log = logging.getLogger(__name__)


class ChangeStamp:
    """Whether anything was committed to a database file since the stamp was taken.

    Its connection only reads (``mode=ro``, ``query_only``). :meth:`unchanged` answers once,
    from any thread, and lets the connection go; so does :meth:`close`.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = connection
        self._first = self._version(connection)

    @classmethod
    def take(cls, db_path: Path) -> ChangeStamp | None:
        """A stamp of the file now, or None when it cannot be read (nothing can be kept)."""
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(
                f"{db_path.resolve().as_uri()}?mode=ro",
                uri=True,
                check_same_thread=False,
                isolation_level=None,
            )
            connection.execute("PRAGMA query_only=ON")
            return cls(connection)
        except (sqlite3.Error, OSError, ValueError) as problem:
            log.info("No change stamp for the first rows: %s", type(problem).__name__)
            if connection is not None:
                connection.close()
            return None

    @staticmethod
    def _version(connection: sqlite3.Connection) -> int:
        rows = connection.execute("PRAGMA data_version").fetchall()
        return int(rows[0][0])

    def unchanged(self) -> bool:
        """True when nobody has committed since the stamp was taken (asked once: the
        connection closes; later answers are False, and so is any error)."""
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is None:
            return False
        try:
            return self._version(connection) == self._first
        except sqlite3.Error:
            return False
        finally:
            connection.close()

    def close(self) -> None:
        """Let the connection go without asking."""
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
