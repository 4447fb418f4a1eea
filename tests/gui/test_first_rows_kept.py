"""After the fast first read, the full opening keeps the rows when nothing was committed since
(no second read and assessment of every case), reads them again when something was; the detail
panes are built only once the first rows are on screen."""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from coetracker.app import build_window, claim_database, show_and_open
from coetracker.domain.model import Level
from coetracker.domain.text import search_key
from coetracker.paths import AppPaths
from coetracker.services import assessment_store, caselist
from coetracker.ui.common.collector import GuiCollector
from coetracker.ui.common.palette import level_colours
from coetracker.ui.models.case_table_model import ID_ROLE
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the full case list was read and the assessment store refreshed (both still
    do their work)."""
    counted = {"list_cases": 0, "refresh": 0}
    list_cases, refresh = caselist.list_cases, assessment_store.refresh_assessment_store

    def counting_list(*args: Any, **kwargs: Any) -> Any:
        counted["list_cases"] += 1
        return list_cases(*args, **kwargs)

    def counting_refresh(*args: Any, **kwargs: Any) -> Any:
        counted["refresh"] += 1
        return refresh(*args, **kwargs)

    monkeypatch.setattr(caselist, "list_cases", counting_list)
    monkeypatch.setattr(assessment_store, "refresh_assessment_store", counting_refresh)
    return counted


@pytest.fixture
def started(qtbot, answers, today: dt.date) -> Iterator[Callable[[AppPaths], MainWindow]]:
    windows: list[MainWindow] = []
    errors: list[BaseException] = []

    def start(paths: AppPaths) -> MainWindow:
        assert paths.db_path is not None
        lock = claim_database(paths.db_path)
        window = build_window(paths, None, today=today)
        qtbot.addWidget(window)
        windows.append(window)
        collector = GuiCollector(window)
        collector.take_over()
        assert show_and_open(window, paths, lock, errors.append, collector)
        return window

    yield start
    assert errors == []
    for window in windows:
        window.close()
        window.worker.wait()
        if window.database is not None:
            window.database.close()


def test_an_unchanged_file_keeps_the_first_rows_and_the_store_is_still_refreshed(
    qtbot, started, filled: AppPaths, calls: dict[str, int]
) -> None:
    window = started(filled)
    first = list(window.model.rows_by_urgency())
    assert len(first) == 44
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    assert calls["list_cases"] == 0  # not read and assessed a second time
    assert all(a is b for a, b in zip(window.model.rows_by_urgency(), first, strict=True))
    qtbot.waitUntil(lambda: calls["refresh"] == 1, timeout=10_000)
    # Later loads read the database as always.
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        window.reload()
    assert calls["list_cases"] == 1 and window.model.rowCount() == 44


def test_a_commit_after_the_first_read_is_read_by_the_full_opening(
    qtbot, started, filled: AppPaths, calls: dict[str, int]
) -> None:
    window = started(filled)
    assert filled.db_path is not None
    shown = window.model.rows_by_urgency()[0]
    with sqlite3.connect(filled.db_path) as other:  # another program, before the full opening
        other.execute(
            'UPDATE "case" SET application_number = ? WHERE id = ?', ("NEW-123", shown.id)
        )
    other.close()
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    assert calls["list_cases"] == 1
    row = window.model.case(shown.id)
    assert row is not None and row.application_number == "NEW-123"


def test_the_detail_panes_are_built_after_the_first_rows(qtbot, started, filled: AppPaths) -> None:
    window = started(filled)
    assert not window.details.built  # phase 1: the placeholder only
    assert window.details.currentIndex() == 0
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    assert window.details.built
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.details.detail is not None, timeout=5_000)
    assert window.details.currentWidget() is window.details.tabs
    assert window.details.overview.isVisibleTo(window)


def test_panes_built_after_a_palette_change_take_the_windows_palette(
    qtbot, started, filled: AppPaths
) -> None:
    window = started(filled)
    assert not window.details.built
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    window.setPalette(dark)  # the theme changes while the first rows are shown
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    overdue = next(
        row for row in window.model.rows_by_urgency() if row.assessment.level == Level.DOCS_OVERDUE
    )
    assert window.select_case(overdue.id)
    qtbot.waitUntil(lambda: window.details.case_id == overdue.id, timeout=5_000)
    model = window.details.requests.model
    shown = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert shown == level_colours(Level.DOCS_OVERDUE, window.palette()).background
    assert shown != level_colours(Level.DOCS_OVERDUE, QApplication.palette()).background


def test_garbage_is_collected_on_the_window_thread_once_the_first_rows_are_painted(
    qtbot, started, filled: AppPaths
) -> None:
    window = started(filled)
    collector = window.findChild(GuiCollector)
    assert collector is not None
    assert not collector.running  # the rows are shown, not yet painted
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: collector.running, timeout=5_000)
    assert not gc.isenabled()  # never automatic: a pass could run on the worker thread


def _full_width_lower(text: str) -> str:
    return "".join(chr(ord(c) + 0xFF41 - ord("a")) if "a" <= c <= "z" else c for c in text.lower())


def test_the_first_rows_are_searchable_at_once_and_folded_after_the_paint(
    qtbot, started, filled: AppPaths
) -> None:
    window = started(filled)
    wanted = next(row for row in window.model.rows_by_urgency() if row.family_name)
    assert wanted.search_text != search_key(wanted.search_text)  # read unfolded
    typed = _full_width_lower(wanted.family_name)  # ｎｇｕｙｅｎ finds NGUYEN
    window.proxy.set_search_text(typed)  # before the paint: the rest is folded now
    found = {window.proxy.index(r, 0).data(ID_ROLE) for r in range(window.proxy.rowCount())}
    assert wanted.id in found
    assert all(row.search_text == search_key(row.search_text) for row in window.model.rows())
    window.proxy.set_search_text("")
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    assert window.model.fold_search_step(0)  # nothing left to fold


def test_without_a_search_the_first_rows_are_folded_in_steps_after_the_paint(
    qtbot, started, filled: AppPaths
) -> None:
    window = started(filled)
    assert not window.model.fold_search_step(0)  # shown, not yet folded
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: window.model.fold_search_step(0), timeout=5_000)
    assert all(row.search_text == search_key(row.search_text) for row in window.model.rows())
