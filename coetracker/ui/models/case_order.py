"""The orders of the case list: urgency (the default), and the user's choice of column.

Every order breaks ties by urgency, so equal values list the most urgent case first; blank
values go last whichever direction is chosen (they are neither small nor large). Sorting 100,000
rows is a Python ``list.sort`` with a cheap key (tens of milliseconds); after an edit one row is
moved to its place by binary search instead of sorting again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from coetracker.domain.model import FILED_STAGES, Level, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services.records import CaseRow, row_urgency

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


def column_key(column: int, headline: Callable[[CaseRow], str] | None = None) -> Key:
    """A sort key for ``column``: native values, text case-folded, None for blank."""
    if column == COL_REFERENCE:
        return _folded(attrgetter("reference"))
    if column == COL_APPLICANT:
        return _folded(lambda row: row.applicant_name)
    if column == COL_CLIENT:
        return _folded(attrgetter("client"))
    if column == COL_STATUS:
        return _folded(attrgetter("status_name"))
    if column == COL_BUREAU:
        return _folded(attrgetter("bureau_name"))
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
    if column == COL_ASSIGNEE:
        return _folded(attrgetter("assignee"))
    if column == COL_PROCEDURE:
        return lambda row: _PROCEDURE_ORDER[row.procedure]
    return lambda row: row.assessment.level


def ordered(base: Sequence[CaseRow], column: int, descending: bool, key: Key) -> list[CaseRow]:
    """``base`` (in urgency order) sorted by ``column``; ties keep the urgency order."""
    if column == COL_LEVEL:
        return list(reversed(base)) if descending else list(base)
    keyed = [(key(row), row) for row in base]
    present = [pair for pair in keyed if pair[0] is not None]
    missing = [row for value, row in keyed if value is None]
    present.sort(key=lambda pair: pair[0], reverse=descending)  # stable in both directions
    return [row for _value, row in present] + missing


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
