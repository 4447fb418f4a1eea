"""Form building blocks: a field with its own error sentence, and a date entry.

Invalid input is marked at the field: the editor is tinted and a plain-text sentence appears
under it; nothing the user typed is cleared.

:class:`DateLineEdit` accepts typed dates in every form ``domain.jpdates.parse_date`` reads (ISO,
slashes, 令和7年11月3日, R7.11.3 …) and has a calendar pop-up button. A month and day without a
year (``12/3``, ``11月3日``) take the nearest year in the field's direction (``toward``: future
for deadlines and planned dates, past for the rest). On leaving the field a
valid date is rewritten in ISO form, so the user sees how it was understood.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from coetracker.domain.jpdates import DateParseError, Toward, parse_date
from coetracker.ui.common.palette import overdue_colours
from coetracker.ui.common.text import date_text, plain_label, render


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Tint an editor's background when its content is invalid; restore it otherwise."""
    if invalid == bool(widget.property("invalid")):
        return
    widget.setProperty("invalid", invalid)
    if invalid:
        palette = widget.palette()
        colours = overdue_colours(palette)
        palette.setColor(QPalette.ColorRole.Base, colours.background)
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())  # an empty resolve mask: inherit every colour again


class Field(QWidget):
    """An editor with an error sentence under it (hidden while the input is fine)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.error = plain_label("", self, wrap=True)
        self.error.setObjectName("fieldError")
        colour = overdue_colours(self.palette()).foreground
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.error.setPalette(palette)
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, text: str | None) -> None:
        """Show ``text`` under the editor (None or blank: clear it)."""
        if text:
            self.error.setText(text)
            self.error.show()
            set_invalid(self.editor, True)
        else:
            self.error.clear()
            self.error.hide()
            set_invalid(self.editor, False)

    def error_text(self) -> str:
        """The sentence shown, or blank."""
        return self.error.text() if self.error.isVisible() or self.error.text() else ""


class DateLineEdit(QWidget):
    """A date typed in any accepted form, or picked from a calendar.

    Signals:
        dateChanged(): the text was edited or a date picked.
        problemChanged(str): the sentence describing invalid text ("" when valid).
    """

    dateChanged = Signal()  # noqa: N815 - Qt signal naming
    problemChanged = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.western = False  # True: always shown as 2026-11-27 (dates of birth)
        self.toward = Toward.PAST  # where a date typed without a year falls
        self.yearless = True  # False: the year must be typed (dates of birth)
        self.today: Callable[[], dt.date] = dt.date.today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setObjectName("dateText")
        self.line.setPlaceholderText(self.tr("e.g. 2025-11-03, 令和7年11月3日 or 12/3"))
        self.line.setClearButtonEnabled(True)
        self.line.textEdited.connect(self._edited)
        self.line.editingFinished.connect(self._finished)
        self.setFocusProxy(self.line)
        layout.addWidget(self.line, 1)
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(self.tr("Pick a date from a calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu = QMenu(self.button)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(self.menu)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._problem = ""

    # -- value ------------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date entered; None when blank. Raises DateParseError for invalid text."""
        return self._parse(self.line.text())

    def _parse(self, text: str) -> dt.date | None:
        today = self.today() if self.yearless else None
        return parse_date(text, today=today, toward=self.toward)

    def set_date(self, value: dt.date | None) -> None:
        """Show ``value`` (None: blank)."""
        self.line.setText(self._shown(value))
        self._set_problem("")

    def _shown(self, value: dt.date | None) -> str:
        """A date as this field writes it: the display style, or ISO for a Western-only field."""
        if value is None:
            return ""
        return value.isoformat() if self.western else date_text(value)

    def text(self) -> str:
        return self.line.text()

    def setText(self, text: str) -> None:
        """Set the typed text as if the user had typed it (validated on leaving the field)."""
        self.line.setText(text)
        self._edited(text)

    def problem(self) -> str:
        """The sentence describing why the text is not a date ("" when it is, or blank)."""
        try:
            self._parse(self.line.text())
        except DateParseError as error:
            return render(error.message)
        return ""

    def has_problem(self) -> bool:
        """Whether the text was found not to be a date (and not edited into one since)."""
        return bool(self._problem)

    def validate(self) -> bool:
        """Check the text now and show the result; True when it is a date or blank.

        The result is announced even when it has not changed, so a sentence hidden meanwhile
        (a new save attempt clears every field first) comes back.
        """
        self._problem = self.problem()
        self.problemChanged.emit(self._problem)
        return not self._problem

    # -- events -----------------------------------------------------------------------------

    def _edited(self, _text: str) -> None:
        if self._problem and not self.problem():
            self._set_problem("")
        self.dateChanged.emit()

    def _finished(self) -> None:
        problem = self.problem()
        self._set_problem(problem)
        if not problem:
            value = self._parse(self.line.text())
            normal = self._shown(value)
            if normal != self.line.text():
                self.line.setText(normal)
                self.dateChanged.emit()

    def _set_problem(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit(problem)

    def _prepare_calendar(self) -> None:
        try:
            value = self._parse(self.line.text())
        except DateParseError:
            value = None
        shown = value or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, date: QDate) -> None:
        self.line.setText(self._shown(dt.date(date.year(), date.month(), date.day())))
        self._set_problem("")
        self.menu.hide()
        self.dateChanged.emit()


class DateField(Field):
    """A :class:`DateLineEdit` with its error sentence; shows the problem as soon as it is known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.date_edit = DateLineEdit()
        super().__init__(self.date_edit, parent)
        self.date_edit.problemChanged.connect(self.set_error)
        self.date_edit.dateChanged.connect(self._changed)

    def _changed(self) -> None:
        """An edit that leaves a readable date clears any sentence (e.g. "enter the date")."""
        if not self.date_edit.has_problem():
            self.set_error(None)

    def set_error(self, text: str | None) -> None:
        super().set_error(text)
        set_invalid(self.date_edit.line, bool(text))

    def date(self) -> dt.date | None:
        return self.date_edit.date()

    def set_date(self, value: dt.date | None) -> None:
        self.date_edit.set_date(value)

    def validate(self) -> bool:
        return self.date_edit.validate()


def form_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A form row's label (translated text from the caller; never client data)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
