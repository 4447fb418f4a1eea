"""The printable list of residence cards expiring soon, for one client's HR (or for every client):
one line a person, earliest expiry first, card numbers masked. Built from escaped values only,
like every printed document (:mod:`coetracker.printing.html`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from coetracker.domain.messages import DateFormatter, iso_date
from coetracker.i18n import translate
from coetracker.printing.html import (
    Html,
    PrintDocument,
    _date,
    _grid,
    _none_line,
    _page,
    esc,
    printed_stamp,
)
from coetracker.services.cards import ExpiryRow, mask_card_number, renewal_state
from coetracker.services.settings import OfficeDetails

__all__ = ["expiry_list"]


def expiry_list(
    rows: Sequence[ExpiryRow],
    office: OfficeDetails,
    *,
    today: dt.date,
    printed_at: dt.datetime,
    client: str | None = None,
    until: dt.date | None = None,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """The rows (already sorted by expiry) as an A4 table, titled with the client's name."""
    title = translate("Printing", "Residence cards expiring")
    heading = f"{title} — {client}" if client else title
    count = translate("Printing", "People: {count}").format(count=len(rows))
    body: list[Html] = [
        Html(f"<h1>{esc(heading)} <span class='muted small'>{esc(count)}</span></h1>")
    ]
    if until is not None:
        body.append(
            _none_line(
                translate("Printing", "Cards expiring on or before {date}, as of {today}.").format(
                    date=format_date(until), today=format_date(today)
                )
            )
        )
    cells: list[list[Html]] = []
    for row in rows:
        name = esc(row.applicant_name)
        if row.name_kanji:
            name = Html(f"{name}<br/>{esc(row.name_kanji)}")
        days = row.days_left(today)
        cells.append(
            [
                Html(f"<b>{_date(row.expiry_date, format_date)}</b>"),
                esc(days),
                name,
                esc(row.client),
                esc(row.status_name),
                esc(mask_card_number(row.card_number)),
                esc(renewal_state(row, today).render(translate, format_date)),
            ]
        )
    if cells:
        body.append(
            _grid(
                [
                    translate("Printing", "Expiry (在留期限)"),
                    translate("Printing", "Days left"),
                    translate("Printing", "Name"),
                    translate("Printing", "Client"),
                    translate("Printing", "Status of residence"),
                    translate("Printing", "Card no."),
                    translate("Printing", "Renewal"),
                ],
                cells,
                [13, 6, 20, 17, 16, 12, 16],
            )
        )
    else:
        body.append(_none_line(translate("Printing", "No residence card expires in this period.")))
    return PrintDocument(
        title=heading,
        html=_page(body),
        header=office.office_name,
        footer=printed_stamp(printed_at, format_date),
        point_size=9.0,
    )
