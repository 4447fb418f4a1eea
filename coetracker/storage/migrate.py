"""Schema revisions: where a database stands, and bringing it to head.

Kept apart from the engine set-up so that the revision of a file can be read without opening it
for writing (a database from a newer version of the app must be left byte-identical).
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migration scripts."""
    config = Config()
    location = resources.files("coetracker.storage") / "migrations"
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """The revisions shipped with this version of the application."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this version of the application knows."""
    head = script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no migration revisions are packaged")
    return head


def known_revisions() -> frozenset[str]:
    """Every revision this version of the application knows."""
    return frozenset(rev.revision for rev in script_directory().walk_revisions())


def is_known_revision(revision: str | None) -> bool:
    """True for an empty database (None) or a revision this app can migrate from."""
    return revision is None or revision in known_revisions()


def read_revision(db_path: Path) -> str | None:
    """The Alembic revision stamped in a SQLite file, read without writing anything.

    Returns None for a missing or empty file, or one without an ``alembic_version`` table.
    Raises :class:`sqlite3.DatabaseError` for a file that is not a database.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        connection.close()


def upgrade_to_head(connection: Connection) -> None:
    """Run every pending revision on ``connection`` (inside the caller's transaction)."""
    command.upgrade(alembic_config(connection), "head")
