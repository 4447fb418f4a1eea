"""Backups and restore for the application: the policy on top of :mod:`coetracker.storage.backup`.

:func:`backup_now`
    One verified online backup into the backup folder (or another folder), then rotation of the
    backup folder. ``coetracker backup`` and File › Back up now use it.

:class:`AutoBackupPolicy`
    The automatic backups of a running window: every 30 minutes while changes were made, and on
    close; skipped when nothing changed. "Changes were made" is known from ``PRAGMA
    data_version`` on a read-only connection the policy keeps open: SQLite changes that number
    whenever *another* connection commits, whichever process it belongs to (the window's own
    engine, or ``coetracker import`` in a terminal), so one cheap query per timer tick answers
    the question exactly, and the services need no counter. The policy starts "dirty", because
    the database may have changed while no window was open; the first backup then costs one
    copy, which :func:`~coetracker.storage.backup.make_backup` throws away if it equals the
    newest backup.

:func:`restore`
    Puts a backup in place of the database: the file is verified (an SQLite file, integrity ok,
    a COE Tracker schema not newer than this version), engines are disposed, the current database
    is backed up when healthy and then moved aside under a timestamped name (never deleted), the
    backup is copied into place and migrated like at start-up. Holds the instance lock while it
    works, or relies on the caller's.

Listing (:func:`list_backup_infos`) verifies every backup in a folder for ``coetracker backups``
and the restore dialog.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.errors import (
    CorruptDatabaseError,
    InvalidBackupError,
    NewerSchemaError,
    UserFacingError,
    classify_sqlite_error,
)
from coetracker.paths import AppPaths, ensure_private_dir
from coetracker.services.opening import OpenedDatabase, local_now, open_app_database
from coetracker.storage import backup as storage
from coetracker.storage import migrate, recovery
from coetracker.storage.engine import Database
from coetracker.storage.instance_lock import InstanceLock

__all__ = [
    "AUTO_BACKUP_INTERVAL",
    "AutoBackupPolicy",
    "BackupFailedError",
    "BackupUnavailableError",
    "MissingBackupError",
    "RestoreFailedError",
    "RestoreResult",
    "SameFileError",
    "backup_now",
    "check_restorable",
    "list_backup_infos",
    "restore",
]

log = logging.getLogger(__name__)

AUTO_BACKUP_INTERVAL = dt.timedelta(minutes=30)
"""How often a running window backs up while changes are being made."""

_EARLY_TICK = 0.9
"""A timer tick may come a little early: a backup younger than 90 % of the interval is recent."""

Clock = Callable[[], dt.datetime]


class BackupUnavailableError(UserFacingError):
    """The database is not a local file (an office server): its own tools back it up."""

    def __init__(self) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "This database is on a server, not in a file: back it up and restore it with "
                    "the server's own tools. Nothing was changed.",
                ),
            ),
            detail="no local database file",
        )


class BackupFailedError(UserFacingError):
    """The backup folder could not be written; the database and earlier backups are unchanged."""

    def __init__(self, folder: Path, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The backup could not be written to {folder}. Check that the folder exists "
                    "and that you may write to it. The database and the earlier backups are "
                    "unchanged.",
                ),
                folder=folder,
            ),
            detail=detail,
        )
        self.folder = folder


class RestoreFailedError(UserFacingError):
    """The restored copy could not be put in place; the database is unchanged."""

    def __init__(self, folder: Path, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The backup could not be put in place in {folder}. Check that you may write "
                    "to that folder. The database is unchanged.",
                ),
                folder=folder,
            ),
            detail=detail,
        )
        self.folder = folder


class MissingBackupError(UserFacingError):
    """The file chosen for restore does not exist."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP("DataSafety", "There is no file {path}. Nothing was changed."),
                path=path,
            ),
            detail="restore source missing",
        )


class SameFileError(UserFacingError):
    """The file chosen for restore is the database itself."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "{path} is the database in use, not a backup. Choose a backup file. Nothing "
                    "was changed.",
                ),
                path=path,
            ),
            detail="restore source is the database",
        )


def _local_db_path(paths: AppPaths, db: Database | None = None) -> Path:
    path = db.path if db is not None and db.path is not None else paths.db_path
    if path is None:
        raise BackupUnavailableError()
    return path


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {getattr(exc, 'errno', '')}"


def _classified(exc: BaseException, folder: Path) -> UserFacingError:
    """The user-facing form of a failed backup: classified, else "could not be written"."""
    return classify_sqlite_error(exc) or BackupFailedError(folder, detail=_detail(exc))


# --------------------------------------------------------------------------- backing up


def backup_now(
    paths: AppPaths,
    db: Database | None = None,
    *,
    reason: str = "manual",
    force: bool = False,
    backup_dir: Path | None = None,
    min_interval: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> Path | None:
    """Make one verified backup; return its path, or ``None`` when nothing changed.

    ``backup_dir`` defaults to the paths' backup folder, which is then rotated (another folder
    is never rotated: it is the user's). ``force`` makes a backup even if nothing changed;
    ``min_interval`` skips when the newest backup is younger. Failures are raised as a
    :class:`~coetracker.errors.UserFacingError` (disk full, damaged database,
    :class:`BackupFailedError` for a folder that cannot be written); the earlier backups are
    then untouched. The database's file is read through SQLite, never copied as a file.
    """
    db_path = _local_db_path(paths, db)
    target_dir = backup_dir if backup_dir is not None else paths.backup_dir
    moment = now if now is not None else local_now()
    try:
        made = storage.make_backup(
            db_path, target_dir, now=moment, reason=reason, min_interval=min_interval, force=force
        )
    except UserFacingError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise _classified(exc, target_dir) from exc
    if backup_dir is None or backup_dir == paths.backup_dir:
        try:
            storage.rotate(paths.backup_dir, now=moment)
        except OSError as exc:  # the backup is made; thinning out can wait for the next one
            log.warning("Backup rotation failed: %s", type(exc).__name__)
    return made


class AutoBackupPolicy:
    """When a running window backs up: on close, and every 30 minutes while changes were made.

    Call :meth:`periodic` from a timer and :meth:`on_close` when the window closes; both return
    the new backup's path or ``None``, and raise the same errors as :func:`backup_now`. Call
    :meth:`close` before the database file is replaced (restore) and when done: the policy keeps
    a read-only connection open to watch ``PRAGMA data_version``. Nothing is backed up for a
    database opened read-only or one that is not a local file.
    """

    def __init__(
        self,
        paths: AppPaths,
        db: Database,
        *,
        interval: dt.timedelta = AUTO_BACKUP_INTERVAL,
        clock: Clock = local_now,
    ) -> None:
        self.paths = paths
        self.interval = interval
        self._clock = clock
        self._db = db
        self._probe: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._dirty = True

    @property
    def db(self) -> Database:
        return self._db

    def set_database(self, db: Database) -> None:
        """Watch another database (reopened after a restore, say); it counts as changed."""
        self.close()
        self._db = db
        self._dirty = True

    @property
    def enabled(self) -> bool:
        """Whether this database gets automatic backups (a local file or an office server,
        opened for writing)."""
        return not self._db.read_only

    def _data_version(self) -> int | None:
        if self._db.path is None:  # an office server: snapshots into SQLite files
            from coetracker.services.office import change_mark

            try:
                return change_mark(self._db)
            except Exception as exc:
                log.warning("Cannot watch the office database: %s", type(exc).__name__)
                return None
        path = self._db.path
        if path is None or not path.is_file():
            return None
        try:
            if self._probe is None:
                self._probe = storage.open_readonly(path, live=True)
            return int(self._probe.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            log.warning("Cannot watch the database for changes: %s", type(exc).__name__)
            self.close()
            return None

    def changes_pending(self) -> bool:
        """Whether the database may have changed since the last automatic backup."""
        version = self._data_version()
        if version is None or self._seen is None or version != self._seen:
            self._dirty = True
        self._seen = version
        return self._dirty

    def _backup(self, reason: str, *, min_age: dt.timedelta | None) -> Path | None:
        if not self.enabled or not self.changes_pending():
            return None
        now = self._clock()
        if min_age is not None:
            newest = storage.last_backup_time(self.paths.backup_dir)
            if newest is not None and dt.timedelta(0) <= now - newest < min_age:
                log.debug("Automatic backup deferred: the newest backup is recent")
                return None
        if self._db.path is None:
            made = self._office_backup(reason, now=now, min_age=min_age)
        else:
            made = backup_now(self.paths, self._db, reason=reason, now=now)
        # The copy holds everything committed before the version last seen was read; a commit
        # since then changes the version, which the next check sees.
        self._dirty = self._seen is None
        return made

    def _office_backup(
        self, reason: str, *, now: dt.datetime, min_age: dt.timedelta | None
    ) -> Path | None:
        """A snapshot of the office server, unless anyone took one recently."""
        from coetracker.services.office import last_office_backup, snapshot_backup

        if min_age is not None:
            newest = last_office_backup(self._db)
            if newest is not None and dt.timedelta(0) <= now - newest < min_age:
                return None
        made = snapshot_backup(self._db, self.paths.backup_dir, now=now, reason=reason)
        try:
            storage.rotate(self.paths.backup_dir, now=now)
        except OSError as exc:
            log.warning("Backup rotation failed: %s", type(exc).__name__)
        return made

    def periodic(self) -> Path | None:
        """The timer's backup: made when changes are pending and the newest backup is not recent."""
        return self._backup("auto", min_age=self.interval * _EARLY_TICK)

    def on_close(self) -> Path | None:
        """The backup when the window closes: made when changes are pending."""
        try:
            return self._backup("close", min_age=None)
        finally:
            self.close()

    def close(self) -> None:
        """Close the watching connection (it is reopened when needed)."""
        probe, self._probe = self._probe, None
        self._seen = None
        if probe is not None:
            probe.close()


# --------------------------------------------------------------------------- listing


def list_backup_infos(backup_dir: Path) -> list[storage.BackupInfo]:
    """Every backup in ``backup_dir``, newest first, each verified (integrity and case count)."""
    infos: list[storage.BackupInfo] = []
    for found in reversed(storage.list_backups(backup_dir)):
        try:
            infos.append(storage.verify_backup(found.path))
        except (OSError, sqlite3.Error, UserFacingError) as exc:
            log.warning("Could not check backup %s: %s", found.path.name, type(exc).__name__)
            infos.append(
                storage.BackupInfo(
                    found.path, 0, found.created, False, False, (type(exc).__name__,), (), None
                )
            )
    return infos


# --------------------------------------------------------------------------- restore


def _is_restorable_revision(revision: str | None) -> bool:
    return revision is not None and migrate.is_known_revision(revision)


def check_restorable(backup_file: Path, *, db_path: Path | None = None) -> storage.BackupInfo:
    """Verify a file offered for restore without changing anything; return what it holds.

    Raises :class:`~coetracker.errors.InvalidBackupError` for a file that is not a COE Tracker
    database or fails ``integrity_check``, :class:`~coetracker.errors.NewerSchemaError` for one
    written by a newer version, and :class:`SameFileError` for the database itself.
    """
    if not backup_file.exists():
        raise MissingBackupError(backup_file)
    if db_path is not None and db_path.exists() and backup_file.samefile(db_path):
        raise SameFileError(backup_file)
    try:
        info = storage.verify_backup(backup_file)
    except OSError as exc:
        classified = classify_sqlite_error(exc)
        if classified is not None:
            raise classified from exc
        raise InvalidBackupError(path=backup_file, is_sqlite=False, detail="unreadable") from exc
    if not info.ok:
        raise InvalidBackupError(path=backup_file, is_sqlite=info.is_sqlite, detail="verify")
    if not info.alembic_revisions:
        raise InvalidBackupError(path=backup_file, is_sqlite=False, detail="no schema revision")
    for revision in info.alembic_revisions:
        if not migrate.is_known_revision(revision):
            raise NewerSchemaError(revision=revision, detail="restore refused")
    from coetracker.services.safe_start import check_schema

    try:
        check_schema(backup_file, live=False)
    except sqlite3.DatabaseError as exc:
        raise InvalidBackupError(path=backup_file, is_sqlite=True, detail="schema") from exc
    return info


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What :func:`restore` did."""

    backup: Path
    db_path: Path
    moved_aside: Path | None
    """Where the previous database now is (kept, never deleted); ``None`` if there was none."""
    safety_backup: Path | None
    """A backup of the previous database made just before, if it was healthy and had changed."""
    case_count: int | None


def _safety_backup(paths: AppPaths, db_path: Path, now: dt.datetime) -> Path | None:
    """Back up the current database before it is replaced, when it is healthy."""
    if not db_path.is_file():
        return None
    health = recovery.check_database_file(db_path)
    if health.status is not recovery.HealthStatus.OK:
        return None  # damaged or never used: it is moved aside as it is
    try:
        # No rotation here: it might remove the very backup about to be restored.
        return storage.make_backup(db_path, paths.backup_dir, now=now, reason="pre-restore")
    except CorruptDatabaseError:
        return None  # found damaged while copying: moved aside as it is
    except UserFacingError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise _classified(exc, paths.backup_dir) from exc


def restore(
    paths: AppPaths,
    backup_file: Path,
    *,
    db: Database | None = None,
    lock: InstanceLock | None = None,
    policy: AutoBackupPolicy | None = None,
    now: dt.datetime | None = None,
) -> RestoreResult:
    """Replace the database with a verified copy of ``backup_file``, then migrate it.

    ``db`` (the caller's open database) is disposed first, and ``policy`` closed: no connection
    may stay open on the file being replaced. ``lock`` is the caller's held
    :class:`~coetracker.storage.instance_lock.InstanceLock` (the window's); without one, the lock
    is taken here, so a restore is refused with
    :class:`~coetracker.errors.AlreadyRunningError` while a window uses the database. The
    engine of ``db`` stays usable and sees the restored file.

    On any failure the database is unchanged and the error raised is a
    :class:`~coetracker.errors.UserFacingError`. The previous database is never deleted.
    """
    db_path = _local_db_path(paths, db)
    backup_file = Path(backup_file).expanduser()
    info = check_restorable(backup_file, db_path=db_path)
    moment = now if now is not None else local_now()
    own_lock: InstanceLock | None = None
    try:
        if lock is None or not lock.held:
            ensure_private_dir(db_path.parent)  # a first restore, on a new computer say
            own_lock = InstanceLock(db_path)
            own_lock.acquire()
        if policy is not None:
            policy.close()
        if db is not None:
            db.dispose()
        safety = _safety_backup(paths, db_path, moment)
        moved = storage.restore_backup(
            backup_file, db_path, now=moment, is_known_revision=_is_restorable_revision
        )
        opened: OpenedDatabase = open_app_database(paths)  # migrates, after a backup
        opened.database.dispose()
    except (OSError, sqlite3.Error) as exc:
        classified = classify_sqlite_error(exc)
        raise classified or RestoreFailedError(db_path.parent, detail=_detail(exc)) from exc
    finally:
        if own_lock is not None:
            own_lock.release()
    if policy is not None:
        policy.set_database(policy.db)
    log.info("Restore finished (previous database kept: %s)", "yes" if moved else "none there")
    return RestoreResult(backup_file, db_path, moved, safety, info.case_count)
