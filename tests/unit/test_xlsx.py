"""Excel workbooks (.xlsx): what the writer makes, what the reader takes, and both ways round."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from coetracker.io.csv_codec import (
    CASE_COLUMNS,
    EXPORT_COLUMNS,
    CsvEncodingError,
    CsvReadError,
    read_csv,
)
from coetracker.io.xlsx_read import read_xlsx, read_xlsx_file
from coetracker.io.xlsx_write import DATE_FORMAT_ERA, write_xlsx
from coetracker.services.csv_import import apply_import, read_import_file
from coetracker.storage.engine import Database
from coetracker.storage.models import Applicant, Case

KEYS = [c.key for c in EXPORT_COLUMNS]

# Text a user may type: kanji, kana, emoji, formula-looking text, leading zeros, line ends.
SPECIAL = [
    "=1+1",
    '=HYPERLINK("http://x")',
    "+81-3-1234",
    "-",
    "@SUM(A1)",
    "'quoted",
    "0012",
    "００１２",
    "R7.11.3",
    "1-2",
    "TRUE",
    "\n=1+1",
    "張 偉\n二行目",
    "👨‍👩‍👧 家族",
    "𠮷野家",
]
TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(
        alphabet=st.characters(
            exclude_categories=["Cs", "Cc"],
            include_characters="\t\n",
        ),
        max_size=12,
    ),
)


def _row(draw: st.DrawFn) -> list[str | None]:
    cells: list[str | None] = [None] * len(EXPORT_COLUMNS)
    for column in CASE_COLUMNS:
        if column.kind.value in ("text", "identifier", "client"):
            cells[KEYS.index(column.key)] = draw(TEXT) or None
    cells[KEYS.index("client")] = draw(TEXT.filter(lambda s: bool(s.strip())))
    return cells


@st.composite
def rows(draw: st.DrawFn) -> list[list[str | None]]:
    return [_row(draw) for _ in range(draw(st.integers(1, 4)))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows())
def test_text_survives_a_workbook_both_ways(
    tmp_path_factory: pytest.TempPathFactory, table: list[list[str | None]]
) -> None:
    path = tmp_path_factory.mktemp("x") / "t.xlsx"
    write_xlsx(table, path)
    sheet = read_xlsx_file(path)
    assert len(sheet.records) == len(table)
    for written, record in zip(table, sheet.records, strict=True):
        for column in CASE_COLUMNS:
            if column.kind.value in ("text", "identifier", "client"):
                assert record.raw[column.key] == (written[KEYS.index(column.key)] or "")
    # No string ever became a formula.
    workbook = load_workbook(path)
    assert not [c for r in workbook.worksheets[0].iter_rows() for c in r if c.data_type == "f"]


def test_long_notes_and_formula_text_stay_text(tmp_path: Path) -> None:
    notes = "長い備考" * 2_500  # 10,000 characters
    table: list[list[object]] = [[None] * len(KEYS) for _ in range(2)]
    table[0][KEYS.index("client")] = "=CMD()"
    table[0][KEYS.index("notes")] = notes
    table[0][KEYS.index("reference")] = "0012"
    table[1][KEYS.index("client")] = "株式会社ABC"
    table[1][KEYS.index("notes")] = "=1+1"
    path = tmp_path / "t.xlsx"
    write_xlsx(table, path)  # type: ignore[arg-type]
    cells = load_workbook(path).worksheets[0]
    assert cells["B2"].data_type == "s" and cells["B2"].value == "=CMD()"
    assert cells["A2"].data_type == "s" and cells["A2"].value == "0012"
    records = read_xlsx_file(path).records
    assert records[0].notes == notes and records[1].notes == "=1+1"
    assert records[0].reference == "0012"


def test_sheet_is_dressed_for_excel(tmp_path: Path) -> None:
    table: list[list[object]] = [[None] * len(KEYS)]
    table[0][KEYS.index("client")] = "株式会社ABC"
    table[0][KEYS.index("filing_date")] = dt.date(2025, 11, 3)
    table[0][KEYS.index("elapsed_days")] = 24
    table[0][KEYS.index("readiness")] = "Waiting"
    path = tmp_path / "t.xlsx"
    write_xlsx(
        table,  # type: ignore[arg-type]
        path,
        date_format=DATE_FORMAT_ERA,
        tints={"readiness": {"Waiting": "AABBCC"}},
        summary=[("Cases", 1)],
    )
    assert path.stat().st_mode & 0o077 == 0
    book = load_workbook(path)
    sheet, summary = book.worksheets
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(KEYS)).column_letter}2"
    assert sheet["A1"].font.b
    date_cell = sheet.cell(2, KEYS.index("filing_date") + 1)
    assert date_cell.is_date and date_cell.number_format == DATE_FORMAT_ERA
    assert sheet.cell(2, KEYS.index("elapsed_days") + 1).data_type == "n"
    readiness = sheet.cell(2, KEYS.index("readiness") + 1)
    assert readiness.fill.start_color.rgb.endswith("AABBCC")
    # East Asian width: the 所属機関 column is wider than its 4 characters.
    assert sheet.column_dimensions["B"].width >= len("株式会社ABC") + 4
    assert [summary["A1"].value, summary["B1"].value] == ["Cases", 1]


def test_unwritable_characters_stop_the_export_and_name_the_cell(tmp_path: Path) -> None:
    table: list[list[object]] = [[None] * len(KEYS)]
    table[0][KEYS.index("client")] = "ABC"
    table[0][KEYS.index("notes")] = "bell\x07"
    path = tmp_path / "t.xlsx"
    with pytest.raises(CsvEncodingError) as caught:
        write_xlsx(table, path)  # type: ignore[arg-type]
    assert [(c.row, c.column) for c in caught.value.cells] == [(2, "備考")]
    assert not path.exists() and list(tmp_path.iterdir()) == []


def _office_workbook(path: Path) -> None:
    """A ledger as an office keeps it: a notes sheet first, a title row, typed cells."""
    book = Workbook()
    first = book.active
    first.title = "説明"
    first.append(["この台帳は毎月更新"])
    ledger = book.create_sheet("台帳")
    ledger.append(["2025年度 COE 受託台帳"])
    ledger.append([])
    ledger.append(["受託番号", "所属機関", "申請人(姓)", "生年月日", "申請日", "申請番号", "備考"])
    ledger.append(
        [
            12,
            "株式会社さくら",
            "NGUYEN",
            "平成10年4月1日",
            dt.datetime(2025, 11, 3),
            "東就認T25-00001",
            "=1+2",
        ]
    )
    ledger["A4"].number_format = "0000"
    ledger["E4"].number_format = "ggge年m月d日"  # displayed in 令和; still a date cell
    ledger.append(
        [
            "2025-002",
            "株式会社さくら",
            "TRAN",
            "令和元年5月1日",
            "2025/11/4 0:00",
            "東就認T25-00002",
            '=LEN("abc")',
        ]
    )
    book.save(path)
    # Give the first formula the value Excel would have saved with it (openpyxl computes none).
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = "xl/worksheets/sheet2.xml"
    text = parts[sheet_xml].decode()
    text, count = re.subn(r"<f>1\+2</f><v\s*/>|<f>1\+2</f><v></v>", "<f>1+2</f><v>3</v>", text)
    assert count == 1, text
    parts[sheet_xml] = text.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_office_workbook_is_read_as_the_checks_say(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "ledger.xlsx"
    _office_workbook(path)
    sheet = read_xlsx_file(path)
    assert sheet.sheet_name == "台帳" and sheet.sheet_names == ("説明", "台帳")
    assert sheet.headers[0] == "受託番号"  # the title row above was skipped
    first, second = sheet.records
    assert first.row == 4 and first.reference == "0012"  # number cell, format 0000
    assert first.filing_date == dt.date(2025, 11, 3)
    assert first.birth_date == dt.date(1998, 4, 1)
    assert first.notes == "3"  # the formula's saved value
    assert second.filing_date == dt.date(2025, 11, 4) and second.birth_date == dt.date(2019, 5, 1)
    # The second formula has no saved value: a problem of row 5, nothing imported.
    assert [(p.row, p.column) for p in sheet.problems] == [(5, "備考")]
    plan = read_import_file(db, path)
    assert not plan.ok
    with pytest.raises(CsvReadError):
        read_xlsx_file(path, sheet="無い")


def test_workbook_imports_like_a_csv(tmp_path: Path, db: Database) -> None:
    book = Workbook()
    book.active.append(["所属機関", "申請人(姓)", "申請日", "アーカイブ"])
    book.active.append(["株式会社さくら", "LE", dt.date(2025, 11, 3), "はい"])
    path = tmp_path / "named.csv"  # a workbook whatever its name
    book.save(path)
    plan = read_import_file(db, path)
    assert plan.ok, plan.problems
    apply_import(db, plan, actor="test")
    with db.read_session() as session:
        assert session.scalar(select(Applicant.family_name)) == "LE"
        assert session.scalar(select(Case.archived)) is True


def test_csv_reader_names_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    Workbook().save(path)
    with pytest.raises(CsvReadError) as caught:
        read_csv(path.read_bytes())
    assert "Excel workbook" in caught.value.message.render()
    with pytest.raises(CsvReadError):
        read_xlsx(b"PK\x03\x04 not really a workbook")


def test_passports_are_imported_never_exported_and_phones_imported(
    tmp_path: Path, db: Database
) -> None:
    book = Workbook()
    book.active.append(["所属機関", "申請人(姓)", "旅券番号", "電話番号"])
    book.active.append(["株式会社さくら", "LE", "c1234567", "03-1234-5678"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    plan = read_import_file(db, path)
    assert plan.ok, plan.problems
    assert plan.sheet.unknown_columns == ()
    apply_import(db, plan, actor="test")
    with db.read_session() as session:
        assert session.scalar(select(Applicant.passport_number)) == "C1234567"
        # 電話番号 is the case's phone: the review department's (DOMAIN.md, the receipt slip).
        assert session.scalar(select(Case.department_phone)) == "03-1234-5678"
    assert "旅券番号" not in [c.header_ja for c in EXPORT_COLUMNS]


def test_merged_cells_and_hidden_rows_are_reported(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["所属機関", "申請人(姓)"])
    sheet.append(["株式会社さくら", "LE"])
    sheet.append([None, "TRAN"])
    sheet.append(["株式会社みなと", "KIM"])
    sheet.merge_cells("A2:A3")
    sheet.row_dimensions[4].hidden = True
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    parsed = read_xlsx_file(path)
    texts = [(n.row, n.message.render()) for n in parsed.notices]
    assert texts[0][0] == 2 and "A2:A3" in texts[0][1]
    assert texts[1][0] == 4 and "hidden" in texts[1][1]
    # The merged-away client is blank in row 3: a problem, not a silent guess.
    assert [(p.row, p.column) for p in parsed.problems] == [(3, "所属機関")]
