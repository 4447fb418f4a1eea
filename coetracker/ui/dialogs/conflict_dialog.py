"""The choice offered when a save meets data someone else changed in the meantime.

The services refuse a stale save (``ConflictError``, nothing written) and report the values now
stored. This dialog shows them beside the user's, field by field, and lets the user overwrite
with their own values, load the stored ones (discarding their edit), or go back to editing;
whichever they choose, nothing they typed is lost before they decide.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coetracker.ui.common.text import date_text, plain_label


class Resolution(enum.Enum):
    """What the user chose."""

    OVERWRITE = "overwrite"
    RELOAD = "reload"
    KEEP_EDITING = "keep"


@dataclass(frozen=True, slots=True)
class Difference:
    """One field that differs: its label, the stored value and the user's value, as text."""

    label: str
    stored: str
    yours: str


def value_text(value: object) -> str:
    """A stored or typed value as the comparison shows it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return date_text(value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


class ConflictDialog(QDialog):
    """Stored values beside the user's; buttons to overwrite, reload or keep editing."""

    def __init__(
        self,
        message: str,
        differences: Sequence[Difference],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by someone else"))
        self.resolution = Resolution.KEEP_EDITING
        layout = QVBoxLayout(self)
        intro = plain_label(message, self, wrap=True)
        intro.setObjectName("conflictMessage")
        layout.addWidget(intro)
        if differences:
            layout.addWidget(
                plain_label(self.tr("These fields differ:"), self),
            )
            grid_host = QWidget()
            grid = QGridLayout(grid_host)
            bold = QFont(self.font())
            bold.setBold(True)
            for column, title in enumerate(
                (self.tr("Field"), self.tr("Saved by the other person"), self.tr("Yours"))
            ):
                header = QLabel(title)
                header.setFont(bold)
                grid.addWidget(header, 0, column)
            for row, difference in enumerate(differences, start=1):
                grid.addWidget(plain_label(difference.label), row, 0)
                stored = plain_label(difference.stored, wrap=True)
                stored.setObjectName(f"stored_{row}")
                grid.addWidget(stored, row, 1)
                yours = plain_label(difference.yours, wrap=True)
                yours.setObjectName(f"yours_{row}")
                grid.addWidget(yours, row, 2)
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(2, 1)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(grid_host)
            layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(self)
        self.overwrite_button = buttons.addButton(
            self.tr("Save mine over theirs"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.overwrite_button.setObjectName("overwriteButton")
        self.reload_button = buttons.addButton(
            self.tr("Discard mine, show theirs"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.reload_button.setObjectName("reloadButton")
        self.keep_button = buttons.addButton(
            self.tr("Keep editing"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.keep_button.setObjectName("keepEditingButton")
        self.overwrite_button.clicked.connect(lambda: self._done(Resolution.OVERWRITE))
        self.reload_button.clicked.connect(lambda: self._done(Resolution.RELOAD))
        self.keep_button.clicked.connect(lambda: self._done(Resolution.KEEP_EDITING))
        self.keep_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _done(self, resolution: Resolution) -> None:
        self.resolution = resolution
        if resolution is Resolution.KEEP_EDITING:
            self.reject()
        else:
            self.accept()


def ask_resolution(
    parent: QWidget | None, message: str, differences: Sequence[Difference]
) -> Resolution:
    """Show the dialog modally and return the choice (tests replace this function)."""
    dialog = ConflictDialog(message, differences, parent)
    dialog.exec()
    return dialog.resolution
