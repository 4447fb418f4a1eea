"""Reading over a plain PEP 249 connection, without SQLAlchemy.

The case list and the facts the rules read are fetched with hand-written SQL that both SQLite and
PostgreSQL accept, over either a ``sqlite3.Connection`` (the read-only connection opened at
start-up, or the one under a SQLAlchemy session) or the psycopg connection under a SQLAlchemy
session. Each query is written once with ``?`` placeholders; :func:`fetch` rewrites them for a
driver whose parameter style is ``%s``. Nothing here imports SQLAlchemy: a session is recognised
by its ``connection()`` method and unwrapped to its DB-API connection.

SQLite hands dates back as the ISO text SQLAlchemy stored, PostgreSQL as ``datetime.date``:
:func:`as_date` and :func:`as_datetime` take either; :class:`DateCache` converts many values
that repeat (a list's filing dates) once each.

A ``sqlite3`` connection whose ``text_factory`` is not ``str`` (the lenient decoder that turns
invalid UTF-8 into U+FFFD) is read with the C decoder first, several times faster per value;
only when a value is not valid UTF-8 is the statement run again with the connection's own.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

__all__ = [
    "MAX_BOUND_IDS",
    "DBAPIConnection",
    "DateCache",
    "as_date",
    "as_datetime",
    "execute",
    "fetch",
    "fetch_chunks",
    "ids_clause",
    "is_sqlite",
    "raw_connection",
    "read_decoding_in_c",
]

_T = TypeVar("_T")

MAX_BOUND_IDS = 900
"""Above this many ids a query reads every row and the caller keeps the ones asked for (bound
parameters are limited, and a long ``IN`` list is slower than a scan anyway)."""


class DBAPIConnection(Protocol):
    """What this module uses of a PEP 249 connection."""

    def cursor(self) -> Any: ...


def raw_connection(source: Any) -> DBAPIConnection:
    """The DB-API connection of ``source``: a SQLAlchemy session (its current transaction's
    connection), a SQLAlchemy connection, or a DB-API connection itself."""
    if hasattr(source, "cursor"):
        return _driver(source)
    if getattr(source, "autoflush", False):
        source.flush()  # a session's pending changes are visible to its queries, as with select()
    connection = source.connection() if callable(source.connection) else source.connection
    pooled = connection.connection  # SQLAlchemy Connection → pool's proxied DB-API connection
    return _driver(pooled)


def _driver(connection: Any) -> DBAPIConnection:
    driver = getattr(connection, "driver_connection", None)
    return driver if driver is not None else connection  # type: ignore[no-any-return]


def _pyformat(connection: DBAPIConnection) -> bool:
    if isinstance(connection, sqlite3.Connection):
        return False
    return type(connection).__module__.split(".")[0] == "psycopg"


def fetch(
    connection: DBAPIConnection, sql: str, params: Sequence[object] = ()
) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (written with ``?`` placeholders and no ``%`` nor literal ``?``)."""
    if _pyformat(connection):
        sql = sql.replace("?", "%s")
    if isinstance(connection, sqlite3.Connection) and connection.text_factory is not str:
        return _fetch_sqlite(connection, sql, tuple(params))
    cursor = connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def fetch_chunks(
    connection: DBAPIConnection, sql: str, params: Sequence[object] = (), size: int = 5000
) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``sql`` in lists of at most ``size``, read as they are used: a long result
    never sits in memory whole. No other statement may run on ``connection`` meanwhile."""
    if _pyformat(connection):
        sql = sql.replace("?", "%s")
    cursor = connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        while rows := cursor.fetchmany(size):
            yield rows
    finally:
        cursor.close()


def _undecodable(error: sqlite3.OperationalError) -> bool:
    return str(error).startswith("Could not decode to UTF-8")


def read_decoding_in_c(
    connection: DBAPIConnection, read: Callable[[], _T], undo: Callable[[], None]
) -> _T:
    """``read()`` with a ``sqlite3`` connection's text decoded by the C decoder; when a value is
    not valid UTF-8, ``undo()`` then ``read()`` again with the connection's own ``text_factory``
    (the lenient one replaces what cannot be decoded; the error quotes the value, so it goes no
    further). Other connections: ``read()``."""
    if not isinstance(connection, sqlite3.Connection) or connection.text_factory is str:
        return read()
    own = connection.text_factory
    connection.text_factory = str
    try:
        try:
            return read()
        except sqlite3.OperationalError as error:
            if not _undecodable(error):
                raise
    finally:
        connection.text_factory = own
    undo()
    return read()


def _fetch_sqlite(
    connection: sqlite3.Connection, sql: str, params: tuple[object, ...]
) -> list[tuple[Any, ...]]:
    """Every row, decoded by the C decoder; again with the connection's own ``text_factory``
    when a value is not valid UTF-8 (the error, which quotes the value, goes no further)."""
    own = connection.text_factory
    connection.text_factory = str
    try:
        try:
            return connection.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            if not _undecodable(error):
                raise
    finally:
        connection.text_factory = own
    return connection.execute(sql, params).fetchall()


def execute(connection: DBAPIConnection, sql: str, rows: Sequence[Sequence[object]]) -> None:
    """Run ``sql`` (``?`` placeholders) once per parameter row; nothing is fetched."""
    if not rows:
        return
    if _pyformat(connection):
        sql = sql.replace("?", "%s")
    cursor = connection.cursor()
    try:
        if len(rows) == 1:
            cursor.execute(sql, tuple(rows[0]))
        else:
            cursor.executemany(sql, [tuple(row) for row in rows])
    finally:
        cursor.close()


def is_sqlite(connection: DBAPIConnection) -> bool:
    """Whether ``connection`` is a ``sqlite3`` connection."""
    return isinstance(connection, sqlite3.Connection)


def ids_clause(column: str, ids: Sequence[int] | None) -> tuple[str, list[object]]:
    """``" WHERE column IN (?, ...)"`` and its parameters; empty when every row is wanted
    (``ids`` None, or more than :data:`MAX_BOUND_IDS`: the caller filters)."""
    if ids is None or len(ids) > MAX_BOUND_IDS:
        return "", []
    if not ids:
        return " WHERE 1 = 0", []
    return f" WHERE {column} IN ({', '.join('?' * len(ids))})", [int(i) for i in ids]


def as_date(value: object) -> dt.date | None:
    """A stored date (ISO text from SQLite, a date from PostgreSQL); datetimes give their day."""
    if value is None:
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    assert isinstance(value, dt.date)
    return value


def as_datetime(value: object) -> dt.datetime | None:
    """A stored timestamp (text ``YYYY-MM-DD HH:MM:SS[.ffffff]`` from SQLite, or a datetime)."""
    if value is None:
        return None
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value
    assert isinstance(value, dt.date)
    return dt.datetime.combine(value, dt.time())


class DateCache(dict[object, "dt.date | None"]):
    """Stored date → :func:`as_date` of it, each distinct value converted once (``None`` →
    ``None``); look up with ``cache[value]``. Equal values share one ``date`` object."""

    def __init__(self) -> None:
        super().__init__()
        self[None] = None

    def __missing__(self, value: object) -> dt.date | None:
        found = self[value] = as_date(value)
        return found
