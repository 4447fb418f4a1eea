"""Opening a database: engine, connection pragmas, transactions, migration at start-up.

Every SQLite connection gets WAL, ``synchronous=FULL``, foreign keys, a busy timeout,
``trusted_schema=OFF`` and ``secure_delete=ON``; write transactions begin IMMEDIATE so that two
writers queue on the busy timeout instead of failing half-way with "database is locked". This
module holds the only SQLite-specific statements of the storage layer; everything else is
portable SQL.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from coetracker.paths import ensure_private_dir, ensure_private_file
from coetracker.storage import migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "coetracker_write"

BackupHook = Callable[[Path, str], Path | None]
"""``backup(db_path, reason)`` → the verified backup's path (None when it made none)."""
ServerBackupHook = Callable[[Engine, str], Path | None]
"""``server_backup(engine, reason)``: a snapshot of a server database before it is upgraded."""


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What happened while opening: the revisions before and after, and any backup taken."""

    revision_before: str | None
    revision_after: str | None
    backup: Path | None


class Database:
    """An open database: the engine and the two kinds of session the services use.

    ``read_session()`` begins a deferred transaction (readers never block writers in WAL mode);
    ``write_session()`` begins IMMEDIATE and commits on success, rolls back on any exception.
    """

    def __init__(self, engine: Engine, *, path: Path | None, read_only: bool = False) -> None:
        self.engine = engine
        self.path = path
        self.read_only = read_only
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def url(self) -> URL:
        return self.engine.url

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading; it never writes."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session whose changes are committed together at the end of the block, or not at all.

        A database failure the user can act on (disk full, locked, read-only, damaged) is raised
        as the classified :class:`~coetracker.errors.UserFacingError`, without the driver's
        exception attached: SQLAlchemy's text holds the statement and its parameters.
        """
        from coetracker.errors import ReadOnlyDatabaseError, classify_sqlite_error

        if self.read_only:
            raise ReadOnlyDatabaseError(db_path=self.path)
        try:
            with self._writer() as session, session.begin():
                yield session
        except DBAPIError as exc:
            classified = classify_sqlite_error(exc)
            if classified is None:
                raise
            log.warning("Save failed and was rolled back: %s", classified.detail)
            raise classified from None

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def create_database_engine(
    url: str | URL, *, read_only: bool = False, immutable: bool = False
) -> Engine:
    """An engine with the connection pragmas and IMMEDIATE write transactions set up.

    ``immutable`` (with ``read_only``) opens a file that nothing may change while it is open,
    without locks or ``-wal``/``-shm`` files: a WAL database in a folder that cannot be written.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        from coetracker.storage.postgres import create_server_engine

        return create_server_engine(parsed)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, hide_parameters=True, pool_pre_ping=True)
    connect_args: dict[str, Any] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    if read_only and parsed.database:
        path = Path(parsed.database).resolve()
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        parsed = make_url(f"sqlite:///{path.as_uri()}?{flags}&uri=true")
        connect_args["uri"] = True
    engine = create_engine(parsed, hide_parameters=True, connect_args=connect_args)
    _install_sqlite_hooks(engine, read_only=read_only)
    return engine


LENIENT_TEXT = functools.partial(str, encoding="utf-8", errors="replace")
"""Text that is not valid UTF-8 (a flipped bit) becomes U+FFFD instead of an exception whose
message would carry the value itself; ``coetracker check`` reports such values. A C-level
callable: about 0.15 µs more per text value read than the default."""


def _install_sqlite_hooks(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # The driver must not issue its own BEGIN: we emit it ourselves in _on_begin.
        dbapi_connection.isolation_level = None
        dbapi_connection.text_factory = LENIENT_TEXT
        cursor = dbapi_connection.cursor()
        try:
            if not read_only:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA trusted_schema=OFF")
            # Deleted and overwritten values are zeroed in the file, not merely unlinked (some
            # builds default to this, others do not: it is set here explicitly).
            cursor.execute("PRAGMA secure_delete=ON")
            if read_only:
                cursor.execute("PRAGMA query_only=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_database(
    url: str | URL,
    *,
    backup: BackupHook | None = None,
    read_only: bool = False,
    migrate_schema: bool = True,
    server_backup: ServerBackupHook | None = None,
) -> tuple[Database, OpenReport]:
    """Open (and create, when missing) a database and bring its schema to head.

    A database whose revision this version does not know was written by a newer version: it is
    refused with :class:`~coetracker.errors.NewerSchemaError` before anything touches the file.
    An existing database that is behind is backed up (``backup``) before migrating.

    On a server (PostgreSQL) the upgrade is taken by one app at a time: it holds an advisory
    lock, reads the revision again under it (another app may have just upgraded), takes a
    snapshot (``server_backup``) and migrates; the others wait for the lock meanwhile.
    """
    from coetracker.errors import NewerSchemaError

    path = sqlite_path(url)
    revision_before: str | None = None
    existed = False
    if path is not None:
        existed = path.exists() and path.stat().st_size > 0
        revision_before = migrate.read_revision(path) if existed else None
        if not migrate.is_known_revision(revision_before):
            raise NewerSchemaError(revision=revision_before)
        if not existed and not read_only:
            ensure_private_dir(path.parent)
            ensure_private_file(path)

    engine = create_database_engine(url, read_only=read_only)
    database = Database(engine, path=path, read_only=read_only)
    backup_path: Path | None = None
    head = migrate.head_revision()
    if path is None:
        with engine.connect() as connection:
            revision_before = _current_revision(connection)
            if revision_before is not None and not migrate.is_known_revision(revision_before):
                engine.dispose()
                raise NewerSchemaError(revision=revision_before)
    if migrate_schema and not read_only and revision_before != head:
        if existed and revision_before is not None and backup is not None and path is not None:
            backup_path = backup(path, "pre-migration")
        with (
            engine.connect().execution_options(**{WRITE_OPTION: True}) as connection,
            migrate.foreign_keys_off(connection),
            connection.begin(),
        ):
            if path is None:
                backup_path = _server_upgrade_prelude(engine, connection, server_backup)
            if path is not None or _current_revision(connection) != head:
                migrate.upgrade_to_head(connection)
    revision_after = revision_before
    with engine.connect() as connection:
        revision_after = _current_revision(connection)
    return database, OpenReport(revision_before, revision_after, backup_path)


def _server_upgrade_prelude(
    engine: Engine, connection: Any, server_backup: ServerBackupHook | None
) -> Path | None:
    """Under the upgrade advisory lock: a snapshot of a server database that is behind."""
    from coetracker.storage.postgres import AdvisoryLock, advisory_xact_lock

    advisory_xact_lock(connection, AdvisoryLock.UPGRADE)
    current = _current_revision(connection)
    if current is None or current == migrate.head_revision() or server_backup is None:
        return None
    return server_backup(engine, "pre-migration")


def _current_revision(connection: Any) -> str | None:
    """The revision stamped in the database, read with plain SQL (no Alembic import)."""
    if connection.dialect.name == "sqlite":
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
    else:  # PostgreSQL: the table in the schemas on the search path
        has_table = connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar()
    if has_table is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])
