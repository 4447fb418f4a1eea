"""What is particular to an office database on a PostgreSQL server.

Advisory locks (one import, restore, backup or schema upgrade at a time across every computer),
the change notification sent in the committing transaction (``NOTIFY``) that other windows
``LISTEN`` for, the database role of a connection, and setting sequences past the highest id
after rows were copied in with their ids. No Qt here; the window's listener lives in ``ui/``.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

CHANGE_CHANNEL = "coetracker_changes"
"""The ``NOTIFY`` channel every committed write announces itself on."""


class AdvisoryLock(enum.IntEnum):
    """Keys of the transaction-level advisory locks (one number per kind of exclusive job)."""

    IMPORT = 0x434F_4501
    RESTORE = 0x434F_4502
    BACKUP = 0x434F_4503
    UPGRADE = 0x434F_4504


def is_postgres(url: str | URL) -> bool:
    """True for a ``postgresql`` URL (any driver)."""
    return make_url(url).get_backend_name() == "postgresql"


def advisory_xact_lock(connection: Connection | Session, key: AdvisoryLock) -> None:
    """Wait for, then hold until the transaction ends, the advisory lock ``key``.

    Does nothing on SQLite, where a write transaction already excludes every other writer.
    """
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    if bind.dialect.name != "postgresql":
        return
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(key)})


def try_advisory_xact_lock(connection: Connection, key: AdvisoryLock) -> bool:
    """Take the advisory lock ``key`` for this transaction if free; True when taken."""
    if connection.dialect.name != "postgresql":
        return True
    taken = connection.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": int(key)})
    return bool(taken.scalar())


def database_role(connection: Connection) -> str | None:
    """The server role this connection acts as (``current_user``); None on SQLite."""
    if connection.dialect.name != "postgresql":
        return None
    value = connection.execute(text("SELECT current_user")).scalar()
    return None if value is None else str(value)


def reset_sequences(connection: Connection, tables: list[Any]) -> None:
    """Set each table's id sequence past its highest id (after rows came in with their ids)."""
    if connection.dialect.name != "postgresql":
        return
    preparer = connection.dialect.identifier_preparer
    for table in tables:
        if "id" not in table.c:
            continue
        quoted = preparer.format_table(table)
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:name, 'id'), "  # noqa: S608 - quoted name
                f"COALESCE((SELECT MAX(id) FROM {quoted}), 0) + 1, false)"
            ),
            {"name": quoted},
        )


def create_server_engine(url: URL) -> Engine:
    """An engine for a PostgreSQL server: connections checked before use (a server restart
    leaves dead ones in the pool), a short connect timeout, and change notifications sent by
    every write transaction (see :func:`install_change_notify`)."""
    from sqlalchemy import create_engine

    connect_args: dict[str, Any] = {"application_name": "coetracker"}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    engine = create_engine(url, hide_parameters=True, pool_pre_ping=True, connect_args=connect_args)
    install_change_notify(engine)
    return engine


CONNECT_TIMEOUT_S = 5
WRITE_OPTION = "coetracker_write"  # the same option name as storage.engine's


def install_change_notify(engine: Engine) -> None:
    """Make every write transaction on ``engine`` send ``NOTIFY`` just before it commits.

    The notification is part of the committing transaction: listeners hear it exactly when the
    change becomes visible, and never for a transaction that was rolled back.
    """
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "commit")
    def _notify(connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql(f"NOTIFY {CHANGE_CHANNEL}")
