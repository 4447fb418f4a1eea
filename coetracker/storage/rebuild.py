"""Rebuilding damaged indexes: what ``integrity_check`` finds and ``quick_check`` does not.

An index that disagrees with its table ("row 28 missing from index …") leaves every row
readable: the data is all there, only a lookup structure is wrong. Setting the whole file aside
would lose every change since the last backup, so instead:

1. a copy of the database as it is, taken through SQLite's backup API (every page, the damaged
   index included), is kept beside it as ``<name>.YYYYMMDD-HHMMSS.before-rebuild`` (0600,
   fsynced; never deleted by the application);
2. ``REINDEX`` rebuilds every index from the tables, in one transaction;
3. ``integrity_check`` must then say ``ok``; otherwise the damage was not only in the indexes
   (a UNIQUE index over rows that now collide, say) and the caller treats the file as damaged.

:func:`rebuild_backup_copy` does the same to a temporary backup copy, so that backups keep
being made of what can be read while the live file waits for a restart.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sqlite3
from pathlib import Path

from coetracker.fsutil import fsync_dir, fsync_file, make_private

__all__ = ["check_lines", "integrity_problems", "rebuild_backup_copy", "rebuild_indexes"]

log = logging.getLogger(__name__)

_MAX_LINES = 5
_LENIENT = functools.partial(str, encoding="utf-8", errors="replace")


def check_lines(conn: sqlite3.Connection, pragma: str) -> list[str]:
    """The lines of a check pragma (``integrity_check``, ``quick_check``).

    A damaged page can put any bytes into a finding or into SQLite's error message (a name read
    from that page): invalid UTF-8 in a finding is replaced, and an error message Python cannot
    decode is reported as a finding of its own, never as a crash."""
    previous = conn.text_factory
    conn.text_factory = _LENIENT
    try:
        return [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    except UnicodeDecodeError:
        return [f"{pragma} stopped with an unreadable message (a damaged page)"]
    finally:
        conn.text_factory = previous


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``integrity_check``'s findings (empty when the file is intact)."""
    rows = check_lines(conn, "integrity_check")
    return [] if rows == ["ok"] else rows


def _reindex(path: Path, timeout: float) -> list[str]:
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("REINDEX")
            conn.execute("COMMIT")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
        return integrity_problems(conn)
    finally:
        conn.close()


def rebuild_indexes(db_path: Path, *, now: dt.datetime, timeout: float = 5.0) -> Path | None:
    """Keep a copy, REINDEX, verify; return the copy's path, or ``None`` if still damaged.

    On ``None`` the file may hold rebuilt indexes but is still damaged elsewhere; the copy
    taken first holds it as it was.
    """
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.{stamp}.before-rebuild")
    n = 2
    while kept.exists():
        kept = db_path.with_name(f"{db_path.name}.{stamp}-{n}.before-rebuild")
        n += 1
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    try:
        target = sqlite3.connect(kept)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            target.close()
    finally:
        source.close()
    make_private(kept)
    fsync_file(kept)
    fsync_dir(kept.parent)
    try:
        problems = _reindex(db_path, timeout)
    except sqlite3.Error as exc:
        log.error("REINDEX failed: %s", type(exc).__name__)
        return None
    if problems:
        log.error("Still damaged after REINDEX: %s", "; ".join(problems[:_MAX_LINES]))
        return None
    log.warning("Damaged indexes rebuilt; the file as it was is kept as %s", kept.name)
    return kept


def rebuild_backup_copy(copy: Path) -> bool:
    """REINDEX a temporary backup copy that failed ``integrity_check``; True if it now passes."""
    try:
        return not _reindex(copy, 5.0)
    except sqlite3.Error as exc:
        log.error("REINDEX of the backup copy failed: %s", type(exc).__name__)
        return False
