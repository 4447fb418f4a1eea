"""The fast first read: a checked, read-only ``sqlite3`` connection, or None to take the full path.

Opening through :func:`~coetracker.services.opening.open_app_database` imports SQLAlchemy and
Alembic, which costs more than reading the cases of a usual database. Most starts find nothing
unusual: the file is ours, at this version's revision, with our schema, writable, not set
aside. :func:`open_for_first_read` checks exactly that with the standard library alone and
returns a connection that cannot write (``mode=ro``, ``query_only``, ``trusted_schema`` off),
for the window's first rows and for ``coetracker due`` / ``list``.

Anything unusual returns ``None``, and the caller opens the full way, which shows the same
dialogs and messages as always: a foreign file, a database set aside, a file of another
revision (migration, or a newer version), a schema that differs, a read-only location, a hot
rollback journal, an office server, or any SQLite error while checking. Nothing is written
here. The integrity check is not weakened: ``check_integrity`` runs it on the connection (the
command line), or the window runs it after the first paint as it always has.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coetracker.paths import DB_FILENAME, AppPaths
from coetracker.storage.migrations.head import (
    HEAD_INDEXES,
    HEAD_REVISION,
    HEAD_TABLES,
    HEAD_TRIGGERS,
    HEAD_VIEWS,
)
from coetracker.storage.ownership import KnownDatabases, Ownership, judge
from coetracker.storage.rebuild import integrity_problems
from coetracker.storage.schema_check import Schema, differences, read_schema
from coetracker.storage.writable import detect_read_only

if TYPE_CHECKING:
    from coetracker.services.case_row import CaseRow

__all__ = ["HEAD_SCHEMA", "open_for_first_read", "plain_case_reader", "read_first_rows", "unusual"]

log = logging.getLogger(__name__)

SET_ASIDE_SUFFIX = ".set-aside"
"""The marker :mod:`coetracker.storage.setaside` leaves beside a database set aside."""

HEAD_SCHEMA = Schema(frozenset(HEAD_TABLES.items()), HEAD_INDEXES, HEAD_TRIGGERS, HEAD_VIEWS)
"""The schema this version's migrations make (generated constants; a test keeps them true)."""


def unusual(paths: AppPaths) -> str | None:
    """Why the database of ``paths`` must be opened the full way (technical words for the log),
    or ``None`` when the file checks allow the fast read. Reads only; creates nothing but the
    folder's write probe (removed at once)."""
    db_path = paths.db_path
    if db_path is None:
        return "not a file"
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return "no database yet"
    if judge(db_path, remembered=_remembered(paths, db_path)) is not Ownership.OURS:
        return "not known as ours"
    if _beside(db_path, SET_ASIDE_SUFFIX).exists():
        return "set aside, or a restore not finished"
    if detect_read_only(db_path) is not None:
        return "read-only location"
    journal = _beside(db_path, "-journal")
    if journal.is_file() and journal.stat().st_size > 0:
        return "rollback journal present"
    return None


def _beside(db_path: Path, suffix: str) -> Path:
    return db_path.with_name(db_path.name + suffix)


def _remembered(paths: AppPaths, db_path: Path) -> bool:
    """As :func:`coetracker.services.safe_start.ownership` decides it."""
    default = (paths.data_dir / DB_FILENAME).resolve()
    return db_path.resolve() == default or db_path in KnownDatabases(paths.data_dir)


def _connect(db_path: Path, timeout: float) -> sqlite3.Connection:
    """``mode=ro`` with SQLite's normal locking (another process may be writing), no writes."""
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _revision(conn: sqlite3.Connection) -> str | None:
    if not conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone():
        return None
    rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def _checked(conn: sqlite3.Connection, *, check_integrity: bool) -> str | None:
    """Why the open file is unusual, or ``None``."""
    revision = _revision(conn)
    if revision != HEAD_REVISION:
        return "another revision"
    if differences(read_schema(conn), HEAD_SCHEMA):
        return "schema differs"
    if check_integrity and integrity_problems(conn):
        return "integrity check failed"
    return None


def open_for_first_read(
    paths: AppPaths, *, check_integrity: bool = False, timeout: float = 5.0
) -> sqlite3.Connection | None:
    """A read-only connection to the database of ``paths`` when nothing about it is unusual,
    else ``None`` (the caller opens it the full way). The caller closes the connection."""
    reason = unusual(paths)
    conn: sqlite3.Connection | None = None
    if reason is None:
        assert paths.db_path is not None
        try:
            conn = _connect(paths.db_path, timeout)
            reason = _checked(conn, check_integrity=check_integrity)
        except sqlite3.Error as problem:
            reason = f"SQLite {type(problem).__name__}"
    if reason is None:
        return conn
    if conn is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
    log.info("Opening the database the full way: %s", reason)
    return None


def plain_case_reader() -> Callable[..., list[CaseRow]]:
    """The case list over a DB-API connection (``services.caselist.read_case_list``), imported
    when first needed."""
    from coetracker.services.caselist import read_case_list

    return read_case_list


def read_first_rows(
    paths: AppPaths,
    *,
    today: dt.date,
    reader: Callable[..., list[CaseRow]] | None = None,
) -> list[CaseRow] | None:
    """Every case, assessed on ``today``, read the fast way for the window's first paint; or
    ``None`` when the file is unusual or the reading fails (``reader``: the case list over a
    connection; default :func:`plain_case_reader`). The rows' search texts are left unfolded:
    the window folds them once the rows are painted (``fold_search_texts``).
    The window runs the integrity check after its first paint, as it always has."""
    read = reader if reader is not None else plain_case_reader()
    conn = open_for_first_read(paths)
    if conn is None:
        return None
    try:
        return read(conn, today=today, fold_search=False)
    except sqlite3.Error as problem:
        log.info("First read failed, opening the full way: %s", type(problem).__name__)
        return None
    finally:
        conn.close()
