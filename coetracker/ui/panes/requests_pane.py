"""The Document requests tab: each notice with its deadline, days left, extension, submission.

Overdue requests are tinted and say "OVERDUE" in words. Buttons add a request, record an
extension, mark one submitted, edit or delete it.

Signals:
    changed(int): a request of this case id was added, changed or deleted.
"""

from __future__ import annotations

import dataclasses

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

from coetracker.services.records import (
    CaseDetail,
    DocumentRequestInput,
    DocumentRequestRecord,
    as_dict,
)
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.saving import VersionedSave
from coetracker.ui.common.text import date_text
from coetracker.ui.dialogs.request_dialog import RequestDialog, RequestMode
from coetracker.ui.models.detail_models import RequestTableModel

_INPUT_FIELDS = tuple(f.name for f in dataclasses.fields(DocumentRequestInput))


def _input_of(record: DocumentRequestRecord | dict[str, object]) -> DocumentRequestInput:
    values = record if isinstance(record, dict) else as_dict(record)
    return DocumentRequestInput(**{k: values[k] for k in _INPUT_FIELDS if k in values})  # type: ignore[arg-type]


class RequestsPane(QWidget):
    """Document requests of one case (see module documentation)."""

    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestsPane")
        self._context: AppContext | None = None
        self._detail: CaseDetail | None = None
        self.active_dialog: RequestDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add request…"))
        self.add_button.setObjectName("addRequestButton")
        self.add_button.setToolTip(self.tr("Record a 資料提出通知書 that arrived (Ctrl+D)"))
        self.add_button.clicked.connect(self.add_request)
        self.extension_button = QPushButton(self.tr("Record extension…"))
        self.extension_button.setObjectName("extensionButton")
        self.extension_button.clicked.connect(self.record_extension)
        self.submit_button = QPushButton(self.tr("Mark submitted…"))
        self.submit_button.setObjectName("markSubmittedButton")
        self.submit_button.clicked.connect(self.mark_submitted)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editRequestButton")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteRequestButton")
        self.delete_button.clicked.connect(self.delete_selected)
        # Two rows: the pane is narrow and a clipped button label is worse than a second row.
        for button in (self.add_button, self.submit_button, self.extension_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        second = QHBoxLayout()
        second.addWidget(self.edit_button)
        second.addWidget(self.delete_button)
        second.addStretch(1)
        layout.addLayout(second)

        self.model = RequestTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("requestTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(
            RequestTableModel.COL_ITEMS, QHeaderView.ResizeMode.Stretch
        )
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("requestPreview")
        self.preview.setReadOnly(True)
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
        if self._context is not None:
            self.model.set_context(today=self._context.today, policy=self._context.policy())
        self.model.set_rows(detail.document_requests if detail else ())
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        open_rows = [r for r, record in enumerate(self.model.rows()) if record.submitted_on is None]
        if open_rows:
            self.table.selectRow(open_rows[0])
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.preview.clear()
        self._update_buttons()

    def selected(self) -> DocumentRequestRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- actions ----------------------------------------------------------------------------

    def add_request(self) -> RequestDialog | None:
        """Open the dialog for a new request (notice date today); returns it."""
        if self._context is None or self._detail is None:
            return None
        context, case_id = self._context, self._detail.id

        def save(value: DocumentRequestInput) -> bool:
            from coetracker.services import documents

            documents.add_request(context.db, case_id, value, actor=context.actor())
            self.changed.emit(case_id)
            return True

        initial = DocumentRequestInput(notice_date=context.today, received_date=context.today)
        dialog = RequestDialog(
            save,
            initial=initial,
            mode=RequestMode.FULL,
            title=self.tr("Add document request"),
            parent=self,
        )
        return self._open(dialog)

    def edit_selected(self) -> RequestDialog | None:
        return self._edit(RequestMode.FULL, self.tr("Edit document request"))

    def record_extension(self) -> RequestDialog | None:
        return self._edit(RequestMode.EXTENSION, self.tr("Record extension"))

    def mark_submitted(self) -> RequestDialog | None:
        """Open the submission dialog for the selected request (date defaults to today)."""
        return self._edit(RequestMode.SUBMISSION, self.tr("Mark documents submitted"))

    def _edit(self, mode: RequestMode, title: str) -> RequestDialog | None:
        record = self.selected()
        if self._context is None or self._detail is None or record is None:
            return None
        context, case_id = self._context, self._detail.id
        initial = _input_of(record)
        if mode is RequestMode.SUBMISSION and initial.submitted_on is None:
            initial = dataclasses.replace(initial, submitted_on=context.today)
        if mode is RequestMode.EXTENSION and initial.extension_asked_on is None:
            initial = dataclasses.replace(initial, extension_asked_on=context.today)
        dialog: RequestDialog | None = None

        def write(value: DocumentRequestInput, version: int) -> int:
            from coetracker.services import documents

            new = documents.update_request(
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
            reload=lambda stored: dialog.load(_input_of(dict(stored))) if dialog else None,
        )
        dialog = RequestDialog(saver, initial=initial, mode=mode, title=title, parent=self)
        return self._open(dialog)

    def delete_selected(self) -> bool:
        record = self.selected()
        if self._context is None or self._detail is None or record is None:
            return False
        question = self.tr(
            "Delete the document request of %1? Only do this for a request recorded by mistake."
        ).replace("%1", date_text(record.notice_date) or "–")
        if not dialogs.confirm(
            self, self.tr("Delete document request"), question, destructive=True
        ):
            return False
        from coetracker.services import documents

        try:
            documents.delete_request(
                self._context.db,
                record.id,
                expected_version=record.version_id,
                actor=self._context.actor(),
            )
        except Exception as problem:
            dialogs.report(self, problem)
            self.changed.emit(self._detail.id)
            return False
        self.changed.emit(self._detail.id)
        return True

    def _open(self, dialog: RequestDialog) -> RequestDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()
        return dialog

    def _forget(self, dialog: RequestDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None

    def _captions(self) -> dict[str, str]:
        return {
            "notice_date": self.tr("Notice dated"),
            "received_date": self.tr("Received on"),
            "deadline": self.tr("Deadline (as printed)"),
            "requested_items": self.tr("Requested documents"),
            "examiner": self.tr("Examiner"),
            "extension_asked_on": self.tr("Extension asked on"),
            "extended_deadline": self.tr("New deadline"),
            "extension_agreed_by": self.tr("Agreed by"),
            "submitted_on": self.tr("Submitted on"),
            "submission_method": self.tr("Method"),
            "tracking_number": self.tr("Tracking number"),
            "notes": self.tr("Notes"),
        }

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = self.selected()
        if record is None:
            self.preview.clear()
        else:
            lines = [self.tr("Requested documents:"), record.requested_items or "–"]
            if record.examiner:
                lines += ["", self.tr("Examiner: %1").replace("%1", record.examiner)]
            if record.tracking_number:
                lines += [self.tr("Tracking number: %1").replace("%1", record.tracking_number)]
            if record.notes:
                lines += ["", self.tr("Notes:"), record.notes]
            self.preview.setPlainText("\n".join(lines))
        self._update_buttons()

    def _update_buttons(self) -> None:
        record = self.selected()
        self.add_button.setEnabled(self._detail is not None)
        self.edit_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        is_open = record is not None and record.submitted_on is None
        self.extension_button.setEnabled(is_open)
        self.submit_button.setEnabled(is_open)
