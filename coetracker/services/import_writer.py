"""The bulk writer of an import: each chunk of rows as a few ``INSERT`` and ``UPDATE``
statements, with the same stored result as the services writing each row in turn.

Per chunk, what the updates need is read in a few statements (the cases, their applicants,
their inquiry days and document requests); then every row is worked out in Python, in file
order, against that state (so a later row sees what an earlier one changed), collecting the new
rows, the changed rows and the audit events; then the chunk is written. Versions move as the
services' flushes move them: once per step that changes a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.model import Stage
from coetracker.domain.text import clean, search_key
from coetracker.io.csv_read import collector_paused
from coetracker.services import import_bulk, parties
from coetracker.services.audit import audit_text
from coetracker.services.cases import case_values
from coetracker.services.documents import _values as request_values
from coetracker.services.errors import ValidationError
from coetracker.services.import_bulk import (
    APPLICANT_KEYS,
    CASE_KEYS,
    BulkCounts,
    CardValues,
    PreparedRow,
    PreparedUpdate,
    Progress,
    RowFailedError,
    stored_input,
)
from coetracker.services.import_tables import (
    Applicants,
    Ids,
    Organizations,
    driver_converter,
    driver_value,
    insert_many,
    insert_tuples,
    name_key,
    read_cases,
    update_many,
)
from coetracker.services.inquiries import _values as inquiry_values
from coetracker.services.records import (
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
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

__all__ = ["BulkWriter", "write_rows"]

_FOLLOWS_REQUESTS = frozenset(
    {Stage.FILED.value, Stage.DOCUMENTS_REQUESTED.value, Stage.DOCUMENTS_SUBMITTED.value}
)
"""Stages a document request moves a case between (as ``documents._follow_requests`` does)."""

_CARD_COLUMNS = ("id", "applicant_id", "period_months", "landing_date", "expiry_date", "version_id")
_REQUEST_COLUMNS = ("id", "case_id", "deadline", "extended_deadline", "submitted_on", "version_id")
_AUDIT_COLUMNS = (
    "at", "actor", "action", "entity", "entity_id", "case_id", "field", "old_value",
    "new_value", "created_at", "updated_at",
)  # fmt: skip
_INQUIRY_KEYS = tuple(
    key
    for key in inquiry_values(InquiryInput(made_at=dt.datetime(2000, 1, 1), imported=True))
    if key != "made_at"
)
_STAMPS = ("created_at", "updated_at")
_NEW_COLUMNS = {
    Applicant: (*APPLICANT_KEYS, "id", "version_id", *_STAMPS),
    Case: (*CASE_KEYS, "id", "archived", "version_id", *_STAMPS),
    Inquiry: (*_INQUIRY_KEYS, "made_at", "id", "case_id", "version_id", *_STAMPS),
}
"""The columns of the new rows each chunk makes as tuples (in the order they are inserted)."""
_FAMILY, _GIVEN, _BIRTH, _PASSPORT = (
    APPLICANT_KEYS.index(key)
    for key in ("family_name", "given_name", "birth_date", "passport_number")
)
_ORGANIZATION, _APPLICANT, _STAGE = (
    CASE_KEYS.index(key) for key in ("organization_id", "applicant_id", "stage")
)
_INQUIRY_CASE = _NEW_COLUMNS[Inquiry].index("case_id")
_REQUESTED, _SUBMITTED = Stage.DOCUMENTS_REQUESTED.value, Stage.DOCUMENTS_SUBMITTED.value
_NOT_AUDITED = frozenset({"id", "version_id"})


def write_rows(
    session: Session,
    rows: Sequence[PreparedRow | PreparedUpdate],
    *,
    actor: str | None,
    progress: Progress | None = None,
) -> BulkCounts:
    """Write prepared rows, in file order, in chunks of ``import_bulk.CHUNK``.

    Raises :class:`~coetracker.services.import_bulk.RowFailedError` (``index`` into ``rows``)
    when the services refuse an update's values as merged with the stored case.
    """
    writer = BulkWriter(session, actor)
    total = len(rows)
    size = import_bulk.CHUNK
    with collector_paused():
        for start in range(0, total, size):
            writer.write_chunk(rows[start : start + size], start)
            if progress is not None:
                progress(min(start + size, total), total)
    return writer.counts


def _converters(connection: Any, model: Any, keys: Sequence[str]) -> list[tuple[int, Any]]:
    """(position, converter) of the ``keys`` whose values the driver takes converted."""
    found = [(index, driver_converter(connection, model, key)) for index, key in enumerate(keys)]
    return [(index, convert) for index, convert in found if convert is not None]


_PLAIN = frozenset({str, int, bool, dt.date, type(None)})
"""Types whose equal values have the same history text (not datetimes: equal instants in two
time zones are written differently; not floats: 0.0 and -0.0)."""


def _changes(row: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The fields whose history text differs (as ``audit.record_changes`` compares them); a
    value equal to the stored one, of the same plain type, is not written out to compare."""
    found = []
    for name, new in after.items():
        old = row.get(name)
        kind = type(new)
        if old is new or (kind is type(old) and kind in _PLAIN and old == new):
            continue
        if name not in _NOT_AUDITED and audit_text(old) != audit_text(new):
            found.append((name, old, new))
    return found


class _Chunk:
    """One chunk's new rows, changed rows and audit events."""

    def __init__(self) -> None:
        self.new: dict[Any, list[dict[str, Any]]] = {
            model: []
            for model in (Organization, Applicant, Case, ResidenceCard, Inquiry, DocumentRequest)
        }
        # New rows made as tuples in the order of _NEW_COLUMNS, values as the driver takes them:
        self.rows: dict[Any, list[tuple[Any, ...]]] = {model: [] for model in _NEW_COLUMNS}
        self.changed: dict[Any, dict[int, dict[str, Any]]] = {
            model: {} for model in (Applicant, Case, ResidenceCard, DocumentRequest)
        }
        self.audit: list[tuple[Any, ...]] = []  # values of _AUDIT_COLUMNS
        self.new_cards: set[int] = set()
        # What the chunk's updates need, read before its rows are worked out:
        self.cases: dict[int, dict[str, Any]] = {}
        self.applicants: dict[int, dict[str, Any]] = {}
        self.inquiry_days: set[tuple[int, dt.date]] = set()
        self.requests: dict[int, list[dict[str, Any]]] = {}


class BulkWriter:
    """Writes chunks of prepared rows inside one session (see the module documentation)."""

    def __init__(self, session: Session, actor: str | None) -> None:
        self.session = session
        self.actor = actor
        self.counts = BulkCounts()
        self.organizations = Organizations(session)
        self._applicants: Applicants | None = None
        self.card_ids: dict[int, int] = {
            applicant_id: card_id
            for applicant_id, card_id in session.execute(
                select(ResidenceCard.applicant_id, ResidenceCard.id)
            )
        }
        self.cards: dict[int, dict[str, Any]] = {}  # cards read or made, by applicant
        self.ids = {
            model: Ids(session, model)
            for model in (Organization, Applicant, Case, ResidenceCard, Inquiry, DocumentRequest)
        }
        connection = session.connection()
        inquiry = inquiry_values(InquiryInput(made_at=dt.datetime(2000, 1, 1), imported=True))
        self.inquiry_template = tuple(
            driver_value(connection, Inquiry, key, inquiry[key]) for key in _INQUIRY_KEYS
        )
        self.moment = driver_converter(connection, Inquiry, "made_at") or _same
        self.flags = tuple(driver_value(connection, Case, "archived", f) for f in (False, True))
        self.applicant_converters = _converters(connection, Applicant, APPLICANT_KEYS)
        self.case_converters = _converters(connection, Case, CASE_KEYS)
        self.request_template = request_values(DocumentRequestInput(imported=True))
        self.now = utcnow()
        self.stamp: dict[str, Any] = {}
        self.audit_stamp: Any = None
        self.row_stamp: Any = None
        self.left = 0

    @property
    def applicants(self) -> Applicants:
        """The applicants' index, read when a row first matches, adds or renames a person (an
        update that changes no one's names never reads it). Every change to a person goes
        through it, so when it is read, the stored applicants are what it must hold: the
        earlier chunks are written and the rows before in this chunk changed no one."""
        if self._applicants is None:
            self._applicants = Applicants(self.session)
        return self._applicants

    # --- a chunk ---------------------------------------------------------------------------------

    def write_chunk(self, rows: Sequence[PreparedRow | PreparedUpdate], first: int) -> None:
        """Work out and write ``rows`` (``first`` is the index of the first in the file)."""
        self.now = utcnow()
        self.stamp = {"created_at": self.now, "updated_at": self.now}
        self.audit_stamp = driver_value(self.session.connection(), AuditEvent, "at", self.now)
        self.row_stamp = driver_value(self.session.connection(), Case, "created_at", self.now)
        self.left = len(rows)
        chunk = _Chunk()
        self._read_state(chunk, [row.case_id for row in rows if isinstance(row, PreparedUpdate)])
        for index, row in enumerate(rows):
            try:
                if isinstance(row, PreparedUpdate):
                    self._update(chunk, row)
                else:
                    self._create(chunk, row)
            except ValidationError as error:
                raise RowFailedError(first + index, error) from error
            self.left -= 1
        connection = self.session.connection()
        for model, new_rows in chunk.new.items():
            insert_many(connection, model, new_rows)
            if model in _NEW_COLUMNS:
                insert_tuples(connection, model, _NEW_COLUMNS[model], chunk.rows[model])
        insert_tuples(connection, AuditEvent, _AUDIT_COLUMNS, chunk.audit)
        for model, changed in chunk.changed.items():
            update_many(connection, model, list(changed.values()))
        self._touched(chunk)
        self.counts.created += len(chunk.rows[Case])
        self.counts.inquiries += len(chunk.rows[Inquiry])
        self.counts.requests += len(chunk.new[DocumentRequest])
        self.cards.clear()  # written: the next chunk reads what it needs again

    def _touched(self, chunk: _Chunk) -> None:
        """What the chunk's writes change in the assessment store (``BulkCounts.people`` and
        ``cases``: what the store's triggers void for each row written)."""
        people, cases = self.counts.people, self.counts.cases
        people.update(row[_APPLICANT] for row in chunk.rows[Case])
        people.update(row["applicant_id"] for row in chunk.changed[Case].values())
        people.update(chunk.changed[Applicant])
        people.update(card["applicant_id"] for card in chunk.new[ResidenceCard])
        people.update(card["applicant_id"] for card in chunk.changed[ResidenceCard].values())
        cases.update(row[_INQUIRY_CASE] for row in chunk.rows[Inquiry])
        cases.update(request["case_id"] for request in chunk.new[DocumentRequest])
        cases.update(request["case_id"] for request in chunk.changed[DocumentRequest].values())

    def _read_state(self, chunk: _Chunk, case_ids: list[int]) -> None:
        if not case_ids:
            return
        session = self.session
        chunk.cases, chunk.applicants = read_cases(
            session, case_ids, per_statement=max(len(case_ids), 1)
        )
        applicant_ids = sorted(chunk.applicants)
        cards = ResidenceCard.__table__.c
        for row in session.execute(
            select(*(cards[name] for name in _CARD_COLUMNS)).where(
                cards.applicant_id.in_(applicant_ids)
            )
        ):
            self.cards[row.applicant_id] = row._asdict()
        for case_id, made_at in session.execute(
            select(Inquiry.case_id, Inquiry.made_at).where(Inquiry.case_id.in_(case_ids))
        ):
            chunk.inquiry_days.add((case_id, made_at.date()))
        requests = DocumentRequest.__table__.c
        for row in session.execute(
            select(*(requests[name] for name in _REQUEST_COLUMNS))
            .where(requests.case_id.in_(case_ids))
            .order_by(requests.id)
        ):
            chunk.requests.setdefault(row.case_id, []).append(row._asdict())

    # --- audit and lookups -----------------------------------------------------------------------

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
        stamp = self.audit_stamp
        chunk.audit.append(
            (stamp, self.actor, action, entity, entity_id, case_id, field,
             audit_text(old), audit_text(new), stamp, stamp)
        )  # fmt: skip

    def _created(self, chunk: _Chunk, entity: str, entity_id: int, case_id: int | None) -> None:
        """The history event of a new row (what ``_audit`` records for a creation)."""
        stamp = self.audit_stamp
        chunk.audit.append(
            (stamp, self.actor, "create", entity, entity_id, case_id, None, None, None, stamp,
             stamp)
        )  # fmt: skip

    def _apply(
        self,
        chunk: _Chunk,
        model: Any,
        row: dict[str, Any],
        after: dict[str, Any],
        entity: str,
        case_id: int,
        *,
        action: str = "update",
    ) -> bool:
        """Set ``after`` on a stored or new row as ``rows.apply_values`` would: each changed
        field audited, the version moved once; False when nothing changed."""
        changes = _changes(row, after)
        for name, old, new in changes:
            self._audit(chunk, entity, row["id"], case_id, action=action, field=name, old=old,
                        new=new)  # fmt: skip
            row[name] = new
        if not changes:
            return False
        row["version_id"] += 1
        if model is not None:
            row["updated_at"] = self.now
            chunk.changed[model][row["id"]] = row
        return True

    def _organization(self, chunk: _Chunk, name: str) -> int | None:
        if not name.strip():  # a family case filed by its 代理人 (checked when planned)
            return None
        known = self.organizations.by_name.get(name)
        if known is not None:
            return known
        values = parties.organization_values(OrganizationInput(name=name))
        key = search_key(clean(name))
        found = self.organizations.by_key.get(key)
        if found is None:
            found = self.ids[Organization].take(self.left)
            chunk.new[Organization].append({**values, "id": found, "version_id": 1, **self.stamp})
            self._created(chunk, "organization", found, None)
            self.organizations.by_key[key] = found
        self.organizations.by_name[name] = found
        return found

    # --- a new case ------------------------------------------------------------------------------

    def _create(self, chunk: _Chunk, row: PreparedRow) -> None:
        """A new case: its rows made as tuples in the driver's form (nothing changes them
        later), the steps the services take (archive, the stage a request gives) worked out
        here."""
        organization_id = self._organization(chunk, row.client)
        person = row.applicant
        key = name_key(person[_FAMILY], person[_GIVEN], person[_BIRTH])
        applicant_id = self.applicants.match(person[_PASSPORT], key)
        stamp = self.row_stamp
        if applicant_id is None:
            applicant_id = self.ids[Applicant].take(self.left)
            chunk.rows[Applicant].append(
                (*_converted(person, self.applicant_converters), applicant_id, 1, stamp, stamp)
            )
            self._created(chunk, "applicant", applicant_id, None)
            self.applicants.add(applicant_id, person[_PASSPORT], key)
        case_id = self.ids[Case].take(self.left)
        self.counts.case_ids.append(case_id)
        self.counts.organization_ids.append(organization_id)
        self._created(chunk, "case", case_id, case_id)
        self._card(chunk, applicant_id, case_id, row.card)
        version = 1
        if row.archived:  # as rows.apply_values would archive it: audited, the version moved
            self._audit(chunk, "case", case_id, case_id, action="archive", field="archived",
                        old=False, new=True)  # fmt: skip
            version += 1
        self._inquiry(chunk, case_id, row.inquiry_day)
        stage = row.case[_STAGE]
        if row.request is not None:
            request = self._request_row(chunk, case_id, row.request)
            if stage in _FOLLOWS_REQUESTS:
                follows = _REQUESTED if request["submitted_on"] is None else _SUBMITTED
                if audit_text(stage) != audit_text(follows):
                    self._audit(chunk, "case", case_id, case_id, action="update", field="stage",
                                old=stage, new=follows)  # fmt: skip
                    version += 1
                    stage = follows
        values = _converted(row.case, self.case_converters)
        values[_ORGANIZATION] = organization_id
        values[_APPLICANT] = applicant_id
        values[_STAGE] = stage
        chunk.rows[Case].append(
            (*values, case_id, self.flags[bool(row.archived)], version, stamp, stamp)
        )

    # --- an update of a stored case --------------------------------------------------------------

    def _update(self, chunk: _Chunk, row: PreparedUpdate) -> None:
        organization_id = self._organization(chunk, row.client)
        case = chunk.cases[row.case_id]
        case_id = case["id"]
        person = chunk.applicants[case["applicant_id"]]
        current = stored_input(case, person)
        data = row.merge(current, organization_id)
        applicant = parties.applicant_values(data.applicant)
        values = case_values(data, organization_id, person["id"])
        old = (person["family_name"], person["given_name"], person["birth_date"])
        old_passport = person["passport_number"]
        if self._apply(chunk, Applicant, person, applicant, "applicant", case_id):
            self.applicants.remove(person["id"], old_passport, name_key(*old))
            new_key = name_key(person["family_name"], person["given_name"], person["birth_date"])
            self.applicants.add(person["id"], person["passport_number"], new_key)
        self._apply(chunk, Case, case, values, "case", case_id)
        self.counts.updated += 1
        self.counts.case_ids.append(case_id)
        self.counts.organization_ids.append(organization_id)
        self._card(chunk, person["id"], case_id, row.card)
        if row.archived is not None and bool(case["archived"]) != row.archived:
            action = "archive" if row.archived else "unarchive"
            self._apply(chunk, Case, case, {"archived": row.archived}, "case", case_id,
                        action=action)  # fmt: skip
        if (case_id, row.inquiry_day) not in chunk.inquiry_days:
            self._inquiry(chunk, case_id, row.inquiry_day)
        self._update_request(chunk, case, row)

    def _update_request(self, chunk: _Chunk, case: dict[str, Any], row: PreparedUpdate) -> None:
        """The row's document request: an existing one with that deadline is marked submitted
        (when the row says so), else a new one is made."""
        deadline, submitted, original = row.deadline, row.submitted, row.original_deadline
        if deadline is None and submitted is None:
            return
        stored = chunk.requests.setdefault(case["id"], [])
        if deadline is not None:
            same = next(
                (
                    request
                    for request in stored
                    if request["extended_deadline"] == deadline
                    or (request["extended_deadline"] is None and request["deadline"] == deadline)
                ),
                None,
            )
            if same is not None:
                if submitted is not None and same["submitted_on"] is None:
                    self._apply(chunk, DocumentRequest, same, {"submitted_on": submitted},
                                "document_request", case["id"])  # fmt: skip
                return
        extended = original is not None and deadline is not None
        request = (original if extended else deadline, deadline if extended else None, submitted)
        request_values(
            DocumentRequestInput(
                deadline=request[0],
                extended_deadline=request[1],
                submitted_on=submitted,
                imported=True,
            )
        )
        self._new_request(chunk, case, stored, request)

    # --- what both add ---------------------------------------------------------------------------

    def _card(
        self, chunk: _Chunk, applicant_id: int, case_id: int, card: CardValues | None
    ) -> None:
        """The person's residence card from the row: made, or its non-blank values set."""
        if card is None:
            return
        period, landing, expiry = card
        state = self.cards.get(applicant_id)
        if state is None and applicant_id in self.card_ids:  # stored, not read yet: rare
            cards = ResidenceCard.__table__.c
            found = self.session.execute(
                select(*(cards[name] for name in _CARD_COLUMNS)).where(
                    cards.applicant_id == applicant_id
                )
            ).first()
            state = found._asdict() if found else None
        if state is None:
            card_id = self.ids[ResidenceCard].take(self.left)
            state = {
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
            chunk.new[ResidenceCard].append(state)
            chunk.new_cards.add(card_id)
            self.cards[applicant_id] = state
            self.card_ids[applicant_id] = card_id
            self._created(chunk, "residence_card", card_id, case_id)
            return
        self.cards[applicant_id] = state
        values = {"period_months": period, "landing_date": landing, "expiry_date": expiry}
        stored = None if state["id"] in chunk.new_cards else ResidenceCard
        self._apply(
            chunk,
            stored,
            state,
            {name: value for name, value in values.items() if value is not None},
            "residence_card",
            case_id,
        )

    def _inquiry(self, chunk: _Chunk, case_id: int, day: dt.date | None) -> None:
        if day is None:
            return
        inquiry_id = self.ids[Inquiry].take(self.left)
        made_at = self.moment(dt.datetime.combine(day, dt.time()))
        stamp = self.row_stamp
        chunk.rows[Inquiry].append(
            (*self.inquiry_template, made_at, inquiry_id, case_id, 1, stamp, stamp)
        )
        chunk.inquiry_days.add((case_id, day))
        self._created(chunk, "inquiry", inquiry_id, case_id)

    def _request_row(
        self,
        chunk: _Chunk,
        case_id: int,
        request: tuple[dt.date | None, dt.date | None, dt.date | None],
    ) -> dict[str, Any]:
        """A new document request of ``case_id`` (deadline, extended deadline, submitted on)."""
        deadline, extended, submitted = request
        request_id = self.ids[DocumentRequest].take(self.left)
        row = {
            **self.request_template,
            "deadline": deadline,
            "extended_deadline": extended,
            "submitted_on": submitted,
            "id": request_id,
            "case_id": case_id,
            "version_id": 1,
            **self.stamp,
        }
        chunk.new[DocumentRequest].append(row)
        self._created(chunk, "document_request", request_id, case_id)
        return row

    def _new_request(
        self,
        chunk: _Chunk,
        case: dict[str, Any],
        stored: list[dict[str, Any]],
        request: tuple[dt.date | None, dt.date | None, dt.date | None],
    ) -> None:
        """A new document request of a stored case, and the stage its requests then give it."""
        case_id = case["id"]
        stored.append(self._request_row(chunk, case_id, request))
        if case["stage"] in _FOLLOWS_REQUESTS:
            open_request = any(r["submitted_on"] is None for r in stored)
            stage = _REQUESTED if open_request else _SUBMITTED
            self._apply(chunk, Case, case, {"stage": stage}, "case", case_id)


def _same(value: Any) -> Any:
    return value


def _converted(values: tuple[Any, ...], converters: list[tuple[int, Any]]) -> list[Any]:
    """``values`` with those at the converters' positions converted for the driver."""
    converted = list(values)
    for index, convert in converters:
        value = converted[index]
        if value is not None:
            converted[index] = convert(value)
    return converted
