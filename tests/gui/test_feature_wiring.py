"""The window as run_gui builds it: print, backup and restore actions, the last-backup text,
and the read-only banner."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from coetracker import app as app_module
from coetracker.domain.messages import message
from coetracker.paths import AppPaths
from coetracker.printing.html import PrintDocument
from coetracker.storage.backup import list_backups
from coetracker.ui.features import print_actions
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _select(window: MainWindow, reference: str) -> int:
    proxy = window.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        case = window.model.row_at(proxy.mapToSource(index).row())
        if case.reference == reference:
            window.table.setCurrentIndex(index)
            return case.id
    raise AssertionError(f"{reference} not shown")


def test_print_actions_build_the_documents_of_the_selection(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, answers
) -> None:
    shown: list[PrintDocument] = []

    def preview(_parent: object, doc: PrintDocument, *_args: object) -> bool:
        shown.append(doc)
        return True

    monkeypatch.setattr(print_actions, "show_print_preview", preview)
    actions = window.file_actions
    assert {"print", "print_call_sheet", "print_list", "backup", "restore"} <= set(actions)
    assert actions["print"].shortcut().toString() == "Ctrl+P"

    window.table.clearSelection()
    window.table.setCurrentIndex(window.proxy.index(-1, -1))
    # Nothing selected: the case documents cannot be chosen (the list can).
    assert not actions["print"].isEnabled()
    assert not actions["print_call_sheet"].isEnabled()
    assert actions["print_list"].isEnabled()

    _select(window, "26-0011")
    for count, name in enumerate(("print", "print_call_sheet", "print_list"), start=1):
        actions[name].trigger()  # the document is built in the background, then shown
        qtbot.waitUntil(lambda count=count: len(shown) == count, timeout=10_000)
    summary, call_sheet, case_list = (doc.html for doc in shown)
    assert "PERERA" in summary and "Case summary" in summary
    assert "PERERA" in call_sheet and "Call sheet" in call_sheet
    assert case_list.count("26-00") == len(window.visible_rows())


def test_backup_now_writes_a_backup_and_shows_it_in_the_status_bar(
    qtbot, window: MainWindow, filled: AppPaths, answers
) -> None:
    window.file_actions["backup"].trigger()
    qtbot.waitUntil(lambda: bool(list_backups(filled.backup_dir)), timeout=10_000)
    backups = list_backups(filled.backup_dir)
    assert backups, answers.errors
    assert window.chrome.backup_label.isVisible() or window.chrome.backup_label.text()
    assert window.chrome.backup_label.text()


def test_read_only_database_shows_a_banner(
    qtbot, open_window, filled: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    reason = message("Test", "Read-only because the folder cannot be written.")
    real_open = app_module.open_database_now

    def open_read_only(paths: AppPaths, lock: object) -> object:
        database = real_open(paths, lock)  # type: ignore[arg-type]
        database.read_only_reason = reason
        return database

    monkeypatch.setattr(app_module, "open_database_now", open_read_only)
    monkeypatch.setattr(app_module, "open_office_database", open_read_only)
    window = open_window(filled)
    banner = window.findChild(QLabel, "readOnlyBanner")
    assert banner is not None
    assert "Read-only because the folder cannot be written." in banner.text()


def test_a_writable_database_has_no_banner(window: MainWindow) -> None:
    assert window.findChild(QLabel, "readOnlyBanner") is None


def test_backups_folder_is_the_data_folders(filled: AppPaths) -> None:
    assert filled.backup_dir == Path(filled.data_dir) / "backups"
