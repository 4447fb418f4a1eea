"""Reading a case list from an Excel workbook (.xlsx) (pure: no database, no Qt).

The worksheet is streamed row by row (:mod:`coetracker.io.xlsx_book`: the standard library's XML
parser, openpyxl's number-format and date rules) and each cell turned into the text the CSV
reader expects, then read by :func:`coetracker.io.csv_read.read_table` — the same header
mapping, checks and :class:`~coetracker.io.csv_read.ParsedSheet` as a CSV file.

* Which sheet: the one named (``sheet=``), else the first whose top rows hold a known header;
  else the first sheet (whose missing headers are then reported). A title row above the header
  is skipped, as in a CSV file.
* Cells are read as what they are: a date cell is a date whatever its display format (written
  as ISO for the date parser); a number is written without a trailing ``.0``, and with the
  leading zeros its number format shows (``0000`` → ``0012``); text as it stands (a workbook
  keeps text as text, so no CSV guard is undone).
* A number in an identifier column (受託番号, 申請番号) whose text as shown cannot be known
  (a fraction, or a format other than General, ``0``, ``@`` or zeros) is a problem of that row.
* A formula cell gives the value Excel saved with it; a formula without a saved value (a
  workbook made by a program that does not compute) is a problem of that row.
* Merged cells and hidden rows below the header are reported as ``notices`` (they do not stop
  the import), found in the same pass.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, cast

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.io.csv_columns import ColumnKind, match_header
from coetracker.io.csv_read import (
    HEADER_SEARCH_ROWS,
    ParsedSheet,
    Problem,
    collector_paused,
    header_row_index,
    read_table,
)
from coetracker.io.csv_text import MAX_FILE_BYTES, CsvReadError
from coetracker.io.xlsx_book import BookError, Cell, SheetRow, Workbook

__all__ = ["XLSX_ENCODING", "is_workbook", "read_xlsx", "read_xlsx_file", "sheet_names"]

XLSX_ENCODING = "xlsx"
"""The ``encoding`` of a sheet read from a workbook."""

_NOT_WORKBOOK = QT_TRANSLATE_NOOP(
    "Csv", "The file is not a readable Excel workbook (.xlsx): {reason}"
)
_NO_SHEET = QT_TRANSLATE_NOOP("Csv", "The workbook has no sheet “{sheet}”; its sheets: {sheets}.")
_TOO_BIG = QT_TRANSLATE_NOOP("Csv", "The file is too large ({size} MB; the limit is {limit} MB).")
_NO_CACHED_VALUE = QT_TRANSLATE_NOOP(
    "Csv",
    "The cell holds a formula ({formula}) without a saved value: open and save the workbook in "
    "Excel, or replace the formula by its value.",
)
_NUMBER_ID = QT_TRANSLATE_NOOP(
    "Csv",
    "The identifier {value} is a number cell (format “{format}”): its text as shown cannot be "
    "known. Format the column as text (@) and type it again.",
)

_MERGED = QT_TRANSLATE_NOOP(
    "Csv",
    "Cells {cells} are merged: only the first holds the value, the others are read as blank.",
)
_HIDDEN = QT_TRANSLATE_NOOP(
    "Csv", "Row {row} is hidden in the workbook; it is imported like the others."
)

_ZEROS = re.compile(r"0+")
_PLAIN_FORMATS = frozenset({"general", "0", "@"})


def is_workbook(path: str | Path) -> bool:
    """Whether the file begins like an .xlsx (a ZIP archive), whatever its name."""
    with Path(path).open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def read_xlsx_file(path: str | Path, sheet: str | None = None) -> ParsedSheet:
    """:func:`read_xlsx` on a file, refusing one over the size limit before reading it."""
    file = Path(path)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _error(_TOO_BIG, size=round(size / 1024 / 1024, 1), limit=MAX_FILE_BYTES // 1024**2)
    return read_xlsx(file.read_bytes(), sheet)


def sheet_names(data: bytes) -> list[str]:
    """The names of a workbook's worksheets, in order."""
    return _open(data).names


def read_xlsx(data: bytes | BinaryIO, sheet: str | None = None) -> ParsedSheet:
    """Read the case list from a workbook (see the module documentation).

    Raises :class:`~coetracker.io.csv_text.CsvReadError` when the file is not a workbook or
    has no sheet ``sheet``.
    """
    book = _open(data)
    names = book.names
    if sheet is not None and sheet not in names:
        raise _error(_NO_SHEET, sheet=sheet, sheets="、".join(names))
    chosen = sheet if sheet is not None else _first_matching(book, names)
    merged: list[str] = []
    reader = _SheetReader()
    with collector_paused():
        try:
            for row in book.rows(chosen, merged, blank=""):
                reader.add(row)
        except BookError as error:
            raise _error(_NOT_WORKBOOK, reason=str(error)) from None
        reader.finish()
        parsed = read_table(
            reader.texts,
            encoding=XLSX_ENCODING,
            guarded=False,
            cell_problems=reader.problems,
            sheet_name=chosen,
            sheet_names=names,
        )
    return dataclasses.replace(parsed, notices=tuple(reader.notices(merged)))


class _SheetReader:
    """Turns a sheet's rows into the cell texts the CSV reader reads, row by row: the top rows
    are held until the header row is known (it decides which columns hold identifiers)."""

    def __init__(self) -> None:
        self.texts: list[list[str]] = []
        self.problems: dict[tuple[int, int], Message] = {}
        self.hidden: list[int] = []
        self.held: list[SheetRow] = []
        self.kinds: list[ColumnKind | None] | None = None
        self.header_index: int | None = None
        self.converted: dict[tuple[Any, ...], tuple[str, Message | None]] = {}

    def add(self, row: SheetRow) -> None:
        if row.hidden:
            self.hidden.append(row.number)
        if self.kinds is None:
            self.held.append(row)
            if row.number >= HEADER_SEARCH_ROWS:
                self._header_found()
            return
        self._convert(row)

    def finish(self) -> None:
        if self.kinds is None:
            self._header_found()

    def _header_found(self) -> None:
        top: list[list[str]] = [[] for _ in range(HEADER_SEARCH_ROWS)]
        for row in self.held:
            if row.number <= HEADER_SEARCH_ROWS:
                top[row.number - 1] = [_text(_value_of(c)) for c in row.cells]
        self.header_index = header_row_index(top)
        headers = next((r.cells for r in self.held if r.number - 1 == self.header_index), [])
        self.kinds = [
            column.kind if (column := match_header(_text(_value_of(cell)))) is not None else None
            for cell in headers
        ]
        for row in self.held:
            self._convert(row)
        self.held = []

    def _convert(self, row: SheetRow) -> None:
        kinds = self.kinds or []
        row_index = row.number - 1
        while len(self.texts) < row_index:
            self.texts.append([])
        cells = row.cells  # text cells stay; the others are turned into texts in place
        for column_index in row.typed:
            value, number_format, formula = cast("Cell", cells[column_index])
            kind = kinds[column_index] if column_index < len(kinds) else None
            if formula is not None and value is None:
                self.problems[(row_index, column_index)] = message(
                    "Csv", _NO_CACHED_VALUE, formula=formula
                )
            key = (type(value), value, number_format, kind)
            known = self.converted.get(key)
            if known is None:
                known = self.converted[key] = _cell_text(value, number_format, kind)
            text, problem = known
            if problem is not None:
                self.problems[(row_index, column_index)] = problem
            cells[column_index] = text
        self.texts.append(cast("list[str]", cells))

    def notices(self, merged: list[str]) -> list[Problem]:
        """Merged cells and hidden rows below the header, as notices by row."""
        first = (self.header_index or 0) + 1
        notices: list[Problem] = []
        for cells in merged:
            low, _colon, high = cells.partition(":")
            top, bottom = _row_of(low), _row_of(high or low)
            if bottom > first:
                notices.append(Problem(top, "", message("Csv", _MERGED, cells=cells)))
        notices += [
            Problem(row, "", message("Csv", _HIDDEN, row=row)) for row in self.hidden if row > first
        ]
        return sorted(notices, key=lambda notice: notice.row)


def _value_of(cell: Cell | str | None) -> Any:
    """A streamed cell's value."""
    return cell if cell is None or isinstance(cell, str) else cell[0]


def _row_of(reference: str) -> int:
    digits = reference.lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return int(digits.replace("$", "")) if digits.replace("$", "").isdigit() else 0


def _error(source: str, /, **params: object) -> CsvReadError:
    return CsvReadError(message("Csv", source, **params))


def _open(data: bytes | BinaryIO) -> Workbook:
    try:
        return Workbook(data)
    except BookError as error:
        raise _error(_NOT_WORKBOOK, reason=str(error)) from None


def _first_matching(book: Workbook, names: Sequence[str]) -> str:
    """The first sheet whose top rows hold a known header; else the first sheet."""
    for name in names:
        if not book.has_cells(name):  # a chart sheet
            continue
        try:
            for row in book.rows(name):
                if row.number > HEADER_SEARCH_ROWS:
                    break
                if any(isinstance(c, str) and match_header(c) for c in row.cells):
                    return name
        except BookError as error:
            raise _error(_NOT_WORKBOOK, reason=str(error)) from None
    return names[0]


def _text(value: Any) -> str:
    """A header cell's text."""
    return "" if value is None else str(value)


def _cell_text(
    value: Any, number_format: str, kind: ColumnKind | None
) -> tuple[str, Message | None]:
    """The text the CSV reader gets for a typed cell, and a problem if it cannot be known."""
    if value is None:
        return "", None
    if isinstance(value, str):
        return value, None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat(), None
        return value.isoformat(sep=" "), None
    if isinstance(value, dt.date | dt.time):
        return value.isoformat(), None
    if isinstance(value, int | float):
        integral = float(value).is_integer()
        text = str(int(value)) if integral else repr(value)
        folded = number_format.strip().casefold()
        if integral and _ZEROS.fullmatch(folded):
            return text.zfill(len(folded)), None
        if kind == ColumnKind.IDENTIFIER and (not integral or folded not in _PLAIN_FORMATS):
            return text, message("Csv", _NUMBER_ID, value=text, format=number_format)
        return text, None
    return str(value), None
