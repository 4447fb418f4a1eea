"""Recording a document request (資料提出通知書), its extension, or its submission.

One dialog in three modes: the whole notice (add / edit), only the extension fields, or only
the submission fields; the fields not shown keep their stored values.
"""

from __future__ import annotations

import dataclasses
import enum

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from coetracker.domain.jpdates import Toward
from coetracker.services.records import DocumentRequestInput
from coetracker.ui.common import labels
from coetracker.ui.dialogs.record_dialog import RecordDialog, Saver


class RequestMode(enum.Enum):
    """Which part of the request the dialog edits."""

    FULL = "full"
    EXTENSION = "extension"
    SUBMISSION = "submission"


def _text(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


class RequestDialog(RecordDialog[DocumentRequestInput]):
    """A document request's notice, deadline, items, extension and submission."""

    def __init__(
        self,
        save: Saver,
        *,
        initial: DocumentRequestInput,
        mode: RequestMode,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(save, parent)
        self.setObjectName("requestDialog")
        self.setWindowTitle(title)
        self.mode = mode
        self._initial = initial
        full = mode is RequestMode.FULL

        if full:
            self.notice_date = self.add_date("notice_date", self.tr("Notice dated"))
            self.received_date = self.add_date("received_date", self.tr("Received on"))
            self.deadline = self.add_date(
                "deadline", self.tr("Deadline (as printed)"), toward=Toward.FUTURE
            )
            self.deadline.date_edit.line.setPlaceholderText(
                self.tr("Blank: 14 days from the notice (policy default)")
            )
            self.items = QPlainTextEdit()
            self.items.setObjectName("requestItems")
            self.items.setTabChangesFocus(True)
            self.items.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
            self.add_field("requested_items", self.tr("Requested documents"), self.items)
            self.examiner = QLineEdit()
            self.examiner.setObjectName("requestExaminer")
            self.add_field("examiner", self.tr("Examiner"), self.examiner)
        if full or mode is RequestMode.EXTENSION:
            self.extension_asked_on = self.add_date(
                "extension_asked_on", self.tr("Extension asked on")
            )
            self.extended_deadline = self.add_date(
                "extended_deadline", self.tr("New deadline"), toward=Toward.FUTURE
            )
            self.extension_agreed_by = QLineEdit()
            self.extension_agreed_by.setObjectName("extensionAgreedBy")
            self.add_field("extension_agreed_by", self.tr("Agreed by"), self.extension_agreed_by)
        if full or mode is RequestMode.SUBMISSION:
            self.submitted_on = self.add_date("submitted_on", self.tr("Submitted on"))
            self.method = QComboBox()
            self.method.setObjectName("submissionMethod")
            self.method.addItem(self.tr("(not recorded)"), None)
            for code in labels.SUBMISSION_METHODS:
                self.method.addItem(labels.label(labels.SUBMISSION_METHODS, code), code)
            self.add_field("submission_method", self.tr("Method"), self.method)
            self.tracking = QLineEdit()
            self.tracking.setObjectName("trackingNumber")
            self.add_field("tracking_number", self.tr("Tracking number"), self.tracking)
        if full:
            self.notes = QPlainTextEdit()
            self.notes.setObjectName("requestNotes")
            self.notes.setTabChangesFocus(True)
            self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
            self.add_field("notes", self.tr("Notes"), self.notes)

        self.finish_layout()
        self.load(initial)
        self.mark_clean()
        self.resize(520, self.sizeHint().height())

    def load(self, value: DocumentRequestInput) -> None:
        if self.mode is RequestMode.FULL:
            self.notice_date.set_date(value.notice_date)
            self.received_date.set_date(value.received_date)
            self.deadline.set_date(value.deadline)
            self.items.setPlainText(value.requested_items or "")
            self.examiner.setText(value.examiner or "")
            self.notes.setPlainText(value.notes or "")
        if self.mode in (RequestMode.FULL, RequestMode.EXTENSION):
            self.extension_asked_on.set_date(value.extension_asked_on)
            self.extended_deadline.set_date(value.extended_deadline)
            self.extension_agreed_by.setText(value.extension_agreed_by or "")
        if self.mode in (RequestMode.FULL, RequestMode.SUBMISSION):
            self.submitted_on.set_date(value.submitted_on)
            self.method.setCurrentIndex(max(self.method.findData(value.submission_method), 0))
            self.tracking.setText(value.tracking_number or "")

    def extra_checks(self) -> bool:
        if self.mode is RequestMode.EXTENSION and self.extended_deadline.date() is None:
            self.extended_deadline.set_error(self.tr("Enter the new deadline that was agreed."))
            self.extended_deadline.date_edit.setFocus()
            return False
        if self.mode is RequestMode.SUBMISSION and self.submitted_on.date() is None:
            self.submitted_on.set_error(self.tr("Enter the day the documents were sent."))
            self.submitted_on.date_edit.setFocus()
            return False
        return True

    def value(self) -> DocumentRequestInput:
        changes: dict[str, object] = {}
        if self.mode is RequestMode.FULL:
            items = self.items.toPlainText()
            notes = self.notes.toPlainText()
            changes.update(
                notice_date=self.notice_date.date(),
                received_date=self.received_date.date(),
                deadline=self.deadline.date(),
                requested_items=items if items.strip() else None,
                examiner=_text(self.examiner),
                notes=notes if notes.strip() else None,
            )
        if self.mode in (RequestMode.FULL, RequestMode.EXTENSION):
            changes.update(
                extension_asked_on=self.extension_asked_on.date(),
                extended_deadline=self.extended_deadline.date(),
                extension_agreed_by=_text(self.extension_agreed_by),
            )
        if self.mode in (RequestMode.FULL, RequestMode.SUBMISSION):
            changes.update(
                submitted_on=self.submitted_on.date(),
                submission_method=self.method.currentData(),
                tracking_number=_text(self.tracking),
            )
        return dataclasses.replace(self._initial, **changes)  # type: ignore[arg-type]
