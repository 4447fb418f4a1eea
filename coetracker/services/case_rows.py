"""Turning the case list's SQL rows (:data:`coetracker.services.caselist.CASE_LIST_SQL`) into
:class:`~coetracker.services.records.CaseRow` values, cheaply enough for 100,000 at a time.

A :class:`RowBuilder` lives for one read: each distinct stored date is converted once and the
converted ``date`` shared by every row that holds it, and the texts that repeat from row to row
(client, status, bureau, channel, nationality, assignee) are kept once each instead of once per
row.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from coetracker.domain.model import Assessment, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import search_keys
from coetracker.services.case_facts import StoredCase
from coetracker.services.records import CaseRow
from coetracker.services.residence import CardContext
from coetracker.storage.dbapi import DateCache

__all__ = ["CASE_COLUMNS", "RowBuilder", "fold_search_texts", "search_texts"]

CASE_COLUMNS = 32
"""How many columns of a case-list row describe the case (the assessment store's follow)."""

_STAGE_OF = {stage.value: stage for stage in Stage}
_PROCEDURES = {procedure.value: procedure for procedure in Procedure}
_COE = Procedure.COE
_SEARCHED = operator.itemgetter(1, 17, 4, 5, 6, 7, 2, 28)


def search_texts(rows: Iterable[Any]) -> list[str]:
    """The fields a search looks in, unfolded, apart by the unit separator so that a match
    cannot span two: reference, application number, the names, the client and its kana."""
    join = "\x1f".join
    return [join(filter(None, _SEARCHED(row))) for row in rows]


def fold_search_texts(rows: Sequence[CaseRow]) -> None:
    """Fold, in place, the search texts of ``rows`` read unfolded (``fold_search=False`` of
    :func:`coetracker.services.caselist.read_case_list`), as the read would have folded them."""
    for row, key in zip(rows, search_keys([row.search_text for row in rows]), strict=True):
        row.search_text = key


class RowBuilder:
    """Makes the rows of one read of the case list (see the module docstring)."""

    def __init__(self, today: dt.date, cards: dict[int, CardContext]) -> None:
        self.today = today
        self.cards = cards
        self.dates = DateCache()
        self._spans: dict[dt.date, int] = {}
        self._texts: dict[object, Any] = {None: None}

    def stored_case(self, row: Any) -> StoredCase:
        """The stored values the rules read of the case in ``row``."""
        dates = self.dates
        return StoredCase(
            row[0],
            row[15],
            bool(row[22]),
            row[14],
            dates[row[16]],
            row[17],
            bool(row[4] or row[6]),
            row[9],
            row[10],
            row[12],
            row[13],
            dates[row[18]],
            dates[row[19]],
            dates[row[20]],
            row[29],
            row[30],
            dates[row[31]],
        )

    def row(self, row: Any, search_text: str, assessment: Assessment) -> CaseRow:
        """The listed case of the SQL ``row`` (its first :data:`CASE_COLUMNS` columns)."""
        (
            case_id,
            reference,
            client,
            organization_id,
            family_name,
            given_name,
            name_kanji,
            name_kana,
            nationality,
            status_id,
            status_name,
            bureau_id,
            bureau_name,
            _inquiry_policy,
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
            last_inquiry_raw,
            last_online_raw,
            _last_submission_raw,
            open_count,
            _client_kana,
            _coe_delivery,
            procedure_text,
            _receipt_raw,
        ) = row[:CASE_COLUMNS]
        dates = self.dates
        share = self._texts.setdefault  # the one copy of a text that repeats from row to row
        filing_date = dates[filing_raw]
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
            share(client, client),
            organization_id,
            family_name,
            given_name,
            name_kanji,
            name_kana,
            share(nationality, nationality),
            status_id,
            share(status_name, status_name),
            bureau_id,
            share(bureau_name, bureau_name),
            share(channel, channel),
            _STAGE_OF[stage_text],
            filing_date,
            application_number,
            dates[planned_raw],
            dates[issued_raw],
            dates[entry_raw],
            share(assignee, assignee),
            last_inquiry,
            int(open_count or 0),
            bool(archived),
            version_id,
            assessment,
            search_text,
            elapsed,
            _PROCEDURES.get(procedure_text or "", _COE),
            None if card is None else card.card_expiry,
        )
