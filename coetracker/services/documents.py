"""Document requests (資料提出通知書): recording a notice, an extension, a submission.

The case's stage follows its requests (audited like any change): a filed case with a request
still open is "documents requested", and once every request is answered "documents submitted".
A case at any other stage (preparing, issued, closed …) keeps the stage the user recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import Stage
from coetracker.domain.text import clean
from coetracker.services.audit import record_create
from coetracker.services.cases import request_record
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.records import DocumentRequestInput, as_dict
from coetracker.services.rows import apply_values, delete_row, locked_row
from coetracker.storage.engine import Database
from coetracker.storage.models import Case, DocumentRequest

_TEXT = ("examiner", "extension_agreed_by", "submission_method", "tracking_number")


def _values(data: DocumentRequestInput) -> dict[str, object]:
    values = as_dict(data)
    for name in _TEXT:
        values[name] = clean(values[name])
    for name in ("requested_items", "notes"):
        text = values[name]
        values[name] = text if isinstance(text, str) and text.strip() else None
    problems = {}
    if data.notice_date and data.deadline and data.deadline < data.notice_date:
        problems["deadline"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "The deadline cannot be before the notice date."),
        )
    if data.extended_deadline and data.deadline and data.extended_deadline < data.deadline:
        problems["extended_deadline"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "An extended deadline must be after the original one."),
        )
    if data.submitted_on and data.notice_date and data.submitted_on < data.notice_date:
        problems["submitted_on"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "Documents cannot be submitted before the notice date."),
        )
    if problems:
        raise ValidationError(problems)
    return values


_FOLLOWS_REQUESTS = (Stage.FILED, Stage.DOCUMENTS_REQUESTED, Stage.DOCUMENTS_SUBMITTED)


def _follow_requests(session: Session, case_id: int, *, actor: str | None) -> None:
    """Move a filed case between "documents requested" and "submitted" as its requests say."""
    case = session.get(Case, case_id)
    if case is None or case.stage not in _FOLLOWS_REQUESTS:
        return
    session.flush()
    submitted = session.scalars(
        select(DocumentRequest.submitted_on).where(DocumentRequest.case_id == case_id)
    ).all()
    if not submitted:
        return
    stage = (
        Stage.DOCUMENTS_REQUESTED
        if any(day is None for day in submitted)
        else Stage.DOCUMENTS_SUBMITTED
    )
    if case.stage != stage:
        apply_values(
            session, case, {"stage": stage.value}, actor=actor, entity="case", case_id=case_id
        )


def add_request_in(
    session: Session, case_id: int, data: DocumentRequestInput, *, actor: str | None
) -> int:
    """:func:`add_request` inside the caller's transaction."""
    if session.get(Case, case_id) is None:
        raise NotFoundError("case", case_id)
    row = DocumentRequest(case_id=case_id, **_values(data))
    session.add(row)
    session.flush()
    record_create(
        session, actor=actor, entity="document_request", entity_id=row.id, case_id=case_id
    )
    _follow_requests(session, case_id, actor=actor)
    return row.id


def add_request(
    db: Database, case_id: int, data: DocumentRequestInput, *, actor: str | None
) -> int:
    """Record a document request; return its id."""
    with db.write_session() as session:
        return add_request_in(session, case_id, data, actor=actor)


def _locked(session: Session, request_id: int, expected_version: int) -> DocumentRequest:
    return locked_row(
        session,
        DocumentRequest,
        "document_request",
        request_id,
        expected_version,
        lambda row: as_dict(request_record(row)),
    )


def update_request(
    db: Database,
    request_id: int,
    data: DocumentRequestInput,
    *,
    expected_version: int,
    actor: str | None,
) -> int:
    """Save an edited request (extension, submission …); return its new version."""
    with db.write_session() as session:
        row = _locked(session, request_id, expected_version)
        version = apply_values(
            session,
            row,
            _values(data),
            actor=actor,
            entity="document_request",
            case_id=row.case_id,
        )
        _follow_requests(session, row.case_id, actor=actor)
        return version


def mark_submitted(
    db: Database,
    request_id: int,
    *,
    on: dt.date,
    method: str | None,
    expected_version: int,
    actor: str | None,
) -> int:
    """Record that the documents were sent; return the request's new version."""
    with db.read_session() as session:
        row = session.get(DocumentRequest, request_id)
        if row is None:
            raise NotFoundError("document_request", request_id)
        current = request_record(row)
    data = DocumentRequestInput(
        **{f.name: getattr(current, f.name) for f in dataclasses.fields(DocumentRequestInput)}
    )
    data = dataclasses.replace(data, submitted_on=on, submission_method=method)
    return update_request(db, request_id, data, expected_version=expected_version, actor=actor)


def delete_request(
    db: Database, request_id: int, *, expected_version: int, actor: str | None
) -> None:
    """Delete a request recorded by mistake (audited)."""
    with db.write_session() as session:
        row = _locked(session, request_id, expected_version)
        delete_row(
            session,
            row,
            actor=actor,
            entity="document_request",
            case_id=row.case_id,
            summary=f"deadline {row.deadline.isoformat() if row.deadline else '-'}",
        )
