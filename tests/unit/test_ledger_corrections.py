"""The books' corrections: who the client is (代理人), deleting a payment, voiding a numbered
document, and the first number of a new year taken by two sessions at once on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from coetracker.domain.ledger import FeeLine, LineKind, PaymentState
from coetracker.printing.ledger_documents import invoice_for
from coetracker.services import cases, fees, issued, ledger, reference
from coetracker.services.errors import NotFoundError, ValidationError
from coetracker.services.ledger_book import ledger_book
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database, open_database
from coetracker.storage.models import AuditEvent, LedgerCounter
from tests.pgserver import TEMPLATE, PostgresServer

ISSUED = dt.date(2026, 11, 2)


def _status(db: Database, code: str) -> int:
    return next(s.id for s in reference.list_statuses(db) if s.code == code)


def _case(db: Database, status: str, *, agent: bool = True) -> int:
    agent_values = (
        {
            "agent_name": "佐藤 一郎",
            "agent_relationship": "配偶者",
            "agent_prefecture": "埼玉県",
            "agent_address": "さいたま市浦和区高砂3-1-1",
        }
        if agent
        else {}
    )
    return cases.create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="SANTOS", given_name="MARIA"),
            organization=OrganizationInput(
                name="株式会社さくら精工",
                postal_code="105-0011",
                prefecture="東京都",
                address="港区芝公園1-2-3",
            ),
            residence_status_id=_status(db, status),
            **agent_values,  # type: ignore[arg-type]
        ),
        actor="t",
    )


def _history(db: Database, case_id: int) -> list[tuple[str, str, str | None, str | None]]:
    with db.read_session() as session:
        return [
            (e.action, e.entity, e.field, e.old_value if e.action == "delete" else e.new_value)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
            )
        ]


# -- who the client is --------------------------------------------------------------------------


def test_a_family_case_is_billed_to_its_agent_a_work_case_to_the_company(db: Database) -> None:
    family = _case(db, "spouse_of_japanese")
    work = _case(db, "engineer_humanities")  # a 代理人 recorded, but the company is the client
    ledger.accept_case(db, family, accepted_on=dt.date(2026, 4, 1), actor="t")
    ledger.accept_case(db, work, accepted_on=dt.date(2026, 4, 2), actor="t")
    clients = {line.case_id: line.client for line in ledger_book(db, 2026).lines}
    assert (clients[family].name, clients[family].address) == (
        "佐藤 一郎",
        "埼玉県さいたま市浦和区高砂3-1-1",
    )
    assert clients[work].name == "株式会社さくら精工"
    assert clients[work].address == "〒105-0011 東京都 港区芝公園1-2-3"

    fees.set_fee_lines(db, family, [FeeLine(LineKind.FEE, "報酬", 100_000)], actor="t")
    html = invoice_for(db, family, issued_on=ISSUED, actor="t").html
    assert "佐藤 一郎" in html and "埼玉県さいたま市浦和区高砂3-1-1" in html
    assert "株式会社さくら精工" not in html


def test_a_family_case_without_agent_falls_back_to_the_company(db: Database) -> None:
    case_id = _case(db, "dependent", agent=False)
    ledger.accept_case(db, case_id, accepted_on=dt.date(2026, 4, 1), actor="t")
    (line,) = ledger_book(db, 2026).lines
    assert line.client.name == "株式会社さくら精工"


# -- deleting a payment ------------------------------------------------------------------------


def test_a_payment_is_deleted_in_an_open_year_and_stays_in_the_history(db: Database) -> None:
    case_id = _case(db, "engineer_humanities")
    ledger.accept_case(db, case_id, accepted_on=dt.date(2026, 4, 1), actor="t")
    fees.set_fee_lines(db, case_id, [FeeLine(LineKind.FEE, "報酬", 100_000)], actor="t")
    fees.add_payment(db, case_id, fees.PaymentRecord(ISSUED, 110_000, "振込"), actor="t")
    wrong = fees.add_payment(db, case_id, fees.PaymentRecord(ISSUED, 5_000, "現金"), actor="t")
    before = fees.case_fees(db, case_id)
    assert before.paid == 115_000 and [p.id for p in before.payments][-1] == wrong

    fees.delete_payment(db, case_id, wrong, actor="t")
    after = fees.case_fees(db, case_id)
    assert after.paid == 110_000 and after.state is PaymentState.PAID
    assert ("delete", "payment", None, "2026-11-02 5000 現金") in _history(db, case_id)
    with pytest.raises(NotFoundError):  # gone, and never another case's payment
        fees.delete_payment(db, case_id, wrong, actor="t")
    other = _case(db, "engineer_humanities")
    kept = after.payments[0].id
    assert kept is not None
    with pytest.raises(NotFoundError):
        fees.delete_payment(db, other, kept, actor="t")
    assert fees.case_fees(db, case_id).paid == 110_000


def test_a_payment_of_a_closed_year_is_not_deleted(db: Database) -> None:
    case_id = _case(db, "engineer_humanities")
    ledger.accept_case(db, case_id, accepted_on=dt.date(2026, 4, 1), actor="t")
    payment = fees.add_payment(db, case_id, fees.PaymentRecord(ISSUED, 50_000, "振込"), actor="t")
    ledger.close_year(db, 2026, closed_on=dt.date(2027, 1, 10), actor="t")
    with pytest.raises(ledger.LedgerClosedError) as closed:
        fees.delete_payment(db, case_id, payment, actor="t")
    assert "closed on 2027-01-10" in str(closed.value)
    assert fees.case_fees(db, case_id).paid == 50_000


# -- voiding a numbered document ------------------------------------------------------------


def test_a_void_document_keeps_its_number_and_the_next_one_moves_on(db: Database) -> None:
    case_id = _case(db, "engineer_humanities")
    fees.set_fee_lines(db, case_id, [FeeLine(LineKind.FEE, "報酬", 100_000)], actor="t")
    first = fees.issue_document(db, case_id, "invoice", issued_on=ISSUED, amount=110_000, actor="t")
    (listed,) = issued.issued_documents(db, case_id)
    assert (listed.number, listed.voided) == (first.number, False) == ("INV-2026-0001", False)

    with pytest.raises(ValidationError) as no_reason:
        issued.void_document(db, listed.id, reason="  ", voided_on=ISSUED, actor="t")
    assert "reason" in no_reason.value.problems
    voided = issued.void_document(
        db, listed.id, reason="宛名の誤り", voided_on=dt.date(2026, 11, 3), actor="山田"
    )
    assert (voided.number, voided.voided_on, voided.void_reason, voided.voided_by) == (
        "INV-2026-0001",
        dt.date(2026, 11, 3),
        "宛名の誤り",
        "山田",
    )
    with pytest.raises(ValidationError) as twice:
        issued.void_document(db, listed.id, reason="again", voided_on=ISSUED, actor="t")
    assert "already voided on 2026-11-03" in str(twice.value)

    second = fees.issue_document(
        db, case_id, "invoice", issued_on=ISSUED, amount=110_000, actor="t"
    )
    assert second.number == "INV-2026-0002"  # never the voided number again
    documents = issued.issued_documents(db, case_id)
    assert [(d.number, d.voided) for d in documents] == [
        ("INV-2026-0001", True),
        ("INV-2026-0002", False),
    ]
    assert ("void", "invoice", "void_reason", "INV-2026-0001: 宛名の誤り") in _history(db, case_id)


# -- the first number of a new year, two sessions at once ----------------------------------


def _race_first_number(url: str) -> list[int]:
    """Session A takes the first number of 2031 and holds its transaction open while session B
    asks for one; then A commits. Both numbers, or the error B met."""
    database, _report = open_database(url)
    results: list[int] = []
    errors: list[BaseException] = []
    a_has_number, b_started = threading.Event(), threading.Event()

    def first() -> None:
        try:
            with database.write_session() as session:
                results.append(ledger.next_number(session, "invoice:2031"))
                a_has_number.set()
                b_started.wait(10)
                threading.Event().wait(0.5)  # B is now waiting on (or racing) A's new row
        except BaseException as error:  # reported by the test
            errors.append(error)
            a_has_number.set()

    def second() -> None:
        a_has_number.wait(10)
        b_started.set()
        try:
            with database.write_session() as session:
                results.append(ledger.next_number(session, "invoice:2031"))
        except BaseException as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    try:
        assert errors == [], errors
        with database.read_session() as session:
            stored = session.scalar(
                select(LedgerCounter.last_value).where(LedgerCounter.scope == "invoice:2031")
            )
        assert stored == 2
    finally:
        database.dispose()
    return sorted(results)


def test_two_sessions_take_distinct_first_numbers_on_postgresql(pg_server: PostgresServer) -> None:
    name = pg_server.create_database(template=TEMPLATE)
    try:
        assert _race_first_number(pg_server.url(name)) == [1, 2]
    finally:
        pg_server.drop_database(name)


def test_two_sessions_take_distinct_first_numbers_on_sqlite(db_path: object) -> None:
    assert _race_first_number(f"sqlite:///{db_path}") == [1, 2]
