"""Classified errors of an office database server (PostgreSQL), one sentence each.

:func:`classify_server_error` looks at the driver's exception (``psycopg``, bare or wrapped by
SQLAlchemy) and returns a :class:`~coetracker.errors.UserFacingError` the user can act on: the
server cannot be reached, it refused the password, the database is missing, the secure
connection failed, or the role may not do this. Like :mod:`coetracker.errors`, neither the
sentence nor the detail contains the driver's text (it can hold names and statements); only the
SQLSTATE code goes into the detail.
"""

from __future__ import annotations

from collections.abc import Iterator

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.errors import DatabaseLockedError, UserFacingError

__all__ = [
    "ServerDatabaseMissingError",
    "ServerLoginError",
    "ServerPermissionError",
    "ServerTlsError",
    "ServerUnreachableError",
    "classify_server_error",
]


class ServerUnreachableError(UserFacingError):
    """The server does not answer (stopped, network cut, wrong host or port)."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The office server cannot be reached: check the network and that the server "
                    "is running. Nothing was lost.",
                ),
            ),
            detail=detail,
        )


class ServerLoginError(UserFacingError):
    """The server refused the user name or the password."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety", "The office server refused the user name or the password."
                ),
            ),
            detail=detail,
        )


class ServerDatabaseMissingError(UserFacingError):
    """The server is there, the database is not."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The office server has no database of that name: check the name, or ask "
                    "the administrator to create it.",
                ),
            ),
            detail=detail,
        )


class ServerTlsError(UserFacingError):
    """The secure (TLS) connection could not be set up or the certificate was not trusted."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The secure connection to the office server failed: check the TLS mode and "
                    "the CA certificate file.",
                ),
            ),
            detail=detail,
        )


class ServerPermissionError(UserFacingError):
    """The role this app logs in as may not do what was asked (a staff role upgrading, say)."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(
            message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "Your role on the office server may not do this: ask the administrator. "
                    "Nothing was changed.",
                ),
            ),
            detail=detail,
        )


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException) and id(orig) not in seen:
            yield orig
            seen.add(id(orig))
        current = current.__cause__ or current.__context__


def classify_server_error(exc: BaseException) -> UserFacingError | None:
    """The one-sentence error for a server failure, or None when it is not one."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    for current in _chain(exc):
        if isinstance(current, UserFacingError):
            return current
        if not isinstance(current, psycopg.Error):
            continue
        state = current.sqlstate or ""
        detail = f"{type(current).__name__}: {state or 'no sqlstate'}"
        text = str(current).lower()
        if state in ("28P01", "28000") or "password authentication failed" in text:
            return ServerLoginError(detail=detail)
        if state == "3D000" or ("database" in text and "does not exist" in text):
            return ServerDatabaseMissingError(detail=detail)
        if state == "42501":
            return ServerPermissionError(detail=detail)
        if state in _BUSY_STATES:
            return DatabaseLockedError(detail=detail)
        if "ssl" in text or "certificate" in text:
            return ServerTlsError(detail=detail)
        if state.startswith(("08", "57P")):
            return ServerUnreachableError(detail=detail)
        if not state and isinstance(current, psycopg.OperationalError):
            return ServerUnreachableError(detail=detail)  # failed before the server answered
    return None


_BUSY_STATES = frozenset({"40P01", "40001", "55P03"})
"""Deadlock, serialization failure, lock not available: someone else was saving; retry."""
