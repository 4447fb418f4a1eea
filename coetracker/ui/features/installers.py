"""The features that attach to the main window through its hooks: CSV import and export,
printing, the ledger, backups and restore, and the read-only banner.

Each installer uses only the window's declared hooks (``add_file_action``, ``add_banner``,
``set_backup_text``, ``databaseChanged`` …), never its layout. The feature modules import the
services (SQLAlchemy), so on a window whose database is still opening they are installed once
it is attached: the worker thread has loaded the services by then.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from coetracker.paths import AppPaths
    from coetracker.ui.window.main_window import MainWindow


def install_features(window: MainWindow, paths: AppPaths) -> None:
    """Install every feature now, or as soon as the window has a database."""
    if window.database is not None:
        install_feature_actions(window, paths)
        return

    def install_once() -> None:
        window.databaseAttached.disconnect(install_once)
        install_feature_actions(window, paths)

    window.databaseAttached.connect(install_once)


def install_feature_actions(window: MainWindow, paths: AppPaths) -> None:
    """File › Import…/Export… (CSV), Print…, Ledger, Back up now/Restore backup…, and the
    read-only banner."""
    from coetracker.ui.features.csv_actions import install_actions
    from coetracker.ui.features.ledger_actions import install_ledger_action
    from coetracker.ui.features.print_actions import install_print_actions

    install_actions(window, paths)
    install_print_actions(window)
    install_ledger_action(window)
    install_backups(window, paths)
    show_read_only_banner(window)


def install_backups(window: MainWindow, paths: AppPaths) -> None:
    """Automatic backups every 30 minutes while changes were made and on close, the status-bar
    text, and File › Back up now / Restore backup…; the sample database gets none of them."""
    from coetracker.ui.features.backup_actions import BackupController

    database = window.database
    if database is None:
        return
    backups = BackupController(paths, database.db, lock=database.lock, parent=window)
    backups.lastBackupChanged.connect(lambda text: window.set_backup_text(text))

    def finish_work() -> None:
        window.worker.wait()  # no load may be reading the file that a restore replaces

    window.add_file_action("backup", backups.backup_action(window))
    window.add_file_action(
        "restore",
        backups.restore_action(
            window, on_reopen=window.reload, before=finish_work, worker=window.worker
        ),
    )

    def follow() -> None:
        current = window.database
        if current is not None:
            backups.set_database(current.db, lock=current.lock, auto=not current.is_sample)

    window.databaseChanged.connect(follow)
    follow()
    backups.start()

    def on_quit() -> None:
        follow()  # closing from the sample switches back to the office's database first
        backups.backup_on_close()

    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(on_quit)
        # A window closed before the application quits (tests, the self-test) takes its
        # backups with it: the quit handler must not reach for them.
        window.destroyed.connect(lambda *_args: _disconnect(app.aboutToQuit, on_quit))


def _disconnect(signal: SignalInstance, slot: Callable[[], None]) -> None:
    with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
        signal.disconnect(slot)


def show_read_only_banner(window: MainWindow) -> None:
    """A banner above the case list when the database could only be opened read-only."""
    from coetracker.ui.features.backup_actions import read_only_banner

    database = window.database
    reason = database.read_only_reason if database is not None else None
    if reason is None:
        return
    banner = read_only_banner(reason, window)
    banner.setObjectName("readOnlyBanner")
    window.add_banner(banner)
