"""Exporting cases as an Excel workbook (.xlsx): the CSV's columns and rows as typed cells.

The rows are those of the CSV export (:func:`~coetracker.services.csv_export.guarded_table`,
the same cases in the same order); their texts are turned back into what they are — dates into
date cells, 経過日数 into a number, the rest into string cells with the CSV guard undone (a
workbook keeps text as text). The readiness column is tinted in the window's colours for each
level. A second sheet says when the file was made, from which filter, and how many cases (and of
which levels) it holds. Written by :func:`coetracker.io.xlsx_write.write_xlsx` (streamed, atomic).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from typing import BinaryIO

from coetracker.domain.jpdates import DateStyle
from coetracker.domain.levels import expired_label, level_short_label, level_tint
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Translate, no_translation
from coetracker.domain.model import Level
from coetracker.io.csv_columns import EXPORT_COLUMNS, GUARD, ColumnKind, HeaderStyle, unguard_cell
from coetracker.io.xlsx_write import XlsxCell, date_format_for, write_xlsx
from coetracker.pacing import release
from coetracker.services.csv_export import collector_paused, guarded_table
from coetracker.services.records import CaseRow
from coetracker.storage.engine import Database

__all__ = ["LEVEL_TINTS", "export_workbook", "typed_rows"]

CONTEXT = "Csv"

LEVEL_TINTS: dict[Level, str] = {level: level_tint(level) for level in Level}
"""The fill (RGB hex) of the readiness cell of each level: the window's hues, light."""

_DATE_KEYS = frozenset(
    [c.key for c in EXPORT_COLUMNS if c.kind == ColumnKind.DATE] + ["coe_expiry_date", "next_check"]
)
_NUMBER_KEYS = frozenset(
    [c.key for c in EXPORT_COLUMNS if c.kind == ColumnKind.AMOUNT] + ["elapsed_days"]
)

_SHEET = QT_TRANSLATE_NOOP("Csv", "Case list")
_SUMMARY = QT_TRANSLATE_NOOP("Csv", "About this export")
_MADE = QT_TRANSLATE_NOOP("Csv", "Exported on")
_FILTER = QT_TRANSLATE_NOOP("Csv", "Filter")
_COUNT = QT_TRANSLATE_NOOP("Csv", "Number of cases")
_ALL_CASES = QT_TRANSLATE_NOOP("Csv", "Every case, closed and archived included")
_ACTIVE_CASES = QT_TRANSLATE_NOOP("Csv", "The cases the window lists (closed ones left out)")


def typed_rows(table: list[list[str]]) -> list[list[XlsxCell]]:
    """Guarded cell texts turned, in place, into typed cells: the guard undone, dates as dates,
    numbers as numbers, the rest text (blank: ``""``). Returns ``table``.

    Column by column, as each column holds one kind: a loop over 100,000 cells of one kind
    costs a fraction of a loop that asks every cell its kind. Dates repeat, so each is parsed
    once.
    """
    from_iso = dt.date.fromisoformat
    typed: list[list[XlsxCell]] = table  # type: ignore[assignment]
    dates: dict[str, dt.date] = {}
    for index, column in enumerate(EXPORT_COLUMNS):
        if column.key in _DATE_KEYS:
            for row in typed:
                value = row[index]
                if value:
                    day = dates.get(value)  # type: ignore[arg-type]
                    if day is None:
                        day = dates[value] = from_iso(value)  # type: ignore[index,arg-type]
                    row[index] = day
        elif column.key in _NUMBER_KEYS:
            for row in typed:
                value = row[index]
                if value:
                    row[index] = int(unguard_cell(value, column.kind))  # type: ignore[arg-type]
        else:
            kind = column.kind
            for row in typed:
                value = row[index]
                if value[:1] == GUARD:  # type: ignore[index]
                    row[index] = unguard_cell(value, kind)  # type: ignore[arg-type]
    return typed


def export_workbook(
    db: Database,
    target: str | os.PathLike[str] | BinaryIO,
    *,
    today: dt.date,
    rows: Sequence[CaseRow] | None = None,
    include_closed: bool = True,
    header_style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
    date_style: DateStyle = DateStyle.ISO,
    filter_text: str | None = None,
) -> int:
    """Write the rows :func:`~coetracker.services.csv_export.export_cases` would write, as an
    .xlsx workbook; return the number of rows. ``filter_text`` describes the window's filter
    (the CLI leaves it out: the summary then says which cases). Raises
    :class:`~coetracker.io.csv_codec.CsvEncodingError` (nothing written) for a cell a workbook
    cannot hold."""
    with collector_paused():
        table = guarded_table(
            db,
            today=today,
            rows=rows,
            include_closed=include_closed,
            header_style=header_style,
            translate=translate,
        )
        typed = typed_rows(table)
        labels = {level: level_short_label(level).render(translate) for level in Level}
        readiness = [c.key for c in EXPORT_COLUMNS].index("readiness")
        counts = Counter(row[readiness] for row in typed)
        if filter_text is None:
            filter_text = translate(CONTEXT, _ALL_CASES if include_closed else _ACTIVE_CASES)
        summary: list[tuple[str, XlsxCell]] = [
            (translate(CONTEXT, _MADE), today),
            (translate(CONTEXT, _FILTER), filter_text),
            (translate(CONTEXT, _COUNT), len(table)),
        ]
        summary += [(labels[lv], counts[labels[lv]]) for lv in Level if counts[labels[lv]]]
        expired = expired_label().render(translate)
        if counts[expired]:
            summary.append((expired, counts[expired]))
        date_format = date_format_for(date_style)
        written = write_xlsx(
            typed,
            target,
            columns=EXPORT_COLUMNS,
            header_style=header_style,
            date_format=date_format,
            sheet_title=translate(CONTEXT, _SHEET),
            tints={
                "readiness": {
                    **{labels[level]: LEVEL_TINTS[level] for level in Level},
                    expired: LEVEL_TINTS[Level.COE_EXPIRING],
                }
            },
            summary_title=translate(CONTEXT, _SUMMARY),
            summary=summary,
        )
        release(typed)  # gone before the collector is back on, or its next pass scans them
        release(table)
    return written
