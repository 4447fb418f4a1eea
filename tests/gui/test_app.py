"""Start-up and the window around the cases: instance lock, welcome panel and sample data,
remembered state, settings, hooks for other features, palettes."""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from coetracker import app as app_module
from coetracker.app import claim_database, run_gui, sample_path
from coetracker.domain.model import Level
from coetracker.paths import AppPaths
from coetracker.services.reference import list_benchmarks, list_bureaus
from coetracker.storage.engine import open_database
from coetracker.storage.instance_lock import InstanceLock, read_lock_holder
from coetracker.storage.models import Case
from coetracker.ui.common.palette import LevelPalette
from coetracker.ui.models.case_table_model import COL_BUREAU, COL_CLIENT
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

HOLD_LOCK = """
import sys, time
from pathlib import Path
from coetracker.storage.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(gui_paths: AppPaths):
    """Another process holding the database's instance lock."""
    assert gui_paths.db_path is not None
    gui_paths.db_path.parent.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(gui_paths.db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    yield process
    process.kill()
    process.wait()


def test_a_second_instance_is_refused_with_host_and_pid(
    gui_paths: AppPaths, holder, answers
) -> None:
    assert claim_database(_db_file(gui_paths)) is None
    message = answers.questions[-1]
    assert str(holder.pid) in message
    assert socket.gethostname() in message


def test_run_gui_quits_when_the_database_is_in_use(
    gui_paths: AppPaths, holder, answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "_install_optional", lambda *_a: None)
    args = argparse.Namespace(today=None, no_crash_dialog=True, db=None, data_dir=None)
    assert run_gui(args, gui_paths) == 1
    assert str(holder.pid) in answers.questions[-1]


def test_a_stale_lock_of_a_killed_process_is_taken_over(
    gui_paths: AppPaths, holder, answers
) -> None:
    holder.kill()
    holder.wait()
    stale = read_lock_holder(_db_file(gui_paths))
    assert stale is not None and stale.pid == holder.pid  # the dead process's record is still there
    lock = claim_database(_db_file(gui_paths))
    assert lock is not None and lock.held
    taken = read_lock_holder(_db_file(gui_paths))
    assert taken is not None and taken.pid != holder.pid
    assert answers.questions == []  # taken over silently
    lock.release()


def test_a_damaged_database_is_one_sentence_not_a_traceback(
    gui_paths: AppPaths, answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "_install_optional", lambda *_a: None)
    assert gui_paths.db_path is not None
    gui_paths.db_path.parent.mkdir(parents=True, exist_ok=True)
    gui_paths.db_path.write_bytes(b"this is not a database " * 400)
    args = argparse.Namespace(today=None, no_crash_dialog=True, db=None, data_dir=None)
    assert run_gui(args, gui_paths) == 1
    assert len(answers.errors) == 1
    assert "damaged" in answers.errors[0]
    assert "Traceback" not in answers.errors[0]
    assert not InstanceLock(gui_paths.db_path).lock_path.exists()  # released


def test_empty_database_shows_the_welcome_panel_and_sample_data_is_separate(
    qtbot, open_window, gui_paths: AppPaths
) -> None:
    window: MainWindow = open_window(gui_paths)
    assert window.pages.currentWidget() is window.welcome
    import_exists = window.welcome.import_button.isVisibleTo(window.welcome)
    assert import_exists == ("import" in window.file_actions or _has_csv_import())
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.database is not None
    assert window.database.is_sample
    assert window.chrome.sample_banner.isVisible()
    assert "SAMPLE DATA" in window.chrome.sample_label.text()
    assert "SAMPLE DATA" in window.windowTitle()
    assert window.pages.currentWidget() is not window.welcome
    assert {r.assessment.level for r in window.model.rows()} == set(Level)
    sample = sample_path(gui_paths)
    assert gui_paths.db_path is not None
    assert sample.exists() and sample.parent == gui_paths.db_path.parent
    # The office's database stayed empty.
    real, _report = open_database(f"sqlite:///{gui_paths.db_path}")
    with real.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
    real.dispose()
    with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
        qtbot.mouseClick(window.chrome.leave_sample, Qt.MouseButton.LeftButton)
    assert not window.database.is_sample
    assert window.pages.currentWidget() is window.welcome
    assert not window.chrome.sample_banner.isVisible()


def _has_csv_import() -> bool:
    import importlib.util

    return importlib.util.find_spec("coetracker.services.csv_import") is not None


def test_window_state_is_remembered_and_clamped(qtbot, open_window, filled: AppPaths) -> None:
    window: MainWindow = open_window(filled)
    window.chrome.set_column_visible(COL_BUREAU, False)
    window.chrome.today_action.setChecked(False)
    window.table.horizontalHeader().resizeSection(COL_CLIENT, 222)
    window.move(20_000, 20_000)  # a monitor that will not be there next time
    window.close()
    assert window.database is not None
    window.database.close()
    assert filled.settings_file.exists()
    assert filled.settings_file.parent == filled.data_dir

    again: MainWindow = open_window(filled)
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(COL_BUREAU)
    assert not again.chrome.column_actions[COL_BUREAU].isChecked()
    assert header.sectionSize(COL_CLIENT) == 222
    assert not again.chrome.today_action.isChecked()
    assert not again.today_view.isVisible()
    available: QRect = again.screen().availableGeometry()
    assert available.intersects(again.frameGeometry())
    assert again.width() <= available.width() and again.height() <= available.height()


def test_settings_dialog_saves_office_policy_benchmarks_and_bureaus(
    qtbot, window: MainWindow, answers
) -> None:
    assert window.context is not None
    db = window.context.db
    dialog = window.commands.open_settings()
    assert dialog is not None
    dialog.office_fields["scrivener_name"].setText("行政書士 山田太郎")
    dialog.office_fields["registration_number"].setText("第12345678号")
    dialog.office_fields["user_name"].setText("山田")
    dialog.policy_fields["inquiry_cooldown_days"].setValue(28)

    before = len(list_benchmarks(db))
    dialog.bench_period.setText("11/2026")  # 2026-11, 2026/11 and 2026年11月 are months
    dialog.bench_days.setValue(70.5)
    assert not dialog.add_benchmark()
    assert "2025-11" in dialog.bench_period_field.error.text()
    dialog.bench_period.setText("2026-10")
    assert dialog.add_benchmark()
    assert len(list_benchmarks(db)) == before + 1
    assert dialog.benchmark_model.rowCount() == before + 1

    dialog.bureau_table.selectRow(2)
    bureau = dialog.selected_bureau()
    assert bureau is not None
    dialog.bureau_phone.setText("03-5796-7111")
    assert dialog.save_bureau()
    assert next(b for b in list_bureaus(db) if b.id == bureau.id).phone == "03-5796-7111"

    with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    office = window.context.office()
    assert (office.scrivener_name, office.registration_number, office.user_name) == (
        "行政書士 山田太郎",
        "第12345678号",
        "山田",
    )
    assert window.context.policy().inquiry_cooldown_days == 28
    window.select_case(window.model.row_at(0).id)
    assert "第12345678号" in window.details.overview.call.values["filer"].text()


def test_hooks_for_export_import_print_and_backup(qtbot, open_window, gui_paths: AppPaths) -> None:
    window: MainWindow = open_window(gui_paths)
    triggered: list[str] = []
    export = QAction("Export…")
    export.triggered.connect(lambda: triggered.append("export"))
    window.add_file_action("export", export, toolbar=True)
    importer = QAction("Import…")
    importer.triggered.connect(lambda: triggered.append("import"))
    window.add_file_action("import", importer)
    printer = QAction("Print…")
    window.add_file_action("print", printer)
    actions = window.chrome.file_menu.actions()
    assert (
        actions.index(window.chrome.new_case_action)
        < actions.index(importer)
        < actions.index(export)
    )
    assert actions.index(export) < actions.index(printer)
    assert export.shortcut().toString() == "Ctrl+E"
    assert printer.shortcut().toString() == "Ctrl+P"
    assert export in window.chrome.tool_bar.actions()
    assert window.welcome.import_button.isVisibleTo(window.welcome)
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert triggered == ["import"]

    assert window.chrome.backup_label.text()  # the backup controller reports from the start
    window.set_backup_text("")
    assert not window.chrome.backup_label.isVisibleTo(window)
    window.set_backup_text("Last backup: today 10:02", "backups/coetracker-20261127.sqlite3")
    assert window.chrome.backup_label.isVisibleTo(window)
    assert window.chrome.backup_label.text() == "Last backup: today 10:02"
    extra = QAction("Manual")
    window.add_help_action(extra)
    assert window.chrome.help_menu.actions().index(extra) < window.chrome.help_menu.actions().index(
        window.chrome.about_action
    )


def test_a_dark_palette_recolours_the_rows(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    try:
        app.setPalette(dark)
        QApplication.processEvents()
        colours = LevelPalette(window.palette())
        assert colours.dark
        row = window.model.row_at(0)
        cell = window.model.index(0, COL_CLIENT).data(Qt.ItemDataRole.BackgroundRole)
        assert cell == colours[row.assessment.level].background
        assert cell.lightnessF() < 0.5
    finally:
        app.setPalette(original)
        QApplication.processEvents()


def test_refresh_reassesses_from_the_database(qtbot, window: MainWindow) -> None:
    total = window.model.rowCount()
    with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
        window.chrome.refresh_action.trigger()
    assert window.model.rowCount() == total
    assert window.chrome.refresh_action.shortcut().toString() == "F5"


def test_settings_file_is_under_the_data_folder(filled: AppPaths) -> None:
    assert Path(filled.settings_file).is_relative_to(filled.data_dir)


def test_the_window_is_usable_while_the_database_opens(
    qtbot, answers, filled: AppPaths, today
) -> None:
    from coetracker.app import build_window, open_database_now

    lock = claim_database(_db_file(filled))
    window = build_window(filled, None, today=today)
    qtbot.addWidget(window)
    window.show()
    assert window.database is None
    assert not window.chrome.new_case_action.isEnabled()
    assert window.chrome.busy_label.text() == "Opening the database…"
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        window.open_database_in_background(
            lambda: open_database_now(filled, lock), answers.errors.append
        )
    assert window.database is not None
    assert window.chrome.new_case_action.isEnabled()
    assert window.model.rowCount() > 0
    # Import, export, print and backups are installed right after the first rows are shown.
    qtbot.waitUntil(
        lambda: {"import", "export", "print", "backup"} <= set(window.file_actions), timeout=5_000
    )
    window.close()
    window.database.close()


def _db_file(paths: AppPaths) -> Path:
    """The database file of a test's data folder (always a file here, never a server)."""
    assert paths.db_path is not None
    return paths.db_path


def test_a_closed_window_leaves_no_quit_handler_behind(
    qtbot, answers, filled: AppPaths, today
) -> None:
    """The application outlives its windows: a deleted window's backup-on-quit handler must go
    with it, or quitting later runs it on deleted objects."""
    from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent

    from coetracker.app import build_window, open_office_database

    app = QApplication.instance()
    assert app is not None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # earlier tests' windows
    before = app.receivers(SIGNAL("aboutToQuit()"))
    assert filled.db_path is not None
    lock = claim_database(filled.db_path)
    assert lock is not None
    database = open_office_database(filled, lock)
    assert database is not None
    window = build_window(filled, database, today=today)
    with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
        window.show()
    assert app.receivers(SIGNAL("aboutToQuit()")) == before + 1
    window.close()
    window.worker.wait()
    database.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert app.receivers(SIGNAL("aboutToQuit()")) == before  # quitting runs nothing of it
