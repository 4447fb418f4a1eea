"""A worksheet is read a batch of rows at a time, and event by event when its XML is unusual.

Both ways give the same rows as openpyxl's own reader: for a sheet of many batches, for a
namespace prefix on every element, for a comment or a CDATA section holding a row end tag
(early and after many rows already given), for an entity declared in a document type, for
rows written as empty elements after the last cell; and a shared-string table, read in batches
too, gives the same texts. The usual sheet and table never take the slow way.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element

import pytest
from openpyxl import Workbook, load_workbook

from coetracker.io import xlsx_book
from coetracker.io.xlsx_book import Workbook as StreamedBook
from coetracker.io.xlsx_cells import SheetRow
from coetracker.io.xlsx_read import read_xlsx_file

SHEET = "xl/worksheets/sheet1.xml"


def _openpyxl_rows(path: Path) -> dict[tuple[int, int], Any]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {
            (cell.row, cell.column - 1): cell.value
            for row in book.worksheets[0].iter_rows()
            for cell in row
            if getattr(cell, "value", None) is not None
        }
    finally:
        book.close()


def _streamed(path: Path) -> tuple[dict[tuple[int, int], Any], list[int], list[str]]:
    """The cells by (row, column), the hidden rows and the merged ranges."""
    book = StreamedBook(path.read_bytes())
    cells: dict[tuple[int, int], Any] = {}
    hidden: list[int] = []
    merged: list[str] = []
    for row in book.rows(book.names[0], merged):
        if row.hidden:
            hidden.append(row.number)
        for column, cell in enumerate(row.cells):
            value = cell if cell is None or isinstance(cell, str) else cell[0]
            if value is not None:
                cells[(row.number, column)] = value
    return cells, hidden, merged


def _ledger(path: Path, rows: int = 1_500) -> None:
    """A sheet of many batches: text, numbers in formats, dates, gaps, merges, hidden rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(["受託番号", "所属機関", "申請人(姓)", "申請日", "金額", "備考", "申請番号"])
    for index in range(rows):
        sheet.append(
            [
                index,
                f"株式会社さくら{index % 7}",
                "NGUYEN" if index % 3 else None,
                dt.date(2025, 1, 1) + dt.timedelta(days=index % 400),
                index * 1.5,
                "メモ\n二行目 <&> " * (index % 4),
                f"東就認T{index:07d}",
            ]
        )
        sheet.cell(row=index + 2, column=1).number_format = "0000"
    sheet.merge_cells("B3:B4")
    sheet.row_dimensions[1_000].hidden = True
    book.save(path)


def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[SHEET] = change(parts[SHEET].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


@pytest.fixture
def event_by_event(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the sheets read event by event (the slow way)."""
    calls: list[int] = []
    plain = xlsx_book.Workbook._parse

    def counted(self: StreamedBook, *args: Any) -> Iterator[SheetRow]:
        calls.append(1)
        return plain(self, *args)

    monkeypatch.setattr(xlsx_book.Workbook, "_parse", counted)
    return calls


def _before_end(insert: str) -> Callable[[str], str]:
    """Puts ``insert`` after the last row: the last cut of the batches falls inside it."""
    return lambda text: text.replace("</sheetData>", insert + "</sheetData>", 1)


def _last(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        head, found, tail = text.rpartition(old)
        assert found
        return head + new + tail

    return change


def test_a_sheet_of_many_batches_reads_as_openpyxl_reads_it(
    tmp_path: Path, event_by_event: list[int]
) -> None:
    path = tmp_path / "ledger.xlsx"
    _ledger(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET).file_size > 10 * 16 * 1024  # ten batches and more
    cells, hidden, merged = _streamed(path)
    assert cells == _openpyxl_rows(path)
    assert (hidden, merged) == ([1_000], ["B3:B4"])
    assert cells[(2, 0)] == 0 and cells[(1_501, 0)] == 1_499
    assert event_by_event == []


@pytest.mark.parametrize(
    ("name", "change"),
    [
        (
            "prefixed",
            lambda text: re.sub(r"<(/?)([A-Za-z]\w*)([\s/>])", r"<\1x:\2\3", text).replace(
                'xmlns="http://schemas', 'xmlns:x="http://schemas', 1
            ),
        ),
        (
            "empty rows at the end",
            lambda text: text.replace("</sheetData>", '<row r="1600" hidden="1"/></sheetData>'),
        ),
    ],
)
def test_other_layouts_read_alike_without_the_slow_way(
    tmp_path: Path, event_by_event: list[int], name: str, change: Callable[[str], str]
) -> None:
    path = tmp_path / "ledger.xlsx"
    _ledger(path)
    expected = _streamed(path)
    _rewrite(path, change)
    cells, hidden, merged = _streamed(path)
    assert (cells, merged) == (expected[0], expected[2]), name
    assert hidden == expected[1] + ([1_600] if name.startswith("empty") else [])
    assert event_by_event == []


@pytest.mark.parametrize(
    ("name", "change", "slow"),
    [
        (
            "comment mid-sheet",
            lambda text: text.replace('<row r="900"', "<!-- </row> -->" + '<row r="900"', 1),
            None,
        ),
        ("comment after the rows", _before_end("<!-- </row> -->"), True),
        ("processing instruction after the rows", _before_end("<?note </row> ?>"), True),
        (
            "CDATA in the last row",
            _last("<t>株式会社さくら1</t>", "<t><![CDATA[株式会社</row>さくら1]]></t>"),
            None,
        ),
        (
            "entity in a document type",
            lambda text: text.replace(
                "<worksheet", '<!DOCTYPE worksheet [<!ENTITY co "株式会社">]><worksheet', 1
            ).replace("<t>株式会社さくら5</t>", "<t>&co;さくら5</t>"),
            True,
        ),
    ],
)
def test_unusual_layouts_read_alike(
    tmp_path: Path,
    event_by_event: list[int],
    name: str,
    change: Callable[[str], str],
    slow: bool | None,
) -> None:
    """Rows the batches gave before the layout proved unusual are not given twice."""
    path = tmp_path / "ledger.xlsx"
    _ledger(path)
    expected = _streamed(path)
    _rewrite(path, change)
    found = _streamed(path)
    if name.startswith("CDATA"):
        last = max(key for key, value in expected[0].items() if value == "株式会社さくら1")
        expected[0][last] = "株式会社</row>さくら1"
    assert found == expected, name
    assert found[0] == _openpyxl_rows(path)
    if slow is not None:  # None: either way may be taken, as the batches happen to fall
        assert event_by_event == ([1] if slow else [])


def test_a_sheet_cut_short_is_refused_whichever_way(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    _ledger(path)
    _rewrite(path, lambda text: text[: len(text) * 2 // 3])
    with pytest.raises(xlsx_book.BookError):
        _streamed(path)


def test_identifiers_keep_their_zeros_across_batches(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    _ledger(path, rows=2_000)
    parsed = read_xlsx_file(path)
    assert [r.reference for r in parsed.records[:3]] == ["0000", "0001", "0002"]
    assert parsed.records[-1].reference == "1999"
    assert len(parsed.records) == 2_000


def _shared_strings(path: Path, tail: str = "") -> None:
    """Turns every inline text cell into a shared string, as Excel and LibreOffice save text;
    ``tail`` goes after the last item."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    items: dict[str, int] = {}

    def shared(found: re.Match[str]) -> str:
        index = items.setdefault(found[3], len(items))
        return f'<c r="{found[1]}"{found[2] or ""} t="s"><v>{index}</v></c>'

    parts[SHEET] = re.sub(
        r'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is>(<t[^>]*>.*?</t>)</is></c>',
        shared,
        parts[SHEET].decode(),
        flags=re.DOTALL,
    ).encode()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{main}">'
        + "".join(f"<si>{item}</si>" for item in items)
        + f"{tail}</sst>"
    ).encode()
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdS" Type="{kind}" Target="sharedStrings.xml"/>'.encode()
        + b"</Relationships>",
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


@pytest.mark.parametrize(
    ("tail", "slow"), [("", False), ("<extLst/>", False), ("<!-- </si> -->", True)]
)
def test_shared_strings_read_alike_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tail: str, slow: bool
) -> None:
    path = tmp_path / "ledger.xlsx"
    _ledger(path)
    expected = _streamed(path)
    _shared_strings(path, tail)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/sharedStrings.xml").file_size > 2 * 16 * 1024
    calls: list[int] = []
    plain = xlsx_book.iterparse

    def counted(stream: IO[bytes]) -> Iterator[tuple[str, Element]]:
        calls.append(1)
        return plain(stream)

    monkeypatch.setattr(xlsx_book, "iterparse", counted)
    found = _streamed(path)
    assert found == expected
    assert found[0] == _openpyxl_rows(path)
    assert calls == ([1] if slow else [])


def test_shared_strings_drop_the_x005f_escape_as_openpyxl_does(tmp_path: Path) -> None:
    path = tmp_path / "escaped.xlsx"
    book = Workbook()
    book.active.append(["所属機関", "申請人(姓)", "備考"])
    book.active.append(["ACME", "LE", "a_x005F_x000D_b", "placeholder"])
    book.save(path)
    _shared_strings(path)
    with zipfile.ZipFile(path) as archive:
        strings = archive.read("xl/sharedStrings.xml")
        strings = strings.replace(b"<t>placeholder</t>", b"<r><t>c_x005F_</t></r><r><t>d</t></r>")
        assert b"a_x005F_x000D_b" in strings
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/sharedStrings.xml"] = strings
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    cells, _hidden, _merged = _streamed(path)
    assert cells == _openpyxl_rows(path)
    assert (cells[(2, 2)], cells[(2, 3)]) == ("a_x000D_b", "c_d")
