"""One row of an import: what importing it does, and its values as the services take them.

:class:`PlannedRow` is a data row of the file with its planned action (create a case, or update
the existing case with the same 受託番号 or 申請番号) and its problems. :func:`checked_row` finds
what the services would refuse in a row without writing anything, and prepares a new case's
values for the bulk writer; :func:`merged_case_input` applies an update row's columns to the
stored case, as a form would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.orm import Session

from coetracker.domain.model import Stage
from coetracker.domain.procedures import Procedure
from coetracker.io.csv_codec import ImportRecord, Problem
from coetracker.io.csv_read import fast_maker
from coetracker.services import parties
from coetracker.services.cases import case_values, check_without_client
from coetracker.services.errors import ValidationError
from coetracker.services.import_bulk import PreparedRow, card_values, prepare_row
from coetracker.services.import_prepare import quick_prepare
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput

__all__ = [
    "FIELD_COLUMNS",
    "PlannedRow",
    "RowAction",
    "checked_row",
    "inferred_stage",
    "merged_case_input",
    "new_case_input",
    "planned_row",
    "prepared_values",
    "problems_of",
]


class RowAction(StrEnum):
    """What importing a row does."""

    CREATE = "create"
    UPDATE = "update"


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """One data row of the file and what importing it would do.

    ``case_id`` is the existing case with the same 受託番号 or 申請番号 (a duplicate), if any;
    ``case_label`` names it for people (its 受託番号, else its 申請番号).
    """

    record: ImportRecord
    action: RowAction
    problems: tuple[Problem, ...] = ()
    case_id: int | None = None
    case_label: str = ""
    residence_status_id: int | None = None
    bureau_id: int | None = None
    prepared: PreparedRow | None = dataclasses.field(default=None, compare=False, repr=False)
    """A new case's values, cleaned and checked (for the bulk writer)."""

    @property
    def row(self) -> int:
        """The row number as a spreadsheet shows it (the header is row 1)."""
        return self.record.row

    @property
    def duplicate(self) -> bool:
        """Whether an existing case has this row's 受託番号 or 申請番号."""
        return self.case_id is not None

    @property
    def ok(self) -> bool:
        """Whether this row can be imported."""
        return not self.problems


planned_row = fast_maker(PlannedRow)
"""``PlannedRow(*values)``, every field given in order."""


_AGENT_KEYS = ("agent_name", "agent_relationship", "agent_prefecture", "agent_address")
"""The 代理人's columns: CSV column keys and CaseInput fields alike."""

FIELD_COLUMNS = {
    "family_name": "family_name",
    "given_name": "given_name",
    "name_kanji": "name_kanji",
    "name_kana": "name_kana",
    "nationality_code": "nationality",
    "birth_date": "birth_date",
    "passport_number": "passport_number",
    "organization": "client",
    "reference": "reference",
    "coe_issued_date": "coe_issued_date",
    "entry_date": "entry_date",
    "filing_date": "filing_date",
    "application_number": "application_number",
    "department_phone": "department_phone",
    **{key: key for key in _AGENT_KEYS},
    "coe_delivery": "coe_delivery",
    "coe_receipt_registered_on": "coe_receipt_registered_on",
    "extended_deadline": "document_deadline",
    "deadline": "original_deadline",
}
"""Service field names (in ValidationError.problems) → CSV column keys."""


def _text(value: str) -> str | None:
    return value if value.strip() else None


def inferred_stage(record: ImportRecord) -> Stage:
    """The stage of a new case whose 進捗 is blank, from the dates the row gives."""
    if record.entry_date:
        return Stage.ENTERED
    if record.coe_issued_date:
        return Stage.ISSUED
    if record.documents_submitted_date:
        return Stage.DOCUMENTS_SUBMITTED
    if record.document_deadline:
        return Stage.DOCUMENTS_REQUESTED
    if record.filing_date or record.application_number.strip():
        return Stage.FILED
    return Stage.PREPARING


def new_case_input(row: PlannedRow) -> CaseInput:
    record = row.record
    return CaseInput(
        applicant=ApplicantInput(
            family_name=record.family_name,
            given_name=_text(record.given_name),
            name_kanji=_text(record.name_kanji),
            name_kana=_text(record.name_kana),
            nationality_code=record.nationality_code,
            birth_date=record.birth_date,
            passport_number=_text(record.passport_number),
        ),
        # blank: no client company (a family case filed by its 代理人, checked in _checked)
        organization=OrganizationInput(name=record.client) if record.client.strip() else None,
        reference=_text(record.reference),
        residence_status_id=row.residence_status_id,
        bureau_id=row.bureau_id,
        channel=record.channel,
        filing_date=record.filing_date,
        application_number=_text(record.application_number),
        department_phone=_text(record.department_phone),
        planned_entry_date=record.planned_entry_date,
        stage=record.stage or inferred_stage(record),
        coe_issued_date=record.coe_issued_date,
        entry_date=record.entry_date,
        notes=_text(record.notes),
        procedure=record.procedure or Procedure.COE,
        coe_delivery=record.coe_delivery,
        coe_receipt_registered_on=record.coe_receipt_registered_on,
        agent_name=_text(record.agent_name),
        agent_relationship=_text(record.agent_relationship),
        agent_prefecture=_text(record.agent_prefecture),
        agent_address=_text(record.agent_address),
    )


_APPLICANT_KEYS = {
    "family_name": "family_name",
    "given_name": "given_name",
    "name_kanji": "name_kanji",
    "name_kana": "name_kana",
}
_CASE_KEYS = (
    "channel",
    "filing_date",
    "planned_entry_date",
    "coe_issued_date",
    "entry_date",
    "coe_delivery",
    "coe_receipt_registered_on",
)


def merged_case_input(
    current: CaseInput, row: PlannedRow, organization_id: int | None
) -> CaseInput:
    """The stored case with the columns present in the file applied (blank clears, except the
    identifiers the row was matched by and the stage, which a blank leaves as they are)."""
    record = row.record
    present = record.raw.keys()
    applicant: dict[str, object] = {}
    for key, field in _APPLICANT_KEYS.items():
        if key in present:
            value = getattr(record, key)
            applicant[field] = value if key == "family_name" else _text(value)
    if "nationality" in present:
        applicant["nationality_code"] = record.nationality_code
    if "birth_date" in present:
        applicant["birth_date"] = record.birth_date
    if "passport_number" in present and record.passport_number.strip():
        applicant["passport_number"] = record.passport_number
    changes: dict[str, object] = {"organization_id": organization_id, "organization": None}
    changes.update({key: getattr(record, key) for key in _CASE_KEYS if key in present})
    if "residence_status" in present:
        changes["residence_status_id"] = row.residence_status_id
    if "bureau" in present:
        changes["bureau_id"] = row.bureau_id
    if "notes" in present:
        changes["notes"] = _text(record.notes)
    if "department_phone" in present:
        changes["department_phone"] = _text(record.department_phone)
    changes.update({key: _text(getattr(record, key)) for key in _AGENT_KEYS if key in present})
    if "stage" in present and record.stage is not None:
        changes["stage"] = record.stage
    if "procedure" in present and record.procedure is not None:
        changes["procedure"] = record.procedure
    for key in ("reference", "application_number"):
        if key in present and getattr(record, key).strip():
            changes[key] = getattr(record, key)
    return dataclasses.replace(
        current,
        applicant=dataclasses.replace(current.applicant, **applicant),  # type: ignore[arg-type]
        **changes,  # type: ignore[arg-type]
    )


def _planned(
    record: ImportRecord,
    action: RowAction,
    match: tuple[int, str] | None,
    status_bureau: tuple[int | None, int | None],
) -> PlannedRow:
    """The row as planned, for the service checks (problems and values come later)."""
    return PlannedRow(
        record=record,
        action=action,
        case_id=match[0] if match else None,
        residence_status_id=status_bureau[0],
        bureau_id=status_bureau[1],
    )


def checked_row(
    session: Session,
    record: ImportRecord,
    action: RowAction,
    match: tuple[int, str] | None,
    status_bureau: tuple[int | None, int | None],
    header: Callable[[str], str],
    problems: list[Problem],
    clients: dict[str, list[Problem]],
    current: CaseInput | None,
) -> PreparedRow | None:
    """What the services would refuse in this row (checked without writing), added to
    ``problems``; a new case's values come back prepared for the bulk writer. ``current`` is
    the stored case an update row changes, as a form would edit it."""
    client = record.client
    if not client.strip():
        return _checked_without_client(
            session, record, action, match, status_bureau, header, problems, current
        )
    if client not in clients:
        clients[client] = []
        try:
            parties.organization_values(OrganizationInput(name=client))
        except ValidationError as error:
            clients[client] = problems_of(record.row, error, header)
    if clients[client]:
        problems.extend(dataclasses.replace(p, row=record.row) for p in clients[client])
        return None
    if action == RowAction.CREATE:  # most rows: no service records made, same values
        quick = quick_prepare(record, *status_bureau)
        if quick is not None:
            return quick
    row = _planned(record, action, match, status_bureau)
    try:
        if action == RowAction.UPDATE and row.case_id is not None:
            data = merged_case_input(current, row, 0) if current else None
            if data is not None:
                parties.applicant_values(data.applicant)
                case_values(data, 0, 0)
            return None
        return prepared_values(row)
    except ValidationError as error:
        problems.extend(problems_of(record.row, error, header))
    return None


def problems_of(row: int, error: ValidationError, header: Callable[[str], str]) -> list[Problem]:
    """The problems a service refused ``row`` for, each under the column the file names it by."""
    return [
        Problem(row, header(FIELD_COLUMNS.get(field, "notes")), text)
        for field, text in error.problems.items()
    ]


def _checked_without_client(
    session: Session,
    record: ImportRecord,
    action: RowAction,
    match: tuple[int, str] | None,
    status_bureau: tuple[int | None, int | None],
    header: Callable[[str], str],
    problems: list[Problem],
    current: CaseInput | None,
) -> PreparedRow | None:
    """:func:`checked_row` for a row whose client cell is blank: allowed for a family status whose
    代理人 is named (the row's, or for an update the stored case's when the file lacks them).
    ``current`` is the stored case an update row changes."""
    row = _planned(record, action, match, status_bureau)
    try:
        if action == RowAction.UPDATE and current is not None:
            data = merged_case_input(current, row, None)
        else:
            data = new_case_input(row)
        check_without_client(session, data)
        if action == RowAction.UPDATE and current is not None:
            parties.applicant_values(data.applicant)
            case_values(data, None, 0)
            return None
        return prepared_values(row)
    except ValidationError as error:
        problems.extend(problems_of(record.row, error, header))
        return None


def prepared_values(row: PlannedRow) -> PreparedRow:
    """A new case's values for the bulk writer; raises ValidationError."""
    record = row.record
    return prepare_row(
        new_case_input(row),
        inquiry_day=record.last_inquiry_date,
        deadline=record.document_deadline,
        submitted=record.documents_submitted_date,
        original_deadline=record.original_deadline,
        archived=bool(record.archived),
        card=card_values(record.card_period, record.card_expiry_date, record.entry_date),
    )
