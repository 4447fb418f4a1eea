"""The bytes of a CSV file into text and rows of cells: the encoding found or chosen, the
limits, and a file refused with the reason (pure: no database, no Qt).

:func:`decode_text` takes the bytes: a UTF-8 byte-order mark means UTF-8; otherwise strict
UTF-8 is tried, then CP932 (``encoding=`` forces one). It raises :class:`CsvReadError`, with a
translatable message, for a workbook (.xlsx, .xls), PDF, image or database recognised by its
signature, an empty file, one over :data:`MAX_FILE_BYTES`, UTF-16, NUL bytes, undecodable text,
or lines in two encodings. :func:`parse_rows` gives the rows of cells one at a time and raises
the same error for malformed CSV or a cell over :data:`MAX_CELL_CHARS`.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.io.csv_write import CP932_NOT_TEXT

__all__ = [
    "EMPTY_FILE",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "CsvReadError",
    "decode_text",
    "file_too_big",
    "parse_rows",
    "read_error",
    "refuse_too_big",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest file accepted (50 MiB: some hundred thousand cases)."""

MAX_CELL_CHARS = 100_000
"""The longest cell accepted (Excel itself holds at most 32,767 characters in a cell)."""

_BOM = codecs.BOM_UTF8
_CP932_NAMES = frozenset({"cp932", "ms932", "windows31j", "shiftjis", "sjis", "mskanji"})


class CsvReadError(ValueError):
    """The file cannot be read as a case-list CSV at all; ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
        self.message = message


EMPTY_FILE = QT_TRANSLATE_NOOP("Csv", "The file is empty.")
_TOO_BIG = QT_TRANSLATE_NOOP("Csv", "The file is too large ({size} MB; the limit is {limit} MB).")
_UTF16 = QT_TRANSLATE_NOOP(
    "Csv", "The file is UTF-16 text; save it as “CSV UTF-8” or “CSV (comma delimited)”."
)
_NUL = QT_TRANSLATE_NOOP("Csv", "The file contains NUL bytes (byte {offset}): it is not CSV text.")
_NOT_ENCODING = QT_TRANSLATE_NOOP("Csv", "The file is not valid {encoding} text (byte {offset}).")
_NOT_TEXT = QT_TRANSLATE_NOOP(
    "Csv", "The file is neither UTF-8 nor CP932 (Shift_JIS) text: is it a CSV file?"
)
_MIXED = QT_TRANSLATE_NOOP(
    "Csv",
    "The file mixes encodings: line {utf8} is UTF-8 but line {other} is not (Shift_JIS?). "
    "Open it in a spreadsheet and save it again as “CSV UTF-8”.",
)
_BAD_ENCODING = QT_TRANSLATE_NOOP("Csv", "Unsupported encoding “{encoding}”: use UTF-8 or CP932.")
_BAD_CSV = QT_TRANSLATE_NOOP(
    "Csv", "The file is not valid CSV at line {line} ({detail}); check its quotes."
)
_CELL_TOO_LONG = QT_TRANSLATE_NOOP("Csv", "A cell in row {row} is longer than {limit} characters.")
_WORKBOOK = QT_TRANSLATE_NOOP(
    "Csv",
    "The file is an Excel workbook (.xlsx), not CSV text: import it directly as a workbook "
    "(choose “Excel workbook” as the file type, or name it .xlsx).",
)
_OLD_WORKBOOK = QT_TRANSLATE_NOOP(
    "Csv",
    "The file is an old Excel workbook (.xls): save it in Excel as “Excel workbook (.xlsx)” "
    "and import that.",
)


def read_error(source: str, /, **params: object) -> CsvReadError:
    """A :class:`CsvReadError` saying ``source`` (a message of the Csv context)."""
    return CsvReadError(message("Csv", source, **params))


def file_too_big(size: int) -> CsvReadError:
    """The error for a file of ``size`` bytes, over :data:`MAX_FILE_BYTES`."""
    return read_error(_TOO_BIG, size=round(size / 1024 / 1024, 1), limit=MAX_FILE_BYTES // 1024**2)


def refuse_too_big(size: int) -> None:
    """Raise :func:`file_too_big` when a file of ``size`` bytes is over :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        raise file_too_big(size)


def decode_text(data: bytes, encoding: str | None) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in (see the module's text)."""
    refuse_too_big(len(data))
    if not data.removeprefix(_BOM).strip():
        raise read_error(EMPTY_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise read_error(_UTF16)
    _refuse_binary(data)
    if b"\0" in data:
        raise read_error(_NUL, offset=data.index(b"\0"))
    candidates = _candidates(data, encoding)
    if encoding is None and "cp932" in candidates:
        _refuse_mixed(data)
    failure: UnicodeDecodeError | None = None
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError as error:
            failure = error
            continue
        if name == "cp932" and not CP932_NOT_TEXT.isdisjoint(text):
            offset = next(i for i, char in enumerate(text) if char in CP932_NOT_TEXT)
            failure = UnicodeDecodeError(name, data, offset, offset + 1, "not text")
            continue
        return text, name
    if encoding is not None:
        offset = failure.start if failure else 0
        raise read_error(_NOT_ENCODING, encoding=candidates[0], offset=offset)
    raise read_error(_NOT_TEXT)


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", QT_TRANSLATE_NOOP("Csv", "The file is a PDF document, not CSV text.")),
    (b"\x89PNG", QT_TRANSLATE_NOOP("Csv", "The file is a PNG image, not CSV text.")),
    (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("Csv", "The file is a JPEG image, not CSV text.")),
    (
        b"SQLite format 3\0",
        QT_TRANSLATE_NOOP("Csv", "The file is an SQLite database, not CSV text."),
    ),
)
"""File signatures and what the message says when such a file is given as CSV."""


def _refuse_binary(data: bytes) -> None:
    """Raise a :class:`CsvReadError` saying what a known binary file is."""
    if data.startswith(b"PK\x03\x04"):
        raise read_error(_WORKBOOK)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise read_error(_OLD_WORKBOOK)
    for signature, source in _SIGNATURES:
        if data.startswith(signature):
            raise read_error(source)


def _refuse_mixed(data: bytes) -> None:
    """Refuse a file whose lines are partly UTF-8 and partly not (two sheets pasted together):
    read as either encoding, some names would silently become other characters."""
    utf8_line = other_line = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise read_error(_MIXED, utf8=utf8_line, other=other_line)


def _candidates(data: bytes, encoding: str | None) -> list[str]:
    has_bom = data.startswith(_BOM)
    if encoding is None:
        return ["utf-8-sig"] if has_bom else ["utf-8", "cp932"]
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = encoding
    folded = name.casefold().replace("-", "").replace("_", "")
    if folded in _CP932_NAMES:
        return ["cp932"]
    if folded in ("utf8", "utf8sig"):
        return ["utf-8-sig" if has_bom else "utf-8"]
    raise read_error(_BAD_ENCODING, encoding=encoding)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""A line with its ending, as a file opened with ``newline=""`` gives it to the csv module."""


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` without copying it whole (``io.StringIO`` would hold it as UCS-4:
    four bytes a character)."""
    for match in _LINE.finditer(text):
        yield match.group()


def parse_rows(text: str) -> Iterator[list[str]]:
    """The rows of a CSV text, one at a time; raises :class:`CsvReadError` on the way."""
    reader = csv.reader(_lines(text), strict=True)
    count = 0
    try:
        for cells in reader:
            count += 1
            if max(map(len, cells), default=0) > MAX_CELL_CHARS:
                raise read_error(_CELL_TOO_LONG, row=count, limit=MAX_CELL_CHARS)
            yield cells
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise read_error(_CELL_TOO_LONG, row=count + 1, limit=MAX_CELL_CHARS) from None
        raise read_error(_BAD_CSV, line=reader.line_num, detail=str(error)) from None
