"""The fixed parts of an .xlsx package (SpreadsheetML): content types, relationships, the
workbook, the styles and the small second sheet.

Pure text templates with every value XML-escaped; :mod:`coetracker.io.xlsx_write` streams the
large first sheet itself and puts these parts beside it in the zip. The styles are few and
fixed: ``0`` plain, ``1`` bold (headers and labels), ``2`` a date in the chosen format, then
one solid fill per tint colour (``3`` onwards, in the order given).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "BOLD",
    "CONTENT_TYPES",
    "DATE",
    "FIRST_TINT",
    "PACKAGE_RELS",
    "WORKBOOK_RELS",
    "escape",
    "sheet_head",
    "sheet_name",
    "sheet_tail",
    "styles",
    "workbook",
]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

BOLD, DATE, FIRST_TINT = 1, 2, 3
"""Style indices (``s`` attribute) of the bold font, the date format and the first tint."""

CONTENT_TYPES = (
    _DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    _DECLARATION + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)

WORKBOOK_RELS = (
    _DECLARATION + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """``text`` safe in XML character data and in a double-quoted attribute."""
    return text.translate(_ESCAPES)


_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str) -> str:
    """A sheet title as Excel accepts it: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = _NOT_IN_SHEET_NAME.sub(" ", title).strip().strip("'")
    return cleaned[:31] or "Sheet"


def workbook(first: str, second: str, filter_ref: str | None) -> str:
    """The workbook part: two sheets (titles already cleaned) and the first one's filter range."""
    defined = (
        "<definedNames>"
        '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{escape(_quoted(first))}!{filter_ref}</definedName></definedNames>"
        if filter_ref
        else ""
    )
    return (
        _DECLARATION + f'<workbook xmlns="{MAIN}" xmlns:r="{_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
        f'<sheet name="{escape(first)}" sheetId="1" r:id="rId1"/>'
        f'<sheet name="{escape(second)}" sheetId="2" r:id="rId2"/>'
        f"</sheets>{defined}</workbook>"
    )


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def styles(date_format: str, tints: Sequence[str]) -> str:
    """The style sheet: plain, bold, date, then one fill per RGB hex colour of ``tints``."""
    fills = "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="00{rgb}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
        for rgb in tints
    )
    tinted = "".join(
        f'<xf numFmtId="0" fontId="0" fillId="{2 + index}" borderId="0" xfId="0" applyFill="1"/>'
        for index in range(len(tints))
    )
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return (
        _DECLARATION + f'<styleSheet xmlns="{MAIN}">'
        f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{escape(date_format)}"/></numFmts>'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        f'<fills count="{2 + len(tints)}"><fill><patternFill patternType="none"/></fill>'
        f'<fill><patternFill patternType="gray125"/></fill>{fills}</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{3 + len(tints)}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        f"{tinted}</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def sheet_head(widths: Sequence[float], *, frozen_header: bool) -> str:
    """A worksheet's start up to its ``<sheetData>``: the frozen header row and column widths."""
    pane = (
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        if frozen_header
        else ""
    )
    cols = "".join(
        f'<col min="{index}" max="{index}" width="{width:g}" customWidth="1"/>'
        for index, width in enumerate(widths, start=1)
    )
    return (
        _DECLARATION + f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
        f'{pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>"
    )


def sheet_tail(filter_ref: str | None) -> str:
    """A worksheet's end after its rows: the autofilter, if any, and the page margins."""
    autofilter = f'<autoFilter ref="{filter_ref}"/>' if filter_ref else ""
    return (
        f"</sheetData>{autofilter}"
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
        "</worksheet>"
    )
