"""Copying every row of one database into another of the same schema (SQLite ⇄ PostgreSQL).

Used to move a single-user file onto an office server and back (``copy-to``), to snapshot an
office database into a SQLite backup file, and to restore such a file into the server. The
source is read in one transaction (``REPEATABLE READ, READ ONLY`` on a server; a WAL read
transaction on SQLite), so the copy is consistent even while others keep working. Every row
keeps its id; the audit history comes along; sequences are set past the highest id.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, select

from coetracker.storage import migrate
from coetracker.storage.engine import WRITE_OPTION
from coetracker.storage.models import Base
from coetracker.storage.postgres import AdvisoryLock, advisory_xact_lock, reset_sequences

BATCH = 1000
USER_TABLES = ("case", "organization", "applicant", "inquiry", "document_request", "audit_event")
"""Tables only people fill: a database with rows in any of them is not "empty"."""


class TargetNotEmptyError(Exception):
    """The target already holds cases or history: copying would mix two offices' data."""


class SchemaMismatchError(Exception):
    """Source and target are at different schema revisions (``found`` then ``expected``)."""

    def __init__(self, found: str | None, expected: str | None) -> None:
        super().__init__(f"schema revision {found} where {expected} was expected")
        self.found = found
        self.expected = expected


@dataclass(frozen=True, slots=True)
class CopyReport:
    """How many rows of each table were copied."""

    rows: dict[str, int]

    @property
    def cases(self) -> int:
        return self.rows.get("case", 0)


@contextmanager
def snapshot(engine: Engine, *, lock: AdvisoryLock | None = None) -> Iterator[Connection]:
    """A connection in one consistent read-only transaction (optionally holding ``lock``)."""
    connection = engine.connect()
    try:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            if lock is not None:
                advisory_xact_lock(connection, lock)
            yield connection
    finally:
        connection.close()


def is_empty(connection: Connection) -> bool:
    """True when no table that people fill holds a row (reference data does not count)."""
    tables = Base.metadata.tables
    return all(
        connection.execute(select(func.count()).select_from(tables[name])).scalar() == 0
        for name in USER_TABLES
    )


def _revision(connection: Connection) -> str | None:
    if not connection.dialect.has_table(connection, "alembic_version"):
        return None
    value = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return None if value is None else str(value)


def copy_rows(source: Connection, target: Connection) -> CopyReport:
    """Replace every row of ``target`` with the rows of ``source`` (inside the callers'
    transactions). Both must be at this application's head revision."""
    head = migrate.head_revision()
    for connection in (source, target):
        found = _revision(connection)
        if found != head:
            raise SchemaMismatchError(found, head)
    tables = list(Base.metadata.sorted_tables)
    for table in reversed(tables):
        target.execute(table.delete())
    counts: dict[str, int] = {}
    for table in tables:
        order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        result = source.execute(select(table).order_by(*order)).mappings()
        copied = 0
        while batch := result.fetchmany(BATCH):
            target.execute(table.insert(), [dict(row) for row in batch])
            copied += len(batch)
        counts[table.name] = copied
    reset_sequences(target, tables)
    return CopyReport(counts)


def copy_database(
    source: Engine,
    target: Engine,
    *,
    replace: bool = False,
    lock: AdvisoryLock | None = None,
) -> CopyReport:
    """Copy ``source`` into ``target`` in one target transaction, all rows or none.

    Without ``replace`` a target that already holds cases or history is refused with
    :class:`TargetNotEmptyError`. ``lock`` is taken on both sides (a server's advisory lock).
    """
    with (
        snapshot(source, lock=lock) as reading,
        target.connect().execution_options(**{WRITE_OPTION: True}) as writing,
        writing.begin(),
    ):
        if lock is not None:
            advisory_xact_lock(writing, lock)
        if not replace and not is_empty(writing):
            raise TargetNotEmptyError()
        return copy_rows(reading, writing)
