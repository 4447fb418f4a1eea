"""Services: saving cases with optimistic concurrency and audit, the one-query case list."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import event, func, select

from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.services import cases, documents, inquiries, reference
from coetracker.services.caselist import list_cases
from coetracker.services.errors import ConflictError, ValidationError
from coetracker.services.parties import is_valid_corporate_number
from coetracker.services.records import (
    ApplicantInput,
    CaseInput,
    DocumentRequestInput,
    InquiryInput,
    OrganizationInput,
)
from coetracker.storage.engine import Database
from coetracker.storage.models import Applicant, AuditEvent, Case, Organization


def _tokyo_and_status(db: Database) -> tuple[int, int]:
    bureau = reference.bureau_for_prefecture(db, "東京都")
    status = next(s.id for s in reference.list_statuses(db) if s.name_ja == "特定技能1号")
    assert bureau is not None
    return bureau, status


def _case_input(db: Database, index: int = 0, **changes: object) -> CaseInput:
    bureau, status = _tokyo_and_status(db)
    data = CaseInput(
        applicant=ApplicantInput(
            family_name="NGUYEN",
            given_name=f"VAN AN {index}",
            name_kana="グエン・ヴァン・アン",
            nationality_code="VN",
            birth_date=dt.date(1998, 4, 12),
            passport_number=f"C{1000000 + index}",
        ),
        organization=OrganizationInput(name="株式会社さくら精工", prefecture="東京都"),
        reference=f"26-{index:04d}",
        residence_status_id=status,
        bureau_id=bureau,
        channel=FilingChannel.COUNTER,
        filing_date=dt.date(2026, 9, 1),
        application_number=f"東就認T26-{index:05d}",
        stage=Stage.FILED,
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def test_create_case_reuses_client_and_audits(db: Database, today: dt.date) -> None:
    first = cases.create_case(db, _case_input(db, 1), actor="tester")
    second = cases.create_case(
        db,
        _case_input(
            db, 2, organization=OrganizationInput(name="株式会社さくら精工 ", prefecture="東京都")
        ),
        actor="tester",
    )
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 1
        assert session.scalar(select(func.count()).select_from(Applicant)) == 2
        events = session.execute(
            select(AuditEvent.entity, AuditEvent.action, AuditEvent.actor)
        ).all()
    assert ("case", "create", "tester") in events
    assert sum(1 for e in events if e[0] == "case") == 2
    detail = cases.get_case(db, first, today=today)
    assert detail.values.application_number == "東就認T26-00001"
    assert detail.organization is not None
    assert detail.organization.name == "株式会社さくら精工"
    assert detail.applicant.display_name == "NGUYEN VAN AN 1"
    assert second != first


def test_application_number_is_kept_exactly(db: Database, today: dt.date) -> None:
    case_id = cases.create_case(
        db, _case_input(db, 3, application_number="  阪永認T12-345 "), actor=None
    )
    assert cases.get_case(db, case_id, today=today).values.application_number == "阪永認T12-345"


def test_stale_save_raises_conflict_and_changes_nothing(db: Database, today: dt.date) -> None:
    case_id = cases.create_case(db, _case_input(db, 4), actor="a")
    loaded = cases.get_case(db, case_id, today=today)
    # Someone else saves first.
    cases.update_case(
        db,
        case_id,
        dataclasses.replace(loaded.values, notes="first writer"),
        expected_version=loaded.version_id,
        actor="b",
    )
    with pytest.raises(ConflictError) as raised:
        cases.update_case(
            db,
            case_id,
            dataclasses.replace(loaded.values, notes="stale writer"),
            expected_version=loaded.version_id,
            actor="a",
        )
    assert raised.value.current["notes"] == "first writer"
    assert cases.get_case(db, case_id, today=today).values.notes == "first writer"


def test_update_writes_one_audit_event_per_changed_field(db: Database, today: dt.date) -> None:
    case_id = cases.create_case(db, _case_input(db, 5), actor="a")
    loaded = cases.get_case(db, case_id, today=today)
    new_version = cases.update_case(
        db,
        case_id,
        dataclasses.replace(
            loaded.values, notes="call after 10:00", planned_entry_date=dt.date(2027, 1, 10)
        ),
        expected_version=loaded.version_id,
        actor="b",
    )
    assert new_version == loaded.version_id + 1
    with db.read_session() as session:
        changes = session.execute(
            select(AuditEvent.field, AuditEvent.old_value, AuditEvent.new_value).where(
                AuditEvent.case_id == case_id, AuditEvent.action == "update"
            )
        ).all()
    assert sorted(changes) == [
        ("notes", None, "call after 10:00"),
        ("planned_entry_date", None, "2027-01-10"),
    ]


def test_inquiry_and_request_change_the_assessment(db: Database, today: dt.date) -> None:
    case_id = cases.create_case(
        db, _case_input(db, 6, filing_date=today - dt.timedelta(days=120)), actor="a"
    )
    assert cases.get_case(db, case_id, today=today).assessment.level is Level.READY
    inquiries.log_inquiry(
        db,
        case_id,
        InquiryInput(made_at=dt.datetime.combine(today, dt.time(10)), outcome="under_review"),
        actor="a",
    )
    after_call = cases.get_case(db, case_id, today=today).assessment
    assert after_call.level is Level.WAITING
    assert after_call.next_check == today + dt.timedelta(days=21)

    request_id = documents.add_request(
        db,
        case_id,
        DocumentRequestInput(notice_date=today, deadline=today + dt.timedelta(days=14)),
        actor="a",
    )
    assert cases.get_case(db, case_id, today=today).assessment.level is Level.DOCS_DUE
    request = cases.get_case(db, case_id, today=today).document_requests[0]
    documents.mark_submitted(
        db,
        request_id,
        on=today,
        method="post",
        expected_version=request.version_id,
        actor="a",
    )
    final = cases.get_case(db, case_id, today=today).assessment
    assert final.level is Level.WAITING
    # The list query agrees with the detail query.
    (row,) = list_cases(db, today=today)
    assert row.assessment.level is Level.WAITING
    assert row.assessment.next_check == final.next_check


def test_delete_inquiry_is_audited(db: Database, today: dt.date) -> None:
    case_id = cases.create_case(db, _case_input(db, 7), actor="a")
    inquiry_id = inquiries.log_inquiry(
        db, case_id, InquiryInput(made_at=dt.datetime(2026, 11, 1, 9, 0)), actor="a"
    )
    with pytest.raises(ConflictError):
        inquiries.delete_inquiry(db, inquiry_id, expected_version=99, actor="a")
    inquiries.delete_inquiry(db, inquiry_id, expected_version=1, actor="a")
    assert cases.get_case(db, case_id, today=today).inquiries == ()
    with db.read_session() as session:
        deleted = session.scalar(
            select(AuditEvent.old_value).where(
                AuditEvent.entity == "inquiry", AuditEvent.action == "delete"
            )
        )
    assert deleted == "2026-11-01 09:00 phone"


def test_duplicate_reference_is_a_validation_error(db: Database) -> None:
    cases.create_case(db, _case_input(db, 8), actor="a")
    with pytest.raises(ValidationError) as raised:
        cases.create_case(db, _case_input(db, 9, reference="26-0008"), actor="a")
    assert "reference" in raised.value.problems
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_missing_family_name_is_a_validation_error(db: Database) -> None:
    with pytest.raises(ValidationError) as raised:
        cases.create_case(
            db, _case_input(db, 10, applicant=ApplicantInput(family_name="  ")), actor="a"
        )
    assert "family_name" in raised.value.problems


def test_corporate_number_check_digit() -> None:
    assert is_valid_corporate_number("7000012050002")  # 国税庁's own published number
    assert not is_valid_corporate_number("8000012050002")
    assert not is_valid_corporate_number("700001205000")


def _count_statements(db: Database, today: dt.date) -> int:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        list_cases(db, today=today)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))


def test_case_list_uses_a_constant_number_of_statements(db: Database, today: dt.date) -> None:
    for index in range(3):
        case_id = cases.create_case(db, _case_input(db, 100 + index), actor=None)
        inquiries.log_inquiry(
            db, case_id, InquiryInput(made_at=dt.datetime(2026, 10, 1)), actor=None
        )
    few = _count_statements(db, today)
    for index in range(40):
        case_id = cases.create_case(db, _case_input(db, 200 + index), actor=None)
        documents.add_request(
            db, case_id, DocumentRequestInput(notice_date=today, deadline=today), actor=None
        )
    many = _count_statements(db, today)
    assert few == many
    assert len(list_cases(db, today=today)) == 43


def test_bureau_suggested_from_prefecture(db: Database) -> None:
    bureaus = {b.id: b for b in reference.list_bureaus(db)}
    kanagawa = reference.bureau_for_prefecture(db, "神奈川県")
    assert kanagawa is not None and bureaus[kanagawa].short_name_ja == "横浜支局"
    osaka = reference.bureau_for_prefecture(db, "大阪")
    assert osaka is not None and bureaus[osaka].short_name_ja == "大阪"
    assert reference.bureau_for_prefecture(db, "どこか") is None


def test_benchmark_added_becomes_the_latest(db: Database, today: dt.date) -> None:
    status = next(s for s in reference.list_statuses(db) if s.name_ja == "特定技能1号")
    reference.add_benchmark(
        db,
        residence_status_id=status.id,
        period="2026年1月",
        average_days=40.0,
        source=None,
        actor="a",
    )
    case_id = cases.create_case(
        db, _case_input(db, 11, filing_date=today - dt.timedelta(days=95)), actor="a"
    )
    # The largest of the three latest months rules: 75.1 (2025-11) over 69.0 and 40.0;
    # 75.1 × 1.2 → 91 days: a case filed 95 days ago is ready.
    detail = cases.get_case(db, case_id, today=today)
    assert detail.assessment.level is Level.READY
    reasons = [r.text.render() for r in detail.assessment.reasons]
    assert any("75.1 days (11/2025)" in text for text in reasons), reasons
    for month, days in (("2026-02", 30.0), ("2026-03", 30.0)):
        reference.add_benchmark(
            db,
            residence_status_id=status.id,
            period=month,
            average_days=days,
            source=None,
            actor="a",
        )
    # Now the three latest are 40.0, 30.0, 30.0: 40 × 1.2 = 48 days.
    later = cases.get_case(db, case_id, today=today)
    reasons = [r.text.render() for r in later.assessment.reasons]
    assert any("40.0 days (1/2026)" in text or "40 days (1/2026)" in text for text in reasons)
    # A month already present is replaced, not doubled.
    reference.add_benchmark(
        db,
        residence_status_id=status.id,
        period="2026-03",
        average_days=50.0,
        source="ISA",
        actor="a",
    )
    march = [b for b in reference.list_benchmarks(db) if b.period == "2026-03"]
    assert [(b.status_name, b.average_days) for b in march] == [("特定技能1号", 50.0)]
    with pytest.raises(ValidationError):
        reference.add_benchmark(
            db,
            residence_status_id=status.id,
            period="2025-13",
            average_days=40,
            source=None,
            actor="a",
        )


def test_the_stage_follows_the_document_requests(db) -> None:
    """A request moves a filed case to "documents requested"; the submission to "submitted"."""
    import datetime as dt

    from coetracker.domain.model import Stage
    from coetracker.services import cases, documents
    from coetracker.services.records import (
        ApplicantInput,
        CaseInput,
        DocumentRequestInput,
        OrganizationInput,
    )

    case_id = cases.create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="MENDOZA"),
            organization=OrganizationInput(name="株式会社テスト"),
            stage=Stage.FILED,
            filing_date=dt.date(2026, 9, 1),
        ),
        actor="test",
    )
    today = dt.date(2026, 12, 4)
    request_id = documents.add_request(
        db, case_id, DocumentRequestInput(notice_date=dt.date(2026, 11, 20)), actor="test"
    )
    detail = cases.get_case(db, case_id, today=today)
    assert detail.values.stage == Stage.DOCUMENTS_REQUESTED
    request = detail.document_requests[0]
    documents.mark_submitted(
        db,
        request_id,
        on=dt.date(2026, 12, 1),
        method="post",
        expected_version=request.version_id,
        actor="test",
    )
    assert cases.get_case(db, case_id, today=today).values.stage == Stage.DOCUMENTS_SUBMITTED
