"""The base of every editing dialog: fields with inline errors, and a save that may fail.

``accept()`` (OK / Save) first checks the typed dates, then builds the value and hands it to the
``save`` callback. A :class:`ValidationError` marks the fields it names; any other user-facing
error is shown as a sentence; in every case the dialog stays open with everything typed, and
only a successful save closes it.

A field's problem sentence goes away as soon as the field is edited. Cancel, Escape and the
window's close button ask before discarding anything typed since the dialog was filled
(:meth:`mark_clean`, called by each subclass once its fields are loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.jpdates import Toward
from coetracker.services.errors import ValidationError
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.forms import DateField, DateLineEdit, Field
from coetracker.ui.common.text import plain_label, render, translate

V = TypeVar("V")
Saver = Callable[[Any], bool]
"""``save(value) -> bool``: True when saved (the dialog closes), False to stay open."""


class RecordDialog(QDialog, Generic[V]):
    """A form dialog; subclasses add fields and implement :meth:`value`."""

    def __init__(self, save: Saver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.fields: dict[str, Field] = {}
        self.outer = QVBoxLayout(self)
        self.banner = plain_label("", self, wrap=True)
        self.banner.setObjectName("dialogProblem")
        self.banner.hide()
        self.outer.addWidget(self.banner)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.outer.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("dialogButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._clean: list[str] | None = None

    def finish_layout(self) -> None:
        """Add the buttons below the form (call at the end of the subclass constructor)."""
        self.outer.addWidget(self.buttons)

    @property
    def save_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_field(
        self, name: str, label: str, editor: QWidget, form: QFormLayout | None = None
    ) -> Field:
        """A form row whose editor shows its own error sentence."""
        field = editor if isinstance(editor, Field) else Field(editor)
        caption = QLabel(label)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(field.editor)
        (form or self.form).addRow(caption, field)
        self.fields[name] = field
        if not isinstance(field, DateField):  # a date field shows and clears its own problem
            _on_edit(field.editor, lambda: field.set_error(None))
        return field

    def add_date(
        self,
        name: str,
        label: str,
        form: QFormLayout | None = None,
        toward: Toward = Toward.PAST,
    ) -> DateField:
        """A date row; a date typed without a year falls ``toward`` the future or the past."""
        field = DateField()
        field.date_edit.setObjectName(f"{name}Edit")
        field.date_edit.toward = toward
        self.add_field(name, label, field, form)
        return field

    # -- changes ----------------------------------------------------------------------------

    def _state(self) -> list[str]:
        """Everything the fields show, to tell whether the user changed anything."""
        state: list[str] = []
        for field in self.fields.values():
            editors = [field.editor, *field.editor.findChildren(QWidget)]
            for widget in editors:
                if _inside_calendar(widget):
                    continue
                if isinstance(widget, DateLineEdit):
                    state.append(widget.text())
                elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QComboBox):
                    if not isinstance(widget.parent(), DateLineEdit):
                        state.append(widget.text())
                elif isinstance(widget, QComboBox):
                    state.append(f"{widget.currentIndex()}:{widget.currentText()}")
                elif isinstance(widget, QPlainTextEdit):
                    state.append(widget.toPlainText())
                elif isinstance(widget, QAbstractSpinBox):
                    state.append(widget.text())
        return state

    def mark_clean(self) -> None:
        """Remember the fields as they are now: closing without changes asks nothing."""
        self._clean = self._state()

    def is_dirty(self) -> bool:
        """Whether anything was typed or chosen since :meth:`mark_clean`."""
        return self._clean is not None and self._state() != self._clean

    def reject(self) -> None:
        """Cancel, Escape and the close button: ask before discarding typed changes."""
        if self.is_dirty() and not dialogs.confirm(
            self,
            translate("RecordDialog", "Discard changes?"),
            translate(
                "RecordDialog", "What you typed in this window has not been saved. Discard it?"
            ),
            destructive=True,
        ):
            return
        super().reject()

    def value(self) -> V:  # pragma: no cover - abstract
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        """A sentence at the top of the form (errors not tied to one field)."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def clear_problems(self) -> None:
        for field in self.fields.values():
            field.set_error(None)
        self.show_problem("")

    def show_validation(self, error: ValidationError) -> None:
        """Mark every field the error names; problems without a field go to the banner."""
        loose: list[str] = []
        first: Field | None = None
        for name, message in error.problems.items():
            field = self.fields.get(name)
            if field is None:
                loose.append(render(message))
                continue
            field.set_error(render(message))
            first = first or field
        self.show_problem("\n".join(loose))
        if first is not None:
            first.editor.setFocus()

    def focus_first_problem(self) -> None:
        """Put the cursor in the first field (in form order) that shows a problem."""
        for field in self.fields.values():
            if field.error_text():
                target = field.date_edit if isinstance(field, DateField) else field.editor
                target.setFocus()
                return

    def dates_valid(self) -> bool:
        """Check every date field; mark and focus the first invalid one."""
        first: DateField | None = None
        for field in self.fields.values():
            if isinstance(field, DateField) and not field.validate():
                first = first or field
        if first is not None:
            first.date_edit.setFocus()
            return False
        return True

    def accept(self) -> None:
        self.clear_problems()
        if not self.dates_valid() or not self.extra_checks():  # checks read valid dates only
            self.focus_first_problem()
            return
        value = self.value()
        try:
            saved = self._save(value)
        except ValidationError as problem:
            self.show_validation(problem)
            return
        except Exception as problem:
            text = dialogs.user_message(problem)
            if text is None:
                raise  # a bug: the crash handler reports it; the dialog stays open
            dialogs.error(self, text)
            return
        if saved:
            super().accept()

    def extra_checks(self) -> bool:
        """Subclass checks before building the value (mark fields, return False to stop)."""
        return True


def _inside_calendar(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QCalendarWidget):
            return True
        parent = parent.parentWidget()
    return False


def _on_edit(editor: QWidget, clear: Callable[[], None]) -> None:
    """Call ``clear`` whenever the user changes ``editor``."""
    if isinstance(editor, QLineEdit):
        editor.textEdited.connect(lambda _text: clear())
    elif isinstance(editor, QComboBox):
        editor.currentIndexChanged.connect(lambda _index: clear())
        if editor.isEditable():
            editor.editTextChanged.connect(lambda _text: clear())
    elif isinstance(editor, QPlainTextEdit):
        editor.textChanged.connect(clear)
