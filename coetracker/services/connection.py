"""Where the office database is: this computer's file, or a PostgreSQL server.

:class:`ServerSettings` holds what Settings › Database asks for (host, port, database, user, TLS
mode and CA file) and builds the connection URL. Empty fields are left to libpq, so its own
``PGSERVICE``, ``PGHOST`` … variables and ``~/.pgpass`` are honoured. The password is never
written in a settings file: :func:`remember_password` puts it in the operating system's keyring
(the ``keyring`` package) when there is one; otherwise the window asks for it at start.

:func:`test_connection` answers Settings' "Test connection" with one sentence: connected (and
whether the database is empty, up to date, or will be upgraded), or what is wrong.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

if TYPE_CHECKING:  # the engine loads with the database, not with Settings
    from coetracker.storage.engine import Database

log = logging.getLogger(__name__)

KEYRING_SERVICE = "COE Tracker office server"
TLS_MODES = ("disable", "require", "verify-full")
DEFAULT_PORT = 5432


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """The office server's connection details (no password)."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "coetracker"
    user: str = ""
    tls_mode: str = "require"
    ca_file: str = ""

    def url(self, password: str | None = None) -> URL:
        """The SQLAlchemy URL (``postgresql+psycopg``); a host starting with / is a socket."""
        query: dict[str, str] = {}
        if self.tls_mode in TLS_MODES:
            query["sslmode"] = self.tls_mode
        if self.tls_mode == "verify-full" and self.ca_file:
            query["sslrootcert"] = self.ca_file
        host: str | None = self.host.strip() or None
        if host is not None and host.startswith("/"):
            query["host"] = host
            host = None
        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip() or None,
            password=password or None,
            host=host,
            port=self.port if host is not None and self.port != DEFAULT_PORT else None,
            database=self.database.strip() or None,
            query=query,
        )

    def keyring_key(self) -> str:
        """The keyring entry's user name: who logs in where."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def stored_password(settings: ServerSettings) -> str | None:
    """The password kept in the keyring, or None (none kept, or no keyring here)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, settings.keyring_key())
    except Exception as exc:  # no usable keyring backend: asked at start instead
        log.info("No keyring: %s", type(exc).__name__)
        return None


def remember_password(settings: ServerSettings, password: str) -> bool:
    """Keep the password in the keyring; False when there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, settings.keyring_key(), password)
        return True
    except Exception as exc:
        log.info("No keyring: %s", type(exc).__name__)
        return False


def forget_password(settings: ServerSettings) -> None:
    """Remove a kept password (the user switched back to the file, or unticked "remember")."""
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, settings.keyring_key())
    except Exception as exc:
        log.info("Nothing removed from the keyring: %s", type(exc).__name__)


def server_is_behind(url: str) -> bool:
    """True when the office database holds a schema older than this version's (an upgrade is
    due). False when it is current, empty, newer (refused later), or cannot be reached (the
    opening says why)."""
    from coetracker.storage import migrate
    from coetracker.storage.copy import revision_of
    from coetracker.storage.engine import create_database_engine

    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            revision = revision_of(connection)
    except Exception as exc:
        log.info("Schema not read before opening: %s", type(exc).__name__)
        return False
    finally:
        engine.dispose()
    return (
        revision is not None
        and migrate.is_known_revision(revision)
        and revision != migrate.head_revision()
    )


def test_connection(settings: ServerSettings, password: str | None) -> tuple[bool, Message]:
    """Connect once and say in one sentence how it went; nothing is changed on the server."""
    from coetracker.errors import NewerSchemaError, classify_sqlite_error
    from coetracker.storage import migrate
    from coetracker.storage.copy import revision_of
    from coetracker.storage.engine import create_database_engine

    engine = create_database_engine(settings.url(password))
    try:
        with engine.connect() as connection:
            revision = revision_of(connection)
    except Exception as exc:
        classified = classify_sqlite_error(exc)
        if classified is None:
            raise
        return False, classified.message
    finally:
        engine.dispose()
    if revision is None:
        return True, message(
            "Connection",
            QT_TRANSLATE_NOOP(
                "Connection",
                "Connected. The database is empty: COE Tracker sets it up when it first opens it.",
            ),
        )
    if not migrate.is_known_revision(revision):
        return False, NewerSchemaError(revision=revision).message
    if revision != migrate.head_revision():
        return True, message(
            "Connection",
            QT_TRANSLATE_NOOP(
                "Connection",
                "Connected. The office database is from an older version: it is upgraded, after "
                "a backup, when it is opened.",
            ),
        )
    return True, message("Connection", QT_TRANSLATE_NOOP("Connection", "Connected."))


def server_role(db: Database) -> str | None:
    """The role an office server knows this app by (None for a file, or when unreachable)."""
    if db.path is not None:
        return None
    from coetracker.storage.postgres import database_role

    try:
        with db.engine.connect() as connection:
            return database_role(connection)
    except Exception:  # the server is gone: the live refresh says so
        return None
