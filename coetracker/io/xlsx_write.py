"""Writing the case list as an Excel workbook (.xlsx) (pure: no database, no Qt).

The first sheet has the same columns and rows as the CSV; the second one says when the file was
made, from which filter, and how many cases it holds.

* Cells are typed, so no guard is needed and none is written: text (identifiers, names, notes,
  whatever they begin with — a text starting with ``=`` is a string cell, never a formula) as
  inline string cells, dates as date cells shown in the style asked for (Western
  ``yyyy/mm/dd`` or the Japanese era ``[$-411]ggge"年"m"月"d"日"`` or ``[$-411]ge.m.d``),
  numbers (経過日数) as numbers.
* The header row is bold and frozen, with an autofilter over the data; each column's width is
  fitted to the East Asian display width of its header and first rows; a column may be tinted
  cell by cell (the readiness column, in the window's colours).
* Characters an .xlsx cannot hold (control characters other than tab and line ends, lone
  surrogates) and cells longer than Excel's 32,767 characters stop the export, with
  :class:`~coetracker.io.csv_write.CsvEncodingError` naming every row and column; no file is
  created or changed.
* The sheet's XML is made row by row and streamed into the zip (``zipfile``, deflated), so
  memory stays flat; the package's other parts are the fixed templates of
  :mod:`coetracker.io.xlsx_parts`. A file is written through
  :func:`coetracker.fsutil.atomic_write` (temporary file, fsync, rename; 0600).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, BinaryIO

from coetracker.domain.jpdates import DateStyle
from coetracker.fsutil import atomic_write
from coetracker.io import xlsx_parts
from coetracker.io.csv_columns import EXPORT_COLUMNS, Column, HeaderStyle
from coetracker.io.csv_write import CsvEncodingError, UnwritableCell
from coetracker.textwidth import display_width

__all__ = [
    "DATE_FORMAT_ERA",
    "DATE_FORMAT_ERA_SHORT",
    "DATE_FORMAT_WESTERN",
    "MAX_XLSX_CELL_CHARS",
    "XlsxCell",
    "date_format_for",
    "write_xlsx",
]

XlsxCell = str | dt.date | int | float | None
"""What a cell of the workbook holds."""

DATE_FORMAT_WESTERN = "yyyy/mm/dd"
DATE_FORMAT_ERA = '[$-411]ggge"年"m"月"d"日"'
DATE_FORMAT_ERA_SHORT = "[$-411]ge.m.d"
"""Date cell formats: Western, and the Japanese era (令和7年11月3日, R7.11.3) as Excel and
LibreOffice both show it (the year-one form 元年 is Excel-only and left out)."""

MAX_XLSX_CELL_CHARS = 32_767
"""The most characters Excel holds in one cell."""

_WIDTH_SAMPLE_ROWS = 2_000
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_ROWS_PER_CHUNK = 2_000
_COMPRESS_LEVEL = 1  # deflate's fastest: a fifth of the time of the default for ~10% more bytes

_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 (and so an .xlsx) cannot hold: control characters but tab, LF and CR; lone
surrogates; U+FFFE and U+FFFF."""

_DATE_FORMATS = {
    DateStyle.ERA: DATE_FORMAT_ERA,
    DateStyle.ERA_SHORT: DATE_FORMAT_ERA_SHORT,
}


def date_format_for(style: DateStyle) -> str:
    """The date cell format for a date style (era styles as era, the others Western)."""
    return _DATE_FORMATS.get(style, DATE_FORMAT_WESTERN)


_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
_MARCH_1900 = dt.date(1900, 3, 1).toordinal()


def write_xlsx(
    rows: Sequence[Sequence[XlsxCell]],
    target: str | os.PathLike[str] | BinaryIO,
    *,
    columns: Sequence[Column] = EXPORT_COLUMNS,
    header_style: HeaderStyle = HeaderStyle.JA,
    date_format: str = DATE_FORMAT_WESTERN,
    sheet_title: str = "Cases",
    tints: Mapping[str, Mapping[str, str]] | None = None,
    summary_title: str = "Export",
    summary: Sequence[tuple[str, XlsxCell]] = (),
) -> int:
    """Write ``rows`` (typed cells in ``columns`` order) as a workbook; return the row count.

    ``tints`` maps a column key to {cell text: RGB hex fill}. ``summary`` is written as
    label/value pairs on a second sheet. Raises :class:`CsvEncodingError` (nothing written)
    for cells an .xlsx cannot hold.
    """
    headers = [c.header(header_style) for c in columns]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(headers):
            raise ValueError(f"row {number} has {len(row)} cells for {len(headers)} columns")
    book = _Book(rows, columns, headers, date_format, tints or {}, sheet_title, summary_title)

    def write(handle: IO[bytes]) -> None:
        book.write(handle, summary)

    if isinstance(target, str | os.PathLike):
        atomic_write(Path(target), write)
    else:
        with tempfile.TemporaryFile() as spool:  # a failed export writes nothing to the stream
            write(spool)
            spool.seek(0)
            shutil.copyfileobj(spool, target)
    return len(rows)


class _Book:
    """One workbook being written: its styles, column letters and the cells it refused."""

    def __init__(
        self,
        rows: Sequence[Sequence[XlsxCell]],
        columns: Sequence[Column],
        headers: list[str],
        date_format: str,
        tints: Mapping[str, Mapping[str, str]],
        sheet_title: str,
        summary_title: str,
    ) -> None:
        self.rows = rows
        self.headers = headers
        self.date_format = date_format
        self.letters = [_column_letter(i) for i in range(1, len(columns) + 1)]
        self.starts = [f'<c r="{letter}' for letter in self.letters]
        colours = list(dict.fromkeys(rgb for by_text in tints.values() for rgb in by_text.values()))
        self.colours = colours
        self.tinted: dict[int, dict[str, str]] = {
            index: {
                text: str(xlsx_parts.FIRST_TINT + colours.index(rgb))
                for text, rgb in by_text.items()
            }
            for index, column in enumerate(columns)
            if (by_text := tints.get(column.key))
        }
        self.sheet_title = xlsx_parts.sheet_name(sheet_title)
        self.summary_title = xlsx_parts.sheet_name(summary_title)
        if self.summary_title == self.sheet_title:
            self.summary_title = xlsx_parts.sheet_name(summary_title[:29] + " 2")
        self.bad: list[UnwritableCell] = []
        self.serials: dict[dt.date, str] = {}

    def write(self, handle: IO[bytes], summary: Sequence[tuple[str, XlsxCell]]) -> None:
        last = f"{self.letters[-1]}{len(self.rows) + 1}"
        filter_ref = f"A1:{last}"
        with zipfile.ZipFile(
            handle, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL
        ) as archive:
            archive.writestr("[Content_Types].xml", xlsx_parts.CONTENT_TYPES)
            archive.writestr("_rels/.rels", xlsx_parts.PACKAGE_RELS)
            absolute = f"$A$1:${self.letters[-1]}${len(self.rows) + 1}"
            archive.writestr(
                "xl/workbook.xml",
                xlsx_parts.workbook(self.sheet_title, self.summary_title, absolute),
            )
            archive.writestr("xl/_rels/workbook.xml.rels", xlsx_parts.WORKBOOK_RELS)
            archive.writestr("xl/styles.xml", xlsx_parts.styles(self.date_format, self.colours))
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                self._write_cases(part, filter_ref)
            if self.bad:
                raise CsvEncodingError(self.bad, "xlsx")
            archive.writestr("xl/worksheets/sheet2.xml", self._summary_xml(summary))
            if self.bad:
                raise CsvEncodingError(self.bad, "xlsx")

    def _write_cases(self, part: IO[bytes], filter_ref: str) -> None:
        widths = _widths(self.headers, self.rows)
        chunk = [xlsx_parts.sheet_head(widths, frozen_header=True), self._row_xml(1, self.headers)]
        first = 1
        row_xml = self._row_xml
        for number, row in enumerate(self.rows, start=2):
            chunk.append(row_xml(number, row))
            if number % _ROWS_PER_CHUNK == 0:
                self._flush(part, chunk, first)
                chunk, first = [], number + 1
        chunk.append(xlsx_parts.sheet_tail(filter_ref))
        self._flush(part, chunk, first)

    def _flush(self, part: IO[bytes], chunk: list[str], first: int) -> None:
        """Write rows ``first``… as made; one search finds a character no .xlsx may hold."""
        text = "".join(chunk)
        if _UNWRITABLE.search(text):
            for number in range(max(first, 2), first + len(chunk)):
                if number - 2 < len(self.rows):
                    self._refuse(number, self.rows[number - 2])
        part.write(text.encode("utf-8", "surrogatepass"))

    def _row_xml(self, number: int, row: Sequence[XlsxCell]) -> str:
        """One ``<row>``: strings inline, dates as serial numbers, blanks left out; the
        header row (number 1) bold."""
        r = str(number)
        bold = f' s="{xlsx_parts.BOLD}"' if number == 1 else ""
        parts = [f'<row r="{r}">']
        append = parts.append
        starts = self.starts
        tinted = self.tinted
        serials = self.serials
        for index, value in enumerate(row):
            if type(value) is str:
                if not value:
                    continue
                text = value
                if "&" in text or "<" in text or ">" in text:
                    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                space = ' xml:space="preserve"' if text != text.strip() else ""
                style = bold
                if index in tinted:
                    tint = tinted[index].get(value)
                    style = f' s="{tint}"' if tint else bold
                append(
                    f'{starts[index]}{r}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
                )
                if len(value) > MAX_XLSX_CELL_CHARS:
                    self._refuse(number, row)
            elif value is None:
                continue
            elif type(value) is dt.date:
                serial = serials.get(value)
                if serial is None:
                    serial = serials[value] = _serial(value)
                append(f'{starts[index]}{r}" s="{xlsx_parts.DATE}"><v>{serial}</v></c>')
            elif type(value) is int or type(value) is float:
                append(f'{starts[index]}{r}"{bold}><v>{value!r}</v></c>')
            elif isinstance(value, dt.datetime):
                raise TypeError("workbook cells hold dates, not date-times")
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a workbook cell")
        append("</row>")
        return "".join(parts)

    def _refuse(
        self, number: int, row: Sequence[XlsxCell], headers: Sequence[str] | None = None
    ) -> None:
        """Record the cells of ``row`` an .xlsx cannot hold (rows numbered as Excel does)."""
        headers = self.headers if headers is None else headers
        if any(cell.row == number for cell in self.bad[-len(row) :]):
            return  # this row was looked at already
        for index, value in enumerate(row):
            if not isinstance(value, str):
                continue
            found = _UNWRITABLE.findall(value)
            if found:
                characters = "".join(dict.fromkeys(found))
                self.bad.append(UnwritableCell(number, headers[index], characters, "xlsx"))
            elif len(value) > MAX_XLSX_CELL_CHARS:
                self.bad.append(UnwritableCell(number, headers[index], "", "xlsx"))

    def _summary_xml(self, summary: Sequence[tuple[str, XlsxCell]]) -> str:
        """The second sheet: a bold label and its value on each row."""
        label_width = max((display_width(str(label)) + 2 for label, _v in summary), default=0)
        widths = [float(max(label_width, _MIN_WIDTH)), 40.0]
        rows = []
        for number, (label, value) in enumerate(summary, start=1):
            cells = self._cell("A", number, label, bold=True) + self._cell("B", number, value)
            rows.append(f'<row r="{number}">{cells}</row>')
            if _UNWRITABLE.search(rows[-1]):
                self._refuse(number, [label, value], ["", ""])
        return (
            xlsx_parts.sheet_head(widths, frozen_header=False)
            + "".join(rows)
            + xlsx_parts.sheet_tail(None)
        )

    def _cell(self, letter: str, number: int, value: XlsxCell, *, bold: bool = False) -> str:
        """One cell of the second sheet (the first sheet's loop writes its cells inline)."""
        if value is None or value == "":
            return ""
        where = f'r="{letter}{number}"'
        if isinstance(value, str):
            space = ' xml:space="preserve"' if value != value.strip() else ""
            style = f' s="{xlsx_parts.BOLD}"' if bold else ""
            text = xlsx_parts.escape(value)
            return f'<c {where}{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        if isinstance(value, dt.datetime):
            raise TypeError("workbook cells hold dates, not date-times")
        if isinstance(value, dt.date):
            return f'<c {where} s="{xlsx_parts.DATE}"><v>{_serial(value)}</v></c>'
        return f"<c {where}><v>{value!r}</v></c>"


def _column_letter(number: int) -> str:
    """Excel's letters of the column ``number`` (1 → A, 27 → AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _serial(day: dt.date) -> str:
    """Excel's serial number of a date (1900 date system, with its phantom 29 February)."""
    ordinal = day.toordinal()
    serial = ordinal - _EXCEL_EPOCH
    if ordinal < _MARCH_1900 and serial > 0:
        serial -= 1
    return str(serial)


def _widths(headers: Sequence[str], rows: Sequence[Sequence[XlsxCell]]) -> list[float]:
    """Column widths (in Excel's character units) from the header and the first rows."""
    widths = [display_width(h) + 3 for h in headers]  # room for the autofilter button
    for row in rows[:_WIDTH_SAMPLE_ROWS]:
        for index, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                width = 16
            else:
                text = str(value)
                width = display_width(text.split("\n", 1)[0][:_MAX_WIDTH]) + 1
            if width > widths[index]:
                widths[index] = width
    return [float(min(max(w, _MIN_WIDTH), _MAX_WIDTH)) for w in widths]
