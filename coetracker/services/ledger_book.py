"""Reading a year's 事件簿: its lines in 受託番号 order, their corrections, and the totals.

The columns are those 行政書士法 第9条 names — 事件の名称, 年月日 (受託日), 受けた報酬の額,
依頼者の住所氏名 — plus 受託番号, 完了年月日 and 備考. Totals are the sums of the lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, joinedload

from coetracker.domain.jurisdiction import is_family_status
from coetracker.domain.ledger import LineKind
from coetracker.domain.model import Stage
from coetracker.services.fees import fees_in
from coetracker.services.ledger import closing_of
from coetracker.storage.engine import Database
from coetracker.storage.models import (
    Case,
    LedgerCorrection,
    LedgerEntry,
    Organization,
    Payment,
    ResidenceStatus,
)
from coetracker.storage.models import FeeLine as FeeLineRow

CHUNK = 500
"""Case ids bound per query (SQLite allows a few hundred bound parameters comfortably)."""

COMPLETING_STAGES = frozenset(
    {
        Stage.ISSUED.value,
        Stage.SENT.value,
        Stage.VISA_APPLIED.value,
        Stage.ENTERED.value,
        Stage.DENIED.value,
        Stage.WITHDRAWN.value,
    }
)


@dataclass(frozen=True, slots=True)
class Client:
    """The client (依頼者) of a matter as the ledger and invoices print them."""

    name: str
    address: str


def client_of(case: Case) -> Client:
    """The client (依頼者) of a matter: the one place that decides who it is.

    For a family status whose 代理人 is recorded (the relative in Japan who asked for the
    application), the 代理人's name and address; otherwise the client company (所属機関).
    """
    status = case.residence_status
    if case.agent_name and agent_is_client(case.agent_name, status.code if status else None):
        return Client(
            name=case.agent_name, address=agent_address(case.agent_prefecture, case.agent_address)
        )
    org = case.organization
    if org is None:  # a family case without a client company: its 代理人 when named
        return Client(
            name=case.agent_name or "",
            address=agent_address(case.agent_prefecture, case.agent_address)
            if case.agent_name
            else "",
        )
    return Client(
        name=org.name, address=postal_address(org.postal_code, org.prefecture, org.address)
    )


def agent_is_client(agent_name: str | None, status_code: str | None) -> bool:
    """Whether the case's 代理人 is its client (a family status with a 代理人 recorded)."""
    return bool(agent_name) and is_family_status(status_code)


def agent_address(prefecture: str | None, address: str | None) -> str:
    """The 代理人's address as printed: the prefecture, unless the address starts with it."""
    prefecture, address = prefecture or "", address or ""
    return address if address.startswith(prefecture) else f"{prefecture}{address}"


def postal_address(postal_code: str | None, prefecture: str | None, address: str | None) -> str:
    """An address as the ledger and invoices print it: 〒postal code, prefecture, the rest."""
    return " ".join(
        part for part in (postal_code and f"〒{postal_code}", prefecture, address) if part
    )


@dataclass(frozen=True, slots=True)
class Correction:
    """A correction appended to a line: when, which field, old → new, and why."""

    made_at: dt.datetime
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    actor: str | None


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One matter of the book."""

    case_id: int
    reference: str
    accepted_on: dt.date
    matter_name: str
    client: Client
    fee: int  # 報酬 excluding tax
    tax: int
    received: int
    completed_on: dt.date | None
    remarks: str
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, slots=True)
class LedgerBook:
    """A ledger year: its lines, whether it is closed, and its totals."""

    year: int
    lines: tuple[LedgerLine, ...]
    closed_on: dt.date | None
    keep_until: dt.date | None

    @property
    def total_fee(self) -> int:
        """Sum of the lines' fees."""
        return sum(line.fee for line in self.lines)

    @property
    def total_tax(self) -> int:
        """Sum of the lines' tax."""
        return sum(line.tax for line in self.lines)

    @property
    def total_received(self) -> int:
        """Sum of what was received."""
        return sum(line.received for line in self.lines)


def completed_on(case: Case, entry: LedgerEntry) -> dt.date | None:
    """The matter's completion: as entered, else the decision date once the bureau decided."""
    if entry.completed_on is not None:
        return entry.completed_on
    if case.stage in COMPLETING_STAGES:
        return case.decision_date or case.coe_issued_date
    return None


def book_in(session: Session, year: int) -> LedgerBook:
    """Ledger ``year`` as stored."""
    rows = session.execute(
        select(LedgerEntry, Case)
        .join(Case, Case.id == LedgerEntry.case_id)
        .options(joinedload(Case.organization), joinedload(Case.residence_status))
        .where(LedgerEntry.ledger_year == year)
        .order_by(LedgerEntry.seq)
    ).all()
    corrections: dict[int, list[Correction]] = {}
    for item in session.scalars(
        select(LedgerCorrection)
        .where(LedgerCorrection.ledger_year == year)
        .order_by(LedgerCorrection.made_at, LedgerCorrection.id)
    ):
        corrections.setdefault(item.case_id, []).append(
            Correction(
                item.made_at, item.field, item.old_value, item.new_value, item.reason, item.actor
            )
        )
    lines = []
    for entry, case in rows:
        fees = fees_in(session, case.id)
        lines.append(
            LedgerLine(
                case_id=case.id,
                reference=case.reference or "",
                accepted_on=entry.accepted_on,
                matter_name=entry.matter_name,
                client=client_of(case),
                fee=fees.totals.fees,
                tax=fees.totals.tax,
                received=fees.paid,
                completed_on=completed_on(case, entry),
                remarks=entry.remarks or "",
                corrections=tuple(corrections.get(case.id, ())),
            )
        )
    closing = closing_of(session, year)
    return LedgerBook(
        year=year,
        lines=tuple(lines),
        closed_on=closing.closed_on if closing else None,
        keep_until=closing.keep_until if closing else None,
    )


def ledger_book(db: Database, year: int) -> LedgerBook:
    """:func:`book_in` in a read transaction."""
    with db.read_session() as session:
        return book_in(session, year)


def ledger_years(db: Database) -> list[int]:
    """The years that have entries, newest first."""
    with db.read_session() as session:
        return sorted(
            set(session.scalars(select(LedgerEntry.ledger_year).distinct())), reverse=True
        )


@dataclass(frozen=True, slots=True)
class LedgerExtras:
    """What an export adds from the books: 受託日, 報酬額, 依頼者住所, 入金日, 入金額."""

    accepted_on: dt.date | None
    fee: int | None  # 報酬 lines, excluding tax; None without fee lines
    client_address: str
    last_paid_on: dt.date | None
    paid: int | None


def ledger_extras(session: Session, case_ids: Sequence[int]) -> dict[int, LedgerExtras]:
    """The books' columns of ``case_ids`` (a few bulk queries, in chunks of bound ids)."""
    accepted: dict[int, dt.date] = {}
    fees: dict[int, int] = {}
    paid: dict[int, tuple[dt.date, int]] = {}
    addresses: dict[int, str] = {}
    for start in range(0, len(case_ids), CHUNK):
        chunk = list(case_ids[start : start + CHUNK])
        for case_id, accepted_on in session.execute(
            select(LedgerEntry.case_id, LedgerEntry.accepted_on).where(
                LedgerEntry.case_id.in_(chunk)
            )
        ):
            accepted[case_id] = accepted_on
        for case_id, amount in session.execute(
            select(FeeLineRow.case_id, func.sum(FeeLineRow.amount))
            .where(FeeLineRow.case_id.in_(chunk), FeeLineRow.kind == LineKind.FEE.value)
            .group_by(FeeLineRow.case_id)
        ):
            fees[case_id] = int(amount or 0)
        for case_id, last, total in session.execute(
            select(Payment.case_id, func.max(Payment.paid_on), func.sum(Payment.amount))
            .where(Payment.case_id.in_(chunk))
            .group_by(Payment.case_id)
        ):
            paid[case_id] = (last, int(total or 0))
        for case in session.scalars(
            select(Case)
            .options(joinedload(Case.organization), joinedload(Case.residence_status))
            .where(Case.id.in_(chunk))
        ):
            addresses[case.id] = client_of(case).address
    return {
        case_id: LedgerExtras(
            accepted_on=accepted.get(case_id),
            fee=fees.get(case_id),
            client_address=addresses.get(case_id, ""),
            last_paid_on=paid[case_id][0] if case_id in paid else None,
            paid=paid[case_id][1] if case_id in paid else None,
        )
        for case_id in case_ids
    }


def every_case_extras(session: Session) -> dict[int, LedgerExtras]:
    """:func:`ledger_extras` of every case, in four statements (an export of every case); cases
    with nothing in the books but their client's address are left out."""
    connection = session.connection()
    accepted = dict(connection.execute(select(LedgerEntry.case_id, LedgerEntry.accepted_on)).all())
    fees = {
        case_id: int(amount or 0)
        for case_id, amount in connection.execute(
            select(FeeLineRow.case_id, func.sum(FeeLineRow.amount))
            .where(FeeLineRow.kind == LineKind.FEE.value)
            .group_by(FeeLineRow.case_id)
        )
    }
    paid = {
        case_id: (last, int(total or 0))
        for case_id, last, total in connection.execute(
            select(Payment.case_id, func.max(Payment.paid_on), func.sum(Payment.amount)).group_by(
                Payment.case_id
            )
        )
    }
    addresses = {
        org_id: postal_address(postal_code, prefecture, address)
        for org_id, postal_code, prefecture, address in connection.execute(
            select(
                Organization.id,
                Organization.postal_code,
                Organization.prefecture,
                Organization.address,
            )
        )
    }
    extras: dict[int, LedgerExtras] = {}
    cases = (
        select(
            Case.id,
            Case.organization_id,
            Case.agent_name,
            Case.agent_prefecture,
            Case.agent_address,
            ResidenceStatus.code,
        )
        .outerjoin(ResidenceStatus, ResidenceStatus.id == Case.residence_status_id)
        .where(
            _may_have_extras(
                accepted=bool(accepted),
                fees=bool(fees),
                paid=bool(paid),
                addresses=any(addresses.values()),
            )
        )
    )
    for case_id, org_id, agent, prefecture, street, status_code in connection.execute(cases):
        if agent and agent_is_client(agent, status_code):
            address = agent_address(prefecture, street)
        else:
            address = addresses.get(org_id, "") if org_id is not None else ""
        if address or case_id in accepted or case_id in fees or case_id in paid:
            payment = paid.get(case_id)
            extras[case_id] = LedgerExtras(
                accepted_on=_as_date(accepted.get(case_id)),
                fee=fees.get(case_id),
                client_address=address,
                last_paid_on=_as_date(payment[0]) if payment else None,
                paid=payment[1] if payment else None,
            )
    return extras


def _filled(column: InstrumentedAttribute[str | None]) -> ColumnElement[bool]:
    return column.is_not(None) & (column != "")


def _may_have_extras(
    *, accepted: bool, fees: bool, paid: bool, addresses: bool
) -> ColumnElement[bool]:
    """The cases :func:`every_case_extras` may give anything for: those with a 代理人, a client
    with an address, or anything in the books (the others would be read only to be left out);
    each flag says whether anything of its kind exists at all."""
    conditions = [_filled(Case.agent_name)]
    if addresses:
        conditions.append(
            Case.organization_id.in_(
                select(Organization.id).where(
                    or_(
                        _filled(Organization.postal_code),
                        _filled(Organization.prefecture),
                        _filled(Organization.address),
                    )
                )
            )
        )
    if accepted:
        conditions.append(Case.id.in_(select(LedgerEntry.case_id)))
    if fees:
        conditions.append(
            Case.id.in_(select(FeeLineRow.case_id).where(FeeLineRow.kind == LineKind.FEE.value))
        )
    if paid:
        conditions.append(Case.id.in_(select(Payment.case_id)))
    return or_(*conditions)


def _as_date(value: dt.date | str | None) -> dt.date | None:
    """A date from a Core row (an aggregate over a date column is text on SQLite)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
