"""Every case's lines of the case-list CSV, most of each line made by SQLite.

An export of every case from a SQLite file reads the cases in one statement whose result is
mostly finished CSV text: runs of neighbouring cells, each guarded against formula injection
(:data:`~coetracker.io.csv_columns.FORMULA_TRIGGERS` and the apostrophe) and quoted exactly as
``csv.writer`` quotes (a cell holding a comma, a double quote, CR or LF), joined with commas.
SQLite formats each case's runs with one ``printf`` (one string made per case, not one per
cell: a NULL is written blank) and ranks the document requests so that the chosen one
(:func:`~coetracker.services.export_cells.pick_request`) joins in. Python adds what SQLite cannot
say: the identifier guard of 受託番号 and 申請番号, the nationality's name, the notes (read
apart: they are the cells most often quoted, and the other runs stay plain), the assessment's
cells, and the residence card, books and 代理人 cells of the few cases that have any. ``printf``
stops at a NUL, so a database whose cells hold one is not exported this way (see
:func:`holds_nul`). Each case's store key comes in the same statement, and each distinct stored
body is decoded once (:mod:`~coetracker.services.assessment_store`); only the cases the store
cannot give are assessed, through :func:`~coetracker.services.caselist.read_case_list`.

The lines are those :func:`~coetracker.io.csv_encode.csv_text` writes for the cells the
:class:`~coetracker.services.export_cells.CellFormatter` makes (a test compares the files byte
for byte). A cell no file may hold (a NUL) is passed through for the caller's check to find.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from coetracker.domain.levels import certificate_expired, urgency
from coetracker.domain.model import Assessment, FilingChannel, Level, Stage
from coetracker.domain.procedures import Procedure
from coetracker.io.csv_codec import (
    FORMULA_TRIGGERS,
    HeaderStyle,
    channel_text,
    flag_text,
    stage_text,
)
from coetracker.io.csv_columns import GUARD
from coetracker.io.csv_encode import guard_identifier, guard_text
from coetracker.pacing import breathe, release, sort_in_runs
from coetracker.services.assessment_store import (
    StoredByKey,
    rules_stamp,
    store_key_sql,
    store_present,
)
from coetracker.services.benchmark_table import benchmark_table
from coetracker.services.case_facts import (
    FactsSource,
    StoredCase,
    inquiries_by_case,
    requests_by_case,
)
from coetracker.services.export_cells import CHOSEN_REQUEST_SQL, CellFormatter
from coetracker.services.residence import card_contexts
from coetracker.services.settings import load_policy
from coetracker.storage.dbapi import (
    DBAPIConnection,
    as_date,
    fetch,
    ids_clause,
    read_decoding_in_c,
)

__all__ = [
    "STORED_CASE_SQL",
    "STORE_OFFSET",
    "Keyed",
    "assess_cases",
    "assessments_of",
    "csv_cell",
    "holds_nul",
    "keyed_lines",
    "lines_sql",
    "read_rows",
    "runs_of",
    "sorted_lines",
    "whole_export_lines",
]

_NEEDS_QUOTES = re.compile('[,"\r\n]').search
_TRIGGERS = FORMULA_TRIGGERS | {GUARD}
_DIGITS = frozenset("0123456789")
_PROCEDURE_CODES = [procedure.value for procedure in Procedure]
"""Procedure's codes in order: a case's procedure is read as its index (0, COE, when unknown)."""


def csv_cell(text: str) -> str:
    """``text`` as ``csv.writer`` writes it in a row of several cells (``QUOTE_MINIMAL``)."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES(text) else text


_CELL = "\x1f"
_RUN = "\x1e" + _CELL
"""Separators SQLite puts between two cells, and between two runs of cells: each cell but the
first follows a ``_CELL``, so one search for it finds every cell's first character."""
_RUN_WIDTHS = (5, 5, 8, 1, 1)
"""The cells of each run SQLite makes: 所属機関 … 申請人(カナ); 生年月日 … 申請日; 入国予定日 …
延長前の提出期限; アーカイブ; 経過日数."""
_SEPARATORS = sum(_RUN_WIDTHS) - 1
_RUN_SEPARATORS = len(_RUN_WIDTHS) - 1
_GUARDED = re.compile(_CELL + "[" + re.escape("".join(sorted(_TRIGGERS))) + "]").search
"""A cell but the first that starts with a formula trigger or an apostrophe."""


def _plain(text: str) -> bool:
    """Whether no cell of ``text`` needs quotes or a guard (the case of most cases)."""
    return not (
        "," in text
        or '"' in text
        or "\n" in text
        or "\r" in text
        or text[:1] in _TRIGGERS
        or _GUARDED(text)
    )


def _choice(column: str, labels: dict[str, str], params: list[object]) -> str:
    """SQL for a coded column: each code's label, the code itself when unknown."""
    whens = []
    for code, label in labels.items():
        whens.append("WHEN ? THEN ?")
        params.extend((code, label))
    return f"CASE {column} {' '.join(whens)} ELSE {column} END"


def _format(runs: Sequence[Sequence[str]]) -> str:
    """The ``printf`` format joining the runs' cells with the separators."""
    return _RUN.join(_CELL.join("%s" for _cell in run) for run in runs)


_JOINS = (
    " JOIN applicant AS a ON a.id = c.applicant_id"
    " LEFT JOIN organization AS o ON o.id = c.organization_id"
    " LEFT JOIN residence_status AS rs ON rs.id = c.residence_status_id"
    " LEFT JOIN bureau AS b ON b.id = c.bureau_id"
    f" LEFT JOIN ({CHOSEN_REQUEST_SQL}) AS rq ON rq.case_id = c.id AND rq.rank = 1"
)
_STORE_JOIN = " LEFT JOIN assessment_store AS s ON s.case_id = c.id"
STORE_OFFSET = 7
"""Where the store key is in a row of :func:`lines_sql`."""


def lines_sql(
    connection: DBAPIConnection, style: HeaderStyle, today: dt.date, stamp: str | None
) -> tuple[str, list[object]]:
    """The statement reading every case (see the module) and its parameters; with each case's
    store key last when there is a store (``stamp`` None: there is none, the key is NULL)."""
    name = "name_ja" if style == HeaderStyle.JA else "name_en"
    params: list[object] = []  # in the order of their placeholders
    channels = {c.value: channel_text(c, style) for c in FilingChannel}
    stages = {s.value: stage_text(s, style) for s in Stage}
    runs = [
        [
            "CASE WHEN c.organization_id IS NOT NULL THEN o.name END",
            "a.family_name",
            "a.given_name",
            "a.name_kanji",
            "a.name_kana",
        ],
        ["a.birth_date", f"rs.{name}", f"b.{name}", "channel", "c.filing_date"],
        [
            "c.planned_entry_date",
            "stage",
            "c.coe_issued_date",
            "c.entry_date",
            "(SELECT substr(max(made_at), 1, 10) FROM inquiry WHERE case_id = c.id)",
            "rq.in_force",
            "rq.submitted_on",
            "rq.original",
        ],
        ["CASE WHEN c.archived THEN ? END"],
        ["CAST(round(julianday(?) - julianday(c.filing_date)) AS INTEGER)"],
    ]
    cells = []
    for run in runs:
        for cell in run:
            if cell == "channel":
                cell = _choice("c.channel", channels, params)
            elif cell == "stage":
                cell = _choice("c.stage", stages, params)
            elif "?" in cell:
                params.append(flag_text(True, style) if "archived" in cell else today.isoformat())
            cells.append(cell)
    params.insert(0, _format(runs))
    # the procedure as its place in Procedure (a small int: Python makes no object of it)
    procedure = (
        "CASE c.procedure "
        + " ".join(
            f"WHEN '{value}' THEN {index}" for index, value in enumerate(_PROCEDURE_CODES) if index
        )
        + " ELSE 0 END"
    )
    columns = (
        f"c.id, c.reference, c.application_number, a.nationality_code, {procedure}, c.notes,"
        f" printf(?, {', '.join(cells)}), "
        + (store_key_sql(connection) if stamp is not None else "NULL")
    )
    joins = _JOINS + (_STORE_JOIN if stamp is not None else "")
    # In 受託番号 order (its unique index gives that order for nothing), then by id: the
    # urgency sort then orders by level and date alone (stable), see keyed_lines.
    order = " ORDER BY c.reference, c.id"
    sql = f'SELECT {columns} FROM "case" AS c{joins}{order}'  # noqa: S608 - values bound
    return sql, params


_NUL_COLUMNS = {
    "applicant": ("family_name", "given_name", "name_kanji", "name_kana"),
    "organization": ("name",),
    "residence_status": ("name_ja", "name_en"),
    "bureau": ("name_ja", "name_en"),
}
"""The text columns ``printf`` formats whose values people and other programs write. The other
cells it formats are dates, codes and numbers this program writes itself, checked as they are
written (a NUL never reaches them)."""
_NUL_SQL = "SELECT " + " OR ".join(  # noqa: S608 - names from the table above
    f'EXISTS (SELECT 1 FROM "{table}" WHERE '  # noqa: S608
    + " OR ".join(f"instr({column}, char(0))" for column in columns)
    + ")"
    for table, columns in _NUL_COLUMNS.items()
)


def holds_nul(connection: DBAPIConnection) -> bool:
    """Whether a cell SQLite formats holds a NUL, which ``printf`` would drop with the rest of
    the cell (no file may hold one: the caller's check names it, on the other path)."""
    return bool(fetch(connection, _NUL_SQL)[0][0])


def runs_of(text: str) -> list[str] | None:
    """The written runs of cells (guarded, quoted, joined by commas) from SQLite's text; None
    when a cell holds a separator itself (then the runs cannot be told apart)."""
    if text.count(_CELL) != _SEPARATORS or text.count(_RUN) != _RUN_SEPARATORS:
        return None
    if _plain(text):
        return text.replace(_CELL, ",").split("\x1e,")
    return [
        run.replace(_CELL, ",")
        if _plain(run)
        else ",".join(csv_cell(guard_text(cell)) for cell in run.split(_CELL))
        for run in text.split(_RUN)
    ]


_FETCH_PART = 2_000
"""Rows fetched at a time (the window's thread may run between two parts)."""


def _fetch_parts(connection: DBAPIConnection, sql: str, params: list[object]) -> list[Any]:
    cursor = connection.cursor()
    rows: list[Any] = []
    try:
        cursor.execute(sql, params)
        while part := cursor.fetchmany(_FETCH_PART):
            rows += part
            breathe()
    finally:
        cursor.close()
    return rows


_NO_TAIL = "," * 14  # 在留期間 … 受領登録日: no card, books or 代理人

_Made = tuple[Assessment, str, str, Level, int]
"""An assessment's cells: (itself, 有効期限, 状況 + 次回確認日 + 理由, its urgency's level, and
the level and date of its urgency as one number, :data:`_DAYS` per level). The assessment is
kept so that its id, the key, is not reused meanwhile."""
_DAYS = 10_000_000
"""More than any date's ordinal: level × this + the date's ordinal orders as (level, date)."""


class _Cells:
    """The cells Python makes, each distinct one written once and then looked up."""

    def __init__(self, formatter: CellFormatter) -> None:
        self.formatter = formatter
        self.nationalities: dict[str | None, str] = {}
        self.assessments: dict[int, _Made] = {}
        self.procedures = [csv_cell(formatter.procedures[procedure]) for procedure in Procedure]
        self.tails: dict[int, str] = {}
        no_books = [""] * 6
        for case_id in formatter.cards.keys() | formatter.books.keys() | formatter.agents.keys():
            cells = formatter.stay(case_id, "coe")[1:]
            cells += formatter.books.get(case_id, no_books)
            cells += formatter.agents.get(case_id, no_books)
            self.tails[case_id] = "," + ",".join(csv_cell(cell) for cell in cells)

    def nationality(self, code: str | None) -> str:
        text = self.nationalities[code] = csv_cell(self.formatter.nationality(code))
        return text

    def assessment(self, assessment: Assessment) -> _Made:
        formatter = self.formatter
        expiry, next_check = assessment.coe_expiry, assessment.next_check
        level = (
            formatter.expired
            if certificate_expired(assessment)
            else formatter.levels[assessment.level]
        )
        later = ",".join(
            (
                csv_cell(level),
                next_check.isoformat() if next_check else "",
                csv_cell(formatter.headline(assessment.headline)),
            )
        )
        order, when, _reference, _id = urgency(assessment, None, 0)
        made = self.assessments[id(assessment)] = (
            assessment,
            expiry.isoformat() if expiry else "",
            later,
            Level(order),
            order * _DAYS + when.toordinal(),
        )
        return made


def read_rows(
    connection: DBAPIConnection, style: HeaderStyle, today: dt.date
) -> tuple[list[Any], str | None]:
    """Every case's row of :func:`lines_sql`, and the rules stamp (None: no store)."""
    stamp = (
        rules_stamp(load_policy(connection), benchmark_table(connection))
        if store_present(connection)
        else None
    )
    sql, params = lines_sql(connection, style, today, stamp)
    rows = read_decoding_in_c(
        connection, lambda: _fetch_parts(connection, sql, params), lambda: None
    )
    return rows, stamp


def assessments_of(
    connection: DBAPIConnection,
    rows: list[Any],
    stamp: str | None,
    today: dt.date,
    assessed: list[int] | None = None,
) -> list[Assessment]:
    """Each row's assessment: stored where the store holds a usable one (the row's store key
    at :data:`STORE_OFFSET`, :class:`~coetracker.services.assessment_store.StoredByKey`),
    else made now (:func:`assess_cases`; those cases' ids are appended to ``assessed``)."""
    if stamp is not None:
        found = StoredByKey(connection, stamp, today).of(rows, STORE_OFFSET)
    else:
        found = [None] * len(rows)  # no store
    if all(found):  # every case stored, the usual day (an Assessment is always true)
        return found  # type: ignore[return-value]  # none is None
    stale = [row[0] for row, assessment in zip(rows, found, strict=True) if assessment is None]
    if assessed is not None:
        assessed += stale
    if not stale:
        return found  # type: ignore[return-value]  # none is None
    fresh = assess_cases(connection, stale, today)
    return [a or fresh[row[0]] for row, a in zip(rows, found, strict=True)]


STORED_CASE_SQL = (
    "SELECT c.id, c.stage, c.archived, c.channel, c.filing_date, c.application_number,"
    " a.family_name, a.name_kanji, c.residence_status_id, rs.name_ja, b.short_name_ja,"
    " b.inquiry_policy, c.planned_entry_date, c.coe_issued_date, c.entry_date, c.coe_delivery,"
    ' c.procedure, c.coe_receipt_registered_on FROM "case" AS c'
    " JOIN applicant AS a ON a.id = c.applicant_id"
    " LEFT JOIN residence_status AS rs ON rs.id = c.residence_status_id"
    " LEFT JOIN bureau AS b ON b.id = c.bureau_id"
)
"""What :class:`~coetracker.services.case_facts.StoredCase` holds of each case, as the case
list reads it (``{where}`` narrows it to some cases)."""


def assess_cases(
    connection: DBAPIConnection, case_ids: Sequence[int], today: dt.date
) -> dict[int, Assessment]:
    """The assessments of the cases ``case_ids`` on ``today``, made as the case list makes those
    the store cannot give (:class:`~coetracker.services.case_facts.FactsSource`, reasons not
    built), their requests and inquiries read for them alone."""
    where, params = ids_clause("c.id", case_ids)
    rows = fetch(connection, STORED_CASE_SQL + where, params)
    if not where:
        wanted = set(case_ids)
        rows = [row for row in rows if row[0] in wanted]
    source = FactsSource(
        load_policy(connection),
        benchmark_table(connection),
        card_contexts(connection),
        requests_by_case(connection, case_ids),
        inquiries_by_case(connection, case_ids),
    )
    assess = source.assess
    return {
        row[0]: assess(
            StoredCase(
                row[0],
                row[1],
                bool(row[2]),
                row[3],
                as_date(row[4]),
                row[5],
                bool(row[6] or row[7]),
                row[8],
                row[9],
                row[10],
                row[11],
                as_date(row[12]),
                as_date(row[13]),
                as_date(row[14]),
                row[15],
                row[16],
                as_date(row[17]),
            ),
            today,
        )
        for row in rows
    }


Keyed = list[tuple[Any, str]]
"""Lines with their urgency keys (:func:`~coetracker.domain.levels.urgency`): the level and date
as one number, rows read in (受託番号, id) order; with the reference and id too when a blank
受託番号 exists (SQLite puts NULL before it, the urgency key reads both as blank)."""


def keyed_lines(
    rows: list[Any],
    assessments: list[Assessment],
    formatter: CellFormatter,
    *,
    include_closed: bool,
) -> Keyed | None:
    """Each case's line with its urgency key, in the rows' order (None: see
    :func:`whole_export_lines`)."""
    cells = _Cells(formatter)
    procedures, tails = cells.procedures, cells.tails
    nationalities, made_for = cells.nationalities, cells.assessments
    # each row's assessment cells first, in one comprehension (each distinct one made once)
    made_of_rows = [made_for.get(id(a)) or cells.assessment(a) for a in assessments]
    keyed: Keyed = []
    append = keyed.append
    closed = Level.CLOSED
    needs_quotes, guarded = _NEEDS_QUOTES, _GUARDED
    triggers, digits, guard = _TRIGGERS, _DIGITS, GUARD
    cell, separators, runs_between = _CELL, _SEPARATORS, _RUN_SEPARATORS
    whole_key = any(row[1] == "" for row in rows)
    for index, (row, made) in enumerate(zip(rows, made_of_rows, strict=True)):
        case_id, reference, number, code, procedure, notes, text, _key = row
        if made[3] is closed and not include_closed:
            continue
        # runs_of(), written out: most texts need neither quotes nor a guard
        if (
            text.count(cell) == separators  # no cell holds a separator: the runs split as made
            and "," not in text
            and '"' not in text
            and "\n" not in text
            and "\r" not in text
            and text[:1] not in triggers
            and not guarded(text)
        ):
            runs = text.replace(cell, ",").split("\x1e,")
            if len(runs) != runs_between + 1:
                return None
            first, second, third, fourth, elapsed = runs
        else:
            runs = runs_of(text)
            if runs is None:
                return None
            first, second, third, fourth, elapsed = runs
        # guard_identifier(), its usual case written out: an ASCII digit first
        ref = (
            (guard + reference if reference[0] in digits else guard_identifier(reference))
            if reference
            else ""
        )
        num = (
            (guard + number if number[0] in digits else guard_identifier(number)) if number else ""
        )
        if needs_quotes(ref) or needs_quotes(num):
            ref, num = csv_cell(ref), csv_cell(num)
        append(
            (
                (made[4], reference or "", case_id) if whole_key else made[4],
                f"{ref},{first},{nationalities.get(code) or cells.nationality(code)},{second},"
                f"{num},{third},{csv_cell(guard_text(notes)) if notes else ''},{fourth},"
                f"{made[1]},{elapsed},{made[2]},{procedures[procedure]}"
                f"{tails.get(case_id, _NO_TAIL)}",
            )
        )
        if not index & 1023:
            breathe()
    return keyed


def sorted_lines(keyed: Keyed) -> list[str]:
    """The lines most urgent first (``keyed`` is emptied)."""
    sort_in_runs(keyed, key=itemgetter(0))
    lines = [line for _key, line in keyed]
    release(keyed)
    return lines


def whole_export_lines(
    connection: DBAPIConnection,
    formatter: CellFormatter,
    *,
    today: dt.date,
    include_closed: bool,
    style: HeaderStyle,
) -> list[str] | None:
    """Every case's CSV line (no line end), most urgent first (``sort_by_urgency``'s order);
    without ``include_closed`` the cases whose level is CLOSED are left out. ``connection`` is
    a ``sqlite3`` connection in a read transaction. None when a cell holds one of the control
    characters the runs are separated by (the caller writes the cells another way)."""
    if holds_nul(connection):
        return None
    rows, stamp = read_rows(connection, style, today)
    assessments = assessments_of(connection, rows, stamp, today)
    keyed = keyed_lines(rows, assessments, formatter, include_closed=include_closed)
    release(rows)
    release(assessments)
    return None if keyed is None else sorted_lines(keyed)
