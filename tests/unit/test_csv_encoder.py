"""The one CSV encoder (io/csv_encode.py): guards, the fast UTF-8 path and its users."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    ColumnKind,
    CsvEncodingError,
    encode_csv,
    guard_cell,
    read_csv,
)
from coetracker.io.csv_encode import csv_text, guard_identifier, guard_text
from coetracker.io.csv_write import _strict_encode
from coetracker.io.ledger_csv import HEADERS, encode_ledger
from coetracker.services.ledger_book import Client, LedgerBook, LedgerLine

KEYS = [c.key for c in EXPORT_COLUMNS]
HEADERS_JA = [c.header_ja for c in EXPORT_COLUMNS]


def _row(**cells: str) -> list[str]:
    row = [""] * len(EXPORT_COLUMNS)
    for key, value in cells.items():
        row[KEYS.index(key)] = value
    return row


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+81-3", "-", "@SUM(A1)", "\tx", "\rx", "\nx", "＝1", "＋1", "－", "＠a", "'x"],
)
def test_a_cell_a_spreadsheet_would_run_is_guarded_and_read_back(value: str) -> None:
    data = encode_csv([_row(client="株式会社ABC", family_name="LI", notes=value)])
    written = _cells(data)[1][KEYS.index("notes")]
    assert written == "'" + value
    assert read_csv(data).records[0].notes == value


@pytest.mark.parametrize("value", ["0123", "2025-11", "R7.11.3", "令和7年", "TRUE", "(1)", "¥100"])
def test_an_identifier_a_spreadsheet_would_convert_keeps_its_text(value: str) -> None:
    data = encode_csv([_row(client="ABC", family_name="LI", reference=value)])
    assert _cells(data)[1][0] == "'" + value
    assert read_csv(data).records[0].reference == value


def test_plain_text_and_kanji_identifiers_are_written_as_they_are() -> None:
    row = _row(client="株式会社ABC", family_name="LI", application_number="東就認T26-00001")
    written = _cells(encode_csv([row]))[1]
    assert written[KEYS.index("client")] == "株式会社ABC"
    assert written[KEYS.index("application_number")] == "東就認T26-00001"


_cell_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\0"), max_size=8
) | st.sampled_from(["", "=1+1", "-3", "'x", "＋81", "@a", "\tx", "\rx", "0123", "R7.11.3", 'a,"b'])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(_cell_text, min_size=len(EXPORT_COLUMNS), max_size=len(EXPORT_COLUMNS)),
        max_size=4,
    )
)
def test_the_fast_path_gives_the_bytes_of_the_cell_by_cell_codec(table: list[list[str]]) -> None:
    fast = encode_csv(table)
    strict, count = _strict_encode(table, EXPORT_COLUMNS, HEADERS_JA, "utf-8-sig")
    assert fast == strict and count == len(table)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_cell_text, min_size=3, max_size=3), max_size=5))
def test_csv_text_is_what_the_csv_module_writes(table: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([["a", "b", "c"], *table])
    assert csv_text(["a", "b", "c"], table) == buffer.getvalue()


_IDENTIFIER_TEXT = st.tuples(
    st.sampled_from(
        ["", "東", "令", "平", "明", "R", "r", "H", "Jan", "true", "0", "９", "＝", " ", "'"]
    ),
    st.text(max_size=6),
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_IDENTIFIER_TEXT | st.text(max_size=6))
def test_the_guard_shortcuts_agree_with_the_codec(value: str) -> None:
    assert guard_identifier(value) == guard_cell(value, ColumnKind.IDENTIFIER)
    assert guard_text(value) == guard_cell(value, ColumnKind.TEXT)


def test_a_nul_is_refused_naming_its_row_and_column() -> None:
    table = [_row(client="x"), _row(reference="a\0b", client="y")]
    with pytest.raises(CsvEncodingError) as caught:
        encode_csv(table)
    assert [(c.row, c.column) for c in caught.value.cells] == [(3, "受託番号")]


def test_the_ledger_goes_through_the_same_guards() -> None:
    line = LedgerLine(
        case_id=1,
        reference="26-0001",
        accepted_on=dt.date(2026, 4, 1),
        matter_name="在留資格認定証明書交付申請（技術・人文知識・国際業務）",
        client=Client('=HYPERLINK("x")', "東京都"),
        fee=100_000,
        tax=10_000,
        received=0,
        completed_on=None,
        remarks="-",
        corrections=(),
    )
    book = LedgerBook(year=2026, lines=(line,), closed_on=None, keep_until=None)
    rows = _cells(encode_ledger(book))
    assert rows[0] == list(HEADERS)
    assert rows[1][0] == "'26-0001"
    assert rows[1][HEADERS.index("依頼者氏名")] == '\'=HYPERLINK("x")'
    assert rows[1][HEADERS.index("備考")] == "'-"
    assert rows[2][0] == "合計"
