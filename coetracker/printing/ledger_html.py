"""The office's books on paper: the 事件簿 (A4 landscape), invoices (請求書) and receipts (領収証).

Builders take plain values and return a :class:`~coetracker.printing.html.PrintDocument`, like
the other documents in :mod:`coetracker.printing.html`, with every value escaped.

- The ledger lists a year's matters in 受託番号 order with the columns 行政書士法 第9条 names,
  the corrections appended to a line printed under it, and the totals; its running header carries
  the office and the scrivener's registration number (the painter adds "page n of m").
- The invoice meets the qualified invoice rules: issuer and 登録番号, date, client, items with
  their tax rate, per rate the sum and the tax (rounded once), totals, 立替金 apart.
- A receipt shows a box for the revenue stamp only when the office is a 行政書士法人 and the amount
  is ¥50,000 or more (without the consumption tax when the receipt states it apart).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from coetracker.domain.ledger import (
    FeeLine,
    InvoiceTotals,
    LineKind,
    OfficeForm,
    needs_revenue_stamp,
    yen,
)
from coetracker.domain.messages import DateFormatter, iso_date
from coetracker.i18n import translate
from coetracker.printing.html import Html, PrintDocument, esc, printed_stamp
from coetracker.printing.html import _grid as grid
from coetracker.printing.html import _page as page
from coetracker.services.ledger_book import Client, LedgerBook
from coetracker.services.settings import OfficeDetails

__all__ = ["IssuerDetails", "invoice", "ledger", "receipt"]


@dataclass(frozen=True, slots=True)
class IssuerDetails:
    """The office as it issues documents: its details, form and invoice registration number."""

    office: OfficeDetails
    form: OfficeForm
    invoice_number: str  # T + 13 digits, or empty when not registered


def running_header(office: OfficeDetails) -> str:
    """Office name and the scrivener's registration number (行政書士登録番号)."""
    parts = [office.office_name, office.scrivener_name]
    if office.registration_number:
        parts.append(
            translate("Printing", "Registration No. {number}").format(
                number=office.registration_number
            )
        )
    return "  ".join(part for part in parts if part)


def _right(text: str) -> Html:
    return Html(f'<p align="right">{esc(text)}</p>')


def ledger(
    book: LedgerBook,
    office: OfficeDetails,
    *,
    printed_at: dt.datetime,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """The year's 事件簿 as a landscape table with its totals."""
    title = translate("Printing", "Matter ledger {year}").format(year=book.year)
    headers = [
        translate("Printing", "Acceptance No."),
        translate("Printing", "Date accepted"),
        translate("Printing", "Matter"),
        translate("Printing", "Client name"),
        translate("Printing", "Client address"),
        translate("Printing", "Fee (excl. tax)"),
        translate("Printing", "Tax"),
        translate("Printing", "Received"),
        translate("Printing", "Date completed"),
        translate("Printing", "Remarks"),
    ]
    widths = [7, 8, 18, 12, 18, 8, 6, 7, 8, 8]
    cells: list[list[Html]] = []
    for line in book.lines:
        remarks = [esc(line.remarks)] if line.remarks else []
        for item in line.corrections:
            remarks.append(
                esc(
                    translate(
                        "Printing", "Corrected {date}: {field} {old} → {new} ({reason})"
                    ).format(
                        date=format_date(item.made_at.date()),
                        field=item.field,
                        old=item.old_value or "",
                        new=item.new_value or "",
                        reason=item.reason,
                    )
                )
            )
        cells.append(
            [
                esc(line.reference),
                esc(format_date(line.accepted_on)),
                esc(line.matter_name),
                esc(line.client.name),
                esc(line.client.address),
                Html(f'<p align="right">{esc(yen(line.fee))}</p>'),
                Html(f'<p align="right">{esc(yen(line.tax))}</p>'),
                Html(f'<p align="right">{esc(yen(line.received))}</p>'),
                esc(format_date(line.completed_on)) if line.completed_on else Html(""),
                Html("<br/>".join(remarks)),
            ]
        )
    total_label = translate("Printing", "Total ({count} matters)").format(count=len(book.lines))
    cells.append(
        [
            Html(f"<b>{esc(total_label)}</b>"),
            Html(""),
            Html(""),
            Html(""),
            Html(""),
            Html(f'<p align="right"><b>{esc(yen(book.total_fee))}</b></p>'),
            Html(f'<p align="right"><b>{esc(yen(book.total_tax))}</b></p>'),
            Html(f'<p align="right"><b>{esc(yen(book.total_received))}</b></p>'),
            Html(""),
            Html(""),
        ]
    )
    if book.closed_on is not None and book.keep_until is not None:
        state = translate("Printing", "Closed on {closed}; kept until {until}.").format(
            closed=format_date(book.closed_on), until=format_date(book.keep_until)
        )
    else:
        state = translate("Printing", "Open (not closed).")
    body = [
        Html(f"<h1>{esc(title)}</h1>"),
        Html(f'<p class="muted">{esc(state)}</p><p></p>'),
        grid(headers, cells, widths),
    ]
    return PrintDocument(
        title=title,
        html=page(body),
        landscape=True,
        header=running_header(office),
        footer=printed_stamp(printed_at, format_date),
        point_size=8.0,
    )


def _issuer_block(issuer: IssuerDetails) -> Html:
    office = issuer.office
    lines = [office.office_name, office.scrivener_name, office.address, office.phone]
    if issuer.invoice_number:
        lines.append(
            translate("Printing", "Registration number (invoice): {number}").format(
                number=issuer.invoice_number
            )
        )
    text = "<br/>".join(esc(line) for line in lines if line)
    return Html(f'<p align="right">{text}</p>')


def _addressee(name: str) -> str:
    return translate("Printing", "To: {name}").format(name=name)


def _rate_label(line: FeeLine) -> str:
    if line.kind is LineKind.ADVANCE:
        return translate("Printing", "not taxed (advance)")
    if line.tax_rate == 8:
        return translate("Printing", "8 % (reduced rate) ※")
    return f"{line.tax_rate} %"


def _items_and_totals(lines: Sequence[FeeLine], totals: InvoiceTotals) -> list[Html]:
    taxed = [line for line in lines if line.kind is not LineKind.ADVANCE]
    advances = [line for line in lines if line.kind is LineKind.ADVANCE]
    headers = [
        translate("Printing", "Item"),
        translate("Printing", "Tax rate"),
        translate("Printing", "Amount (excl. tax)"),
    ]
    widths = [60, 20, 20]

    def rows(items: Sequence[FeeLine]) -> list[list[Html]]:
        return [
            [esc(item.description), esc(_rate_label(item)), _right(yen(item.amount))]
            for item in items
        ]

    body = [grid(headers, rows(taxed), widths)]
    summary: list[list[Html]] = []
    for item in totals.by_rate:
        summary.append(
            [
                esc(
                    translate("Printing", "Subject to {rate} %: {amount}, tax {tax}").format(
                        rate=item.rate, amount=yen(item.taxable), tax=yen(item.tax)
                    )
                ),
                Html(""),
                _right(yen(item.taxable + item.tax)),
            ]
        )
    summary.append(
        [esc(translate("Printing", "Consumption tax")), Html(""), _right(yen(totals.tax))]
    )
    body.append(Html("<p></p>"))
    body.append(grid([translate("Printing", "Per tax rate"), "", ""], summary, widths))
    if advances:
        body.append(Html("<p></p>"))
        body.append(
            grid(
                [translate("Printing", "Advances (立替金, not taxed)"), "", ""],
                rows(advances),
                widths,
            )
        )
    body.append(Html("<p></p>"))
    grand_total = translate("Printing", "Total (incl. tax and advances)")
    body.append(
        grid(
            [translate("Printing", "Total"), "", ""],
            [
                [
                    Html(f"<b>{esc(grand_total)}</b>"),
                    Html(""),
                    Html(f'<p align="right" class="big">{esc(yen(totals.total))}</p>'),
                ]
            ],
            widths,
        )
    )
    if any(line.tax_rate == 8 and line.kind is not LineKind.ADVANCE for line in lines):
        reduced = translate("Printing", "※ reduced rate")
        body.append(Html(f'<p class="small">{esc(reduced)}</p>'))
    return body


def invoice(
    number: str,
    issued_on: dt.date,
    client: Client,
    matter: str,
    lines: Sequence[FeeLine],
    totals: InvoiceTotals,
    issuer: IssuerDetails,
    *,
    transaction_on: dt.date | None = None,
    printed_at: dt.datetime,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """A qualified invoice (適格請求書) on one A4 page (取引年月日: ``transaction_on``)."""
    title = translate("Printing", "Invoice")
    matter_text = translate("Printing", "Matter: {matter}").format(matter=matter)
    billed = translate("Printing", "Amount billed: {amount}").format(amount=yen(totals.total))
    transaction = translate("Printing", "Transaction date: {date}").format(
        date=format_date(transaction_on or issued_on)
    )
    body = [
        Html(f'<h1 align="center" class="huge">{esc(title)}</h1>'),
        _right(translate("Printing", "No. {number}").format(number=number)),
        _right(translate("Printing", "Date: {date}").format(date=format_date(issued_on))),
        _right(transaction),
        Html(f"<p class='big'>{esc(_addressee(client.name))}</p>"),
        Html(f"<p>{esc(client.address)}</p>"),
        _issuer_block(issuer),
        Html(f"<p>{esc(matter_text)}</p>"),
        Html(f"<p class='big'>{esc(billed)}</p><p></p>"),
        *_items_and_totals(lines, totals),
    ]
    return PrintDocument(
        title=f"{title} {number}",
        html=page(body),
        header=running_header(issuer.office),
        footer=printed_stamp(printed_at, format_date),
        point_size=10.0,
        min_scale=0.6,
    )


def receipt(
    number: str,
    issued_on: dt.date,
    client: Client,
    matter: str,
    amount: int,
    totals: InvoiceTotals,
    issuer: IssuerDetails,
    *,
    printed_at: dt.datetime,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """A receipt (領収証) for ``amount`` on one A4 page; the tax breakdown when it is the total."""
    title = translate("Printing", "Receipt")
    for_text = translate("Printing", "For: {matter}").format(matter=matter)
    thanks = translate("Printing", "Received with thanks.")
    body = [
        Html(f'<h1 align="center" class="huge">{esc(title)}</h1>'),
        _right(translate("Printing", "No. {number}").format(number=number)),
        _right(translate("Printing", "Date: {date}").format(date=format_date(issued_on))),
        Html(f"<p class='big'>{esc(_addressee(client.name))}</p>"),
        Html(f'<p align="center" class="huge">{esc(yen(amount))}-</p>'),
        Html(f"<p>{esc(for_text)}<br/>{esc(thanks)}</p><p></p>"),
    ]
    if amount == totals.total:
        rows = [
            [
                esc(
                    translate("Printing", "Subject to {rate} %: {amount}, tax {tax}").format(
                        rate=item.rate, amount=yen(item.taxable), tax=yen(item.tax)
                    )
                )
            ]
            for item in totals.by_rate
        ]
        if totals.advances:
            rows.append(
                [
                    esc(
                        translate("Printing", "Advances (立替金, not taxed): {amount}").format(
                            amount=yen(totals.advances)
                        )
                    )
                ]
            )
        body.append(grid([translate("Printing", "Breakdown")], rows, [100]))
    body.append(Html("<p></p>"))
    # With the consumption tax stated apart, stamp duty is judged on the amount without it.
    stamp_base = amount - totals.tax if amount == totals.total else amount
    if needs_revenue_stamp(issuer.form, stamp_base):
        stamp = translate("Printing", "Revenue stamp")
        body.append(
            Html(
                '<table class="grid" cellspacing="0" cellpadding="28"><tr>'
                f'<td align="center" class="muted">{esc(stamp)}</td></tr></table>'
            )
        )
    body.append(_issuer_block(issuer))
    return PrintDocument(
        title=f"{title} {number}",
        html=page(body),
        header=running_header(issuer.office),
        footer=printed_stamp(printed_at, format_date),
        point_size=10.5,
        min_scale=0.6,
    )
