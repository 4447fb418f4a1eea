"""The invoices (請求書) and receipts (領収証) issued for a case, and voiding one.

A numbered document is never deleted and its number never given again: one issued by mistake
is voided with the date, a reason and who did it, and stays listed (and kept until its
keep-until date) beside the documents issued after it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.text import clean
from coetracker.services.audit import record_changes
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.storage.engine import Database
from coetracker.storage.models import IssuedDocument

REASON_CAP = 500


@dataclass(frozen=True, slots=True)
class IssuedDocumentRecord:
    """One issued invoice or receipt as the Fees tab lists it."""

    id: int
    kind: str  # invoice / receipt
    number: str
    issued_on: dt.date
    amount: int
    keep_until: dt.date
    voided_on: dt.date | None = None
    void_reason: str | None = None
    voided_by: str | None = None

    @property
    def voided(self) -> bool:
        return self.voided_on is not None


def _record(row: IssuedDocument) -> IssuedDocumentRecord:
    return IssuedDocumentRecord(
        id=row.id,
        kind=row.kind,
        number=row.number,
        issued_on=row.issued_on,
        amount=row.amount,
        keep_until=row.keep_until,
        voided_on=row.voided_on,
        void_reason=row.void_reason,
        voided_by=row.voided_by,
    )


def issued_documents(db: Database, case_id: int) -> list[IssuedDocumentRecord]:
    """The case's invoices and receipts, oldest first, voided ones included."""
    with db.read_session() as session:
        rows = session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case_id)
            .order_by(IssuedDocument.issued_on, IssuedDocument.id)
        )
        return [_record(row) for row in rows]


def void_document(
    db: Database, document_id: int, *, reason: str, voided_on: dt.date, actor: str | None
) -> IssuedDocumentRecord:
    """Mark an issued document void (its number stays taken); refused without a reason or
    when it is already void."""
    text = clean(reason)
    if not text:
        raise ValidationError(
            {
                "reason": message(
                    "Ledger", QT_TRANSLATE_NOOP("Ledger", "Please say why the document is voided.")
                )
            }
        )
    if len(text) > REASON_CAP:
        raise ValidationError(
            {
                "reason": message(
                    "Ledger",
                    QT_TRANSLATE_NOOP("Ledger", "The reason is too long (at most 500 characters)."),
                )
            }
        )
    with db.write_session() as session:
        row = session.get(IssuedDocument, document_id)
        if row is None:
            raise NotFoundError("issued_document", document_id)
        if row.voided_on is not None:
            raise ValidationError(
                {
                    "reason": message(
                        "Ledger",
                        QT_TRANSLATE_NOOP("Ledger", "{number} was already voided on {date}."),
                        number=row.number,
                        date=row.voided_on,
                    )
                }
            )
        row.voided_on = voided_on
        row.void_reason = text
        row.voided_by = actor
        session.flush()
        record_changes(
            session,
            actor=actor,
            entity=row.kind,
            entity_id=row.id,
            case_id=row.case_id,
            before={"voided_on": None},
            after={"voided_on": voided_on, "void_reason": f"{row.number}: {text}"},
            action="void",
        )
        return _record(row)
