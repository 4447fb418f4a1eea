"""Corrections on the Fees tab: delete a payment recorded by mistake, void an issued document.

A numbered invoice or receipt is never deleted or renumbered (domain/ledger.py's rules): it is
voided with a reason and stays listed. A payment can be deleted while its ledger year is open;
once the year is closed the service refuses with one sentence (the ledger takes a correction).

Signals:
    changed(): something was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.ledger import yen
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.forms import Field
from coetracker.ui.common.text import date_text, plain_label
from coetracker.ui.models.fees_models import IssuedDocumentTableModel, PaymentTableModel

if TYPE_CHECKING:
    from coetracker.ui.common.context import AppContext


class VoidDialog(QDialog):
    """Ask why a document is voided; the reason is required."""

    def __init__(self, parent: QWidget | None, number: str) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Void %1").replace("%1", number))
        form = QFormLayout(self)
        form.addRow(
            plain_label(
                self.tr(
                    "The number %1 stays taken and the document stays listed as void. "
                    "Issue a new one if needed."
                ).replace("%1", number),
                wrap=True,
            )
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        self.reason_field = Field(self.reason)
        form.addRow(self.tr("Reason"), self.reason_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.reason_field.set_error(self.tr("Say why the document is voided."))
            return
        super().accept()


class IssuedDocumentsBox(QWidget):
    """The case's invoices and receipts with a Void… button."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuedDocuments")
        self._context: AppContext | None = None
        self._case_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        title = QLabel(self.tr("Invoices and receipts issued"))
        bar.addWidget(title)
        bar.addStretch(1)
        self.void_button = QPushButton(self.tr("Void…"))
        self.void_button.setObjectName("voidDocument")
        self.void_button.clicked.connect(self.void_selected)
        bar.addWidget(self.void_button)
        layout.addLayout(bar)
        self.model = IssuedDocumentTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("issuedDocumentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)

    def show_case(self, context: AppContext | None, case_id: int | None) -> None:
        from coetracker.services.issued import issued_documents

        self._context, self._case_id = context, case_id
        documents = (
            issued_documents(context.db, case_id)
            if context is not None and case_id is not None
            else []
        )
        self.model.set_documents(documents)
        self.void_button.setEnabled(bool(documents))

    def void_selected(self) -> bool:
        from coetracker.services.issued import void_document

        context, rows = self._context, self.table.selectionModel().selectedRows()
        if context is None or not rows:
            return False
        document = self.model.documents[rows[0].row()]
        if document.voided:
            dialogs.error(
                self,
                self.tr("%1 is already void.").replace("%1", document.number),
            )
            return False
        dialog = VoidDialog(self, document.number)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            void_document(
                context.db,
                document.id,
                reason=dialog.reason.text(),
                voided_on=context.today,
                actor=context.actor(),
            )
        except Exception as problem:
            dialogs.report(self, problem)
            return False
        self.show_case(context, self._case_id)
        self.changed.emit()
        return True


def delete_selected_payment(
    parent: QWidget,
    context: AppContext,
    case_id: int,
    table: QTableView,
    model: PaymentTableModel,
) -> bool:
    """Ask, then delete the payment selected in ``table``; True when it was deleted."""
    from coetracker.services.fees import delete_payment

    rows = table.selectionModel().selectedRows()
    if not rows:
        return False
    payment = model.payments[rows[0].row()]
    if payment.id is None:
        return False
    question = (
        QCoreApplication.translate(
            "FeeCorrections",
            "Delete the payment of %1 received on %2? It stays in the case's history.",
        )
        .replace("%1", yen(payment.amount))
        .replace("%2", date_text(payment.paid_on))
    )
    title = QCoreApplication.translate("FeeCorrections", "Delete payment")
    if not dialogs.confirm(parent, title, question):
        return False
    try:
        delete_payment(context.db, case_id, payment.id, actor=context.actor())
    except Exception as problem:  # a closed year: one sentence from the service
        dialogs.report(parent, problem)
        return False
    return True
