"""Message boxes that show their text literally, and the one way errors reach the user.

Always call these through the module (``dialogs.confirm(...)``): tests replace them to answer
without a modal loop. Texts may contain client data, so every box is fixed to plain text (a
static ``QMessageBox.warning`` would render ``<b>x</b>`` as bold).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from coetracker.errors import UserFacingError, classify_sqlite_error
from coetracker.ui.common.text import render

log = logging.getLogger(__name__)

StandardButton = QMessageBox.StandardButton


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """An information box with an OK button."""
    _box(
        parent, QMessageBox.Icon.Information, title, text, StandardButton.Ok, StandardButton.Ok
    ).exec()


def error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    """A warning box with one sentence the user can act on."""
    title = title or QCoreApplication.translate("Dialogs", "COE Tracker")
    _box(parent, QMessageBox.Icon.Warning, title, text, StandardButton.Ok, StandardButton.Ok).exec()


def confirm(parent: QWidget | None, title: str, text: str, *, destructive: bool = False) -> bool:
    """Ask yes/no; the safe answer (No) is the default for destructive questions."""
    buttons = StandardButton.Yes | StandardButton.No
    default = StandardButton.No if destructive else StandardButton.Yes
    box = _box(parent, QMessageBox.Icon.Question, title, text, buttons, default)
    return box.exec() == StandardButton.Yes


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox.StandardButton:
    """Ask with the given standard buttons; return the one pressed."""
    return StandardButton(_box(parent, icon, title, text, buttons, default).exec())


def user_message(exc: BaseException) -> str | None:
    """The sentence for an error a user can cause or fix, or None for a bug."""
    if isinstance(exc, UserFacingError):
        return render(exc.message)
    classified = classify_sqlite_error(exc)
    return render(classified.message) if classified is not None else None


def report(parent: QWidget | None, exc: Exception) -> None:
    """Show a user-facing error as a sentence; re-raise anything else (a bug)."""
    text = user_message(exc)
    if text is None:
        raise exc
    log.info("Shown to the user: %s", type(exc).__name__)
    error(parent, text)
