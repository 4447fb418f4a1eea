"""The ledger's place in the main window.

File › Ledger… opens the 事件簿 (:mod:`coetracker.ui.dialogs.ledger_dialog`); the Today view lists
cases whose work is done but whose fees are not all received; the filter pane offers "Unpaid only",
which also shows the case list's Outstanding column (the amount still to be received).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from coetracker.ui.models.case_order import COL_CLIENT, COL_OUTSTANDING
from coetracker.ui.window.main_window import MainWindow


def install_ledger_action(window: MainWindow) -> QAction:
    """Put File › Ledger… into ``window``'s File menu; return the action."""
    action = QAction(QCoreApplication.translate("LedgerActions", "Le&dger…"), window)
    action.setObjectName("ledgerAction")
    action.setShortcut(QKeySequence("Ctrl+L"))

    def open_ledger() -> None:
        from coetracker.ui.dialogs.ledger_dialog import show_ledger

        if window.context is not None:
            show_ledger(window.context, window)

    action.triggered.connect(open_ledger)
    window.add_file_action("ledger", action)

    def owed() -> dict[int, int]:
        from coetracker.services.fees import outstanding

        return outstanding(window.context.db) if window.context is not None else {}

    def unpaid_ids() -> Iterable[int]:
        amounts = owed()
        window.model.set_outstanding(amounts)
        return amounts.keys()

    def show_outstanding(checked: bool) -> None:
        if checked:
            window.model.set_outstanding(owed())
            header = window.table.horizontalHeader()  # beside the client, not off to the right
            header.moveSection(
                header.visualIndex(COL_OUTSTANDING), header.visualIndex(COL_CLIENT) + 1
            )
        window.chrome.set_column_visible(COL_OUTSTANDING, checked)

    window.today_view.set_unpaid_source(owed)
    window.filter_pane.set_unpaid_source(unpaid_ids)
    window.filter_pane.unpaid_only.toggled.connect(show_outstanding)
    window.details.changed.connect(lambda _case_id: window.filter_pane.refresh_unpaid())
    return action
