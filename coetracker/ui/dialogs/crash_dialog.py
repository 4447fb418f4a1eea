"""The dialog shown when a bug reaches the exception hook (:mod:`coetracker.crash`).

It says what happened in words, shows the report (versions and traceback, no personal data) in a
read-only text box that can be selected and copied, and offers "Copy report" and "Open log
folder". The application keeps running afterwards: the action that failed did not complete, but
saved data is untouched (every save is one transaction).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coetracker.crash import CrashReport
from coetracker.ui.common.app_icon import app_icon


class CrashDialog(QDialog):
    """Shows a :class:`~coetracker.crash.CrashReport` with copy and open-log buttons.

    Object names: ``crashReport`` (the text box), ``copyReportButton``, ``openLogFolderButton``.
    """

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("COE Tracker – unexpected error"))
        self.setWindowIcon(app_icon())
        self.setModal(True)

        intro = QLabel(
            self.tr(
                "Something went wrong inside COE Tracker ({error}). The action you were doing "
                "did not complete; data saved earlier is safe. You can keep working, but "
                "restarting COE Tracker is the safest choice.\n\n"
                "To help fix this, copy the report below and send it to your support contact. "
                "It contains the program's versions and where the error happened, not your "
                "cases or clients; please read it before sending."
            ).replace("{error}", report.summary)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.text = QPlainTextEdit(report.text)
        self.text.setObjectName("crashReport")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumSize(560, 240)

        log_label = QLabel(self.tr("Log file: {path}").replace("{path}", str(report.log_file)))
        log_label.setTextFormat(Qt.TextFormat.PlainText)
        log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        log_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.copy_button.setObjectName("copyReportButton")
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = QPushButton(self.tr("Open &log folder"))
        self.open_button.setObjectName("openLogFolderButton")
        self.open_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(log_label)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        """Put the whole report on the clipboard."""
        QGuiApplication.clipboard().setText(self.report.text)
        self.copy_button.setText(self.tr("Copied"))

    def open_log_folder(self) -> bool:
        """Open the folder holding the log file in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.log_file.parent)))


def show_crash_dialog(report: CrashReport) -> int:
    """The default ``dialog_factory``: show the report modally over the active window."""
    dialog = CrashDialog(report, QApplication.activeWindow())
    return dialog.exec()
