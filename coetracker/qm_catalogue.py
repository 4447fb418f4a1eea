"""A compiled Qt translation (``.qm``) read without Qt, for the command line.

``coetracker due`` and ``list`` print translated text but show no window; loading QtCore only to
look strings up in a :class:`~PySide6.QtCore.QTranslator` costs more than the rest of the
command. :func:`read_catalogue` reads the same file into a dictionary and
:meth:`Catalogue.translate` answers as ``QTranslator.translate(context, source)`` does (the
first translation of a message without a disambiguation comment; ``""`` when there is none).

The file is what ``lrelease`` writes: a 16-byte magic number, then sections (tag byte, 32-bit
big-endian length, data). The messages section is a run of records, each a series of tagged
fields ended by ``End``: the translation in UTF-16BE, the source text, context and comment in
UTF-8. Anything else (a different magic number, an unknown field, a file cut short) makes
:func:`read_catalogue` return ``None``, and the caller uses Qt's translator instead.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Catalogue", "read_catalogue"]

log = logging.getLogger(__name__)

QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_MESSAGES = 0x69
_END, _SOURCE16, _TRANSLATION, _CONTEXT16, _OBSOLETE1 = 1, 2, 3, 4, 5
_SOURCE, _CONTEXT, _COMMENT, _OBSOLETE2 = 6, 7, 8, 9
_NULL = 0xFFFFFFFF
_LENGTH = struct.Struct(">I")


class _MalformedError(Exception):
    """The file is not laid out as this reader expects."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Translations keyed by (context, source text), messages with a comment left out."""

    messages: dict[tuple[str, str], str]

    def translate(self, context: str, source: str) -> str:
        """The translation, or ``""`` when the catalogue has none (as ``QTranslator``)."""
        return self.messages.get((context, source), "")


def _sections(data: bytes) -> dict[int, bytes]:
    if not data.startswith(QM_MAGIC):
        raise _MalformedError("magic")
    sections: dict[int, bytes] = {}
    pos = len(QM_MAGIC)
    while pos < len(data):
        if pos + 5 > len(data):
            raise _MalformedError("section header")
        tag = data[pos]
        (length,) = _LENGTH.unpack_from(data, pos + 1)
        start = pos + 5
        if start + length > len(data):
            raise _MalformedError("section length")
        sections[tag] = data[start : start + length]
        pos = start + length
    return sections


def _field(block: bytes, pos: int) -> tuple[bytes | None, int]:
    if pos + 4 > len(block):
        raise _MalformedError("field length")
    (length,) = _LENGTH.unpack_from(block, pos)
    pos += 4
    if length == _NULL:
        return None, pos
    if pos + length > len(block):
        raise _MalformedError("field data")
    return block[pos : pos + length], pos + length


def _messages(block: bytes) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    pos = 0
    translations: list[str] = []
    source = context = comment = ""
    while pos < len(block):
        tag = block[pos]
        pos += 1
        if tag == _END:
            if not comment and translations and (context, source) not in found:
                found[(context, source)] = translations[0]
            translations, source, context, comment = [], "", "", ""
            continue
        if tag == _OBSOLETE2:
            pos += 4
            continue
        if tag not in (_TRANSLATION, _SOURCE, _CONTEXT, _COMMENT, _OBSOLETE1):
            raise _MalformedError(f"field {tag}")
        value, pos = _field(block, pos)
        if tag == _TRANSLATION:
            translations.append("" if value is None else value.decode("utf-16-be"))
        elif tag == _SOURCE:
            source = (value or b"").decode("utf-8")
        elif tag == _CONTEXT:
            context = (value or b"").decode("utf-8")
        elif tag == _COMMENT:
            comment = (value or b"").decode("utf-8")
    return found


def read_catalogue(path: Path) -> Catalogue | None:
    """The messages of the ``.qm`` file at ``path``; ``None`` when it is missing or not laid
    out as expected (then Qt's own translator must be used)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        block = _sections(data).get(_MESSAGES)
        if block is None:
            raise _MalformedError("no messages")
        return Catalogue(_messages(block))
    except (_MalformedError, UnicodeDecodeError, struct.error) as problem:
        log.info("Reading %s with Qt's translator: %s", path.name, problem)
        return None
