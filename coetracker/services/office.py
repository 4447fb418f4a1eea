"""The office database on a server: snapshot backups into SQLite files, restore, copy-to.

* :func:`snapshot_backup` reads the server database in one ``REPEATABLE READ, READ ONLY``
  transaction holding the backup advisory lock (one backup at a time, office-wide) and writes it
  into a new SQLite file of the same schema in the backup folder, named like every other backup,
  so the app can open it, ``check`` it and restore it.
* :func:`restore_into_server` replaces every row of the server database with a backup file's,
  after a snapshot backup of what is there, holding the restore advisory lock.
* :func:`copy_to` copies the open database (file or server) into an empty other one, keeping
  every id and the audit history.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import Engine

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.errors import UserFacingError, classify_sqlite_error
from coetracker.paths import ensure_private_dir, ensure_private_file, is_database_url, sqlite_url
from coetracker.storage import backup as storage
from coetracker.storage import migrate
from coetracker.storage.copy import (
    CopyReport,
    SchemaMismatchError,
    TargetNotEmptyError,
    copy_database,
    revision_of,
)
from coetracker.storage.engine import (
    WRITE_OPTION,
    Database,
    create_database_engine,
    open_database,
)
from coetracker.storage.postgres import AdvisoryLock

log = logging.getLogger(__name__)


class TargetNotEmptyUserError(UserFacingError):
    """``copy-to`` found cases or history in the target: nothing was copied."""

    def __init__(self) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The target database already holds cases or history: copy only into an "
                    "empty database. Nothing was copied.",
                ),
            ),
            detail="target not empty",
        )


class ReplaceRequiredError(UserFacingError):
    """Restoring into a server database replaces everyone's data: it must be asked for."""

    def __init__(self) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "Restoring replaces the office database for everyone: repeat with --replace "
                    "to do it (a backup is taken first). Nothing was changed.",
                ),
            ),
            detail="restore without --replace",
        )


class SchemaDiffersError(UserFacingError):
    """Source and target are at different schema revisions."""

    def __init__(self) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The two databases were made by different versions of COE Tracker: open each "
                    "with this version first. Nothing was copied.",
                ),
            ),
            detail="schema revision differs",
        )


def _classified(exc: BaseException) -> BaseException:
    if isinstance(exc, TargetNotEmptyError):
        return TargetNotEmptyUserError()
    if isinstance(exc, SchemaMismatchError):
        return SchemaDiffersError()
    return classify_sqlite_error(exc) or exc


def _to_sqlite_journal_delete(path: Path) -> None:
    """Make a finished copy one self-contained file (no ``-wal``), as backups are."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def _write_sqlite_copy(source: Engine, target_path: Path, *, lock: AdvisoryLock | None) -> None:
    """A new SQLite file at the source's schema revision, then every row copied into it."""
    with source.connect() as connection:
        revision = revision_of(connection)
    if revision is None:
        raise SchemaMismatchError(None, migrate.head_revision())
    ensure_private_dir(target_path.parent)
    ensure_private_file(target_path)
    target = create_database_engine(sqlite_url(target_path))
    try:
        with (
            target.connect().execution_options(**{WRITE_OPTION: True}) as connection,
            connection.begin(),
        ):
            command.upgrade(migrate.alembic_config(connection), revision)
        copy_database(source, target, replace=True, lock=lock)
    finally:
        target.dispose()
    _to_sqlite_journal_delete(target_path)


def snapshot_backup(
    db: Database | Engine, backup_dir: Path, *, now: dt.datetime, reason: str = "office"
) -> Path:
    """Write a consistent snapshot of ``db`` into a new verified SQLite backup file (at the
    database's own schema revision: a backup before an upgrade is of the old schema)."""
    engine = db.engine if isinstance(db, Database) else db
    ensure_private_dir(backup_dir)
    handle, temp_name = tempfile.mkstemp(prefix=".coetracker-snapshot-", dir=backup_dir)
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()
    try:
        _write_sqlite_copy(engine, temp, lock=AdvisoryLock.BACKUP)
        info = storage.verify_backup(temp)
        if not info.ok:
            raise RuntimeError("snapshot failed verification")
        target = backup_dir / storage.backup_name(now, reason)
        counter = 2
        while target.exists():
            target = backup_dir / storage.backup_name(now, reason, f"-{counter}")
            counter += 1
        temp.replace(target)
        ensure_private_file(target)
    except Exception as exc:
        classified = _classified(exc)
        if classified is exc:
            raise
        raise classified from exc
    finally:
        for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm"), Path(f"{temp}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    if isinstance(db, Database) and not db.read_only:
        record_office_backup(db, now)
    log.info("Office snapshot backup written")
    return target


LAST_BACKUP_KEY = "office.last_backup"
"""The ``setting`` row that says when anyone last took a snapshot of the office database."""


def record_office_backup(db: Database, when: dt.datetime) -> None:
    """Note in the database itself when a snapshot was taken (every window shows it)."""
    from sqlalchemy import select

    from coetracker.storage.models import Setting

    with db.write_session() as session:
        row = session.scalar(select(Setting).where(Setting.key == LAST_BACKUP_KEY))
        stamp = when.astimezone(dt.UTC).isoformat()
        if row is None:
            session.add(Setting(key=LAST_BACKUP_KEY, value=stamp))
        else:
            row.value = stamp


def last_office_backup(db: Database) -> dt.datetime | None:
    """When anyone last took a snapshot of the office database (None: never)."""
    from sqlalchemy import select

    from coetracker.storage.models import Setting

    with db.read_session() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == LAST_BACKUP_KEY))
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def change_mark(db: Database) -> int:
    """A number that grows with every recorded change (the newest audit event's id)."""
    from sqlalchemy import func, select

    from coetracker.storage.models import AuditEvent

    with db.read_session() as session:
        return int(session.scalar(select(func.max(AuditEvent.id))) or 0)


def restore_into_server(
    db: Database, backup_file: Path, *, backup_dir: Path, now: dt.datetime, replace: bool
) -> tuple[Path, int]:
    """Replace every row of the server database ``db`` with the rows of ``backup_file``.

    Refused without ``replace``. The backup is checked first (as any restore), migrated to this
    version's schema in a temporary copy, and a snapshot of the server is taken before anything
    is replaced. Returns the safety snapshot's path and the number of cases restored.
    """
    from coetracker.services.backups import check_restorable

    if not replace:
        raise ReplaceRequiredError()
    check_restorable(backup_file)
    safety = snapshot_backup(db, backup_dir, now=now, reason="pre-restore")
    workdir = Path(tempfile.mkdtemp(prefix="coetracker-restore-"))
    try:
        copy = workdir / "restore.sqlite3"
        shutil.copyfile(backup_file, copy)
        migrated, _report = open_database(sqlite_url(copy))  # brings an older backup to head
        try:
            report = copy_database(
                migrated.engine, db.engine, replace=True, lock=AdvisoryLock.RESTORE
            )
        except Exception as exc:
            classified = _classified(exc)
            if classified is exc:
                raise
            raise classified from exc
        finally:
            migrated.dispose()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return safety, report.cases


def target_url(target: str) -> str:
    """A ``copy-to`` target as a database URL (a plain path is a SQLite file)."""
    if is_database_url(target):
        return target
    return sqlite_url(Path(target).expanduser().resolve())


def copy_to(db: Database, target: str) -> CopyReport:
    """Copy every row of ``db`` into the empty database ``target`` (a URL or a file path).

    The target is created (a file) or migrated (an empty server database) first; a target that
    holds cases or history is refused and left as it was.
    """
    url = target_url(target)
    try:
        target_db, _report = open_database(url)
    except Exception as exc:
        classified = _classified(exc)
        if classified is exc:
            raise
        raise classified from exc
    try:
        return copy_database(db.engine, target_db.engine, replace=False, lock=None)
    except Exception as exc:
        classified = _classified(exc)
        if classified is exc:
            raise
        raise classified from exc
    finally:
        target_db.dispose()
