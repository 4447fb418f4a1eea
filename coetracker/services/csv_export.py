"""Exporting cases to the case-list CSV (issue 5, DESIGN.md §8).

The GUI passes the rows it shows (filters and sort applied, as
:class:`~coetracker.services.records.CaseRow` values); the CLI exports every case or the active
ones. Each row holds the columns of :data:`~coetracker.io.csv_codec.CASE_COLUMNS`, then the
export-only ones (有効期限, 経過日数, 状況, 次回確認日, 理由) from the case's assessment.

Statements, whatever the number of rows:

* rows given: what a ``CaseRow`` does not hold (date of birth, notes, the document request's
  deadline and submission) in two statements — a few hundred cases by id, more by reading the
  tables once and picking the rows in Python (an ``IN`` list of 100,000 ids would exceed
  SQLite's parameter limit) — and the small look-ups of
  :class:`~coetracker.services.export_cells.CellFormatter`;
* every case of a SQLite file: one statement that reads the cases as nearly finished CSV text
  with their stored assessments (:mod:`~coetracker.services.export_lines`), the document
  requests, the look-ups, and the case list's statements for the cases the store cannot give;
  most urgent first. Elsewhere (the office server) every case is listed as the window lists
  it and written as rows given. A test checks that both ways give the same bytes.

Cells are guarded by the codec's rules (:mod:`coetracker.io.csv_columns`) as they are made, and
a UTF-8 file is encoded once (:func:`coetracker.io.csv_encode.utf8_blocks_with_bom` for the
whole export's lines), a CP932 one once
when every character can be written. Otherwise — a character CP932 cannot hold, or anything a
file cannot hold at all (NUL, a lone surrogate) — the cells go through the codec itself
(:func:`~coetracker.io.csv_codec.encode_csv`), which raises
:class:`~coetracker.io.csv_codec.CsvEncodingError` naming every row and column; then no file is
created or changed. Files are written to a temporary file (0600) and renamed into place.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.messages import Translate, no_translation
from coetracker.domain.model import Level
from coetracker.fsutil import atomic_write_blocks
from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    CsvEncoding,
    CsvEncodingError,
    HeaderStyle,
    encode_csv,
    unguard_cell,
)
from coetracker.io.csv_encode import guarded_utf8, utf8_blocks_with_bom
from coetracker.io.csv_write import cp932_bytes
from coetracker.pacing import collector_paused, release
from coetracker.services.caselist import list_cases, read_case_list, sort_by_urgency
from coetracker.services.export_cells import (
    NO_EXTRAS,
    CaseExtras,
    CellFormatter,
    RequestTuple,
    pick_request,
    picked_request,
    requests_query,
)
from coetracker.services.export_lines import csv_cell, whole_export_lines
from coetracker.services.records import CaseRow
from coetracker.storage.dbapi import is_sqlite, raw_connection
from coetracker.storage.engine import Database
from coetracker.storage.models import Applicant, Case, DocumentRequest

__all__ = [
    "ID_FILTER_LIMIT",
    "CaseExtras",
    "case_label",
    "case_rows_for_export",
    "collector_paused",
    "export_cases",
    "export_table",
    "guarded_table",
    "load_extras",
    "pick_request",
    "unguarded",
]

ID_FILTER_LIMIT = 500
"""Up to this many rows are fetched by id; more read the whole table once."""


def load_extras(session: Session, case_ids: Sequence[int]) -> dict[int, CaseExtras]:
    """The extra values of the cases ``case_ids``, in two statements whatever their number."""
    wanted = set(case_ids)
    by_id = len(wanted) <= ID_FILTER_LIMIT
    base = select(Case.id, Applicant.birth_date, Case.notes).join(
        Applicant, Applicant.id == Case.applicant_id
    )
    query = requests_query()
    if by_id:
        base = base.where(Case.id.in_(sorted(wanted)))
        query = query.where(DocumentRequest.case_id.in_(sorted(wanted)))
    grouped: dict[int, list[RequestTuple]] = {}
    for case_id, *request in session.connection().execute(query).all():
        if by_id or case_id in wanted:
            grouped.setdefault(case_id, []).append(tuple(request))
    extras: dict[int, CaseExtras] = {}
    for case_id, birth_date, notes in session.connection().execute(base).all():
        if by_id or case_id in wanted:
            own = grouped.get(case_id)
            deadline, submitted, original = picked_request(own) if own else (None, None, None)
            extras[case_id] = (birth_date, notes, deadline, submitted, original)
    return extras


def case_rows_for_export(db: Database, *, today: dt.date, include_closed: bool) -> list[CaseRow]:
    """Every case (``include_closed``) or those the window lists by default, most urgent first.

    Without ``include_closed`` the closed cases (entered, denied, withdrawn, expired unused and
    archived: level CLOSED) are left out, as the main window's list hides them by default.
    """
    rows = list_cases(db, today=today)
    if not include_closed:
        rows = [r for r in rows if r.assessment.level != Level.CLOSED]
    return sort_by_urgency(rows)


def export_table(
    db: Database,
    rows: Sequence[CaseRow],
    *,
    header_style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> list[list[str]]:
    """The cell texts of ``rows`` in :data:`EXPORT_COLUMNS` order, before guarding."""
    with db.read_session() as session:
        extras = load_extras(session, [r.id for r in rows])
        formatter = CellFormatter(session, header_style, translate)
    return _unguarded([formatter.row(r, extras.get(r.id, NO_EXTRAS)) for r in rows])


# --- every case at once ----------------------------------------------------------------------


def unguarded(table: list[list[str]]) -> list[list[str]]:
    """The cell texts of a guarded table (the guards undone)."""
    return _unguarded(table)


def _unguarded(table: list[list[str]]) -> list[list[str]]:
    kinds = [c.kind for c in EXPORT_COLUMNS]
    return [[unguard_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in table]


def _listed(session: Session, today: dt.date, include_closed: bool) -> list[CaseRow]:
    """:func:`case_rows_for_export` in an open read session."""
    rows = read_case_list(raw_connection(session), today=today)
    if not include_closed:
        rows = [r for r in rows if r.assessment.level != Level.CLOSED]
    return sort_by_urgency(rows)


def _whole_lines(
    session: Session,
    formatter: CellFormatter,
    today: dt.date,
    include_closed: bool,
    style: HeaderStyle,
) -> list[str] | None:
    """Every case's CSV line, most urgent first, on SQLite; None on another database."""
    connection = raw_connection(session)
    if not is_sqlite(connection):
        return None
    return whole_export_lines(
        connection, formatter, today=today, include_closed=include_closed, style=style
    )


def guarded_table(
    db: Database,
    *,
    today: dt.date,
    rows: Sequence[CaseRow] | None = None,
    include_closed: bool = True,
    header_style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> list[list[str]]:
    """The guarded cell texts of ``rows`` in their order — or, when ``None``, of every case
    (``include_closed``) or the active ones, most urgent first — in :data:`EXPORT_COLUMNS` order."""
    with collector_paused(), db.read_session() as session:
        formatter = CellFormatter(session, header_style, translate)
        if rows is None:
            lines = _whole_lines(session, formatter, today, include_closed, header_style)
            if lines is not None and not any("\0" in line for line in lines):
                # the lines are csv.writer's text: read back, they are the cells
                text = "\r\n".join(lines)
                release(lines)
                return list(csv.reader(io.StringIO(text, newline=""))) if text else []
            rows = _listed(session, today, include_closed)
        extras = load_extras(session, [r.id for r in rows])
        return [formatter.row(r, extras.get(r.id, NO_EXTRAS)) for r in rows]


def case_label(cells: Sequence[str]) -> str:
    """A case for people from its (unguarded) cells: 受託番号 and the applicant's name."""
    reference, _client, family, given, kanji = cells[:5]
    name = " ".join(part for part in (family, given) if part) or kanji
    return " ".join(part for part in (reference, name) if part)


def _labelled(error: CsvEncodingError, table: list[list[str]]) -> CsvEncodingError:
    """The same error with each cell naming its case instead of a row of an unwritten file."""
    cells = [
        dataclasses.replace(cell, case=case_label(table[cell.row - 2]) or f"#{cell.row - 1}")
        if cell.row >= 2
        else cell
        for cell in error.cells
    ]
    return CsvEncodingError(cells, error.encoding)


def export_cases(
    db: Database,
    target: str | os.PathLike[str] | BinaryIO,
    *,
    today: dt.date,
    rows: Sequence[CaseRow] | None = None,
    include_closed: bool = True,
    encoding: CsvEncoding = "utf-8-sig",
    header_style: HeaderStyle = HeaderStyle.JA,
    translate: Translate = no_translation,
) -> int:
    """Write ``rows`` in their order — or, when ``None``, every case (``include_closed``) or
    the active ones, most urgent first — to ``target``; return the number of rows written.

    Raises :class:`~coetracker.io.csv_codec.CsvEncodingError` naming every cell that cannot be
    written in ``encoding`` by its case (受託番号 and applicant); then no file was created or
    changed.
    """
    with collector_paused():
        data = None
        if rows is None:
            data, count = _whole_file(db, today, include_closed, encoding, header_style, translate)
        if data is None:
            data, count = _table_file(
                db, today, rows, include_closed, encoding, header_style, translate
            )
    if isinstance(target, str | os.PathLike):
        atomic_write_blocks(Path(target), data)
    else:
        target.writelines(data)
    return count


def _whole_file(
    db: Database,
    today: dt.date,
    include_closed: bool,
    encoding: CsvEncoding,
    style: HeaderStyle,
    translate: Translate,
) -> tuple[list[bytes] | None, int]:
    """Every case's file from its lines (:mod:`~coetracker.services.export_lines`); None when
    the database is not a SQLite file or a cell must be named (see :func:`_table_file`)."""
    with db.read_session() as session:
        formatter = CellFormatter(session, style, translate)
        lines = _whole_lines(session, formatter, today, include_closed, style)
    if lines is None:
        return None, 0
    count = len(lines)
    lines.insert(0, ",".join(csv_cell(c.header(style)) for c in EXPORT_COLUMNS))
    data: list[bytes] | None
    if encoding == "utf-8-sig":
        data = utf8_blocks_with_bom(lines)
    else:
        lines.append("")
        cp932 = cp932_bytes("\r\n".join(lines))
        data = None if cp932 is None else [cp932]
    release(lines)
    return data, count


def _table_file(
    db: Database,
    today: dt.date,
    rows: Sequence[CaseRow] | None,
    include_closed: bool,
    encoding: CsvEncoding,
    style: HeaderStyle,
    translate: Translate,
) -> tuple[list[bytes], int]:
    """The file (its blocks of bytes) of the guarded cells of ``rows`` (or of every case)."""
    table = guarded_table(
        db,
        today=today,
        rows=rows,
        include_closed=include_closed,
        header_style=style,
        translate=translate,
    )
    count = len(table)
    headers = [c.header(style) for c in EXPORT_COLUMNS]
    data = guarded_utf8(headers, table) if encoding == "utf-8-sig" else None
    if data is None:
        # CP932, or a cell UTF-8 cannot hold: the codec guards, checks and names the cells.
        table = _unguarded(table)
        try:
            data = encode_csv(table, columns=EXPORT_COLUMNS, header_style=style, encoding=encoding)
        except CsvEncodingError as error:
            raise _labelled(error, table) from None
    release(table)  # gone before the collector is back on, or its next pass scans it
    return [data], count
