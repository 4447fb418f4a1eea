"""The 事件簿 services on real SQLite files: numbering, closing, corrections, retention, fees."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from coetracker.domain.ledger import FeeLine, LineKind, PaymentState, YearBasis
from coetracker.services import cases, fees, ledger, reference
from coetracker.services.errors import ValidationError
from coetracker.services.ledger_book import ledger_book
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database
from coetracker.storage.models import AuditEvent, Case, LedgerCorrection


def _new_case(db: Database, index: int) -> int:
    status = next(
        s.id for s in reference.list_statuses(db) if s.name_ja == "技術・人文知識・国際業務"
    )
    return cases.create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="NGUYEN", given_name=f"AN {index}"),
            organization=OrganizationInput(
                name="株式会社さくら精工",
                postal_code="105-0011",
                prefecture="東京都",
                address="港区芝公園1-2-3",
            ),
            residence_status_id=status,
        ),
        actor="tester",
    )


def test_acceptance_numbers_per_year_and_restarts(db: Database) -> None:
    first, second, third = (_new_case(db, i) for i in range(3))
    assert ledger.accept_case(db, first, accepted_on=dt.date(2026, 4, 1), actor="t") == "R8-001"
    assert ledger.accept_case(db, second, accepted_on=dt.date(2026, 5, 1), actor="t") == "R8-002"
    assert ledger.accept_case(db, third, accepted_on=dt.date(2027, 1, 5), actor="t") == "R9-001"
    # Accepting again keeps the number.
    assert ledger.accept_case(db, first, accepted_on=dt.date(2026, 6, 1), actor="t") == "R8-001"
    book = ledger_book(db, 2026)
    assert [line.reference for line in book.lines] == ["R8-001", "R8-002"]
    assert book.lines[0].matter_name == "在留資格認定証明書交付申請（技術・人文知識・国際業務）"
    assert book.lines[0].client.address == "〒105-0011 東京都 港区芝公園1-2-3"


def test_a_number_is_never_given_twice_even_after_a_hand_typed_clash(db: Database) -> None:
    taken = _new_case(db, 0)
    with db.write_session() as session:
        session.get_one(Case, taken).reference = "R8-001"
    other = _new_case(db, 1)
    assert ledger.accept_case(db, other, accepted_on=dt.date(2026, 4, 1), actor="t") == "R8-002"


def test_fiscal_years_and_pattern_from_settings(db: Database) -> None:
    ledger.save_ledger_settings(
        db, ledger.LedgerSettings(pattern="{year}-{seq:04}", basis=YearBasis.FISCAL), actor="t"
    )
    one, two = _new_case(db, 0), _new_case(db, 1)
    assert ledger.accept_case(db, one, accepted_on=dt.date(2027, 3, 31), actor="t") == "2026-0001"
    assert ledger.accept_case(db, two, accepted_on=dt.date(2027, 4, 1), actor="t") == "2027-0001"


def test_settings_refuse_a_malformed_registration_number(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        ledger.save_ledger_settings(
            db, ledger.LedgerSettings(registration_number="T12345"), actor="t"
        )
    assert "registration_number" in caught.value.problems


WORKER = textwrap.dedent(
    """
    import datetime as dt, sys
    from coetracker.services.ledger import accept_case
    from coetracker.storage.engine import open_database
    db, _ = open_database(sys.argv[1])
    for case_id in sys.argv[2].split(","):
        accept_case(db, int(case_id), accepted_on=dt.date(2026, 6, 1), actor="p")
    db.dispose()
    """
)


def test_two_processes_never_get_the_same_number(db: Database, db_path: Path) -> None:
    ids = [_new_case(db, i) for i in range(40)]
    url = f"sqlite:///{db_path}"
    halves = [ids[0::2], ids[1::2]]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, ",".join(map(str, half))],
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    with db.read_session() as session:
        numbers = list(session.scalars(select(Case.reference).where(Case.id.in_(ids))))
    assert sorted(n or "" for n in numbers) == [f"R8-{n:03d}" for n in range(1, 41)]


def test_a_closed_year_refuses_edits_and_archiving_and_takes_corrections(db: Database) -> None:
    case_id = _new_case(db, 0)
    ledger.accept_case(db, case_id, accepted_on=dt.date(2026, 4, 1), actor="t")
    fees.set_fee_lines(db, case_id, [FeeLine(LineKind.FEE, "報酬", 100_000)], actor="t")
    with pytest.raises(ValidationError):
        ledger.close_year(db, 2026, closed_on=dt.date(2026, 12, 31), actor="t")
    keep = ledger.close_year(db, 2026, closed_on=dt.date(2027, 1, 10), actor="t")
    assert keep == dt.date(2029, 1, 10)

    with pytest.raises(ledger.LedgerClosedError) as closed:
        ledger.update_entry(db, case_id, {"remarks": "x"}, actor="t")
    assert str(closed.value) == (
        "The 2026 ledger was closed on 2027-01-10: its entries are read-only; "
        "add a correction instead."
    )
    with pytest.raises(ledger.LedgerClosedError):
        fees.set_fee_lines(db, case_id, [FeeLine(LineKind.FEE, "報酬", 1)], actor="t")
    with db.read_session() as session:
        row = session.get_one(Case, case_id)
        data, version = cases.case_input_of(row), row.version_id
    with pytest.raises(ledger.LedgerClosedError):
        cases.update_case(
            db,
            case_id,
            dataclasses.replace(data, reference="R8-999"),
            expected_version=version,
            actor="t",
        )
    with pytest.raises(ledger.RetentionError) as kept:
        cases.set_archived(
            db,
            case_id,
            archived=True,
            expected_version=version,
            actor="t",
            today=dt.date(2029, 1, 9),
        )
    assert "kept until 2029-01-10" in str(kept.value)
    cases.set_archived(
        db, case_id, archived=True, expected_version=version, actor="t", today=dt.date(2029, 1, 10)
    )

    ledger.add_correction(
        db,
        case_id,
        field="fee",
        old_value="100000",
        new_value="110000",
        reason="報酬額の記載誤り",
        actor="t",
    )
    book = ledger_book(db, 2026)
    assert book.closed_on == dt.date(2027, 1, 10)
    assert book.lines[0].fee == 100_000  # the line stays as it was
    assert [c.reason for c in book.lines[0].corrections] == ["報酬額の記載誤り"]
    with db.read_session() as session:
        assert session.scalar(select(LedgerCorrection.new_value)) == "110000"
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "correct", AuditEvent.case_id == case_id)
        ).one()
        assert (audit.field, audit.old_value, audit.new_value) == ("fee", "100000", "110000")


def test_a_receipt_is_kept_five_years(db: Database) -> None:
    case_id = _new_case(db, 0)
    issued = fees.issue_document(
        db, case_id, fees.RECEIPT, issued_on=dt.date(2026, 6, 1), amount=55_000, actor="t"
    )
    assert issued.number == "RCP-2026-0001"
    version = cases.get_case(db, case_id, today=dt.date(2026, 6, 1)).version_id
    with pytest.raises(ledger.RetentionError) as kept:
        cases.set_archived(
            db,
            case_id,
            archived=True,
            expected_version=version,
            actor="t",
            today=dt.date(2031, 5, 31),
        )
    assert kept.value.keep_until == dt.date(2031, 6, 1)


def test_payments_make_a_case_part_paid_then_paid(db: Database) -> None:
    case_id = _new_case(db, 0)
    fees.set_fee_lines(
        db,
        case_id,
        [FeeLine(LineKind.FEE, "報酬", 100_000), FeeLine(LineKind.ADVANCE, "収入印紙", 4_000)],
        actor="t",
    )
    assert fees.case_fees(db, case_id).state is PaymentState.UNPAID
    assert fees.unpaid_case_ids(db) == {case_id}
    fees.add_payment(
        db, case_id, fees.PaymentRecord(dt.date(2026, 6, 1), 50_000, "振込"), actor="t"
    )
    assert fees.case_fees(db, case_id).state is PaymentState.PART_PAID
    fees.add_payment(
        db, case_id, fees.PaymentRecord(dt.date(2026, 7, 1), 64_000, "振込"), actor="t"
    )
    state = fees.case_fees(db, case_id)
    assert (state.state, state.paid, state.totals.total) == (PaymentState.PAID, 114_000, 114_000)
    assert fees.unpaid_case_ids(db) == set()
    with pytest.raises(ValidationError):
        fees.add_payment(db, case_id, fees.PaymentRecord(dt.date(2026, 7, 1), 0), actor="t")


def test_ledger_totals_are_the_sum_of_its_lines(db: Database) -> None:
    amounts = [120_000, 88_000, 150_001]
    for index, amount in enumerate(amounts):
        case_id = _new_case(db, index)
        ledger.accept_case(db, case_id, accepted_on=dt.date(2026, 5, index + 1), actor="t")
        fees.set_fee_lines(db, case_id, [FeeLine(LineKind.FEE, "報酬", amount)], actor="t")
    book = ledger_book(db, 2026)
    assert book.total_fee == sum(amounts) == sum(line.fee for line in book.lines)
    assert book.total_tax == 12_000 + 8_800 + 15_000


def test_ledger_extras_for_the_export(db: Database) -> None:
    from coetracker.services.ledger_book import ledger_extras

    entered, bare = _new_case(db, 0), _new_case(db, 1)
    ledger.accept_case(db, entered, accepted_on=dt.date(2026, 4, 1), actor="t")
    fees.set_fee_lines(
        db,
        entered,
        [FeeLine(LineKind.FEE, "報酬", 100_000), FeeLine(LineKind.ADVANCE, "印紙", 4_000)],
        actor="t",
    )
    for day, amount in ((dt.date(2026, 5, 1), 50_000), (dt.date(2026, 6, 1), 64_000)):
        fees.add_payment(db, entered, fees.PaymentRecord(day, amount), actor="t")
    with db.read_session() as session:
        extras = ledger_extras(session, [entered, bare])
    first = extras[entered]
    assert (first.accepted_on, first.fee, first.last_paid_on, first.paid) == (
        dt.date(2026, 4, 1),
        100_000,
        dt.date(2026, 6, 1),
        114_000,
    )
    assert first.client_address == "〒105-0011 東京都 港区芝公園1-2-3"
    assert (extras[bare].accepted_on, extras[bare].fee, extras[bare].paid) == (None, None, None)
