"""Creating, updating, archiving and reading one case with its client and applicant.

Every save quotes the ``version_id`` its form was loaded with: a save made from stale data raises
:class:`~coetracker.services.errors.ConflictError` and writes nothing. Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coetracker.domain.jurisdiction import client_is_optional
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import (
    FilingChannel,
    Policy,
    Stage,
)
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import clean
from coetracker.domain.text_rules import CAPS, NOTES_CAP, text_problem
from coetracker.services import parties
from coetracker.services.audit import record_changes, record_create
from coetracker.services.case_facts import FactsSource, StoredCase
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.ledger import refuse_closed_reference_change, retention_problem
from coetracker.services.records import (
    AGENT_FIELDS,
    CASE_FIELDS,
    CaseDetail,
    CaseInput,
    DocumentRequestRecord,
    InquiryRecord,
)
from coetracker.services.rows import apply_values, locked_row
from coetracker.services.settings import load_policy
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Bureau,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceCard,
    ResidenceStatus,
    utcnow,
)

_TEXT_FIELDS = (
    "reference",
    "review_department",
    "department_phone",
    "assignee",
    "coe_delivery",
    *AGENT_FIELDS,
)
_AGENT_CAPS = {"agent_name": 100, "agent_relationship": 40, "agent_prefecture": 10}


def case_values(data: CaseInput, organization_id: int | None, applicant_id: int) -> dict[str, Any]:
    """Column values of a case from its input, cleaned and checked."""
    values: dict[str, Any] = {name: getattr(data, name) for name in CASE_FIELDS}
    for name in _TEXT_FIELDS:
        values[name] = clean(values[name])
    # The application number is exact text (阪永認T12-345): trimmed, never normalised.
    number = values["application_number"]
    values["application_number"] = number.strip() or None if isinstance(number, str) else None
    values["notes"] = data.notes if data.notes and data.notes.strip() else None
    values["stage"] = Stage(data.stage).value
    values["procedure"] = Procedure(data.procedure).value
    values["channel"] = FilingChannel(data.channel).value if data.channel else None
    values["organization_id"] = organization_id
    values["applicant_id"] = applicant_id
    problems = {}
    for name in ("reference", "application_number"):
        problem = text_problem(values[name], limit=CAPS[name])
        if problem is not None:
            problems[name] = problem
    for name, limit in _AGENT_CAPS.items():
        problem = text_problem(values[name], limit=limit)
        if problem is not None:
            problems[name] = problem
    problem = text_problem(values["agent_address"], limit=NOTES_CAP, notes=True)
    if problem is not None:
        problems["agent_address"] = problem
    problem = text_problem(values["notes"], limit=NOTES_CAP, notes=True)
    if problem is not None:
        problems["notes"] = problem
    if data.filing_date and data.coe_issued_date and data.coe_issued_date < data.filing_date:
        problems["coe_issued_date"] = message(
            "Services",
            QT_TRANSLATE_NOOP(
                "Services", "The certificate cannot be issued before the filing date."
            ),
        )
    registered = data.coe_receipt_registered_on
    if registered is not None and values["coe_delivery"] != "email":
        problems["coe_receipt_registered_on"] = message(
            "Services",
            QT_TRANSLATE_NOOP(
                "Services",
                "Receipt is registered (受領登録) only for an electronic certificate: choose e-mail as the delivery.",  # noqa: E501
            ),
        )
    elif registered is not None and data.coe_issued_date and registered < data.coe_issued_date:
        problems["coe_receipt_registered_on"] = message(
            "Services",
            QT_TRANSLATE_NOOP(
                "Services", "Receipt cannot be registered before the certificate was issued."
            ),
        )
    if data.coe_issued_date and data.entry_date and data.entry_date < data.coe_issued_date:
        problems["entry_date"] = message(
            "Services",
            QT_TRANSLATE_NOOP("Services", "The entry date cannot be before the issue date."),
        )
    if problems:
        raise ValidationError(problems)
    return values


def _reference_taken(session: Session, reference: str | None, case_id: int | None) -> None:
    if reference is None:
        return
    query = select(Case.id).where(Case.reference == reference)
    if case_id is not None:
        query = query.where(Case.id != case_id)
    if session.scalar(query) is not None:
        raise _duplicate_reference(reference)


def _duplicate_reference(reference: str | None) -> ValidationError:
    return ValidationError(
        {
            "reference": message(
                "Services",
                QT_TRANSLATE_NOOP("Services", "Another case already has reference {reference}."),
                reference=reference or "",
            )
        }
    )


CLIENT_REQUIRED = QT_TRANSLATE_NOOP(
    "Services",
    "Choose or enter the client company. Only a family case (日本人の配偶者等, 永住者の配偶者等, 定住者, 家族滞在) whose 代理人 is named may leave it empty.",  # noqa: E501
)


def client_problem(status_code: str | None, agent_name: str | None) -> Message | None:
    """Why a case without a client company cannot be saved (None when it may be)."""
    if client_is_optional(status_code, agent_name):
        return None
    return message("Services", CLIENT_REQUIRED)


def check_without_client(session: Session, data: CaseInput) -> None:
    """Raise ValidationError unless ``data`` may have no client company (a family status with a
    named 代理人; see :func:`client_problem`)."""
    code = (
        session.scalar(
            select(ResidenceStatus.code).where(ResidenceStatus.id == data.residence_status_id)
        )
        if data.residence_status_id is not None
        else None
    )
    problem = client_problem(code, data.agent_name)
    if problem is not None:
        raise ValidationError({"organization": problem})


def _resolve_organization(
    session: Session, data: CaseInput, actor: str | None
) -> Organization | None:
    if data.organization_id is not None:
        organization = session.get(Organization, data.organization_id)
        if organization is None:
            raise NotFoundError("organization", data.organization_id)
        return organization
    if data.organization is None or not data.organization.name.strip():
        check_without_client(session, data)
        return None
    return parties.find_or_create_organization(session, data.organization, actor=actor)


def create_case(db: Database, data: CaseInput, *, actor: str | None) -> int:
    """Store a new case (and its client and applicant when new); return its id."""
    with db.write_session() as session:
        return create_case_in(session, data, actor=actor)


def create_case_in(session: Session, data: CaseInput, *, actor: str | None) -> int:
    """:func:`create_case` inside the caller's transaction (imports write many at once)."""
    organization = _resolve_organization(session, data, actor)
    if data.applicant_id is not None:
        applicant = parties.update_applicant(
            session, data.applicant_id, data.applicant, actor=actor, case_id=None
        )
    else:
        applicant = parties.find_applicant(session, data.applicant) or parties.create_applicant(
            session, data.applicant, actor=actor
        )
    values = case_values(data, organization.id if organization else None, applicant.id)
    _reference_taken(session, values["reference"], None)
    row = Case(**values)
    session.add(row)
    try:
        session.flush()
    except IntegrityError as error:  # a concurrent save took the reference
        raise _duplicate_reference(values["reference"]) from error
    record_create(session, actor=actor, entity="case", entity_id=row.id, case_id=row.id)
    return row.id


def update_case(
    db: Database,
    case_id: int,
    data: CaseInput,
    *,
    expected_version: int,
    actor: str | None,
    expected_applicant_version: int | None = None,
) -> int:
    """Save an edited case; return its new version. Stale data raises ConflictError."""
    with db.write_session() as session:
        row = locked_row(session, Case, "case", case_id, expected_version, _case_snapshot)
        organization = _resolve_organization(session, data, actor)
        applicant = parties.update_applicant(
            session,
            row.applicant_id,
            data.applicant,
            actor=actor,
            case_id=case_id,
            expected_version=expected_applicant_version,
        )
        values = case_values(data, organization.id if organization else None, applicant.id)
        _reference_taken(session, values["reference"], case_id)
        if values["reference"] != row.reference:
            refuse_closed_reference_change(session, case_id)
        before = {name: getattr(row, name) for name in values}
        for name, value in values.items():
            setattr(row, name, value)
        changed = record_changes(
            session,
            actor=actor,
            entity="case",
            entity_id=case_id,
            case_id=case_id,
            before=before,
            after=values,
        )
        if changed == 0 and session.is_modified(applicant):
            row.updated_at = utcnow()  # an applicant edit still bumps the case's version
        session.flush()
        return row.version_id


def set_archived(
    db: Database,
    case_id: int,
    *,
    archived: bool,
    expected_version: int,
    actor: str | None,
    today: dt.date | None = None,
) -> int:
    """Archive (or bring back) a case; return its new version.

    A case the law says to keep (a closed ledger year, a receipt) cannot be archived yet.
    """
    with db.write_session() as session:
        if archived:
            problem = retention_problem(session, case_id, today or dt.date.today())
            if problem is not None:
                raise problem
        row = locked_row(session, Case, "case", case_id, expected_version, _case_snapshot)
        return apply_values(
            session,
            row,
            {"archived": archived},
            actor=actor,
            entity="case",
            case_id=case_id,
            action="archive" if archived else "unarchive",
        )


def _case_snapshot(row: Case) -> dict[str, object]:
    return {name: getattr(row, name) for name in (*CASE_FIELDS, "archived", "version_id")}


def case_input_of(row: Case) -> CaseInput:
    """The stored case as the input a form edits."""
    values = {name: getattr(row, name) for name in CASE_FIELDS}
    values["stage"] = Stage(row.stage)
    values["procedure"] = Procedure(row.procedure)
    values["channel"] = FilingChannel(row.channel) if row.channel else None
    applicant = parties.applicant_record(row.applicant)
    return CaseInput(applicant=applicant, applicant_id=row.applicant_id, **values)


def get_case(
    db: Database, case_id: int, *, today: dt.date, policy: Policy | None = None
) -> CaseDetail:
    """One case with its client, applicant, inquiries, document requests and assessment."""
    with db.read_session() as session:
        row = session.get(Case, case_id)
        if row is None:
            raise NotFoundError("case", case_id)
        policy = policy or load_policy(session)
        inquiries = tuple(
            inquiry_record(item)
            for item in session.scalars(
                select(Inquiry)
                .where(Inquiry.case_id == case_id)
                .order_by(Inquiry.made_at.desc(), Inquiry.id.desc())
            )
        )
        requests = tuple(
            request_record(item)
            for item in session.scalars(
                select(DocumentRequest)
                .where(DocumentRequest.case_id == case_id)
                .order_by(DocumentRequest.notice_date.desc(), DocumentRequest.id.desc())
            )
        )
        status: ResidenceStatus | None = row.residence_status
        bureau: Bureau | None = row.bureau
        source = FactsSource.load(
            session, policy=policy, case_ids=[case_id], applicant_id=row.applicant_id
        )
        stored_card = session.scalar(
            select(ResidenceCard).where(ResidenceCard.applicant_id == row.applicant_id)
        )
        stored = StoredCase(
            row.id,
            row.stage,
            row.archived,
            row.channel,
            row.filing_date,
            row.application_number,
            bool(row.applicant.family_name or row.applicant.name_kanji),
            row.residence_status_id,
            status.name_ja if status else None,
            bureau.short_name_ja if bureau else None,
            bureau.inquiry_policy if bureau else None,
            row.planned_entry_date,
            row.coe_issued_date,
            row.entry_date,
            row.coe_delivery,
            row.procedure,
            row.coe_receipt_registered_on,
        )
        return CaseDetail(
            id=row.id,
            version_id=row.version_id,
            values=case_input_of(row),
            organization=(
                parties.organization_record(row.organization) if row.organization else None
            ),
            applicant=parties.applicant_record(row.applicant),
            status_name=status.name_ja if status else None,
            bureau_name=bureau.name_ja if bureau else None,
            bureau_phone=bureau.phone if bureau else None,
            archived=row.archived,
            inquiries=inquiries,
            document_requests=requests,
            assessment=source.assess(stored, today, explain=True),
            card_number=stored_card.card_number if stored_card else None,
            card_period_months=stored_card.period_months if stored_card else None,
            card_expiry=stored_card.expiry_date if stored_card else None,
        )


def find_case_id(db: Database, reference_or_number: str) -> int | None:
    """The case with this reference (受託番号) or application number (申請番号)."""
    text = reference_or_number.strip()
    with db.read_session() as session:
        found = session.scalar(select(Case.id).where(Case.reference == text))
        if found is None:
            found = session.scalar(select(Case.id).where(Case.application_number == text))
        return found


def inquiry_record(row: Inquiry) -> InquiryRecord:
    """A stored inquiry as a plain value."""
    return InquiryRecord(
        made_at=row.made_at,
        channel=row.channel,
        department=row.department,
        staff=row.staff,
        made_by=row.made_by,
        question=row.question,
        answer=row.answer,
        outcome=row.outcome,
        follow_up_date=row.follow_up_date,
        imported=row.imported,
        reason=row.reason,
        id=row.id,
        case_id=row.case_id,
        version_id=row.version_id,
    )


def request_record(row: DocumentRequest) -> DocumentRequestRecord:
    """A stored document request as a plain value."""
    return DocumentRequestRecord(
        notice_date=row.notice_date,
        received_date=row.received_date,
        deadline=row.deadline,
        requested_items=row.requested_items,
        examiner=row.examiner,
        extension_asked_on=row.extension_asked_on,
        extended_deadline=row.extended_deadline,
        extension_agreed_by=row.extension_agreed_by,
        submitted_on=row.submitted_on,
        submission_method=row.submission_method,
        tracking_number=row.tracking_number,
        notes=row.notes,
        imported=row.imported,
        id=row.id,
        case_id=row.case_id,
        version_id=row.version_id,
    )
