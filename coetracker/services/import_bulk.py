"""Writing the new cases of an import in bulk: a few Core ``INSERT``s instead of one ORM flush
per row.

:func:`prepare_row` cleans and checks one new case's values (no database: the import's plan
calls it while checking the file, so the work is done once and before the write lock).
:func:`write_new_rows` then writes the prepared rows inside the caller's write transaction with
the same stored result as creating each case through the services one after the other: clients
found or created once per name, applicants matched to existing ones (same passport number, else
same names and date of birth; within the file too), each case (archived when the row says so),
the person's residence card, the imported inquiry and document request (its extension
included), the stage a document request moves a filed case to, and the audit trail of each of
these steps, in the same order. Ids are handed out here (the write lock is held; on a server
they come from the tables' sequences), so rows go in as ``executemany`` of plain parameter
lists, in chunks; ``progress(done, total)`` is called after each chunk and may raise to cancel
(the caller's transaction then rolls back: nothing is written).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Date, DateTime, func, insert, select, text
from sqlalchemy.orm import Session

from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.domain.model import Stage
from coetracker.domain.residence import proposed_expiry
from coetracker.domain.text import clean, search_key
from coetracker.services import parties
from coetracker.services.audit import audit_text
from coetracker.services.cases import case_values
from coetracker.services.documents import _values as request_values
from coetracker.services.errors import ServiceError, ValidationError
from coetracker.services.inquiries import _values as inquiry_values
from coetracker.services.records import (
    CASE_FIELDS,
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from coetracker.services.rows import apply_values
from coetracker.storage.models import (
    Applicant,
    AuditEvent,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceCard,
    utcnow,
)

__all__ = [
    "BulkCounts",
    "CardValues",
    "ImportCancelledError",
    "PreparedRow",
    "RowFailedError",
    "card_values",
    "fingerprint",
    "prepare_row",
    "write_new_rows",
]

CHUNK = 5_000

Progress = Callable[[int, int], None]

APPLICANT_KEYS = tuple(field.name for field in dataclasses.fields(ApplicantInput))
"""The keys of :func:`~coetracker.services.parties.applicant_values`, in order."""
CASE_KEYS = (*CASE_FIELDS, "applicant_id")
"""The keys of :func:`~coetracker.services.cases.case_values`, in order."""

_FOLLOWS_REQUESTS = frozenset(
    {Stage.FILED.value, Stage.DOCUMENTS_REQUESTED.value, Stage.DOCUMENTS_SUBMITTED.value}
)
"""Stages a document request moves a case between (as ``documents._follow_requests`` does)."""


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
        applicant=tuple(applicant[key] for key in APPLICANT_KEYS),
        case=tuple(case[key] for key in CASE_KEYS),
        client=organization.name,
        inquiry_day=inquiry_day,
        request=request,
        archived=archived,
        card=card,
    )


# --- ids and lookups -----------------------------------------------------------------------------


class _Ids:
    """Hands out the ids of new rows of one table: after the highest on SQLite (the write lock
    is held: nobody else inserts), from the table's sequence on a server."""

    def __init__(self, session: Session, model: Any) -> None:
        self.session = session
        self.model = model
        self.server = session.get_bind().dialect.name == "postgresql"
        self.pool: list[int] = []
        self.next = 0
        if not self.server:
            self.next = int(session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1

    def take(self, wanted: int) -> int:
        """A new id; ``wanted`` says how many more this chunk may take (fetched at once)."""
        if not self.server:
            self.next += 1
            return self.next - 1
        if not self.pool:
            preparer = self.session.get_bind().dialect.identifier_preparer
            name = preparer.format_table(self.model.__table__)
            self.pool = sorted(
                self.session.execute(
                    text(
                        "SELECT nextval(pg_get_serial_sequence(:name, 'id')) "
                        "FROM generate_series(1, :count)"
                    ),
                    {"name": name, "count": max(wanted, 1)},
                ).scalars(),
                reverse=True,
            )
        return int(self.pool.pop())


def _folded(value: Any) -> Any:
    """A romanised name folded as find_applicant folds it (width and case)."""
    return unicodedata.normalize("NFKC", value).casefold().strip() if isinstance(value, str) else ""


class _Applicants:
    """Applicants by passport number and by (family, given, birth date): the first made wins,
    as in ``parties.find_applicant``; new ones are remembered as they are made."""

    def __init__(self, session: Session) -> None:
        self.by_passport: dict[str, int] = {}
        self.by_name: dict[tuple[object, object, object], int] = {}
        query = select(
            Applicant.id,
            Applicant.passport_number,
            Applicant.family_name,
            Applicant.given_name,
            Applicant.birth_date,
        ).order_by(Applicant.id)
        for applicant_id, passport, family, given, birth in session.execute(query):
            self.remember(applicant_id, passport, family, given, birth)

    def remember(
        self, applicant_id: int, passport: Any, family: Any, given: Any, birth: Any
    ) -> None:
        if passport:
            self.by_passport.setdefault(passport, applicant_id)
        if birth is not None:
            self.by_name.setdefault((_folded(family), _folded(given), birth), applicant_id)

    def find(self, values: dict[str, Any]) -> tuple[int | None, tuple[object, object, object]]:
        """The applicant these values match (or None), and their name key."""
        passport = values["passport_number"]
        birth = values["birth_date"]
        key = (_folded(values["family_name"]), _folded(values["given_name"]), birth)
        if passport and passport in self.by_passport:
            return self.by_passport[passport], key
        if birth is None:
            return None, key
        return self.by_name.get(key), key

    def add(self, applicant_id: int, passport: Any, key: tuple[object, object, object]) -> None:
        """Remember a new applicant under the key :meth:`find` gave."""
        if passport:
            self.by_passport.setdefault(passport, applicant_id)
        if key[2] is not None:
            self.by_name.setdefault(key, applicant_id)


class _Organizations:
    """Clients by folded name (``parties.find_organization``: the first stored wins)."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, int] = {}
        query = select(Organization.id, Organization.name).order_by(Organization.id)
        for organization_id, name in session.execute(query):
            self.by_key.setdefault(search_key(name), organization_id)
        self.by_name: dict[str, int] = {}


# --- writing -----------------------------------------------------------------------------------


def _fast(kind: Any, processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """SQLite's date and time text (what the processor writes) made by ``isoformat``; the
    time stamps of a chunk are all one value, converted once."""
    if isinstance(kind, DateTime):
        last: list[Any] = [None, None]

        def stamp(value: Any) -> Any:
            if value is last[0]:
                return last[1]
            if type(value) is dt.datetime and value.tzinfo is None:
                text = value.isoformat(sep=" ", timespec="microseconds")
            else:
                text = processor(value)
            last[0], last[1] = value, text
            return text

        return stamp
    if isinstance(kind, Date):

        def day(value: Any) -> Any:
            return value.isoformat() if type(value) is dt.date else processor(value)

        return day
    return processor


def _insert_many(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` rows that all have the same keys. On SQLite the statement goes to the driver's
    ``executemany`` with the values converted by the column types' own bind processors (what
    SQLAlchemy would do, without its per-row bookkeeping); elsewhere a Core ``insert``."""
    if connection.dialect.name != "sqlite":
        connection.execute(insert(model), rows)
        return
    table = model.__table__
    dialect = connection.dialect
    keys = list(rows[0])
    converters = [
        (index, _fast(table.c[key].type, processor))
        for index, key in enumerate(keys)
        if (processor := table.c[key].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    getter = operator.itemgetter(*keys)
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(getter(row))
        for index, convert in converters:
            value = values[index]
            if value is not None:
                values[index] = convert(value)
        params.append(tuple(values))
    preparer = dialect.identifier_preparer
    columns = ", ".join(preparer.quote(key) for key in keys)
    marks = ", ".join("?" * len(keys))
    statement = f"INSERT INTO {preparer.format_table(table)} ({columns}) VALUES ({marks})"  # noqa: S608 - quoted names
    connection.exec_driver_sql(statement, params)


class _Chunk:
    """The rows of one chunk's statements, in the order the services would make them."""

    def __init__(self) -> None:
        self.organizations: list[dict[str, Any]] = []
        self.applicants: list[dict[str, Any]] = []
        self.cases: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.inquiries: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.audit: list[dict[str, Any]] = []
        self.card_updates: list[tuple[int, int, CardValues]] = []


def write_new_rows(
    session: Session,
    rows: Sequence[PreparedRow],
    *,
    actor: str | None,
    progress: Progress | None = None,
) -> BulkCounts:
    """Write new cases prepared by :func:`prepare_row`, in file order."""
    writer = _BulkWriter(session, actor)
    total = len(rows)
    for start in range(0, total, CHUNK):
        writer.write_chunk(rows[start : start + CHUNK])
        if progress is not None:
            progress(min(start + CHUNK, total), total)
    return writer.counts


class _BulkWriter:
    def __init__(self, session: Session, actor: str | None) -> None:
        self.session = session
        self.actor = actor
        self.counts = BulkCounts()
        self.organizations = _Organizations(session)
        self.applicants = _Applicants(session)
        self.cards: dict[int, int] = {
            applicant_id: card_id
            for applicant_id, card_id in session.execute(
                select(ResidenceCard.applicant_id, ResidenceCard.id)
            )
        }
        self.ids = {
            model: _Ids(session, model)
            for model in (Organization, Applicant, Case, ResidenceCard, Inquiry, DocumentRequest)
        }
        inquiry = inquiry_values(InquiryInput(made_at=dt.datetime(2000, 1, 1), imported=True))
        self.inquiry_template = {key: v for key, v in inquiry.items() if key != "made_at"}
        self.request_template = request_values(DocumentRequestInput(imported=True))
        self.now = utcnow()
        self.stamp: dict[str, Any] = {}
        self.left = 0

    def write_chunk(self, rows: Sequence[PreparedRow]) -> None:
        now = utcnow()
        self.now = now
        self.stamp = {"created_at": now, "updated_at": now}
        self.left = len(rows)
        chunk = _Chunk()
        for row in rows:
            self._row(chunk, row)
            self.left -= 1
        connection = self.session.connection()
        for model, values in (
            (Organization, chunk.organizations),
            (Applicant, chunk.applicants),
            (Case, chunk.cases),
            (ResidenceCard, chunk.cards),
            (Inquiry, chunk.inquiries),
            (DocumentRequest, chunk.requests),
            (AuditEvent, chunk.audit),
        ):
            if values:
                _insert_many(connection, model, values)
        for applicant_id, case_id, card in chunk.card_updates:
            self._update_card(applicant_id, case_id, card)
        self.counts.created += len(chunk.cases)
        self.counts.inquiries += len(chunk.inquiries)
        self.counts.requests += len(chunk.requests)

    def _audit(
        self,
        chunk: _Chunk,
        entity: str,
        entity_id: int,
        case_id: int | None,
        *,
        action: str = "create",
        field: str | None = None,
        old: object = None,
        new: object = None,
    ) -> None:
        chunk.audit.append(
            {
                "at": self.now,
                "actor": self.actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "case_id": case_id,
                "field": field,
                "old_value": audit_text(old),
                "new_value": audit_text(new),
                **self.stamp,
            }
        )

    def _organization(self, chunk: _Chunk, name: str) -> int:
        known = self.organizations.by_name.get(name)
        if known is not None:
            return known
        values = parties.organization_values(OrganizationInput(name=name))
        key = search_key(clean(name))
        found = self.organizations.by_key.get(key)
        if found is None:
            found = self.ids[Organization].take(self.left)
            chunk.organizations.append({**values, "id": found, "version_id": 1, **self.stamp})
            self._audit(chunk, "organization", found, None)
            self.organizations.by_key[key] = found
        self.organizations.by_name[name] = found
        return found

    def _applicant(self, chunk: _Chunk, values: dict[str, Any]) -> int:
        found, key = self.applicants.find(values)
        if found is not None:
            return found
        applicant_id = self.ids[Applicant].take(self.left)
        chunk.applicants.append({**values, "id": applicant_id, "version_id": 1, **self.stamp})
        self._audit(chunk, "applicant", applicant_id, None)
        self.applicants.add(applicant_id, values["passport_number"], key)
        return applicant_id

    def _row(self, chunk: _Chunk, row: PreparedRow) -> None:
        organization_id = self._organization(chunk, row.client)
        applicant_id = self._applicant(chunk, dict(zip(APPLICANT_KEYS, row.applicant, strict=True)))
        case = dict(zip(CASE_KEYS, row.case, strict=True))
        case_id = self.ids[Case].take(self.left)
        case.update(
            id=case_id,
            organization_id=organization_id,
            applicant_id=applicant_id,
            archived=False,
            version_id=1,
            **self.stamp,
        )
        chunk.cases.append(case)
        self._audit(chunk, "case", case_id, case_id)
        if row.card is not None:
            self._card(chunk, applicant_id, case_id, row.card)
        if row.archived:
            self._audit(
                chunk, "case", case_id, case_id, action="archive", field="archived", old=False,
                new=True,
            )  # fmt: skip
            case["archived"] = True
            case["version_id"] += 1
        if row.inquiry_day is not None:
            inquiry_id = self.ids[Inquiry].take(self.left)
            made_at = dt.datetime.combine(row.inquiry_day, dt.time())
            chunk.inquiries.append(
                {
                    **self.inquiry_template,
                    "made_at": made_at,
                    "id": inquiry_id,
                    "case_id": case_id,
                    "version_id": 1,
                    **self.stamp,
                }
            )
            self._audit(chunk, "inquiry", inquiry_id, case_id)
        if row.request is not None:
            self._request(chunk, case, row.request)

    def _card(self, chunk: _Chunk, applicant_id: int, case_id: int, card: CardValues) -> None:
        if applicant_id in self.cards:  # the person has a card already: updated, rarely
            chunk.card_updates.append((applicant_id, case_id, card))
            return
        card_id = self.ids[ResidenceCard].take(self.left)
        self.cards[applicant_id] = card_id
        period, landing, expiry = card
        chunk.cards.append(
            {
                "id": card_id,
                "applicant_id": applicant_id,
                "card_number": None,
                "residence_status_id": None,
                "period_months": period,
                "landing_date": landing,
                "expiry_date": expiry,
                "version_id": 1,
                **self.stamp,
            }
        )
        self._audit(chunk, "residence_card", card_id, case_id)

    def _update_card(self, applicant_id: int, case_id: int, card: CardValues) -> None:
        """A later row for a person whose card exists: its non-blank values, audited."""
        stored = self.session.get_one(ResidenceCard, self.cards[applicant_id])
        period, landing, expiry = card
        values = {"period_months": period, "landing_date": landing, "expiry_date": expiry}
        apply_values(
            self.session,
            stored,
            {key: value for key, value in values.items() if value is not None},
            actor=self.actor,
            entity="residence_card",
            case_id=case_id,
        )

    def _request(
        self,
        chunk: _Chunk,
        case: dict[str, Any],
        request: tuple[dt.date | None, dt.date | None, dt.date | None],
    ) -> None:
        deadline, extended, submitted = request
        request_id = self.ids[DocumentRequest].take(self.left)
        case_id = case["id"]
        chunk.requests.append(
            {
                **self.request_template,
                "deadline": deadline,
                "extended_deadline": extended,
                "submitted_on": submitted,
                "id": request_id,
                "case_id": case_id,
                "version_id": 1,
                **self.stamp,
            }
        )
        self._audit(chunk, "document_request", request_id, case_id)
        if case["stage"] in _FOLLOWS_REQUESTS:  # the only request of a new case decides
            stage = (
                Stage.DOCUMENTS_REQUESTED.value
                if submitted is None
                else Stage.DOCUMENTS_SUBMITTED.value
            )
            if case["stage"] != stage:
                self._audit(chunk, "case", case_id, case_id, field="stage", old=case["stage"],
                            new=stage, action="update")  # fmt: skip
                case["stage"] = stage
                case["version_id"] += 1
