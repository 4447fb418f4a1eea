"""The Fees tab's corrections (delete a payment, void a document), the Outstanding column of
"Unpaid only", and the ledger settings reached from the main Settings dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from coetracker.domain.ledger import yen
from coetracker.services.fees import case_fees, outstanding
from coetracker.services.issued import issued_documents
from coetracker.ui.dialogs.settings_dialog import SettingsDialog
from coetracker.ui.models.case_order import COL_OUTSTANDING
from coetracker.ui.panes import fee_corrections
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _select(window: MainWindow, reference: str) -> int:
    proxy = window.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        case = window.model.row_at(proxy.mapToSource(index).row())
        if case.reference == reference:
            window.table.setCurrentIndex(index)
            return case.id
    raise AssertionError(f"{reference} not shown")


def test_delete_a_payment_and_void_an_invoice(window, answers, monkeypatch, qtmodeltester) -> None:
    case_id = _select(window, "26-0011")
    pane = window.details.fees
    before = case_fees(window.context.db, case_id)
    assert before.payments
    pane.payments_table.selectRow(0)
    answers.confirm = False  # asked first; "No" deletes nothing
    pane.delete_payment_button.click()
    assert "It stays in the case's history" in answers.questions[-1]
    assert case_fees(window.context.db, case_id).paid == before.paid
    answers.confirm = True
    pane.payments_table.selectRow(0)
    pane.delete_payment_button.click()
    after = case_fees(window.context.db, case_id)
    assert after.paid == before.paid - before.payments[0].amount
    assert pane.payments_model.rowCount() == len(before.payments) - 1

    monkeypatch.setattr("coetracker.ui.dialogs.print_preview.show_print_preview", lambda *_a: None)
    pane.invoice_button.click()
    box = pane.documents
    qtmodeltester.check(box.model)
    assert box.model.rowCount() == 1
    number = box.model.index(0, 0).data()
    assert number.startswith("INV-")

    def fill(self: fee_corrections.VoidDialog) -> int:
        self.reason.setText("宛名の誤り")
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(fee_corrections.VoidDialog, "exec", fill)
    box.table.selectRow(0)
    box.void_button.click()
    assert answers.errors == []
    assert "宛名の誤り" in box.model.index(0, 4).data()
    (document,) = issued_documents(window.context.db, case_id)
    assert (document.number, document.void_reason) == (number, "宛名の誤り")
    box.table.selectRow(0)
    box.void_button.click()  # already void: one sentence, nothing written
    assert answers.errors == [f"{number} is already void."]


def test_void_dialog_needs_a_reason(qtbot) -> None:
    dialog = fee_corrections.VoidDialog(None, "RCP-2026-0001")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.reason_field.error_text()


def test_unpaid_only_shows_the_outstanding_amounts(window) -> None:
    owed = outstanding(window.context.db)
    header = window.table.horizontalHeader()
    assert header.isSectionHidden(COL_OUTSTANDING)
    pane = window.filter_pane
    pane.show_closed.setChecked(True)
    pane.unpaid_only.setChecked(True)
    assert not header.isSectionHidden(COL_OUTSTANDING)
    assert window.model.headerData(COL_OUTSTANDING, Qt.Orientation.Horizontal) == "Outstanding"
    shown = {}
    for r in range(window.proxy.rowCount()):
        index = window.proxy.index(r, COL_OUTSTANDING)
        case = window.model.row_at(window.proxy.mapToSource(index).row())
        shown[case.id] = index.data()
    assert shown == {case_id: yen(amount) for case_id, amount in owed.items()}
    window.table.sortByColumn(COL_OUTSTANDING, Qt.SortOrder.DescendingOrder)
    first = window.model.row_at(window.proxy.mapToSource(window.proxy.index(0, 0)).row())
    assert owed[first.id] == max(owed.values())
    pane.unpaid_only.setChecked(False)
    assert header.isSectionHidden(COL_OUTSTANDING)


def test_main_settings_open_the_ledger_settings(qtbot, window, monkeypatch) -> None:
    from coetracker.ui.dialogs import ledger_settings_dialog

    opened: list[str] = []

    def shown(self: ledger_settings_dialog.LedgerSettingsDialog) -> int:
        opened.append(self.registration.placeholderText())
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(ledger_settings_dialog.LedgerSettingsDialog, "exec", shown)
    dialog = SettingsDialog(window.context, window, user_settings=window.settings)
    qtbot.addWidget(dialog)
    dialog.ledger_settings_button.click()
    assert opened == ["T1234567890123"]
    dialog.reject()
