"""The application icon: one SVG, shown in windows, the task bar and (via the bundle) the menu.

``resources/icons/coetracker.svg`` is the source; the bundle carries it as
``coetracker/resources/icons/coetracker.svg`` (packaged resources are looked at first, as
:func:`coetracker.i18n.translations_dir` does for translations). Qt renders it at every size
through its SVG icon engine plugin, which the bundle therefore must carry (``--self-test`` checks).

Call :func:`install_app_icon` once on the application: it sets the default window icon (every
window and dialog, and the X11/Windows task bar) and the desktop file name, by which Wayland
compositors and GNOME find the menu entry's icon.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QIcon

from coetracker import APP_ID

ICON_FILE_NAME = "coetracker.svg"

_icon: list[QIcon] = []


def icons_dir() -> Path:
    """Where the icon files are: packaged resources (the bundle), or the source tree."""
    package = Path(__file__).resolve().parent.parent.parent  # the coetracker package
    packaged = package / "resources" / "icons"
    if packaged.is_dir():
        return packaged
    return package.parent / "resources" / "icons"


def icon_path() -> Path:
    """The SVG file of the application icon."""
    return icons_dir() / ICON_FILE_NAME


def app_icon() -> QIcon:
    """The application icon (cached). Null if the file or Qt's SVG support is missing."""
    if not _icon:
        icon = QIcon(str(icon_path()))
        if icon.isNull():
            return icon  # not cached: a later call may succeed (tests, plugin paths set late)
        _icon.append(icon)
    return _icon[0]


def install_app_icon(app: QGuiApplication) -> None:
    """Give ``app`` the window icon and the desktop file name (``APP_ID``).

    On Windows the process also takes ``APP_ID`` as its AppUserModelID, the id the installer
    gives the Start-menu shortcut, so that the task bar groups the window with its pinned icon.
    """
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)
    if sys.platform == "win32":
        import ctypes

        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)
