"""Documents straight from the database: what the GUI's print actions and the CLI call.

Each function reads what it needs through the services (the case with its assessment, the office
details from Settings) and hands plain values to the builders in :mod:`coetracker.printing.html`.
``printed_at`` defaults to the local time now; tests pass a fixed one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from coetracker.domain.messages import DateFormatter, iso_date
from coetracker.printing import html
from coetracker.printing.html import PrintDocument
from coetracker.services.cases import get_case
from coetracker.services.records import CaseRow
from coetracker.services.settings import OfficeDetails, load_office
from coetracker.storage.engine import Database

__all__ = ["call_sheet_for", "case_list_for", "case_summary_for", "office_of"]


def office_of(db: Database) -> OfficeDetails:
    """The office details in Settings (blank fields when never set)."""
    with db.read_session() as session:
        return load_office(session)


def _now(printed_at: dt.datetime | None) -> dt.datetime:
    return printed_at if printed_at is not None else dt.datetime.now().replace(microsecond=0)


def _case_document(
    build: Callable[..., PrintDocument],
    db: Database,
    case_id: int,
    *,
    today: dt.date,
    printed_at: dt.datetime | None,
    format_date: DateFormatter,
    show_passport: bool,
) -> PrintDocument:
    return build(
        get_case(db, case_id, today=today),
        office_of(db),
        today=today,
        printed_at=_now(printed_at),
        format_date=format_date,
        show_passport=show_passport,
    )


def case_summary_for(
    db: Database,
    case_id: int,
    *,
    today: dt.date,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
    show_passport: bool = False,
) -> PrintDocument:
    """The case summary of ``case_id`` as assessed on ``today``."""
    return _case_document(
        html.case_summary,
        db,
        case_id,
        today=today,
        printed_at=printed_at,
        format_date=format_date,
        show_passport=show_passport,
    )


def call_sheet_for(
    db: Database,
    case_id: int,
    *,
    today: dt.date,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
    show_passport: bool = False,
) -> PrintDocument:
    """The call sheet of ``case_id`` as of ``today``."""
    return _case_document(
        html.call_sheet,
        db,
        case_id,
        today=today,
        printed_at=printed_at,
        format_date=format_date,
        show_passport=show_passport,
    )


def case_list_for(
    db: Database,
    rows: Sequence[CaseRow],
    *,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
    title: str | None = None,
) -> PrintDocument:
    """The case list of ``rows`` (as the caller shows them: filtered, sorted)."""
    return html.case_list(
        rows,
        office_of(db),
        printed_at=_now(printed_at),
        format_date=format_date,
        title=title,
    )
