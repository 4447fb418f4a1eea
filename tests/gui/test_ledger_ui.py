"""File › Ledger…: the year's matters with totals, closing a year, a correction."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from coetracker.services.ledger_book import ledger_book
from coetracker.ui import ledger_dialog
from coetracker.ui.ledger_dialog import LedgerDialog


def _open_ledger(window) -> LedgerDialog:
    action = window.findChild(QAction, "ledgerAction")
    assert action is not None and action.isEnabled()
    action.trigger()
    dialog = window.findChild(LedgerDialog, "ledgerDialog")
    assert dialog is not None
    return dialog


def test_ledger_dialog_lists_the_year_with_totals(window, qtmodeltester) -> None:
    dialog = _open_ledger(window)
    qtmodeltester.check(dialog.model)
    book = ledger_book(window.context.db, dialog.selected_year())
    assert dialog.model.rowCount() == len(book.lines) > 0
    references = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert references == [line.reference for line in book.lines]
    total = f"¥{sum(line.fee for line in book.lines):,}"
    assert total in dialog.totals.text()
    assert "Open" in dialog.state.text()
    dialog.close()


def test_closing_a_year_then_correcting_a_line(window, answers, monkeypatch) -> None:
    context = window.context
    dialog = _open_ledger(window)
    dialog.context = type(context)(context.db, dt.date(2027, 1, 20))
    index = dialog.year.findData(2026)
    dialog.year.setCurrentIndex(index)
    dialog.close_year_button.click()
    assert "must be kept until 2029-01-20" in answers.questions[-1]
    assert "2029-01-20" in dialog.state.text()
    assert not dialog.close_year_button.isEnabled()

    dialog.table.selectRow(0)

    def fill(self: QDialog) -> int:
        self.old.setText("100000")
        self.new.setText("110000")
        self.reason.setText("記載誤り")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ledger_dialog.CorrectionDialog, "exec", fill)
    dialog.correct_button.click()
    assert "100000 → 110000" in dialog.model.index(0, 9).data()
    assert answers.errors == []
    dialog.close()
