"""Reading a case-list CSV into typed, validated records (pure: no database, no Qt).

:func:`read_csv` turns the bytes of a file into a :class:`ParsedSheet`: the encoding it found,
how each column was mapped, the columns it ignored, one :class:`ImportRecord` per non-blank row
and every :class:`Problem` by row and column (rows numbered as Excel shows them: the header is
row 1). Nothing here writes anything; the services layer imports a sheet only when
``sheet.problems`` is empty, and then all rows or none.

* Encoding: a UTF-8 byte-order mark means UTF-8; otherwise strict UTF-8 is tried, then CP932.
  ``encoding=`` forces one (``utf-8``, ``utf-8-sig``, ``cp932``; ``shift_jis``, ``sjis``,
  ``ms932`` and ``windows-31j`` mean CP932, a superset of Shift_JIS that Excel writes).
* A file that cannot be read at all raises :class:`~coetracker.io.csv_text.CsvReadError` with a
  translatable message (the bytes are read by :mod:`~coetracker.io.csv_text`):
  a workbook (.xlsx, .xls), PDF, image or database recognised by its signature (saying what it
  is and, for a workbook, that it can be imported directly), empty, larger than
  :data:`MAX_FILE_BYTES`, UTF-16, containing NUL bytes (another binary file),
  undecodable, malformed CSV (unbalanced quotes), or a cell longer than :data:`MAX_CELL_CHARS`.
  The process-wide ``csv.field_size_limit`` is left at Python's default (131,072 characters),
  which is above our own limit, so both limits end in the same clear error.
* Headers: the first of the top rows that names a known column (title rows above it are
  skipped), else the first non-blank row. Japanese header or English key, see
  :func:`coetracker.io.csv_columns.match_header`.
  Unknown columns are listed in ``unknown_columns`` and ignored; the export-only columns are
  listed in ``ignored_columns``. A missing 所属機関 column, no applicant-name column (申請人(姓)
  or 申請人(漢字)) or a column given twice is a problem on row 1, and then no rows are read.
* Cells: guards undone by :func:`coetracker.io.csv_columns.unguard_cell`; text kept exactly as
  written (the services layer trims and NFC-normalises what it stores); dates through
  :func:`coetracker.domain.jpdates.parse_date`; stage, channel and nationality through their
  vocabularies. In a CP932 file a ``?`` in a name cell is a problem: Excel writes ``?`` for
  every character CP932 cannot hold. Each row needs a client and an applicant name. Rows whose
  cells are all blank are skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

from coetracker.domain.jpdates import DateParseError, parse_date
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.nationalities import lookup as lookup_nationality
from coetracker.domain.procedures import PROCEDURE_NAMES_JA, Procedure, parse_procedure
from coetracker.io.csv_columns import (
    CHANNEL_LABELS_JA,
    COLUMN_BY_KEY,
    GUARD,
    NAME_KEYS,
    REQUIRED_KEY,
    STAGE_LABELS_JA,
    Column,
    ColumnKind,
    lookup_amount,
    lookup_channel,
    lookup_delivery,
    lookup_flag,
    lookup_period,
    lookup_stage,
    match_header,
    unguard_cell,
)
from coetracker.io.csv_text import (
    EMPTY_FILE,
    decode_text,
    parse_rows,
    read_error,
    refuse_too_big,
)
from coetracker.pacing import collector_paused

__all__ = [
    "ImportRecord",
    "ParsedSheet",
    "Problem",
    "collector_paused",
    "fast_maker",
    "read_csv",
    "read_csv_file",
    "read_table",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file: row as Excel numbers it (header = 1), column as headed."""

    row: int
    column: str  # the header text in the file; "" when the problem is the whole row
    message: Message


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One data row, typed. Blank or invalid cells are ``""`` / ``None``.

    ``raw`` holds the text (guards undone) of every mapped column present in the file, keyed by
    column key: a key absent from ``raw`` means the file has no such column, which an update
    should leave unchanged rather than clear.
    """

    row: int
    reference: str = ""
    client: str = ""
    family_name: str = ""
    given_name: str = ""
    name_kanji: str = ""
    name_kana: str = ""
    nationality: str = ""  # as written
    nationality_code: str | None = None  # resolved ISO 3166 code (or XX / XK)
    birth_date: dt.date | None = None
    residence_status: str = ""
    bureau: str = ""
    channel: FilingChannel | None = None
    filing_date: dt.date | None = None
    application_number: str = ""
    planned_entry_date: dt.date | None = None
    stage: Stage | None = None
    coe_issued_date: dt.date | None = None
    entry_date: dt.date | None = None
    last_inquiry_date: dt.date | None = None
    document_deadline: dt.date | None = None
    documents_submitted_date: dt.date | None = None
    original_deadline: dt.date | None = None  # the deadline before it was extended
    notes: str = ""
    procedure: Procedure | None = None  # None: no 申請種別 given (a COE case)
    card_period: int | None = None  # months
    card_expiry_date: dt.date | None = None
    passport_number: str = ""  # import only (never exported)
    department_phone: str = ""  # 電話番号: the review department's, from the receipt slip
    accepted_on: dt.date | None = None  # 受託日: the case enters the 事件簿
    fee: int | None = None  # 報酬額 in yen, excluding tax
    client_address: str = ""  # 依頼者住所: the client company's address when it has none
    paid_on: dt.date | None = None  # 入金日 …
    paid_amount: int | None = None  # … and 入金額: one payment
    agent_name: str = ""  # 代理人氏名 (the relative in Japan, for family statuses)
    agent_relationship: str = ""  # 代理人続柄
    agent_prefecture: str = ""  # 代理人都道府県
    agent_address: str = ""  # 代理人住所
    coe_delivery: str | None = None  # 証明書の受領方法: "paper" / "email" (None: blank)
    coe_receipt_registered_on: dt.date | None = None  # 受領登録日 of an electronic certificate
    archived: bool | None = None  # None: the file has no such column
    raw: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)


class RowCells(Mapping[str, str]):
    """The text of each mapped column of one row, read-only: the rows of a sheet share one
    key index, and each holds only its texts (a dictionary per row would weigh more than the
    file)."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: Mapping[str, int], values: tuple[str, ...]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[self._index[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __repr__(self) -> str:
        return f"RowCells({dict(self)!r})"


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    """Everything read from one file; import it only when ``ok``."""

    encoding: str  # "utf-8-sig", "utf-8" or "cp932"
    headers: tuple[str, ...]  # the header row as written
    columns: tuple[Column | None, ...]  # what each header was mapped to (None: ignored)
    unknown_columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]  # export-only columns present in the file
    records: tuple[ImportRecord, ...]
    problems: tuple[Problem, ...]
    sheet_name: str = ""  # the worksheet read, for a workbook
    sheet_names: tuple[str, ...] = ()  # every worksheet of a workbook, in order
    notices: tuple[Problem, ...] = ()  # worth knowing, not stopping the import (hidden rows …)

    @property
    def ok(self) -> bool:
        """True when there is nothing wrong and the records can be imported."""
        return not self.problems


def read_csv_file(path: str | Path, encoding: str | None = None) -> ParsedSheet:
    """:func:`read_csv` on a file, refusing one over :data:`MAX_FILE_BYTES` before reading it."""
    file = Path(path)
    refuse_too_big(file.stat().st_size)
    data = file.read_bytes()
    text, used = decode_text(data, encoding)
    del data  # the text is all that is needed now
    with collector_paused():
        return read_table(parse_rows(text), encoding=used)


def read_csv(data: bytes, encoding: str | None = None) -> ParsedSheet:
    """Read a case-list CSV (see the module documentation); raises :class:`CsvReadError`."""
    text, used = decode_text(data, encoding)
    with collector_paused():
        return read_table(parse_rows(text), encoding=used)


BLOCK_ROWS = 1_000
"""Data rows read together, column by column (see ``_RowReader.block``)."""

HEADER_SEARCH_ROWS = 20
"""How many rows from the top are searched for the header row (title rows may come first)."""


def header_row_index(table: Sequence[Sequence[str]]) -> int | None:
    """The index of the header row: the first of the top :data:`HEADER_SEARCH_ROWS` rows with a
    cell naming a known column, else the first non-blank row; ``None`` when all are blank."""
    first: int | None = None
    for index, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        if not any(c.strip() for c in cells):
            continue
        if first is None:
            first = index
        if any(match_header(c) is not None for c in cells if c.strip()):
            return index
    if first is None:
        first = next((i for i, r in enumerate(table) if any(c.strip() for c in r)), None)
    return first


def read_table(
    table: Iterable[Sequence[str]],
    *,
    encoding: str,
    guarded: bool = True,
    cell_problems: Mapping[tuple[int, int], Message] | None = None,
    sheet_name: str = "",
    sheet_names: Sequence[str] = (),
) -> ParsedSheet:
    """Read rows of cell texts (a parsed CSV, or a worksheet's cells as text), taken one at a
    time: only the top rows are held until the header row is known.

    ``guarded``: the cells may carry the CSV writer's guards (a workbook's do not).
    ``cell_problems``: problems the caller found in cells, by (row index, column index) from 0.
    A CP932 file's ``?`` in a name cell is a problem (the character was lost on saving).
    """
    rows = iter(table)
    top = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    header_index = header_row_index(top)
    if header_index is None:  # the top rows are blank: the first row that is not
        for cells in rows:
            top.append(cells)
            if any(c.strip() for c in cells):
                header_index = len(top) - 1
                break
    if header_index is None:
        raise read_error(EMPTY_FILE)
    headers = tuple(top[header_index])
    header_row = header_index + 1
    following = itertools.chain(top[header_index + 1 :], rows)

    columns, unknown, ignored, problems = _map_headers(headers, header_row)
    records: list[ImportRecord] = []
    found: dict[int, list[tuple[int, Message]]] = {}
    for (row_index, column_index), text in (cell_problems or {}).items():
        found.setdefault(row_index, []).append((column_index, text))
    if problems:
        for _cells in following:  # read to the end: a file that is not CSV is refused as such
            pass
    else:
        read_row = _RowReader(headers, columns, guarded, lost_marks=encoding == "cp932")
        block: list[tuple[int, Sequence[str]]] = []
        for index, cells in enumerate(following, start=header_index + 1):
            if any(map(str.strip, cells)):
                block.append((index, cells))
                if len(block) == BLOCK_ROWS:
                    records += read_row.block(block, problems, found)
                    block = []
        records += read_row.block(block, problems, found)
    return ParsedSheet(
        sheet_name=sheet_name,
        sheet_names=tuple(sheet_names),
        encoding=encoding,
        headers=headers,
        columns=columns,
        unknown_columns=unknown,
        ignored_columns=ignored,
        records=tuple(records),
        problems=tuple(problems),
    )


# --- messages ----------------------------------------------------------------------------------

_TWICE = QT_TRANSLATE_NOOP("Csv", "Column “{column}” appears twice (also as “{first}”).")
_MISSING = QT_TRANSLATE_NOOP("Csv", "The required column “{column}” is missing.")
_NO_NAME_COLUMN = QT_TRANSLATE_NOOP(
    "Csv", "An applicant name column is required: “{first}” or “{second}”."
)
_NO_HEADERS = QT_TRANSLATE_NOOP(
    "Csv", "Row {row} has none of the case-list headers: is this the right file?"
)
_EXTRA_CELLS = QT_TRANSLATE_NOOP(
    "Csv", "Row {row} has {count} cells but the header has only {columns}."
)
_LOST_CHARACTER = QT_TRANSLATE_NOOP(
    "Csv",
    "“{value}”: a character was lost (“?”) when the sheet was saved as CSV; save it as "
    "“CSV UTF-8” or import the workbook (.xlsx) itself.",
)
_NO_CLIENT = QT_TRANSLATE_NOOP("Csv", "The client (所属機関) is blank.")
_NO_NAME = QT_TRANSLATE_NOOP("Csv", "The applicant has no name (family name or kanji).")
_UNKNOWN_WORD = QT_TRANSLATE_NOOP("Csv", "“{value}” is not one of: {choices}.")
_NOT_AMOUNT = QT_TRANSLATE_NOOP(
    "Csv", "“{value}” is not an amount in yen: write a whole number such as 110000 or ¥110,000."
)
_UNKNOWN_NATIONALITY = QT_TRANSLATE_NOOP(
    "Csv", "Unknown nationality “{value}”: use an ISO code or a Japanese or English name."
)


def _problem(row: int, column: str, source: str, /, **params: object) -> Problem:
    return Problem(row, column, message("Csv", source, **params))


# --- headers -----------------------------------------------------------------------------------


def _map_headers(
    headers: Sequence[str], row: int
) -> tuple[tuple[Column | None, ...], tuple[str, ...], tuple[str, ...], list[Problem]]:
    columns: list[Column | None] = []
    unknown: list[str] = []
    ignored: list[str] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for header in headers:
        column = match_header(header)
        if column is not None and column.key in seen:
            problems.append(_problem(row, header, _TWICE, column=header, first=seen[column.key]))
            column = None
        elif column is not None and column.export_only:
            ignored.append(header)
            column = None
        elif column is None and header.strip():
            unknown.append(header)
        elif column is not None:
            seen[column.key] = header
        columns.append(column)

    if not seen:
        problems.append(_problem(row, "", _NO_HEADERS, row=row))
    if REQUIRED_KEY not in seen:
        required = COLUMN_BY_KEY[REQUIRED_KEY].header_ja
        problems.append(_problem(row, required, _MISSING, column=required))
    if not any(key in seen for key in NAME_KEYS):
        first, second = (COLUMN_BY_KEY[k].header_ja for k in NAME_KEYS)
        problems.append(_problem(row, first, _NO_NAME_COLUMN, first=first, second=second))
    return tuple(columns), tuple(unknown), tuple(ignored), problems


# --- rows --------------------------------------------------------------------------------------

_NAME_TEXT_KEYS = frozenset({"family_name", "given_name", "name_kanji", "name_kana"})
"""Columns in which a ``?`` from a CP932 file is a lost character, not data."""

_STAGE_CHOICES = "、".join(STAGE_LABELS_JA.values())
_CHANNEL_CHOICES = "、".join(CHANNEL_LABELS_JA.values())
_PROCEDURES = "、".join(PROCEDURE_NAMES_JA.values())


class _RowReader:
    """Reads the data rows of one sheet: the columns mapped once, each distinct cell text of a
    column kind other than free text converted once (files repeat dates and words)."""

    def __init__(
        self,
        headers: Sequence[str],
        columns: Sequence[Column | None],
        guarded: bool,
        *,
        lost_marks: bool,
    ) -> None:
        self.width = len(headers)
        self.headers = headers
        self.guarded = guarded
        self.plan = [
            (
                index,
                column.key,
                column.kind,
                headers[index],
                lost_marks and column.key in _NAME_TEXT_KEYS,
                column.kind not in _FREE_TEXT,
                column.kind not in _OWN_TEXT,
            )
            for index, column in enumerate(columns)
            if column is not None
        ]
        self.header_of = {key: header for _i, key, _k, header, *_rest in self.plan}
        self.index = {key: position for position, (_i, key, *_rest) in enumerate(self.plan)}
        self.shared: dict[str, str] = {}
        self.name_header = next(self.header_of[k] for k in NAME_KEYS if k in self.header_of)
        self.converted: dict[tuple[ColumnKind, str], tuple[Message | None, Any]] = {}
        # For blocks: each kind's texts → typed value, and the texts that have a problem.
        self.values: dict[ColumnKind, dict[str, Any]] = {}
        self.refused: dict[ColumnKind, set[str]] = {}
        self.codes: dict[str, str | None] = {}
        self.fields = [(name, self._field_key(name)) for name in _RECORD_FIELDS[1:-1]]
        self.defaults = {f.name: f.default for f in dataclasses.fields(ImportRecord)}

    def _field_key(self, name: str) -> str | None:
        """The column whose values fill record field ``name`` (None: the field's default)."""
        if name == "nationality_code":
            return name if "nationality" in self.index else None
        return name if name in self.index else None

    def block(
        self,
        numbered: Sequence[tuple[int, Sequence[str]]],
        problems: list[Problem],
        found: Mapping[int, Sequence[tuple[int, Message]]],
    ) -> list[ImportRecord]:
        """The records of non-blank rows (``(row index from 0, cells)``), read column by column:
        each cell text converted once per kind, one record made per row from the columns.

        A row with anything to report (a problem in a cell, a blank client or name, extra
        cells, a problem the caller found) is read again on its own by :meth:`__call__`, which
        reports it exactly as a row read alone is reported.
        """
        if not numbered:
            return []
        width = self.width
        slow: set[int] = set()
        padded: list[Sequence[str]] = []
        for position, (index, cells) in enumerate(numbered):
            count = len(cells)
            if index in found:
                slow.add(position)
            if count < width:
                cells = [*cells, *([""] * (width - count))]
            elif count > width and any(map(str.strip, cells[width:])):
                slow.add(position)
            padded.append(cells)
        table = list(zip(*padded, strict=False))  # columns (the rows are at least ``width``)
        shared = self.shared
        raw_columns: list[list[str]] = []
        columns: dict[str, list[Any]] = {}
        for index, key, kind, _header, lost_marks, typed, repeated in self.plan:
            texts: list[str] = list(table[index])
            if self.guarded:  # one search of the column finds whether any cell starts so
                joined = "\n".join(texts)
                if joined.startswith(GUARD) or f"\n{GUARD}" in joined:
                    texts = [unguard_cell(t, kind) if t.startswith(GUARD) else t for t in texts]
            if repeated:  # dates, words and names recur: one string for all the rows
                texts = list(map(shared.setdefault, texts, texts))
            raw_columns.append(texts)
            if lost_marks:
                slow.update(position for position, t in enumerate(texts) if "?" in t)
            if not typed:
                columns[key] = texts
                continue
            values = self.values.setdefault(kind, {})
            refused = self.refused.setdefault(kind, set())
            new = set(texts).difference(values)
            for text in new:
                problem, values[text] = _convert(kind, text)
                if problem is not None:
                    refused.add(text)
            if refused and not refused.isdisjoint(texts):
                slow.update(position for position, t in enumerate(texts) if t in refused)
            columns[key] = list(map(values.__getitem__, texts))
            if kind == ColumnKind.NATIONALITY:
                codes = self.codes
                for text in new:
                    codes[text] = _nationality_code(text)
                columns["nationality_code"] = list(map(codes.__getitem__, texts))
        client = raw_columns[self.index[REQUIRED_KEY]]
        if not all(map(str.strip, client)):
            slow.update(position for position, t in enumerate(client) if not t.strip())
        names = [raw_columns[self.index[key]] for key in NAME_KEYS if key in self.index]
        if not all(map(str.strip, names[0])):
            unnamed = zip(*(map(str.strip, column) for column in names), strict=True)
            slow.update(position for position, found_names in enumerate(unnamed)
                        if not any(found_names))  # fmt: skip
        arguments = [
            columns[key] if key is not None else itertools.repeat(self.defaults[name])
            for name, key in self.fields
        ]
        cells_of = map(RowCells, itertools.repeat(self.index), zip(*raw_columns, strict=True))
        rows = [index + 1 for index, _cells in numbered]
        records = list(map(_record, rows, *arguments, cells_of))
        for position in sorted(slow):  # in file order: each row's problems as read alone
            index, cells = numbered[position]
            for column_index, said in found.get(index, ()):
                if column_index < width:
                    problems.append(Problem(index + 1, self.headers[column_index], said))
            records[position] = self(index + 1, cells, problems)
        return records

    def __call__(self, row: int, cells: Sequence[str], problems: list[Problem]) -> ImportRecord:
        width = self.width
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            problems.append(
                _problem(row, "", _EXTRA_CELLS, row=row, count=len(cells), columns=width)
            )
        raw: list[str] = []
        values: dict[str, Any] = {}
        converted = self.converted
        count = len(cells)
        shared = self.shared
        for index, key, kind, header, lost_marks, typed, repeated in self.plan:
            text = cells[index] if index < count else ""
            if self.guarded and text.startswith(GUARD):
                text = unguard_cell(text, kind)
            if repeated:  # dates, words and names recur: one string for all the rows
                text = shared.setdefault(text, text)
            raw.append(text)
            if lost_marks and "?" in text:
                problems.append(_problem(row, header, _LOST_CHARACTER, value=text))
            if not typed:
                values[key] = text
                continue
            known = converted.get((kind, text))
            if known is None:
                known = converted[(kind, text)] = _convert(kind, text)
            problem, values[key] = known
            if problem is not None:
                problems.append(Problem(row, header, problem))
            if kind == ColumnKind.NATIONALITY and problem is None:
                values["nationality_code"] = _nationality_code(text)

        texts = RowCells(self.index, tuple(raw))
        # A row naming its 代理人 may leave the client blank: the import checks that it is a
        # family case (services.csv_import), which only the status can say.
        if not texts[REQUIRED_KEY].strip() and not texts.get("agent_name", "").strip():
            problems.append(_problem(row, self.header_of[REQUIRED_KEY], _NO_CLIENT))
        if not any(texts.get(key, "").strip() for key in NAME_KEYS):
            problems.append(_problem(row, self.name_header, _NO_NAME))
        # The keys of ``values`` are column keys, which are ImportRecord fields (a unit test
        # checks).
        return ImportRecord(row=row, raw=texts, **values)


_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(ImportRecord))
"""The record's fields in order: the row number first, the cells (``raw``) last."""
if (  # pragma: no cover
    _RECORD_FIELDS[0] != "row"
    or _RECORD_FIELDS[-1] != "raw"
    or any(f.default is dataclasses.MISSING for f in dataclasses.fields(ImportRecord)[1:-1])
):
    raise AssertionError("ImportRecord's fields moved: rows are made from them in order")


def fast_maker(cls: type[T]) -> Callable[..., T]:
    """A constructor of the frozen slotted dataclass ``cls`` taking every field in order, three
    times faster than ``cls`` (whose frozen ``__init__`` sets each field through
    ``object.__setattr__``: most of the cost of making 100,000 records of 40 fields).

    It makes a draft (the same fields in the same slots, not frozen) and changes its class to
    ``cls``: the object is then laid out, frozen, equal and hashable as any other."""
    names = tuple(field.name for field in dataclasses.fields(cls))  # type: ignore[arg-type]
    draft = dataclasses.make_dataclass(f"_{cls.__name__}Draft", names, slots=True, eq=False)
    if getattr(draft, "__slots__", None) != getattr(cls, "__slots__", ()):
        raise AssertionError(f"{cls.__name__} is not a slotted dataclass")  # pragma: no cover
    set_attribute = object.__setattr__

    def make(*values: Any) -> T:
        made = draft(*values)
        set_attribute(made, "__class__", cls)
        return cast(T, made)

    return make


_record = fast_maker(ImportRecord)
"""``ImportRecord(*values)``, every field given in order (see :func:`fast_maker`)."""


_FREE_TEXT = frozenset(
    {
        ColumnKind.TEXT,
        ColumnKind.IDENTIFIER,
        ColumnKind.STATUS,
        ColumnKind.BUREAU,
        ColumnKind.CLIENT,
    }
)
"""Column kinds kept as written here (names are matched by the services layer)."""

_OWN_TEXT = frozenset({ColumnKind.TEXT, ColumnKind.IDENTIFIER})
"""Column kinds whose texts are mostly one row's own (the others repeat from row to row)."""


@functools.lru_cache(maxsize=1024)
def _nationality_code(text: str) -> str | None:
    found = lookup_nationality(text)
    return found.code if found else None


def _convert(kind: ColumnKind, text: str) -> tuple[Message | None, Any]:
    """The problem with a cell, if any, and its typed value (``None`` when it has a problem)."""
    if kind == ColumnKind.DATE:
        try:
            return None, parse_date(text)
        except DateParseError as error:
            return error.message, None
    blank = not text.strip()
    if kind == ColumnKind.STAGE:
        stage = lookup_stage(text)
        if stage is None and not blank:
            return message("Csv", _UNKNOWN_WORD, value=text.strip(), choices=_STAGE_CHOICES), None
        return None, stage
    if kind == ColumnKind.CHANNEL:
        channel = lookup_channel(text)
        if channel is None and not blank:
            return message("Csv", _UNKNOWN_WORD, value=text.strip(), choices=_CHANNEL_CHOICES), None
        return None, channel
    if kind == ColumnKind.PROCEDURE:
        procedure = parse_procedure(text)
        if procedure is None:
            return message("Csv", _UNKNOWN_WORD, value=text.strip(), choices=_PROCEDURES), None
        return None, None if blank else procedure
    if kind == ColumnKind.PERIOD:
        months = lookup_period(text)
        if months is None and not blank:
            return message("Csv", _UNKNOWN_WORD, value=text.strip(), choices="1年、6か月"), None
        return None, months
    if kind == ColumnKind.FLAG:
        flag = lookup_flag(text)
        if flag is None:
            return message("Csv", _UNKNOWN_WORD, value=text.strip(), choices="はい、yes"), None
        return None, flag
    if kind == ColumnKind.DELIVERY:
        delivery = lookup_delivery(text)
        if delivery is None and not blank:
            choices = "紙、メール、paper、email"
            return message("Csv", _UNKNOWN_WORD, value=text.strip(), choices=choices), None
        return None, delivery
    if kind == ColumnKind.AMOUNT:
        amount = lookup_amount(text)
        if amount is None and not blank:
            return message("Csv", _NOT_AMOUNT, value=text.strip()), None
        return None, amount
    if kind == ColumnKind.NATIONALITY and not blank and lookup_nationality(text) is None:
        return message("Csv", _UNKNOWN_NATIONALITY, value=text.strip()), text
    return None, text
