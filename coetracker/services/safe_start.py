"""The checks every start makes before a database file is opened: is it ours, was it set aside.

:func:`guard_start` runs first in :func:`~coetracker.services.opening.open_app_database` (window
and command line alike):

1. A file that is not ours (:mod:`coetracker.storage.ownership`) raises :class:`ForeignFileError`
   and is left byte-identical: no migration, no WAL switch, no ``.corrupt`` rename.
2. A database set aside earlier (:mod:`coetracker.storage.setaside`) raises the same
   :class:`~coetracker.services.opening.DamagedDatabaseError` as the start that set it aside,
   naming the damaged file and the backups, until a backup is restored or the user starts an
   empty database with :func:`start_empty_database` (``--new-database``, or the window's
   "Start an empty database").

:func:`remember` adds a file to the databases this installation has opened, once it opened.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.errors import UserFacingError
from coetracker.paths import DB_FILENAME, AppPaths
from coetracker.storage import migrate, recovery, setaside
from coetracker.storage.backup import open_readonly
from coetracker.storage.ownership import KnownDatabases, Ownership, judge
from coetracker.storage.schema_check import (
    differences,
    expected_schema,
    head_differences,
    read_schema,
)

__all__ = [
    "DatabaseInPlaceError",
    "ForeignFileError",
    "ForeignSchemaError",
    "Ownership",
    "check_schema",
    "guard_start",
    "remember",
    "start_empty_database",
]

log = logging.getLogger(__name__)


class ForeignFileError(UserFacingError):
    """The file given as the database is not a COE Tracker database; it was not touched."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "{path} is not a COE Tracker database, so it was neither opened nor "
                    "changed: choose a COE Tracker database, or a new file name to start one.",
                ),
                path=path,
            ),
            detail="not our database",
        )
        self.path = path


class ForeignSchemaError(UserFacingError):
    """A file with our revision whose tables, indexes, triggers or views are not what we make."""

    def __init__(self, path: Path, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "{path} does not have the tables, columns, indexes, triggers and views this "
                    "version of COE Tracker makes (something was added to it or removed from "
                    "it), so it was not used and was left unchanged; restore a backup, or "
                    "contact support.",
                ),
                path=path,
            ),
            detail=detail or "schema differs",
        )
        self.path = path


def check_schema(path: Path, *, live: bool) -> None:
    """Raise :class:`ForeignSchemaError` unless ``path`` has exactly our schema of its revision.

    ``live``: the database in use (normal locking) rather than a backup file. A new file (no
    revision) and a file of a newer version (refused elsewhere) pass.
    """
    revision = migrate.read_revision(path)
    if revision is None or not migrate.is_known_revision(revision):
        return
    conn = open_readonly(path, live=live)
    try:
        if revision == migrate.head_revision():
            problems = head_differences(conn, revision)
        else:
            problems = differences(read_schema(conn), expected_schema(revision))
    finally:
        conn.close()
    if problems:
        log.error("Schema differs from this version's: %s", "; ".join(problems[:5]))
        raise ForeignSchemaError(path, detail="; ".join(problems[:5]))


class DatabaseInPlaceError(UserFacingError):
    """``--new-database`` where a database file still is: nothing is replaced."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "There is already a database file at {path}, so no empty database was "
                    "started: an empty database is only started where a damaged one was set "
                    "aside. Nothing was changed.",
                ),
                path=path,
            ),
            detail="new database refused: file in place",
        )


def _remembered(paths: AppPaths, db_path: Path) -> bool:
    default = (paths.data_dir / DB_FILENAME).resolve()
    return db_path.resolve() == default or db_path in KnownDatabases(paths.data_dir)


def ownership(paths: AppPaths, db_path: Path) -> Ownership:
    """Whether the database file of ``paths`` is ours, new, or foreign (nothing is written)."""
    return judge(db_path, remembered=_remembered(paths, db_path))


def guard_start(paths: AppPaths, db_path: Path) -> Ownership:
    """Refuse a foreign file or a database set aside earlier; return the file's ownership.

    Raises :class:`ForeignFileError`, or
    :class:`~coetracker.services.opening.DamagedDatabaseError` while a set-aside marker stands.
    """
    from coetracker.services.opening import DamagedDatabaseError

    owner = ownership(paths, db_path)
    if owner is Ownership.FOREIGN:
        log.error("Refused to open a file that is not a COE Tracker database")
        raise ForeignFileError(db_path)
    marker = setaside.pending(db_path)
    if marker is not None:
        log.error("The database was set aside earlier: not opening or creating one in its place")
        report = recovery.report_set_aside(
            db_path, marker.moved_to, [paths.backup_dir], "set aside earlier"
        )
        raise DamagedDatabaseError(report)
    return owner


def start_empty_database(paths: AppPaths) -> Path | None:
    """The explicit way out after a damaged database was set aside: allow an empty one.

    Returns where the damaged file was set aside (``None`` if none was). The empty database is
    created by the next open. Raises :class:`DatabaseInPlaceError` when a file is at the path.
    """
    db_path = paths.db_path
    if db_path is None:
        return None
    marker = setaside.pending(db_path)
    if os.path.lexists(db_path):
        raise DatabaseInPlaceError(db_path)
    setaside.clear(db_path)
    if marker is not None:
        log.info("The user chose to start an empty database after one was set aside")
    return marker.moved_to if marker is not None else None


def remember(paths: AppPaths, db_path: Path) -> None:
    """Remember ``db_path`` as a database of ours (it opened and carries our schema)."""
    KnownDatabases(paths.data_dir).add(db_path)
