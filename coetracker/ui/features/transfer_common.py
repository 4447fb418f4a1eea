"""What the export and import flows share: their translation context, the settings they
remember (folder, format, encoding, headers, scope) and the busy cursor."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    Qt,
)
from PySide6.QtWidgets import (
    QApplication,
)

from coetracker.ui.common.window_state import open_settings

CONTEXT = "Csv"
SETTINGS_FILE = "settings.ini"
KEY_FOLDER = "csv/folder"
KEY_ENCODING = "csv/encoding"
KEY_HEADERS = "csv/headers"
KEY_SCOPE = "csv/scope"
KEY_FORMAT = "csv/format"
FORMAT_XLSX = "xlsx"
FORMAT_CSV = "csv"


def tr(source: str) -> str:
    """Translate a source string marked with ``QT_TRANSLATE_NOOP("Csv", …)``."""
    return QCoreApplication.translate(CONTEXT, source)


@contextlib.contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _settings(settings_dir: Path) -> QSettings:
    return open_settings(Path(settings_dir) / SETTINGS_FILE)


def _folder(settings: QSettings) -> Path:
    value = settings.value(KEY_FOLDER)
    folder = Path(str(value)) if value else Path.home()
    return folder if folder.is_dir() else Path.home()
