"""Turning the case list's SQL rows (:data:`coetracker.services.caselist.CASE_LIST_SQL`) into
:class:`~coetracker.services.records.CaseRow` values, cheaply enough for 100,000 at a time.

A :class:`RowBuilder` lives for one read: each distinct stored date is converted once and the
converted ``date`` shared by every row that holds it, and the texts that repeat from row to row
(client, status, bureau, channel, nationality, assignee) are kept once each instead of once per
row. The names of the clients, statuses and bureaus, and each case's inquiry and request
figures, come from :class:`CaseLookups`, read by id once per read.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from coetracker.domain.model import Assessment, InquiryChannel, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import search_keys
from coetracker.services.case_facts import StoredCase
from coetracker.services.case_row import CaseRow
from coetracker.services.residence import CardContext
from coetracker.storage.dbapi import DateCache, DBAPIConnection, fetch, ids_clause

__all__ = ["CASE_COLUMNS", "CaseLookups", "RowBuilder", "fold_search_texts", "search_texts"]

CASE_COLUMNS = 24
"""How many columns of a case-list row describe the case (the assessment store's follow)."""

_STAGE_OF = {stage.value: stage for stage in Stage}
_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_COE = Procedure.COE
_SEARCHED = operator.itemgetter(1, 14, 4, 5, 6, 7)
_CLIENTS_SQL = (
    "SELECT id, name, name_kana FROM organization"
    ' WHERE id IN (SELECT c.organization_id FROM "case" AS c{where})'
)
_INQUIRIES_SQL = (
    "SELECT case_id, MAX(CASE WHEN channel <> ? THEN made_at END),"
    " MAX(CASE WHEN channel = ? THEN made_at END) FROM inquiry{where} GROUP BY case_id"
)
"""Each case's latest inquiry other than an online check, and its latest online check."""
_ONLINE = (InquiryChannel.ONLINE_SYSTEM.value, InquiryChannel.ONLINE_SYSTEM.value)
_REQUESTS_SQL = (
    "SELECT case_id, COUNT(CASE WHEN submitted_on IS NULL THEN 1 END)"
    " FROM document_request{where} GROUP BY case_id"
)
"""How many of each case's document requests are open (not submitted)."""
_NO_INQUIRY: tuple[Any, Any] = (None, None)


class CaseLookups:
    """What the case list looks up by id rather than joins: each client's name and kana, each
    status's name, each bureau's short name and inquiry policy, and per case its latest inquiry
    and online check and how many of its document requests are open."""

    __slots__ = ("bureaus", "clients", "inquiries", "open_requests", "searched", "statuses")

    def __init__(
        self,
        clients: dict[int, tuple[str, str | None]],
        statuses: dict[int, str],
        bureaus: dict[int, tuple[str, str]],
        inquiries: dict[int, tuple[Any, Any]],
        open_requests: dict[int, int],
    ) -> None:
        self.clients = clients
        self.statuses = statuses
        self.bureaus = bureaus
        self.inquiries = inquiries
        self.open_requests = open_requests
        join = "\x1f".join
        self.searched = {key: join(filter(None, names)) for key, names in clients.items()}
        """Each client's part of a search text: its name and kana."""

    @classmethod
    def read(cls, connection: DBAPIConnection, case_ids: Sequence[int] | None) -> CaseLookups:
        """What the cases with ``case_ids`` (None: every case) refer to."""
        where, params = ids_clause("c.id", case_ids)
        narrow, _ = ids_clause("case_id", case_ids)
        clients = fetch(connection, _CLIENTS_SQL.format(where=where), params)
        statuses = fetch(connection, "SELECT id, name_ja FROM residence_status")
        bureaus = fetch(connection, "SELECT id, short_name_ja, inquiry_policy FROM bureau")
        inquiries = fetch(connection, _INQUIRIES_SQL.format(where=narrow), [*_ONLINE, *params])
        requests = fetch(connection, _REQUESTS_SQL.format(where=narrow), params)
        return cls(
            {row[0]: (row[1], row[2]) for row in clients},
            {row[0]: row[1] for row in statuses},
            {row[0]: (row[1], row[2]) for row in bureaus},
            {row[0]: (row[1], row[2]) for row in inquiries},
            {row[0]: row[1] for row in requests if row[1]},
        )


def search_texts(rows: Iterable[Any], names: CaseLookups) -> list[str]:
    """The fields a search looks in, unfolded, apart by the unit separator so that a match
    cannot span two: reference, application number, the names, the client and its kana."""
    join = "\x1f".join
    searched = names.searched
    texts: list[str] = []
    append = texts.append
    for row in rows:
        own = join(filter(None, _SEARCHED(row)))
        client = searched.get(row[3]) if row[3] is not None else None
        if client is None:
            client = row[2]  # a 代理人 (or nobody)
        if client:
            own = f"{own}\x1f{client}" if own else client
        append(own)
    return texts


def fold_search_texts(rows: Sequence[CaseRow]) -> None:
    """Fold, in place, the search texts of ``rows`` read unfolded (``fold_search=False`` of
    :func:`coetracker.services.caselist.read_case_list`), as the read would have folded them."""
    for row, key in zip(rows, search_keys([row.search_text for row in rows]), strict=True):
        row.search_text = key


class RowBuilder:
    """Makes the rows of one read of the case list (see the module docstring)."""

    def __init__(self, today: dt.date, cards: dict[int, CardContext], names: CaseLookups) -> None:
        self.today = today
        self.cards = cards
        self.names = names
        self.dates = DateCache()
        self._spans: dict[dt.date, int] = {}
        self._texts: dict[object, Any] = {None: None}

    def stored_case(self, row: Any) -> StoredCase:
        """The stored values the rules read of the case in ``row``."""
        dates = self.dates
        bureau = self.names.bureaus.get(row[10])
        return StoredCase(
            row[0],
            row[12],
            bool(row[19]),
            row[11],
            dates[row[13]],
            row[14],
            bool(row[4] or row[6]),
            row[9],
            self.names.statuses.get(row[9]),
            None if bureau is None else bureau[0],
            None if bureau is None else bureau[1],
            dates[row[15]],
            dates[row[16]],
            dates[row[17]],
            row[21],
            row[22],
            dates[row[23]],
        )

    def row(self, row: Any, search_text: str, assessment: Assessment) -> CaseRow:
        """The listed case of the SQL ``row`` (its first :data:`CASE_COLUMNS` columns)."""
        (
            case_id,
            reference,
            agent_name,
            organization_id,
            family_name,
            given_name,
            name_kanji,
            name_kana,
            nationality,
            status_id,
            bureau_id,
            channel,
            stage_text,
            filing_raw,
            application_number,
            planned_raw,
            issued_raw,
            entry_raw,
            assignee,
            archived,
            version_id,
            _coe_delivery,
            procedure_text,
            _receipt_raw,
        ) = row[:CASE_COLUMNS]
        dates = self.dates
        share = self._texts.setdefault  # the one copy of a text that repeats from row to row
        names = self.names
        client_names = names.clients.get(organization_id) if organization_id is not None else None
        client = client_names[0] if client_names is not None else (agent_name or "")
        bureau = names.bureaus.get(bureau_id) if bureau_id is not None else None
        filing_date = dates[filing_raw]
        last_inquiry_raw, last_online_raw = names.inquiries.get(case_id, _NO_INQUIRY)
        if last_online_raw is None:
            last_inquiry = dates[last_inquiry_raw]
        elif last_inquiry_raw is None:
            last_inquiry = dates[last_online_raw]
        else:
            last_inquiry = max(dates[last_inquiry_raw], dates[last_online_raw])  # type: ignore[type-var]
        if filing_date is None:
            elapsed = None
        else:
            elapsed = self._spans.get(filing_date)
            if elapsed is None:
                elapsed = self._spans[filing_date] = (self.today - filing_date).days
        card = self.cards.get(case_id)
        return CaseRow(
            case_id,
            reference,
            client if client_names is not None else share(client, client),
            organization_id,
            family_name,
            given_name,
            name_kanji,
            name_kana,
            share(nationality, nationality),
            status_id,
            names.statuses.get(status_id) if status_id is not None else None,
            bureau_id,
            None if bureau is None else bureau[0],
            share(channel, channel),
            _STAGE_OF[stage_text],
            filing_date,
            application_number,
            dates[planned_raw],
            dates[issued_raw],
            dates[entry_raw],
            share(assignee, assignee),
            last_inquiry,
            names.open_requests.get(case_id, 0),
            bool(archived),
            version_id,
            assessment,
            search_text,
            elapsed,
            _PROCEDURES.get(procedure_text or "", _COE),
            None if card is None else card.card_expiry,
        )
