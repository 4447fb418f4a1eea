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

import itertools
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from coetracker.domain.ledger import FeeLine, LineKind
from coetracker.domain.messages import QT_TRANSLATE_NOOP, message
from coetracker.io.csv_read import ImportRecord, Problem
from coetracker.services.fees import PaymentRecord, add_payment_in, set_fee_lines_in
from coetracker.services.ledger import accept_case_in
from coetracker.services.rows import apply_values
from coetracker.storage.models import FeeLine as FeeLineRow
from coetracker.storage.models import LedgerEntry, Organization, Payment

__all__ = ["FEE_DESCRIPTION", "BooksWriter", "book_problems"]

FEE_DESCRIPTION = "報酬"
"""The description of the fee line an imported 報酬額 becomes."""

_PAYMENT_HALF = QT_TRANSLATE_NOOP(
    "Csv", "A payment needs both 入金日 (the date) and 入金額 (the amount); this row gives one."
)
_NOT_POSITIVE = QT_TRANSLATE_NOOP("Csv", "A payment must be more than ¥0.")
_LOAD_CHUNK = 500
"""Rows looked ahead at once: the clients whose address they set are loaded by one query."""


def book_problems(record: ImportRecord, header: Callable[[str], str]) -> list[Problem]:
    """What is wrong with the row's books columns, before anything is written."""
    problems: list[Problem] = []
    if (record.paid_on is None) != (record.paid_amount is None):
        key = "paid_amount" if record.paid_amount is None else "paid_on"
        problems.append(Problem(record.row, header(key), message("Csv", _PAYMENT_HALF)))
    elif record.paid_amount is not None and record.paid_amount <= 0:
        problems.append(Problem(record.row, header("paid_amount"), message("Csv", _NOT_POSITIVE)))
    return problems


class BooksWriter:
    """Puts rows' books columns into their cases' books (see the module rules), inside the
    import's write transaction, after the bulk writer has written the cases.

    ``new_cases`` are the cases the import created: they have no ledger entry, fee line or
    payment yet, so they are not looked up. Whether a client has an address is read once for
    all clients and kept current (only this writer sets one during an import), so a file that
    repeats a client's address costs one update, not a query per row.
    """

    def __init__(self, session: Session, *, actor: str | None, new_cases: set[int]) -> None:
        self.session = session
        self.actor = actor
        self.new_cases = new_cases
        self._addressed: dict[int, bool] | None = None
        self._clients: list[Organization] = []

    def _has_address(self, organization_id: int) -> bool:
        if self._addressed is None:
            query = select(
                Organization.id,
                Organization.address,
                Organization.postal_code,
                Organization.prefecture,
            )
            self._addressed = {
                row_id: bool(address or postal_code or prefecture)
                for row_id, address, postal_code, prefecture in self.session.execute(query)
            }
        return self._addressed.get(organization_id, False)

    def _load_clients(self, ids: set[int]) -> None:
        """The clients whose address the rows set, loaded in a few queries rather than one per
        client (kept here: the session holds its rows only while something else does)."""
        if ids:
            query = select(Organization).where(Organization.id.in_(sorted(ids)))
            self._clients.extend(self.session.scalars(query))

    def write_all(
        self,
        rows: Iterable[tuple[int, int | None, ImportRecord]],
        after_each: Callable[[], None] | None = None,
    ) -> None:
        """:meth:`write` for each (case, client, record) in turn, ``after_each()`` after each
        row that wrote something. A row whose only books value is an address its client already
        has (the usual row of a file that repeats its clients' addresses) is passed over here,
        as :meth:`write` would pass it over."""
        addressed = self._has_address
        rows = iter(rows)
        while part := list(itertools.islice(rows, _LOAD_CHUNK)):
            self._load_clients(
                {
                    organization_id
                    for _case, organization_id, record in part
                    if organization_id is not None
                    and record.client_address.strip()
                    and not addressed(organization_id)
                }
            )
            self._write_part(part, after_each)

    def _write_part(
        self,
        rows: list[tuple[int, int | None, ImportRecord]],
        after_each: Callable[[], None] | None,
    ) -> None:
        addressed = self._has_address
        for case_id, organization_id, record in rows:
            if (
                record.accepted_on is None
                and record.fee is None
                and record.paid_on is None
                and (
                    organization_id is None
                    or not record.client_address
                    or addressed(organization_id)
                )
            ):
                continue
            if self.write(case_id, organization_id, record) and after_each is not None:
                after_each()
        # The clients' addresses set above, written together: one flush for the part rather
        # than one a row (a unit of work each, about a millisecond).
        self.session.flush()

    def write(self, case_id: int, organization_id: int | None, record: ImportRecord) -> bool:
        """The row's books columns into the books of ``case_id`` (whose client is
        ``organization_id``, None for a family case without a client company, which keeps its
        代理人's address in the case); False when nothing needed writing."""
        session, actor = self.session, self.actor
        address = record.client_address.strip()
        new = case_id in self.new_cases
        address_wanted = (
            bool(address) and organization_id is not None and not self._has_address(organization_id)
        )
        if (
            record.accepted_on is None
            and record.fee is None
            and record.paid_on is None
            and not address_wanted
        ):
            return False
        if address_wanted:
            assert organization_id is not None
            apply_values(
                session,
                session.get_one(Organization, organization_id),
                {"address": address},
                actor=actor,
                entity="organization",
                case_id=case_id,
                flush=False,  # written with the others at the session's next flush
            )
            if self._addressed is not None:
                self._addressed[organization_id] = True
        if record.accepted_on is not None and (new or not _exists(session, LedgerEntry, case_id)):
            accept_case_in(
                session, case_id, accepted_on=record.accepted_on, actor=actor, keep_reference=True
            )
        if record.fee is not None and (new or not _exists(session, FeeLineRow, case_id)):
            line = FeeLine(LineKind.FEE, FEE_DESCRIPTION, record.fee)
            set_fee_lines_in(session, case_id, [line], actor=actor)
        if (
            record.paid_on is not None
            and record.paid_amount is not None
            and (new or not _exists(session, Payment, case_id))
        ):
            add_payment_in(
                session, case_id, PaymentRecord(record.paid_on, record.paid_amount), actor=actor
            )
        return True


def _exists(
    session: Session, model: type[LedgerEntry | FeeLineRow | Payment], case_id: int
) -> bool:
    return session.scalar(select(model.id).where(model.case_id == case_id).limit(1)) is not None
