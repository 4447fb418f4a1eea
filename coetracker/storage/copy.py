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
from typing import Any

from sqlalchemy import Column, Connection, Engine, MetaData, Table, func, select
from sqlalchemy.types import TypeEngine

from coetracker.storage import migrate
from coetracker.storage.engine import WRITE_OPTION
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
    tables = {table.name: table for table in _tables(connection)}
    return all(
        connection.execute(select(func.count()).select_from(tables[name])).scalar() == 0
        for name in USER_TABLES
        if name in tables
    )


def _revision(connection: Connection) -> str | None:
    if not connection.dialect.has_table(connection, "alembic_version"):
        return None
    value = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return None if value is None else str(value)


def revision_of(connection: Connection) -> str | None:
    """The schema revision of a database (None when it has none)."""
    return _revision(connection)


def _tables(connection: Connection) -> list[Table]:
    """The database's own tables, parents before children, as they are at its revision."""
    metadata = MetaData()
    metadata.reflect(connection)
    return [table for table in metadata.sorted_tables if table.name != "alembic_version"]


def _portable(column_type: TypeEngine[Any]) -> TypeEngine[Any]:
    """The generic type behind a reflected one, usable with either dialect."""
    try:
        return column_type.as_generic()
    except NotImplementedError:
        return column_type


def copy_rows(source: Connection, target: Connection) -> CopyReport:
    """Replace every row of ``target`` with the rows of ``source`` (inside the callers'
    transactions). Both must be at the same schema revision; the tables are read from the
    databases themselves, so an older revision (a backup before an upgrade) copies too."""
    found, expected = _revision(source), _revision(target)
    if found is None or found != expected or not migrate.is_known_revision(found):
        raise SchemaMismatchError(found, expected)
    tables = _tables(target)
    for table in reversed(tables):
        target.execute(table.delete())
    counts: dict[str, int] = {}
    for table in tables:
        order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
        # The target's column types read the source's values (SQLite's 0/1 as booleans, its
        # text timestamps as datetimes).
        source_table = Table(
            table.name, MetaData(), *(Column(c.name, _portable(c.type)) for c in table.c)
        )
        result = source.execute(
            select(source_table).order_by(*(source_table.c[c.name] for c in order))
        ).mappings()
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
