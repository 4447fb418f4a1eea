"""Table models of one case's inquiries, document requests and history.

Each is fed plain records from the services in one call (``set_rows``) and never opens a
session. :data:`ROW_ROLE` returns the record, :data:`SORT_ROLE` a native value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from coetracker.domain.messages import N_
from coetracker.domain.model import DocumentRequestFacts, Level, Policy
from coetracker.domain.readiness import effective_deadline
from coetracker.domain.workdays import business_days_between
from coetracker.services.records import AuditRecord, DocumentRequestRecord, InquiryRecord
from coetracker.ui.common import labels
from coetracker.ui.common.palette import level_colours
from coetracker.ui.common.text import date_text, plain_tooltip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

T = TypeVar("T")
_INDEX = QModelIndex()


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class _RecordModel(QAbstractTableModel, Generic[T]):
    """Rows of records, columns named by ``HEADERS`` (translated in ``CONTEXT``)."""

    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> Sequence[T]:
        return self._rows

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.HEADERS):
            return None
        record = self._rows[index.row()]
        if role == ROW_ROLE:
            return record
        return self._data(record, index.column(), role)

    def _data(self, record: T, column: int, role: int) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class InquiryTableModel(_RecordModel[InquiryRecord]):
    """A case's inquiries, newest first (the order the service returns)."""

    CONTEXT = "InquiryTableModel"
    HEADERS = (
        N_("InquiryTableModel", "When"),
        N_("InquiryTableModel", "Outcome"),
        N_("InquiryTableModel", "Channel"),
        N_("InquiryTableModel", "Department / staff"),
        N_("InquiryTableModel", "Made by"),
        N_("InquiryTableModel", "Follow-up"),
        N_("InquiryTableModel", "Answer"),
    )
    COL_WHEN, COL_OUTCOME, COL_CHANNEL, COL_DEPARTMENT, COL_BY, COL_FOLLOW_UP, COL_ANSWER = range(7)

    def _data(self, record: InquiryRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_WHEN:
                return date_text(record.made_at)
            if column == self.COL_CHANNEL:
                return labels.label(labels.INQUIRY_CHANNELS, record.channel)
            if column == self.COL_DEPARTMENT:
                return " / ".join(p for p in (record.department, record.staff) if p)
            if column == self.COL_BY:
                return record.made_by or ""
            if column == self.COL_OUTCOME:
                return labels.label(labels.OUTCOMES, record.outcome)
            if column == self.COL_ANSWER:
                return _one_line(record.answer or record.question)
            if column == self.COL_FOLLOW_UP:
                return date_text(record.follow_up_date)
        if role == SORT_ROLE:
            return (
                record.made_at,
                record.outcome,
                record.channel,
                record.department,
                record.made_by,
                record.follow_up_date,
                record.answer,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_ANSWER:
            return plain_tooltip(
                "\n".join(t for t in (record.question or "", record.answer or "") if t)
            )
        return None


class RequestTableModel(_RecordModel[DocumentRequestRecord]):
    """A case's document requests with their effective deadline and business days left.

    Open requests past their deadline are tinted with the overdue colour and say so in words.
    """

    CONTEXT = "RequestTableModel"
    HEADERS = (
        N_("RequestTableModel", "Notice"),
        N_("RequestTableModel", "Deadline"),
        N_("RequestTableModel", "Business days left"),
        N_("RequestTableModel", "Extension"),
        N_("RequestTableModel", "Submitted"),
        N_("RequestTableModel", "Requested documents"),
    )
    COL_NOTICE, COL_DEADLINE, COL_LEFT, COL_EXTENSION, COL_SUBMITTED, COL_ITEMS = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today()
        self._policy = Policy()
        self._palette = QApplication.palette()

    def set_context(self, *, today: dt.date, policy: Policy) -> None:
        """The day and policy the deadlines are judged by (call before ``set_rows``)."""
        self._today = today
        self._policy = policy

    def set_palette(self, palette: QPalette) -> None:
        self._palette = palette
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )

    def deadline(self, record: DocumentRequestRecord) -> dt.date | None:
        """The deadline that counts: the extension, else the printed one, else the default."""
        facts = DocumentRequestFacts(
            record.notice_date, record.deadline, record.extended_deadline, record.submitted_on
        )
        return effective_deadline(facts, self._policy)

    def is_overdue(self, record: DocumentRequestRecord) -> bool:
        deadline = self.deadline(record)
        return record.submitted_on is None and deadline is not None and deadline < self._today

    def days_left(self, record: DocumentRequestRecord) -> int | None:
        deadline = self.deadline(record)
        if record.submitted_on is not None or deadline is None:
            return None
        return business_days_between(self._today, deadline)

    def _left_text(self, record: DocumentRequestRecord) -> str:
        if record.submitted_on is not None:
            return self.tr("Done")
        if self.is_overdue(record):
            deadline = self.deadline(record)
            assert deadline is not None
            return self.tr("OVERDUE by %n day(s)", "", (self._today - deadline).days)
        left = self.days_left(record)
        if left is None:
            return self.tr("No deadline recorded")
        return self.tr("%n business day(s)", "", left)

    def _data(self, record: DocumentRequestRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NOTICE:
                return date_text(record.notice_date)
            if column == self.COL_DEADLINE:
                return date_text(self.deadline(record))
            if column == self.COL_LEFT:
                return self._left_text(record)
            if column == self.COL_EXTENSION:
                if record.extended_deadline is None:
                    return ""
                return (
                    self.tr("to %1 (was %2)")
                    .replace("%1", date_text(record.extended_deadline))
                    .replace("%2", date_text(record.deadline) or "–")
                )
            if column == self.COL_SUBMITTED:
                if record.submitted_on is None:
                    return ""
                method = labels.label(labels.SUBMISSION_METHODS, record.submission_method)
                when = date_text(record.submitted_on)
                return f"{when} ({method})" if method else when
            if column == self.COL_ITEMS:
                return _one_line(record.requested_items)
        if role == SORT_ROLE:
            return (
                record.notice_date,
                self.deadline(record),
                self.days_left(record),
                record.extended_deadline,
                record.submitted_on,
                record.requested_items,
            )[column]
        overdue = self.is_overdue(record)
        if role == Qt.ItemDataRole.BackgroundRole:
            if overdue:
                return level_colours(Level.DOCS_OVERDUE, self._palette).background
            if record.submitted_on is None:
                return level_colours(Level.DOCS_DUE, self._palette).background
            return None
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column == self.COL_LEFT:
            return level_colours(Level.DOCS_OVERDUE, self._palette).foreground
        if role == Qt.ItemDataRole.FontRole and overdue and column == self.COL_LEFT:
            font = QApplication.font()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_ITEMS:
            return plain_tooltip(record.requested_items or "")
        return None


_ACTIONS = {
    "create": N_("HistoryTableModel", "created"),
    "update": N_("HistoryTableModel", "changed"),
    "delete": N_("HistoryTableModel", "deleted"),
    "archive": N_("HistoryTableModel", "archived"),
    "unarchive": N_("HistoryTableModel", "brought back"),
    "void": N_("HistoryTableModel", "voided"),
}
_ENTITIES = {
    "case": N_("HistoryTableModel", "case"),
    "applicant": N_("HistoryTableModel", "applicant"),
    "organization": N_("HistoryTableModel", "client"),
    "inquiry": N_("HistoryTableModel", "inquiry"),
    "document_request": N_("HistoryTableModel", "document request"),
    "payment": N_("HistoryTableModel", "payment"),
    "invoice": N_("HistoryTableModel", "invoice"),
    "receipt": N_("HistoryTableModel", "receipt"),
}


_FIELDS = {
    # the case
    "reference": N_("HistoryTableModel", "Reference"),
    "organization_id": N_("HistoryTableModel", "Client"),
    "residence_status_id": N_("HistoryTableModel", "Status of residence"),
    "bureau_id": N_("HistoryTableModel", "Bureau"),
    "review_department": N_("HistoryTableModel", "Review department"),
    "department_phone": N_("HistoryTableModel", "Department phone"),
    "channel": N_("HistoryTableModel", "Channel"),
    "filing_date": N_("HistoryTableModel", "Filing date"),
    "application_number": N_("HistoryTableModel", "Application no."),
    "planned_entry_date": N_("HistoryTableModel", "Planned entry"),
    "stage": N_("HistoryTableModel", "Stage"),
    "assignee": N_("HistoryTableModel", "Assignee"),
    "coe_issued_date": N_("HistoryTableModel", "COE issued"),
    "coe_delivery": N_("HistoryTableModel", "COE delivery"),
    "sent_to_applicant_date": N_("HistoryTableModel", "Sent to applicant"),
    "visa_applied_date": N_("HistoryTableModel", "Visa applied"),
    "entry_date": N_("HistoryTableModel", "Entered Japan"),
    "decision_date": N_("HistoryTableModel", "Decision"),
    "notes": N_("HistoryTableModel", "Notes"),
    "archived": N_("HistoryTableModel", "Archived"),
    "procedure": N_("HistoryTableModel", "Procedure"),
    "agent_name": N_("HistoryTableModel", "Representative"),
    "agent_relationship": N_("HistoryTableModel", "Relationship"),
    "agent_prefecture": N_("HistoryTableModel", "Representative's prefecture"),
    "agent_address": N_("HistoryTableModel", "Representative's address"),
    "voided_on": N_("HistoryTableModel", "Voided on"),
    "void_reason": N_("HistoryTableModel", "Reason for voiding"),
    # an inquiry
    "made_at": N_("HistoryTableModel", "When"),
    "department": N_("HistoryTableModel", "Department"),
    "staff": N_("HistoryTableModel", "Bureau staff"),
    "made_by": N_("HistoryTableModel", "Made by"),
    "question": N_("HistoryTableModel", "Question"),
    "answer": N_("HistoryTableModel", "Answer"),
    "reason": N_("HistoryTableModel", "Reason"),
    "outcome": N_("HistoryTableModel", "Outcome"),
    "follow_up_date": N_("HistoryTableModel", "Follow up on"),
    # a document request
    "notice_date": N_("HistoryTableModel", "Notice dated"),
    "received_date": N_("HistoryTableModel", "Received on"),
    "deadline": N_("HistoryTableModel", "Deadline (as printed)"),
    "requested_items": N_("HistoryTableModel", "Requested documents"),
    "examiner": N_("HistoryTableModel", "Examiner"),
    "extension_asked_on": N_("HistoryTableModel", "Extension asked on"),
    "extended_deadline": N_("HistoryTableModel", "New deadline"),
    "extension_agreed_by": N_("HistoryTableModel", "Agreed by"),
    "submitted_on": N_("HistoryTableModel", "Submitted on"),
    "submission_method": N_("HistoryTableModel", "Method"),
    "tracking_number": N_("HistoryTableModel", "Tracking number"),
    "imported": N_("HistoryTableModel", "Imported"),
}
"""Field names of the audit trail as the history shows them."""

_YES_NO = {
    "1": N_("HistoryTableModel", "Yes"),
    "0": N_("HistoryTableModel", "No"),
}


def _value_text(entity: str, field: str | None, value: str | None) -> str:
    """A stored audit value in words: dates in the display style, codes as their labels."""
    if not value:
        return ""
    tables: dict[str, Mapping[str, str]] = {
        "stage": labels.STAGES,
        "coe_delivery": labels.COE_DELIVERY,
        "procedure": labels.PROCEDURES,
        "outcome": labels.OUTCOMES,
        "reason": labels.INQUIRY_REASONS,
        "submission_method": labels.SUBMISSION_METHODS,
        "channel": labels.INQUIRY_CHANNELS if entity == "inquiry" else labels.FILING_CHANNELS,
    }
    if field in tables:
        return labels.label(tables[field], value)
    if field in ("archived", "imported") and value in _YES_NO:
        return QCoreApplication.translate("HistoryTableModel", _YES_NO[value])
    if field and (field.endswith(("_date", "_on", "deadline")) or field == "made_at"):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return _one_line(value)
        if "T" in value or " " in value:
            return date_text(moment)
        return date_text(moment.date())
    return _one_line(value)


class HistoryTableModel(_RecordModel[AuditRecord]):
    """The audit events of a case, newest first."""

    CONTEXT = "HistoryTableModel"
    HEADERS = (
        N_("HistoryTableModel", "When"),
        N_("HistoryTableModel", "Who"),
        N_("HistoryTableModel", "What"),
        N_("HistoryTableModel", "Field"),
        N_("HistoryTableModel", "Before"),
        N_("HistoryTableModel", "After"),
    )

    def _data(self, record: AuditRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return date_text(_local(record.at))
            if column == 1:
                return record.actor or ""
            if column == 2:
                entity = _ENTITIES.get(record.entity)
                action = _ACTIONS.get(record.action)
                entity_text = (
                    QCoreApplication.translate(self.CONTEXT, entity) if entity else record.entity
                )
                action_text = (
                    QCoreApplication.translate(self.CONTEXT, action) if action else record.action
                )
                return f"{entity_text} {action_text}"
            if column == 3:
                name = _FIELDS.get(record.field or "")
                if name is None:
                    return record.field or ""
                return QCoreApplication.translate(self.CONTEXT, name)
            if column == 4:
                return _value_text(record.entity, record.field, record.old_value)
            if column == 5:
                return _value_text(record.entity, record.field, record.new_value)
        if role == SORT_ROLE:
            return (
                record.at,
                record.actor,
                record.action,
                record.field,
                record.old_value,
                record.new_value,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (4, 5):
            return plain_tooltip((record.old_value if column == 4 else record.new_value) or "")
        return None


def _local(at: dt.datetime) -> dt.datetime:
    """Audit times are stored in UTC; show them in local time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().replace(tzinfo=None)
