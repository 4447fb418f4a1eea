"""Whether a file is one of our databases, decided before anything opens it for writing.

COE Tracker opens, migrates, repairs or sets aside a file only when it is ours:

* it does not exist yet, is empty (0 bytes) or is a SQLite file without any table: new;
* its header carries our ``PRAGMA application_id`` (:data:`APPLICATION_ID`, bytes 68–71 of the
  header, set by migration ``0004_application_id``);
* it is a file the application has opened before (:class:`KnownDatabases`, a list in the data
  folder), so that a database of ours whose header was damaged is still recognised as damaged;
* it is the default database in the data folder (the folder is the application's own);
* it is an older database of ours from before the id existed: id 0 and an ``alembic_version``
  table with a revision this version knows, beside our ``case`` and ``applicant`` tables.

Anything else (a CSV, a text file, a folder, another program's SQLite database) is refused in
one sentence and left byte-identical: the check reads the first 100 bytes, and for an id-less
SQLite file its schema through an ``immutable`` read-only connection that creates nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from coetracker.fsutil import atomic_write_bytes

__all__ = ["APPLICATION_ID", "KnownDatabases", "Ownership", "header_application_id", "judge"]

log = logging.getLogger(__name__)

APPLICATION_ID = 0x434F4554
"""``PRAGMA application_id`` of COE Tracker databases: the ASCII bytes "COET" (1129268564)."""

_MAGIC = b"SQLite format 3\x00"
_HEADER = 100
_OUR_TABLES = frozenset({"alembic_version", "case", "applicant"})
KNOWN_FILE = "known-databases.txt"


class Ownership(StrEnum):
    """What :func:`judge` decided about a path."""

    NEW = "new"
    """Missing, empty, or a SQLite file with no table: ours to create."""
    OURS = "ours"
    FOREIGN = "foreign"
    """Not ours: never opened, migrated, repaired or moved."""


def header_application_id(path: Path) -> int | None:
    """The application id in a SQLite header, or ``None`` when the file has no SQLite header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER)
    except OSError:
        return None
    if len(header) < _HEADER or not header.startswith(_MAGIC):
        return None
    return int.from_bytes(header[68:72], "big")


class KnownDatabases:
    """The database files this installation has opened, one absolute path a line (0600)."""

    def __init__(self, data_dir: Path) -> None:
        self.file = data_dir / KNOWN_FILE

    def _paths(self) -> list[str]:
        try:
            return self.file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    def __contains__(self, path: object) -> bool:
        return isinstance(path, Path) and str(path.resolve()) in self._paths()

    def add(self, path: Path) -> None:
        """Remember ``path``; a folder that cannot be written only loses the memory."""
        entry = str(path.resolve())
        known = self._paths()
        if entry in known:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.file, "\n".join([*known, entry, ""]).encode("utf-8"))
        except OSError as exc:
            log.warning("Could not remember the database file: %s", type(exc).__name__)


def _schema_tables(path: Path) -> set[str] | None:
    """Table names read through an immutable read-only connection; ``None`` if unreadable."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
        tables = {str(row[0]) for row in rows}
        if "alembic_version" in tables:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is not None:
                tables.add(f"revision:{revision[0]}")
        return tables
    except sqlite3.Error:
        return None
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()


def judge(
    path: Path,
    *,
    remembered: bool,
    is_known_revision: Callable[[str], bool] = lambda _revision: True,
) -> Ownership:
    """Decide whether ``path`` is ours; ``remembered``: opened before, or our default file."""
    if not os.path.lexists(path):
        return Ownership.NEW
    if not path.is_file():
        return Ownership.FOREIGN  # a folder, a device: never ours to rename
    size = path.stat().st_size
    app_id = header_application_id(path)
    if app_id == APPLICATION_ID:
        return Ownership.OURS
    if remembered:
        return Ownership.OURS  # damaged or not, it is ours: the damage check decides
    if size == 0:
        return Ownership.NEW
    if app_id is None or app_id != 0:
        return Ownership.FOREIGN
    tables = _schema_tables(path)
    if tables is None:
        return Ownership.FOREIGN
    if not tables:
        return Ownership.NEW
    revisions = [name.removeprefix("revision:") for name in tables if name.startswith("revision:")]
    if tables >= _OUR_TABLES and revisions and all(is_known_revision(r) for r in revisions):
        return Ownership.OURS
    return Ownership.FOREIGN
