"""Every case's lines of the case-list CSV, most of each line made by SQLite.

An export of every case from a SQLite file reads the cases in parts of :data:`PART_IDS` ids,
each part one statement whose result is one text: for each case its fields, among them runs of
neighbouring cells already as CSV text, each guarded against formula injection
(:data:`~coetracker.io.csv_columns.FORMULA_TRIGGERS` and the apostrophe) and quoted exactly as
``csv.writer`` quotes (a cell holding a comma, a double quote, CR or LF), joined with commas.
SQLite formats each case's runs with one ``printf`` (a NULL is written blank) and ranks the
document requests so that the chosen one (:func:`~coetracker.services.export_cells.pick_request`)
joins in. The parts are read on a thread of their own
(:class:`~coetracker.read_ahead.ReadAhead`): SQLite makes the next part without the
interpreter's lock while Python makes the lines of the last one, so the export takes about the
longer of the two instead of their sum.

Python adds what SQLite cannot say: the identifier guard of 受託番号 and 申請番号, the
nationality's name, the notes (read apart: they are the cells most often quoted, and the other
runs stay plain), the assessment's cells, and the residence card, books and 代理人 cells of the
few cases that have any. ``printf`` stops at a NUL, so a database whose formatted cells hold one
is not exported this way (see :func:`holds_nul`); nor is one where a cell holds a separator of
cells, runs, fields or cases (found by counting them). Each case's store key comes in the same
statement, and each distinct stored body is decoded once
(:mod:`~coetracker.services.assessment_store`); only the cases the store cannot give are
assessed, once every part is read (:func:`assess_cases`). The lines are then sorted most urgent
first.

The lines are those :func:`~coetracker.io.csv_encode.csv_text` writes for the cells the
:class:`~coetracker.services.export_cells.CellFormatter` makes (a test compares the files byte
for byte). A cell no file may hold (a NUL) is passed through for the caller's check to find.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
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
from coetracker.read_ahead import ReadAhead
from coetracker.services.assessment_store import (
    StoredByKey,
    rows_by_key,
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
    "PART_IDS",
    "STORED_CASE_SQL",
    "Keyed",
    "assess_cases",
    "csv_cell",
    "holds_nul",
    "part_sql",
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
    f" LEFT JOIN ({CHOSEN_REQUEST_SQL} WHERE case_id >= ? AND case_id < ?) AS rq"
    " ON rq.case_id = c.id AND rq.rank = 1"
)
_STORE_JOIN = " LEFT JOIN assessment_store AS s ON s.case_id = c.id"
_ROW = "\x1c"
"""Between two cases' texts in a part's text (see :func:`part_sql`)."""
_FIELD = "\x1d"
"""Between two fields of a case's text."""
_FIELDS = 8
"""A case's fields: id, 受託番号, 申請番号, nationality code, procedure (its place in
Procedure), notes, the runs of cells SQLite formats, the store key."""


def part_sql(
    connection: DBAPIConnection, style: HeaderStyle, today: dt.date, stamp: str | None
) -> tuple[str, list[object]]:
    """The statement reading the cases whose ids are in a range (its last four parameters: the
    range twice, ``[low, high)``) and the parameters before them: how many cases, and their
    texts as one (each case's :data:`_FIELDS` fields joined by :data:`_FIELD`, the cases by
    :data:`_ROW`, in no particular order). NULL is written blank; the store key is blank when
    there is no store (``stamp`` None) or the row's mark is not its case's."""
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
    # Joined with || (not printf, which stops at a NUL): a NUL in these cells reaches Python,
    # whose check names it.
    fields = [
        "c.id",
        "ifnull(c.reference, '')",
        "ifnull(c.application_number, '')",
        "ifnull(a.nationality_code, '')",
        procedure,
        "ifnull(c.notes, '')",
        f"printf(?, {', '.join(cells)})",
        f"ifnull({store_key_sql(connection)}, '')" if stamp is not None else "''",
    ]
    text = f" || '{_FIELD}' || ".join(fields)
    joins = _JOINS + (_STORE_JOIN if stamp is not None else "")
    sql = (
        f"SELECT count(*), group_concat({text}, '{_ROW}') "  # noqa: S608 - values bound
        f'FROM "case" AS c{joins} WHERE c.id >= ? AND c.id < ?'
    )
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


Keyed = list[tuple[int, str, int, str]]
"""Lines with what orders them most urgent first (:func:`~coetracker.domain.levels.urgency`):
(the level and date as one number, 受託番号 read blank when NULL, id, the line)."""


class _Lines:
    """Each case's line with its urgency key, made a part of the cases at a time (the look-ups
    kept from one part to the next)."""

    def __init__(self, formatter: CellFormatter, *, include_closed: bool) -> None:
        self.cells = _Cells(formatter)
        self.include_closed = include_closed
        self.keyed: Keyed = []

    def add(self, rows: Sequence[Any], assessments: Sequence[Assessment]) -> bool:
        """The lines of ``rows`` (see :func:`part_sql`, read by :func:`_cases`) with their
        assessments; False when a cell holds one of the separators SQLite put between its runs
        (then the runs cannot be told apart)."""
        cells = self.cells
        procedures, tails = cells.procedures, cells.tails
        nationalities, made_for = cells.nationalities, cells.assessments
        # each row's assessment cells first, in one comprehension (each distinct one made once)
        made_of_rows = [made_for.get(id(a)) or cells.assessment(a) for a in assessments]
        append = self.keyed.append
        closed = None if self.include_closed else Level.CLOSED
        needs_quotes, guarded = _NEEDS_QUOTES, _GUARDED
        triggers, digits, guard = _TRIGGERS, _DIGITS, GUARD
        cell, separators, runs_between = _CELL, _SEPARATORS, _RUN_SEPARATORS
        for index, (row, made) in enumerate(zip(rows, made_of_rows, strict=True)):
            case_id, reference, number, code, procedure, notes, text, _key = row
            if made[3] is closed:
                continue
            # runs_of(), written out: most texts need neither quotes nor a guard
            if (
                text.count(cell) == separators  # no cell holds a separator: runs split as made
                and "," not in text
                and '"' not in text
                and "\n" not in text
                and "\r" not in text
                and text[:1] not in triggers
                and not guarded(text)
            ):
                runs = text.replace(cell, ",").split("\x1e,")
                if len(runs) != runs_between + 1:
                    return False
                first, second, third, fourth, elapsed = runs
            else:
                runs = runs_of(text)
                if runs is None:
                    return False
                first, second, third, fourth, elapsed = runs
            # guard_identifier(), its usual case written out: an ASCII digit first
            ref = (
                (guard + reference if reference[0] in digits else guard_identifier(reference))
                if reference
                else ""
            )
            num = (
                (guard + number if number[0] in digits else guard_identifier(number))
                if number
                else ""
            )
            if needs_quotes(ref) or needs_quotes(num):
                ref, num = csv_cell(ref), csv_cell(num)
            nationality = nationalities.get(code)
            if nationality is None:
                nationality = cells.nationality(code)
            append(
                (
                    made[4],
                    reference,
                    case_id,
                    f"{ref},{first},{nationality},{second},"
                    f"{num},{third},{csv_cell(guard_text(notes)) if notes else ''},{fourth},"
                    f"{made[1]},{elapsed},{made[2]},{procedures[procedure]}"
                    f"{tails.get(case_id, _NO_TAIL)}",
                )
            )
            if not index & 1023:
                breathe()
        return True


def sorted_lines(keyed: Keyed, places: dict[int, int] | None = None) -> list[str]:
    """The lines most urgent first (``keyed`` is emptied). With ``places``, each case's place
    in (受託番号, id) order, the key is one number per line."""
    ordered: list[tuple[Any, str]]
    if places is not None:
        width = len(places) + 1
        ordered = [(when * width + places[case_id], line) for when, _r, case_id, line in keyed]
    else:
        ordered = [((when, reference, case_id), line) for when, reference, case_id, line in keyed]
    release(keyed)
    sort_in_runs(ordered, key=itemgetter(0))
    lines = [line for _key, line in ordered]
    release(ordered)
    return lines


PART_IDS = 10_000
"""About how many cases one statement of :func:`part_sql` reads (the ids are cut into as many
ranges of equal width as it takes)."""


def _id_ranges(connection: DBAPIConnection) -> list[tuple[int, int]]:
    """The ranges ``[low, high)`` of case ids the parts read: about :data:`PART_IDS` cases
    each however sparse the ids are, the first a fifth of that (the lines start sooner)."""
    lowest, highest, count = fetch(
        connection, 'SELECT ifnull(min(id), 0), ifnull(max(id), 0), count(*) FROM "case"'
    )[0]
    parts = max(1, -(-count // PART_IDS))
    step = max(1, -(-(highest - lowest + 1) // parts))
    ranges = [(low, low + step) for low in range(lowest, lowest + step * parts, step)]
    low, high = ranges[0]
    first = max(1, step // 5)
    return [(low, low + first), (low + first, high), *ranges[1:]]


_PLACES_SQL = "SELECT id FROM \"case\" ORDER BY ifnull(reference, ''), id"
"""The cases in the urgency key's order of 受託番号 (NULL read blank) and id: SQLite compares
text byte by byte, which for UTF-8 is the order of the characters, as Python compares them."""


def _jobs(
    connection: DBAPIConnection,
    sql: str,
    params: list[object],
    *,
    store: bool,
    places: bool,
) -> list[tuple[str, Callable[[], object]]]:
    """What the reading thread reads, in this order: the store's rows by key (with a store),
    the first part, whether a cell ``printf`` formats holds a NUL, the other parts, and the
    case ids in (受託番号, id) order (with ``places``)."""

    def part(low: int, high: int) -> Callable[[], object]:
        return lambda: fetch(connection, sql, [*params, low, high, low, high])[0]

    jobs: list[tuple[str, Callable[[], object]]] = []
    if store:
        jobs.append(("store", lambda: rows_by_key(connection)))
    for index, (low, high) in enumerate(_id_ranges(connection)):
        jobs.append(("part", part(low, high)))
        if index == 0:
            jobs.append(("nul", lambda: holds_nul(connection)))
    if places:
        jobs.append(("places", lambda: [row[0] for row in fetch(connection, _PLACES_SQL)]))
    return jobs


def _cases(count: int, text: str | None) -> list[tuple[Any, ...]] | None:
    """A part's cases (as :func:`part_sql` makes their fields, with the id and procedure as
    ints and a blank store key as None); None when a cell holds a separator (the cases or
    fields no longer count as many as there are)."""
    if not count:
        return []
    try:
        cases = [
            (int(case_id), reference, number, code, int(procedure), notes, runs, key or None)
            for case_id, reference, number, code, procedure, notes, runs, key in (
                case.split(_FIELD) for case in (text or "").split(_ROW)
            )
        ]
    except ValueError:  # a case with more or fewer fields, or one split in two
        return None
    return cases if len(cases) == count else None


def whole_export_lines(
    connection: DBAPIConnection,
    formatter: CellFormatter,
    *,
    today: dt.date,
    include_closed: bool,
    style: HeaderStyle,
    assessed: list[int] | None = None,
    reading_cpu: list[float] | None = None,
) -> list[str] | None:
    """Every case's CSV line (no line end), most urgent first (``sort_by_urgency``'s order);
    without ``include_closed`` the cases whose level is CLOSED are left out. ``connection`` is
    a ``sqlite3`` connection in a read transaction, which the reading thread
    (:class:`~coetracker.read_ahead.ReadAhead`) uses too. Each part's cases get their stored
    assessments at once; the others are assessed once every part is read (their ids are
    appended to ``assessed``; the reading thread's CPU seconds to ``reading_cpu``). None when a
    cell holds one of the control characters the runs, fields or cases are separated by (the
    caller writes the cells another way)."""
    stamp = (
        rules_stamp(load_policy(connection), benchmark_table(connection))
        if store_present(connection)
        else None
    )
    sql, params = part_sql(connection, style, today, stamp)

    def read() -> list[str] | None:
        # Text read strictly as UTF-8 sorts in SQLite as in Python; read leniently (a damaged
        # text), 受託番号 stays in the key.
        strict = getattr(connection, "text_factory", None) is str
        store = StoredByKey(connection, stamp, today) if stamp is not None else None
        lines = _Lines(formatter, include_closed=include_closed)
        stale: list[tuple[Any, ...]] = []
        places: dict[int, int] | None = None
        # From here until every part is read, this thread does not use the connection: SQLite
        # would make either thread wait while the other's statement runs.
        reading = ReadAhead(
            "export-reader", _jobs(connection, sql, params, store=store is not None, places=strict)
        )
        try:
            for name, value in reading:
                if name == "store" and store is not None:
                    store.rows = value
                elif name == "nul" and value:
                    return None
                elif name == "places":
                    places = {case_id: place for place, case_id in enumerate(value)}
                elif name == "part":
                    cases = _cases(*value)
                    if cases is None:
                        return None
                    found: list[Assessment | None] = (
                        store.of(cases, _FIELDS - 1) if store is not None else [None] * len(cases)
                    )
                    assessments: Sequence[Assessment | None] = found
                    usable = cases
                    if not all(found):  # (all: every case stored; an Assessment is true)
                        usable = [case for case, a in zip(cases, found, strict=True) if a]
                        stale += [case for case, a in zip(cases, found, strict=True) if not a]
                        assessments = [a for a in found if a]
                    if not lines.add(usable, assessments):  # type: ignore[arg-type]  # no None
                        return None
                    release(cases)
                    breathe()
        finally:
            reading.close()
            if reading_cpu is not None:
                reading_cpu.append(reading.cpu)
        if stale:
            ids = [case[0] for case in stale]
            if assessed is not None:
                assessed.extend(ids)
            fresh = assess_cases(connection, ids, today)
            if not lines.add(stale, [fresh[case_id] for case_id in ids]):
                return None
        return sorted_lines(lines.keyed, places)

    return read_decoding_in_c(connection, read, lambda: None)
