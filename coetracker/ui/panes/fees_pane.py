"""The Fees tab of a case: its place in the ledger, fee lines, payments, invoices and receipts.

- "Accept" enters the case in the 事件簿 with the next 受託番号 (dated today).
- Fee lines (報酬, taxed 実費, 立替金) and payments are added here; the totals and the payment
  state (unpaid / part paid / paid) follow. Lines of a closed ledger year are refused with the
  service's sentence.
- "Invoice…" and "Receipt…" issue a numbered document and open it in the print preview; the
  documents issued are listed below the payments, and a wrong one is voided, never deleted
  (ui/fee_corrections.py). A payment recorded by mistake can be deleted while its year is open.

Signals:
    changed(int): something of this case id was written.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.ledger import DEFAULT_TAX_RATE, FeeLine, LineKind, PaymentState, yen
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.text import date_text, format_display_date, plain_label
from coetracker.ui.models.fees_models import FeeLineTableModel, PaymentTableModel
from coetracker.ui.panes.fee_corrections import IssuedDocumentsBox, delete_selected_payment

if TYPE_CHECKING:  # SQLAlchemy is imported on first use, not at start-up
    from coetracker.services.ledger import EntryInfo
    from coetracker.services.records import CaseDetail

MAX_YEN = 999_999_999


def _buttons(dialog: QDialog, form: QFormLayout) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)


class FeeLineDialog(QDialog):
    """One fee line: kind, description, amount excluding tax, tax rate."""

    def __init__(self, parent: QWidget | None, labels: FeeLineTableModel) -> None:
        super().__init__(parent)
        self.setObjectName("feeLineDialog")
        self.setWindowTitle(self.tr("Add fee line"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in LineKind:
            self.kind.addItem(labels.kind_label(kind), kind)
        self.description = QLineEdit()
        self.description.setObjectName("feeDescription")
        self.amount = QSpinBox()
        self.amount.setObjectName("feeAmount")
        self.amount.setRange(0, MAX_YEN)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setPrefix("¥")
        self.rate = QComboBox()
        for rate in (10, 8, 0):
            self.rate.addItem(f"{rate} %", rate)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Amount (excl. tax)"), self.amount)
        form.addRow(self.tr("Tax rate"), self.rate)
        _buttons(self, form)

    def _kind_changed(self) -> None:
        self.rate.setEnabled(self.kind.currentData() is not LineKind.ADVANCE)

    def line(self) -> FeeLine:
        kind = LineKind(self.kind.currentData())
        rate = 0 if kind is LineKind.ADVANCE else int(self.rate.currentData() or DEFAULT_TAX_RATE)
        return FeeLine(kind, self.description.text(), self.amount.value(), rate)


class PaymentDialog(QDialog):
    """A payment received: date, amount, method."""

    def __init__(self, parent: QWidget | None, today: QDate, outstanding: int) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Record payment"))
        form = QFormLayout(self)
        self.date = QDateEdit(today)
        self.date.setCalendarPopup(True)
        self.amount = QSpinBox()
        self.amount.setObjectName("paymentAmount")
        self.amount.setRange(0, MAX_YEN)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setPrefix("¥")
        self.amount.setValue(outstanding)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems([self.tr("Bank transfer"), self.tr("Cash")])
        form.addRow(self.tr("Date received"), self.date)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Method"), self.method)
        _buttons(self, form)


class EntryDialog(QDialog):
    """The ledger entry's matter name and remarks (an open year's only)."""

    def __init__(self, parent: QWidget | None, matter: str, remarks: str) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerEntryDialog")
        self.setWindowTitle(self.tr("Ledger entry"))
        form = QFormLayout(self)
        self.matter = QLineEdit(matter)
        self.matter.setObjectName("entryMatter")
        self.remarks = QLineEdit(remarks)
        self.remarks.setObjectName("entryRemarks")
        form.addRow(self.tr("Matter"), self.matter)
        form.addRow(self.tr("Remarks"), self.remarks)
        _buttons(self, form)


class FeesPane(QWidget):
    """Ledger entry, fee lines and payments of the selected case (see module documentation)."""

    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feesPane")
        self._context: AppContext | None = None
        self._detail: CaseDetail | None = None
        self._entry: EntryInfo | None = None
        self.outstanding = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.entry_label = plain_label(wrap=True)
        self.entry_label.setObjectName("ledgerEntryLabel")
        top.addWidget(self.entry_label, 1)
        self.accept_button = self._button(top, self.tr("Accept (number)…"), self.accept_case)
        self.entry_button = self._button(top, self.tr("Edit entry…"), self.edit_entry)
        layout.addLayout(top)

        lines_bar = QHBoxLayout()
        self.add_line_button = self._button(lines_bar, self.tr("Add fee line…"), self.add_line)
        self.remove_line_button = self._button(lines_bar, self.tr("Remove line"), self.remove_line)
        lines_bar.addStretch(1)
        self.invoice_button = self._button(lines_bar, self.tr("Invoice…"), self.invoice)
        self.receipt_button = self._button(lines_bar, self.tr("Receipt…"), self.receipt)
        layout.addLayout(lines_bar)
        self.lines_model = FeeLineTableModel(self)
        self.lines_table = self._table(self.lines_model, "feeLineTable")
        self.lines_table.horizontalHeader().setStretchLastSection(False)
        self.lines_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.lines_table, 2)
        self.totals_label = plain_label(wrap=True)
        self.totals_label.setObjectName("feeTotals")
        layout.addWidget(self.totals_label)

        pay_bar = QHBoxLayout()
        self.add_payment_button = self._button(
            pay_bar, self.tr("Record payment…"), self.add_payment
        )
        self.delete_payment_button = self._button(
            pay_bar, self.tr("Delete payment…"), self.delete_payment
        )
        self.delete_payment_button.setObjectName("deletePayment")
        pay_bar.addStretch(1)
        layout.addLayout(pay_bar)
        self.payments_model = PaymentTableModel(self)
        self.payments_table = self._table(self.payments_model, "paymentTable")
        layout.addWidget(self.payments_table, 1)
        self.documents = IssuedDocumentsBox(self)
        self.documents.changed.connect(self._done)
        layout.addWidget(self.documents, 1)

    def _button(self, layout: QHBoxLayout, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _table(self, model: QAbstractItemModel, name: str) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- feeding ----------------------------------------------------------------------------

    def set_context(self, context: AppContext | None) -> None:
        self._context = context

    def show_detail(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        self.reload()

    def reload(self) -> None:
        from coetracker.services.fees import case_fees
        from coetracker.services.ledger import entry_info

        context, detail = self._context, self._detail
        enabled = context is not None and detail is not None
        for button in (
            self.accept_button,
            self.entry_button,
            self.add_line_button,
            self.remove_line_button,
            self.add_payment_button,
            self.delete_payment_button,
            self.invoice_button,
            self.receipt_button,
        ):
            button.setEnabled(enabled)
        self.documents.show_case(context, detail.id if detail is not None else None)
        if context is None or detail is None:
            self.lines_model.set_lines(())
            self.payments_model.set_payments(())
            self.entry_label.clear()
            self.totals_label.clear()
            return
        entry = entry_info(context.db, detail.id)
        if entry is None:
            self.entry_label.setText(self.tr("Not in the ledger yet."))
        else:
            text = (
                self.tr("Ledger %1: No. %2, accepted %3")
                .replace("%1", str(entry.ledger_year))
                .replace("%2", entry.reference)
                .replace("%3", date_text(entry.accepted_on))
            )
            if entry.closed_on is not None:
                text += self.tr(" (year closed on %1: read-only)").replace(
                    "%1", date_text(entry.closed_on)
                )
            self.entry_label.setText(text)
        self.accept_button.setEnabled(entry is None)
        self.entry_button.setEnabled(entry is not None)
        self._entry = entry
        fees = case_fees(context.db, detail.id)
        self.outstanding = fees.outstanding
        self.lines_model.set_lines(fees.lines)
        self.payments_model.set_payments(fees.payments)
        state = {
            PaymentState.NO_FEE: self.tr("No fee"),
            PaymentState.UNPAID: self.tr("Unpaid"),
            PaymentState.PART_PAID: self.tr("Part paid"),
            PaymentState.PAID: self.tr("Paid"),
        }[fees.state]
        self.totals_label.setText(
            self.tr("Fees %1 · tax %2 · advances %3 · total %4 · received %5 — %6")
            .replace("%1", yen(fees.totals.net))
            .replace("%2", yen(fees.totals.tax))
            .replace("%3", yen(fees.totals.advances))
            .replace("%4", yen(fees.totals.total))
            .replace("%5", yen(fees.paid))
            .replace("%6", state)
        )

    def _done(self) -> None:
        self.reload()
        if self._detail is not None:
            self.changed.emit(self._detail.id)

    # -- acts -------------------------------------------------------------------------------

    def accept_case(self) -> None:
        from coetracker.services.ledger import accept_case

        context, detail = self._context, self._detail
        if context is None or detail is None:
            return
        question = self.tr("Enter this case in the ledger as accepted on %1?").replace(
            "%1", date_text(context.today)
        )
        if not dialogs.confirm(self, self.tr("Accept"), question):
            return
        try:
            accept_case(context.db, detail.id, accepted_on=context.today, actor=context.actor())
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self._done()

    def edit_entry(self) -> None:
        from coetracker.services.ledger import update_entry

        context, detail, entry = self._context, self._detail, self._entry
        if context is None or detail is None or entry is None:
            return
        dialog = EntryDialog(self, entry.matter_name, entry.remarks)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values: dict[str, object] = {
            "matter_name": dialog.matter.text().strip() or entry.matter_name,
            "remarks": dialog.remarks.text().strip() or None,
        }
        try:
            update_entry(context.db, detail.id, values, actor=context.actor())
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self._done()

    def _save_lines(self, lines: list[FeeLine]) -> bool:
        from coetracker.services.fees import set_fee_lines

        context, detail = self._context, self._detail
        if context is None or detail is None:
            return False
        try:
            set_fee_lines(context.db, detail.id, lines, actor=context.actor())
        except Exception as problem:
            dialogs.report(self, problem)
            return False
        self._done()
        return True

    def add_line(self) -> None:
        dialog = FeeLineDialog(self, self.lines_model)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._save_lines([*self.lines_model.lines, dialog.line()])

    def remove_line(self) -> None:
        rows = self.lines_table.selectionModel().selectedRows()
        if not rows:
            return
        lines = list(self.lines_model.lines)
        del lines[rows[0].row()]
        self._save_lines(lines)

    def add_payment(self) -> None:
        from coetracker.services.fees import PaymentRecord, add_payment

        context, detail = self._context, self._detail
        if context is None or detail is None:
            return
        today = context.today
        dialog = PaymentDialog(self, QDate(today.year, today.month, today.day), self.outstanding)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        paid = dialog.date.date()
        record = PaymentRecord(
            dt.date(paid.year(), paid.month(), paid.day()),
            dialog.amount.value(),
            dialog.method.currentText(),
        )
        try:
            add_payment(context.db, detail.id, record, actor=context.actor())
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self._done()

    def delete_payment(self) -> None:
        context, detail = self._context, self._detail
        if context is None or detail is None:
            return
        if delete_selected_payment(
            self, context, detail.id, self.payments_table, self.payments_model
        ):
            self._done()

    def invoice(self) -> None:
        self._document("invoice")

    def receipt(self) -> None:
        self._document("receipt")

    def _document(self, kind: str) -> None:
        from coetracker.printing.ledger_documents import invoice_for, receipt_for
        from coetracker.ui.dialogs.print_preview import show_print_preview

        context, detail = self._context, self._detail
        if context is None or detail is None:
            return
        try:
            if kind == "invoice":
                document = invoice_for(
                    context.db,
                    detail.id,
                    issued_on=context.today,
                    actor=context.actor(),
                    format_date=format_display_date,
                )
            else:
                document = receipt_for(
                    context.db,
                    detail.id,
                    issued_on=context.today,
                    amount=None,
                    actor=context.actor(),
                    format_date=format_display_date,
                )
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self.documents.show_case(context, detail.id)
        show_print_preview(self, document)
