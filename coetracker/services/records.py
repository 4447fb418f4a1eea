"""Plain values the services take and return; the UI never holds live ORM objects.

``*Input`` classes are what a form or an import row supplies; ``*Record`` classes are what is
stored, with the ``version_id`` a later save must quote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from coetracker.domain.model import Assessment, FilingChannel, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services.case_row import CaseRow as CaseRow  # re-exported: the row of the list
from coetracker.services.case_row import row_urgency as row_urgency
from coetracker.services.case_row import sort_in_urgency_order as sort_in_urgency_order


def as_dict(value: Any) -> dict[str, Any]:
    """A dataclass instance as a shallow field → value dict."""
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    return {name: getattr(value, name) for name in names}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class OrganizationInput:
    """A client company as entered."""

    name: str
    name_kana: str | None = None
    corporate_number: str | None = None
    category: int | None = None
    postal_code: str | None = None
    prefecture: str | None = None
    address: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    email: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class OrganizationRecord(OrganizationInput):
    """A stored client company."""

    id: int = 0
    version_id: int = 0


@dataclass(frozen=True, slots=True)
class ApplicantInput:
    """The foreign national as entered (romanised names as in the passport)."""

    family_name: str
    given_name: str | None = None
    name_kanji: str | None = None
    name_kana: str | None = None
    nationality_code: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    passport_number: str | None = None
    notes: str | None = None

    @property
    def display_name(self) -> str:
        """Family name first, as in the passport: "NGUYEN Van An"."""
        return " ".join(part for part in (self.family_name, self.given_name) if part)


@dataclass(frozen=True, slots=True)
class ApplicantRecord(ApplicantInput):
    """A stored applicant."""

    id: int = 0
    version_id: int = 0


@dataclass(frozen=True, slots=True)
class CaseInput:
    """A case as entered in the editor or an import row.

    Either ``organization_id`` names an existing client or ``organization`` describes a new one;
    likewise ``applicant_id`` / ``applicant`` (with an id, the applicant's fields are updated).
    """

    applicant: ApplicantInput
    organization_id: int | None = None
    organization: OrganizationInput | None = None
    applicant_id: int | None = None
    reference: str | None = None
    residence_status_id: int | None = None
    bureau_id: int | None = None
    review_department: str | None = None
    department_phone: str | None = None
    channel: FilingChannel | None = None
    filing_date: dt.date | None = None
    application_number: str | None = None
    planned_entry_date: dt.date | None = None
    stage: Stage = Stage.PREPARING
    assignee: str | None = None
    coe_issued_date: dt.date | None = None
    coe_delivery: str | None = None
    coe_receipt_registered_on: dt.date | None = None  # 受領登録 of an electronic certificate
    sent_to_applicant_date: dt.date | None = None
    visa_applied_date: dt.date | None = None
    entry_date: dt.date | None = None
    decision_date: dt.date | None = None
    notes: str | None = None
    procedure: Procedure = Procedure.COE
    # 代理人 (the relative in Japan for family statuses): whose residence decides the bureau.
    agent_name: str | None = None
    agent_relationship: str | None = None
    agent_prefecture: str | None = None
    agent_address: str | None = None


AGENT_FIELDS = ("agent_name", "agent_relationship", "agent_prefecture", "agent_address")
"""The 代理人's columns on a case."""

CASE_FIELDS = (
    "reference",
    "organization_id",
    "residence_status_id",
    "bureau_id",
    "review_department",
    "department_phone",
    "channel",
    "filing_date",
    "application_number",
    "planned_entry_date",
    "stage",
    "assignee",
    "coe_issued_date",
    "coe_delivery",
    "coe_receipt_registered_on",
    "sent_to_applicant_date",
    "visa_applied_date",
    "entry_date",
    "decision_date",
    "notes",
    "procedure",
    *AGENT_FIELDS,
)
"""Case columns a form edits (the applicant and organisation are saved through their own)."""


@dataclass(frozen=True, slots=True)
class InquiryInput:
    """An inquiry as logged."""

    made_at: dt.datetime
    channel: str = "phone"
    department: str | None = None
    staff: str | None = None
    made_by: str | None = None
    question: str | None = None
    answer: str | None = None
    outcome: str | None = None
    follow_up_date: dt.date | None = None
    imported: bool = False
    reason: str = "other"


@dataclass(frozen=True, slots=True)
class InquiryRecord(InquiryInput):
    """A stored inquiry."""

    id: int = 0
    case_id: int = 0
    version_id: int = 0


@dataclass(frozen=True, slots=True)
class DocumentRequestInput:
    """A document request (資料提出通知書) as recorded."""

    notice_date: dt.date | None = None
    received_date: dt.date | None = None
    deadline: dt.date | None = None
    requested_items: str | None = None
    examiner: str | None = None
    extension_asked_on: dt.date | None = None
    extended_deadline: dt.date | None = None
    extension_agreed_by: str | None = None
    submitted_on: dt.date | None = None
    submission_method: str | None = None
    tracking_number: str | None = None
    notes: str | None = None
    imported: bool = False


@dataclass(frozen=True, slots=True)
class DocumentRequestRecord(DocumentRequestInput):
    """A stored document request."""

    id: int = 0
    case_id: int = 0
    version_id: int = 0

    @property
    def effective_deadline(self) -> dt.date | None:
        return self.extended_deadline or self.deadline


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One line of a case's history."""

    at: dt.datetime
    actor: str | None
    action: str
    entity: str
    entity_id: int
    field: str | None
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """Everything the detail panes show about one case."""

    id: int
    version_id: int
    values: CaseInput
    organization: OrganizationRecord | None  # None: a family case filed by its 代理人
    applicant: ApplicantRecord
    status_name: str | None
    bureau_name: str | None
    bureau_phone: str | None
    archived: bool
    inquiries: tuple[InquiryRecord, ...]
    document_requests: tuple[DocumentRequestRecord, ...]
    assessment: Assessment
    # The person's residence card, when recorded (number, period in months, expiry).
    card_number: str | None = None
    card_period_months: int | None = None
    card_expiry: dt.date | None = None

    @property
    def client_name(self) -> str:
        """The client company's name; for a family case without one, its 代理人 (else ""):
        what a list of cases shows in its client column."""
        if self.organization is not None:
            return self.organization.name
        return self.values.agent_name or ""

    @property
    def company_name(self) -> str:
        """The client company's name, "" without one: what a field labelled 所属機関 shows
        (the 代理人 has fields of its own beside it)."""
        return self.organization.name if self.organization is not None else ""
