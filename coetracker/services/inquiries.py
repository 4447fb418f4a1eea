"""Logging, editing and deleting inquiries made to the bureau about a case."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coetracker.domain.text import clean
from coetracker.services.audit import record_create
from coetracker.services.cases import inquiry_record
from coetracker.services.errors import NotFoundError
from coetracker.services.records import InquiryInput, as_dict
from coetracker.services.rows import apply_values, delete_row, locked_row
from coetracker.storage.engine import Database
from coetracker.storage.models import Case, Inquiry

_TEXT = ("department", "staff", "made_by", "outcome")


def _values(data: InquiryInput) -> dict[str, object]:
    values = as_dict(data)
    for name in _TEXT:
        values[name] = clean(values[name])
    for name in ("question", "answer"):
        text = values[name]
        values[name] = text if isinstance(text, str) and text.strip() else None
    return values


def log_inquiry_in(session: Session, case_id: int, data: InquiryInput, *, actor: str | None) -> int:
    """:func:`log_inquiry` inside the caller's transaction."""
    if session.get(Case, case_id) is None:
        raise NotFoundError("case", case_id)
    row = Inquiry(case_id=case_id, **_values(data))
    session.add(row)
    session.flush()
    record_create(session, actor=actor, entity="inquiry", entity_id=row.id, case_id=case_id)
    return row.id


def log_inquiry(db: Database, case_id: int, data: InquiryInput, *, actor: str | None) -> int:
    """Record an inquiry; return its id."""
    with db.write_session() as session:
        return log_inquiry_in(session, case_id, data, actor=actor)


def _locked(session: Session, inquiry_id: int, expected_version: int) -> Inquiry:
    return locked_row(
        session,
        Inquiry,
        "inquiry",
        inquiry_id,
        expected_version,
        lambda row: as_dict(inquiry_record(row)),
    )


def update_inquiry(
    db: Database,
    inquiry_id: int,
    data: InquiryInput,
    *,
    expected_version: int,
    actor: str | None,
) -> int:
    """Save an edited inquiry; return its new version."""
    with db.write_session() as session:
        row = _locked(session, inquiry_id, expected_version)
        return apply_values(
            session, row, _values(data), actor=actor, entity="inquiry", case_id=row.case_id
        )


def delete_inquiry(
    db: Database, inquiry_id: int, *, expected_version: int, actor: str | None
) -> None:
    """Delete an inquiry (the history keeps when it was and what it said)."""
    with db.write_session() as session:
        row = _locked(session, inquiry_id, expected_version)
        delete_row(
            session,
            row,
            actor=actor,
            entity="inquiry",
            case_id=row.case_id,
            summary=f"{row.made_at.isoformat(sep=' ', timespec='minutes')} {row.channel}",
        )
