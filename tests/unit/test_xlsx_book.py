"""The streaming workbook reader gives every cell as openpyxl's own reader does.

Workbooks made by openpyxl (shared strings, rich text, number formats, dates in the 1900 and 1904
calendars, booleans, errors, formulas with and without saved values, gaps) and by LibreOffice
(when installed) are read by :mod:`coetracker.io.xlsx_book` and by openpyxl (read-only,
data-only): the values agree cell by cell, and the case list read from a LibreOffice copy of an
export equals the one read from the export.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from coetracker.io.xlsx_book import BookError
from coetracker.io.xlsx_book import Workbook as StreamedBook
from coetracker.io.xlsx_read import read_xlsx_file


def _openpyxl_rows(path: Path, sheet: str) -> dict[tuple[int, int], Any]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            (cell.row, cell.column - 1): cell.value
            for row in book[sheet].iter_rows()
            for cell in row
            if getattr(cell, "value", None) is not None
        }
    finally:
        book.close()


def _streamed_rows(path: Path, sheet: str) -> dict[tuple[int, int], Any]:
    book = StreamedBook(path.read_bytes())
    found: dict[tuple[int, int], Any] = {}
    for row in book.rows(sheet):
        for column, cell in enumerate(row.cells):
            value = cell if cell is None or isinstance(cell, str) else cell[0]
            if value is not None:
                found[(row.number, column)] = value
    return found


def _varied(path: Path, *, date1904: bool = False) -> None:
    book = Workbook()
    if date1904:
        book.epoch = dt.datetime(1904, 1, 1)
    sheet = book.active
    sheet.title = "一覧"
    sheet.append(["受託番号", "所属機関", "申請日", "金額", "済", "備考"])
    sheet.append([12, "株式会社さくら", dt.datetime(2025, 11, 3), 1234.5, True, "=SUM(1,2)"])
    sheet["A2"].number_format = "0000"
    sheet["C2"].number_format = "ggge年m月d日"
    sheet.append(["R-2", "ＡＢＣ", dt.date(2026, 1, 31), -3, False, "line 1\nline 2"])
    sheet.append([None, None, dt.datetime(2026, 2, 1, 9, 30), 0.25, None, "'=not a formula"])
    sheet["D4"].number_format = "0%"
    sheet["F5"] = CellRichText(["太字", TextBlock(InlineFont(b=True), "と普通")])
    sheet["H6"] = "gap before me"
    sheet["B7"] = dt.time(13, 45)
    sheet["C7"] = dt.timedelta(hours=30)
    sheet["C7"].number_format = "[h]:mm:ss"
    book.create_sheet("空")
    book.save(path)


@pytest.mark.parametrize("date1904", [False, True])
def test_cells_read_as_openpyxl_reads_them(tmp_path: Path, date1904: bool) -> None:
    path = tmp_path / "varied.xlsx"
    _varied(path, date1904=date1904)
    assert _streamed_rows(path, "一覧") == _openpyxl_rows(path, "一覧")
    assert StreamedBook(path.read_bytes()).names == ["一覧", "空"]


def test_formula_texts_and_saved_values(tmp_path: Path) -> None:
    path = tmp_path / "formulas.xlsx"
    book = Workbook()
    book.active.append(["所属機関", "申請人(姓)", "備考"])
    book.active.append(["ACME", "LE", "=1+2"])
    book.active.append(["ACME", "KIM", '=CONCAT("a","b")'])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    text = re.sub(r"<f>1\+2</f><v\s*/>", "<f>1+2</f><v>3</v>", parts[name].decode())
    text = re.sub(r'<c r="C3"><f>(.*?)</f><v\s*/>', r'<c r="C3" t="str"><f>\1</f><v>ab</v>', text)
    parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    rows = list(StreamedBook(path.read_bytes()).rows("Sheet"))
    assert rows[1].cells[2] == (3, "General", "=1+2")
    assert rows[2].cells[2] == ("ab", "General", '=CONCAT("a","b")')
    assert [r.notes for r in read_xlsx_file(path).records] == ["3", "ab"]


def test_a_damaged_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BookError):
        StreamedBook(b"PK\x03\x04 not a zip")
    path = tmp_path / "cut.xlsx"
    _varied(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:300]
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    with pytest.raises(BookError):
        list(StreamedBook(path.read_bytes()).rows("一覧"))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_reads_like_the_original(tmp_path: Path) -> None:
    """LibreOffice writes shared strings and its own styles: the case list read is the same."""
    original = tmp_path / "ours.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["受託番号", "所属機関", "申請人(姓)", "申請人(漢字)", "申請日", "備考"])
    for index in range(30):
        sheet.append(
            [
                f"26-{index:04d}",
                "株式会社さくら" if index % 2 else "ＡＢＣ商事",
                f"NGUYEN{index}",
                "王小明" if index % 3 else None,
                dt.date(2026, 1, 1) + dt.timedelta(days=index),
                "=not a formula" if index == 4 else f"メモ{index}",
            ]
        )
        sheet.cell(row=index + 2, column=6).data_type = "s"
    book.save(original)
    out = tmp_path / "lo"
    out.mkdir()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(original),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / "ours.xlsx"
    with zipfile.ZipFile(saved) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()
    ours, theirs = read_xlsx_file(original), read_xlsx_file(saved)
    assert ours.problems == () and theirs.problems == ()
    assert [r.raw for r in theirs.records] == [r.raw for r in ours.records]
    assert theirs.records[4].notes == "=not a formula"
