"""Rows read in blocks, column by column, give the records and problems each row gives read on
its own: the same values, the same problems in the same order."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from coetracker.domain.messages import Message, message
from coetracker.io import csv_read
from coetracker.io.csv_columns import match_header
from coetracker.io.csv_read import ImportRecord, Problem, read_table

HEADER = [
    "受託番号", "所属機関", "申請人(姓)", "申請人(名)", "申請人(漢字)", "国籍・地域", "生年月日",
    "申請方法", "申請日", "進捗", "資料提出期限", "備考", "アーカイブ", "申請種別", "在留期間",
    "証明書の受領方法", "報酬額",
]  # fmt: skip

GOOD = ["'R-1", "株式会社さくら", "NGUYEN", "VAN AN", "", "VN", "1990-01-02", "窓口",
        "2026-03-01", "申請済", "", "'=SUM(A1)", "", "", "1年", "", "110000"]  # fmt: skip

CHANGES: list[dict[int, str]] = [
    {},
    {0: "'R-2", 2: "LI?", 4: "王?"},  # a lost character in a CP932 file's name
    {6: "1990-02-30"},  # not a date
    {9: "審査中かな"},  # not a stage
    {7: "FAX"},  # not a channel
    {5: "Atlantis"},  # not a nationality
    {1: " "},  # no client
    {2: "", 4: ""},  # no name
    {2: "", 4: "王小明"},  # a kanji name is enough
    {12: "たぶん"},  # not a flag
    {13: "帰化"},  # not a procedure
    {14: "7年"},  # not a period
    {15: "FAX"},  # not a delivery
    {16: "たくさん"},  # not an amount
    {6: "令和2年3月4日", 8: "R6.1.2", 10: "2026/4/1"},
    {0: "'0123", 11: "'+81 3"},  # guards undone
]


def _rows() -> list[list[str]]:
    rows: list[list[str]] = []
    for number, change in enumerate(itertools.islice(itertools.cycle(CHANGES), 57)):
        cells = [change.get(i, cell) for i, cell in enumerate(GOOD)]
        if number % 7 == 3:
            cells = cells[:10]  # short rows are padded
        if number % 11 == 5:
            cells = [*cells, "", "extra"]  # a cell beyond the header
        if number % 13 == 0:
            cells = [*cells, "  "]  # a blank one is no problem
        rows.append(cells)
        if number % 9 == 4:
            rows.append([""] * 5)  # blank rows are skipped
    return rows


def _alone(
    rows: Sequence[Sequence[str]], encoding: str, found: dict[int, list[tuple[int, Message]]]
) -> tuple[list[ImportRecord], list[Problem]]:
    """Each row through the row reader on its own, as the rows were read before blocks."""
    columns = [match_header(h) for h in HEADER]
    reader = csv_read._RowReader(HEADER, columns, True, lost_marks=encoding == "cp932")
    records: list[ImportRecord] = []
    problems: list[Problem] = []
    for index, cells in enumerate(rows, start=1):
        if any(c.strip() for c in cells):
            for column_index, text in found.get(index, ()):
                problems.append(Problem(index + 1, HEADER[column_index], text))
            records.append(reader(index + 1, cells, problems))
    return records, problems


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
@pytest.mark.parametrize("block", [1, 4, 1000])
def test_blocks_read_as_rows_alone(
    encoding: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_read, "BLOCK_ROWS", block)
    rows = _rows()
    found = {7: [(3, message("Csv", "hidden"))], 12: [(1, message("Csv", "odd"))]}
    cell_problems = {(index, column): text for index, said in found.items()
                     for column, text in said}  # fmt: skip
    sheet = read_table([HEADER, *rows], encoding=encoding, cell_problems=cell_problems)
    records, problems = _alone(rows, encoding, found)
    assert len(sheet.records) == len(records) > 50
    for ours, theirs in zip(sheet.records, records, strict=True):
        assert ours == theirs
        assert dict(ours.raw) == dict(theirs.raw)
    assert list(sheet.problems) == problems
    assert len(problems) > 20  # the sample has problems of every kind
    assert {p.row for p in problems} != {r.row for r in records}  # and rows without any
