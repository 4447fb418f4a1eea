"""Opening the application's database safely, for the GUI and the CLI alike.

The order matters: refuse a corrupt file (moving it aside byte-identical, offering the newest good
backup), refuse a newer schema without writing, back up before migrating, then open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.errors import CorruptDatabaseError
from coetracker.paths import AppPaths
from coetracker.storage import backup as backups
from coetracker.storage import migrate, recovery
from coetracker.storage.engine import BackupHook, Database, OpenReport, open_database


@dataclass(frozen=True, slots=True)
class OpenedDatabase:
    """The open database and what happened while opening it."""

    database: Database
    report: OpenReport


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


def open_app_database(paths: AppPaths, *, read_only: bool = False) -> OpenedDatabase:
    """Check, migrate (after a backup) and open the database the paths name.

    A damaged file is moved aside byte-identical and :class:`DamagedDatabaseError` raised, naming
    where it went and which backup can restore it; a new empty database is never quietly made
    in its place.
    """
    if paths.db_path is not None:
        report = recovery.recover_if_damaged(paths.db_path, paths.backup_dir, now=local_now())
        if report.needs_attention:
            raise DamagedDatabaseError(report)
    database, report_open = open_database(
        paths.db_url, backup=backup_hook(paths), read_only=read_only
    )
    return OpenedDatabase(database, report_open)


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
                        result="ok" if integrity_ok else "; ".join(integrity[:5]),
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
