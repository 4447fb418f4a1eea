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

from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.procedures import Procedure
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
)
from coetracker.services.import_tables import (
    Applicants,
    Ids,
    Organizations,
    insert_many,
    name_key,
    update_many,
)
from coetracker.services.inquiries import _values as inquiry_values
from coetracker.services.records import (
    CASE_FIELDS,
    ApplicantRecord,
    CaseInput,
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

_APPLICANT_COLUMNS = ("id", *APPLICANT_KEYS, "version_id")
_CASE_COLUMNS = ("id", *CASE_KEYS, "archived", "version_id")
_CARD_COLUMNS = ("id", "applicant_id", "period_months", "landing_date", "expiry_date", "version_id")
_REQUEST_COLUMNS = ("id", "case_id", "deadline", "extended_deadline", "submitted_on", "version_id")
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
    for start in range(0, total, size):
        with collector_paused():
            writer.write_chunk(rows[start : start + size], start)
        if progress is not None:  # the collector runs while the window redraws
            progress(min(start + size, total), total)
    return writer.counts


def _changes(row: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """The fields whose history text differs (as ``audit.record_changes`` compares them)."""
    return [
        (name, row.get(name), new)
        for name, new in after.items()
        if name not in _NOT_AUDITED and audit_text(row.get(name)) != audit_text(new)
    ]


class _Chunk:
    """One chunk's new rows, changed rows and audit events."""

    def __init__(self) -> None:
        self.new: dict[Any, list[dict[str, Any]]] = {
            model: []
            for model in (Organization, Applicant, Case, ResidenceCard, Inquiry, DocumentRequest)
        }
        self.changed: dict[Any, dict[int, dict[str, Any]]] = {
            model: {} for model in (Applicant, Case, ResidenceCard, DocumentRequest)
        }
        self.audit: list[dict[str, Any]] = []
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
        self.applicants = Applicants(session)
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
        inquiry = inquiry_values(InquiryInput(made_at=dt.datetime(2000, 1, 1), imported=True))
        self.inquiry_template = {key: v for key, v in inquiry.items() if key != "made_at"}
        self.request_template = request_values(DocumentRequestInput(imported=True))
        self.now = utcnow()
        self.stamp: dict[str, Any] = {}
        self.left = 0

    # --- a chunk ---------------------------------------------------------------------------------

    def write_chunk(self, rows: Sequence[PreparedRow | PreparedUpdate], first: int) -> None:
        """Work out and write ``rows`` (``first`` is the index of the first in the file)."""
        self.now = utcnow()
        self.stamp = {"created_at": self.now, "updated_at": self.now}
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
        insert_many(connection, AuditEvent, chunk.audit)
        for model, changed in chunk.changed.items():
            update_many(connection, model, list(changed.values()))
        self.counts.created += len(chunk.new[Case])
        self.counts.inquiries += len(chunk.new[Inquiry])
        self.counts.requests += len(chunk.new[DocumentRequest])
        self.cards.clear()  # written: the next chunk reads what it needs again

    def _read_state(self, chunk: _Chunk, case_ids: list[int]) -> None:
        if not case_ids:
            return
        session = self.session
        cases = Case.__table__.c
        for row in session.execute(
            select(*(cases[name] for name in _CASE_COLUMNS)).where(cases.id.in_(case_ids))
        ):
            chunk.cases[row.id] = row._asdict()
        applicant_ids = sorted({case["applicant_id"] for case in chunk.cases.values()})
        people = Applicant.__table__.c
        for row in session.execute(
            select(*(people[name] for name in _APPLICANT_COLUMNS)).where(
                people.id.in_(applicant_ids)
            )
        ):
            chunk.applicants[row.id] = row._asdict()
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
            self._audit(chunk, "organization", found, None)
            self.organizations.by_key[key] = found
        self.organizations.by_name[name] = found
        return found

    # --- a new case ------------------------------------------------------------------------------

    def _create(self, chunk: _Chunk, row: PreparedRow) -> None:
        organization_id = self._organization(chunk, row.client)
        values = dict(zip(APPLICANT_KEYS, row.applicant, strict=True))
        applicant_id, key = self.applicants.find(values)
        if applicant_id is None:
            applicant_id = self.ids[Applicant].take(self.left)
            chunk.new[Applicant].append(
                {**values, "id": applicant_id, "version_id": 1, **self.stamp}
            )
            self._audit(chunk, "applicant", applicant_id, None)
            self.applicants.add(applicant_id, values["passport_number"], key)
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
        chunk.new[Case].append(case)
        self.counts.case_ids.append(case_id)
        self._audit(chunk, "case", case_id, case_id)
        self._card(chunk, applicant_id, case_id, row.card)
        if row.archived:
            self._apply(chunk, None, case, {"archived": True}, "case", case_id, action="archive")
        self._inquiry(chunk, case_id, row.inquiry_day)
        if row.request is not None:
            self._new_request(chunk, case, None, row.request, stored_case=False)

    # --- an update of a stored case --------------------------------------------------------------

    def _update(self, chunk: _Chunk, row: PreparedUpdate) -> None:
        organization_id = self._organization(chunk, row.client)
        case = chunk.cases[row.case_id]
        case_id = case["id"]
        person = chunk.applicants[case["applicant_id"]]
        current = CaseInput(
            applicant=ApplicantRecord(**{key: person[key] for key in APPLICANT_KEYS},
                                      id=person["id"], version_id=person["version_id"]),
            applicant_id=person["id"],
            **{name: case[name] for name in CASE_FIELDS if name not in _TYPED},
            stage=Stage(case["stage"]),
            procedure=Procedure(case["procedure"]),
            channel=FilingChannel(case["channel"]) if case["channel"] else None,
        )  # fmt: skip
        data = row.merge(current, organization_id)
        applicant = parties.applicant_values(data.applicant)
        values = case_values(data, organization_id, person["id"])
        old_key = name_key(person["family_name"], person["given_name"], person["birth_date"])
        old_passport = person["passport_number"]
        if self._apply(chunk, Applicant, person, applicant, "applicant", case_id):
            self.applicants.remove(person["id"], old_passport, old_key)
            new_key = name_key(person["family_name"], person["given_name"], person["birth_date"])
            self.applicants.add(person["id"], person["passport_number"], new_key)
        self._apply(chunk, Case, case, values, "case", case_id)
        self.counts.updated += 1
        self.counts.case_ids.append(case_id)
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
        self._new_request(chunk, case, stored, request, stored_case=True)

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
            self._audit(chunk, "residence_card", card_id, case_id)
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
        chunk.new[Inquiry].append(
            {
                **self.inquiry_template,
                "made_at": dt.datetime.combine(day, dt.time()),
                "id": inquiry_id,
                "case_id": case_id,
                "version_id": 1,
                **self.stamp,
            }
        )
        chunk.inquiry_days.add((case_id, day))
        self._audit(chunk, "inquiry", inquiry_id, case_id)

    def _new_request(
        self,
        chunk: _Chunk,
        case: dict[str, Any],
        stored: list[dict[str, Any]] | None,
        request: tuple[dt.date | None, dt.date | None, dt.date | None],
        *,
        stored_case: bool,
    ) -> None:
        """A new document request, and the stage the case's requests then give it."""
        deadline, extended, submitted = request
        request_id = self.ids[DocumentRequest].take(self.left)
        case_id = case["id"]
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
        requests = stored if stored is not None else []
        requests.append(row)
        self._audit(chunk, "document_request", request_id, case_id)
        if case["stage"] in _FOLLOWS_REQUESTS:
            open_request = any(r["submitted_on"] is None for r in requests)
            stage = Stage.DOCUMENTS_REQUESTED if open_request else Stage.DOCUMENTS_SUBMITTED
            model = Case if stored_case else None
            self._apply(chunk, model, case, {"stage": stage.value}, "case", case_id)


_TYPED = frozenset({"stage", "procedure", "channel"})
"""Case fields kept as enums in a ``CaseInput``."""
