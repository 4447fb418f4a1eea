"""Writing the audit trail: one ``audit_event`` per created, deleted or changed field."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.services.records import AuditRecord
from coetracker.storage.engine import Database
from coetracker.storage.models import AuditEvent, utcnow


def audit_text(value: object) -> str | None:
    """How a value is written into the history: ISO dates, enum values, plain text."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def record_create(
    session: Session, *, actor: str | None, entity: str, entity_id: int, case_id: int | None
) -> None:
    """Record that a row was created."""
    session.add(
        AuditEvent(
            at=utcnow(),
            actor=actor,
            action="create",
            entity=entity,
            entity_id=entity_id,
            case_id=case_id,
        )
    )


def record_delete(
    session: Session,
    *,
    actor: str | None,
    entity: str,
    entity_id: int,
    case_id: int | None,
    summary: str | None = None,
) -> None:
    """Record that a row was deleted (``summary`` keeps what it was, for the history)."""
    session.add(
        AuditEvent(
            at=utcnow(),
            actor=actor,
            action="delete",
            entity=entity,
            entity_id=entity_id,
            case_id=case_id,
            old_value=summary,
        )
    )


def record_changes(
    session: Session,
    *,
    actor: str | None,
    entity: str,
    entity_id: int,
    case_id: int | None,
    before: Mapping[str, object],
    after: Mapping[str, object],
    action: str = "update",
) -> int:
    """Record one event per field whose value differs; return how many fields changed."""
    at = utcnow()
    changed = 0
    for name, new in after.items():
        old = before.get(name)
        old_text, new_text = audit_text(old), audit_text(new)
        if old_text == new_text:
            continue
        changed += 1
        session.add(
            AuditEvent(
                at=at,
                actor=actor,
                action=action,
                entity=entity,
                entity_id=entity_id,
                case_id=case_id,
                field=name,
                old_value=old_text,
                new_value=new_text,
            )
        )
    return changed


def history_of(db: Database, case_id: int) -> list[AuditRecord]:
    """:func:`case_history` read in a session of its own (any thread)."""
    with db.read_session() as session:
        return case_history(session, case_id)


def case_history(session: Session, case_id: int) -> list[AuditRecord]:
    """The audit events of a case and its inquiries and requests, newest first."""
    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.case_id == case_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return [
        AuditRecord(
            at=row.at,
            actor=row.actor,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            field=row.field,
            old_value=row.old_value,
            new_value=row.new_value,
        )
        for row in rows
    ]
