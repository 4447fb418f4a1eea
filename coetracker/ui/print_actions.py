"""File › Print: the selected case's summary or call sheet, or the case list as shown.

Each opens Qt's print preview, whose tool bar prints or saves a PDF. Documents are built by
:mod:`coetracker.printing` from escaped values, with dates in the display style from Settings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from coetracker.printing.documents import call_sheet_for, case_list_for, case_summary_for
from coetracker.printing.html import PrintDocument
from coetracker.storage.engine import Database
from coetracker.ui import dialogs
from coetracker.ui.main_window import MainWindow
from coetracker.ui.print_preview import show_print_preview
from coetracker.ui.text import format_display_date


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

    def install(self) -> None:
        """Put the actions into the window's File menu (the summary also on the tool bar)."""
        self._window.add_file_action("print", self.summary, toolbar=True)
        self._window.add_file_action("print_call_sheet", self.call_sheet)
        self._window.add_file_action("print_list", self.case_list)
        selection = self._window.table.selectionModel()
        selection.selectionChanged.connect(self.update_enabled)
        selection.currentRowChanged.connect(self.update_enabled)
        self._window.rowsLoaded.connect(self.update_enabled)
        self.update_enabled()

    def _database(self) -> Database | None:
        database = self._window.database
        return None if database is None else database.db

    def _case_document(self, build: Callable[..., PrintDocument]) -> None:
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
        try:
            document = build(
                db, case_id, today=self._window.today(), format_date=format_display_date
            )
        except Exception as problem:  # a known failure is one sentence; a bug re-raises
            dialogs.report(self._window, problem)
            return
        show_print_preview(self._window, document, self._window.settings)

    def _case_list(self) -> None:
        db = self._database()
        if db is None:
            return
        rows = self._window.visible_rows()
        try:
            document = case_list_for(db, rows, format_date=format_display_date)
        except Exception as problem:
            dialogs.report(self._window, problem)
            return
        show_print_preview(self._window, document, self._window.settings)

    def update_enabled(self, *_args: object) -> None:
        """The case documents need a selected case."""
        has_case = self._window.current_case_id() is not None
        self.summary.setEnabled(has_case)
        self.call_sheet.setEnabled(has_case)


def install_print_actions(window: MainWindow) -> PrintActions:
    """Create the print actions and put them into ``window``'s File menu."""
    actions = PrintActions(window)
    actions.install()
    return actions
