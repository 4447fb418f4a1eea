"""Writing the case list as an Excel workbook (.xlsx) with openpyxl (pure: no database, no Qt).

The first sheet has the same columns and rows as the CSV; the second one says when the file was
made, from which filter, and how many cases it holds.

* Cells are typed, so no guard is needed and none is written: text (identifiers, names, notes,
  whatever they begin with — a text starting with ``=`` is a string cell, never a formula) as
  string cells, dates as date cells shown in the style asked for (Western ``yyyy/mm/dd`` or
  the Japanese era ``[$-411]ggge"年"m"月"d"日"`` or ``[$-411]ge.m.d``), numbers (経過日数) as
  numbers.
* The header row is bold and frozen, with an autofilter over the data; each column's width is
  fitted to the East Asian display width of its header and first rows; a column may be tinted
  cell by cell (the readiness column, in the window's colours).
* Characters an .xlsx cannot hold (control characters other than tab and line ends) and cells
  longer than Excel's 32,767 characters stop the export before anything is written, with
  :class:`~coetracker.io.csv_write.CsvEncodingError` naming every row and column.
* openpyxl's write-only mode streams rows to a temporary file beside the target, which is
  renamed into place (readable by its owner only), so a failed export leaves no partial file.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from coetracker.io.csv_columns import EXPORT_COLUMNS, Column, HeaderStyle
from coetracker.io.csv_write import CsvEncodingError, UnwritableCell
from coetracker.textwidth import display_width

__all__ = [
    "DATE_FORMAT_ERA",
    "DATE_FORMAT_ERA_SHORT",
    "DATE_FORMAT_WESTERN",
    "MAX_XLSX_CELL_CHARS",
    "XlsxCell",
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
_BOLD = Font(bold=True)


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
    _check(rows, headers)
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(title=sheet_title)
    last = get_column_letter(len(columns))
    for index, width in enumerate(_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"

    sheet.append([_styled(sheet, header, font=_BOLD) for header in headers])
    fills = {
        index: {text: PatternFill("solid", start_color=rgb) for text, rgb in by_text.items()}
        for index, column in enumerate(columns)
        if tints and (by_text := tints.get(column.key))
    }
    dates: dict[type, str] = {dt.date: date_format}
    for row in rows:
        cells: list[Any] = list(row)
        for index, value in enumerate(cells):
            if isinstance(value, str):
                if value[:1] == "=":
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    cells[index] = cell
            elif type(value) in dates:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = date_format
                cells[index] = cell
        for index, by_text in fills.items():
            text = row[index]
            fill = by_text.get(text) if isinstance(text, str) else None
            if fill is not None:
                cells[index] = _styled(sheet, cells[index], fill=fill)
        sheet.append(cells)

    summary_sheet: Any = workbook.create_sheet(title=summary_title)
    summary_sheet.column_dimensions["A"].width = max(
        (display_width(str(label)) + 2 for label, _value in summary), default=_MIN_WIDTH
    )
    summary_sheet.column_dimensions["B"].width = 40
    for label, value in summary:
        if isinstance(value, dt.date):
            value = _styled(summary_sheet, value, number_format=date_format)
        elif isinstance(value, str) and value[:1] == "=":
            value = _styled(summary_sheet, value)
            value.data_type = "s"
        summary_sheet.append([_styled(summary_sheet, label, font=_BOLD), value])

    if isinstance(target, str | os.PathLike):
        _save_atomically(workbook, Path(target))
    else:
        workbook.save(target)
    return len(rows)


def _styled(sheet: Any, value: Any, **style: Any) -> Any:
    cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _check(rows: Sequence[Sequence[XlsxCell]], headers: Sequence[str]) -> None:
    """Refuse (naming every cell) what an .xlsx cannot hold; rows numbered as Excel does."""
    bad: list[UnwritableCell] = []
    for number, row in enumerate(rows, start=2):
        if len(row) != len(headers):
            raise ValueError(f"row {number} has {len(row)} cells for {len(headers)} columns")
        for index, value in enumerate(row):
            if not isinstance(value, str):
                continue
            if ILLEGAL_CHARACTERS_RE.search(value):
                found = "".join(dict.fromkeys(ILLEGAL_CHARACTERS_RE.findall(value)))
                bad.append(UnwritableCell(number, headers[index], found, "xlsx"))
            elif len(value) > MAX_XLSX_CELL_CHARS:
                bad.append(UnwritableCell(number, headers[index], "", "xlsx"))
    if bad:
        raise CsvEncodingError(bad, "xlsx")


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


def _save_atomically(workbook: Workbook, path: Path) -> None:
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            workbook.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
