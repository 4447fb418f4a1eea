"""Dark palettes: the Today view's warning and the search box's placeholder stay readable."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from coetracker.ui.common.palette import (
    MIN_CONTRAST,
    blend,
    contrast,
    level_colours,
    placeholder_colour,
    warning_colour,
)
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


@contextlib.contextmanager
def _switched_to_dark() -> Iterator[QPalette]:
    """A dark palette made from the light one, as a theme switcher often does: the light
    theme's placeholder colour (dark grey at half opacity) is left in it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    app.setPalette(dark)
    QApplication.processEvents()
    try:
        yield dark
    finally:
        app.setPalette(original)
        QApplication.processEvents()


@pytest.fixture
def dark_palette() -> Iterator[QPalette]:
    with _switched_to_dark() as dark:
        yield dark


def _shown(palette: QPalette, role: QPalette.ColorRole) -> QColor:
    colour = palette.color(role)
    return blend(palette.color(QPalette.ColorRole.Base), colour, colour.alphaF())


def test_light_palette_keeps_the_red_warning_and_its_own_placeholder(window: MainWindow) -> None:
    figures = window.today_view.figures
    warning = warning_colour(window.today_view.palette())
    assert f"color: {warning.name()};" in figures.styleSheet()  # the demo's figures are old
    assert contrast(warning, window.today_view.palette().color(QPalette.ColorRole.Window)) >= (
        MIN_CONTRAST
    )
    assert warning.hslHue() in range(0, 10) or warning.hslHue() > 350  # still a red


def test_dark_palette_recolours_the_warning_and_the_placeholder(
    window: MainWindow, dark_palette: QPalette
) -> None:
    background = window.today_view.palette().color(QPalette.ColorRole.Window)
    assert background.lightnessF() < 0.5
    warning = warning_colour(window.today_view.palette())
    assert warning.name() != "#b00000"
    assert f"color: {warning.name()};" in window.today_view.figures.styleSheet()
    assert contrast(warning, background) >= MIN_CONTRAST

    search = window.search.palette()
    field = search.color(QPalette.ColorRole.Base)
    assert field.lightnessF() < 0.5  # the field follows the dark palette
    # The light theme's placeholder left in the palette does not read on the dark field …
    assert contrast(_shown(dark_palette, QPalette.ColorRole.PlaceholderText), field) < 3
    # … the search box's does.
    assert contrast(_shown(search, QPalette.ColorRole.PlaceholderText), field) >= MIN_CONTRAST
    assert search.color(QPalette.ColorRole.PlaceholderText) == placeholder_colour(dark_palette)


def test_the_shown_case_follows_a_switch_to_dark_while_it_is_shown(window: MainWindow) -> None:
    """A theme switch with a case open: its conclusion box and the call sheet's captions take
    the new palette's colours (the box kept the light pink under light text before)."""
    row = window.model.row_at(0)
    window.select_case(row.id)
    overview = window.details.overview
    light_box = overview.conclusion.palette().color(QPalette.ColorRole.Window)
    with _switched_to_dark():
        box = overview.conclusion.palette()
        shown_level = level_colours(row.assessment.level, overview.palette())
        assert box.color(QPalette.ColorRole.Window) == shown_level.background != light_box
        assert (
            contrast(box.color(QPalette.ColorRole.WindowText), box.color(QPalette.ColorRole.Window))
            >= MIN_CONTRAST
        )
        caption = overview.call.findChild(QLabel, "factCaption")
        assert caption is not None
        assert (
            contrast(
                caption.palette().color(QPalette.ColorRole.WindowText),
                overview.palette().color(QPalette.ColorRole.Window),
            )
            >= 3
        )


def test_the_today_view_recolours_its_urgent_rows_on_a_switch_to_dark(window: MainWindow) -> None:
    model = window.today_view.model
    urgent = [
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    ]
    assert urgent  # the demo has overdue documents
    light = urgent[0].data(Qt.ItemDataRole.ForegroundRole)
    with _switched_to_dark():
        shown = model.index(urgent[0].row(), 0).data(Qt.ItemDataRole.ForegroundRole)
        assert QColor(shown) != QColor(light)
        assert contrast(QColor(shown), QColor("#1e1e1e")) >= MIN_CONTRAST
