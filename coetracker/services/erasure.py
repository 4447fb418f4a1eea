"""Erasing a person: an applicant's personal data out of the database and the audit trail.

The office must keep its case ledger (事件簿, 行政書士法 第9条: matter, date, fee, client name
and address) for two years after closing; the applicant's passport data is no part of it. So
once every case of an applicant is closed (entered, denied, withdrawn, expired, or archived)
and has not changed for :data:`RETENTION_YEARS` years, :func:`erase_applicant` clears the
applicant's names, date of birth, sex, nationality, passport number and notes (the family name
becomes :data:`ERASED`), and the old and new values of the applicant's rows in the audit trail.
The cases stay. The database zeroes what it deletes (``secure_delete=ON``); backups made before
still hold the data until they rotate out (12 months at most), which the caller tells the user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import Stage
from coetracker.errors import UserFacingError
from coetracker.storage.engine import Database
from coetracker.storage.models import Applicant, AuditEvent, Case, utcnow

__all__ = [
    "ERASED",
    "RETENTION_YEARS",
    "ErasureRefusedError",
    "ErasureResult",
    "applicant_of_case",
    "erase_applicant",
]

ERASED = "(erased)"
RETENTION_YEARS = 2
_CLOSED = frozenset({Stage.ENTERED, Stage.DENIED, Stage.WITHDRAWN, Stage.EXPIRED})
_FIELDS = (
    "given_name",
    "name_kanji",
    "name_kana",
    "nationality_code",
    "birth_date",
    "sex",
    "passport_number",
    "notes",
)


class ErasureRefusedError(UserFacingError):
    """The applicant cannot be erased (yet); nothing was changed."""


@dataclass(frozen=True, slots=True)
class ErasureResult:
    """What :func:`erase_applicant` did."""

    applicant_id: int
    cases: int
    audit_values_cleared: int


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def applicant_of_case(db: Database, reference: str) -> int | None:
    """The applicant of the case with office reference ``reference`` (the id users see)."""
    with db.read_session() as session:
        found = session.scalar(select(Case.applicant_id).where(Case.reference == reference))
    return int(found) if found is not None else None


def erase_applicant(
    db: Database, applicant_id: int, *, today: dt.date, actor: str | None = None
) -> ErasureResult:
    """Erase one applicant's personal data; raise :class:`ErasureRefusedError` if too early."""
    cutoff = _years_before(today, RETENTION_YEARS)
    with db.write_session() as session:
        applicant = session.get(Applicant, applicant_id)
        if applicant is None:
            raise ErasureRefusedError(
                message(
                    "DataSafety",
                    QT_TRANSLATE_NOOP(
                        "DataSafety", "There is no applicant {id}. Nothing was erased."
                    ),
                    id=applicant_id,
                ),
                detail="erase: no such applicant",
            )
        cases = session.scalars(select(Case).where(Case.applicant_id == applicant_id)).all()
        for case in cases:
            closed = case.archived or case.stage in _CLOSED
            if not closed or case.updated_at.date() > cutoff:
                raise ErasureRefusedError(
                    message(
                        "DataSafety",
                        QT_TRANSLATE_NOOP(
                            "DataSafety",
                            "This applicant cannot be erased yet: case {reference} is still open "
                            "or was closed less than {years} years ago, and the case ledger must "
                            "be kept that long. Nothing was erased.",
                        ),
                        reference=case.reference or case.id,
                        years=RETENTION_YEARS,
                    ),
                    detail="erase: retention",
                )
        result = session.execute(
            update(AuditEvent)
            .where(AuditEvent.entity == "applicant", AuditEvent.entity_id == applicant_id)
            .where((AuditEvent.old_value.is_not(None)) | (AuditEvent.new_value.is_not(None)))
            .values(old_value=None, new_value=None)
        )
        cleared = int(getattr(result, "rowcount", 0) or 0)
        applicant.family_name = ERASED
        for name in _FIELDS:
            setattr(applicant, name, None)
        # That an erasure happened, who did it and when, stays in the history; no values.
        session.add(
            AuditEvent(
                at=utcnow(), actor=actor, action="erase", entity="applicant", entity_id=applicant_id
            )
        )
    return ErasureResult(applicant_id, len(cases), cleared)
