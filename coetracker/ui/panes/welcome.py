"""The welcome panel shown while the database holds no case.

Signals:
    newCaseRequested(): "New case…".
    importRequested(): "Import a CSV…" (shown only when an import exists).
    sampleRequested(): "Open sample data" (a separate sample database, never the real one).
    userNameEntered(str): the user typed the name the history records for their changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coetracker.ui.common.text import plain_label


class WelcomePanel(QFrame):
    """Three ways to start: a new case, an import, or sample data to try things out."""

    newCaseRequested = Signal()  # noqa: N815 - Qt signal naming
    importRequested = Signal()  # noqa: N815 - Qt signal naming
    sampleRequested = Signal()  # noqa: N815 - Qt signal naming
    userNameEntered = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(12)
        title = QLabel(self.tr("Welcome to COE Tracker"))
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        intro = plain_label(
            self.tr(
                "There are no cases in this database yet. Add your first Certificate of "
                "Eligibility application, bring in the cases you keep in a spreadsheet, or "
                "explore COE Tracker with sample data kept in a separate file."
            ),
            wrap=True,
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFixedWidth(560)  # a wrapped label needs a width to compute its height
        intro.setMinimumHeight(intro.heightForWidth(560))
        column.addWidget(intro, 0, Qt.AlignmentFlag.AlignHCenter)
        name_row = QHBoxLayout()
        self.user_name = QLineEdit()
        self.user_name.setObjectName("welcomeUserName")
        self.user_name.setPlaceholderText(self.tr("e.g. 山田 花子"))
        self.user_name.setMinimumWidth(220)
        self.user_name.editingFinished.connect(self._name_entered)
        name_label = QLabel(self.tr("&Your name, for each case's history:"))
        name_label.setTextFormat(Qt.TextFormat.PlainText)
        name_label.setBuddy(self.user_name)
        name_row.addWidget(name_label)
        name_row.addWidget(self.user_name)
        column.addLayout(name_row)
        self.new_button = QPushButton(self.tr("New case…"))
        self.new_button.setObjectName("welcomeNewCase")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.newCaseRequested)
        self.import_button = QPushButton(self.tr("Import a CSV file…"))
        self.import_button.setObjectName("welcomeImport")
        self.import_button.clicked.connect(self.importRequested)
        self.sample_button = QPushButton(self.tr("Open sample data"))
        self.sample_button.setObjectName("welcomeSample")
        self.sample_button.setToolTip(
            self.tr("Opens a separate sample database; your own data is not touched.")
        )
        self.sample_button.clicked.connect(self.sampleRequested)
        for button in (self.new_button, self.import_button, self.sample_button):
            button.setMinimumWidth(260)
            button.setMinimumHeight(36)
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(column)
        outer.addStretch(2)

    def set_user_name(self, name: str) -> None:
        """Show the name already recorded in Settings (blank: the user is asked for it)."""
        self.user_name.setText(name)

    def _name_entered(self) -> None:
        name = self.user_name.text().strip()
        if name:
            self.userNameEntered.emit(name)

    def set_import_available(self, available: bool) -> None:
        self.import_button.setVisible(available)

    def set_sample_available(self, available: bool) -> None:
        self.sample_button.setVisible(available)
