"""A worksheet's ``<row>`` elements turned into typed cells, as openpyxl's read-only, data-only
mode gives them.

:class:`RowReader` takes the row elements of one sheet in order (from whichever parse) and gives
each as a :class:`SheetRow`: numbers as ``int``/``float``, a number in a date format as a
``datetime`` (through the workbook's date helper: openpyxl's own rules), shared and inline
strings as text, booleans, ISO dates and error codes, with each number's format and, for a
formula cell, the formula's text. The common cells — one inline text, one shared string, one
number — take a short path; the others the general one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_ISO8601

__all__ = ["MAIN", "ROW", "Cell", "RowReader", "SheetRow", "Styles", "cast_number", "text_of"]

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW = MAIN + "row"
_CELL = MAIN + "c"
_VALUE = MAIN + "v"
_FORMULA = MAIN + "f"
_INLINE = MAIN + "is"
_TEXT = MAIN + "t"
_RUN = MAIN + "r"
_DIGITS = "0123456789"

Cell = tuple[Any, str, str | None]
"""(value, number format of a number, formula text when the cell holds a formula)."""


@dataclass(slots=True)
class SheetRow:
    """One ``<row>``: its number (1 for the first), whether hidden, its cells by column (0):
    a text cell as its ``str``, another as a :data:`Cell`, a missing one as ``None`` (or the
    ``blank`` asked for); ``typed`` lists the positions of the :data:`Cell` tuples."""

    number: int
    hidden: bool
    cells: list[Cell | str | None]
    typed: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Styles:
    """What the reader needs of the workbook's cell styles, by style index."""

    formats: list[str] = field(default_factory=list)  # number format of each cell style
    dates: set[int] = field(default_factory=set)  # styles whose format shows a date or time
    durations: set[int] = field(default_factory=set)  # styles whose format shows a duration


def cast_number(text: str) -> int | float:
    """A ``<v>`` number as openpyxl reads it."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def text_of(element: Element) -> str:
    """A string item's text: its ``<t>`` and the ``<t>`` of its runs (not phonetic guides)."""
    if len(element) == 1 and (only := element[0]).tag == _TEXT:
        return only.text or ""
    parts = [element.findtext(_TEXT) or ""]
    parts += [run.findtext(_TEXT) or "" for run in element.iterfind(_RUN)]
    return "".join(parts)


def _column(reference: str) -> int:
    """The column index (0 for A) of a cell reference (``AB12``)."""
    return int(column_index_from_string(reference.rstrip(_DIGITS).upper())) - 1


class RowReader:
    """Turns the ``<row>`` elements of one sheet, in order, into :class:`SheetRow` objects; keeps
    what one row passes to the next (its number, the column of each reference's letters, shared
    formulas, the numbers seen)."""

    def __init__(
        self,
        styles: Styles,
        date: Callable[[str, bool], Any],
        shared_strings: Callable[[], list[str]],
        blank: str | None,
    ) -> None:
        self.styles = styles
        self.date = date  # (serial, is a duration) → the date, time or duration
        self.shared_strings = shared_strings
        self.blank = blank
        self.number = 0
        self.columns: dict[str, int] = {}
        self.shared_formulas: dict[str, Translator] = {}
        self.numbers: dict[tuple[str, str | None], Cell] = {}
        self.strings: list[str] | None = None

    def row(self, element: Element) -> SheetRow:
        """The next row."""
        given = element.get("r")
        if given:
            self.number = int(given) if given.isdigit() else int(float(given))
        else:
            self.number += 1
        cells: list[Cell | str | None] = []
        typed: list[int] = []
        append = cells.append
        columns, blank, numbers, strings = self.columns, self.blank, self.numbers, self.strings
        column = -1
        for cell in element:
            if cell.tag != _CELL:
                continue
            reference = cell.get("r")
            if reference:
                column = columns.get(reference.rstrip(_DIGITS), -1)
                if column < 0:
                    column = columns[reference.rstrip(_DIGITS)] = _column(reference)
            else:
                column += 1
            if column > len(cells):
                cells += [blank] * (column - len(cells))
            kind = cell.get("t")
            if len(cell) == 1:  # the common cells: one value, or one inline text
                child = cell[0]
                if kind == "inlineStr":
                    if len(child) == 1 and (text_node := child[0]).tag == _TEXT:
                        append(text_node.text or "")
                        continue
                elif child.tag == _VALUE and (text := child.text):
                    if kind == "s":
                        if strings is None:
                            strings = self.strings = self.shared_strings()
                        append(strings[int(text)])
                        continue
                    if kind is None or kind == "n":
                        key = (text, cell.get("s"))
                        number = numbers.get(key)
                        if number is None:
                            number = numbers[key] = self._number(text, key[1])
                        typed.append(len(cells))
                        append(number)
                        continue
            value = self._value(cell, kind or "n")
            formula = None
            if (node := cell.find(_FORMULA)) is not None:
                formula = _formula(node, reference, self.shared_formulas)
            elif type(value) is str:
                append(value)
                continue
            typed.append(len(cells))
            append((value, self._format(value, cell.get("s")), formula))
        hidden = element.get("hidden") in ("1", "true")
        return SheetRow(self.number, hidden, cells, typed)

    def _number(self, text: str, style: str | None) -> Cell:
        index = int(style) if style else 0
        if index in self.styles.dates:
            return (self.date(text, index in self.styles.durations), "General", None)
        value = cast_number(text)
        return (value, self._format(value, style), None)

    def _format(self, value: Any, style: str | None) -> str:
        """The number format shown for a number (``General`` for anything else)."""
        formats, index = self.styles.formats, int(style) if style else 0
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return formats[index] if is_number and index < len(formats) else "General"

    def _value(self, cell: Element, kind: str) -> Any:
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return text_of(inline) if inline is not None else None
        text = cell.findtext(_VALUE) or None
        if text is None:
            return None
        if kind == "n":
            style = cell.get("s")
            index = int(style) if style else 0
            if index in self.styles.dates:
                return self.date(text, index in self.styles.durations)
            return cast_number(text)
        if kind == "s":
            return self.shared_strings()[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text result) and "e" (an error code)


def _formula(node: Element, reference: str | None, shared: dict[str, Translator]) -> str:
    """A formula's text as openpyxl gives it (a shared formula translated to this cell)."""
    text = "=" + (node.text or "")
    if node.get("t") == "shared":
        index = node.get("si", "")
        if index in shared and reference:
            try:
                return str(shared[index].translate_formula(reference))
            except TranslatorError:
                return text
        if text != "=" and reference:
            shared[index] = Translator(text, reference)
    return text
