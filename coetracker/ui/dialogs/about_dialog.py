"""Help › About: version, where the data lives, the versions underneath, and the licence.

The database location and the data folder are what support asks first; the folder has a button
that opens it in the system's file manager. Versions of Qt, PySide6 and Python help with bug
reports (the crash report carries the same lines).

Call :func:`show_about` from the Help menu's action.
"""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coetracker import APP_NAME, __version__
from coetracker.paths import AppPaths
from coetracker.ui.common.app_icon import app_icon

ICON_SIZE = 64


def database_location(paths: AppPaths) -> str:
    """The database file, or its URL with any password hidden."""
    if paths.db_path is not None:
        return str(paths.db_path)
    from sqlalchemy.engine import make_url

    try:
        return make_url(paths.db_url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show its scheme only
        return paths.db_url.split("://", 1)[0] + "://…"


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """The About box. Object names: ``aboutDialog``, ``openDataFolderButton``, ``aboutVersion``,
    ``aboutDatabase``, ``aboutDataFolder``, ``aboutLicence``."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About COE Tracker"))
        self.setWindowIcon(app_icon())

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(APP_NAME)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.version = _selectable(self.tr("Version {version}").replace("{version}", __version__))
        self.version.setObjectName("aboutVersion")
        purpose = QLabel(
            self.tr(
                "Tracks Certificate of Eligibility applications: inquiries to the bureau, "
                "document requests and their deadlines, and when a status check is due."
            )
        )
        purpose.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.version)
        heading.addWidget(purpose)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        self.database = _selectable(database_location(paths))
        self.database.setObjectName("aboutDatabase")
        self.data_folder = _selectable(str(paths.data_dir))
        self.data_folder.setObjectName("aboutDataFolder")
        self.open_button = QPushButton(self.tr("&Open data folder"))
        self.open_button.setObjectName("openDataFolderButton")
        self.open_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_button)
        log_folder = _selectable(str(paths.log_dir))

        frozen = self.tr(" (bundle)") if getattr(sys, "frozen", False) else ""
        form = QFormLayout()
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("Data folder:"), folder_row)
        form.addRow(self.tr("Log folder:"), log_folder)
        form.addRow(
            self.tr("Qt:"),
            _selectable(
                self.tr("{qt} (PySide6 {pyside})")
                .replace("{qt}", qVersion())
                .replace("{pyside}", PySide6.__version__)
            ),
        )
        form.addRow(self.tr("Python:"), _selectable(f"{platform.python_version()}{frozen}"))
        form.addRow(
            self.tr("System:"),
            _selectable(f"{platform.system()} {platform.release()} {platform.machine()}"),
        )

        self.licence = QLabel(
            self.tr(
                "COE Tracker is free software under the MIT License: you may use, copy, modify "
                "and distribute it, provided the copyright notice is kept. It comes with no "
                "warranty.\n"
                "It is built with Qt and Qt for Python (PySide6), used under the GNU LGPL "
                "version 3."
            )
        )
        self.licence.setObjectName("aboutLicence")
        self.licence.setWordWrap(True)
        self.licence.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.licence)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager (creating nothing)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.data_dir)))


def show_about(parent: QWidget | None, paths: AppPaths) -> int:
    """Show the About box modally; returns when it is closed."""
    dialog = AboutDialog(paths, parent)
    return dialog.exec()
