"""The reference writer of an import: each row through the services' own steps, one after the
other, in one transaction (an ORM flush and a few queries per row).

Imports are written by the bulk writer (:mod:`~coetracker.services.import_writer`), which must
store exactly what this one stores; the tests compare the two on the same files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from coetracker.domain.text import search_key
from coetracker.io.csv_codec import Problem
from coetracker.services import parties
from coetracker.services.audit import record_changes, record_create
from coetracker.services.cases import case_input_of, case_values, create_case_in
from coetracker.services.csv_import import (
    ImportChangedError,
    ImportPlan,
    ImportRefusedError,
    ImportResult,
    _header_of,
    _plan,
)
from coetracker.services.documents import add_request_in
from coetracker.services.errors import ValidationError
from coetracker.services.import_bulk import card_values
from coetracker.services.import_row_plan import (
    FIELD_COLUMNS,
    PlannedRow,
    RowAction,
    merged_case_input,
    new_case_input,
)
from coetracker.services.inquiries import log_inquiry_in
from coetracker.services.records import DocumentRequestInput, InquiryInput, OrganizationInput
from coetracker.services.rows import apply_values
from coetracker.storage.engine import Database
from coetracker.storage.models import Case, DocumentRequest, Inquiry, ResidenceCard
from coetracker.storage.postgres import AdvisoryLock, advisory_xact_lock

__all__ = ["apply_row_by_row"]


def apply_row_by_row(
    db: Database, plan: ImportPlan, *, actor: str | None, backup_path: Path | None
) -> ImportResult:
    """Write ``plan`` (checked, ``ok``) row by row through the services, in one transaction."""
    with db.write_session() as session:
        advisory_xact_lock(session, AdvisoryLock.IMPORT)  # a server: two imports never interleave
        again = _plan(session, plan.sheet, plan.update)
        if not again.ok or [(r.action, r.case_id) for r in again.rows] != [
            (r.action, r.case_id) for r in plan.rows
        ]:
            raise ImportChangedError(again.problems)
        writer = _Writer(session, actor)
        for row in again.rows:
            try:
                writer.write(row)
            except ValidationError as error:
                header = _header_of(plan.sheet)
                raise ImportRefusedError(
                    [
                        Problem(row.row, header(FIELD_COLUMNS.get(field, "notes")), text)
                        for field, text in error.problems.items()
                    ]
                ) from error
    return ImportResult(
        created=writer.created,
        updated=writer.updated,
        inquiries=writer.inquiries,
        document_requests=writer.requests,
        backup=backup_path,
    )


class _Writer:
    """Writes planned rows inside one session, remembering the clients it has resolved."""

    def __init__(self, session: Session, actor: str | None) -> None:
        self.session = session
        self.actor = actor
        self.organizations: dict[str, int] = {}
        self.created = self.updated = self.inquiries = self.requests = 0

    def organization_id(self, name: str) -> int | None:
        if not name.strip():  # a family case filed by its 代理人 (checked when planned)
            return None
        key = search_key(name)
        found = self.organizations.get(key)
        if found is None:
            organization = parties.find_or_create_organization(
                self.session, OrganizationInput(name=name), actor=self.actor
            )
            found = self.organizations[key] = organization.id
        return found

    def write(self, row: PlannedRow) -> None:
        organization_id = self.organization_id(row.record.client)
        existing = row.action == RowAction.UPDATE and row.case_id is not None
        if existing and row.case_id is not None:
            case_id = row.case_id
            self._update(case_id, row, organization_id)
            self.updated += 1
        else:
            data = dataclasses.replace(
                new_case_input(row), organization=None, organization_id=organization_id
            )
            case_id = create_case_in(self.session, data, actor=self.actor)
            self.created += 1
        self._write_card(case_id, row)
        self._set_archived(case_id, row.record.archived)
        # A new case has no inquiries or requests yet: only an update looks for the same ones.
        self._add_inquiry(case_id, row.record.last_inquiry_date, look=existing)
        self._add_request(
            case_id,
            row.record.document_deadline,
            row.record.documents_submitted_date,
            look=existing,
            original=row.record.original_deadline,
        )

    def _write_card(self, case_id: int, row: PlannedRow) -> None:
        """The person's residence card from 在留期間 / 在留期限, when the row gives either."""
        record = row.record
        card_of = card_values(record.card_period, record.card_expiry_date, record.entry_date)
        if card_of is None:
            return
        applicant_id = self.session.get_one(Case, case_id).applicant_id
        period, landing, expiry = card_of
        values = {"period_months": period, "landing_date": landing, "expiry_date": expiry}
        card = self.session.scalar(
            select(ResidenceCard).where(ResidenceCard.applicant_id == applicant_id)
        )
        if card is None:
            card = ResidenceCard(applicant_id=applicant_id, **values)
            self.session.add(card)
            self.session.flush()
            record_create(
                self.session,
                actor=self.actor,
                entity="residence_card",
                entity_id=card.id,
                case_id=case_id,
            )
            return
        apply_values(
            self.session,
            card,
            {key: value for key, value in values.items() if value is not None},
            actor=self.actor,
            entity="residence_card",
            case_id=case_id,
        )

    def _update(self, case_id: int, row: PlannedRow, organization_id: int | None) -> None:
        stored = self.session.get_one(Case, case_id)
        data = merged_case_input(case_input_of(stored), row, organization_id)
        parties.update_applicant(
            self.session, stored.applicant_id, data.applicant, actor=self.actor, case_id=case_id
        )
        values = case_values(data, organization_id, stored.applicant_id)
        before = {name: getattr(stored, name) for name in values}
        for name, value in values.items():
            setattr(stored, name, value)
        record_changes(
            self.session,
            actor=self.actor,
            entity="case",
            entity_id=case_id,
            case_id=case_id,
            before=before,
            after=values,
        )
        self.session.flush()

    def _set_archived(self, case_id: int, archived: bool | None) -> None:
        """Archive (or bring back) the case as the file says; ``None``: the file has no column."""
        if archived is None:
            return
        stored = self.session.get_one(Case, case_id)
        if bool(stored.archived) == archived:
            return
        record_changes(
            self.session,
            actor=self.actor,
            entity="case",
            entity_id=case_id,
            case_id=case_id,
            before={"archived": stored.archived},
            after={"archived": archived},
            action="archive" if archived else "unarchive",
        )
        stored.archived = archived
        self.session.flush()

    def _add_inquiry(self, case_id: int, day: dt.date | None, *, look: bool) -> None:
        """An imported inquiry on ``day``, unless the case has one that day already."""
        if day is None:
            return
        start = dt.datetime.combine(day, dt.time())
        exists = look and self.session.scalar(
            select(Inquiry.id).where(
                Inquiry.case_id == case_id,
                Inquiry.made_at >= start,
                Inquiry.made_at < start + dt.timedelta(days=1),
            )
        )
        if not exists:
            log_inquiry_in(
                self.session,
                case_id,
                InquiryInput(made_at=start, imported=True),
                actor=self.actor,
            )
            self.inquiries += 1

    def _add_request(
        self,
        case_id: int,
        deadline: dt.date | None,
        submitted: dt.date | None,
        *,
        look: bool,
        original: dt.date | None = None,
    ) -> None:
        """An imported document request with ``deadline``; when the case already has one with
        that deadline, it is marked submitted (if ``submitted`` is given) instead."""
        if deadline is None and submitted is None:
            return
        if deadline is not None and look:
            existing = self.session.scalars(
                select(DocumentRequest).where(
                    DocumentRequest.case_id == case_id,
                    or_(
                        DocumentRequest.extended_deadline == deadline,
                        and_(
                            DocumentRequest.extended_deadline.is_(None),
                            DocumentRequest.deadline == deadline,
                        ),
                    ),
                )
            ).first()
            if existing is not None:
                if submitted is not None and existing.submitted_on is None:
                    record_changes(
                        self.session,
                        actor=self.actor,
                        entity="document_request",
                        entity_id=existing.id,
                        case_id=case_id,
                        before={"submitted_on": None},
                        after={"submitted_on": submitted},
                    )
                    existing.submitted_on = submitted
                    self.session.flush()
                return
        add_request_in(
            self.session,
            case_id,
            DocumentRequestInput(
                deadline=original if original and deadline else deadline,
                extended_deadline=deadline if original and deadline else None,
                submitted_on=submitted,
                imported=True,
            ),
            actor=self.actor,
        )
        self.requests += 1
