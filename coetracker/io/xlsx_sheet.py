"""A worksheet part's rows parsed by the batch: the XML parser builds each batch of rows at once.

A worksheet of a case list is one long ``<sheetData>`` of ``<row>`` elements. Parsing it event
by event (:func:`xml.etree.ElementTree.iterparse`) hands every cell, value and text element to
Python one at a time; here the decompressed part is read in large chunks, each chunk is cut
after its last ``</row>`` end tag, and the complete rows before the cut are parsed by the
standard library's C parser in one call, between copies of the part's own ``<worksheet>`` and
``<sheetData>`` start tags (so every namespace declaration in scope is the same). Nothing is
parsed by hand: the only thing searched for in the bytes is the row end tag, which in
well-formed XML can stand only at the end of a ``row`` element or inside a comment, a CDATA
section or a processing instruction, and any of those would leave a batch unbalanced.

Whatever does not fit this layout — a document type declaration, an encoding other than
UTF-8, a ``row`` end tag that does not close a row of the sheet, a batch the parser refuses —
raises :class:`UnusualSheetError`, and the caller reads the part event by event instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

__all__ = ["UnusualSheetError", "row_batches"]

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_DATA = _NS + "}sheetData"
_ROW = _NS + "}row"
_MERGE = "{" + _NS + "}mergeCell"

_CHUNK = 16 << 10
"""Bytes of decompressed XML read at a time: a batch is about this size, some dozen rows. Small
batches are faster than large ones: the elements of one stay in the processor's cache while
its cells are read (a megabyte's batches take a tenth longer overall)."""

_HEAD_LIMIT = 8 << 20
"""The most bytes read looking for the first row (column and view settings come first)."""

_QNAME = re.compile(rb"<([^\s/>]+)")


class UnusualSheetError(Exception):
    """The part is not laid out as this reader expects; read it event by event instead."""


def _qname(tag: bytes) -> bytes:
    """The element name as written in a start tag (``x:row`` of ``<x:row r="1">``)."""
    found = _QNAME.match(tag)
    if found is None:
        raise UnusualSheetError
    return found.group(1)


def _head(stream: IO[bytes]) -> tuple[bytes, bytes, bytes]:
    """Read up to the first row: (the worksheet and sheetData start tags as written, their end
    tags, the bytes from the first row on)."""
    parser = expat.ParserCreate(namespace_separator="}")
    offsets: dict[str, int] = {}
    depth = 0

    def start(name: str, _attributes: object) -> None:
        nonlocal depth
        depth += 1
        if "row" in offsets:
            return
        offset = parser.CurrentByteIndex
        if depth == 1:
            offsets["worksheet"] = offset
        elif depth == 2:
            offsets.setdefault("child", offset)
            if name == _SHEET_DATA:
                offsets["sheetData"] = offset
        elif depth == 3 and "sheetData" in offsets:
            if name != _ROW:
                raise UnusualSheetError  # something other than a row in the sheetData
            offsets["row"] = offset

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1
        if "sheetData" in offsets and "row" not in offsets:
            raise UnusualSheetError  # an empty sheetData: nothing to gain

    def declaration(_version: str | None, encoding: str | None, _standalone: int) -> None:
        if encoding is not None and encoding.replace("-", "").casefold() != "utf8":
            raise UnusualSheetError

    def doctype(*_args: object) -> None:
        raise UnusualSheetError  # entities declared in the head would be missing from the batches

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.XmlDeclHandler = declaration
    parser.StartDoctypeDeclHandler = doctype
    head = b""
    while "row" not in offsets:
        chunk = stream.read(_CHUNK)
        if not chunk or len(head) > _HEAD_LIMIT:
            raise UnusualSheetError
        if not head and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnusualSheetError  # UTF-16
        head += chunk
        try:
            parser.Parse(chunk, False)
        except expat.ExpatError:
            raise UnusualSheetError from None
    worksheet, sheet_data = head[offsets["worksheet"] :], head[offsets["sheetData"] :]
    opening = worksheet[: offsets["child"] - offsets["worksheet"]]
    opening += sheet_data[: offsets["row"] - offsets["sheetData"]]
    closing = b"</" + _qname(sheet_data) + b"></" + _qname(worksheet) + b">"
    return opening, closing, head[offsets["row"] :]


def _parse(opening: bytes, rows: bytes, closing: bytes) -> Element:
    """The worksheet element of ``opening + rows + closing``."""
    parser = ElementTree.XMLParser()  # noqa: S314 - as xlsx_book.fromstring; no DOCTYPE here
    try:
        parser.feed(opening)
        parser.feed(rows)
        parser.feed(closing)
        return parser.close()
    except ParseError:
        raise UnusualSheetError from None


def row_batches(stream: IO[bytes], merged: list[str]) -> Iterator[Element]:
    """The ``sheetData`` elements of successive batches of the part's rows, in order; after
    the last, ``merged`` receives the merged ranges (``A2:A3``). Raises :class:`UnusualSheetError`
    (before ``merged`` is touched) when the part does not fit the layout."""
    opening, closing, rest = _head(stream)
    row_end = b"</" + _qname(rest) + b">"
    while chunk := stream.read(_CHUNK):
        rest += chunk
        cut = rest.rfind(row_end)
        if cut < 0:
            continue
        cut += len(row_end)
        batch = _parse(opening, rest[:cut], closing)
        rest = rest[cut:]
        if len(batch) != 1:
            raise UnusualSheetError
        yield batch[0]
    tail = _parse(opening, rest, b"")  # the last rows, if any, and the rest of the worksheet
    if not len(tail) or tail[0].tag != "{" + _SHEET_DATA:
        raise UnusualSheetError
    yield tail[0]
    merged.extend(cell.get("ref", "") for cell in tail.iter(_MERGE))
