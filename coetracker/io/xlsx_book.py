"""The parts of an Excel workbook (.xlsx) the case-list reader needs, read by streaming.

A workbook is a ZIP archive of XML parts (ECMA-376): ``xl/workbook.xml`` names the sheets,
``xl/sharedStrings.xml`` holds the text of shared-string cells, ``xl/styles.xml`` the number
format of each cell style, and each worksheet's ``<sheetData>`` its rows. This module opens the
archive with :mod:`zipfile` and reads the parts with the standard library's C XML parser: a
worksheet a batch of rows at a time (:mod:`coetracker.io.xlsx_sheet`), or event by event
(:func:`xml.etree.ElementTree.iterparse`) when its layout is unusual, its rows turned into
typed cells as openpyxl's read-only, data-only mode gives them (:mod:`coetracker.io.xlsx_cells`).
Merged ranges and hidden rows are noted on the way.

openpyxl's general reader builds an object per cell; for the few thousand to hundred thousand
rows of a case list, this reader does the same work at a fraction of the cost.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError

from openpyxl.styles.numbers import (
    BUILTIN_FORMATS,
    builtin_format_code,
    is_date_format,
    is_timedelta_format,
)
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
)

from coetracker.io.xlsx_cells import (
    MAIN,
    ROW,
    Cell,
    RowReader,
    SheetRow,
    Styles,
    cast_number,
    text_of,
)
from coetracker.io.xlsx_sheet import UnusualSheetError, row_batches, string_batches

__all__ = ["BookError", "Cell", "SheetRow", "Workbook"]

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_WORKSHEET = "/worksheet"
_SHARED_STRINGS = "/sharedStrings"
_STYLES = "/styles"

_MERGE = MAIN + "mergeCell"
_STRING_ITEM = MAIN + "si"


def fromstring(data: bytes) -> Element:
    """Parse a small part. The parser is the one openpyxl uses here too: ElementTree never
    loads external entities, and expat (>= 2.4) refuses entity amplification."""
    return ElementTree.fromstring(data)  # noqa: S314 - see the docstring


def iterparse(stream: IO[bytes]) -> Iterator[tuple[str, Element]]:
    """Parse a large part element by element (``end`` events); see :func:`fromstring`."""
    return ElementTree.iterparse(stream)  # noqa: S314 - see fromstring


class BookError(ValueError):
    """The file is not a workbook this reader can read; the text names the cause (no data)."""


@dataclass(slots=True)
class _Sheet:
    name: str
    part: str | None  # None: a chart sheet (no cells)


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
            for sheet in book.iter(MAIN + "sheet"):
                kind, target = relations.get(sheet.get(_DOC_REL + "id", ""), ("", ""))
                path = _resolve(folder, target) if kind.endswith(_WORKSHEET) else None
                self.sheets.append(_Sheet(sheet.get("name", ""), path))
            properties = book.find(MAIN + "workbookPr")
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

    def _read_styles(self, part: str | None) -> Styles:
        styles = Styles()
        if part is None or part not in self.archive.namelist():
            return styles
        tree = fromstring(self.archive.read(part))
        custom = {
            int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
            for fmt in tree.iter(MAIN + "numFmt")
        }
        cell_xfs = tree.find(MAIN + "cellXfs")
        for index, xf in enumerate(cell_xfs.iterfind(MAIN + "xf") if cell_xfs is not None else ()):
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

    def rows(
        self, name: str, merged: list[str] | None = None, blank: str | None = None
    ) -> Iterator[SheetRow]:
        """The rows of sheet ``name`` as they are stored (rows without cells may be missing);
        ``merged`` receives each merged range (``A2:A3``) when given; a missing cell before
        another of its row is ``blank``."""
        part = next(s.part for s in self.sheets if s.name == name)
        if part is None:
            return
        given = 0
        try:
            try:
                with self.archive.open(part) as stream:
                    reader = RowReader(self.styles, self.date, self.shared_strings, blank)
                    found: list[str] = []
                    for batch in row_batches(stream, found):
                        for element in batch:
                            if element.tag == ROW:
                                yield reader.row(element)
                                given += 1
                    if merged is not None:
                        merged += found
                    return
            except UnusualSheetError:
                pass
            with self.archive.open(part) as stream:  # event by event, after the rows given
                for index, row in enumerate(self._parse(stream, merged, blank)):
                    if index >= given:
                        yield row
        except _FAULTS as error:
            raise BookError(type(error).__name__) from None

    def _parse(
        self, stream: IO[bytes], merged: list[str] | None, blank: str | None
    ) -> Iterator[SheetRow]:
        reader = RowReader(self.styles, self.date, self.shared_strings, blank)
        for _event, element in iterparse(stream):
            tag = element.tag
            if tag == ROW:
                yield reader.row(element)
                element.clear()
            elif tag == _MERGE and merged is not None:
                merged.append(element.get("ref", ""))

    def date(self, text: str, duration: bool) -> Any:
        """A date cell's value (a sheet repeats its dates: each serial is converted once)."""
        key = (text, duration)
        known = self._dates.get(key)
        if known is None:
            try:
                known = from_excel(cast_number(text), self.epoch, timedelta=duration)
            except (OverflowError, ValueError):
                known = "#VALUE!"
            self._dates[key] = known
        return known

    def shared_strings(self) -> list[str]:
        """The text of each shared string, by index (read once)."""
        if self._strings is None:
            strings: list[str] = []
            if self._strings_part is not None:
                try:
                    with self.archive.open(self._strings_part) as stream:
                        for batch in string_batches(stream):
                            strings += [_shared(item) for item in batch if item.tag == _STRING_ITEM]
                except UnusualSheetError:
                    with self.archive.open(self._strings_part) as stream:
                        for index, (_event, item) in enumerate(
                            e for e in iterparse(stream) if e[1].tag == _STRING_ITEM
                        ):
                            if index >= len(strings):
                                strings.append(_shared(item))
                            item.clear()
            self._strings = strings
        return self._strings


def _shared(item: Element) -> str:
    """A shared string's text; ``x005F_`` removed as openpyxl does."""
    return text_of(item).replace("x005F_", "")


_FAULTS = (zipfile.BadZipFile, KeyError, IndexError, ParseError, OSError, ValueError)
"""What a damaged part raises while it is read."""


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a path in the archive."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))
