"""The cells of the case-list CSV: each listed case's, and the look-ups they are made from.

:class:`CellFormatter` reads the small tables once (statuses, bureaus, residence cards, the
books, phones and 代理人) and makes a case's guarded cells in :data:`EXPORT_COLUMNS` order;
:func:`pick_request` chooses the document request whose dates a case exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from coetracker.domain.levels import certificate_expired, expired_label, level_short_label
from coetracker.domain.messages import Message, Translate
from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.domain.nationalities import by_code
from coetracker.domain.procedures import PROCEDURE_NAMES_JA, Procedure
from coetracker.io.csv_codec import (
    EXPORT_COLUMNS,
    FORMULA_TRIGGERS,
    HeaderStyle,
    channel_text,
    flag_text,
    stage_text,
)
from coetracker.io.csv_columns import GUARD, delivery_text, period_text
from coetracker.io.csv_encode import guard_identifier, guard_text
from coetracker.services.ledger_book import LedgerExtras, every_case_extras
from coetracker.services.records import CaseRow
from coetracker.storage.models import Bureau, Case, DocumentRequest, ResidenceCard, ResidenceStatus

__all__ = [
    "CHOSEN_REQUEST_SQL",
    "EXPORT_COLUMNS",
    "NO_EXTRAS",
    "CaseExtras",
    "CellFormatter",
    "RequestTuple",
    "pick_request",
    "picked_request",
    "requests_query",
]

_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_NO_CARD = ["", ""]

CaseExtras = tuple[dt.date | None, str | None, dt.date | None, dt.date | None, dt.date | None]
"""What a :class:`CaseRow` does not hold: (date of birth, notes, document deadline, documents
submitted on, the deadline before an extension). A plain tuple: 100,000 of them are made per
export."""

NO_EXTRAS: CaseExtras = (None, None, None, None, None)

RequestTuple = tuple[dt.date | None, dt.date | None, dt.date | None, dt.date | None, int]
"""(notice date, deadline, extended deadline, submitted on, id) of one document request."""


def _chosen(requests: Sequence[RequestTuple]) -> RequestTuple:
    """The document request whose dates a case exports (``requests`` not empty).

    An open request comes first: the one whose deadline (extended if it was) is nearest, the
    earlier recorded on a tie. With none open, the latest request (by notice date, then the
    later recorded)."""
    far = dt.date.max
    open_requests = [r for r in requests if r[3] is None]
    if open_requests:
        return min(open_requests, key=lambda r: (r[2] or r[1] or far, r[4]))
    return max(requests, key=lambda r: (r[0] or dt.date.min, r[4]))


def pick_request(requests: Sequence[RequestTuple]) -> tuple[dt.date | None, dt.date | None]:
    """The (deadline, submitted on) one case exports from its document requests
    (:func:`_chosen`): the deadline written is the one in force, the extended deadline when
    there is one."""
    if not requests:
        return None, None
    chosen = _chosen(requests)
    return chosen[2] or chosen[1], chosen[3]


def picked_request(
    requests: Sequence[RequestTuple],
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """:func:`pick_request` and the chosen request's deadline before its extension (None when
    it was not extended): (deadline in force, submitted on, original deadline)."""
    if not requests:
        return None, None, None
    chosen = _chosen(requests)
    return chosen[2] or chosen[1], chosen[3], chosen[1] if chosen[2] is not None else None


def requests_query() -> Any:
    return select(
        DocumentRequest.case_id,
        DocumentRequest.notice_date,
        DocumentRequest.deadline,
        DocumentRequest.extended_deadline,
        DocumentRequest.submitted_on,
        DocumentRequest.id,
    )


CHOSEN_REQUEST_SQL = (
    "SELECT case_id, coalesce(extended_deadline, deadline) AS in_force, submitted_on,"
    " CASE WHEN extended_deadline IS NOT NULL THEN deadline END AS original,"
    " row_number() OVER (PARTITION BY case_id ORDER BY submitted_on IS NOT NULL,"
    " CASE WHEN submitted_on IS NULL THEN coalesce(extended_deadline, deadline, '9999-12-31') END,"
    " CASE WHEN submitted_on IS NULL THEN id END, notice_date DESC, id DESC) AS rank"
    " FROM document_request"
)
"""Each document request's dates as a case exports them, ranked so that the request
:func:`pick_request` chooses is each case's ``rank`` 1 (dates as stored: ISO text on SQLite
sorts as the dates do, NULL first, as ``dt.date.min``)."""


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


class CellFormatter:
    """Makes the cells of one case (:data:`EXPORT_COLUMNS`), guarded as they are made.

    :meth:`row` makes a listed :class:`CaseRow`'s cells; an export of every case from a SQLite
    file (:mod:`~coetracker.services.export_lines`) uses its look-ups for the cells SQLite does
    not make. The guard is written out inline: a call per cell costs more than the rest of the
    cell's work. Dates are ISO and never need a guard.
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

    def row(self, row: CaseRow, extra: CaseExtras) -> list[str]:
        """The cells of a listed case."""
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
