"""File › Ledger…: opens the 事件簿 of the open database (:mod:`coetracker.ui.ledger_dialog`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from coetracker.ui.main_window import MainWindow


def install_ledger_action(window: MainWindow) -> QAction:
    """Put File › Ledger… into ``window``'s File menu; return the action."""
    action = QAction(QCoreApplication.translate("LedgerActions", "&Ledger…"), window)
    action.setObjectName("ledgerAction")
    action.setShortcut(QKeySequence("Ctrl+L"))

    def open_ledger() -> None:
        from coetracker.ui.ledger_dialog import show_ledger

        if window.context is not None:
            show_ledger(window.context, window)

    action.triggered.connect(open_ledger)
    window.add_file_action("ledger", action)
    return action
