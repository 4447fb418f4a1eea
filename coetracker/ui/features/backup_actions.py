"""Backups in the window: the automatic-backup timer, "Back up now", "Restore backup…", the
status-bar text, the corruption dialog at start-up and the read-only banner.

Nothing here touches the main window's internals; it uses only the window's public hooks.
Wiring, after the window is built (``run_gui`` in :mod:`coetracker.app`)::

    backups = BackupController(paths, database.db, lock=database.lock, parent=window)
    backups.lastBackupChanged.connect(window.set_backup_text)
    window.add_file_action("backup", backups.backup_action(window))
    window.add_file_action("restore", backups.restore_action(window, on_reopen=window.reload,
                                                              before=window.worker.wait,
                                                              worker=window.worker))
    def follow():   # the sample has no backups and no restore
        if (current := window.database) is not None:
            backups.set_database(current.db, lock=current.lock, auto=not current.is_sample)
    window.databaseChanged.connect(follow)
    backups.start()
    app.aboutToQuit.connect(backups.backup_on_close)   # or call it from closeEvent

At start-up, when :func:`~coetracker.services.opening.open_app_database` raises
:class:`~coetracker.services.opening.DamagedDatabaseError`::

    if show_recovery_dialog(None, error, paths=paths, lock=lock) is not None:
        opened = open_app_database(paths)   # the restored file; else quit

and when ``opened.read_only_reason`` is set, put ``read_only_banner(opened.read_only_reason)``
above the case table (it says so, and why).

"Back up now" and restores run off the GUI thread (:func:`coetracker.ui.common.operations.op`, a
restore on the window's database worker so that no load overlaps it); the automatic and the
close-time backups stay on the GUI thread, whose connection watches for changes. Every
failure is one sentence (a :class:`~coetracker.errors.UserFacingError`), never a traceback:
the timer's failures go to the status bar and ``backupFailed``; "Back up now", restore and the
close-time backup (with a parent widget) also show a message box.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from coetracker.domain.messages import Message
from coetracker.errors import UserFacingError
from coetracker.i18n import translate
from coetracker.paths import AppPaths
from coetracker.services.backups import (
    AUTO_BACKUP_INTERVAL,
    AutoBackupPolicy,
    RestoreResult,
    backup_now,
    check_restorable,
    restore,
)
from coetracker.services.opening import DamagedDatabaseError, local_now
from coetracker.services.safe_start import start_empty_database
from coetracker.storage.backup import last_backup_time
from coetracker.storage.engine import Database
from coetracker.storage.instance_lock import InstanceLock
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.operations import Operation, Task, op
from coetracker.ui.common.text import date_text, format_display_date
from coetracker.ui.common.worker import DbWorker

__all__ = [
    "BackupController",
    "ask_choice",
    "choose_backup_file",
    "read_only_banner",
    "restore_from_dialog",
    "show_recovery_dialog",
]

log = logging.getLogger(__name__)


def _render(message: Message) -> str:
    return message.render(translate, format_display_date)


def _local_time(moment: dt.datetime) -> str:
    return date_text(moment.astimezone())


def ask_choice(
    parent: QWidget | None, title: str, text: str, choices: list[str], default: int
) -> int | None:
    """Ask with one button per choice (plain text); the index chosen, or ``None`` if closed.

    Tests replace this function to answer without a modal loop.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setTextFormat(Qt.TextFormat.PlainText)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in choices]
    box.setDefaultButton(buttons[default])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, button in enumerate(buttons) if button is clicked), None)


def choose_backup_file(parent: QWidget | None, paths: AppPaths) -> Path | None:
    """The backup file the user picks, starting in the backup folder; ``None`` if cancelled."""
    start = paths.backup_dir if paths.backup_dir.is_dir() else paths.data_dir
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("DataSafety", "Restore backup"),
        str(start),
        translate("DataSafety", "COE Tracker backups (*.sqlite3);;All files (*)"),
    )
    return Path(name) if name else None


def _confirmation(
    paths: AppPaths, backup: Path, made: dt.datetime | None, cases: int | None
) -> str:
    when = _local_time(made) if made is not None else translate("DataSafety", "unknown time")
    count = str(cases) if cases is not None else "?"
    db_name = paths.db_path.name if paths.db_path is not None else ""
    return (
        translate(
            "DataSafety",
            "Restore the backup {backup} (made {when}, {count} cases)?\n\n"
            "The database in use now will be moved aside, not deleted: it stays in its folder as "
            "{db}.before-restore-… with every change made since that backup.",
        )
        .replace("{backup}", backup.name)
        .replace("{when}", when)
        .replace("{count}", count)
        .replace("{db}", db_name)
    )


def _restored_text(result: RestoreResult) -> str:
    text = translate("DataSafety", "The backup {backup} was restored.").replace(
        "{backup}", result.backup.name
    )
    if result.moved_aside is not None:
        text += "\n\n" + translate(
            "DataSafety", "The previous database was kept as {path}."
        ).replace("{path}", str(result.moved_aside))
    return text


def restore_from_dialog(
    parent: QWidget | None,
    paths: AppPaths,
    on_reopen: Callable[[], None],
    *,
    db: Database | None = None,
    lock: InstanceLock | None = None,
    policy: AutoBackupPolicy | None = None,
    before: Callable[[], object] | None = None,
    worker: DbWorker | None = None,
) -> RestoreResult | None:
    """File › Restore backup…: pick a backup, confirm, restore, then ``on_reopen()``.

    The file dialog starts in the backup folder. A file that is not a good backup is refused
    before anything changes. The confirmation says that the current database is moved aside,
    never deleted. ``before`` runs just before the restore (wait for background work);
    ``db`` (the window's database) is disposed and keeps working on the restored file, ``lock``
    is the window's instance lock, ``policy`` the automatic backups to pause, ``worker`` the
    window's database worker (the restore runs there, after any load). Returns what was
    restored, or ``None`` when the user cancelled or the restore was refused (the message was
    shown; the database is then unchanged).
    """
    chosen = choose_backup_file(parent, paths)
    if chosen is None:
        return None
    title = translate("DataSafety", "Restore backup")
    if paths.db_path is None and db is not None:
        _restore_office(parent, paths, chosen, db, on_reopen, before=before, worker=worker)
        return None
    try:
        info = check_restorable(chosen, db_path=paths.db_path)
    except UserFacingError as refused:
        dialogs.error(parent, _render(refused.message), title)
        return None
    if not dialogs.confirm(
        parent, title, _confirmation(paths, chosen, info.created, info.case_count), destructive=True
    ):
        return None
    if before is not None:
        before()
    if policy is not None:
        policy.close()  # its connection belongs to this thread: closed here, not in the work
    try:
        result: RestoreResult = op(
            parent,
            lambda _task: restore(paths, chosen, db=db, lock=lock, policy=policy),
            label=translate("DataSafety", "Restoring the backup…"),
            worker=worker,
        ).wait()
    except UserFacingError as refused:
        log.warning("Restore refused: %s", type(refused).__name__)
        dialogs.error(parent, _render(refused.message), title)
        return None
    on_reopen()
    dialogs.inform(parent, title, _restored_text(result))
    return result


def _restore_office(
    parent: QWidget | None,
    paths: AppPaths,
    chosen: Path,
    db: Database,
    on_reopen: Callable[[], None],
    *,
    before: Callable[[], object] | None,
    worker: DbWorker | None = None,
) -> bool:
    """Restore into the office server: every row replaced for everyone, after a snapshot."""
    from coetracker.services.office import restore_into_server

    title = translate("DataSafety", "Restore backup")
    try:
        info = check_restorable(chosen)
    except UserFacingError as refused:
        dialogs.error(parent, _render(refused.message), title)
        return False
    question = translate(
        "DataSafety",
        "Replace the office database, for everyone, with this backup ({count} cases)? A backup "
        "of the office database as it is now is taken first.",
    ).replace("{count}", "?" if info.case_count is None else str(info.case_count))
    if not dialogs.confirm(parent, title, question, destructive=True):
        return False
    if before is not None:
        before()
    try:
        safety, _cases = op(
            parent,
            lambda _task: restore_into_server(
                db, chosen, backup_dir=paths.backup_dir, now=local_now(), replace=True
            ),
            label=translate("DataSafety", "Restoring the backup…"),
            worker=worker,
        ).wait()
    except UserFacingError as refused:
        log.warning("Office restore refused: %s", type(refused).__name__)
        dialogs.error(parent, _render(refused.message), title)
        return False
    on_reopen()
    dialogs.inform(
        parent,
        title,
        translate(
            "DataSafety", "A backup of the previous database was made first: {path}."
        ).replace("{path}", str(safety)),
    )
    return True


def show_recovery_dialog(
    parent: QWidget | None,
    error: DamagedDatabaseError,
    *,
    paths: AppPaths | None = None,
    lock: InstanceLock | None = None,
) -> Path | None:
    """At start-up, after a damaged database was set aside: offer the newest good backup.

    Shows where the damaged file went and which backup can restore it, with the choices
    "Restore this backup", "Choose another backup…" and "Quit" (without a good backup, only the
    last two). With ``paths``, the chosen backup is restored here (``lock``: the instance lock
    already held) and the function returns it once restored: open the database again. A refused
    restore is explained and the choice offered again. Without ``paths`` it returns the chosen
    backup for the caller to restore. ``None`` means quit; nothing was changed.
    """
    title = translate("DataSafety", "The database is damaged")
    offered = error.backup
    while True:
        text = _render(error.message)
        options: list[tuple[str, str]] = []
        if offered is not None:
            options.append(("offered", translate("DataSafety", "Restore this backup")))
            options.append(("choose", translate("DataSafety", "Choose another backup…")))
        else:
            options.append(("choose", translate("DataSafety", "Choose a backup…")))
        if paths is not None:
            options.append(("empty", translate("DataSafety", "Start an empty database")))
        options.append(("quit", translate("DataSafety", "Quit")))
        answer = ask_choice(parent, title, text, [label for _key, label in options], 0)
        pick = options[answer][0] if answer is not None and 0 <= answer < len(options) else "quit"
        if pick == "quit":
            return None
        if pick == "empty" and paths is not None:
            if _start_empty(parent, paths):
                return paths.db_path
            continue
        chosen = offered if pick == "offered" else None
        if pick == "choose" and paths is not None:
            chosen = choose_backup_file(parent, paths)
        elif pick == "choose":
            name, _filter = QFileDialog.getOpenFileName(
                parent,
                translate("DataSafety", "Restore backup"),
                "",
                translate("DataSafety", "COE Tracker backups (*.sqlite3)"),
            )
            chosen = Path(name) if name else None
        if chosen is None:
            continue
        if paths is None:
            return chosen
        try:
            result = restore(paths, chosen, lock=lock)
        except UserFacingError as refused:
            log.warning("Restore at start-up refused: %s", type(refused).__name__)
            dialogs.error(
                parent, _render(refused.message), translate("DataSafety", "Restore backup")
            )
            continue
        dialogs.inform(parent, translate("DataSafety", "Restore backup"), _restored_text(result))
        return chosen


def _start_empty(parent: QWidget | None, paths: AppPaths) -> bool:
    """After confirmation, allow an empty database where the damaged one was set aside."""
    question = translate(
        "DataSafety",
        "Start an empty database? The damaged file and every backup stay where they are, and "
        "you can still restore a backup later from the File menu.",
    )
    title = translate("DataSafety", "Start an empty database")
    if not dialogs.confirm(parent, title, question, destructive=True):
        return False
    try:
        start_empty_database(paths)
    except UserFacingError as refused:
        dialogs.error(parent, _render(refused.message), translate("DataSafety", "Restore backup"))
        return False
    return True


def read_only_banner(reason: Message, parent: QWidget | None = None) -> QLabel:
    """A banner that says the database is read-only and why (plain text, wrapped)."""
    label = QLabel(parent)
    label.setObjectName("readOnlyBanner")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(_render(reason))
    label.setAutoFillBackground(True)
    label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
    label.setForegroundRole(QPalette.ColorRole.ToolTipText)
    label.setMargin(6)
    return label


class BackupController(QObject):
    """Automatic backups of the window's database, and the backup actions.

    Signals:
        lastBackupChanged(str): the status-bar text ("Last backup: 2026-11-27 14:05").
        backupFailed(str): a backup failed; the sentence to show.
        backupMade(str): a new backup file was written (its path).
    """

    lastBackupChanged = Signal(str)  # noqa: N815 - Qt signal naming
    backupFailed = Signal(str)  # noqa: N815 - Qt signal naming
    backupMade = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        paths: AppPaths,
        db: Database,
        *,
        lock: InstanceLock | None = None,
        parent: QObject | None = None,
        interval: dt.timedelta = AUTO_BACKUP_INTERVAL,
        clock: Callable[[], dt.datetime] = local_now,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.lock = lock
        self.auto = True
        self.policy = AutoBackupPolicy(paths, db, interval=interval, clock=clock)
        self.timer = QTimer(self)
        self.timer.setObjectName("autoBackupTimer")
        self.timer.setInterval(int(interval.total_seconds() * 1000))
        self.timer.timeout.connect(self.periodic_backup)
        self._failed = False
        self._restore_actions: list[QAction] = []
        self._manual: Operation | None = None

    @property
    def db(self) -> Database:
        return self.policy.db

    def start(self) -> None:
        """Start the 30-minute timer and show the last backup."""
        self.timer.start()
        self.refresh()

    def stop(self) -> None:
        """Stop the timer and close the connection that watches for changes."""
        self.timer.stop()
        self.policy.close()

    def set_database(
        self, db: Database, *, lock: InstanceLock | None = None, auto: bool = True
    ) -> None:
        """Follow another open database (``auto=False`` for the sample: no backups, no restore)."""
        self.policy.set_database(db)
        self.lock = lock
        self.auto = auto
        for action in self._restore_actions:
            action.setEnabled(auto)
        self.refresh()

    # -- status ----------------------------------------------------------------------------

    def last_backup_text(self) -> str:
        """The status-bar text: when the newest backup was made (on an office server: the
        newest snapshot, whoever took it)."""
        if not self.auto:
            return ""
        if self.db.path is None:
            from coetracker.services.office import last_office_backup

            try:
                newest = last_office_backup(self.db)
            except Exception:  # the server is gone: the live refresh says so
                return ""
        else:
            newest = last_backup_time(self.paths.backup_dir)
        if newest is None:
            text = translate("DataSafety", "No backup yet")
        else:
            text = translate("DataSafety", "Last backup: {time}").replace(
                "{time}", _local_time(newest)
            )
        if self._failed:
            text += " " + translate("DataSafety", "(the latest backup failed)")
        return text

    def refresh(self) -> None:
        """Emit ``lastBackupChanged`` with the current text."""
        self.lastBackupChanged.emit(self.last_backup_text())

    def _done(self, made: Path | None) -> Path | None:
        self._failed = False
        if made is not None:
            self.backupMade.emit(str(made))
        self.refresh()
        return made

    def _fail(self, problem: UserFacingError, parent: QWidget | None) -> None:
        log.warning("Backup failed: %s", type(problem).__name__)
        self._failed = True
        text = _render(problem.message)
        self.backupFailed.emit(text)
        self.refresh()
        if parent is not None:
            dialogs.error(parent, text, translate("DataSafety", "Backup"))

    # -- backing up --------------------------------------------------------------------------

    def periodic_backup(self) -> Path | None:
        """The timer's backup: only when changes were made (a failure goes to the status bar)."""
        if not self.auto:
            return None
        try:
            return self._done(self.policy.periodic())
        except UserFacingError as problem:
            self._fail(problem, None)
            return None

    def backup_now(self, parent: QWidget | None = None) -> Operation | None:
        """File › Back up now: a backup even if nothing changed, made off the GUI thread.

        Returns the running operation (``None`` while another one runs); ``backupMade`` or
        ``backupFailed`` tells how it ended.
        """
        if self._manual is not None:
            return None
        db, paths = self.db, self.paths

        def work(_task: Task) -> Path | None:
            if db.path is None:  # an office server: a snapshot into a SQLite file
                from coetracker.services.office import snapshot_backup

                return snapshot_backup(db, paths.backup_dir, now=local_now(), reason="manual")
            return backup_now(paths, db, reason="manual", force=True)

        def made(path: Path | None) -> None:
            self._manual = None
            self._done(path)

        def failed(problem: Exception) -> None:
            self._manual = None
            if not isinstance(problem, UserFacingError):
                raise problem  # a bug: the crash hook reports it
            self._fail(problem, parent)

        self._manual = op(
            parent,
            work,
            success=made,
            failure=failed,
            label=translate("DataSafety", "Backing up the database…"),
        )
        return self._manual

    def backup_on_close(self, parent: QWidget | None = None) -> Path | None:
        """The backup when the window closes (if anything changed); stops the timer."""
        self.timer.stop()
        if not self.auto:
            self.policy.close()
            return None
        try:
            return self._done(self.policy.on_close())
        except UserFacingError as problem:
            self._fail(problem, parent)
            return None
        finally:
            self.policy.close()

    # -- actions -----------------------------------------------------------------------------

    def backup_action(self, parent: QWidget) -> QAction:
        """ "Back up now" for the File menu."""
        action = QAction(translate("DataSafety", "&Back up now"), parent)
        action.setObjectName("backupNowAction")
        action.setStatusTip(translate("DataSafety", "Make a verified backup of the database now"))
        action.triggered.connect(lambda: self.backup_now(parent))
        return action

    def restore_action(
        self,
        parent: QWidget,
        on_reopen: Callable[[], None],
        *,
        before: Callable[[], object] | None = None,
        worker: DbWorker | None = None,
    ) -> QAction:
        """ "Restore backup…" for the File menu (disabled while the sample is open)."""
        action = QAction(translate("DataSafety", "Rest&ore backup…"), parent)
        action.setObjectName("restoreBackupAction")
        action.setStatusTip(
            translate("DataSafety", "Replace the database with a backup; the current one is kept")
        )
        action.triggered.connect(
            lambda: self.restore_from_dialog(parent, on_reopen, before=before, worker=worker)
        )
        action.setEnabled(self.auto)
        self._restore_actions.append(action)
        return action

    def restore_from_dialog(
        self,
        parent: QWidget | None,
        on_reopen: Callable[[], None],
        *,
        before: Callable[[], object] | None = None,
        worker: DbWorker | None = None,
    ) -> RestoreResult | None:
        """:func:`restore_from_dialog` on this controller's database, lock and policy; the
        automatic backups pause meanwhile."""
        if not self.auto:
            return None
        timing = self.timer.isActive()
        self.timer.stop()
        try:
            result = restore_from_dialog(
                parent,
                self.paths,
                on_reopen,
                db=self.db,
                lock=self.lock,
                policy=self.policy,
                before=before,
                worker=worker,
            )
        finally:
            if timing:
                self.timer.start()
        self.refresh()
        return result
