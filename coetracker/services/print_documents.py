"""What a printed document needs from the database, read in one call.

The printing package renders plain values; these functions read them: the office details from
Settings and, for a case summary or call sheet, the case as assessed on a day. They run on any
thread (the window builds documents in the background) and return immutable values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coetracker.services.cases import get_case
from coetracker.services.records import CaseDetail
from coetracker.services.settings import OfficeDetails, office_of
from coetracker.storage.engine import Database

__all__ = ["CaseForPrint", "case_for_print", "office_of"]


@dataclass(frozen=True, slots=True)
class CaseForPrint:
    """One case and the office that prints it, as of ``today``."""

    case: CaseDetail
    office: OfficeDetails
    today: dt.date


def case_for_print(db: Database, case_id: int, *, today: dt.date) -> CaseForPrint:
    """The case ``case_id`` assessed on ``today``, with the office details."""
    return CaseForPrint(get_case(db, case_id, today=today), office_of(db), today)
