"""Writing the case-list CSV for Japanese Excel (pure: no database, no Qt).

* UTF-8 with a byte-order mark by default (what Japanese Excel needs to open UTF-8), or CP932
  (Shift_JIS as Windows writes it) on request; CRLF line ends; RFC 4180 quoting.
* Every cell is checked before anything is written. If any cell cannot be written — a character
  CP932 cannot hold (Vietnamese letters with diacritics such as Ễ, many simplified Chinese
  characters, emoji), or a NUL character, which no CSV reader accepts back — the export stops
  with :class:`CsvEncodingError` naming every row, column and character concerned, and no file
  is created or changed. There is never a silent ``?``.
* For CP932, the few characters whose Unicode mapping differs between Shift_JIS and CP932 are
  written as the CP932 character with the same glyph (〜→～, ‖→∥, −→－, ¢→￠, £→￡, ¬→￢, —→―,
  ¥→￥, ‾→￣), as Japanese Windows itself does.
* Cells are guarded against formula injection and identifiers kept as text by the rules in
  :mod:`coetracker.io.csv_columns`; :func:`coetracker.io.csv_read.read_csv` undoes them.
* A file is written to a temporary file in the same folder and renamed into place, so a failed
  export never leaves a partial file; it is created readable by its owner only (personal data).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from coetracker.domain.messages import (
    QT_TRANSLATE_NOOP,
    Message,
    Translate,
    message,
    no_translation,
)
from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.nationalities import Nationality
from coetracker.fsutil import atomic_write_bytes
from coetracker.io.csv_columns import (
    EXPORT_COLUMNS,
    Column,
    HeaderStyle,
    channel_text,
    flag_text,
    guard_cell,
    stage_text,
    unguard_cell,
)
from coetracker.io.csv_encode import guard_rows, guarded_utf8

__all__ = [
    "CP932_NOT_TEXT",
    "ENCODINGS",
    "CsvEncoding",
    "CsvEncodingError",
    "UnwritableCell",
    "cp932_bytes",
    "encode_csv",
    "export_row",
    "format_value",
    "write_csv",
]

CsvEncoding = Literal["utf-8-sig", "cp932"]
ENCODINGS: tuple[CsvEncoding, ...] = ("utf-8-sig", "cp932")
"""The encodings export offers: UTF-8 with BOM (default) and CP932."""

_CP932_SAME_GLYPH = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 wave dash → ～ full-width tilde
        "\u2016": "\u2225",  # ‖ → ∥
        "\u2212": "\uff0d",  # − minus sign → － full-width hyphen-minus
        "\u00a2": "\uffe0",  # ¢ → ￠
        "\u00a3": "\uffe1",  # £ → ￡
        "\u00ac": "\uffe2",  # ¬ → ￢
        "\u2014": "\u2015",  # — em dash → ― horizontal bar
        "\u00a5": "\uffe5",  # ¥ → ￥
        "\u203e": "\uffe3",  # ‾ overline → ￣
    }
)


CP932_NOT_TEXT = frozenset("\x80\uf8f0\uf8f1\uf8f2\uf8f3")
"""What CP932 decodes the stray single bytes 0x80, 0xA0, 0xFD–0xFF to. No Japanese text holds
them, so the writer refuses them and the reader takes them as a sign of a binary file."""


@dataclass(frozen=True, slots=True)
class UnwritableCell:
    """A cell that cannot be written: its row as Excel numbers it (header = 1) and column."""

    row: int
    column: str
    characters: str  # the offending characters, each once, in order of appearance ("": too long)
    encoding: str
    case: str = ""  # the case for people (受託番号 and applicant), when the writer knows it

    @property
    def message(self) -> Message:
        """What is wrong, ready to translate."""
        if self.case:
            return message(
                "Csv",
                QT_TRANSLATE_NOOP("Csv", "{case}, column {column}: {problem}"),
                case=self.case,
                column=self.column,
                problem=self.problem,
            )
        if self.characters == "\0":
            return message(
                "Csv",
                QT_TRANSLATE_NOOP(
                    "Csv", "Row {row}, column {column}: contains a NUL character (U+0000)."
                ),
                row=self.row,
                column=self.column,
            )
        return message(
            "Csv",
            QT_TRANSLATE_NOOP(
                "Csv", "Row {row}, column {column}: {characters} cannot be written in {encoding}."
            ),
            row=self.row,
            column=self.column,
            characters=", ".join(f"“{c}” U+{ord(c):04X}" for c in self.characters),
            encoding=_ENCODING_NAMES.get(self.encoding, self.encoding),
        )

    @property
    def problem(self) -> Message:
        """What is wrong with the cell, without saying where."""
        if not self.characters:
            return message(
                "Csv",
                QT_TRANSLATE_NOOP("Csv", "longer than an Excel cell holds ({limit} characters)."),
                limit="32,767",
            )
        if self.characters == "\0":
            return message("Csv", QT_TRANSLATE_NOOP("Csv", "contains a NUL character (U+0000)."))
        return message(
            "Csv",
            QT_TRANSLATE_NOOP("Csv", "{characters} cannot be written in {encoding}."),
            characters=", ".join(f"“{c}” U+{ord(c):04X}" for c in self.characters),
            encoding=_ENCODING_NAMES.get(self.encoding, self.encoding),
        )


_ENCODING_NAMES = {"cp932": "CP932 (Shift_JIS)", "utf-8-sig": "UTF-8", "xlsx": "Excel (.xlsx)"}


class CsvEncodingError(ValueError):
    """Some cells cannot be written; nothing was written. ``cells`` lists every one."""

    def __init__(self, cells: Sequence[UnwritableCell], encoding: str) -> None:
        self.cells = tuple(cells)
        self.encoding = encoding
        self.message = message(
            "Csv",
            QT_TRANSLATE_NOOP(
                "Csv", "{count} cells cannot be written in {encoding}; nothing was exported."
            ),
            count=len(self.cells),
            encoding=_ENCODING_NAMES.get(encoding, encoding),
        )
        lines = [self.message.render(), *(cell.message.render() for cell in self.cells)]
        super().__init__("\n".join(lines))


def format_value(
    value: object,
    style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> str:
    """The cell text for a typed value: ``None`` → blank, dates ISO, stages and channels as words.

    Nationalities are written by their Japanese (or, with English headers, English) name;
    messages (readiness, reasons) are rendered with ``translate``.
    """
    if value is None:
        return ""
    if isinstance(value, Stage):
        return stage_text(value, style)
    if isinstance(value, FilingChannel):
        return channel_text(value, style)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        raise TypeError("CSV cells hold dates, not date-times")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Nationality):
        return value.name(japanese=style == HeaderStyle.JA)
    if isinstance(value, Message):
        return value.render(translate)
    if isinstance(value, bool):
        return flag_text(value, style)
    if isinstance(value, int | float):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to a CSV cell")


def export_row(
    values: Mapping[str, object],
    columns: Sequence[Column] = EXPORT_COLUMNS,
    style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> list[str]:
    """One row of cell texts from typed values keyed by column key; missing keys are blank."""
    unknown = set(values) - {c.key for c in columns}
    if unknown:
        raise KeyError(f"no such CSV column: {', '.join(sorted(unknown))}")
    return [format_value(values.get(c.key), style, translate) for c in columns]


def encode_csv(
    rows: Iterable[Sequence[str]],
    *,
    columns: Sequence[Column] = EXPORT_COLUMNS,
    header_style: HeaderStyle = HeaderStyle.JA,
    encoding: CsvEncoding = "utf-8-sig",
) -> bytes:
    """The whole file as bytes: header row, then ``rows`` (cell texts in ``columns`` order).

    Every file the application writes goes through here: the case list, the 事件簿 and the
    expiry list. UTF-8 is guarded and written in one pass (:func:`guarded_utf8`); CP932, or a
    UTF-8 file with a cell no CSV may hold, goes through the cell-by-cell check, which raises
    :class:`CsvEncodingError` listing every cell that cannot be written.
    """
    return _encode(rows, columns, header_style, encoding)[0]


def write_csv(
    rows: Iterable[Sequence[str]],
    target: str | os.PathLike[str] | BinaryIO,
    *,
    columns: Sequence[Column] = EXPORT_COLUMNS,
    header_style: HeaderStyle = HeaderStyle.JA,
    encoding: CsvEncoding = "utf-8-sig",
) -> int:
    """Write the CSV to a path (atomically) or a binary stream; return the number of data rows.

    Every cell is checked first: on :class:`CsvEncodingError` nothing has been written.
    """
    data, count = _encode(rows, columns, header_style, encoding)
    if isinstance(target, str | os.PathLike):
        atomic_write_bytes(Path(target), data)
    else:
        target.write(data)
    return count


def _encode(
    rows: Iterable[Sequence[str]],
    columns: Sequence[Column],
    header_style: HeaderStyle,
    encoding: str,
) -> tuple[bytes, int]:
    if encoding not in ENCODINGS:
        raise ValueError(f"unsupported CSV encoding {encoding!r}; use one of {ENCODINGS}")
    headers = [c.header(header_style) for c in columns]
    if encoding == "utf-8-sig":
        rows = guard_rows(rows, columns)
        data = guarded_utf8(headers, rows)
        if data is not None:
            return data, len(rows)
        rows = [
            [unguard_cell(v, c.kind) for v, c in zip(row, columns, strict=True)] for row in rows
        ]
    return _strict_encode(rows, columns, headers, encoding)


def _strict_encode(
    rows: Iterable[Sequence[str]], columns: Sequence[Column], headers: list[str], encoding: str
) -> tuple[bytes, int]:
    """Guard, check every cell (naming each one that cannot be written), then encode."""
    table: list[list[str]] = [headers]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(columns):
            raise ValueError(f"row {number} has {len(row)} cells for {len(columns)} columns")
        cells = [
            guard_cell(_for_encoding(value, encoding), column.kind)
            for value, column in zip(row, columns, strict=True)
        ]
        table.append(cells)

    bad = [
        UnwritableCell(number, headers[index], chars, encoding)
        for number, cells in enumerate(table, start=1)
        for index, cell in enumerate(cells)
        if (chars := _unwritable(cell, encoding))
    ]
    if bad:
        raise CsvEncodingError(bad, encoding)

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return buffer.getvalue().encode(encoding), len(table) - 1


def cp932_bytes(text: str) -> bytes | None:
    """CSV ``text`` (of guarded cells) as a CP932 file, as :func:`encode_csv` writes it;
    ``None`` when a character cannot be written (:func:`encode_csv` then names each cell) or a
    cell may start with U+2212, which is written as the formula trigger U+FF0D (the codec
    guards such a cell)."""
    if "\u2212" in text or not _CP932_REFUSED.isdisjoint(text):
        return None
    try:
        return text.translate(_CP932_SAME_GLYPH).encode("cp932")
    except UnicodeEncodeError:
        return None


_CP932_REFUSED = CP932_NOT_TEXT | {"\0"}


def _for_encoding(value: str, encoding: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"CSV cells are text, not {type(value).__name__} (use format_value)")
    return value.translate(_CP932_SAME_GLYPH) if encoding == "cp932" else value


def _unwritable(cell: str, encoding: str) -> str:
    """The characters of ``cell`` that cannot be written, each once; empty if all can."""
    refused = CP932_NOT_TEXT | {"\0"} if encoding == "cp932" else frozenset("\0")
    try:
        cell.encode(encoding)
    except UnicodeEncodeError:
        pass
    else:
        if refused.isdisjoint(cell):
            return ""
    found: dict[str, None] = {}
    for char in cell:
        if char in refused:
            found[char] = None
            continue
        try:
            char.encode(encoding)
        except UnicodeEncodeError:
            found[char] = None
    return "".join(found)
