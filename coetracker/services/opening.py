"""Opening the application's database safely, for the GUI and the CLI alike.

The order matters: refuse a corrupt file (moving it aside byte-identical, offering the newest good
backup), refuse a newer schema without writing, back up before migrating, then open.

A database that cannot be written (the file, its ``-wal``/``-shm``, its folder, or the whole
drive is read-only) is opened read-only instead, and
:attr:`OpenedDatabase.read_only_reason` says why, for the window's banner. Such a database is
never written to: it is not migrated, not set aside when damaged, and every save raises
:class:`~coetracker.errors.ReadOnlyDatabaseError` with a clear sentence. When it cannot even be
shown read-only (missing, damaged, from an older version, or with changes in a ``-wal`` that
cannot be read without creating a ``-shm``), :class:`ReadOnlyOpenError` explains why, and nothing
was changed. A WAL database in a folder that cannot be written and without ``-wal`` changes is
opened ``immutable``, as SQLite cannot create its ``-shm`` there.

:func:`detect_read_only` does not trust :func:`os.access` alone, which says "writable" for
everything when running as root or ignores attributes such as ``chattr +i``: it also checks the
mount flags, opens the file for writing (without writing) and creates and removes a probe file
in the folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    CorruptDatabaseError,
    UserFacingError,
    classify_sqlite_error,
)
from coetracker.paths import AppPaths
from coetracker.storage import backup as backups
from coetracker.storage import migrate, recovery
from coetracker.storage.engine import (
    BackupHook,
    Database,
    OpenReport,
    ServerBackupHook,
    create_database_engine,
    open_database,
)
from coetracker.storage.rebuild import check_lines
from coetracker.storage.writable import _folder_writable as _folder_writable
from coetracker.storage.writable import detect_read_only as detect_read_only

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    """The open database and what happened while opening it."""

    database: Database
    report: OpenReport
    read_only_reason: Message | None = None
    """Why the database is open read-only (a sentence for a banner); ``None`` when writable."""
    integrity_pending: bool = False
    """The full integrity check was left for :func:`check_opened_database` (``check_later``)."""


def local_now() -> dt.datetime:
    """The current time, timezone-aware (backup names and rotation need it)."""
    return dt.datetime.now().astimezone()


def backup_hook(paths: AppPaths) -> BackupHook:
    """A callable that takes a verified backup of ``db_path`` into the paths' backup folder."""

    def take(db_path: Path, reason: str) -> Path | None:
        return backups.make_backup(
            db_path, paths.backup_dir, now=local_now(), reason=reason, force=True
        )

    return take


def server_backup_hook(paths: AppPaths) -> ServerBackupHook:
    """A callable that snapshots a server database into the paths' backup folder."""

    def take(engine: Engine, reason: str) -> Path | None:
        from coetracker.services.office import snapshot_backup

        return snapshot_backup(engine, paths.backup_dir, now=local_now(), reason=reason)

    return take


class DamagedDatabaseError(CorruptDatabaseError):
    """Start-up found the database damaged: it was moved aside and a backup may be offered."""

    def __init__(self, report: recovery.RecoveryReport) -> None:
        first = report.errors[0]
        super().__init__(
            db_path=report.health.db_path,
            moved_to=report.moved_to,
            backup=report.backup.path if report.backup else None,
            detail=first.detail,
        )
        self.message = first.message
        self.report = report


def open_app_database(
    paths: AppPaths, *, read_only: bool = False, check_later: bool = False
) -> OpenedDatabase:
    """Check, migrate (after a backup) and open the database the paths name.

    A damaged file is moved aside byte-identical and :class:`DamagedDatabaseError` raised, naming
    where it went and which backup can restore it; a new empty database is never quietly made
    in its place.

    A database whose location cannot be written, or any database when ``read_only`` is true, is
    opened read-only without any write (see the module documentation); the result's
    ``read_only_reason`` then says why. :class:`ReadOnlyOpenError` is raised when it cannot be
    shown read-only either.

    With ``check_later``, a database already at this version's revision (nothing to migrate,
    so nothing is written) opens without the full integrity check, which takes time in
    proportion to the file; the caller must then run :func:`check_opened_database` (the window
    does once its first rows are painted) and reopen without ``check_later`` if it fails.
    """
    from coetracker.services import safe_start

    db_path = paths.db_path
    pending = False
    if db_path is not None:
        owner = safe_start.guard_start(paths, db_path)
        reason = detect_read_only(db_path)
        if reason is None and read_only:
            reason = _requested_reason(db_path)
        if reason is not None:
            return _open_read_only(paths, db_path, reason)
        new_empty = owner is safe_start.Ownership.NEW and not _has_content(db_path)
        if not new_empty:
            pending = check_later and _schema_current(db_path)
            if not pending:
                _recover_or_raise(paths, db_path)
            try:
                safe_start.check_schema(db_path, live=True)
            except sqlite3.DatabaseError:
                if not pending:
                    raise
                pending = False  # unreadable schema: the full check decides what it is
                _recover_or_raise(paths, db_path)
                safe_start.check_schema(db_path, live=True)
    database, report_open = open_database(
        paths.db_url,
        backup=backup_hook(paths),
        read_only=read_only,
        server_backup=server_backup_hook(paths),
    )
    if db_path is not None and not read_only:
        safe_start.remember(paths, db_path)
    reason = _requested_reason(None) if read_only else None
    return OpenedDatabase(database, report_open, reason, integrity_pending=pending)


def _recover_or_raise(paths: AppPaths, db_path: Path) -> None:
    report = recovery.recover_if_damaged(db_path, paths.backup_dir, now=local_now())
    if report.needs_attention:
        raise DamagedDatabaseError(report)


def _schema_current(db_path: Path) -> bool:
    """Whether the file is an SQLite database stamped with this version's revision."""
    try:
        return migrate.read_revision(db_path) == migrate.head_revision()
    except sqlite3.Error:
        return False


def check_opened_database(paths: AppPaths) -> bool:
    """The integrity check ``check_later`` left out, read-only: True when the file is sound.

    False means it must be reopened without ``check_later``, which repairs damaged indexes or
    sets a damaged file aside and offers a backup.
    """
    if paths.db_path is None:
        return True
    health = recovery.check_database_file(paths.db_path)
    if not health.usable:
        log.error("Database %s: %s", paths.db_path.name, health.status.value)
    return health.usable


def _has_content(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


# --------------------------------------------------------------------------- read-only opening


class ReadOnlyOpenError(UserFacingError):
    """A database that can only be opened read-only cannot be shown either; nothing changed."""

    def __init__(self, msg: Message, *, db_path: Path, detail: str = "") -> None:
        super().__init__(msg, detail=detail)
        self.db_path = db_path


def _requested_reason(db_path: Path | None) -> Message:
    if db_path is None:
        return message(
            "DataSafety",
            QT_TRANSLATE_NOOP(
                "DataSafety",
                "The database was opened read-only, as requested: changes cannot be saved.",
            ),
        )
    return message(
        "DataSafety",
        QT_TRANSLATE_NOOP(
            "DataSafety",
            "The database {path} was opened read-only, as requested: changes cannot be saved.",
        ),
        path=db_path,
    )


def _is_wal_mode(db_path: Path) -> bool:
    with db_path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _damaged(db_path: Path, detail: str) -> ReadOnlyOpenError:
    return ReadOnlyOpenError(
        message(
            "DataSafety",
            QT_TRANSLATE_NOOP(
                "DataSafety",
                "The database file {path} is damaged. It could only be opened read-only, so it "
                "was left exactly as it is. Open it where it can be written to have it set aside "
                "and your newest backup offered.",
            ),
            path=db_path,
        ),
        db_path=db_path,
        detail=detail,
    )


def _immutable_revision(db_path: Path) -> str | None:
    """Check a WAL file that must be read without working files; return its revision.

    Opened ``immutable`` (no locks, no ``-wal``/``-shm``): only done when the folder cannot be
    written, so no other program can be changing it either.
    """
    uri = f"{db_path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            conn.execute("PRAGMA trusted_schema=OFF")
            rows = check_lines(conn, "quick_check")
            if rows != ["ok"]:
                raise _damaged(db_path, "read-only: quick_check failed")
            if not conn.execute(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone():
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
            raise _damaged(db_path, f"read-only: {type(exc).__name__}") from None
        classified = classify_sqlite_error(exc)
        if classified is None:
            raise
        raise classified from None


def _open_read_only(paths: AppPaths, db_path: Path, reason: Message) -> OpenedDatabase:
    """Open an existing, healthy, current database read-only; never write to it."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise ReadOnlyOpenError(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "There is no database at {path}, and it can only be opened read-only, so "
                    "none can be created there. Choose a folder you may write, or ask for write "
                    "access. Nothing was changed.",
                ),
                path=db_path,
            ),
            db_path=db_path,
            detail="read-only: no database file",
        )
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    # A WAL database needs its -shm: SQLite cannot make one in a folder that cannot be written.
    immutable = _is_wal_mode(db_path) and not shm.exists() and not _folder_writable(db_path.parent)
    if immutable and wal.exists() and wal.stat().st_size > 0:
        raise ReadOnlyOpenError(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database {path} cannot be opened, not even read-only: its last changes "
                    "are in the -wal file beside it, and SQLite cannot read them without making "
                    "a working file in that folder, which cannot be written. Copy the database "
                    "and its -wal file together into a folder you may write, or ask for write "
                    "access. Nothing was changed.",
                ),
                path=db_path,
            ),
            db_path=db_path,
            detail="read-only: WAL with changes, no -shm, folder not writable",
        )
    if immutable:
        revision = _immutable_revision(db_path)
        engine = create_database_engine(paths.db_url, read_only=True, immutable=True)
        database = Database(engine, path=db_path, read_only=True)
        report = OpenReport(revision, revision, None)
    else:
        health = recovery.check_database_file(db_path)
        if not health.usable:
            raise _damaged(db_path, f"read-only: {health.status.value}")
        database, report = open_database(paths.db_url, read_only=True, migrate_schema=False)
    if report.revision_after != migrate.head_revision():
        database.dispose()
        raise ReadOnlyOpenError(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database {path} must be updated for this version of COE Tracker before "
                    "it can be shown, and it can only be opened read-only. Open it where it can "
                    "be written, or ask for write access. Nothing was changed.",
                ),
                path=db_path,
            ),
            db_path=db_path,
            detail=f"read-only: revision {report.revision_after}",
        )
    log.info("Database opened read-only%s", " (immutable)" if immutable else "")
    return OpenedDatabase(database, report, reason)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The result of ``coetracker check``: one line per check."""

    ok: bool
    lines: list[Message] = field(default_factory=list)


def check_database(paths: AppPaths) -> CheckReport:
    """integrity_check, foreign_key_check and the schema revision, without changing anything."""
    lines: list[Message] = []
    ok = True
    path = paths.db_path
    if path is not None:
        from coetracker.services import safe_start

        try:
            safe_start.guard_start(paths, path)
            if path.exists():
                safe_start.check_schema(path, live=True)
        except (DamagedDatabaseError, safe_start.ForeignSchemaError) as error:
            return CheckReport(False, [error.message])
    if path is not None and not path.exists():
        return CheckReport(
            False,
            [
                message(
                    "Check",
                    QT_TRANSLATE_NOOP("Check", "No database at {path}."),
                    path=str(path),
                )
            ],
        )
    database, _report = open_database(paths.db_url, read_only=True, migrate_schema=False)
    try:
        with database.engine.connect() as connection:
            if database.engine.dialect.name == "sqlite":
                integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
                integrity_ok = integrity == ["ok"]
                ok &= integrity_ok
                lines.append(
                    message(
                        "Check",
                        QT_TRANSLATE_NOOP("Check", "Integrity: {result}"),
                        result=(
                            message("Check", QT_TRANSLATE_NOOP("Check", "ok"))
                            if integrity_ok
                            else "; ".join(integrity[:5])
                        ),
                    )
                )
                unreadable = _undecodable(connection)
                ok &= not unreadable
                if unreadable:
                    lines.append(
                        message(
                            "Check",
                            QT_TRANSLATE_NOOP(
                                "Check",
                                "Unreadable text: {count} values in {tables} (shown with "
                                "replacement characters; restore a backup to get them back)",
                            ),
                            count=sum(unreadable.values()),
                            tables=", ".join(sorted(unreadable)),
                        )
                    )
                violations = list(connection.exec_driver_sql("PRAGMA foreign_key_check"))
                ok &= not violations
                lines.append(
                    message(
                        "Check",
                        QT_TRANSLATE_NOOP("Check", "Foreign keys: {count} violations"),
                        count=len(violations),
                    )
                )
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        head = migrate.head_revision()
        current = revision == head
        ok &= current
        lines.append(
            message(
                "Check",
                QT_TRANSLATE_NOOP("Check", "Schema revision: {revision} (this version: {head})"),
                revision=revision or "-",
                head=head,
            )
        )
    finally:
        database.dispose()
    return CheckReport(ok, lines)


def _undecodable(connection: Any) -> dict[str, int]:
    from coetracker.storage.text_scan import undecodable_text

    raw = connection.connection.driver_connection
    return undecodable_text(raw) if isinstance(raw, sqlite3.Connection) else {}
