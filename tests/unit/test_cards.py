"""Residence cards through the services, on a real SQLite file: the card on the person, RENEWAL_DUE
in the case list until a renewal case is filed, the renewal case's own figure, the expiry list."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services import cards, cases, reference
from coetracker.services.caselist import list_cases
from coetracker.services.errors import ValidationError
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database

D = dt.date
EXPIRY = D(2026, 7, 15)  # renewal window opens 2026-04-15


def _entered_case(db: Database, index: int = 0, client: str = "株式会社さくら精工") -> int:
    bureau = reference.bureau_for_prefecture(db, "東京都")
    status = next(s.id for s in reference.list_statuses(db) if s.name_ja == "特定技能1号")
    data = CaseInput(
        applicant=ApplicantInput(family_name="TRAN", given_name=f"THI {index}"),
        organization=OrganizationInput(name=client, prefecture="東京都"),
        reference=f"25-{index:04d}",
        residence_status_id=status,
        bureau_id=bureau,
        channel=FilingChannel.COUNTER,
        filing_date=D(2025, 4, 1),
        application_number=f"東就認T25-{index:05d}",
        stage=Stage.ENTERED,
        coe_issued_date=D(2025, 6, 1),
        entry_date=D(2025, 7, 15),
        assignee="佐藤",
    )
    return cases.create_case(db, data, actor="tester")


def _give_card(db: Database, case_id: int, expiry: dt.date | None = EXPIRY) -> int:
    detail = cases.get_case(db, case_id, today=D(2026, 1, 1))
    return cards.save_card(
        db,
        detail.applicant.id,
        cards.CardInput(card_number="ab 12345678 cd", period_months=12, expiry_date=expiry),
        expected_version=None,
        actor="tester",
        case_id=case_id,
    )


def _level(db: Database, case_id: int, today: dt.date) -> Level:
    (row,) = list_cases(db, today=today, case_ids=[case_id])
    return row.assessment.level


def test_card_proposal_stored_when_no_expiry_typed_and_typed_date_wins(db: Database) -> None:
    case_id = _entered_case(db)
    person = cases.get_case(db, case_id, today=D(2026, 1, 1)).applicant.id
    cards.save_card(
        db,
        person,
        cards.CardInput(landing_date=D(2024, 2, 29), period_months=12),
        expected_version=None,
        actor="t",
    )
    stored = cards.get_card(db, person)
    assert stored is not None and stored.expiry_date == D(2025, 2, 28)
    cards.save_card(
        db,
        person,
        cards.CardInput(landing_date=D(2024, 2, 29), period_months=12, expiry_date=D(2025, 3, 3)),
        expected_version=stored.version_id,
        actor="t",
    )
    again = cards.get_card(db, person)
    assert again is not None and again.expiry_date == D(2025, 3, 3)


def test_card_number_is_checked_and_masked(db: Database) -> None:
    case_id = _entered_case(db)
    person = cases.get_case(db, case_id, today=D(2026, 1, 1)).applicant.id
    with pytest.raises(ValidationError) as raised:
        cards.save_card(
            db, person, cards.CardInput(card_number="12345"), expected_version=None, actor="t"
        )
    assert "card_number" in raised.value.problems
    _give_card(db, case_id)
    card = cards.get_card(db, person)
    assert card is not None and card.card_number == "AB12345678CD"
    assert cards.mask_card_number(card.card_number) == "••••••••••CD"


def test_renewal_due_in_the_list_until_the_renewal_case_is_filed(db: Database) -> None:
    case_id = _entered_case(db)
    assert _level(db, case_id, D(2026, 4, 15)) is Level.CLOSED  # no card yet
    _give_card(db, case_id)
    assert _level(db, case_id, D(2026, 4, 14)) is Level.CLOSED
    assert _level(db, case_id, D(2026, 4, 15)) is Level.RENEWAL_DUE
    due = [r.id for r in list_cases(db, today=D(2026, 4, 15), include_closed=False)]
    assert case_id in due

    renewal_id = cards.start_renewal_case(db, case_id, actor="tester")
    assert cards.start_renewal_case(db, case_id, actor="tester") == renewal_id  # no second one
    renewal = cases.get_case(db, renewal_id, today=D(2026, 4, 15))
    source = cases.get_case(db, case_id, today=D(2026, 4, 15))
    assert renewal.values.procedure is Procedure.RENEWAL
    assert renewal.values.stage is Stage.PREPARING
    assert renewal.applicant.id == source.applicant.id
    assert renewal.organization == source.organization
    assert renewal.values.residence_status_id == source.values.residence_status_id
    assert renewal.values.assignee == "佐藤"
    # Prepared, not filed: still due, with the action to file it.
    (row,) = list_cases(db, today=D(2026, 4, 20), case_ids=[case_id])
    assert row.assessment.level is Level.RENEWAL_DUE
    assert "File the renewal" in str(row.assessment.action)

    filed = dataclasses.replace(
        renewal.values,
        stage=Stage.FILED,
        filing_date=D(2026, 4, 20),
        application_number="東更T26-1",
    )
    cases.update_case(db, renewal_id, filed, expected_version=renewal.version_id, actor="t")
    assert _level(db, case_id, D(2026, 4, 20)) is Level.CLOSED
    (pending,) = list_cases(db, today=D(2026, 4, 21), case_ids=[renewal_id])
    assert pending.procedure is Procedure.RENEWAL
    assert pending.assessment.level is Level.WAITING
    # Its own procedure's figure, not the COE average of 特定技能1号: the 在留期間更新 months
    # seeded are 38.6 (2025-11) and 23.9 (2025-12); the larger × 1.2 = 46.32 → 47 days, and
    # 2026-06-06 is a Saturday, so the next check is the first open day after it.
    assert D(2026, 4, 20) + dt.timedelta(days=47) == D(2026, 6, 6)
    assert pending.assessment.next_check == D(2026, 6, 8)
    detail = cases.get_case(db, renewal_id, today=D(2026, 4, 21))
    assert detail.assessment.extra["special_period_end"] == D(2026, 9, 15)
    assert detail.assessment.next_check == D(2026, 6, 8)


def test_expiry_list_per_client_sorted_by_date(db: Database) -> None:
    first = _entered_case(db, 1, "株式会社さくら精工")
    second = _entered_case(db, 2, "株式会社さくら精工")
    other = _entered_case(db, 3, "みなと物産株式会社")
    late = _entered_case(db, 4, "株式会社さくら精工")
    _give_card(db, first, D(2026, 6, 30))
    _give_card(db, second, D(2026, 5, 10))
    _give_card(db, other, D(2026, 5, 1))
    _give_card(db, late, D(2027, 3, 1))  # window not open on 2026-04-15
    sakura_record = cases.get_case(db, first, today=D(2026, 1, 1)).organization
    assert sakura_record is not None
    sakura = sakura_record.id
    rows = cards.upcoming_expiries(db, today=D(2026, 4, 15), organization_id=sakura)
    assert [r.expiry_date for r in rows] == [D(2026, 5, 10), D(2026, 6, 30)]
    assert all(r.client == "株式会社さくら精工" for r in rows)
    everyone = cards.upcoming_expiries(db, today=D(2026, 4, 15))
    assert [r.expiry_date for r in everyone] == [D(2026, 5, 1), D(2026, 5, 10), D(2026, 6, 30)]


def test_window_until_covers_month_ends() -> None:
    from coetracker.domain.model import Policy

    assert cards.renewal_window_opens_until(D(2026, 2, 28), Policy()) == D(2026, 5, 31)
    assert cards.renewal_window_opens_until(D(2026, 4, 15), Policy()) == D(2026, 7, 15)


def test_call_sheet_and_summary_name_the_procedure_and_mask_the_card(db: Database) -> None:
    from coetracker.printing.documents import call_sheet_for, case_summary_for
    from coetracker.services.print_documents import case_for_print

    case_id = _entered_case(db)
    _give_card(db, case_id)
    renewal_id = cards.start_renewal_case(db, case_id, actor="tester")
    sheet = call_sheet_for(case_for_print(db, renewal_id, today=D(2026, 4, 20))).html
    assert "Extension of period of stay" in sheet
    summary = case_summary_for(case_for_print(db, renewal_id, today=D(2026, 4, 20))).html
    assert "Extension of period of stay" in summary
    assert "2026-07-15" in summary and "CD" in summary
    assert "AB12345678CD" not in summary  # masked like passports
    coe_sheet = call_sheet_for(case_for_print(db, case_id, today=D(2026, 4, 20))).html
    assert "Certificate of Eligibility" in coe_sheet
