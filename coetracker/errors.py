"""Classified, user-facing errors for the environment problems a user can act on.

A locked, full, read-only or damaged database is not a bug: the user should see one calm,
translated sentence that says what happened and what to do, never a traceback. Each class here
carries such a sentence as a :class:`~coetracker.domain.messages.Message` (context
``"DataSafety"``) and a short technical ``detail`` for the log.

:func:`classify_sqlite_error` turns a raw :mod:`sqlite3` error (bare, or wrapped by SQLAlchemy
in ``OperationalError``/``DatabaseError``, or raised as the cause of another exception) into one
of these classes. It reads SQLite's numeric result code when the exception carries one and falls
back to the first line of the driver's text otherwise. Neither the message nor the detail ever
contains the exception text: SQLAlchemy puts the statement and its parameters (names, passport
numbers, dates of birth) into ``str(exc)``, so only fixed sentences, file paths chosen by the
program, and SQLite's symbolic code names (``SQLITE_BUSY``) leave this module.

Typical use at a service boundary::

    try:
        save(...)
    except Exception as exc:
        classified = classify_sqlite_error(exc)
        if classified is None:
            raise  # a bug: the crash handler reports it
        raise classified from exc
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

__all__ = [
    "AlreadyRunningError",
    "CannotOpenDatabaseError",
    "CorruptDatabaseError",
    "DatabaseLockedError",
    "DiskFullError",
    "DiskIOError",
    "InvalidBackupError",
    "NewerSchemaError",
    "ReadOnlyDatabaseError",
    "StrayJournalError",
    "UserFacingError",
    "classify_sqlite_error",
]

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
SQLITE_IOERR_NOMEM = SQLITE_IOERR | (12 << 8)


class UserFacingError(Exception):
    """An environment problem shown to the user as a translated sentence, never a traceback.

    ``message`` is what the GUI or CLI renders; ``detail`` is a short technical note for the log
    (exception type and SQLite code name), free of personal data.
    """

    def __init__(self, msg: Message, *, detail: str = "") -> None:
        super().__init__(msg.render())
        self.message = msg
        self.detail = detail

    def __str__(self) -> str:
        return self.message.render()


class DatabaseLockedError(UserFacingError):
    """Another connection held the write lock for longer than the busy timeout."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database is busy: another COE Tracker window or command is saving. "
                    "Nothing was lost. Please try again in a moment.",
                ),
            ),
            detail=detail,
        )


class DiskFullError(UserFacingError):
    """The disk (or a size limit) ran out of space; SQLite rolled the change back."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The disk is full, so the change was not saved. The database is unchanged "
                    "and intact. Free some disk space, then save again.",
                ),
            ),
            detail=detail,
        )


class ReadOnlyDatabaseError(UserFacingError):
    """The database file, its folder or the connection does not allow writing."""

    def __init__(self, *, db_path: Path | None = None, detail: str = "") -> None:
        if db_path is None:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database is read-only (the file or its folder cannot be written), "
                    "so nothing was saved. The data is unchanged.",
                ),
            )
        else:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database {path} is read-only (the file or its folder cannot be "
                    "written), so nothing was saved. The data is unchanged.",
                ),
                path=db_path,
            )
        super().__init__(msg, detail=detail)
        self.db_path = db_path


class CannotOpenDatabaseError(UserFacingError):
    """SQLite could not open the file: missing folder, no permission, or a locked drive."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database file could not be opened. Check that its folder exists and "
                    "that you may read and write it.",
                ),
            ),
            detail=detail,
        )


class DiskIOError(UserFacingError):
    """The operating system reported a read or write error below SQLite."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The disk reported an error while reading or writing the database. The last "
                    "change may not have been saved. Check the drive, then try again.",
                ),
            ),
            detail=detail,
        )


class CorruptDatabaseError(UserFacingError):
    """The database file is damaged.

    After start-up recovery ``moved_to`` names where the damaged file was set aside (unchanged)
    and ``backup`` the newest backup that passed ``integrity_check``, if any. Raised from a
    running session (classified from a SQLite error) both are ``None``.
    """

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        moved_to: Path | None = None,
        backup: Path | None = None,
        backup_facts: Message | None = None,
        note: Message | None = None,
        detail: str = "",
    ) -> None:
        if moved_to is None:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database file is damaged. Close COE Tracker and start it again: the "
                    "damaged file will be set aside unchanged and your newest backup offered.",
                ),
            )
        elif backup is None:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database file was damaged. It has been moved, unchanged, to {moved_to}. "
                    "No intact backup was found; keep that file and contact support. COE Tracker "
                    "opens no database here until you restore a backup or choose to start an "
                    "empty database (--new-database on the command line).",
                ),
                moved_to=moved_to,
            )
        else:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database file was damaged. It has been moved, unchanged, to {moved_to}. "
                    "The newest intact backup, {backup} ({facts}), can restore your data. COE "
                    "Tracker opens no database here until you restore a backup or choose to "
                    "start an empty database (--new-database on the command line).",
                ),
                moved_to=moved_to,
                backup=backup,
                facts=backup_facts or "",
            )
        if note is not None:
            msg = message(
                "DataSafety", QT_TRANSLATE_NOOP("DataSafety", "{text} {note}"), text=msg, note=note
            )
        super().__init__(msg, detail=detail)
        self.db_path = db_path
        self.moved_to = moved_to
        self.backup = backup


class NewerSchemaError(UserFacingError):
    """The database (or a backup) has a schema revision this version does not know."""

    def __init__(self, *, revision: str | None, detail: str = "") -> None:
        if revision is None:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "This file has no COE Tracker schema version, so it cannot be opened or "
                    "restored by this version of COE Tracker.",
                ),
            )
        else:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "This database was written by a newer version of COE Tracker (schema "
                    "{revision}). Install the newer version to open it; the file was not changed.",
                ),
                revision=revision,
            )
        super().__init__(msg, detail=detail)
        self.revision = revision


class InvalidBackupError(UserFacingError):
    """A file offered for restore is not an SQLite database, or fails ``integrity_check``."""

    def __init__(self, *, path: Path, is_sqlite: bool, detail: str = "") -> None:
        if not is_sqlite:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "{path} is not a COE Tracker database or backup. Nothing was changed.",
                ),
                path=path,
            )
        else:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The backup {path} is damaged (its integrity check failed). Nothing was "
                    "changed; choose an older backup.",
                ),
                path=path,
            )
        super().__init__(msg, detail=detail)
        self.path = path
        self.is_sqlite = is_sqlite


class StrayJournalError(UserFacingError):
    """Journal files of an earlier database file still sit beside the database path.

    SQLite pairs a ``-wal`` or ``-journal`` file with its database by name only. Putting another
    file at that name would replay the old changes into it and damage it, and the program never
    moves or deletes journal files itself, so the user (or support) has to move them.
    """

    def __init__(self, *, db_path: Path, journals: Sequence[Path], detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "Files left by an earlier database ({journals}) are still beside {path}. "
                    "They hold its last changes and would damage any other file put in its "
                    "place, so nothing was changed. Move them, together with the database file "
                    "they belong to, into another folder, then try again.",
                ),
                journals=", ".join(str(j) for j in journals),
                path=db_path,
            ),
            detail=detail,
        )
        self.db_path = db_path
        self.journals = tuple(journals)


class AlreadyRunningError(UserFacingError):
    """Another COE Tracker process holds the database's instance lock."""

    def __init__(
        self,
        *,
        host: str | None,
        pid: int | None,
        started: dt.datetime | None = None,
        other_host: bool = False,
        detail: str = "",
    ) -> None:
        if host is None or pid is None:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "COE Tracker is already running with this database. Switch to that window, "
                    "or close it first.",
                ),
            )
        elif other_host:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "This database is in use by COE Tracker on computer {host} (process {pid}). "
                    "Close it there first. Only if that computer has crashed, open the database "
                    "anyway.",
                ),
                host=host,
                pid=pid,
            )
        else:
            msg = message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "COE Tracker is already running with this database (process {pid} on "
                    "{host}). Switch to that window, or close it first.",
                ),
                host=host,
                pid=pid,
            )
        super().__init__(msg, detail=detail)
        self.host = host
        self.pid = pid
        self.started = started
        self.other_host = other_host


# Fallback texts for drivers that do not expose result codes; matched on the first line only,
# because the rest of a SQLAlchemy error is the statement and its parameters.
_TEXT_CODES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"database (?:table |schema )?is locked|database is busy", re.I), SQLITE_BUSY),
    (re.compile(r"database or disk is full", re.I), SQLITE_FULL),
    (re.compile(r"attempt to write a readonly database|readonly database", re.I), SQLITE_READONLY),
    (re.compile(r"file is not a database|file is encrypted", re.I), SQLITE_NOTADB),
    (re.compile(r"disk image is malformed|malformed database schema", re.I), SQLITE_CORRUPT),
    (re.compile(r"unable to open database file", re.I), SQLITE_CANTOPEN),
    (re.compile(r"disk I/O error", re.I), SQLITE_IOERR),
)

_MAX_CHAIN = 8


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (SQLAlchemy ``orig``) and its causes, without cycles."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo and len(seen) < _MAX_CHAIN:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException):
            todo.append(orig)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                todo.append(linked)


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code
    if isinstance(getattr(exc, "orig", None), BaseException):
        return None  # a SQLAlchemy wrapper: the wrapped driver error is looked at next
    if isinstance(exc, sqlite3.Error) or type(exc).__name__ in {
        "OperationalError",
        "DatabaseError",
        "IntegrityError",
    }:
        lines = str(exc).splitlines()
        first = lines[0] if lines else ""
        for pattern, text_code in _TEXT_CODES:
            if pattern.search(first):
                return text_code
    return None


def _from_code(code: int, detail: str) -> UserFacingError | None:
    primary = code & 0xFF
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLockedError(detail=detail)
    if primary == SQLITE_FULL:
        return DiskFullError(detail=detail)
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return ReadOnlyDatabaseError(detail=detail)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptDatabaseError(detail=detail)
    if primary == SQLITE_CANTOPEN:
        return CannotOpenDatabaseError(detail=detail)
    if primary == SQLITE_IOERR and code != SQLITE_IOERR_NOMEM:
        return DiskIOError(detail=detail)
    return None


def _from_oserror(exc: OSError, detail: str) -> UserFacingError | None:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        return DiskFullError(detail=detail)
    if exc.errno == errno.EROFS:
        return ReadOnlyDatabaseError(detail=detail)
    return None


def classify_sqlite_error(exc: BaseException) -> UserFacingError | None:
    """Map a database or file-system failure to a :class:`UserFacingError`, or ``None``.

    Looks at the exception, the DB-API error a SQLAlchemy exception wraps (``orig``) and the
    ``__cause__``/``__context__`` chain. Returns ``None`` for anything that is not an environment
    problem (an ``IntegrityError`` is a bug or a validation gap, not the user's disk). The result
    never contains the exception's text, so no SQL parameter can leak through it.
    """
    for current in _chain(exc):
        if isinstance(current, UserFacingError):
            return current
        code = _sqlite_code(current)
        if code is not None:
            name = getattr(current, "sqlite_errorname", None) or f"code {code}"
            classified = _from_code(code, f"{type(current).__name__}: {name}")
            if classified is not None:
                return classified
        if isinstance(current, OSError):
            errname = errno.errorcode.get(current.errno or 0, str(current.errno))
            classified = _from_oserror(current, f"{type(current).__name__}: {errname}")
            if classified is not None:
                return classified
    from coetracker.server_errors import classify_server_error  # office server (PostgreSQL)

    return classify_server_error(exc)
