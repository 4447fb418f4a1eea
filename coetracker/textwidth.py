"""Plain-text tables for the terminal that line up with Japanese (double-width) characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


def one_line(text: str) -> str:
    """Collapse line breaks and tabs so a cell stays on its row."""
    return " ".join(text.split())


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to the widest cell, separated by two spaces; a rule under the headers."""
    cells = [[one_line(c) for c in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], display_width(cell))
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)


_CLOSING = "、。，．・：；？！）」』】〕〉》”’ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.:;?!)]}"
"""Characters that never start a line (kinsoku): they stay with what comes before them."""

_OPENING = "（「『【〔〈《“‘(["
"""Characters that never end a line: they stay with what comes after them."""


def _units(text: str) -> list[tuple[bool, str]]:
    """(space before?, unit): a run of narrow characters, or one wide character; closing
    punctuation is kept with the unit before it."""
    units: list[tuple[bool, str]] = []
    space = False
    for ch in text:
        if ch.isspace():
            space = True
            continue
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        attach = bool(units) and not space
        if attach:
            last = units[-1][1]
            attach = ch in _CLOSING or last[-1] in _OPENING or (not wide and _is_narrow_run(last))
        if attach:
            before, unit = units[-1]
            units[-1] = (before, unit + ch)
        else:
            units.append((space, ch))
        space = False
    return units


def _is_narrow_run(unit: str) -> bool:
    last = unit[-1]
    return unicodedata.east_asian_width(last) not in ("W", "F") and last not in _CLOSING


def wrap_columns(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` display columns (a longer unbreakable unit stands alone).

    Unlike :mod:`textwrap`, Japanese text wraps between any two characters (except before
    closing punctuation), and wide characters count two columns.
    """
    lines: list[str] = []
    line = ""
    for space, unit in _units(text):
        candidate = f"{line} {unit}" if line and space else line + unit
        if line and display_width(candidate) > width:
            lines.append(line)
            line = unit
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines
