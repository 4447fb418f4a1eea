"""File › Ledger…: the year's matters with totals, closing a year, a correction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from coetracker.services.ledger_book import ledger_book
from coetracker.ui.dialogs import ledger_dialog
from coetracker.ui.dialogs.ledger_dialog import LedgerDialog
from coetracker.ui.window.main_window import MainWindow


def _open_ledger(window: MainWindow) -> LedgerDialog:
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


def test_ledger_exports_a_workbook_or_a_csv_by_the_chosen_type(
    window, monkeypatch, tmp_path: Path
) -> None:
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    dialog = _open_ledger(window)
    book = ledger_book(window.context.db, dialog.selected_year())
    chosen: list[tuple[str, str]] = [
        (str(tmp_path / "books"), "Excel workbooks (*.xlsx)"),  # no suffix: the type decides
        (str(tmp_path / "books.csv"), "Excel workbooks (*.xlsx)"),  # a typed suffix wins
    ]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: chosen.pop(0))
    dialog.csv_button.click()
    sheet = openpyxl.load_workbook(tmp_path / "books.xlsx")["事件簿"]
    references = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert references == [line.reference for line in book.lines] + ["合計"]
    dialog.csv_button.click()
    text = (tmp_path / "books.csv").read_bytes().decode("utf-8-sig")
    assert text.startswith("受託番号,受託日") and "\r\n合計," in text
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

    def fill(self: ledger_dialog.CorrectionDialog) -> int:
        self.old.setText("100000")
        self.new.setText("110000")
        self.reason.setText("記載誤り")
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ledger_dialog.CorrectionDialog, "exec", fill)
    dialog.correct_button.click()
    assert "100000 → 110000" in dialog.model.index(0, 9).data()
    assert answers.errors == []
    dialog.close()


def _select(window: MainWindow, reference: str) -> int:
    proxy = window.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        case = window.model.row_at(proxy.mapToSource(index).row())
        if case.reference == reference:
            window.table.setCurrentIndex(index)
            return case.id
    raise AssertionError(f"{reference} not shown")


def test_fees_tab_adds_a_line_and_a_payment(window, answers, monkeypatch, qtmodeltester) -> None:
    from coetracker.services.fees import case_fees
    from coetracker.ui.panes import fees_pane

    case_id = _select(window, "26-0011")
    pane = window.details.fees
    qtmodeltester.check(pane.lines_model)
    qtmodeltester.check(pane.payments_model)
    before = case_fees(window.context.db, case_id)
    assert pane.lines_model.rowCount() == len(before.lines) > 0
    assert "26-0011" in pane.entry_label.text()
    assert not pane.accept_button.isEnabled()  # already in the ledger

    def fill_line(self) -> int:
        self.description.setText("追加の理由書作成")
        self.amount.setValue(20_000)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fees_pane.FeeLineDialog, "exec", fill_line)
    pane.add_line_button.click()
    after = case_fees(window.context.db, case_id)
    assert after.totals.fees == before.totals.fees + 20_000
    assert pane.lines_model.rowCount() == len(before.lines) + 1

    def fill_payment(self) -> int:
        self.amount.setValue(1_000)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fees_pane.PaymentDialog, "exec", fill_payment)
    pane.add_payment_button.click()
    assert case_fees(window.context.db, case_id).paid == after.paid + 1_000
    assert "Part paid" in pane.totals_label.text() or "Paid" in pane.totals_label.text()
    assert answers.errors == []


def test_unpaid_cases_in_today_view_and_filter(window) -> None:
    from coetracker.services.fees import outstanding

    owed = outstanding(window.context.db)
    assert owed
    lines = [
        window.today_view.model.index(r, 0).data()
        for r in range(window.today_view.model.rowCount())
    ]
    unpaid_lines = [line for line in lines if "unpaid ¥" in line]
    assert unpaid_lines
    assert "Unpaid:\u00a0" in window.today_view.summary.text()

    pane = window.filter_pane
    assert pane.unpaid_only.isVisibleTo(window)
    pane.show_closed.setChecked(True)
    pane.unpaid_only.setChecked(True)
    shown = {
        window.model.row_at(window.proxy.mapToSource(window.proxy.index(r, 0)).row()).id
        for r in range(window.proxy.rowCount())
    }
    assert shown == set(owed)
    pane.reset_filters()
    assert not pane.unpaid_only.isChecked()
    assert window.proxy.rowCount() == window.model.rowCount()


def test_ledger_settings_refuse_a_malformed_registration_number(window, answers) -> None:
    from coetracker.services.ledger import load_ledger_settings
    from coetracker.ui.dialogs.ledger_settings_dialog import LedgerSettingsDialog

    dialog = LedgerSettingsDialog(window.context, window)
    dialog.registration.setText("T12345")
    dialog.save()
    assert answers.errors == [
        "A registration number is T followed by 13 digits, for example T1234567890123."
    ]
    assert dialog.registration.text() == "T12345"  # nothing typed is lost
    dialog.office_form.setCurrentIndex(dialog.office_form.findData("corporation"))
    dialog.registration.setText("T7000012050002")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with window.context.db.read_session() as session:
        settings = load_ledger_settings(session)
    assert (settings.form.value, settings.registration_number) == ("corporation", "T7000012050002")


def test_an_entry_of_a_closed_year_cannot_be_edited(window, answers, monkeypatch) -> None:
    from coetracker.services.ledger import close_year, entry_info
    from coetracker.ui.panes import fees_pane

    case_id = _select(window, "26-0011")
    pane = window.details.fees

    def rename(self) -> int:
        self.matter.setText("在留資格認定証明書交付申請（技術・人文知識・国際業務）ほか")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(fees_pane.EntryDialog, "exec", rename)
    pane.entry_button.click()
    info = entry_info(window.context.db, case_id)
    assert info is not None and info.matter_name.endswith("ほか")

    close_year(window.context.db, 2026, closed_on=dt.date(2027, 1, 5), actor="t")
    pane.reload()
    assert "read-only" in pane.entry_label.text()
    pane.entry_button.click()
    assert answers.errors == [
        "The 2026 ledger was closed on 2027-01-05: its entries are read-only; "
        "add a correction instead."
    ]


def test_archiving_a_case_of_a_closed_year_is_refused(window, answers) -> None:
    from coetracker.services.ledger import close_year

    close_year(window.context.db, 2026, closed_on=dt.date(2027, 1, 5), actor="t")
    _select(window, "26-0011")
    window.chrome.archive_action.trigger()
    assert answers.errors == [
        "This case is in the 2026 ledger, closed on 2027-01-05; it must be kept until 2029-01-05."
    ]
