"""The case summary, call sheet and case list from values already read.

:func:`coetracker.services.print_documents.case_for_print` and ``office_of`` read what these
need; the builders in :mod:`coetracker.printing.html` do the escaping. ``printed_at`` defaults to
the local time now; tests pass a fixed one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from coetracker.domain.messages import DateFormatter, iso_date
from coetracker.printing import html
from coetracker.printing.html import PrintDocument
from coetracker.services.print_documents import CaseForPrint
from coetracker.services.records import CaseRow
from coetracker.services.settings import OfficeDetails

__all__ = ["call_sheet_for", "case_list_for", "case_summary_for"]

CaseBuilder = Callable[..., PrintDocument]


def _now(printed_at: dt.datetime | None) -> dt.datetime:
    return printed_at if printed_at is not None else dt.datetime.now().replace(microsecond=0)


def case_summary_for(
    source: CaseForPrint,
    *,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
    show_passport: bool = False,
) -> PrintDocument:
    """The case summary of the case read into ``source``."""
    return html.case_summary(
        source.case,
        source.office,
        today=source.today,
        printed_at=_now(printed_at),
        format_date=format_date,
        show_passport=show_passport,
    )


def call_sheet_for(
    source: CaseForPrint,
    *,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
    show_passport: bool = False,
) -> PrintDocument:
    """The call sheet of the case read into ``source``."""
    return html.call_sheet(
        source.case,
        source.office,
        today=source.today,
        printed_at=_now(printed_at),
        format_date=format_date,
        show_passport=show_passport,
    )


def case_list_for(
    rows: Sequence[CaseRow],
    office: OfficeDetails,
    *,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
    title: str | None = None,
) -> PrintDocument:
    """The case list of ``rows`` (as the caller shows them: filtered, sorted)."""
    return html.case_list(
        rows, office, printed_at=_now(printed_at), format_date=format_date, title=title
    )
