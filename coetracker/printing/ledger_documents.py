"""The ledger, invoices and receipts straight from the database (for the CLI and the GUI).

Issuing an invoice or a receipt takes its number and records it (the copy's keep-until date);
printing the ledger only reads.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from coetracker.domain.ledger import default_matter_name
from coetracker.domain.messages import QT_TRANSLATE_NOOP, DateFormatter, iso_date, message
from coetracker.printing import ledger_html
from coetracker.printing.html import PrintDocument
from coetracker.printing.ledger_html import IssuerDetails
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.fees import INVOICE, RECEIPT, fees_in, issue_document
from coetracker.services.ledger import load_ledger_settings
from coetracker.services.ledger_book import Client, client_of, completed_on, ledger_book
from coetracker.services.settings import load_office
from coetracker.storage.engine import Database
from coetracker.storage.models import Case, LedgerEntry

__all__ = ["invoice_for", "ledger_for", "receipt_for"]


def _now(printed_at: dt.datetime | None) -> dt.datetime:
    return printed_at if printed_at is not None else dt.datetime.now().replace(microsecond=0)


def ledger_for(
    db: Database,
    year: int,
    *,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """The 事件簿 of ``year``."""
    with db.read_session() as session:
        office = load_office(session)
    return ledger_html.ledger(
        ledger_book(db, year), office, printed_at=_now(printed_at), format_date=format_date
    )


def _case_facts(db: Database, case_id: int) -> tuple[IssuerDetails, Client, str, dt.date | None]:
    with db.read_session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError("case", case_id)
        settings = load_ledger_settings(session)
        issuer = IssuerDetails(load_office(session), settings.form, settings.registration_number)
        entry = session.scalar(select(LedgerEntry).where(LedgerEntry.case_id == case_id))
        done = completed_on(case, entry) if entry is not None else None
        if entry is not None:
            matter = entry.matter_name
        else:
            status = case.residence_status
            matter = default_matter_name(status.name_ja if status is not None else None)
        if case.reference:
            matter = f"{matter} [{case.reference}]"
        return issuer, client_of(case), matter, done


def invoice_for(
    db: Database,
    case_id: int,
    *,
    issued_on: dt.date,
    actor: str | None,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """Issue (number and record) and build the invoice of a case's fee lines."""
    issuer, client, matter, done = _case_facts(db, case_id)
    with db.read_session() as session:
        fees = fees_in(session, case_id)
    if not fees.lines:
        raise ValidationError(
            {
                "fees": message(
                    "Ledger",
                    QT_TRANSLATE_NOOP("Ledger", "This case has no fee lines to invoice yet."),
                )
            }
        )
    issued = issue_document(
        db, case_id, INVOICE, issued_on=issued_on, amount=fees.totals.total, actor=actor
    )
    return ledger_html.invoice(
        issued.number,
        issued_on,
        client,
        matter,
        fees.lines,
        fees.totals,
        issuer,
        transaction_on=done or issued_on,
        printed_at=_now(printed_at),
        format_date=format_date,
    )


def receipt_for(
    db: Database,
    case_id: int,
    *,
    issued_on: dt.date,
    amount: int | None,
    actor: str | None,
    printed_at: dt.datetime | None = None,
    format_date: DateFormatter = iso_date,
) -> PrintDocument:
    """Issue and build a receipt for ``amount`` (default: everything received so far)."""
    issuer, client, matter, _done = _case_facts(db, case_id)
    with db.read_session() as session:
        fees = fees_in(session, case_id)
    received = fees.paid if amount is None else amount
    if received <= 0:
        raise ValidationError(
            {
                "amount": message(
                    "Ledger",
                    QT_TRANSLATE_NOOP(
                        "Ledger", "Nothing has been received for this case: no receipt to issue."
                    ),
                )
            }
        )
    issued = issue_document(db, case_id, RECEIPT, issued_on=issued_on, amount=received, actor=actor)
    return ledger_html.receipt(
        issued.number,
        issued_on,
        client,
        matter,
        received,
        fees.totals,
        issuer,
        printed_at=_now(printed_at),
        format_date=format_date,
    )
