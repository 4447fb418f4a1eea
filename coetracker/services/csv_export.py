"""Exporting cases to the case-list CSV (issue 5, DESIGN.md §8).

The GUI passes the rows it shows (filters and sort applied, as
:class:`~coetracker.services.records.CaseRow` values); the CLI exports every case or the active
ones. Each row holds the columns of :data:`~coetracker.io.csv_codec.CASE_COLUMNS`, then the
export-only ones (有効期限, 経過日数, 状況, 次回確認日, 理由) from the case's assessment.

Statements, whatever the number of rows:

* rows given: what a ``CaseRow`` does not hold (date of birth, notes, the document request's
  deadline and submission) in two statements — a few hundred cases by id, more by reading the
  tables once and picking the rows in Python (an ``IN`` list of 100,000 ids would exceed
  SQLite's parameter limit) — and the status and bureau names in two small ones;
* every case: one statement for the cases with their client and applicant, one for the
  inquiry aggregates, one for the document requests, and the small ones for the policy, the
  benchmarks and the names. The cases are assessed as the case list assesses them (the same
  facts; reasons are not built, as only the headline is written) and sorted most urgent first.
  No ``CaseRow`` is built: cells come straight from the fetched values. A test checks that both
  ways give the same bytes.

Cells are guarded by the codec's rules (:mod:`coetracker.io.csv_columns`) as they are made, and
a UTF-8 file is written by the one CSV encoder (:func:`coetracker.io.csv_encode.guarded_utf8`)
and encoded once. CP932, or anything a UTF-8 file cannot hold (NUL, a lone surrogate), goes
through the codec itself (:func:`~coetracker.io.csv_codec.encode_csv`), which raises
:class:`~coetracker.io.csv_codec.CsvEncodingError` naming every row and column; then no file is
created or changed. Files are written to a temporary file (0600) and renamed into place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from coetracker.domain.levels import certificate_expired, expired_label, level_short_label, urgency
from coetracker.domain.messages import Message, Translate, no_translation
from coetracker.domain.model import (
    Assessment,
    FilingChannel,
    Level,
    Stage,
)
from coetracker.domain.nationalities import by_code
from coetracker.domain.procedures import PROCEDURE_NAMES_JA, Procedure
from coetracker.fsutil import atomic_write_bytes
from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    CsvEncoding,
    CsvEncodingError,
    HeaderStyle,
    channel_text,
    encode_csv,
    flag_text,
    stage_text,
    unguard_cell,
)
from coetracker.io.csv_columns import GUARD, delivery_text, period_text
from coetracker.io.csv_encode import guard_identifier, guard_text, guarded_utf8
from coetracker.pacing import breathe, collector_paused, release, sort_in_runs
from coetracker.services.case_facts import FactsSource, StoredCase
from coetracker.services.caselist import ONLINE_SYSTEM, list_cases, sort_by_urgency
from coetracker.services.ledger_book import LedgerExtras, every_case_extras
from coetracker.services.records import CaseRow
from coetracker.services.residence import CardContext
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Applicant,
    Bureau,
    Case,
    DocumentRequest,
    Inquiry,
    Organization,
    ResidenceCard,
    ResidenceStatus,
)

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


_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_NO_CARD = ["", ""]
_NO_CONTEXT = CardContext(None)

CaseExtras = tuple[dt.date | None, str | None, dt.date | None, dt.date | None, dt.date | None]
"""What a :class:`CaseRow` does not hold: (date of birth, notes, document deadline, documents
submitted on, the deadline before an extension). A plain tuple: 100,000 of them are made per
export."""

_NO_EXTRAS: CaseExtras = (None, None, None, None, None)

_RequestTuple = tuple[dt.date | None, dt.date | None, dt.date | None, dt.date | None, int]
"""(notice date, deadline, extended deadline, submitted on, id) of one document request."""


def pick_request(requests: Sequence[_RequestTuple]) -> tuple[dt.date | None, dt.date | None]:
    """The (deadline, submitted on) one case exports from its document requests.

    An open request comes first: the one whose deadline (extended if it was) is nearest. With
    none open, the latest request (by notice date, then as recorded). The deadline written is
    the one in force: the extended deadline when there is one.
    """
    if not requests:
        return None, None
    far = dt.date.max
    open_requests = [r for r in requests if r[3] is None]
    if open_requests:
        chosen = min(open_requests, key=lambda r: (r[2] or r[1] or far, r[4]))
    else:
        chosen = max(requests, key=lambda r: (r[0] or dt.date.min, r[4]))
    return chosen[2] or chosen[1], chosen[3]


def picked_request(
    requests: Sequence[_RequestTuple],
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """:func:`pick_request` and the chosen request's deadline before its extension (None when
    it was not extended): (deadline in force, submitted on, original deadline)."""
    if not requests:
        return None, None, None
    deadline, submitted = pick_request(requests)
    chosen = next(r for r in requests if (r[2] or r[1]) == deadline and r[3] == submitted)
    return deadline, submitted, chosen[1] if chosen[2] is not None else None


def _requests_query() -> Any:
    return select(
        DocumentRequest.case_id,
        DocumentRequest.notice_date,
        DocumentRequest.deadline,
        DocumentRequest.extended_deadline,
        DocumentRequest.submitted_on,
        DocumentRequest.id,
    )


def load_extras(session: Session, case_ids: Sequence[int]) -> dict[int, CaseExtras]:
    """The extra values of the cases ``case_ids``, in two statements whatever their number."""
    wanted = set(case_ids)
    by_id = len(wanted) <= ID_FILTER_LIMIT
    base = select(Case.id, Applicant.birth_date, Case.notes).join(
        Applicant, Applicant.id == Case.applicant_id
    )
    requests_query = _requests_query()
    if by_id:
        base = base.where(Case.id.in_(sorted(wanted)))
        requests_query = requests_query.where(DocumentRequest.case_id.in_(sorted(wanted)))
    grouped: dict[int, list[_RequestTuple]] = {}
    for case_id, *request in session.connection().execute(requests_query).all():
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


# --- cells -------------------------------------------------------------------------------------

_TRIGGERS = FORMULA_TRIGGERS | {GUARD}


_NO_BOOKS = [""] * 6


def _book_cells(phone: str | None, extras: LedgerExtras | None) -> list[str]:
    """The guarded cells of :data:`~coetracker.io.csv_columns.BOOK_COLUMNS`."""
    cells = [guard_identifier(phone) if phone else ""]
    if extras is None:
        return cells + _NO_BOOKS[1:]
    accepted, paid_on = extras.accepted_on, extras.last_paid_on
    return [
        *cells,
        accepted.isoformat() if accepted else "",
        "" if extras.fee is None else guard_text(str(extras.fee)),
        guard_text(extras.client_address),
        paid_on.isoformat() if paid_on else "",
        "" if extras.paid is None else guard_text(str(extras.paid)),
    ]


_NO_AGENT = [""] * 6


def _agent_cells(values: Sequence[Any], style: HeaderStyle) -> list[str]:
    """The guarded cells of :data:`~coetracker.io.csv_columns.AGENT_COLUMNS` from a case's
    agent name, relationship, prefecture, address, delivery and receipt registration."""
    name, relationship, prefecture, address, delivery, registered = values
    return [
        guard_text(name or ""),
        guard_text(relationship or ""),
        guard_text(prefecture or ""),
        guard_text(address or ""),
        guard_text(delivery_text(delivery, style)) if delivery else "",
        registered.isoformat() if registered else "",
    ]


class _Formatter:
    """Makes the cells of one case (:data:`EXPORT_COLUMNS`), guarded as they are made.

    Two entry points build the same list: :meth:`row` from a listed :class:`CaseRow` and
    :meth:`cells` from the values ``_whole_table`` fetched (a test checks that the files they
    give are identical). The guard is written out inline: a call per cell costs more than the
    rest of the cell's work. Dates are ISO and never need a guard.
    """

    def __init__(self, session: Session, style: HeaderStyle, translate: Translate) -> None:
        japanese = style == HeaderStyle.JA
        name = 0 if japanese else 1
        self.statuses: dict[int | None, str] = {
            row_id: guard_text(names[name])
            for row_id, *names in session.connection().execute(
                select(ResidenceStatus.id, ResidenceStatus.name_ja, ResidenceStatus.name_en)
            )
        }
        self.bureaus: dict[int | None, str] = {
            row_id: guard_text(names[name])
            for row_id, *names in session.connection().execute(
                select(Bureau.id, Bureau.name_ja, Bureau.name_en)
            )
        }
        self.japanese = japanese
        self.translate = translate
        self.nationalities: dict[str | None, str] = {None: ""}
        self.stages = {stage: guard_text(stage_text(stage, style)) for stage in Stage}
        self.channels: dict[str | None, str] = {None: ""}
        self.channels.update({c.value: guard_text(channel_text(c, style)) for c in FilingChannel})
        self.levels = {
            level: guard_text(level_short_label(level).render(translate)) for level in Level
        }
        self.expired = guard_text(expired_label().render(translate))
        self.headlines: dict[tuple[str, str, tuple[tuple[str, object], ...]], str] = {}
        self.archived = flag_text(True, style)
        self.procedures = {
            procedure: PROCEDURE_NAMES_JA[procedure] if japanese else procedure.value
            for procedure in Procedure
        }
        # After arrival: each case's person's residence card (period, expiry), few rows.
        self.cards: dict[int, list[str]] = {
            case_id: [period_text(months, style), expiry.isoformat() if expiry else ""]
            for case_id, months, expiry in session.connection().execute(
                select(Case.id, ResidenceCard.period_months, ResidenceCard.expiry_date).join(
                    ResidenceCard, ResidenceCard.applicant_id == Case.applicant_id
                )
            )
        }

        # The case's phone, the 代理人 and the certificate's delivery (BOOK_COLUMNS' first,
        # AGENT_COLUMNS), in one statement for the cases that have any; then the books.
        own = (
            Case.department_phone,
            Case.agent_name,
            Case.agent_relationship,
            Case.agent_prefecture,
            Case.agent_address,
            Case.coe_delivery,
            Case.coe_receipt_registered_on,
        )
        phones: dict[int, str] = {}
        self.agents: dict[int, list[str]] = {}
        for case_id, phone, *agent in session.connection().execute(
            select(Case.id, *own).where(or_(*(column.is_not(None) for column in own)))
        ):
            if phone is not None:
                phones[case_id] = phone
            if any(value is not None for value in agent):
                self.agents[case_id] = _agent_cells(agent, style)
        self.books: dict[int, list[str]] = {}
        for case_id, extras in every_case_extras(session).items():
            self.books[case_id] = _book_cells(phones.pop(case_id, None), extras)
        for case_id, phone in phones.items():
            self.books[case_id] = _book_cells(phone, None)

    def stay(self, case_id: int, procedure: str) -> list[str]:
        """The cells of :data:`STAY_COLUMNS`: 申請種別, 在留期間, 在留期限."""
        return [
            self.procedures[_PROCEDURES.get(procedure, Procedure.COE)],
            *self.cards.get(case_id, _NO_CARD),
        ]

    def nationality(self, code: str | None) -> str:
        text = self.nationalities.get(code)
        if text is None:
            found = by_code(code) if code else None
            text = guard_text(found.name(self.japanese) if found else (code or ""))
            self.nationalities[code] = text
        return text

    def channel(self, value: str | None) -> str:
        text = self.channels.get(value)
        return text if text is not None else guard_text(value or "")

    def headline(self, text: Message) -> str:
        # Headlines repeat a lot ("Waiting until 2026-12-03"): render each once.
        try:
            key = (text.context, text.source, tuple(text.params.items()))
            value = self.headlines.get(key)
        except TypeError:  # a parameter that cannot be hashed
            return guard_text(text.render(self.translate))
        if value is None:
            value = self.headlines[key] = guard_text(text.render(self.translate))
        return value

    def cells(
        self,
        reference: str | None,
        client: str,
        family_name: str | None,
        given_name: str | None,
        name_kanji: str | None,
        name_kana: str | None,
        nationality: str | None,
        birth_date: dt.date | None,
        status_id: int | None,
        bureau_id: int | None,
        channel: str | None,
        filing_date: dt.date | None,
        application_number: str | None,
        planned_entry: dt.date | None,
        stage: Stage,
        issued: dt.date | None,
        entry: dt.date | None,
        last_inquiry: dt.date | None,
        deadline: dt.date | None,
        submitted: dt.date | None,
        original: dt.date | None,
        notes: str | None,
        archived: bool,
        assessment: Assessment,
        elapsed: int | None,
        case_id: int = 0,
        procedure: str = "coe",
    ) -> list[str]:
        """The cells of one case from its values (see :meth:`row` for a listed case)."""
        t = _TRIGGERS
        g = GUARD
        expiry, next_check = assessment.coe_expiry, assessment.next_check
        return [
            guard_identifier(reference) if reference else "",
            g + client if client[:1] in t else client,
            "" if not family_name else g + family_name if family_name[0] in t else family_name,
            "" if not given_name else g + given_name if given_name[0] in t else given_name,
            "" if not name_kanji else g + name_kanji if name_kanji[0] in t else name_kanji,
            "" if not name_kana else g + name_kana if name_kana[0] in t else name_kana,
            self.nationality(nationality),
            birth_date.isoformat() if birth_date else "",
            self.statuses.get(status_id, ""),
            self.bureaus.get(bureau_id, ""),
            self.channel(channel),
            filing_date.isoformat() if filing_date else "",
            guard_identifier(application_number) if application_number else "",
            planned_entry.isoformat() if planned_entry else "",
            self.stages[stage],
            issued.isoformat() if issued else "",
            entry.isoformat() if entry else "",
            last_inquiry.isoformat() if last_inquiry else "",
            deadline.isoformat() if deadline else "",
            submitted.isoformat() if submitted else "",
            original.isoformat() if original else "",
            "" if not notes else g + notes if notes[0] in t else notes,
            self.archived if archived else "",
            expiry.isoformat() if expiry else "",
            "" if elapsed is None else str(elapsed) if elapsed >= 0 else g + str(elapsed),
            self.expired if certificate_expired(assessment) else self.levels[assessment.level],
            next_check.isoformat() if next_check else "",
            self.headline(assessment.headline),
            *self.stay(case_id, procedure),
            *self.books.get(case_id, _NO_BOOKS),
            *self.agents.get(case_id, _NO_AGENT),
        ]

    def row(self, row: CaseRow, extra: CaseExtras) -> list[str]:
        """The cells of a listed case (the same list as :meth:`cells`)."""
        t = _TRIGGERS
        g = GUARD
        assessment = row.assessment
        expiry, next_check = assessment.coe_expiry, assessment.next_check
        birth_date, notes, deadline, submitted, original = extra
        family_name, given_name = row.family_name, row.given_name
        # no client company (a family case): blank, its 代理人 is in the 代理人 columns and a
        # sheet read back in must not turn the person into a company
        client = row.client if row.organization_id is not None else ""
        name_kanji, name_kana, reference = row.name_kanji, row.name_kana, row.reference
        filing_date, planned_entry = row.filing_date, row.planned_entry_date
        issued, entry, last_inquiry = row.coe_issued_date, row.entry_date, row.last_inquiry
        number, elapsed = row.application_number, row.elapsed_days
        return [
            guard_identifier(reference) if reference else "",
            g + client if client[:1] in t else client,
            "" if not family_name else g + family_name if family_name[0] in t else family_name,
            "" if not given_name else g + given_name if given_name[0] in t else given_name,
            "" if not name_kanji else g + name_kanji if name_kanji[0] in t else name_kanji,
            "" if not name_kana else g + name_kana if name_kana[0] in t else name_kana,
            self.nationality(row.nationality_code),
            birth_date.isoformat() if birth_date else "",
            self.statuses.get(row.residence_status_id, ""),
            self.bureaus.get(row.bureau_id, ""),
            self.channel(row.channel),
            filing_date.isoformat() if filing_date else "",
            guard_identifier(number) if number else "",
            planned_entry.isoformat() if planned_entry else "",
            self.stages[row.stage],
            issued.isoformat() if issued else "",
            entry.isoformat() if entry else "",
            last_inquiry.isoformat() if last_inquiry else "",
            deadline.isoformat() if deadline else "",
            submitted.isoformat() if submitted else "",
            original.isoformat() if original else "",
            "" if not notes else g + notes if notes[0] in t else notes,
            self.archived if row.archived else "",
            expiry.isoformat() if expiry else "",
            "" if elapsed is None else str(elapsed) if elapsed >= 0 else g + str(elapsed),
            self.expired if certificate_expired(assessment) else self.levels[assessment.level],
            next_check.isoformat() if next_check else "",
            self.headline(assessment.headline),
            *self.stay(row.id, row.procedure),
            *self.books.get(row.id, _NO_BOOKS),
            *self.agents.get(row.id, _NO_AGENT),
        ]


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
        formatter = _Formatter(session, header_style, translate)
    return _unguarded([formatter.row(r, extras.get(r.id, _NO_EXTRAS)) for r in rows])


# --- every case at once ----------------------------------------------------------------------


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    # Aggregates over DateTime columns come back as text on SQLite.
    return dt.date.fromisoformat(str(value)[:10])


_FETCH_PART = 1_000
"""Rows fetched at a time by :func:`_whole_table` (the window may run between two parts)."""


def _whole_table(
    session: Session, formatter: _Formatter, today: dt.date, include_closed: bool
) -> list[list[str]]:
    """Every case's cells, most urgent first (the order of ``sort_by_urgency``)."""
    source = FactsSource.load(session)
    connection = session.connection()
    last_inquiries = {
        case_id: (_as_date(last), _as_date(online))
        for case_id, last, online in connection.execute(
            select(
                Inquiry.case_id,
                func.max(case((Inquiry.channel != ONLINE_SYSTEM, Inquiry.made_at))),
                func.max(case((Inquiry.channel == ONLINE_SYSTEM, Inquiry.made_at))),
            ).group_by(Inquiry.case_id)
        ).all()
    }
    requests: dict[int, list[_RequestTuple]] = {}
    for case_id, *request in connection.execute(_requests_query()).all():
        requests.setdefault(case_id, []).append(tuple(request))
    # Client, status and bureau by id from small look-ups: joining them would make SQLite hand
    # over their names 100,000 times, and fetching values is most of the cost here.
    clients = dict(connection.execute(select(Organization.id, Organization.name)).all())
    statuses = dict(connection.execute(select(ResidenceStatus.id, ResidenceStatus.name_ja)).all())
    bureaus = {
        row_id: (name, policy)
        for row_id, name, policy in connection.execute(
            select(Bureau.id, Bureau.short_name_ja, Bureau.inquiry_policy)
        ).all()
    }
    result = connection.execute(
        select(
            Case.id,
            Case.reference,
            Case.organization_id,
            Applicant.family_name,
            Applicant.given_name,
            Applicant.name_kanji,
            Applicant.name_kana,
            Applicant.nationality_code,
            Applicant.birth_date,
            Case.residence_status_id,
            Case.bureau_id,
            Case.channel,
            Case.stage,
            Case.filing_date,
            Case.application_number,
            Case.planned_entry_date,
            Case.coe_issued_date,
            Case.entry_date,
            Case.archived,
            Case.notes,
            Case.coe_delivery,
            Case.procedure,
            Case.coe_receipt_registered_on,
        ).join(Applicant, Applicant.id == Case.applicant_id)
    )
    rows: list[Any] = []
    for part in result.partitions(_FETCH_PART):
        rows.extend(part)
        breathe()  # fetching row by row, the driver would keep the window from its turn

    stages = {stage.value: stage for stage in Stage}
    no_bureau: tuple[None, None] = (None, None)
    no_inquiries: tuple[None, None] = (None, None)
    no_requests: list[_RequestTuple] = []
    cells = formatter.cells
    keyed: list[tuple[tuple[int, dt.date, str, int], list[str]]] = []
    for (
        case_id,
        reference,
        client_id,
        family_name,
        given_name,
        name_kanji,
        name_kana,
        nationality,
        birth_date,
        status_id,
        bureau_id,
        channel,
        stage_value,
        filing_date,
        application_number,
        planned_entry,
        issued,
        entry,
        archived,
        notes,
        coe_delivery,
        procedure_value,
        receipt_registered,
    ) in rows:
        status_name = statuses.get(status_id) if status_id is not None else None
        bureau_name, inquiry_policy = bureaus.get(bureau_id, no_bureau)
        assessment = source.assess(
            StoredCase(
                case_id,
                stage_value,
                bool(archived),
                channel,
                filing_date,
                application_number,
                bool(family_name or name_kanji),
                status_id,
                status_name,
                bureau_name,
                inquiry_policy,
                planned_entry,
                issued,
                entry,
                coe_delivery,
                procedure_value,
                receipt_registered,
            ),
            today,
        )
        last_inquiry, last_online = last_inquiries.get(case_id, no_inquiries)
        own = requests.get(case_id, no_requests)
        level = assessment.level
        if level == Level.CLOSED and not include_closed:
            continue
        if last_inquiry is None or (last_online is not None and last_online > last_inquiry):
            last_inquiry = last_online
        deadline, submitted, original = picked_request(own) if own else (None, None, None)
        keyed.append(
            (
                urgency(assessment, reference, case_id),
                cells(
                    reference,
                    clients[client_id] if client_id is not None else "",  # see row()
                    family_name,
                    given_name,
                    name_kanji,
                    name_kana,
                    nationality,
                    birth_date,
                    status_id,
                    bureau_id,
                    channel,
                    filing_date,
                    application_number,
                    planned_entry,
                    stages[stage_value],
                    issued,
                    entry,
                    last_inquiry,
                    deadline,
                    submitted,
                    original,
                    notes,
                    bool(archived),
                    assessment,
                    (today - filing_date).days if filing_date is not None else None,
                    case_id,
                    procedure_value,
                ),
            )
        )
    sort_in_runs(keyed, key=itemgetter(0))
    table = [row for _key, row in keyed]
    release(keyed)  # the keys and fetched rows freed in parts, not in one go on return
    release(rows)
    return table


# --- writing ----------------------------------------------------------------------------------


def unguarded(table: list[list[str]]) -> list[list[str]]:
    """The cell texts of a guarded table (the guards undone)."""
    return _unguarded(table)


def _unguarded(table: list[list[str]]) -> list[list[str]]:
    kinds = [c.kind for c in EXPORT_COLUMNS]
    return [[unguard_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in table]


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
        formatter = _Formatter(session, header_style, translate)
        if rows is None:
            return _whole_table(session, formatter, today, include_closed)
        extras = load_extras(session, [r.id for r in rows])
        return [formatter.row(r, extras.get(r.id, _NO_EXTRAS)) for r in rows]


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
        table = guarded_table(
            db,
            today=today,
            rows=rows,
            include_closed=include_closed,
            header_style=header_style,
            translate=translate,
        )
        count = len(table)
        headers = [c.header(header_style) for c in EXPORT_COLUMNS]
        data = guarded_utf8(headers, table) if encoding == "utf-8-sig" else None
        if data is None:
            # CP932, or a cell UTF-8 cannot hold: the codec guards, checks and names the cells.
            table = _unguarded(table)
            try:
                data = encode_csv(
                    table, columns=EXPORT_COLUMNS, header_style=header_style, encoding=encoding
                )
            except CsvEncodingError as error:
                raise _labelled(error, table) from None
        release(table)  # gone before the collector is back on, or its next pass scans it
    if isinstance(target, str | os.PathLike):
        atomic_write_bytes(Path(target), data)
    else:
        target.write(data)
    return count
