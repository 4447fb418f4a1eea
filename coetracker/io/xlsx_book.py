"""The parts of an Excel workbook (.xlsx) the case-list reader needs, read by streaming.

A workbook is a ZIP archive of XML parts (ECMA-376): ``xl/workbook.xml`` names the sheets,
``xl/sharedStrings.xml`` holds the text of shared-string cells, ``xl/styles.xml`` the number
format of each cell style, and each worksheet's ``<sheetData>`` its rows. This module opens the
archive with :mod:`zipfile` and reads the parts with the standard library's C XML parser
(:func:`xml.etree.ElementTree.iterparse`), one row at a time, giving each cell's typed value as
openpyxl's read-only, data-only mode does (numbers as ``int``/``float``, a number in a date
format as a ``datetime`` through openpyxl's own date helpers, shared and inline strings as
text, booleans, ISO dates and error codes), plus its number format and, for a formula cell, the
formula's text. Merged ranges and hidden rows are noted on the way.

openpyxl's general reader builds an object per cell; for the few thousand to hundred thousand
rows of a case list, this reader does the same work at a fraction of the cost.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError

from openpyxl.formula.translate import Translator, TranslatorError
from openpyxl.styles.numbers import (
    BUILTIN_FORMATS,
    builtin_format_code,
    is_date_format,
    is_timedelta_format,
)
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

__all__ = ["BookError", "Cell", "SheetRow", "Workbook"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_SHARED_STRINGS = "/sharedStrings"
_STYLES = "/styles"

_ROW = _MAIN + "row"
_CELL = _MAIN + "c"
_VALUE = _MAIN + "v"
_FORMULA = _MAIN + "f"
_INLINE = _MAIN + "is"
_TEXT = _MAIN + "t"
_RUN = _MAIN + "r"
_MERGE = _MAIN + "mergeCell"
_STRING_ITEM = _MAIN + "si"


def fromstring(data: bytes) -> Element:
    """Parse a small part. The parser is the one openpyxl uses here too: ElementTree never
    loads external entities, and expat (>= 2.4) refuses entity amplification."""
    return ElementTree.fromstring(data)  # noqa: S314 - see the docstring


def iterparse(stream: IO[bytes]) -> Iterator[tuple[str, Element]]:
    """Parse a large part element by element (``end`` events); see :func:`fromstring`."""
    return ElementTree.iterparse(stream)  # noqa: S314 - see fromstring


class BookError(ValueError):
    """The file is not a workbook this reader can read; the text names the cause (no data)."""


Cell = tuple[Any, str, str | None]
"""(value, number format of a number, formula text when the cell holds a formula)."""


@dataclass(slots=True)
class SheetRow:
    """One ``<row>``: its number (1 for the first), whether hidden, its cells by column (0):
    a text cell as its ``str``, another as a :data:`Cell`, a missing one as ``None``."""

    number: int
    hidden: bool
    cells: list[Cell | str | None]


@dataclass(slots=True)
class _Sheet:
    name: str
    part: str | None  # None: a chart sheet (no cells)


@dataclass(slots=True)
class _Styles:
    formats: list[str] = field(default_factory=list)  # number format of each cell style
    dates: set[int] = field(default_factory=set)  # styles whose format shows a date or time
    durations: set[int] = field(default_factory=set)  # styles whose format shows a duration


def _cast_number(text: str) -> int | float:
    """A ``<v>`` number as openpyxl reads it."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


_DIGITS = "0123456789"


def _column(letters: str) -> int:
    """The column index (0 for A) of a cell reference's letters (``AB`` of ``AB12``)."""
    return int(column_index_from_string(letters.upper())) - 1


def _text_of(element: Element) -> str:
    """A string item's text: its ``<t>`` and the ``<t>`` of its runs (not phonetic guides)."""
    parts = [element.findtext(_TEXT) or ""]
    parts += [run.findtext(_TEXT) or "" for run in element.iterfind(_RUN)]
    return "".join(parts)


class Workbook:
    """An open workbook: its sheet names, and the rows of a sheet streamed on request."""

    def __init__(self, data: bytes | BinaryIO) -> None:
        source = io.BytesIO(data) if isinstance(data, bytes) else data
        try:
            self.archive = zipfile.ZipFile(source)
            part = self._target("", _OFFICE_DOCUMENT) or "xl/workbook.xml"
            book = fromstring(self.archive.read(part))
            folder = posixpath.dirname(part)
            relations = self._relations(part)
            self.sheets: list[_Sheet] = []
            for sheet in book.iter(_MAIN + "sheet"):
                kind, target = relations.get(sheet.get(_DOC_REL + "id", ""), ("", ""))
                path = _resolve(folder, target) if kind.endswith(_WORKSHEET) else None
                self.sheets.append(_Sheet(sheet.get("name", ""), path))
            properties = book.find(_MAIN + "workbookPr")
            date1904 = properties is not None and properties.get("date1904") in ("1", "true")
            self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
            targets = {kind: target for kind, target in relations.values()}
            self._strings_part = next(
                (_resolve(folder, t) for k, t in targets.items() if k.endswith(_SHARED_STRINGS)),
                None,
            )
            styles_part = next(
                (_resolve(folder, t) for k, t in targets.items() if k.endswith(_STYLES)), None
            )
            self.styles = self._read_styles(styles_part)
        except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError) as error:
            raise BookError(type(error).__name__) from None
        self._strings: list[str] | None = None
        self._dates: dict[tuple[str, bool], Any] = {}

    @property
    def names(self) -> list[str]:
        """Every sheet's name, in order (chart sheets included)."""
        return [sheet.name for sheet in self.sheets]

    def has_cells(self, name: str) -> bool:
        """Whether the sheet is a worksheet (a chart sheet has no cells)."""
        return any(s.name == name and s.part is not None for s in self.sheets)

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id → (type, target)."""
        folder, name = posixpath.split(part)
        path = posixpath.join(folder, "_rels", name + ".rels")
        try:
            tree = fromstring(self.archive.read(path))
        except KeyError:
            return {}
        return {
            rel.get("Id", ""): (rel.get("Type", ""), rel.get("Target", ""))
            for rel in tree.iter(_REL + "Relationship")
        }

    def _target(self, part: str, kind: str) -> str | None:
        for rel_kind, target in self._relations(part).values():
            if rel_kind.endswith(kind):
                return _resolve(posixpath.dirname(part), target)
        return None

    def _read_styles(self, part: str | None) -> _Styles:
        styles = _Styles()
        if part is None or part not in self.archive.namelist():
            return styles
        tree = fromstring(self.archive.read(part))
        custom = {
            int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
            for fmt in tree.iter(_MAIN + "numFmt")
        }
        cell_xfs = tree.find(_MAIN + "cellXfs")
        for index, xf in enumerate(cell_xfs.iterfind(_MAIN + "xf") if cell_xfs is not None else ()):
            number = int(xf.get("numFmtId", "0"))
            code = custom.get(number)
            check = code if code is not None else builtin_format_code(number)
            shown = code if code is not None else BUILTIN_FORMATS.get(number, "General")
            styles.formats.append(shown)
            if is_date_format(check):
                styles.dates.add(index)
            if is_timedelta_format(check):
                styles.durations.add(index)
        return styles

    def _shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._strings_part is not None:
                with self.archive.open(self._strings_part) as stream:
                    for _event, element in iterparse(stream):
                        if element.tag == _STRING_ITEM:
                            self._strings.append(_text_of(element))
                            element.clear()
        return self._strings

    def rows(self, name: str, merged: list[str] | None = None) -> Iterator[SheetRow]:
        """The rows of sheet ``name`` as they are stored (rows without cells may be missing);
        ``merged`` receives each merged range (``A2:A3``) when given."""
        part = next(s.part for s in self.sheets if s.name == name)
        if part is None:
            return
        try:
            with self.archive.open(part) as stream:
                yield from self._parse(stream, merged)
        except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError) as error:
            raise BookError(type(error).__name__) from None

    def _parse(self, stream: IO[bytes], merged: list[str] | None) -> Iterator[SheetRow]:
        formats, dates, durations = self.styles.formats, self.styles.dates, self.styles.durations
        shared_formulas: dict[str, Translator] = {}
        columns: dict[str, int] = {}
        number = 0
        for _event, element in iterparse(stream):
            tag = element.tag
            if tag == _ROW:
                given = element.get("r")
                number = int(float(given)) if given else number + 1
                cells: list[Cell | str | None] = []
                column = -1
                for cell in element:
                    if cell.tag != _CELL:
                        continue
                    reference = cell.get("r")
                    if reference:
                        letters = reference.rstrip(_DIGITS)
                        found = columns.get(letters)
                        if found is None:
                            found = columns[letters] = _column(letters)
                        column = found
                    else:
                        column += 1
                    while len(cells) < column:
                        cells.append(None)
                    if (
                        cell.get("t") == "inlineStr"
                        and len(cell) == 1
                        and len(inline := cell[0]) == 1
                        and inline[0].tag == _TEXT
                    ):  # the common text cell: <c t="inlineStr"><is><t>…</t></is></c>
                        cells.append(inline[0].text or "")
                        continue
                    style = int(cell.get("s") or 0)
                    value = self._value(cell, style, dates, durations)
                    formula = None
                    if (node := cell.find(_FORMULA)) is not None:
                        formula = _formula(node, reference, shared_formulas)
                    elif type(value) is str:
                        cells.append(value)
                        continue
                    is_number = isinstance(value, int | float) and not isinstance(value, bool)
                    number_format = (
                        formats[style] if is_number and style < len(formats) else "General"
                    )
                    cells.append((value, number_format, formula))
                hidden = element.get("hidden") in ("1", "true")
                element.clear()
                yield SheetRow(number, hidden, cells)
            elif tag == _MERGE and merged is not None:
                merged.append(element.get("ref", ""))

    def _value(self, cell: Element, style: int, dates: set[int], durations: set[int]) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return _text_of(inline) if inline is not None else None
        text = cell.findtext(_VALUE) or None
        if text is None:
            return None
        if kind == "n":
            if style in dates:  # a sheet repeats its dates: each serial is converted once
                key = (text, style in durations)
                known = self._dates.get(key)
                if known is None:
                    try:
                        known = from_excel(_cast_number(text), self.epoch, timedelta=key[1])
                    except (OverflowError, ValueError):
                        known = "#VALUE!"
                    self._dates[key] = known
                return known
            return _cast_number(text)
        if kind == "s":
            return self._shared_strings()[int(text)]
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


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a path in the archive."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))
