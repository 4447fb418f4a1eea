"""Corruption detection at start-up, and setting a damaged database file aside.

Start-up order (see also :mod:`coetracker.storage.backup`)::

    lock = InstanceLock(db_path); lock.acquire()
    report = recover_if_damaged(db_path, backup_dir, now=datetime.now(UTC))
    if report.needs_attention:
        show report.messages; offer restore_backup(report.backup.path, db_path, ...) or quit
    open_database(...)  # migrations, with a verified backup first

:func:`check_database_file` decides, without writing to the file, whether it is missing, a fresh
SQLite file with no tables yet, healthy, or damaged. It catches a zero-length file, a file that
is not SQLite at all (random bytes), a damaged header, damaged b-tree pages and indexes that
disagree with their tables (``PRAGMA integrity_check`` through a read-only connection). Damage
confined to indexes leaves every row readable: :func:`recover_if_damaged` rebuilds them
(:mod:`coetracker.storage.rebuild`, a copy kept first) instead of setting the file aside. It
tells damage (SQLite's ``CORRUPT`` and
``NOTADB`` results) apart from trouble that is not damage (a locked or unreadable file), which is
raised as a classified error instead: a file we merely cannot open must never be set aside.

:func:`move_aside_corrupt` renames the damaged file, byte-identical, to
``<name>.YYYYMMDD-HHMMSS.corrupt`` (UTC) in the same folder. Nothing is ever deleted.

About ``-wal``, ``-shm`` and ``-journal`` beside a damaged file: they are left exactly where they
are. A ``-shm`` is only an index that SQLite rebuilds, and an empty ``-wal`` holds nothing. A
non-empty ``-wal`` or ``-journal``, though, holds the damaged file's last changes, and SQLite
finds it by name alone: it would replay those pages into whatever file appears at the database's
name next, a restored backup or a new empty database, and damage it. So such files are reported
(:attr:`Health.journals`, :attr:`RecoveryReport.journals`, status
:attr:`HealthStatus.STRAY_JOURNAL` once the main file is gone), and
:func:`~coetracker.storage.backup.restore_backup` refuses to put a file in place while they are
there. The user (or support) moves them together with the ``.corrupt`` file, which keeps the
pair usable for an expert recovery.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    CorruptDatabaseError,
    StrayJournalError,
    UserFacingError,
    classify_sqlite_error,
)
from coetracker.fsutil import fsync_dir
from coetracker.storage import setaside
from coetracker.storage.backup import (
    SQLITE_MAGIC,
    BackupInfo,
    good_backups,
    non_empty_journals,
    open_readonly,
)
from coetracker.storage.rebuild import integrity_problems, rebuild_indexes

__all__ = [
    "Health",
    "HealthStatus",
    "RecoveryReport",
    "backup_facts",
    "check_database_file",
    "move_aside_corrupt",
    "offer_backups",
    "recover_if_damaged",
    "report_set_aside",
]

log = logging.getLogger(__name__)

SQLITE_READONLY_ROLLBACK = 8 | (3 << 8)
"""A read-only connection found a hot journal it may not roll back."""
_HEADER_SIZE = 100
_INDEX_ONLY = re.compile(
    r"missing from index|wrong # of entries in index|non-unique entry in UNIQUE index"
)
"""integrity_check lines that say an index disagrees with its table (REINDEX repairs them)."""
_MAX_REASON_LINES = 5


class HealthStatus(StrEnum):
    """What :func:`check_database_file` found."""

    MISSING = "missing"
    """No file: a first run creates it."""
    EMPTY_NEW = "empty-new"
    """An intact SQLite file with no tables yet (created, never migrated)."""
    OK = "ok"
    CORRUPT = "corrupt"
    INDEX_DAMAGE = "index-damage"
    """Every row readable, an index disagrees with its table: rebuilt at start-up."""
    STRAY_JOURNAL = "stray-journal"
    """No database file, but a non-empty ``-wal``/``-journal`` of an earlier one is there."""


@dataclass(frozen=True, slots=True)
class Health:
    """The verdict on one database file; ``reason`` is technical text for the log."""

    db_path: Path
    status: HealthStatus
    reason: str = ""
    journals: tuple[Path, ...] = ()
    """For CORRUPT and STRAY_JOURNAL: non-empty ``-wal``/``-journal`` files beside the file.

    (Beside a healthy database a non-empty ``-wal`` is normal and not reported.)
    """

    @property
    def usable(self) -> bool:
        """Whether the application may open (or create) the database as usual."""
        return self.status in (HealthStatus.MISSING, HealthStatus.EMPTY_NEW, HealthStatus.OK)


def _corrupt(db_path: Path, reason: str) -> Health:
    return Health(db_path, HealthStatus.CORRUPT, reason, non_empty_journals(db_path))


def _read_only_verdict(db_path: Path, timeout: float) -> Health:
    conn = open_readonly(db_path, live=True, timeout=timeout)
    try:
        conn.execute("PRAGMA cell_size_check=ON")
        # integrity_check: quick_check's checks, plus every index compared with its table
        # (about 0.4 s for 100,000 cases against 0.2 s for quick_check alone).
        problems = integrity_problems(conn)
        if problems and not all(_INDEX_ONLY.search(line) for line in problems):
            return _corrupt(db_path, "integrity_check: " + "; ".join(problems[:_MAX_REASON_LINES]))
        tables = conn.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
        if int(tables.fetchone()[0]) == 0:
            return Health(db_path, HealthStatus.EMPTY_NEW, "no tables")
        if problems:
            reason = "integrity_check: " + "; ".join(problems[:_MAX_REASON_LINES])
            return Health(db_path, HealthStatus.INDEX_DAMAGE, reason)
        return Health(db_path, HealthStatus.OK)
    finally:
        conn.close()


def _roll_back_hot_journal(db_path: Path, timeout: float) -> None:
    """Let SQLite finish a crashed rollback-journal transaction, as any normal open would."""
    log.warning("A hot journal is beside %s: rolling back the interrupted transaction", db_path)
    conn = sqlite3.connect(db_path, timeout=timeout, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    finally:
        conn.close()


def check_database_file(db_path: Path, *, timeout: float = 5.0) -> Health:
    """Decide whether ``db_path`` is missing, new, healthy or damaged, without writing to it.

    The one exception to "without writing": a hot rollback journal (a transaction interrupted in
    rollback-journal mode) is rolled back by a normal read-write open first, exactly as opening
    the database would do anyway; then the check runs read-only. Locked, unreadable or
    unopenable files raise the classified :class:`~coetracker.errors.UserFacingError`
    (``timeout`` is how long to wait for another process's lock before that).
    """
    if not os.path.lexists(db_path):
        journals = non_empty_journals(db_path)
        if journals:
            return Health(
                db_path, HealthStatus.STRAY_JOURNAL, "database missing, journal present", journals
            )
        return Health(db_path, HealthStatus.MISSING)
    if not db_path.is_file():
        return _corrupt(db_path, "not a regular file")
    size = db_path.stat().st_size
    if size == 0:
        return _corrupt(db_path, "zero-length file")
    with db_path.open("rb") as handle:
        header = handle.read(_HEADER_SIZE)
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return _corrupt(db_path, "no SQLite header")
    try:
        return _read_only_verdict(db_path, timeout)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", 0) != SQLITE_READONLY_ROLLBACK:
            return _damage_or_raise(db_path, exc)
    _roll_back_hot_journal(db_path, timeout)
    try:
        return _read_only_verdict(db_path, timeout)
    except sqlite3.DatabaseError as exc:
        return _damage_or_raise(db_path, exc)


def _damage_or_raise(db_path: Path, exc: sqlite3.DatabaseError) -> Health:
    """A CORRUPT verdict for SQLite's damage codes; anything else is raised, classified."""
    code = getattr(exc, "sqlite_errorcode", 0) or 0
    if code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
        name = getattr(exc, "sqlite_errorname", "") or f"code {code}"
        return _corrupt(db_path, f"{name}: {exc}")
    classified = classify_sqlite_error(exc)
    if classified is not None:
        raise classified from exc
    raise exc


def move_aside_corrupt(db_path: Path, *, now: dt.datetime) -> Path:
    """Rename the damaged file to ``<name>.YYYYMMDD-HHMMSS.corrupt``; return the new path.

    A rename in the same folder, so the content stays byte-identical. The time is ``now`` in
    UTC (``now`` must be aware); a taken name gets ``-2``, ``-3``, … before ``.corrupt``.
    ``-wal``, ``-shm`` and ``-journal`` files stay where they are (see the module docstring).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        extra = "" if n == 1 else f"-{n}"
        target = db_path.with_name(f"{db_path.name}.{stamp}{extra}.corrupt")
        if not os.path.lexists(target):
            break
    else:
        raise FileExistsError(f"no free name for {db_path}")
    # The marker first: a start after a kill between these two steps must not make a new file.
    setaside.write(db_path, kind="damaged", moved_to=target, when=now)
    db_path.rename(target)
    fsync_dir(db_path.parent)
    log.error("Damaged database %s moved aside to %s", db_path, target.name)
    return target


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What start-up recovery found and did, for the GUI's dialog and the CLI's exit message."""

    health: Health
    moved_to: Path | None = None
    """Where the damaged file now is (byte-identical), if it was moved."""
    backup: BackupInfo | None = None
    """The newest backup that passed ``integrity_check``, offered for restore."""
    journals: tuple[Path, ...] = ()
    """Non-empty ``-wal``/``-journal`` files still beside the database path."""
    fuller: BackupInfo | None = None
    """An older intact backup holding more cases than :attr:`backup`, named in the message."""

    @property
    def needs_attention(self) -> bool:
        """True when the application must not simply open the database."""
        return not self.health.usable

    @property
    def errors(self) -> tuple[UserFacingError, ...]:
        """The problems to show, most important first (empty when all is well)."""
        found: list[UserFacingError] = []
        if self.health.status is HealthStatus.CORRUPT:
            found.append(
                CorruptDatabaseError(
                    db_path=self.health.db_path,
                    moved_to=self.moved_to,
                    backup=self.backup.path if self.backup else None,
                    backup_facts=backup_facts(self.backup) if self.backup else None,
                    note=_fuller_note(self.backup, self.fuller),
                    detail=self.health.reason,
                )
            )
        if self.journals:
            found.append(StrayJournalError(db_path=self.health.db_path, journals=self.journals))
        return tuple(found)

    @property
    def messages(self) -> tuple[Message, ...]:
        """The translatable sentences to show the user."""
        return tuple(error.message for error in self.errors)


def _made(info: BackupInfo) -> str:
    if info.created is None:
        return "?"
    return info.created.astimezone().strftime("%Y-%m-%d %H:%M")


def backup_facts(info: BackupInfo) -> Message:
    """ "made 2026-11-27 14:05, 44 cases": what the user weighs when choosing a backup."""
    return message(
        "DataSafety",
        QT_TRANSLATE_NOOP("DataSafety", "made {made}, {cases} cases"),
        made=_made(info),
        cases="?" if info.case_count is None else info.case_count,
    )


def _fuller_note(offered: BackupInfo | None, fuller: BackupInfo | None) -> Message | None:
    if offered is None or fuller is None:
        return None
    return message(
        "DataSafety",
        QT_TRANSLATE_NOOP(
            "DataSafety",
            "Careful: the older backup {path} ({facts}) holds more cases than the newest, which "
            "may have been made after cases were lost; compare both before you choose.",
        ),
        path=fuller.path,
        facts=backup_facts(fuller),
    )


def offer_backups(*dirs: Path) -> tuple[BackupInfo | None, BackupInfo | None]:
    """The newest intact backup, and an older intact one holding more cases (or ``None``).

    A backup younger than the damage may hold fewer cases (made of an emptied or truncated
    database): it is still offered as the newest, but never without naming the fuller one.
    """
    offered: BackupInfo | None = None
    fuller: BackupInfo | None = None
    for info in good_backups(*dirs):
        if offered is None:
            offered = info
            continue
        most = fuller.case_count if fuller is not None else offered.case_count
        if info.case_count is not None and (most is None or info.case_count > most):
            fuller = info
    return offered, fuller


def report_set_aside(
    db_path: Path, moved_to: Path | None, backup_dirs: Sequence[Path], reason: str
) -> RecoveryReport:
    """The report for a start that finds a database set aside earlier (the marker)."""
    health = Health(db_path, HealthStatus.CORRUPT, reason, non_empty_journals(db_path))
    backup, fuller = offer_backups(*backup_dirs)
    return RecoveryReport(
        health=health,
        moved_to=moved_to if moved_to is not None else db_path.parent,
        backup=backup,
        journals=non_empty_journals(db_path),
        fuller=fuller,
    )


def recover_if_damaged(
    db_path: Path, backup_dirs: Path | Sequence[Path], *, now: dt.datetime, timeout: float = 5.0
) -> RecoveryReport:
    """Check ``db_path``; if damaged, move it aside and find the newest intact backup.

    Returns a report whose :attr:`~RecoveryReport.needs_attention` is false when the database
    can be opened as usual. Otherwise the damaged file has been moved (never deleted) and
    :attr:`~RecoveryReport.backup` is the newest backup across ``backup_dirs`` that passes
    ``integrity_check`` (``None`` if there is none); nothing has been restored yet.
    """
    dirs = [backup_dirs] if isinstance(backup_dirs, Path) else list(backup_dirs)
    health = check_database_file(db_path, timeout=timeout)
    if health.status is HealthStatus.INDEX_DAMAGE:
        log.error("Database %s: %s", db_path.name, health.reason)
        if rebuild_indexes(db_path, now=now, timeout=timeout) is not None:
            health = check_database_file(db_path, timeout=timeout)
        if health.status is HealthStatus.INDEX_DAMAGE:
            health = _corrupt(db_path, health.reason)
    if health.usable:
        log.info("Database %s: %s", db_path.name, health.status.value)
        return RecoveryReport(health=health)
    log.error("Database %s is %s (%s)", db_path, health.status.value, health.reason)
    moved_to = None
    if health.status is HealthStatus.CORRUPT:
        moved_to = move_aside_corrupt(db_path, now=now)
    backup, fuller = offer_backups(*dirs)
    if backup is not None:
        log.info("Newest intact backup: %s", backup.path.name)
    return RecoveryReport(
        health=health,
        moved_to=moved_to,
        backup=backup,
        journals=non_empty_journals(db_path),
        fuller=fuller,
    )
