"""Noticing that someone else committed to the database, cheaply, for live refresh.

* PostgreSQL: a dedicated connection ``LISTEN``\\ s on the channel every write transaction
  ``NOTIFY``\\ s in (:func:`coetracker.storage.postgres.install_change_notify`). Polling reads the
  notifications already received, without a round trip.
* SQLite: ``PRAGMA data_version`` on a dedicated read-only connection changes whenever another
  connection (another process, or this app's own pool) commits.

:meth:`ChangeWatcher.poll` never raises for a server that went away: it reports
``reachable = False`` and reconnects on a later poll.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from coetracker.storage.postgres import CHANGE_CHANNEL

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3


def libpq_conninfo(url: URL) -> dict[str, Any]:
    """Keyword arguments for ``psycopg.connect`` from a SQLAlchemy URL (password included)."""
    params: dict[str, Any] = {
        key: value for key, value in url.query.items() if isinstance(value, str)
    }
    for key, value in (
        ("host", url.host),
        ("port", url.port),
        ("dbname", url.database),
        ("user", url.username),
        ("password", url.password),
    ):
        if value is not None:
            params[key] = value
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    return params


class ChangeWatcher:
    """Tells whether another connection committed since the last :meth:`poll`."""

    def __init__(self, url: URL, *, sqlite_file: Path | None) -> None:
        self._url = url
        self._sqlite_file = sqlite_file
        self._sqlite: sqlite3.Connection | None = None
        self._pg: Any = None
        self._data_version: int | None = None
        self.reachable = True

    def _connect(self) -> None:
        if self._sqlite_file is not None:
            uri = f"{self._sqlite_file.resolve().as_uri()}?mode=ro"
            self._sqlite = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._data_version = self._read_data_version()
            return
        import psycopg

        self._pg = psycopg.connect(**libpq_conninfo(self._url), autocommit=True)
        self._pg.execute(f"LISTEN {CHANGE_CHANNEL}")

    def _read_data_version(self) -> int:
        assert self._sqlite is not None
        rows = self._sqlite.execute("PRAGMA data_version").fetchall()  # statement finished
        return int(rows[0][0])

    def start(self) -> None:
        """Begin watching (changes committed before this are not reported)."""
        try:
            self._connect()
            self.reachable = True
        except Exception as exc:
            self.reachable = False
            log.info("Change watcher cannot connect yet: %s", type(exc).__name__)

    def poll(self) -> bool:
        """True when someone may have committed since the last poll (or since a reconnect)."""
        if self._sqlite is None and self._pg is None:
            self.start()
            return self.reachable  # after a reconnect anything may have changed
        try:
            if self._sqlite is not None:
                version = self._read_data_version()
                changed = version != self._data_version
                self._data_version = version
                return changed
            received = list(self._pg.notifies(timeout=0))
            if not received:
                self._pg.execute("SELECT 1")  # notices a dead connection
                received = list(self._pg.notifies(timeout=0))
            return bool(received)
        except Exception as exc:
            log.info("Change watcher lost its connection: %s", type(exc).__name__)
            self.close()
            self.reachable = False
            return False

    def close(self) -> None:
        for connection in (self._sqlite, self._pg):
            if connection is not None:
                with contextlib.suppress(Exception):
                    connection.close()
        self._sqlite = None
        self._pg = None
