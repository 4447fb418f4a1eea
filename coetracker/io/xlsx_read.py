"""Reading a case list from an Excel workbook (.xlsx) with openpyxl (pure: no database, no Qt).

The workbook is read in openpyxl's read-only (streaming) mode and each cell turned into the text
the CSV reader expects, then read by :func:`coetracker.io.csv_read.read_table` — the same
header mapping, checks and :class:`~coetracker.io.csv_read.ParsedSheet` as a CSV file.

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
  workbook made by a program that does not compute) is a problem of that row. A workbook is
  read once, and a second time only when it holds formulas (for their saved values).
* Merged cells and hidden rows below the header are reported as ``notices`` (they do not stop
  the import) for workbooks up to :data:`LAYOUT_CHECK_BYTES`, which are opened fully for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.io.csv_columns import ColumnKind, match_header
from coetracker.io.csv_read import (
    MAX_FILE_BYTES,
    CsvReadError,
    ParsedSheet,
    Problem,
    header_row_index,
    read_table,
)

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

LAYOUT_CHECK_BYTES = 5 * 1024 * 1024
"""Workbooks up to this size are also opened fully to report merged cells and hidden rows
(the streaming reader cannot see them)."""

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
    return list(_open(data, data_only=True).sheetnames)


def read_xlsx(data: bytes | BinaryIO, sheet: str | None = None) -> ParsedSheet:
    """Read the case list from a workbook (see the module documentation).

    Raises :class:`~coetracker.io.csv_read.CsvReadError` when the file is not a workbook or
    has no sheet ``sheet``.
    """
    raw = data if isinstance(data, bytes) else data.read()
    formulas = _open(raw, data_only=False)
    try:
        names = list(formulas.sheetnames)
        if sheet is not None and sheet not in names:
            raise _error(_NO_SHEET, sheet=sheet, sheets="、".join(names))
        chosen = sheet if sheet is not None else _first_matching(formulas, names)
        table, formula_cells = _cells(formulas[chosen])
    finally:
        formulas.close()
    if formula_cells:
        # Only a workbook with formulas is read twice: for the values Excel saved with them.
        values = _open(raw, data_only=True)
        try:
            _saved_values(values[chosen], table, formula_cells)
        finally:
            values.close()
    header_index = header_row_index([[_text(v) for v, _f, _c in row] for row in table[:20]])
    headers = table[header_index] if header_index is not None else []
    kinds = [
        column.kind if (column := match_header(_text(h[0]))) is not None else None for h in headers
    ]
    texts: list[list[str]] = []
    problems: dict[tuple[int, int], Message] = {}
    for row_index, row in enumerate(table):
        cells: list[str] = []
        for column_index, (value, number_format, formula) in enumerate(row):
            kind = kinds[column_index] if column_index < len(kinds) else None
            if formula is not None and value is None:
                problems[(row_index, column_index)] = message(
                    "Csv", _NO_CACHED_VALUE, formula=formula
                )
            text, problem = _cell_text(value, number_format, kind)
            if problem is not None:
                problems[(row_index, column_index)] = problem
            cells.append(text)
        texts.append(cells)
    parsed = read_table(
        texts,
        encoding=XLSX_ENCODING,
        guarded=False,
        cell_problems=problems,
        sheet_name=chosen,
        sheet_names=names,
    )
    if len(raw) > LAYOUT_CHECK_BYTES:
        return parsed
    return dataclasses.replace(parsed, notices=tuple(_layout_notices(raw, chosen, header_index)))


def _layout_notices(raw: bytes, chosen: str, header_index: int | None) -> list[Problem]:
    """Merged cells and hidden rows below the header, as notices by row."""
    try:
        sheet = load_workbook(io.BytesIO(raw), data_only=True)[chosen]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return []
    first = (header_index or 0) + 1
    notices = [
        Problem(ranges.min_row, "", message("Csv", _MERGED, cells=ranges.coord))
        for ranges in sheet.merged_cells.ranges
        if ranges.max_row > first
    ]
    notices += [
        Problem(row, "", message("Csv", _HIDDEN, row=row))
        for row, dimension in sheet.row_dimensions.items()
        if dimension.hidden and row > first
    ]
    return sorted(notices, key=lambda notice: notice.row)


def _error(source: str, /, **params: object) -> CsvReadError:
    return CsvReadError(message("Csv", source, **params))


def _open(data: bytes, *, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise _error(_NOT_WORKBOOK, reason=type(error).__name__) from None


def _first_matching(workbook: Any, names: Sequence[str]) -> str:
    """The first sheet whose top rows hold a known header; else the first sheet."""
    for name in names:
        sheet = workbook[name]
        if not hasattr(sheet, "iter_rows"):  # a chart sheet
            continue
        for row in sheet.iter_rows(max_row=20, values_only=True):
            if any(isinstance(v, str) and match_header(v) is not None for v in row):
                return name
    return names[0]


_Cell = tuple[Any, str, str | None]
"""(value, number format of a number, formula text when the cell holds a formula)."""


def _cells(sheet: Any) -> tuple[list[list[_Cell]], set[tuple[int, int]]]:
    """Every row of a sheet as cells (a formula's value still unknown), and where formulas are."""
    table: list[list[_Cell]] = []
    formula_cells: set[tuple[int, int]] = set()
    for row_index, row in enumerate(sheet.iter_rows()):
        cells: list[_Cell] = []
        for column_index, cell in enumerate(row):
            value = cell.value
            if getattr(cell, "data_type", None) == "f":
                formula_cells.add((row_index, column_index))
                cells.append((None, "General", str(value)))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append((value, cell.number_format or "General", None))
            else:
                cells.append((value, "General", None))
        table.append(cells)
    return table, formula_cells


def _saved_values(
    sheet: Any, table: list[list[_Cell]], formula_cells: set[tuple[int, int]]
) -> None:
    """Fill in the values saved with the formulas (None when there is none)."""
    wanted_rows = {row for row, _column in formula_cells}
    for row_index, row in enumerate(sheet.iter_rows()):
        if row_index not in wanted_rows:
            continue
        for column_index, cell in enumerate(row):
            if (row_index, column_index) in formula_cells:
                _old, _format, formula = table[row_index][column_index]
                number_format = getattr(cell, "number_format", "General") or "General"
                table[row_index][column_index] = (cell.value, number_format, formula)


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
