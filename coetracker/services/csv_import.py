"""Importing the case list from CSV or an Excel workbook: check every row first, then write all
of them or none.

:func:`read_import` reads a CSV file (:func:`coetracker.io.csv_codec.read_csv`), and
:func:`read_import_file` a CSV file or a workbook (:mod:`coetracker.io.xlsx_read`), and plans
the import without writing: every row's problems by row and column — the codec's (dates,
stages, channels, nationalities, missing names), unknown status-of-residence and bureau names,
rows that repeat a 受託番号 or 申請番号 of an earlier row, and what the services would refuse (a
certificate issued before the filing date, say). A row whose 受託番号 or 申請番号 belongs to an
existing case is a *duplicate*: refused (a problem) by default, or, with ``update``, planned as
an update of that case in which only the columns present in the file change.

:func:`apply_import` writes a plan that has no problems: after the backup it is given, in one
write transaction, it checks that the database is as it was when the file was checked (else it
plans again, and refuses if anything differs: another user may have added a case meanwhile);
then every row creates or updates its case through the bulk writer
(:mod:`~coetracker.services.import_writer`: a few statements per chunk of rows, the new cases'
values prepared while the file was checked, so the write lock is held for the writing only).
Any failure or a cancel rolls everything back. Clients are matched to existing ones (folded
name, as :func:`~coetracker.services.parties.find_or_create_organization` does) and applicants
too (as :func:`~coetracker.services.parties.find_applicant` does), never duplicated.
最終問合せ日 becomes an inquiry on that day marked as imported; 資料提出期限 a document request
with that deadline (extended from 延長前の提出期限 when given), submitted on 資料提出日 when
given (also marked as imported).

Status-of-residence and bureau names and the rows' identifiers are matched to the database's
by :mod:`~coetracker.services.import_matching` (as offices write them: 技人国, 横浜支局, 横浜 …).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.io.csv_codec import (
    COLUMN_BY_KEY,
    ParsedSheet,
    Problem,
    read_csv,
    read_csv_file,
)
from coetracker.io.xlsx_read import is_workbook, read_xlsx_file
from coetracker.pacing import breathe, collector_paused
from coetracker.services.errors import ServiceError
from coetracker.services.import_books import BooksWriter, book_problems
from coetracker.services.import_bulk import (
    PreparedRow,
    PreparedUpdate,
    RowFailedError,
    card_values,
    fingerprint,
    stored_input,
)
from coetracker.services.import_matching import (
    existing_cases,
    fold_name,
    identifiers_of,
    reference_names,
)
from coetracker.services.import_row_plan import (
    PlannedRow,
    RowAction,
    checked_row,
    merged_case_input,
    planned_row,
    prepared_values,
    problems_of,
)
from coetracker.services.import_store import store_triggers_deferred
from coetracker.services.import_tables import read_cases
from coetracker.services.import_writer import write_rows
from coetracker.services.records import (
    CaseInput,
)
from coetracker.storage.engine import Database
from coetracker.storage.postgres import AdvisoryLock, advisory_xact_lock

__all__ = [
    "ImportChangedError",
    "ImportPlan",
    "ImportRefusedError",
    "ImportResult",
    "apply_import",
    "plan_import",
    "problem_text",
    "read_import",
    "read_import_file",
    "read_sheet_file",
]

CONTEXT = "Csv"

_UNKNOWN_STATUS = QT_TRANSLATE_NOOP(
    "Csv",
    "Unknown status of residence “{value}”: use its Japanese or English name "
    "(技術・人文知識・国際業務, Student …).",
)
_UNKNOWN_BUREAU = QT_TRANSLATE_NOOP(
    "Csv",
    "Unknown bureau “{value}”: use its full or short name (東京出入国在留管理局, 東京, 横浜支局).",
)
_SAME_IN_FILE = QT_TRANSLATE_NOOP("Csv", "Row {other} has the same {column} “{value}”.")
_EXISTS = QT_TRANSLATE_NOOP(
    "Csv",
    "Duplicate: case {case} already has {column} “{value}”. Import with “update” to change it.",
)
_TWO_CASES = QT_TRANSLATE_NOOP(
    "Csv", "The 受託番号 and the 申請番号 belong to two different cases ({first} and {second})."
)
_SAME_CASE = QT_TRANSLATE_NOOP("Csv", "Row {other} already updates case {case}.")
_CHANGED = QT_TRANSLATE_NOOP(
    "Csv",
    "The cases changed while the file was being checked (another user saved). Nothing was "
    "imported; check the file again.",
)
_REFUSED = QT_TRANSLATE_NOOP("Csv", "Nothing was imported: the file has {count} problems.")
_ROW_PROBLEM = QT_TRANSLATE_NOOP("Csv", "Row {row}, {column}: {problem}")
_WHOLE_ROW_PROBLEM = QT_TRANSLATE_NOOP("Csv", "Row {row}: {problem}")


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a file would do; write it with :func:`apply_import` only when ``ok``."""

    sheet: ParsedSheet
    rows: tuple[PlannedRow, ...]
    problems: tuple[Problem, ...]  # every problem in the file, by row and then column
    update: bool
    fingerprint: tuple[object, ...] | None = None
    """The database's state the plan was made against (see ``import_bulk.fingerprint``)."""

    @property
    def ok(self) -> bool:
        """True when there is nothing wrong and at least one row to import."""
        return not self.problems and bool(self.rows)

    @property
    def creates(self) -> int:
        """How many new cases the import would make."""
        return sum(1 for r in self.rows if r.action == RowAction.CREATE)

    @property
    def updates(self) -> int:
        """How many existing cases the import would update."""
        return sum(1 for r in self.rows if r.action == RowAction.UPDATE)

    @property
    def duplicates(self) -> int:
        """How many rows match an existing case."""
        return sum(1 for r in self.rows if r.duplicate)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote."""

    created: int
    updated: int
    inquiries: int
    document_requests: int
    backup: Path | None


class ImportRefusedError(ServiceError):
    """The file has problems; nothing was written. ``problems`` lists them all."""

    def __init__(self, problems: Sequence[Problem], text: Message | None = None) -> None:
        super().__init__(
            text or message(CONTEXT, _REFUSED, count=len(problems)),
        )
        self.problems = tuple(problems)


class ImportChangedError(ImportRefusedError):
    """The database changed between checking the file and writing it; nothing was written."""

    def __init__(self, problems: Sequence[Problem] = ()) -> None:
        super().__init__(problems, message(CONTEXT, _CHANGED))


def problem_text(problem: Problem, translate: Callable[[str, str], str]) -> str:
    """One problem as a line: "Row 3, 申請日: “2023-02-29” is not a valid date."."""
    text = problem.message.render(translate)
    if problem.column:
        line = message(CONTEXT, _ROW_PROBLEM, row=problem.row, column=problem.column, problem=text)
    else:
        line = message(CONTEXT, _WHOLE_ROW_PROBLEM, row=problem.row, problem=text)
    return line.render(translate)


# --- reading and planning --------------------------------------------------------------------


def read_import(
    db: Database, data: bytes, *, encoding: str | None = None, update: bool = False
) -> ImportPlan:
    """Read ``data`` and plan its import; raises :class:`~coetracker.io.csv_codec.CsvReadError`
    when the file cannot be read at all. Writes nothing."""
    return plan_import(db, read_csv(data, encoding), update=update)


def read_sheet_file(
    path: str | Path, *, encoding: str | None = None, sheet: str | None = None
) -> ParsedSheet:
    """Read a CSV file or an Excel workbook (.xlsx, known by its signature whatever its name):
    ``encoding`` is for CSV, ``sheet`` for a workbook (default: the first with case-list
    headers). Raises :class:`~coetracker.io.csv_codec.CsvReadError`."""
    if is_workbook(path):
        return read_xlsx_file(path, sheet)
    return read_csv_file(path, encoding)


def read_import_file(
    db: Database,
    path: str | Path,
    *,
    encoding: str | None = None,
    update: bool = False,
    sheet: str | None = None,
) -> ImportPlan:
    """:func:`read_import` on a CSV file or a workbook (refusing one too large before reading
    it); see :func:`read_sheet_file`."""
    with collector_paused():  # one pause for the reading and the checking
        return plan_import(db, read_sheet_file(path, encoding=encoding, sheet=sheet), update=update)


def plan_import(db: Database, sheet: ParsedSheet, *, update: bool = False) -> ImportPlan:
    """Check every row of ``sheet`` against the database; writes nothing."""
    with db.read_session() as session, collector_paused():
        state = fingerprint(session)
        return dataclasses.replace(_plan(session, sheet, update), fingerprint=state)


def _header_of(sheet: ParsedSheet) -> Callable[[str], str]:
    """Column key → the header the file uses for it (the Japanese header if absent)."""
    headers = {c.key: h for h, c in zip(sheet.headers, sheet.columns, strict=True) if c}

    def header(key: str) -> str:
        return headers.get(key) or COLUMN_BY_KEY[key].header_ja

    return header


def _plan(session: Session, sheet: ParsedSheet, update: bool) -> ImportPlan:
    reference = reference_names(session)
    identifiers = list(map(identifiers_of, sheet.records))
    by_reference, by_number = existing_cases(session, identifiers)
    # The cases the rows update, read at once (each row's check then finds its own):
    matched = {case_id for case_id, _label in (*by_reference.values(), *by_number.values())}
    stored_cases, stored_people = read_cases(session, matched) if update else ({}, {})
    header = _header_of(sheet)
    sheet_problems: dict[int, list[Problem]] = {}
    for problem in sheet.problems:
        sheet_problems.setdefault(problem.row, []).append(problem)

    seen_reference: dict[str, int] = {}
    seen_number: dict[str, int] = {}
    updated_by: dict[int, int] = {}
    clients: dict[str, list[Problem]] = {}  # a client's name is checked once
    planned: list[PlannedRow] = []
    for record, (ref, ref_key, number, number_key) in zip(sheet.records, identifiers, strict=True):
        found = sheet_problems.get(record.row)
        problems = list(found) if found else []

        def add(key: str, source: str, /, **params: object) -> None:
            problems.append(Problem(record.row, header(key), message(CONTEXT, source, **params)))  # noqa: B023

        status_id = bureau_id = None
        if record.residence_status.strip():
            status_id = reference.statuses.get(fold_name(record.residence_status))
            if status_id is None:
                add("residence_status", _UNKNOWN_STATUS, value=record.residence_status.strip())
        if record.bureau.strip():
            bureau_id = reference.bureaus.get(fold_name(record.bureau))
            if bureau_id is None:
                add("bureau", _UNKNOWN_BUREAU, value=record.bureau.strip())

        # A 受託番号 or 申請番号 an earlier row of the file has (folded) is a problem:
        if ref_key is not None and (
            (other := seen_reference.setdefault(ref_key, record.row)) != record.row
        ):
            add("reference", _SAME_IN_FILE, other=other, column=header("reference"), value=ref)
        if number_key is not None and (
            (other := seen_number.setdefault(number_key, record.row)) != record.row
        ):
            add("application_number", _SAME_IN_FILE, other=other,
                column=header("application_number"), value=number)  # fmt: skip

        match_ref = by_reference.get(ref_key) if ref_key is not None else None
        match_number = by_number.get(number_key) if number_key is not None else None
        match = match_ref or match_number
        if match_ref and match_number and match_ref[0] != match_number[0]:
            add("application_number", _TWO_CASES, first=match_ref[1], second=match_number[1])
        elif match is not None and not update:
            key, value = ("reference", ref) if match_ref else ("application_number", number)
            add(key, _EXISTS, case=match[1], column=header(key), value=value)
        elif match is not None:
            other = updated_by.setdefault(match[0], record.row)
            if other != record.row:
                add("reference", _SAME_CASE, other=other, case=match[1])

        action = RowAction.UPDATE if match is not None and update else RowAction.CREATE
        status_bureau = (status_id, bureau_id)
        prepared = None
        problems.extend(book_problems(record, header))
        if not problems:
            stored = stored_cases.get(match[0]) if match and update else None
            current = (
                stored_input(stored, stored_people[stored["applicant_id"]]) if stored else None
            )
            prepared = checked_row(session, record, action, match, status_bureau, header, problems,
                                clients, current)  # fmt: skip
        planned.append(
            planned_row(
                record,
                action,
                tuple(problems) if problems else (),
                match[0] if match else None,
                match[1] if match else "",
                status_id,
                bureau_id,
                prepared,
            )
        )

    order = {h: i for i, h in enumerate(sheet.headers)}
    record_rows = {r.row for r in sheet.records}
    every = [p for p in sheet.problems if p.row not in record_rows]
    every += [p for r in planned for p in r.problems]
    every.sort(key=lambda p: (p.row, order.get(p.column, -1)))
    return ImportPlan(sheet=sheet, rows=tuple(planned), problems=tuple(every), update=update)


# --- writing ---------------------------------------------------------------------------------


def apply_import(
    db: Database,
    plan: ImportPlan,
    *,
    actor: str | None,
    backup: Callable[[], Path | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write every row of ``plan`` in one transaction, after ``backup()``; all rows or none.

    Raises :class:`ImportRefusedError` when the plan has problems (nothing written, no backup
    taken) and :class:`ImportChangedError` when the database no longer matches the plan.
    ``progress(done, total)`` is called after each chunk of rows and may raise to cancel
    (nothing written).
    """
    if not plan.ok:
        raise ImportRefusedError(plan.problems)
    backup_path = backup() if backup is not None else None
    return _apply_bulk(db, plan, actor=actor, backup_path=backup_path, progress=progress)


def _apply_bulk(
    db: Database,
    plan: ImportPlan,
    *,
    actor: str | None,
    backup_path: Path | None,
    progress: Callable[[int, int], None] | None,
) -> ImportResult:
    """Every row through the bulk writer, in one transaction (new cases prepared while the file
    was checked; updates merged with the stored case as it is written)."""
    try:
        with db.write_session() as session:
            advisory_xact_lock(session, AdvisoryLock.IMPORT)  # a server: never interleaved
            rows = plan.rows
            if plan.fingerprint is None or fingerprint(session) != plan.fingerprint:
                again = _plan(session, plan.sheet, plan.update)
                if not again.ok or [(r.action, r.case_id) for r in again.rows] != [
                    (r.action, r.case_id) for r in plan.rows
                ]:
                    raise ImportChangedError(again.problems)
                rows = again.rows
            with store_triggers_deferred(session) as written:
                counts = write_rows(
                    session, [_bulk_row(row) for row in rows], actor=actor, progress=progress
                )
                written.add(counts.people, counts.cases)
            books = BooksWriter(
                session,
                actor=actor,
                new_cases={
                    case_id
                    for row, case_id in zip(rows, counts.case_ids, strict=True)
                    if row.action == RowAction.CREATE
                },
            )
            # The ledger's own rules number and record the books; many short statements: the
            # window has its turns between rows.
            books.write_all(
                zip(
                    counts.case_ids,
                    counts.organization_ids,
                    (row.record for row in rows),
                    strict=True,
                ),
                breathe,
            )
    except RowFailedError as failed:
        raise ImportRefusedError(
            problems_of(plan.rows[failed.index].row, failed.cause, _header_of(plan.sheet))
        ) from None
    except IntegrityError:  # another save took a reference meanwhile
        raise ImportChangedError(()) from None
    return ImportResult(
        created=counts.created,
        updated=counts.updated,
        inquiries=counts.inquiries,
        document_requests=counts.requests,
        backup=backup_path,
    )


def _bulk_row(row: PlannedRow) -> PreparedRow | PreparedUpdate:
    """What the bulk writer writes for a planned row."""
    if row.prepared is not None:
        return row.prepared
    if row.case_id is None:  # a plan made before a new case's values were prepared
        return prepared_values(row)
    record = row.record

    def merge(current: CaseInput, organization_id: int | None) -> CaseInput:
        return merged_case_input(current, row, organization_id)

    return PreparedUpdate(
        case_id=row.case_id,
        client=record.client,
        merge=merge,
        inquiry_day=record.last_inquiry_date,
        deadline=record.document_deadline,
        submitted=record.documents_submitted_date,
        original_deadline=record.original_deadline,
        archived=record.archived,
        card=card_values(record.card_period, record.card_expiry_date, record.entry_date),
    )
