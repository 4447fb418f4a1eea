"""The streamed .xlsx writer (io/xlsx_write.py): what its hand-made XML holds, read by openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coetracker.io.csv_codec import EXPORT_COLUMNS, CsvEncodingError
from coetracker.io.xlsx_write import XlsxCell, write_xlsx

KEYS = [c.key for c in EXPORT_COLUMNS]


def _row(**cells: XlsxCell) -> list[XlsxCell]:
    row: list[XlsxCell] = [None] * len(EXPORT_COLUMNS)
    for key, value in cells.items():
        row[KEYS.index(key)] = value
    return row


def test_markup_whitespace_and_dates_come_back_as_written(tmp_path: Path) -> None:
    notes = ["a < b & c > d", "  two spaces", "trailing\n", "行1\n行2", '"quoted"', "=1+1"]
    days = [dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1), dt.date(2026, 11, 27)]
    rows = [
        _row(client="株式会社<A&B>", notes=note, filing_date=day, elapsed_days=index - 2)
        for index, (note, day) in enumerate(zip(notes, [*days, *days], strict=False))
    ]
    path = tmp_path / "t.xlsx"
    assert write_xlsx(rows, path) == len(rows)
    sheet = load_workbook(path).worksheets[0]
    notes_column = KEYS.index("notes") + 1
    for number, row in enumerate(rows, start=2):
        assert sheet.cell(number, 2).value == "株式会社<A&B>"
        note = sheet.cell(number, notes_column)
        assert note.value == row[KEYS.index("notes")] and note.data_type == "s"
        date_cell = sheet.cell(number, KEYS.index("filing_date") + 1)
        assert date_cell.is_date and date_cell.value.date() == row[KEYS.index("filing_date")]
        assert sheet.cell(number, KEYS.index("elapsed_days") + 1).value == number - 4


def test_every_unwritable_cell_is_named_across_chunks_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    rows = [_row(client=f"社{i}") for i in range(4_500)]
    rows[0][KEYS.index("notes")] = "bell\x07"
    rows[2_500][KEYS.index("family_name")] = "lone \ud800"
    rows[4_499][KEYS.index("notes")] = "x" * 32_768
    path = tmp_path / "t.xlsx"
    with pytest.raises(CsvEncodingError) as caught:
        write_xlsx(rows, path)
    assert [(c.row, c.column) for c in caught.value.cells] == [
        (2, "備考"),
        (2_502, "申請人(姓)"),
        (4_501, "備考"),
    ]
    assert list(tmp_path.iterdir()) == []
    stream = io.BytesIO()
    with pytest.raises(CsvEncodingError):
        write_xlsx(rows, stream)
    assert stream.getvalue() == b""


def test_a_stream_gets_a_whole_package(tmp_path: Path) -> None:
    stream = io.BytesIO()
    write_xlsx([_row(client="ABC")], stream, sheet_title="案件一覧", summary=[("件数", 1)])
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as archive:
        assert archive.testzip() is None
        assert "xl/worksheets/sheet1.xml" in archive.namelist()
    book = load_workbook(io.BytesIO(stream.getvalue()))
    assert book.sheetnames[0] == "案件一覧"
    assert book.worksheets[1]["B1"].value == 1


def test_sheet_titles_are_made_acceptable_to_excel(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx([_row(client="A")], path, sheet_title="Cases: 2026/11 [all]", summary_title="x" * 40)
    names = load_workbook(path).sheetnames
    assert names[0] == "Cases  2026 11  all"
    assert names[1] == "x" * 31
