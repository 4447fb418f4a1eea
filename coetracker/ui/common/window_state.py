"""Remembering the window between runs: geometry (clamped to the screen), splitters, the
table header, hidden columns and the Today view toggle.

The :class:`QSettings` is constructed on an explicit INI file under the data folder
(``AppPaths.settings_file``), never the platform's registry, so tests and portable use never
touch a real user's configuration.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtWidgets import QApplication, QHeaderView, QMainWindow, QSplitter, QWidget

KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_SPLITTER = "window/splitter/{name}"
KEY_HEADER = "caseTable/header"
KEY_HIDDEN = "caseTable/hiddenColumns"
KEY_TODAY = "view/today"
KEY_FILTERS = "view/filters"


def open_settings(path: Path) -> QSettings:
    """The user-interface settings stored in ``path`` (INI format)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def read_ints(settings: QSettings, key: str) -> list[int] | None:
    value = settings.value(key)
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        try:
            result.append(int(item))
        except (TypeError, ValueError):
            continue
    return result


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    return None


def clamp_to_screen(window: QWidget, default_size: tuple[int, int] = (1440, 900)) -> None:
    """Keep the window on a screen that exists now, no larger than its available area."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    available: QRect = screen.availableGeometry()
    frame = window.frameGeometry()
    width = min(max(window.width(), 640), available.width())
    height = min(max(window.height(), 480), available.height())
    if not any(s.availableGeometry().intersects(frame) for s in QApplication.screens()):
        width = min(default_size[0], available.width())
        height = min(default_size[1], available.height())
        window.resize(width, height)
        window.move(available.center() - window.rect().center())
        return
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), available.left()), available.right() - width + 1)
    y = min(max(window.y(), available.top()), available.bottom() - height + 1)
    window.move(x, y)


def restore_window(
    window: QMainWindow, settings: QSettings, default_size: tuple[int, int] = (1440, 900)
) -> None:
    """Geometry and dock/tool-bar state, clamped to the screen; a sensible size the first time."""
    geometry = _bytes(settings, KEY_GEOMETRY)
    if geometry is None or not window.restoreGeometry(geometry):
        screen = QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(default_size[0], int(available.width() * 0.92))
            height = min(default_size[1], int(available.height() * 0.92))
            window.resize(width, height)
            window.move(available.center() - window.rect().center())
        else:
            window.resize(*default_size)
    state = _bytes(settings, KEY_STATE)
    if state is not None:
        window.restoreState(state)
    clamp_to_screen(window, default_size)


def save_window(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(KEY_GEOMETRY, window.saveGeometry())
    settings.setValue(KEY_STATE, window.saveState())


def restore_splitter(splitter: QSplitter, settings: QSettings) -> bool:
    state = _bytes(settings, KEY_SPLITTER.format(name=splitter.objectName()))
    return state is not None and splitter.restoreState(state)


def save_splitter(splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue(KEY_SPLITTER.format(name=splitter.objectName()), splitter.saveState())


def restore_header(header: QHeaderView, settings: QSettings) -> bool:
    state = _bytes(settings, KEY_HEADER)
    return state is not None and header.restoreState(state)


def save_header(header: QHeaderView, settings: QSettings) -> None:
    settings.setValue(KEY_HEADER, header.saveState())
    hidden = [c for c in range(header.count()) if header.isSectionHidden(c)]
    settings.setValue(KEY_HIDDEN, hidden)


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, shrunk to fit the screen it is on.

    A dialog sized for 100 % would be taller than the screen at 150 % scaling on a small
    display; its layout scrolls or shrinks instead.
    """
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, max(available.width() - 40, 200))
        height = min(height, max(available.height() - 60, 200))
    widget.resize(width, height)
