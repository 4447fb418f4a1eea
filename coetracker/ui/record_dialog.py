"""The base of every editing dialog: fields with inline errors, and a save that may fail.

``accept()`` (OK / Save) first checks the typed dates, then builds the value and hands it to the
``save`` callback. A :class:`ValidationError` marks the fields it names; any other user-facing
error is shown as a sentence; in every case the dialog stays open with everything typed, and
only a successful save closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coetracker.services.errors import ValidationError
from coetracker.ui import dialogs
from coetracker.ui.forms import DateField, Field
from coetracker.ui.text import plain_label, render

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
        return field

    def add_date(self, name: str, label: str, form: QFormLayout | None = None) -> DateField:
        field = DateField()
        field.date_edit.setObjectName(f"{name}Edit")
        self.add_field(name, label, field, form)
        return field

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
        if not self.dates_valid() or not self.extra_checks():
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
