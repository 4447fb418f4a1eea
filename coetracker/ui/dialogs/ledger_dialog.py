"""File › Ledger…: a year's 事件簿 in a table with its totals; print, export, close, correct.

The table is a :class:`LedgerTableModel` over the lines of
:func:`~coetracker.services.ledger_book.ledger_book`; the buttons call the ledger services and
reload. Closing a year asks first and says until when its cases must be kept; a closed year's
lines take corrections only (appended, audited).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.ledger import ledger_year, yen
from coetracker.services.ledger_book import LedgerBook, LedgerLine
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.text import date_text, format_display_date, plain_label

_INDEX = QModelIndex()
AMOUNT_COLUMNS = frozenset({5, 6, 7})


class LedgerTableModel(QAbstractTableModel):
    """The lines of one ledger year, one row a matter, in 受託番号 order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[LedgerLine] = []
        self._headers = [
            self.tr("Acceptance No."),
            self.tr("Date accepted"),
            self.tr("Matter"),
            self.tr("Client name"),
            self.tr("Client address"),
            self.tr("Fee (excl. tax)"),
            self.tr("Tax"),
            self.tr("Received"),
            self.tr("Date completed"),
            self.tr("Remarks"),
        ]

    def set_lines(self, lines: list[LedgerLine]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line(self, row: int) -> LedgerLine:
        return self._lines[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in AMOUNT_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line = self._lines[index.row()]
        return self._cell(line, column)

    def _cell(self, line: LedgerLine, column: int) -> str:
        if column == 9:
            notes = [line.remarks] if line.remarks else []
            notes.extend(
                self.tr("Corrected %1: %2 %3 → %4 (%5)")
                .replace("%1", date_text(item.made_at.date()))
                .replace("%2", item.field)
                .replace("%3", item.old_value or "")
                .replace("%4", item.new_value or "")
                .replace("%5", item.reason)
                for item in line.corrections
            )
            return "\n".join(notes)
        values = (
            line.reference,
            date_text(line.accepted_on),
            line.matter_name,
            line.client.name,
            line.client.address,
            yen(line.fee),
            yen(line.tax),
            yen(line.received),
            date_text(line.completed_on),
        )
        return values[column]


class CorrectionDialog(QDialog):
    """Asks what is corrected: the item, the value printed, the right value, and why."""

    def __init__(self, parent: QWidget | None, line: LedgerLine) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerCorrectionDialog")
        self.setWindowTitle(self.tr("Correct %1").replace("%1", line.reference))
        form = QFormLayout(self)
        self.field = QComboBox()
        self.field.setEditable(True)
        self.field.addItems(
            [self.tr("Fee"), self.tr("Matter"), self.tr("Client"), self.tr("Date accepted")]
        )
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setObjectName("correctionReason")
        form.addRow(self.tr("Item"), self.field)
        form.addRow(self.tr("As written"), self.old)
        form.addRow(self.tr("Correct value"), self.new)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class LedgerDialog(QDialog):
    """The 事件簿 of a year with its totals and the acts on it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.book: LedgerBook | None = None
        self.setObjectName("ledgerDialog")
        self.setWindowTitle(self.tr("Matter ledger"))
        self.resize(1100, 600)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QComboBox()
        self.year.setObjectName("ledgerYear")
        top.addWidget(plain_label(self.tr("Year:")))
        top.addWidget(self.year)
        self.state = plain_label()
        self.state.setObjectName("ledgerState")
        top.addWidget(self.state, 1)
        layout.addLayout(top)
        self.model = LedgerTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("ledgerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.totals = plain_label()
        self.totals.setObjectName("ledgerTotals")
        layout.addWidget(self.totals)
        buttons = QHBoxLayout()
        self.print_button = self._button(buttons, self.tr("&Print…"), self._print)
        self.csv_button = self._button(buttons, self.tr("&Export…"), self._export)
        self.correct_button = self._button(buttons, self.tr("Add &correction…"), self._correct)
        self.close_year_button = self._button(buttons, self.tr("C&lose year…"), self._close_year)
        buttons.addStretch(1)
        self.settings_button = self._button(buttons, self.tr("&Settings…"), self._settings)
        self._button(buttons, self.tr("Close"), self.reject)
        layout.addLayout(buttons)
        self._fill_years()
        self.year.currentIndexChanged.connect(self.reload)
        self.reload()

    def _button(self, layout: QHBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _fill_years(self) -> None:
        from coetracker.services.ledger import ledger_settings_of
        from coetracker.services.ledger_book import ledger_years

        basis = ledger_settings_of(self.context.db).basis
        years = set(ledger_years(self.context.db))
        years.add(ledger_year(self.context.today, basis))
        for year in sorted(years, reverse=True):
            self.year.addItem(str(year), year)

    def selected_year(self) -> int:
        return int(self.year.currentData())

    def reload(self) -> None:
        from coetracker.services.ledger_book import ledger_book

        book = ledger_book(self.context.db, self.selected_year())
        self.book = book
        self.model.set_lines(list(book.lines))
        self.table.resizeColumnsToContents()
        if book.closed_on is not None and book.keep_until is not None:
            self.state.setText(
                self.tr("Closed on %1; its cases are kept until %2.")
                .replace("%1", date_text(book.closed_on))
                .replace("%2", date_text(book.keep_until))
            )
        else:
            self.state.setText(self.tr("Open: entries can still be edited."))
        self.totals.setText(
            self.tr("%1 matters · fees %2 · tax %3 · received %4")
            .replace("%1", str(len(book.lines)))
            .replace("%2", yen(book.total_fee))
            .replace("%3", yen(book.total_tax))
            .replace("%4", yen(book.total_received))
        )
        self.close_year_button.setEnabled(book.closed_on is None)

    def _print(self) -> None:
        from coetracker.printing.ledger_documents import ledger_for
        from coetracker.ui.dialogs.print_preview import show_print_preview

        try:
            document = ledger_for(
                self.context.db, self.selected_year(), format_date=format_display_date
            )
        except Exception as problem:
            dialogs.report(self, problem)
            return
        show_print_preview(self, document)

    def _export(self) -> None:
        from coetracker.io.csv_write import CsvEncodingError
        from coetracker.io.ledger_csv import write_ledger_csv
        from coetracker.io.ledger_xlsx import write_ledger_xlsx

        if self.book is None:
            return
        workbook = self.tr("Excel workbooks (*.xlsx)")
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the ledger"),
            str(Path.home() / f"ledger-{self.book.year}.xlsx"),
            f"{workbook};;{self.tr('CSV files (*.csv)')}",
        )
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_name(target.name + (".xlsx" if chosen == workbook else ".csv"))
        try:
            if target.suffix.lower() == ".xlsx":
                write_ledger_xlsx(self.book, target)
            else:
                write_ledger_csv(self.book, target)
        except CsvEncodingError as problem:
            dialogs.error(
                self,
                self.tr(
                    "Nothing was written: %1 cells hold characters this file cannot store."
                ).replace("%1", str(len(problem.cells))),
            )
        except OSError as problem:
            dialogs.error(
                self,
                self.tr("Could not write %1: %2")
                .replace("%1", name)
                .replace("%2", problem.strerror or type(problem).__name__),
            )

    def _correct(self) -> None:
        from coetracker.services.ledger import add_correction

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            dialogs.inform(self, self.windowTitle(), self.tr("Select a line of the ledger first."))
            return
        line = self.model.line(rows[0].row())
        dialog = CorrectionDialog(self, line)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            add_correction(
                self.context.db,
                line.case_id,
                field=dialog.field.currentText(),
                old_value=dialog.old.text(),
                new_value=dialog.new.text(),
                reason=dialog.reason.text(),
                actor=self.context.actor(),
            )
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self.reload()

    def _settings(self) -> None:
        from coetracker.ui.dialogs.ledger_settings_dialog import LedgerSettingsDialog

        LedgerSettingsDialog(self.context, self).exec()

    def _close_year(self) -> None:
        from coetracker.services.ledger import LEDGER_KEEP_YEARS, add_years, close_year

        year = self.selected_year()
        today = self.context.today
        question = (
            self.tr(
                "Close the %1 ledger today (%2)? Its entries become read-only (changes are "
                "added as corrections), and its cases must be kept until %3."
            )
            .replace("%1", str(year))
            .replace("%2", date_text(today))
            .replace("%3", date_text(add_years(today, LEDGER_KEEP_YEARS)))
        )
        if not dialogs.confirm(self, self.tr("Close the ledger year"), question):
            return
        try:
            close_year(self.context.db, year, closed_on=today, actor=self.context.actor())
        except Exception as problem:
            dialogs.report(self, problem)
            return
        self.reload()


def show_ledger(context: AppContext, parent: QWidget | None) -> LedgerDialog:
    """Open the ledger dialog (modeless) and return it."""
    dialog = LedgerDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
