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
a UTF-8 file is written by the C ``csv`` writer and encoded once. CP932, or anything a UTF-8 file
cannot hold (NUL, a lone surrogate), goes through the codec itself
(:func:`~coetracker.io.csv_codec.encode_csv`), which raises
:class:`~coetracker.io.csv_codec.CsvEncodingError` naming every row and column; then no file is
created or changed. Files are written to a temporary file (0600) and renamed into place.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import gc
import io
import os
from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from coetracker.domain.levels import certificate_expired, expired_label, level_short_label
from coetracker.domain.messages import Message, Translate, no_translation
from coetracker.domain.model import (
    Assessment,
    CaseFacts,
    DocumentRequestFacts,
    FilingChannel,
    InquiryChannel,
    InquiryFacts,
    InquiryPolicy,
    Level,
    Stage,
)
from coetracker.domain.nationalities import by_code
from coetracker.domain.procedures import PROCEDURE_NAMES_JA, Procedure
from coetracker.domain.readiness import assess
from coetracker.fsutil import atomic_write_bytes
from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    ColumnKind,
    CsvEncoding,
    CsvEncodingError,
    HeaderStyle,
    channel_text,
    encode_csv,
    flag_text,
    guard_cell,
    stage_text,
    unguard_cell,
)
from coetracker.io.csv_columns import GUARD, period_text
from coetracker.services.benchmark_table import benchmark_table
from coetracker.services.caselist import (
    ONLINE_SYSTEM,
    inquiries_by_case,
    list_cases,
    sort_by_urgency,
)
from coetracker.services.records import CaseRow
from coetracker.services.residence import CardContext, card_contexts, procedure_policy
from coetracker.services.settings import load_policy
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
    "encode_table",
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
_IDENTIFIER_SAFE_START = frozenset(chr(c) for c in range(0x4E00, 0xA000)) - set("明大昭平令")
"""First characters with which an identifier is never guarded: CJK unified ideographs (no
normalisation changes them, none is a digit or a trigger) other than the era names' initials.
Identifiers such as 東就認T26-00001 start so; the rest go through ``guard_cell``."""
_DIGITS = frozenset("0123456789")


def _guard_text(value: str) -> str:
    """``guard_cell`` for any column but an identifier, inline-fast (the codec's rule)."""
    return GUARD + value if value[:1] in _TRIGGERS else value


def _guard_identifier(value: str) -> str:
    """``guard_cell`` for an identifier: an ASCII digit first is always guarded, a CJK
    ideograph never (see :data:`_IDENTIFIER_SAFE_START`); anything else asks the codec."""
    first = value[:1]
    if first in _DIGITS:
        return GUARD + value
    if not first or first in _IDENTIFIER_SAFE_START:
        return value
    return guard_cell(value, ColumnKind.IDENTIFIER)


class _Formatter:
    """Makes the 28 cells of one case, guarded by the codec's rules as they are made.

    Two entry points build the same list: :meth:`row` from a listed :class:`CaseRow` and
    :meth:`cells` from the values ``_whole_table`` fetched (a test checks that the files they
    give are identical). The guard is written out inline: a call per cell costs more than the
    rest of the cell's work. Dates are ISO and never need a guard.
    """

    def __init__(self, session: Session, style: HeaderStyle, translate: Translate) -> None:
        japanese = style == HeaderStyle.JA
        name = 0 if japanese else 1
        self.statuses: dict[int | None, str] = {
            row_id: _guard_text(names[name])
            for row_id, *names in session.connection().execute(
                select(ResidenceStatus.id, ResidenceStatus.name_ja, ResidenceStatus.name_en)
            )
        }
        self.bureaus: dict[int | None, str] = {
            row_id: _guard_text(names[name])
            for row_id, *names in session.connection().execute(
                select(Bureau.id, Bureau.name_ja, Bureau.name_en)
            )
        }
        self.japanese = japanese
        self.translate = translate
        self.nationalities: dict[str | None, str] = {None: ""}
        self.stages = {stage: _guard_text(stage_text(stage, style)) for stage in Stage}
        self.channels: dict[str | None, str] = {None: ""}
        self.channels.update({c.value: _guard_text(channel_text(c, style)) for c in FilingChannel})
        self.levels = {
            level: _guard_text(level_short_label(level).render(translate)) for level in Level
        }
        self.expired = _guard_text(expired_label().render(translate))
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
            text = _guard_text(found.name(self.japanese) if found else (code or ""))
            self.nationalities[code] = text
        return text

    def channel(self, value: str | None) -> str:
        text = self.channels.get(value)
        return text if text is not None else _guard_text(value or "")

    def headline(self, text: Message) -> str:
        # Headlines repeat a lot ("Waiting until 2026-12-03"): render each once.
        try:
            key = (text.context, text.source, tuple(text.params.items()))
            value = self.headlines.get(key)
        except TypeError:  # a parameter that cannot be hashed
            return _guard_text(text.render(self.translate))
        if value is None:
            value = self.headlines[key] = _guard_text(text.render(self.translate))
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
            _guard_identifier(reference) if reference else "",
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
            _guard_identifier(application_number) if application_number else "",
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
        ]

    def row(self, row: CaseRow, extra: CaseExtras) -> list[str]:
        """The cells of a listed case (the same list as :meth:`cells`)."""
        t = _TRIGGERS
        g = GUARD
        assessment = row.assessment
        expiry, next_check = assessment.coe_expiry, assessment.next_check
        birth_date, notes, deadline, submitted, original = extra
        client, family_name, given_name = row.client, row.family_name, row.given_name
        name_kanji, name_kana, reference = row.name_kanji, row.name_kana, row.reference
        filing_date, planned_entry = row.filing_date, row.planned_entry_date
        issued, entry, last_inquiry = row.coe_issued_date, row.entry_date, row.last_inquiry
        number, elapsed = row.application_number, row.elapsed_days
        return [
            _guard_identifier(reference) if reference else "",
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
            _guard_identifier(number) if number else "",
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


def _whole_table(
    session: Session, formatter: _Formatter, today: dt.date, include_closed: bool
) -> list[list[str]]:
    """Every case's cells, most urgent first (the order of ``sort_by_urgency``)."""
    policy = load_policy(session)
    benchmarks = benchmark_table(session)
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
    answered = inquiries_by_case(session, None)  # the pause rules read each inquiry
    requests: dict[int, list[_RequestTuple]] = {}
    for case_id, *request in connection.execute(_requests_query()).all():
        requests.setdefault(case_id, []).append(tuple(request))
    # Client, status and bureau by id from small look-ups: joining them would make SQLite hand
    # over their names 100,000 times, and fetching values is most of the cost here.
    clients = dict(connection.execute(select(Organization.id, Organization.name)).all())
    statuses = dict(connection.execute(select(ResidenceStatus.id, ResidenceStatus.name_ja)).all())
    bureaus = {
        row_id: (name, InquiryPolicy(policy) if policy else None)
        for row_id, name, policy in connection.execute(
            select(Bureau.id, Bureau.short_name_ja, Bureau.inquiry_policy)
        ).all()
    }
    rows = connection.execute(
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
    ).all()

    stages = {stage.value: stage for stage in Stage}
    channels = {channel.value: channel for channel in FilingChannel}
    no_bureau: tuple[None, None] = (None, None)
    no_inquiries: tuple[None, None] = (None, None)
    no_requests: list[_RequestTuple] = []
    far = dt.date.max
    cells = formatter.cells
    card_by_case = card_contexts(session)
    policies = {procedure: procedure_policy(policy, procedure) for procedure in Procedure}
    keyed: list[tuple[tuple[Level, dt.date, str, int], list[str]]] = []
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
        stage = stages[stage_value]
        procedure = _PROCEDURES.get(procedure_value, Procedure.COE)
        card = card_by_case.get(case_id, _NO_CONTEXT)
        status_name = statuses.get(status_id) if status_id is not None else None
        bureau_name, inquiry_policy = bureaus.get(bureau_id, no_bureau)
        last_inquiry, last_online = last_inquiries.get(case_id, no_inquiries)
        own = requests.get(case_id, no_requests)
        # The facts list_cases gives the rules: the open requests, the latest submission, the
        # latest inquiry and the latest online check.
        facts_requests = [DocumentRequestFacts(r[0], r[1], r[2], None) for r in own if r[3] is None]
        last_submission = max((r[3] for r in own if r[3] is not None), default=None)
        if last_submission is not None:
            facts_requests.append(DocumentRequestFacts(None, None, None, last_submission))
        inquiries: tuple[InquiryFacts, ...] = tuple(answered.get(case_id, ()))
        if last_online is not None:
            inquiries += (InquiryFacts(last_online, InquiryChannel.ONLINE_SYSTEM),)
        assessment = assess(
            CaseFacts(
                stage=stage,
                archived=bool(archived),
                channel=channels[channel] if channel else None,
                filing_date=filing_date,
                application_number=application_number,
                applicant_name_present=bool(family_name or name_kanji),
                bureau_name=bureau_name,
                inquiry_policy=inquiry_policy,
                status_name=status_name,
                benchmark=benchmarks.pick(status_id, procedure),
                planned_entry_date=planned_entry,
                document_requests=tuple(facts_requests),
                inquiries=inquiries,
                coe_issued_date=issued,
                entry_date=entry,
                coe_delivery=coe_delivery,
                coe_receipt_registered_on=receipt_registered,
                procedure=procedure,
                card_expiry=card.rule_expiry,
                renewal_filed=card.renewal_filed,
                renewal_preparing=card.renewal_preparing,
            ),
            today,
            policies[procedure],
            explain=False,
        )
        level = assessment.level
        if level == Level.CLOSED and not include_closed:
            continue
        if last_inquiry is None or (last_online is not None and last_online > last_inquiry):
            last_inquiry = last_online
        deadline, submitted, original = picked_request(own) if own else (None, None, None)
        keyed.append(
            (
                (
                    level,
                    assessment.next_check or assessment.deadline or far,
                    reference or "",
                    case_id,
                ),
                cells(
                    reference,
                    clients[client_id],
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
                    stage,
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
    keyed.sort(key=itemgetter(0))
    return [row for _key, row in keyed]


# --- writing ----------------------------------------------------------------------------------


def _csv_text(table: list[list[str]], header_style: HeaderStyle) -> str:
    """The CSV text (CRLF) of a header and ``table``, exactly as ``csv.writer`` writes it.

    Most rows need no quoting at all: no cell holds a comma, a double quote, CR or LF (the
    only reasons ``QUOTE_MINIMAL`` quotes a cell of a multi-column row). Such a row is joined
    with commas directly, a check of one string; the rest go through ``csv.writer``. (Finding
    the rows to quote with C-level ``map`` calls instead of this loop measured no faster on a
    sample where a fifth of the notes hold line breaks.)
    """
    commas = len(EXPORT_COLUMNS) - 1
    # The line end must be CRLF here too: csv quotes a cell holding a line-end character.
    quoting = io.StringIO(newline="")
    writer = csv.writer(quoting, lineterminator="\r\n")
    lines = [",".join(c.header(header_style) for c in EXPORT_COLUMNS)]
    append = lines.append
    for row in table:
        line = ",".join(row)
        if line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
            append(line)
        else:
            quoting.seek(0)
            quoting.truncate()
            writer.writerow(row)
            append(quoting.getvalue()[:-2])
    lines.append("")
    return "\r\n".join(lines)


def _write_guarded(table: list[list[str]], header_style: HeaderStyle) -> bytes | None:
    """A UTF-8-with-BOM file of already guarded cells; None if a cell cannot be written."""
    text = _csv_text(table, header_style)
    if "\0" in text:
        return None
    try:
        return text.encode("utf-8-sig")
    except UnicodeEncodeError:  # a lone surrogate
        return None


def unguarded(table: list[list[str]]) -> list[list[str]]:
    """The cell texts of a guarded table (the guards undone)."""
    return _unguarded(table)


def _unguarded(table: list[list[str]]) -> list[list[str]]:
    kinds = [c.kind for c in EXPORT_COLUMNS]
    return [[unguard_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in table]


def encode_table(
    table: list[list[str]],
    *,
    header_style: HeaderStyle = HeaderStyle.JA,
    encoding: CsvEncoding = "utf-8-sig",
) -> bytes:
    """The bytes :func:`~coetracker.io.csv_codec.encode_csv` makes of ``table`` (cell texts in
    :data:`EXPORT_COLUMNS` order), made faster for UTF-8; ``table`` is guarded in place.

    Raises :class:`~coetracker.io.csv_codec.CsvEncodingError` as the codec does.
    """
    if encoding == "utf-8-sig":
        width = len(EXPORT_COLUMNS)
        identifiers = [i for i, c in enumerate(EXPORT_COLUMNS) if c.kind == ColumnKind.IDENTIFIER]
        for number, row in enumerate(table, start=2):
            if len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells for {width} columns")
            guarded = [_guard_text(v) for v in row]
            for index in identifiers:
                guarded[index] = _guard_identifier(row[index])
            row[:] = guarded
        data = _write_guarded(table, header_style)
        if data is not None:
            return data
        table[:] = _unguarded(table)
    return encode_csv(table, columns=EXPORT_COLUMNS, header_style=header_style, encoding=encoding)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step, readable by the user alone."""
    atomic_write_bytes(path, data)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (see ``readiness.assess_many``).

    An export builds a few hundred thousand small objects and no reference cycles; with the
    collector running, each of its passes re-scans everything built so far.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    table = guarded_table(
        db,
        today=today,
        rows=rows,
        include_closed=include_closed,
        header_style=header_style,
        translate=translate,
    )
    with collector_paused():
        data = _write_guarded(table, header_style) if encoding == "utf-8-sig" else None
        if data is None:
            # CP932, or a cell UTF-8 cannot hold: the codec guards, checks and names the cells.
            table = _unguarded(table)
            try:
                data = encode_csv(
                    table, columns=EXPORT_COLUMNS, header_style=header_style, encoding=encoding
                )
            except CsvEncodingError as error:
                raise _labelled(error, table) from None
    if isinstance(target, str | os.PathLike):
        _write_atomically(Path(target), data)
    else:
        target.write(data)
    return len(table)
