"""A case's fees: fee lines, payments received, the invoices and receipts issued for it.

Fee lines of a case whose ledger year is closed are read-only (a correction goes in the ledger);
payments can still be received. Invoices and receipts are numbered from counters
(``invoice:<year>``, ``receipt:<year>``) like the 受託番号, and every one issued is recorded with
the date until which its copy must be kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coetracker.domain.ledger import (
    TAX_RATES,
    FeeLine,
    InvoiceTotals,
    LineKind,
    PaymentState,
    invoice_totals,
    payment_state,
)
from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message
from coetracker.services.audit import record_changes, record_create, record_delete
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.ledger import (
    INVOICE_KEEP_YEARS,
    RECEIPT_KEEP_YEARS,
    add_years,
    next_number,
    refuse_if_closed,
)
from coetracker.storage.engine import Database
from coetracker.storage.models import Case, IssuedDocument, LedgerEntry, Payment
from coetracker.storage.models import FeeLine as FeeLineRow

INVOICE = "invoice"
RECEIPT = "receipt"
_PREFIX = {INVOICE: "INV", RECEIPT: "RCP"}


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """A payment received."""

    paid_on: dt.date
    amount: int
    method: str | None = None
    id: int | None = None  # set on stored payments


@dataclass(frozen=True, slots=True)
class CaseFees:
    """A case's fee lines, payments, totals and payment state."""

    case_id: int
    lines: tuple[FeeLine, ...]
    payments: tuple[PaymentRecord, ...]
    totals: InvoiceTotals
    paid: int
    state: PaymentState

    @property
    def outstanding(self) -> int:
        """What is still to be received."""
        return max(0, self.totals.total - self.paid)


def _problem(text: str) -> Message:
    return message("Ledger", text)


def check_lines(lines: Sequence[FeeLine]) -> None:
    """Refuse negative amounts, unknown rates and lines without a description."""
    for line in lines:
        if line.amount < 0:
            raise ValidationError(
                {"amount": _problem(QT_TRANSLATE_NOOP("Ledger", "An amount cannot be negative."))}
            )
        if line.kind is not LineKind.ADVANCE and line.tax_rate not in TAX_RATES:
            raise ValidationError(
                {
                    "tax_rate": _problem(
                        QT_TRANSLATE_NOOP("Ledger", "The tax rate must be 10 %, 8 % or 0 %.")
                    )
                }
            )
        if not line.description.strip():
            raise ValidationError(
                {
                    "description": _problem(
                        QT_TRANSLATE_NOOP("Ledger", "Every fee line needs a description.")
                    )
                }
            )


def _entry_year(session: Session, case_id: int) -> int | None:
    return session.scalar(select(LedgerEntry.ledger_year).where(LedgerEntry.case_id == case_id))


def set_fee_lines_in(
    session: Session, case_id: int, lines: Sequence[FeeLine], *, actor: str | None
) -> None:
    """Replace the case's fee lines (refused when its ledger year is closed)."""
    if session.get(Case, case_id) is None:
        raise NotFoundError("case", case_id)
    check_lines(lines)
    year = _entry_year(session, case_id)
    if year is not None:
        refuse_if_closed(session, year)
    old = list(session.scalars(select(FeeLineRow).where(FeeLineRow.case_id == case_id)))
    before = {"fees": _describe(old)}
    for row in old:
        session.delete(row)
    new = [
        FeeLineRow(
            case_id=case_id,
            kind=line.kind.value,
            description=line.description.strip(),
            amount=line.amount,
            tax_rate=0 if line.kind is LineKind.ADVANCE else line.tax_rate,
        )
        for line in lines
    ]
    session.add_all(new)
    session.flush()
    record_changes(
        session,
        actor=actor,
        entity="case",
        entity_id=case_id,
        case_id=case_id,
        before=before,
        after={"fees": _describe(new)},
    )


def _describe(rows: Sequence[FeeLineRow]) -> str | None:
    if not rows:
        return None
    return "; ".join(f"{row.description} {row.amount} ({row.tax_rate}%)" for row in rows)


def set_fee_lines(
    db: Database, case_id: int, lines: Sequence[FeeLine], *, actor: str | None
) -> None:
    """:func:`set_fee_lines_in` in its own write transaction."""
    with db.write_session() as session:
        set_fee_lines_in(session, case_id, lines, actor=actor)


def add_payment_in(
    session: Session, case_id: int, payment: PaymentRecord, *, actor: str | None
) -> int:
    """Record a payment received; return its id."""
    if payment.amount <= 0:
        raise ValidationError(
            {"amount": _problem(QT_TRANSLATE_NOOP("Ledger", "A payment must be more than ¥0."))}
        )
    if session.get(Case, case_id) is None:
        raise NotFoundError("case", case_id)
    row = Payment(
        case_id=case_id, paid_on=payment.paid_on, amount=payment.amount, method=payment.method
    )
    session.add(row)
    session.flush()
    record_create(session, actor=actor, entity="payment", entity_id=row.id, case_id=case_id)
    return row.id


def add_payment(db: Database, case_id: int, payment: PaymentRecord, *, actor: str | None) -> int:
    """:func:`add_payment_in` in its own write transaction."""
    with db.write_session() as session:
        return add_payment_in(session, case_id, payment, actor=actor)


def delete_payment(db: Database, case_id: int, payment_id: int, *, actor: str | None) -> None:
    """Remove a payment recorded by mistake (kept in the history); refused once the case's
    ledger year is closed, whose received amounts are then corrected in the ledger."""
    with db.write_session() as session:
        row = session.get(Payment, payment_id)
        if row is None or row.case_id != case_id:
            raise NotFoundError("payment", payment_id)
        year = _entry_year(session, case_id)
        if year is not None:
            refuse_if_closed(session, year)
        summary = f"{row.paid_on.isoformat()} {row.amount} {row.method or ''}".strip()
        session.delete(row)
        record_delete(
            session,
            actor=actor,
            entity="payment",
            entity_id=payment_id,
            case_id=case_id,
            summary=summary,
        )


def fees_in(session: Session, case_id: int) -> CaseFees:
    """A case's fee lines, payments, totals and state."""
    lines = tuple(
        FeeLine(LineKind(row.kind), row.description, row.amount, row.tax_rate)
        for row in session.scalars(
            select(FeeLineRow).where(FeeLineRow.case_id == case_id).order_by(FeeLineRow.id)
        )
    )
    payments = tuple(
        PaymentRecord(row.paid_on, row.amount, row.method, row.id)
        for row in session.scalars(
            select(Payment).where(Payment.case_id == case_id).order_by(Payment.paid_on, Payment.id)
        )
    )
    totals = invoice_totals(lines)
    paid = sum(item.amount for item in payments)
    return CaseFees(case_id, lines, payments, totals, paid, payment_state(totals.total, paid))


def case_fees(db: Database, case_id: int) -> CaseFees:
    """:func:`fees_in` in a read transaction."""
    with db.read_session() as session:
        return fees_in(session, case_id)


def _paid_by_case(session: Session) -> dict[int, int]:
    return {
        int(case_id): int(amount or 0)
        for case_id, amount in session.execute(
            select(Payment.case_id, func.sum(Payment.amount)).group_by(Payment.case_id)
        )
    }


def payment_states(session: Session) -> dict[int, PaymentState]:
    """Case id → payment state, for every case with fee lines (one pass over two tables)."""
    lines: dict[int, list[FeeLine]] = {}
    for row in session.scalars(select(FeeLineRow)):
        lines.setdefault(row.case_id, []).append(
            FeeLine(LineKind(row.kind), row.description, row.amount, row.tax_rate)
        )
    paid = _paid_by_case(session)
    return {
        case_id: payment_state(invoice_totals(items).total, int(paid.get(case_id) or 0))
        for case_id, items in lines.items()
    }


def outstanding_by_case(session: Session) -> dict[int, int]:
    """Case id → amount still to be received, for every unpaid or part-paid case."""
    lines: dict[int, list[FeeLine]] = {}
    for row in session.scalars(select(FeeLineRow)):
        lines.setdefault(row.case_id, []).append(
            FeeLine(LineKind(row.kind), row.description, row.amount, row.tax_rate)
        )
    paid = _paid_by_case(session)
    owed = {
        case_id: invoice_totals(items).total - paid.get(case_id, 0)
        for case_id, items in lines.items()
    }
    return {case_id: amount for case_id, amount in owed.items() if amount > 0}


def unpaid_case_ids(db: Database) -> set[int]:
    """Cases with an amount still to be received (unpaid or part paid)."""
    with db.read_session() as session:
        return set(outstanding_by_case(session))


def outstanding(db: Database) -> dict[int, int]:
    """:func:`outstanding_by_case` in a read transaction."""
    with db.read_session() as session:
        return outstanding_by_case(session)


@dataclass(frozen=True, slots=True)
class IssuedRecord:
    """An invoice or receipt issued: its number, date and amount."""

    kind: str
    number: str
    issued_on: dt.date
    amount: int


def issue_document(
    db: Database, case_id: int, kind: str, *, issued_on: dt.date, amount: int, actor: str | None
) -> IssuedRecord:
    """Number and record an invoice or a receipt for ``amount`` yen."""
    if kind not in _PREFIX:
        raise ValueError(f"unknown document kind: {kind}")
    keep = RECEIPT_KEEP_YEARS if kind == RECEIPT else INVOICE_KEEP_YEARS
    with db.write_session() as session:
        if session.get(Case, case_id) is None:
            raise NotFoundError("case", case_id)
        seq = next_number(session, f"{kind}:{issued_on.year}")
        number = f"{_PREFIX[kind]}-{issued_on.year}-{seq:04d}"
        row = IssuedDocument(
            kind=kind,
            number=number,
            case_id=case_id,
            issued_on=issued_on,
            amount=amount,
            keep_until=add_years(issued_on, keep),
        )
        session.add(row)
        session.flush()
        record_create(session, actor=actor, entity=kind, entity_id=row.id, case_id=case_id)
        return IssuedRecord(kind, number, issued_on, amount)
