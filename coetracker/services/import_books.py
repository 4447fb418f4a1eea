"""Importing the books' columns of a case list: 受託日, 報酬額, 依頼者住所, 入金日, 入金額.

What an export writes (:data:`~coetracker.io.csv_columns.BOOK_COLUMNS`) comes back as it was:

* 受託日 enters the case in the 事件簿 on that date, keeping the 受託番号 the file gives (a case
  without one is numbered as on acceptance in the window);
* 報酬額 becomes one fee line (報酬, excluding tax, at the default rate);
* 入金日 and 入金額 together become one payment (an export writes the latest date and the sum);
* 依頼者住所 is stored as the client company's address when it has none yet.

Nothing already in the books is replaced or added twice: a case already in the ledger, with fee
lines or with payments keeps them (importing the same file again changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.ledger import FeeLine, LineKind
from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.io.csv_read import ImportRecord, Problem
from coetracker.services.fees import PaymentRecord, add_payment_in, set_fee_lines_in
from coetracker.services.ledger import accept_case_in
from coetracker.services.rows import apply_values
from coetracker.storage.models import Case, LedgerEntry, Payment
from coetracker.storage.models import FeeLine as FeeLineRow

__all__ = ["FEE_DESCRIPTION", "book_problems", "has_books", "write_books"]

FEE_DESCRIPTION = "報酬"
"""The description of the fee line an imported 報酬額 becomes."""

_PAYMENT_HALF = QT_TRANSLATE_NOOP(
    "Csv", "A payment needs both 入金日 (the date) and 入金額 (the amount); this row gives one."
)
_NOT_POSITIVE = QT_TRANSLATE_NOOP("Csv", "A payment must be more than ¥0.")


def has_books(record: ImportRecord) -> bool:
    """Whether the row gives anything for the books."""
    return (
        record.accepted_on is not None
        or record.fee is not None
        or record.paid_on is not None
        or record.paid_amount is not None
        or bool(record.client_address.strip())
    )


def book_problems(record: ImportRecord, header: Callable[[str], str]) -> list[Problem]:
    """What is wrong with the row's books columns, before anything is written."""
    problems: list[Problem] = []
    if (record.paid_on is None) != (record.paid_amount is None):
        key = "paid_amount" if record.paid_amount is None else "paid_on"
        problems.append(Problem(record.row, header(key), message("Csv", _PAYMENT_HALF)))
    elif record.paid_amount is not None and record.paid_amount <= 0:
        problems.append(Problem(record.row, header("paid_amount"), message("Csv", _NOT_POSITIVE)))
    return problems


def write_books(session: Session, case_id: int, record: ImportRecord, *, actor: str | None) -> None:
    """Put the row's books columns into the case's books (see the module rules)."""
    if record.client_address.strip():
        organization = session.get_one(Case, case_id).organization
        # a family case without a client company keeps its 代理人's address in the case
        if organization is not None and not (
            organization.address or organization.postal_code or organization.prefecture
        ):
            apply_values(
                session,
                organization,
                {"address": record.client_address.strip()},
                actor=actor,
                entity="organization",
                case_id=case_id,
            )
    if record.accepted_on is not None and not _exists(session, LedgerEntry, case_id):
        accept_case_in(
            session, case_id, accepted_on=record.accepted_on, actor=actor, keep_reference=True
        )
    if record.fee is not None and not _exists(session, FeeLineRow, case_id):
        line = FeeLine(LineKind.FEE, FEE_DESCRIPTION, record.fee)
        set_fee_lines_in(session, case_id, [line], actor=actor)
    if (
        record.paid_on is not None
        and record.paid_amount is not None
        and not _exists(session, Payment, case_id)
    ):
        add_payment_in(
            session, case_id, PaymentRecord(record.paid_on, record.paid_amount), actor=actor
        )


def _exists(
    session: Session, model: type[LedgerEntry | FeeLineRow | Payment], case_id: int
) -> bool:
    return session.scalar(select(model.id).where(model.case_id == case_id).limit(1)) is not None
