"""File › Print: the selected case's summary or call sheet, the case list as shown, and the
residence cards expiring (for the client chosen in the filters), which also export to CSV.

Each print opens Qt's print preview, whose tool bar prints or saves a PDF. Documents are read
and built off the GUI thread (:func:`coetracker.ui.common.operations.op`) by
:mod:`coetracker.printing` from escaped values, with dates in the display style from Settings;
only the preview's painting happens on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from coetracker.printing.documents import (
    CaseBuilder,
    call_sheet_for,
    case_list_for,
    case_summary_for,
)
from coetracker.printing.html import PrintDocument
from coetracker.services.cards import ExpiryRow
from coetracker.services.print_documents import case_for_print, office_of
from coetracker.storage.engine import Database
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.operations import Operation, Task, op
from coetracker.ui.common.text import format_display_date
from coetracker.ui.dialogs.print_preview import show_print_preview
from coetracker.ui.window.main_window import MainWindow


class PrintActions(QObject):
    """The three print actions of the File menu, bound to one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.summary = QAction(
            QCoreApplication.translate("PrintActions", "&Print case summary…"), window
        )
        self.summary.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.summary.triggered.connect(lambda: self._case_document(case_summary_for))
        self.call_sheet = QAction(
            QCoreApplication.translate("PrintActions", "Print &call sheet…"), window
        )
        self.call_sheet.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.call_sheet.triggered.connect(lambda: self._case_document(call_sheet_for))
        self.case_list = QAction(
            QCoreApplication.translate("PrintActions", "Print case &list…"), window
        )
        self.case_list.triggered.connect(self._case_list)
        self.expiries = QAction(
            QCoreApplication.translate("PrintActions", "Print residence-card e&xpiries…"), window
        )
        self.expiries.setStatusTip(
            QCoreApplication.translate(
                "PrintActions",
                "Cards whose renewal can be filed, for the client chosen in the filters (or all)",
            )
        )
        self.expiries.triggered.connect(self._expiries)
        self.export_expiries = QAction(
            QCoreApplication.translate("PrintActions", "Export residence-card expiries as CS&V…"),
            window,
        )
        self.export_expiries.triggered.connect(self._export_expiries)

    def install(self) -> None:
        """Put the actions into the window's File menu (the summary also on the tool bar)."""
        self._window.add_file_action("print", self.summary, toolbar=True)
        self._window.add_file_action("print_call_sheet", self.call_sheet)
        self._window.add_file_action("print_list", self.case_list)
        self._window.add_file_action("print_expiries", self.expiries)
        self._window.add_file_action("export_expiries", self.export_expiries)
        selection = self._window.table.selectionModel()
        selection.selectionChanged.connect(self.update_enabled)
        selection.currentRowChanged.connect(self.update_enabled)
        self._window.rowsLoaded.connect(self.update_enabled)
        self.update_enabled()

    def _database(self) -> Database | None:
        database = self._window.database
        return None if database is None else database.db

    def _case_document(self, build: CaseBuilder) -> None:
        db = self._database()
        case_id = self._window.current_case_id()
        if db is None:
            return
        if case_id is None:
            dialogs.inform(
                self._window,
                QCoreApplication.translate("PrintActions", "Print"),
                QCoreApplication.translate("PrintActions", "Select a case in the list first."),
            )
            return
        today = self._window.today()

        def work(_task: Task) -> PrintDocument:
            source = case_for_print(db, case_id, today=today)
            return build(source, format_date=format_display_date)

        self._build(work)

    def _case_list(self) -> None:
        db = self._database()
        if db is None:
            return
        rows = self._window.visible_rows()

        def work(_task: Task) -> PrintDocument:
            return case_list_for(rows, office_of(db), format_date=format_display_date)

        self._build(work)

    def _build(self, work: Callable[[Task], PrintDocument]) -> Operation:
        """Build the document off the GUI thread; then show the preview (painting is here)."""
        return op(
            self._window,
            work,
            success=self._preview,
            label=QCoreApplication.translate("PrintActions", "Preparing the document…"),
        )

    def _preview(self, document: PrintDocument) -> None:
        show_print_preview(self._window, document, self._window.settings)

    def update_enabled(self, *_args: object) -> None:
        """The case documents need a selected case."""
        has_case = self._window.current_case_id() is not None
        self.summary.setEnabled(has_case)
        self.call_sheet.setEnabled(has_case)

    def _expiries(self) -> None:
        """The expiry list for HR: the client chosen in the filter pane, else every client."""
        from coetracker.printing.expiry_list import expiry_list

        db = self._database()
        if db is None:
            return
        query = expiry_query(self._window)

        def work(_task: Task) -> PrintDocument:
            rows, until = expiry_rows(db, query)
            return expiry_list(
                rows,
                office_of(db),
                today=query.today,
                printed_at=dt.datetime.now(),
                client=query.client_name,
                until=until,
                format_date=format_display_date,
            )

        self._build(work)

    def _export_expiries(self) -> Path | None:
        """The same list as a CSV file for the client's HR (UTF-8 with BOM, Excel-safe cells)."""
        from coetracker.services.expiry_export import write_expiry_csv
        from coetracker.ui.common.text import translate

        db = self._database()
        if db is None:
            return None
        today = self._window.today()
        name = ask_csv_path(
            self._window,
            QCoreApplication.translate("PrintActions", "Export residence-card expiries"),
            f"expiries-{today.isoformat()}.csv",
        )
        if not name:
            return None
        target = Path(name) if Path(name).suffix else Path(name).with_suffix(".csv")
        query = expiry_query(self._window)

        def work(_task: Task) -> int:
            rows, _until = expiry_rows(db, query)
            return write_expiry_csv(rows, target, today=today, translate=translate)

        try:
            count: int = op(
                self._window,
                work,
                label=QCoreApplication.translate("PrintActions", "Export residence-card expiries"),
            ).wait()
        except Exception as problem:  # a known failure is one sentence; a bug re-raises
            dialogs.report(self._window, problem)
            return None
        self._window.statusBar().showMessage(
            QCoreApplication.translate("PrintActions", "Wrote %1 rows to %2")
            .replace("%1", str(count))
            .replace("%2", str(target)),
            6000,
        )
        return target


@dataclass(frozen=True, slots=True)
class ExpiryQuery:
    """Which cards the expiry list shows: the day, and the client chosen in the filters."""

    today: dt.date
    client_id: int | None
    client_name: str | None


def expiry_query(window: MainWindow) -> ExpiryQuery:
    """The expiry list's day and the client chosen in the window's filter pane (or none)."""
    client_id = window.filter_pane.client.currentData()
    name = window.filter_pane.client.currentText() if client_id else None
    return ExpiryQuery(window.today(), int(client_id) if client_id else None, name)


def expiry_rows(db: Database, query: ExpiryQuery) -> tuple[list[ExpiryRow], dt.date]:
    """Cards whose renewal window has opened for ``query``: the rows and the last expiry
    included (any thread)."""
    from coetracker.services.cards import renewal_expiries

    return renewal_expiries(db, today=query.today, organization_id=query.client_id)


def ask_csv_path(parent: QWidget, title: str, suggested: str) -> str:
    """The file to write (empty when cancelled); tests replace this function."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        suggested,
        QCoreApplication.translate("PrintActions", "CSV files (*.csv)"),
    )
    return name


def install_print_actions(window: MainWindow) -> PrintActions:
    """Create the print actions and put them into ``window``'s File menu."""
    actions = PrintActions(window)
    actions.install()
    return actions
