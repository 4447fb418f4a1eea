"""Writing an import in bulk: a few statements per chunk of rows instead of one ORM flush per
row, with the same stored result as writing each row through the services one after the other.

:func:`prepare_row` cleans and checks one new case's values (no database: the import's plan
calls it while checking the file, so the work is done once and before the write lock); an
update of an existing case is described by a :class:`PreparedUpdate`, whose new values are
merged with the case as it is when the row is written (an earlier row may have changed its
applicant). :func:`~coetracker.services.import_writer.write_rows` writes both kinds inside the
caller's write transaction, in file order: clients found or created once per name, applicants
matched to existing ones, each case created or updated (archived or brought back when the row
says so), the person's residence card, the imported inquiry and document request (its
extension included, or an existing request marked submitted), the stage a document request
moves a filed case to, and the audit trail of each step. ``progress(done, total)`` is called
after each chunk and may raise to cancel (the caller's transaction then rolls back: nothing is
written).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.residence import proposed_expiry
from coetracker.services import parties
from coetracker.services.cases import case_values
from coetracker.services.documents import _values as request_values
from coetracker.services.errors import ServiceError, ValidationError
from coetracker.services.records import (
    CASE_FIELDS,
    ApplicantInput,
    ApplicantRecord,
    CaseInput,
    DocumentRequestInput,
    OrganizationInput,
)
from coetracker.storage.models import (
    Applicant,
    Case,
    Organization,
)

__all__ = [
    "APPLICANT_KEYS",
    "CASE_KEYS",
    "BulkCounts",
    "CardValues",
    "ImportCancelledError",
    "PreparedRow",
    "PreparedUpdate",
    "RowFailedError",
    "card_values",
    "fingerprint",
    "prepare_row",
    "stored_input",
]

CHUNK = 5_000

Progress = Callable[[int, int], None]

APPLICANT_KEYS = tuple(field.name for field in dataclasses.fields(ApplicantInput))
"""The keys of :func:`~coetracker.services.parties.applicant_values`, in order."""
CASE_KEYS = (*CASE_FIELDS, "applicant_id")
"""The keys of :func:`~coetracker.services.cases.case_values`, in order."""
_APPLICANT_VALUES = operator.itemgetter(*APPLICANT_KEYS)
_CASE_VALUES = operator.itemgetter(*CASE_KEYS)


@dataclasses.dataclass(slots=True)
class BulkCounts:
    """What :func:`write_rows` made and changed."""

    created: int = 0
    updated: int = 0
    inquiries: int = 0
    requests: int = 0
    case_ids: list[int] = dataclasses.field(default_factory=list)
    """The case each row wrote, in file order."""
    organization_ids: list[int | None] = dataclasses.field(default_factory=list)
    """The client of each row's case, in file order."""
    people: set[int] = dataclasses.field(default_factory=set)
    """Applicants whose every case's stored assessment the writes change: a case of theirs,
    their card or their names written (what the store's triggers void by person)."""
    cases: set[int] = dataclasses.field(default_factory=set)
    """Cases whose stored assessment the writes change: an inquiry or a document request of
    theirs written (what the store's triggers void by case)."""


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


CardValues = tuple[int | None, dt.date | None, dt.date | None]
"""A residence card's (period in months, landing date, expiry date)."""


def card_values(
    period: int | None, expiry: dt.date | None, entry: dt.date | None
) -> CardValues | None:
    """The card a row's 在留期間 / 在留期限 (and 入国日) give, or ``None`` when it gives neither.

    Without an expiry, the landing date plus the period gives it; an expiry on or before the
    landing date is kept and the landing date dropped (an odd pair: the card's date wins).
    """
    if expiry is None and period is None:
        return None
    landing = entry
    if expiry is None and landing is not None and period:
        expiry = proposed_expiry(landing, period)
    if expiry is not None and landing is not None and expiry <= landing:
        landing = None
    return (period, landing, expiry)


@dataclasses.dataclass(frozen=True, slots=True)
class PreparedRow:
    """One new case's cleaned values, made while the file is checked.

    ``applicant`` and ``case`` hold the values of :data:`APPLICANT_KEYS` and :data:`CASE_KEYS`
    (tuples, not dictionaries: a plan of 100,000 rows stays small).
    """

    applicant: tuple[Any, ...]
    case: tuple[Any, ...]
    client: str
    inquiry_day: dt.date | None = None
    request: tuple[dt.date | None, dt.date | None, dt.date | None] | None = None
    """(deadline, extended deadline, submitted on) of the imported document request."""
    archived: bool = False
    card: CardValues | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class PreparedUpdate:
    """An update of the existing case ``case_id`` by one row of the file.

    ``merge(current, organization_id)`` gives the case as the row leaves it from the case as it
    is (only the columns the file has change); ``archived`` is ``None`` when the file has no
    such column; ``deadline`` is the current one (the extension, when ``original_deadline`` is
    given).
    """

    case_id: int
    client: str
    merge: Callable[[CaseInput, int | None], CaseInput]
    inquiry_day: dt.date | None = None
    deadline: dt.date | None = None
    submitted: dt.date | None = None
    original_deadline: dt.date | None = None
    archived: bool | None = None
    card: CardValues | None = None


def prepare_row(
    data: CaseInput,
    *,
    inquiry_day: dt.date | None = None,
    deadline: dt.date | None = None,
    submitted: dt.date | None = None,
    original_deadline: dt.date | None = None,
    archived: bool = False,
    card: CardValues | None = None,
) -> PreparedRow:
    """Clean and check a new case (``data.organization`` names its client) and what the row
    adds to it; raises :class:`~coetracker.services.errors.ValidationError` as the services
    would when writing it. ``deadline`` is the current one (the extension, when
    ``original_deadline`` is given)."""
    applicant = parties.applicant_values(data.applicant)
    case = case_values(data, 0, 0)
    if len(applicant) != len(APPLICANT_KEYS) or len(case) != len(CASE_KEYS):
        raise AssertionError("the services' value keys changed")  # pragma: no cover
    request = None
    if deadline is not None or submitted is not None:
        extended = original_deadline is not None and deadline is not None
        request = (
            original_deadline if extended else deadline,
            deadline if extended else None,
            submitted,
        )
        request_values(  # checks the dates as the services would (dates are stored as given)
            DocumentRequestInput(
                deadline=request[0],
                extended_deadline=request[1],
                submitted_on=submitted,
                imported=True,
            )
        )
    organization = data.organization or OrganizationInput(name="")
    return PreparedRow(
        applicant=_APPLICANT_VALUES(applicant),
        case=_CASE_VALUES(case),
        client=organization.name,
        inquiry_day=inquiry_day,
        request=request,
        archived=archived,
        card=card,
    )


_TYPED = frozenset({"stage", "procedure", "channel"})
"""Case fields kept as enums in a ``CaseInput``."""


def stored_input(case: dict[str, Any], person: dict[str, Any]) -> CaseInput:
    """A stored case as the input a form edits (as ``cases.case_input_of`` gives it), from its
    row and its applicant's row as read by the bulk import (every column of ``CASE_KEYS`` and
    ``APPLICANT_KEYS``, and the applicant's ``id`` and ``version_id``)."""
    applicant = ApplicantRecord(
        **{key: person[key] for key in APPLICANT_KEYS},
        id=person["id"],
        version_id=person["version_id"],
    )
    return CaseInput(
        applicant=applicant,
        applicant_id=person["id"],
        **{name: case[name] for name in CASE_FIELDS if name not in _TYPED},
        stage=Stage(case["stage"]),
        procedure=Procedure(case["procedure"]),
        channel=FilingChannel(case["channel"]) if case["channel"] else None,
    )
