"""The one CSV encoder: guarding cells and writing CSV text, fast, for every file we write.

The case list (:mod:`coetracker.services.csv_export`), the 事件簿 (:mod:`coetracker.io.ledger_csv`)
and the expiry list all come through here, by way of :func:`coetracker.io.csv_write.encode_csv`
or, for the case list whose cells are guarded as they are made, :func:`guarded_utf8` directly.

* :func:`guard_text` and :func:`guard_identifier` are :func:`~coetracker.io.csv_columns.guard_cell`
  made cheap: a set look-up of the first character (a test checks they agree on any text).
* :func:`csv_text` writes exactly what ``csv.writer`` (``QUOTE_MINIMAL``, CRLF) writes, in one
  pass; :func:`guarded_utf8` encodes it once, with the byte-order mark Japanese Excel needs.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from coetracker.io.csv_columns import (
    FORMULA_TRIGGERS,
    GUARD,
    Column,
    ColumnKind,
    guard_cell,
)
from coetracker.pacing import breathe

__all__ = [
    "csv_text",
    "guard_identifier",
    "guard_rows",
    "guard_text",
    "guarded_utf8",
    "utf8_blocks_with_bom",
    "utf8_with_bom",
]

_TRIGGERS = FORMULA_TRIGGERS | {GUARD}
_IDENTIFIER_SAFE_START = frozenset(chr(c) for c in range(0x4E00, 0xA000)) - set("明大昭平令")
"""First characters with which an identifier is never guarded: CJK unified ideographs (no
normalisation changes them, none is a digit or a trigger) other than the era names' initials.
Identifiers such as 東就認T26-00001 start so; the rest go through ``guard_cell``."""
_DIGITS = frozenset("0123456789")


def guard_text(value: str) -> str:
    """:func:`guard_cell` for any column but an identifier, as one set look-up."""
    return GUARD + value if value[:1] in _TRIGGERS else value


def guard_identifier(value: str) -> str:
    """:func:`guard_cell` for an identifier: an ASCII digit first is always guarded, a CJK
    ideograph never (see :data:`_IDENTIFIER_SAFE_START`); anything else asks the codec."""
    first = value[:1]
    if first in _DIGITS:
        return GUARD + value
    if not first or first in _IDENTIFIER_SAFE_START:
        return value
    return guard_cell(value, ColumnKind.IDENTIFIER)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The CSV text (CRLF) of ``header`` and ``rows``, exactly as ``csv.writer`` writes it.

    Most rows need no quoting at all: no cell holds a comma, a double quote, CR or LF (the
    only reasons ``QUOTE_MINIMAL`` quotes a cell of a multi-column row). Such a row is joined
    with commas directly, a check of one string; the rest go through ``csv.writer``. (This
    measured faster than ``csv.writer.writerows`` over every row: 0.44 s against 0.68 s for
    100,000 rows of 31 cells.)
    """
    commas = len(header) - 1
    # The line end must be CRLF here too: csv quotes a cell holding a line-end character.
    quoting = io.StringIO(newline="")
    writer = csv.writer(quoting, lineterminator="\r\n")
    lines: list[str] = []
    append = lines.append
    for row in _with_header(header, rows):
        line = ",".join(row)
        if line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
            append(line)
        else:
            quoting.seek(0)
            quoting.truncate()
            writer.writerow(row)
            append(quoting.getvalue()[:-2])
    lines.append("")
    return "\r\n".join(lines)


def _with_header(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[Sequence[str]]:
    yield header
    yield from rows


def guarded_utf8(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes | None:
    """A UTF-8-with-BOM file of already guarded cells, encoded once; ``None`` when a cell
    holds what no UTF-8 CSV may (a NUL, a lone surrogate): :func:`encode_csv` names it."""
    return utf8_with_bom(csv_text(header, rows))


def utf8_blocks_with_bom(lines: Sequence[str]) -> list[bytes] | None:
    """:func:`utf8_with_bom` of the ``lines`` each ended with CRLF, as the blocks of bytes a
    file is written from (the byte-order mark first): a block of lines at a time, so that the
    whole text is never one string nor one ``bytes`` (at 100,000 cases, two copies of 40 MB
    saved, and the pages they would take). ``None`` as for :func:`utf8_with_bom`."""
    blocks = [codecs.BOM_UTF8]
    try:
        for start in range(0, len(lines), _LINES_BLOCK):
            text = "\r\n".join(lines[start : start + _LINES_BLOCK])
            if "\0" in text:
                return None
            blocks.append(text.encode("utf-8") + b"\r\n")
            breathe()
    except UnicodeEncodeError:  # a lone surrogate
        return None
    return blocks


_LINES_BLOCK = 2_000


def utf8_with_bom(text: str) -> bytes | None:
    """CSV ``text`` as a UTF-8 file with the byte-order mark Japanese Excel needs; ``None``
    when it holds what no UTF-8 CSV may (a NUL, a lone surrogate)."""
    if "\0" in text:
        return None
    # In blocks, each one short call: the window's thread may run between two (see pacing).
    parts = [codecs.BOM_UTF8]
    try:
        for start in range(0, len(text), _ENCODE_BLOCK):
            parts.append(text[start : start + _ENCODE_BLOCK].encode("utf-8"))
            breathe()
    except UnicodeEncodeError:  # a lone surrogate
        return None
    return b"".join(parts)


_ENCODE_BLOCK = 1 << 20
"""Characters :func:`guarded_utf8` encodes in one call."""


def guard_rows(rows: Iterable[Sequence[str]], columns: Sequence[Column]) -> list[list[str]]:
    """The cells of ``rows`` guarded by their columns' kinds (checking each row's width)."""
    width = len(columns)
    identifiers = [i for i, c in enumerate(columns) if c.kind == ColumnKind.IDENTIFIER]
    guarded: list[list[str]] = []
    for number, row in enumerate(rows, start=2):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} cells for {width} columns")
        cells = [guard_text(_text(v)) for v in row]
        for index in identifiers:
            cells[index] = guard_identifier(row[index])
        guarded.append(cells)
    return guarded


def _text(value: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"CSV cells are text, not {type(value).__name__} (use format_value)")
    return value
