"""A worksheet's rows (and a shared-string table's items) parsed by the batch: the XML parser
builds each batch of elements at once.

A worksheet of a case list is one long ``<sheetData>`` of ``<row>`` elements, a shared-string
table one long ``<sst>`` of ``<si>`` items. Parsing such a part event by event
(:func:`xml.etree.ElementTree.iterparse`) hands every cell, value and text element to Python
one at a time; here the decompressed part is read in chunks, each chunk is cut after its last
item end tag (``</row>``, ``</si>``), and the complete items before the cut are parsed by the
standard library's C parser in one call, between copies of the part's own start tags (so every
namespace declaration in scope is the same). Nothing is parsed by hand: the only thing searched
for in the bytes is the item end tag, which in well-formed XML can stand only at the end of
such an element or inside a comment, a CDATA section or a processing instruction, and any of
those would leave a batch unbalanced.

Whatever does not fit this layout — a document type declaration, an encoding other than UTF-8,
an end tag that does not close an item, a batch the parser refuses — raises
:class:`UnusualSheetError`, and the caller reads the part event by event instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

__all__ = ["UnusualSheetError", "row_batches", "string_batches"]

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_DATA = _NS + "}sheetData"
_ROW = _NS + "}row"
_MERGE = "{" + _NS + "}mergeCell"
_STRING_ITEM = _NS + "}si"

_CHUNK = 16 << 10
"""Bytes of decompressed XML read at a time: a batch is about this size, some dozen rows. Small
batches are faster than large ones: the elements of one stay in the processor's cache while
its cells are read."""

_HEAD_LIMIT = 8 << 20
"""The most bytes read looking for the first item (a sheet's column and view settings come
first)."""

_QNAME = re.compile(rb"<([^\s/>]+)")


class UnusualSheetError(Exception):
    """The part is not laid out as the batches expect; read it event by event instead."""


def _qname(tag: bytes) -> bytes:
    """The element name as written in a start tag (``x:row`` of ``<x:row r="1">``)."""
    found = _QNAME.match(tag)
    if found is None:
        raise UnusualSheetError
    return found.group(1)


def _head(stream: IO[bytes], container: str | None, item: str) -> tuple[bytes, bytes, bytes]:
    """Read up to the first ``item``: (the start tags of the root and of ``container`` as
    written, their end tags, the bytes from the first item on). ``container`` is a child of the
    root holding the items (``None``: the root holds them)."""
    parser = expat.ParserCreate(namespace_separator="}")
    offsets: dict[str, int] = {}
    depth = 0
    item_depth = 2 if container is None else 3

    def start(name: str, _attributes: object) -> None:
        nonlocal depth
        depth += 1
        if "item" in offsets:
            return
        offset = parser.CurrentByteIndex
        if depth == 1:
            offsets["root"] = offset
        elif depth == item_depth and (container is None or "container" in offsets):
            if name != item:
                raise UnusualSheetError  # something else among the items
            offsets["item"] = offset
        elif depth == 2:
            offsets.setdefault("child", offset)
            if name == container:
                offsets["container"] = offset

    def end(_name: str) -> None:
        nonlocal depth
        depth -= 1
        closed = depth == item_depth - 2 and "item" not in offsets  # the items' holder ended
        if closed and (container is None or "container" in offsets):
            raise UnusualSheetError  # no item at all: nothing to gain

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
    while "item" not in offsets:
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
    root, first = head[offsets["root"] :], offsets["item"]
    if container is None:
        return head[offsets["root"] : first], b"</" + _qname(root) + b">", head[first:]
    holder = head[offsets["container"] :]
    opening = root[: offsets["child"] - offsets["root"]] + head[offsets["container"] : first]
    closing = b"</" + _qname(holder) + b"></" + _qname(root) + b">"
    return opening, closing, head[first:]


def _parse(opening: bytes, items: bytes, closing: bytes) -> Element:
    """The root element of ``opening + items + closing``."""
    parser = ElementTree.XMLParser()  # noqa: S314 - as xlsx_book.fromstring; no DOCTYPE here
    try:
        parser.feed(opening)
        parser.feed(items)
        parser.feed(closing)
        return parser.close()
    except ParseError:
        raise UnusualSheetError from None


def _batches(
    stream: IO[bytes], container: str | None, item: str, tail: list[Element]
) -> Iterator[Element]:
    """The elements holding successive batches of the items, in order; after the last, ``tail``
    receives the root element of the part's end (what follows the items)."""
    opening, closing, rest = _head(stream, container, item)
    item_end = b"</" + _qname(rest) + b">"
    while chunk := stream.read(_CHUNK):
        rest += chunk
        cut = rest.rfind(item_end)
        if cut < 0:
            continue
        cut += len(item_end)
        batch = _parse(opening, rest[:cut], closing)
        rest = rest[cut:]
        if container is None:
            yield batch
        elif len(batch) == 1:
            yield batch[0]
        else:
            raise UnusualSheetError
    end = _parse(opening, rest, b"")  # the last items, if any, and the rest of the part
    if container is None:
        yield end
    elif len(end) and end[0].tag == "{" + container:
        yield end[0]
    else:
        raise UnusualSheetError
    tail.append(end)


def row_batches(stream: IO[bytes], merged: list[str]) -> Iterator[Element]:
    """The ``sheetData`` elements of successive batches of a worksheet's rows, in order; after
    the last, ``merged`` receives the merged ranges (``A2:A3``). Raises
    :class:`UnusualSheetError` (before ``merged`` is touched) when the part does not fit the
    layout."""
    tail: list[Element] = []
    yield from _batches(stream, _SHEET_DATA, _ROW, tail)
    merged.extend(cell.get("ref", "") for cell in tail[0].iter(_MERGE))


def string_batches(stream: IO[bytes]) -> Iterator[Element]:
    """The ``sst`` elements of successive batches of a shared-string table's items, in order.
    Raises :class:`UnusualSheetError` when the part does not fit the layout."""
    yield from _batches(stream, None, _STRING_ITEM, [])
