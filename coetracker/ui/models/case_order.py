"""The orders of the case list: urgency (the default), and the user's choice of column.

Every order breaks ties by urgency, so equal values list the most urgent case first; blank
values go last whichever direction is chosen (they are neither small nor large).

A column's first sort sorts row numbers by the column's values and notes each row's *rank*
(its value's place among the distinct values, :func:`column_ranks`); the ranks are kept until the
rows change, so sorting that column again, either way, is one ``list.sort`` of row numbers keyed
by small integers (:func:`rank_order`).
After an edit one row is moved to its place by binary search instead of sorting again.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, eq, is_, is_not, ne
from typing import Any

from coetracker.domain.model import FILED_STAGES, Level, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services.case_row import CaseRow, row_urgency

COL_LEVEL = 0
COL_REFERENCE = 1
COL_APPLICANT = 2
COL_CLIENT = 3
COL_HEADLINE = 4
COL_NEXT_CHECK = 5
COL_DEADLINE = 6
COL_FILED = 7
COL_ELAPSED = 8
COL_STATUS = 9
COL_BUREAU = 10
COL_APPLICATION_NUMBER = 11
COL_STAGE = 12
COL_ASSIGNEE = 13
COL_PROCEDURE = 14
COL_OUTSTANDING = 15  # amount still to be received; its values come from the fees, not the row
COLUMN_COUNT = 16

_STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}

Key = Callable[[CaseRow], Any]


urgency_key = row_urgency
"""Most urgent first: level, then next check (or deadline), then reference (the one key of
:func:`coetracker.domain.levels.urgency`)."""


def elapsed_days(row: CaseRow) -> int | None:
    """Days since filing while the case is under review; None once decided or not filed."""
    return row.elapsed_days if row.stage in FILED_STAGES else None


_PROCEDURE_ORDER = {procedure: index for index, procedure in enumerate(Procedure)}


def deadline_of(row: CaseRow) -> dt.date | None:
    """The date by which something must happen: a document deadline or the COE expiry."""
    a = row.assessment
    if a.deadline is not None:
        return a.deadline
    if a.level in (Level.COE_EXPIRING, Level.ISSUED):
        return a.coe_expiry
    return None


def _folded(getter: Callable[[CaseRow], str | None]) -> Key:
    def key(row: CaseRow) -> str | None:
        text = getter(row)
        return text.casefold() if text else None

    return key


NEAR_UNIQUE = frozenset({COL_REFERENCE, COL_APPLICANT, COL_APPLICATION_NUMBER})
"""Columns whose values are nearly all different (few ties to share work between)."""

_TEXT_COLUMNS: dict[int, Callable[[CaseRow], str | None]] = {
    COL_REFERENCE: attrgetter("reference"),
    COL_APPLICANT: attrgetter("applicant_name"),
    COL_CLIENT: attrgetter("client"),
    COL_STATUS: attrgetter("status_name"),
    COL_BUREAU: attrgetter("bureau_name"),
    COL_ASSIGNEE: attrgetter("assignee"),
}


def column_key(column: int, headline: Callable[[CaseRow], str] | None = None) -> Key:
    """A sort key for ``column``: native values, text case-folded, None for blank."""
    text = _TEXT_COLUMNS.get(column)
    if text is not None:
        return _folded(text)
    if column == COL_HEADLINE and headline is not None:
        return headline
    if column == COL_NEXT_CHECK:
        return lambda row: row.assessment.next_check
    if column == COL_DEADLINE:
        return deadline_of
    if column == COL_FILED:
        return attrgetter("filing_date")
    if column == COL_ELAPSED:
        return elapsed_days
    if column == COL_APPLICATION_NUMBER:
        return lambda row: row.application_number or None
    if column == COL_STAGE:
        return lambda row: _STAGE_ORDER.get(row.stage)
    if column == COL_PROCEDURE:
        return lambda row: _PROCEDURE_ORDER[row.procedure]
    return lambda row: row.assessment.level


def column_values(
    rows: Sequence[CaseRow], column: int, headline: Callable[[CaseRow], str] | None = None
) -> list[Any]:
    """``column_key(column, headline)`` of every row, text folded once per distinct value."""
    if column == COL_APPLICANT:  # applicant_name, without a property call per row
        raw: list[str | None] = list(map(_full_name, map(_FAMILY, rows), map(_GIVEN, rows)))
    elif column in _TEXT_COLUMNS:
        raw = list(map(_TEXT_COLUMNS[column], rows))
    else:
        return list(map(column_key(column, headline), rows))
    if column in NEAR_UNIQUE:
        return [text.casefold() if text else None for text in raw]
    distinct = {text for text in set(raw) if text}
    folded: dict[str | None, str] = dict(zip(distinct, map(str.casefold, distinct), strict=True))
    return list(map(folded.get, raw))


_FAMILY = attrgetter("family_name")
_GIVEN = attrgetter("given_name")


def _full_name(family: str | None, given: str | None) -> str:
    return f"{family} {given}" if family and given else family or given or ""


def column_ranks(values: Sequence[Any], *, unique: bool = False) -> tuple[list[int], array[int]]:
    """The rows in ascending order of ``values`` (stable; None, blank, last), and each row's
    rank: its value's place among the distinct values, -1 for None.

    Equal values share a rank, so sorting by ranks orders rows exactly as sorting by the values
    would, ties included. ``unique``: the values are (nearly) all different, so rows are sorted
    by value directly instead of placing the distinct values first."""
    count = len(values)
    if not unique:
        distinct = set(values)
        distinct.discard(None)
        place = dict(zip(sorted(distinct), range(len(distinct)), strict=True))
        ranks = array("i", map(place.get, values, repeat(-1)))
        return rank_order(ranks, False), ranks
    order = list(compress(range(count), map(is_not, values, repeat(None))))
    order.sort(key=values.__getitem__)
    ranks = array("i", [-1]) * count
    rank, previous = -1, _NOTHING
    for index in order:
        value = values[index]
        if value != previous:
            rank += 1
            previous = value
        ranks[index] = rank
    order.extend(compress(range(count), map(is_, values, repeat(None))))
    return order, ranks


_NOTHING = object()


def rank_order(ranks: Sequence[int], descending: bool) -> list[int]:
    """Row indices sorted by rank, blanks (-1) last in both directions; the sort is stable, so
    ties keep the rows' order (urgency, when ``ranks`` follow the urgency order)."""
    count = len(ranks)
    order = list(compress(range(count), map(partial(ne, -1), ranks)))
    order.sort(key=ranks.__getitem__, reverse=descending)
    if len(order) < count:
        order.extend(compress(range(count), map(partial(eq, -1), ranks)))
    return order


def insertion_index(
    rows: Sequence[CaseRow],
    row: CaseRow,
    column: int,
    descending: bool,
    key: Key,
    *,
    skip: int | None = None,
) -> int:
    """Where ``row`` belongs in ``rows`` (sorted as :func:`ordered` sorts), ignoring the row at
    index ``skip``; the index is into ``rows`` without that row."""
    count = len(rows) - (1 if skip is not None else 0)

    def at(index: int) -> CaseRow:
        return rows[index + 1] if skip is not None and index >= skip else rows[index]

    if column == COL_LEVEL:
        mine = urgency_key(row)

        def before(other: CaseRow) -> bool:
            theirs = urgency_key(other)
            return mine > theirs if descending else mine < theirs

    else:
        value, urgency = key(row), urgency_key(row)

        def before(other: CaseRow) -> bool:
            other_value = key(other)
            if value != other_value:
                if value is None:
                    return False
                if other_value is None:
                    return True
                return bool(value > other_value if descending else value < other_value)
            return urgency < urgency_key(other)

    low, high = 0, count
    while low < high:
        middle = (low + high) // 2
        if before(at(middle)):
            high = middle
        else:
            low = middle + 1
    return low
