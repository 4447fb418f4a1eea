"""Alembic environment: runs revisions on the connection the application hands over.

The application never reads an ``alembic.ini``; :mod:`coetracker.storage.migrate` builds the
configuration in code and passes an open connection in ``config.attributes["connection"]``.
Batch mode is on so that SQLite can alter tables (it rebuilds them), and the metadata's naming
convention gives every constraint a stable name to alter later.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from coetracker.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run revisions on the connection passed in, or on a URL for developer autogenerate."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
        with engine.begin() as own_connection:
            _run(own_connection)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
