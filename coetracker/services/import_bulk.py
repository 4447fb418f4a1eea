"""Writing the new cases of an import in bulk: a few Core ``INSERT``s instead of one ORM flush
per row.

:func:`write_new_rows` writes the planned CREATE rows of an import inside the caller's write
transaction with the same result as creating each case through the services one after the
other: clients found or created once per name, applicants matched to existing ones (same
passport number, else same names and date of birth; within the file too), each case, its
imported inquiry and document request, and a "create" event in the audit trail for every row
made. Rows go in chunks; ``progress(done, total)`` is called after each chunk and may raise to
cancel (the caller's transaction then rolls back: nothing is written).

Per row the work left is Python (building the value dictionaries); the statements are
``executemany`` with ``RETURNING`` ids, so the write lock is held for the bulk write only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.text import search_key
from coetracker.services import parties
from coetracker.services.cases import case_values
from coetracker.services.documents import _values as request_values
from coetracker.services.errors import ServiceError, ValidationError
from coetracker.services.inquiries import _values as inquiry_values
from coetracker.services.records import DocumentRequestInput, InquiryInput, OrganizationInput
from coetracker.storage.models import (
    Applicant,
    AuditEvent,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    utcnow,
)

__all__ = [
    "BulkCounts",
    "ImportCancelledError",
    "PreparedRow",
    "RowFailedError",
    "fingerprint",
    "prepare_rows",
    "write_new_rows",
]

CHUNK = 5_000

Progress = Callable[[int, int], None]


@dataclasses.dataclass(slots=True)
class BulkCounts:
    """What :func:`write_new_rows` made."""

    created: int = 0
    inquiries: int = 0
    requests: int = 0


class ImportCancelledError(ServiceError):
    """Raised from a progress callback when the user cancels: nothing is written."""

    def __init__(self) -> None:
        super().__init__(
            message(
                "Csv",
                QT_TRANSLATE_NOOP("Csv", "The import was cancelled: nothing was written."),
            )
        )


class RowFailedError(Exception):
    """A row the services refused while writing (``index`` into the inputs), with the cause."""

    def __init__(self, index: int, cause: ValidationError) -> None:
        super().__init__(index)
        self.index = index
        self.cause = cause


def fingerprint(session: Session) -> tuple[object, ...]:
    """Changes whenever a case, applicant or client is added, removed or edited.

    A plan made when the fingerprint was the same is still valid: the import need not be
    planned again while it holds the write lock.
    """
    parts: list[object] = []
    for model in (Case, Applicant, Organization):
        row = session.execute(
            select(func.count(), func.max(model.id), func.max(model.updated_at))
        ).one()
        parts.extend(row)
    return tuple(parts)


def _insert_returning_ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` with ids given here (the write lock is held: nobody else inserts)."""
    if not rows:
        return []
    first = int(session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    for row, row_id in zip(rows, ids, strict=True):
        row["id"] = row_id
    session.connection().execute(insert(model), rows)
    return ids


def _audit(
    session: Session, actor: str | None, entity: str, ids: Sequence[tuple[int, int | None]]
) -> None:
    if not ids:
        return
    at = utcnow()
    session.connection().execute(
        insert(AuditEvent),
        [
            {
                "at": at,
                "actor": actor,
                "action": "create",
                "entity": entity,
                "entity_id": entity_id,
                "case_id": case_id,
            }
            for entity_id, case_id in ids
        ],
    )


def _upper(value: Any) -> Any:
    """A romanised name folded as find_applicant folds it (width and case)."""
    return unicodedata.normalize("NFKC", value).casefold().strip() if isinstance(value, str) else ""


class _Applicants:
    """Existing applicants by passport number and by (family, given, birth date)."""

    def __init__(self, session: Session) -> None:
        self.by_passport: dict[str, int] = {}
        self.by_name: dict[tuple[object, object, object], int] = {}
        query = select(
            Applicant.id,
            Applicant.passport_number,
            Applicant.family_name,
            Applicant.given_name,
            Applicant.birth_date,
        ).order_by(Applicant.id.desc())  # the first match wins, as in find_applicant
        for applicant_id, passport, family, given, birth in session.execute(query):
            self.remember(applicant_id, passport, family, given, birth)

    def remember(
        self, applicant_id: int, passport: Any, family: Any, given: Any, birth: Any
    ) -> None:
        if passport:
            self.by_passport[passport] = applicant_id
        if birth is not None:
            self.by_name[(_upper(family), _upper(given), birth)] = applicant_id

    def find(self, values: dict[str, Any]) -> int | None:
        passport = values.get("passport_number")
        if passport and passport in self.by_passport:
            return self.by_passport[passport]
        birth = values.get("birth_date")
        if birth is None:
            return None
        key = (_upper(values["family_name"]), _upper(values.get("given_name")), birth)
        return self.by_name.get(key)


@dataclasses.dataclass(slots=True)
class PreparedRow:
    """One new case's column values, made before the write lock is taken."""

    applicant: dict[str, Any]
    case: dict[str, Any]
    organization: OrganizationInput
    inquiry: dict[str, Any] | None
    request: dict[str, Any] | None


def prepare_rows(
    inputs: Sequence[tuple[Any, dt.date | None, dt.date | None, dt.date | None]],
) -> list[PreparedRow]:
    """Clean and check every row (no database needed): ``inputs`` holds (CaseInput with
    ``organization`` set, last inquiry date, document deadline, documents submitted date).

    Raises :class:`RowFailedError` for a row the services refuse.
    """
    prepared: list[PreparedRow] = []
    for index, (data, inquiry_day, deadline, submitted) in enumerate(inputs):
        try:
            applicant = parties.applicant_values(data.applicant)
            case = case_values(data, 0, 0)
        except ValidationError as error:
            raise RowFailedError(index, error) from error
        inquiry = None
        if inquiry_day is not None:
            made_at = dt.datetime.combine(inquiry_day, dt.time())
            inquiry = inquiry_values(InquiryInput(made_at=made_at, imported=True))
        request = None
        if deadline is not None or submitted is not None:
            request = request_values(
                DocumentRequestInput(deadline=deadline, submitted_on=submitted, imported=True)
            )
        organization = data.organization or OrganizationInput(name="")
        prepared.append(PreparedRow(applicant, case, organization, inquiry, request))
    return prepared


def write_new_rows(
    session: Session,
    rows: Sequence[PreparedRow],
    *,
    actor: str | None,
    progress: Progress | None = None,
) -> BulkCounts:
    """Write new cases prepared by :func:`prepare_rows`, in file order."""
    counts = BulkCounts()
    organizations: dict[str, int] = {}
    applicants = _Applicants(session)
    total = len(rows)
    for start in range(0, total, CHUNK):
        chunk = rows[start : start + CHUNK]
        new_applicants: list[dict[str, Any]] = []
        applicant_of: list[int | tuple[str, int]] = []
        pending: dict[object, int] = {}  # key of a new applicant in this chunk → its index
        for row in chunk:
            values = row.applicant
            found = applicants.find(values)
            if found is not None:
                applicant_of.append(found)
                continue
            key: object = values.get("passport_number") or (
                (
                    _upper(values["family_name"]),
                    _upper(values.get("given_name")),
                    values.get("birth_date"),
                )
                if values.get("birth_date") is not None
                else object()
            )
            if key not in pending:
                pending[key] = len(new_applicants)
                new_applicants.append(values)
            applicant_of.append(("new", pending[key]))
        new_ids = _insert_returning_ids(session, Applicant, new_applicants)
        for values, applicant_id in zip(new_applicants, new_ids, strict=True):
            applicants.remember(
                applicant_id,
                values.get("passport_number"),
                values["family_name"],
                values.get("given_name"),
                values.get("birth_date"),
            )
        _audit(session, actor, "applicant", [(i, None) for i in new_ids])

        case_rows: list[dict[str, Any]] = []
        for row, applicant in zip(chunk, applicant_of, strict=True):
            key_name = search_key(row.organization.name)
            if key_name not in organizations:
                organization = parties.find_or_create_organization(
                    session, row.organization, actor=actor
                )
                organizations[key_name] = organization.id
            case = row.case
            case["organization_id"] = organizations[key_name]
            case["applicant_id"] = (
                applicant if isinstance(applicant, int) else new_ids[applicant[1]]
            )
            case_rows.append(case)
        case_ids = _insert_returning_ids(session, Case, case_rows)
        _audit(session, actor, "case", [(i, i) for i in case_ids])
        counts.created += len(case_ids)

        inquiries: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        for row, case_id in zip(chunk, case_ids, strict=True):
            if row.inquiry is not None:
                inquiries.append({"case_id": case_id, **row.inquiry})
            if row.request is not None:
                requests.append({"case_id": case_id, **row.request})
        inquiry_ids = _insert_returning_ids(session, Inquiry, inquiries)
        _audit(
            session,
            actor,
            "inquiry",
            [(i, row["case_id"]) for i, row in zip(inquiry_ids, inquiries, strict=True)],
        )
        request_ids = _insert_returning_ids(session, DocumentRequest, requests)
        _audit(
            session,
            actor,
            "document_request",
            [(i, row["case_id"]) for i, row in zip(request_ids, requests, strict=True)],
        )
        counts.inquiries += len(inquiry_ids)
        counts.requests += len(request_ids)
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    return counts
