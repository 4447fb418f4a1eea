"""Does a SQLite file hold exactly the schema this version of COE Tracker makes?

A file with our revision number may still carry things we never made: a trigger that rewrites
passport numbers on the next save, a view, a hidden table that collects dates of birth, or a
dropped table. Restore and start-up compare the file's schema with the expected one and refuse
anything else, leaving the file unchanged.

The expected schema of a revision is what our migrations make in an empty in-memory database
(:func:`expected_schema`, cached). At start-up the models' metadata answers first
(:func:`metadata_schema`, no migration run): the usual file matches it exactly, and only a file
that does not is compared with the migrations' result, so a future revision that adds a trigger
of its own is still accepted.

Compared: table names and their column names, index names (SQLite's automatic
``sqlite_autoindex_*`` indexes are left out: they follow from the tables), trigger names and view
names. Column types and constraints are not compared (SQLite stores them as text that Alembic's
batch operations rewrite); the damage check (``integrity_check``) covers the rest.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass

__all__ = ["Schema", "differences", "expected_schema", "metadata_schema", "read_schema"]


@dataclass(frozen=True, slots=True)
class Schema:
    """The parts of a schema that are compared."""

    tables: frozenset[tuple[str, frozenset[str]]]
    indexes: frozenset[str]
    triggers: frozenset[str]
    views: frozenset[str]


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema of the database behind ``conn`` (read only)."""
    rows = conn.execute("SELECT type, name FROM sqlite_schema").fetchall()
    tables: set[tuple[str, frozenset[str]]] = set()
    indexes: set[str] = set()
    triggers: set[str] = set()
    views: set[str] = set()
    for kind, name in rows:
        name = str(name)
        if kind == "table" and not name.startswith("sqlite_"):
            columns = conn.execute("SELECT name FROM pragma_table_info(?)", (name,)).fetchall()
            tables.add((name, frozenset(str(column[0]) for column in columns)))
        elif kind == "index" and not name.startswith("sqlite_autoindex_"):
            indexes.add(name)
        elif kind == "trigger":
            triggers.add(name)
        elif kind == "view":
            views.add(name)
    return Schema(frozenset(tables), frozenset(indexes), frozenset(triggers), frozenset(views))


@functools.cache
def expected_schema(revision: str) -> Schema:
    """What our migrations make at ``revision``, in an empty in-memory database."""
    from sqlalchemy import create_engine

    from coetracker.storage import migrate

    engine = create_engine("sqlite://")
    try:
        with engine.connect() as connection, connection.begin():
            from alembic import command

            command.upgrade(migrate.alembic_config(connection), revision)
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return read_schema(raw)
    finally:
        engine.dispose()


@functools.cache
def metadata_schema() -> Schema:
    """The head schema as the ORM models describe it (cheap: no migration is run)."""
    from coetracker.storage.models import Base

    tables = frozenset(
        (table.name, frozenset(column.name for column in table.columns))
        for table in Base.metadata.sorted_tables
    )
    indexes = frozenset(
        str(index.name)
        for table in Base.metadata.sorted_tables
        for index in table.indexes
        if index.name is not None
    )
    from coetracker.storage.assessment_triggers import TRIGGER_NAMES

    versions = ("alembic_version", frozenset({"version_num"}))
    return Schema(tables | {versions}, indexes, TRIGGER_NAMES, frozenset())


def differences(actual: Schema, expected: Schema) -> list[str]:
    """What ``actual`` has that ``expected`` lacks, and the reverse (technical, names only)."""
    found: list[str] = []
    actual_tables = dict(actual.tables)
    expected_tables = dict(expected.tables)
    for name in sorted(actual_tables.keys() - expected_tables.keys()):
        found.append(f"extra table {name}")
    for name in sorted(expected_tables.keys() - actual_tables.keys()):
        found.append(f"missing table {name}")
    for name in sorted(actual_tables.keys() & expected_tables.keys()):
        if actual_tables[name] != expected_tables[name]:
            found.append(f"columns of {name} differ")
    for label, have, want in (
        ("index", actual.indexes, expected.indexes),
        ("trigger", actual.triggers, expected.triggers),
        ("view", actual.views, expected.views),
    ):
        found.extend(f"extra {label} {name}" for name in sorted(have - want))
        found.extend(f"missing {label} {name}" for name in sorted(want - have))
    return found


def head_differences(conn: sqlite3.Connection, head: str) -> list[str]:
    """Differences from the head schema: the models first, then the migrations if needed."""
    actual = read_schema(conn)
    if not differences(actual, metadata_schema()):
        return []
    return differences(actual, expected_schema(head))
