"""資料到着確認 stored as an inquiry outcome on a real SQLite file: it starts the pause like any
answered inquiry, and the next status check asks about the result, not the documents again."""

from __future__ import annotations

import datetime as dt

from coetracker.domain.model import FilingChannel, Level, OutcomeCode, Stage
from coetracker.services import cases, documents, inquiries, reference
from coetracker.services.caselist import list_cases
from coetracker.services.records import (
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from coetracker.storage.engine import Database

D = dt.date


def _case_with_documents_submitted(db: Database) -> int:
    case_id = cases.create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="NGUYEN", given_name="VAN AN"),
            organization=OrganizationInput(name="株式会社さくら精工", prefecture="東京都"),
            reference="26-0201",
            residence_status_id=next(
                s.id for s in reference.list_statuses(db) if s.name_ja == "特定技能1号"
            ),
            bureau_id=reference.bureau_for_prefecture(db, "東京都"),
            channel=FilingChannel.COUNTER,
            filing_date=D(2025, 12, 1),
            application_number="東就認T25-00201",
            stage=Stage.FILED,
        ),
        actor="tester",
    )
    documents.add_request(
        db,
        case_id,
        DocumentRequestInput(
            notice_date=D(2026, 2, 20), deadline=D(2026, 3, 6), submitted_on=D(2026, 3, 5)
        ),
        actor="tester",
    )
    return case_id


def test_documents_arrived_is_stored_starts_the_pause_and_moves_the_matter_on(
    db: Database,
) -> None:
    case_id = _case_with_documents_submitted(db)
    (before,) = list_cases(db, today=D(2026, 4, 1), case_ids=[case_id])
    assert before.assessment.level is Level.READY
    assert "whether the documents submitted on 2026-03-05 have arrived" in (
        before.assessment.action.render()
    )
    inquiries.log_inquiry(
        db,
        case_id,
        InquiryInput(
            made_at=dt.datetime(2026, 3, 20, 10, 0),
            outcome=OutcomeCode.DOCUMENTS_ARRIVED.value,
            reason="documents_arrived",
        ),
        actor="tester",
    )
    detail = cases.get_case(db, case_id, today=D(2026, 4, 1))
    assert detail.inquiries[0].outcome == "documents_arrived"
    (waiting,) = list_cases(db, today=D(2026, 4, 1), case_ids=[case_id])
    assert waiting.assessment.level is Level.WAITING
    assert waiting.assessment.next_check == D(2026, 4, 10)  # 03-20 + 21 days, a Friday
    (ready,) = list_cases(db, today=D(2026, 4, 10), case_ids=[case_id])
    assert ready.assessment.level is Level.READY
    action = ready.assessment.action.render()
    assert "whether the result has been sent" in action
    assert "documents submitted" not in action
