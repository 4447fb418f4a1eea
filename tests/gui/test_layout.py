"""The main window at common screen sizes: the Why column stays readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coetracker.ui.common.text import render
from coetracker.ui.models.case_table_model import COL_HEADLINE
from coetracker.ui.panes.today_view import TodayModel
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)])
def test_the_why_column_shows_forty_characters(
    qtbot, window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    QApplication.processEvents()
    header = window.table.horizontalHeader()
    forty = window.table.fontMetrics().averageCharWidth() * 40
    assert header.sectionSize(COL_HEADLINE) >= forty
    start = header.sectionViewportPosition(COL_HEADLINE)
    assert start >= 0
    assert start + forty <= window.table.viewport().width()  # on screen, not scrolled away


def test_the_detail_pane_narrows_and_folds_away(qtbot, window: MainWindow) -> None:
    window.resize(1024, 768)
    QApplication.processEvents()
    splitter = window.chrome.splitter
    assert splitter.isCollapsible(splitter.indexOf(window.details))
    assert window.details.minimumWidth() <= 300
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0], sizes[1] + sizes[2], 0])
    assert splitter.sizes()[2] == 0
    assert window.table.isVisible()


def test_the_today_list_fits_its_width(qtbot, window: MainWindow) -> None:
    window.resize(1024, 768)
    QApplication.processEvents()
    view = window.today_view.list
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not view.horizontalScrollBar().isVisible()
    first = view.model().index(0, 0)
    model = view.model()
    assert isinstance(model, TodayModel)
    row = model.rows()[0]
    tooltip = first.data(Qt.ItemDataRole.ToolTipRole)
    assert render(row.assessment.headline) in tooltip  # the whole line, for the elided end
