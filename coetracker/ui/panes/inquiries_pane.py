"""The Inquiries tab: a case's inquiries to the bureau, newest first; log, edit, delete.

Signals:
    changed(int): an inquiry of this case id was logged, edited or deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.model import FilingChannel, InquiryChannel
from coetracker.services.records import CaseDetail, InquiryInput, InquiryRecord, as_dict
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.saving import VersionedSave
from coetracker.ui.common.text import date_text
from coetracker.ui.dialogs.inquiry_dialog import InquiryDialog
from coetracker.ui.models.detail_models import InquiryTableModel


def _input_of(record: InquiryRecord) -> InquiryInput:
    return InquiryInput(
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(InquiryInput)}
    )


def _input_from_stored(stored: Mapping[str, object]) -> InquiryInput:
    names = {f.name for f in dataclasses.fields(InquiryInput)}
    return InquiryInput(**{k: v for k, v in stored.items() if k in names})  # type: ignore[arg-type]


class InquiriesPane(QWidget):
    """History of inquiries with buttons to log, edit and delete (see module documentation)."""

    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inquiriesPane")
        self._context: AppContext | None = None
        self._detail: CaseDetail | None = None
        self.active_dialog: InquiryDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        buttons = QHBoxLayout()
        self.log_button = QPushButton(self.tr("Log inquiry…"))
        self.log_button.setObjectName("logInquiryButton")
        self.log_button.setToolTip(self.tr("Record a call or visit to the bureau (Ctrl+I)"))
        self.log_button.clicked.connect(self.log_inquiry)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editInquiryButton")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteInquiryButton")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.model = InquiryTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("inquiryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            InquiryTableModel.COL_ANSWER, QHeaderView.ResizeMode.Stretch
        )
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("inquiryPreview")
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("Select an inquiry to read the whole exchange."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # -- feeding ----------------------------------------------------------------------------

    def set_context(self, context: AppContext | None) -> None:
        self._context = context

    def show_detail(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        self.model.set_rows(detail.inquiries if detail else ())
        for column in range(self.model.columnCount() - 1):
            if column != InquiryTableModel.COL_ANSWER:
                self.table.resizeColumnToContents(column)
        if detail and detail.inquiries:
            self.table.selectRow(0)
        else:
            self.preview.clear()
        self._update_buttons()

    def selected(self) -> InquiryRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- actions ----------------------------------------------------------------------------

    def _new_input(self) -> InquiryInput:
        assert self._context is not None and self._detail is not None
        now = dt.datetime.now()
        channel = (
            InquiryChannel.ONLINE_SYSTEM
            if self._detail.values.channel == FilingChannel.ONLINE
            else InquiryChannel.PHONE
        )
        return InquiryInput(
            made_at=dt.datetime.combine(self._context.today, dt.time(now.hour, now.minute)),
            channel=channel.value,
            department=self._detail.values.review_department,
            made_by=self._context.person() or None,
        )

    def log_inquiry(self) -> InquiryDialog | None:
        """Open the dialog to log a new inquiry (non-blocking); returns it."""
        if self._context is None or self._detail is None:
            return None
        context, case_id = self._context, self._detail.id

        def save(value: InquiryInput) -> bool:
            from coetracker.services import inquiries

            inquiries.log_inquiry(context.db, case_id, value, actor=context.actor())
            self.changed.emit(case_id)
            return True

        dialog = InquiryDialog(
            save, initial=self._new_input(), title=self.tr("Log inquiry"), parent=self
        )
        return self._open(dialog)

    def edit_selected(self) -> InquiryDialog | None:
        """Open the dialog to edit the selected inquiry; returns it."""
        record = self.selected()
        if self._context is None or self._detail is None or record is None:
            return None
        context, case_id = self._context, self._detail.id
        dialog: InquiryDialog | None = None

        def write(value: InquiryInput, version: int) -> int:
            from coetracker.services import inquiries

            new = inquiries.update_inquiry(
                context.db, record.id, value, expected_version=version, actor=context.actor()
            )
            self.changed.emit(case_id)
            return new

        saver = VersionedSave(
            parent=self,
            version=record.version_id,
            write=write,
            as_fields=as_dict,
            captions=self._captions(),
            reload=lambda stored: dialog.load(_input_from_stored(stored)) if dialog else None,
        )
        dialog = InquiryDialog(
            saver, initial=_input_of(record), title=self.tr("Edit inquiry"), parent=self
        )
        return self._open(dialog)

    def delete_selected(self) -> bool:
        """Delete the selected inquiry after confirmation; True if deleted."""
        record = self.selected()
        if self._context is None or self._detail is None or record is None:
            return False
        question = self.tr("Delete the inquiry of %1? The history keeps a note of it.").replace(
            "%1", date_text(record.made_at)
        )
        if not dialogs.confirm(self, self.tr("Delete inquiry"), question, destructive=True):
            return False
        from coetracker.services import inquiries

        try:
            inquiries.delete_inquiry(
                self._context.db,
                record.id,
                expected_version=record.version_id,
                actor=self._context.actor(),
            )
        except Exception as problem:
            dialogs.report(self, problem)
            self.changed.emit(self._detail.id)  # show what is stored now
            return False
        self.changed.emit(self._detail.id)
        return True

    def _open(self, dialog: InquiryDialog) -> InquiryDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()
        return dialog

    def _forget(self, dialog: InquiryDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None

    def _captions(self) -> dict[str, str]:
        return {
            "made_at": self.tr("When"),
            "channel": self.tr("Channel"),
            "department": self.tr("Department"),
            "staff": self.tr("Bureau staff"),
            "made_by": self.tr("Made by"),
            "question": self.tr("Question"),
            "answer": self.tr("Answer"),
            "reason": self.tr("Reason"),
            "outcome": self.tr("Outcome"),
            "follow_up_date": self.tr("Follow up on"),
        }

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = self.selected()
        if record is None:
            self.preview.clear()
        else:
            lines = [
                self.tr("Question:"),
                record.question or "–",
                "",
                self.tr("Answer:"),
                record.answer or "–",
            ]
            self.preview.setPlainText("\n".join(lines))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_case = self._detail is not None
        has_selection = self.selected() is not None
        self.log_button.setEnabled(has_case)
        self.edit_button.setEnabled(has_selection)
        self.delete_button.setEnabled(has_selection)
