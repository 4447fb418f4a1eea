"""Backups in the window: the automatic-backup timer and status text, Back up now, Restore
backup… through the file dialog and a confirmation, the start-up recovery dialog, the read-only
banner, and the wiring into the real main window. Modal dialogs are replaced by recorders
(``answers``) and patched statics (``QFileDialog.getOpenFileName``, ``ask_choice``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from coetracker.domain.messages import message
from coetracker.paths import AppPaths
from coetracker.services.backups import backup_now
from coetracker.services.opening import DamagedDatabaseError, open_app_database
from coetracker.storage import backup as storage
from coetracker.storage.engine import Database
from coetracker.storage.instance_lock import InstanceLock
from coetracker.ui.features import backup_actions
from coetracker.ui.features.backup_actions import (
    BackupController,
    read_only_banner,
    restore_from_dialog,
    show_recovery_dialog,
)
from coetracker.ui.window.main_window import MainWindow
from tests.gui.conftest import Answers
from tests.helpers.backup import FakeClock, overwrite_middle_table_page
from tests.helpers.db import (
    add_cases,
    case_references,
    open_db,
    sha256,
)

pytestmark = pytest.mark.gui

JST = dt.timezone(dt.timedelta(hours=9))
T0 = dt.datetime(2026, 11, 27, 9, 0, tzinfo=JST)


class FileDialog:
    """Stands in for ``QFileDialog.getOpenFileName``: records the call, answers ``choice``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.choice: Path | None = None
        self.calls: list[tuple[str, str]] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self)

    def __call__(self, _parent: object, caption: str, folder: str, _filter: str) -> tuple[str, str]:
        self.calls.append((caption, folder))
        return (str(self.choice) if self.choice else "", "")


@pytest.fixture
def file_dialog(monkeypatch: pytest.MonkeyPatch) -> FileDialog:
    return FileDialog(monkeypatch)


@pytest.fixture
def db(gui_paths: AppPaths) -> Iterator[Database]:
    database = open_db(gui_paths)
    add_cases(database, 3)
    yield database
    database.dispose()


@pytest.fixture
def controller(qtbot, gui_paths: AppPaths, db: Database) -> Iterator[BackupController]:
    clock = FakeClock(T0)
    made = BackupController(gui_paths, db, clock=clock)
    made.clock = clock  # type: ignore[attr-defined]
    yield made
    made.stop()


def test_the_timer_backs_up_only_while_changes_are_made(
    qtbot, controller: BackupController, db: Database, gui_paths: AppPaths
):
    texts: list[str] = []
    controller.lastBackupChanged.connect(texts.append)
    controller.start()
    assert controller.timer.isActive()
    assert controller.timer.interval() == 30 * 60 * 1000
    assert texts == ["No backup yet"]

    with qtbot.waitSignal(controller.backupMade) as made:
        controller.timer.timeout.emit()  # as the timer does every 30 minutes
    first = Path(made.args[0])
    assert first.parent == gui_paths.backup_dir and storage.verify_backup(first).case_count == 3
    assert texts[-1].startswith("Last backup: ")

    controller.clock.advance(minutes=30)  # type: ignore[attr-defined]
    assert controller.periodic_backup() is None  # nothing changed
    add_cases(db, 1, start=10)
    controller.clock.advance(minutes=30)  # type: ignore[attr-defined]
    second = controller.periodic_backup()
    assert second is not None and storage.verify_backup(second).case_count == 4

    add_cases(db, 1, start=11)
    closing = controller.backup_on_close()
    assert closing is not None and closing.name.endswith("-close.sqlite3")
    assert not controller.timer.isActive()


def test_back_up_now_makes_one_even_when_nothing_changed(
    qtbot, controller: BackupController, gui_paths: AppPaths
):
    window = MainWindowStub()
    qtbot.addWidget(window)
    action = controller.backup_action(window)
    with qtbot.waitSignal(controller.backupMade, timeout=10_000):
        action.trigger()
        action.trigger()  # ignored while the first one runs
    assert len(storage.list_backups(gui_paths.backup_dir)) == 1
    with qtbot.waitSignal(controller.backupMade, timeout=10_000):
        action.trigger()
    assert len(storage.list_backups(gui_paths.backup_dir)) == 2


def test_a_failing_backup_reports_a_sentence_never_a_traceback(
    qtbot, gui_paths: AppPaths, db: Database, answers: Answers
):
    gui_paths.backup_dir.parent.mkdir(parents=True, exist_ok=True)
    gui_paths.backup_dir.write_text("a file where the backup folder should be")
    controller = BackupController(gui_paths, db)
    try:
        with qtbot.waitSignal(controller.backupFailed) as failed:
            assert controller.periodic_backup() is None
        assert "could not be written" in failed.args[0]
        assert answers.errors == []  # the timer never pops up a dialog
        assert "(the latest backup failed)" in controller.last_backup_text()

        parent = MainWindowStub()
        qtbot.addWidget(parent)
        with qtbot.waitSignal(controller.backupFailed, timeout=10_000):
            assert controller.backup_now(parent) is not None
        assert len(answers.errors) == 1 and str(gui_paths.backup_dir) in answers.errors[0]
    finally:
        controller.stop()


def test_restore_from_the_dialog_confirms_restores_and_reopens(
    qtbot,
    gui_paths: AppPaths,
    db: Database,
    answers: Answers,
    file_dialog: FileDialog,
):
    chosen = backup_now(gui_paths, db, now=T0)
    assert chosen is not None and gui_paths.db_path is not None
    add_cases(db, 2, start=50, prefix="NEW")
    current = case_references(gui_paths.db_path)
    file_dialog.choice = chosen
    reopened: list[bool] = []
    lock = InstanceLock(gui_paths.db_path)  # the window's
    lock.acquire()
    try:
        result = restore_from_dialog(
            None, gui_paths, lambda: reopened.append(True), db=db, lock=lock
        )
    finally:
        lock.release()

    assert file_dialog.calls == [("Restore backup", str(gui_paths.backup_dir))]
    (question,) = answers.questions[:1]
    assert chosen.name in question and "3 cases" in question
    assert "moved aside, not deleted" in question
    assert result is not None and reopened == [True]
    assert result.moved_aside is not None and str(result.moved_aside) in answers.questions[-1]
    assert case_references(gui_paths.db_path) == case_references(chosen)
    assert case_references(result.moved_aside) == current
    assert answers.errors == []


@pytest.mark.parametrize("how", ["cancelled dialog", "declined", "bad file"])
def test_restore_from_the_dialog_changes_nothing_unless_confirmed(
    qtbot,
    gui_paths: AppPaths,
    db: Database,
    answers: Answers,
    file_dialog: FileDialog,
    tmp_path: Path,
    how: str,
):
    good = backup_now(gui_paths, db, now=T0)
    assert good is not None and gui_paths.db_path is not None
    db.dispose()
    if how == "declined":
        file_dialog.choice = good
        answers.confirm = False
    elif how == "bad file":
        file_dialog.choice = tmp_path / "clients.csv"
        file_dialog.choice.write_text("name,passport\n")
    before = sha256(gui_paths.db_path)
    reopened: list[bool] = []

    result = restore_from_dialog(None, gui_paths, lambda: reopened.append(True), db=db)

    assert result is None and reopened == []
    assert sha256(gui_paths.db_path) == before
    assert not list(gui_paths.db_path.parent.glob("*.before-restore-*"))
    if how == "bad file":
        assert answers.questions == []  # refused before asking
        (error,) = answers.errors
        assert "clients.csv" in error and "not a COE Tracker database" in error


@pytest.fixture
def damaged(gui_paths: AppPaths, db: Database) -> Iterator[tuple[DamagedDatabaseError, Path]]:
    """A database with a good backup, then damaged: start-up sets it aside."""
    good = backup_now(gui_paths, db, now=T0)
    assert good is not None and gui_paths.db_path is not None
    add_cases(db, 30, start=100)
    db.dispose()
    overwrite_middle_table_page(gui_paths.db_path, seed=2)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_app_database(gui_paths)
    yield caught.value, good


def choose(monkeypatch: pytest.MonkeyPatch, *answers: int | None) -> list[str]:
    """Answer ``ask_choice`` with ``answers`` in turn; return the texts it was shown."""
    shown: list[str] = []
    queue = list(answers)

    def ask(_parent: object, _title: str, text: str, choices: list[str], _default: int) -> object:
        shown.append(text + "\n" + " | ".join(choices))
        return queue.pop(0)

    monkeypatch.setattr(backup_actions, "ask_choice", ask)
    return shown


def test_recovery_dialog_restores_the_offered_backup(
    qtbot,
    gui_paths: AppPaths,
    damaged: tuple[DamagedDatabaseError, Path],
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
):
    error, good = damaged
    shown = choose(monkeypatch, 0)

    restored = show_recovery_dialog(None, error, paths=gui_paths)

    assert restored == good
    assert error.moved_to is not None and str(error.moved_to) in shown[0]
    assert str(good) in shown[0] and "Restore this backup" in shown[0]
    opened = open_app_database(gui_paths)
    try:
        assert opened.read_only_reason is None
    finally:
        opened.database.dispose()
    assert gui_paths.db_path is not None
    assert case_references(gui_paths.db_path) == case_references(good)
    assert error.moved_to.exists()  # the damaged file is kept


def test_recovery_dialog_quit_changes_nothing_and_a_refusal_is_explained(
    qtbot,
    gui_paths: AppPaths,
    damaged: tuple[DamagedDatabaseError, Path],
    answers: Answers,
    file_dialog: FileDialog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    error, _good = damaged
    file_dialog.choice = tmp_path / "notes.txt"
    file_dialog.choice.write_text("not a backup")
    shown = choose(monkeypatch, 1, None)  # choose another (a bad file), then close the box

    assert show_recovery_dialog(None, error, paths=gui_paths) is None

    assert len(shown) == 2
    (refusal,) = answers.errors
    assert "notes.txt" in refusal
    assert gui_paths.db_path is not None and not gui_paths.db_path.exists()


def test_recovery_dialog_without_paths_returns_the_choice(
    qtbot, damaged: tuple[DamagedDatabaseError, Path], monkeypatch: pytest.MonkeyPatch
):
    error, good = damaged
    choose(monkeypatch, 0)
    assert show_recovery_dialog(None, error) == good
    choose(monkeypatch, 2)
    assert show_recovery_dialog(None, error) is None


def test_recovery_dialog_quit_keeps_refusing_and_start_empty_is_explicit(
    qtbot,
    gui_paths: AppPaths,
    damaged: tuple[DamagedDatabaseError, Path],
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
):
    error, _good = damaged
    shown = choose(monkeypatch, 3)  # Quit: the fourth choice, after "Start an empty database"
    assert show_recovery_dialog(None, error, paths=gui_paths) is None
    assert "Start an empty database" in shown[0]
    for _start in range(2):  # the old code opened an empty database at the next start
        with pytest.raises(DamagedDatabaseError) as again:
            open_app_database(gui_paths)
        assert error.moved_to is not None and str(error.moved_to) in again.value.message.render()

    answers.confirm = False
    choose(monkeypatch, 2, 3)  # start an empty database, but say No to the confirmation; quit
    assert show_recovery_dialog(None, error, paths=gui_paths) is None
    assert gui_paths.db_path is not None and not gui_paths.db_path.exists()

    answers.confirm = True
    choose(monkeypatch, 2)
    assert show_recovery_dialog(None, error, paths=gui_paths) == gui_paths.db_path
    opened = open_app_database(gui_paths)
    try:
        assert case_references(gui_paths.db_path) == []
    finally:
        opened.database.dispose()
    assert error.moved_to is not None
    assert error.moved_to.exists()  # the damaged file is kept


def test_the_read_only_banner_says_why_in_plain_text(qtbot, tmp_path: Path):
    reason = message("DataSafety", "The folder {folder} cannot be written", folder="<b>x</b>")
    banner = read_only_banner(reason)
    qtbot.addWidget(banner)
    assert banner.text() == "The folder <b>x</b> cannot be written"
    assert banner.textFormat() == Qt.TextFormat.PlainText and banner.wordWrap()


def test_wired_into_the_main_window(
    qtbot,
    window: MainWindow,
    filled: AppPaths,
    answers: Answers,
    file_dialog: FileDialog,
):
    """The module documentation's wiring, on the real window."""
    database = window.database
    assert database is not None
    backups = BackupController(filled, database.db, lock=database.lock, parent=window)
    backups.lastBackupChanged.connect(window.set_backup_text)
    window.add_file_action("backup", backups.backup_action(window))
    restore_action = backups.restore_action(
        window, on_reopen=window.reload, before=window.worker.wait
    )
    window.add_file_action("restore", restore_action)

    def follow() -> None:
        current = window.database
        if current is not None:
            backups.set_database(current.db, lock=current.lock, auto=not current.is_sample)

    window.databaseChanged.connect(follow)
    backups.start()
    try:
        assert window.chrome.backup_label.text() == "No backup yet"
        with qtbot.waitSignal(backups.backupMade, timeout=10_000):
            window.file_actions["backup"].trigger()
        assert window.chrome.backup_label.text().startswith("Last backup: ")
        made = storage.list_backups(filled.backup_dir)[-1].path

        file_dialog.choice = made
        with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
            restore_action.trigger()
        assert answers.errors == []
        assert filled.db_path is not None
        assert list(filled.db_path.parent.glob("coetracker.sqlite3.before-restore-*"))

        with qtbot.waitSignal(window.databaseChanged, timeout=30_000):
            assert window.open_sample()
        assert not restore_action.isEnabled() and window.chrome.backup_label.isHidden()
        window.close_sample()
        assert restore_action.isEnabled() and window.chrome.backup_label.text()
    finally:
        backups.backup_on_close()


class MainWindowStub(QWidget):
    """A parent widget for actions and message boxes."""
