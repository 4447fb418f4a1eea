"""Schema revisions: where a database stands, and bringing it to head.

Kept apart from the engine set-up so that the revision of a file can be read without opening it
for writing (a database from a newer version of the app must be left byte-identical).

The revision graph (head, known revisions) is read from the packaged scripts' ``revision`` and
``down_revision`` lines, so that opening a database that is already current never imports
Alembic; Alembic is imported only to migrate.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:\"([^\"]*)\"|'([^']*)'|None)\s*$",
    re.MULTILINE,
)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migration scripts."""
    from alembic.config import Config

    config = Config()
    location = resources.files("coetracker.storage") / "migrations"
    config.set_main_option("script_location", str(location))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    """The revisions shipped with this version of the application (Alembic's view)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@functools.cache
def revision_graph() -> dict[str, str | None]:
    """Each packaged revision mapped to its ``down_revision``, read without importing Alembic."""
    graph: dict[str, str | None] = {}
    versions = resources.files("coetracker.storage") / "migrations" / "versions"
    for entry in versions.iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("_"):
            continue
        values: dict[str, str | None] = {}
        for match in _REVISION_LINE.finditer(entry.read_text(encoding="utf-8")):
            values[match.group(1)] = match.group(2) or match.group(3) or None
        if "revision" in values and values["revision"] is not None:
            graph[values["revision"]] = values.get("down_revision")
    return graph


def head_revision() -> str:
    """The newest revision this version of the application knows."""
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down is not None}
    if len(heads) != 1:  # pragma: no cover - the package always ships one chain
        raise RuntimeError("the packaged migration revisions do not form one chain")
    return heads.pop()


def known_revisions() -> frozenset[str]:
    """Every revision this version of the application knows."""
    return frozenset(revision_graph())


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
    """Run every pending revision on ``connection`` (inside the caller's transaction, begun
    inside :func:`foreign_keys_off` on SQLite)."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


@contextlib.contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite: foreign keys off on ``connection`` while revisions run, on again afterwards.

    Enter it before the migration's transaction begins (SQLite ignores the pragma inside one)
    and leave it after the commit. A revision that rebuilds a parent table (copy, drop, rename)
    would otherwise run the children's ``ON DELETE CASCADE`` when the old table is dropped;
    such a revision checks ``PRAGMA foreign_key_check`` itself before the commit. Other
    databases are left as they are.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")
