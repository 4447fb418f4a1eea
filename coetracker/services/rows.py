"""The shared steps of every edit: load the row a form was made from, refuse it when its version
moved on, apply the new values and audit each changed field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from coetracker.services.audit import record_changes, record_delete
from coetracker.services.errors import ConflictError, NotFoundError


class Versioned(Protocol):
    """An ORM row with optimistic concurrency."""

    id: Any
    version_id: Any


RowT = TypeVar("RowT", bound=Versioned)


def locked_row(
    session: Session,
    model: type[RowT],
    entity: str,
    row_id: int,
    expected_version: int,
    snapshot: Callable[[RowT], Mapping[str, object]],
) -> RowT:
    """The row, provided it is still at ``expected_version``.

    Raises NotFoundError when it is gone, and ConflictError carrying ``snapshot(row)`` (what
    is stored now, for the user to compare) when someone saved it since the form was loaded.
    The row is locked until the transaction ends (``FOR UPDATE``; on SQLite the IMMEDIATE
    transaction already holds the write lock): on a server two saves of the same row queue, and
    the second sees the first's version, never a lost update.
    """
    row = session.get(model, row_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise NotFoundError(entity, row_id)
    if row.version_id != expected_version:
        raise ConflictError(entity, row_id, snapshot(row))
    return row


def apply_values(
    session: Session,
    row: Versioned,
    values: Mapping[str, object],
    *,
    actor: str | None,
    entity: str,
    case_id: int | None,
    action: str = "update",
    flush: bool = True,
) -> int:
    """Set ``values`` on ``row``, audit each changed field, flush; return the row's version.
    ``flush=False`` leaves the writing to the session's next flush (a bulk writer's many rows
    in one): the version returned is then the one before."""
    before = {name: getattr(row, name) for name in values}
    for name, value in values.items():
        setattr(row, name, value)
    record_changes(
        session,
        actor=actor,
        entity=entity,
        entity_id=int(row.id),
        case_id=case_id,
        before=before,
        after=values,
        action=action,
    )
    if flush:
        session.flush()
    return int(row.version_id)


def delete_row(
    session: Session,
    row: Versioned,
    *,
    actor: str | None,
    entity: str,
    case_id: int | None,
    summary: str,
) -> None:
    """Delete ``row``, keeping in the history what it was (``summary``)."""
    record_delete(
        session,
        actor=actor,
        entity=entity,
        entity_id=int(row.id),
        case_id=case_id,
        summary=summary,
    )
    session.delete(row)
