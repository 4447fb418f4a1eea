"""Extensions of stay and changes of status read their own procedure's published figures on a
real SQLite file: the status's figure (largest of the three latest months), else the procedure's
average across statuses, else the value in Settings — and the reasons say which."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete

from coetracker.domain.model import FilingChannel, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services import cases, reference
from coetracker.services.benchmark_table import benchmark_table
from coetracker.services.caselist import list_cases
from coetracker.services.records import ApplicantInput, CaseInput, OrganizationInput
from coetracker.storage.engine import Database
from coetracker.storage.models import ProcessingBenchmark

D = dt.date
TODAY = D(2026, 4, 1)


def _status(db: Database, name: str) -> int:
    return next(s.id for s in reference.list_statuses(db) if s.name_ja == name)


def test_seeded_figures_per_procedure_and_the_averages_across_statuses(db: Database) -> None:
    with db.read_session() as session:
        table = benchmark_table(session)
    ssw = table.pick(_status(db, "特定技能1号"), Procedure.RENEWAL)
    assert ssw is not None
    # 2025-11: 38.6, 2025-12: 23.9 → the larger, with the newest month.
    assert (ssw.days, ssw.period, ssw.newest_period) == (38.6, "2025-11", "2025-12")
    assert table.pick(_status(db, "特定技能1号"), Procedure.CHANGE).days == 58.5  # type: ignore[union-attr]
    # 留学 has no 更新 figure: the average of the six statuses' figures (each the larger of
    # its months): (48.0 + 38.4 + 29.0 + 38.6 + 44.9 + 36.3) / 6 = 39.2.
    student = table.pick(_status(db, "留学"), Procedure.RENEWAL)
    assert student is not None
    assert (student.days, student.statuses, student.period) == (39.2, 6, "2025-12")
    # 変更: (68.6 + 41.6 + 44.3 + 58.5 + 58.9 + 30.3) / 6 = 50.37 → 50.4.
    assert table.pick(_status(db, "留学"), Procedure.CHANGE).days == 50.4  # type: ignore[union-attr]
    # A COE never borrows another status's figure (the policy's fallback applies).
    assert table.pick(_status(db, "育成就労"), Procedure.COE) is None
    tit = table.pick(_status(db, "技能実習1号イ"), Procedure.COE)
    assert tit is not None and (tit.days, tit.period) == (20.0, "2020-Q4")


def _renewal_case(db: Database, status: str) -> int:
    return cases.create_case(
        db,
        CaseInput(
            applicant=ApplicantInput(family_name="TRAN", given_name="THI"),
            organization=OrganizationInput(name="株式会社さくら精工", prefecture="東京都"),
            residence_status_id=_status(db, status),
            bureau_id=reference.bureau_for_prefecture(db, "東京都"),
            channel=FilingChannel.COUNTER,
            filing_date=D(2026, 2, 2),
            application_number="東更T26-1",
            stage=Stage.FILED,
            procedure=Procedure.RENEWAL,
        ),
        actor="tester",
    )


def _benchmark_reason(db: Database, case_id: int) -> str:
    (row,) = list_cases(db, today=TODAY, case_ids=[case_id], explain=True)
    return next(r.text.render() for r in row.assessment.reasons if r.rule == "benchmark")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            "特定技能1号",
            "average for 特定技能1号 (Extension of period of stay) is 38.6 days (11/2025) × 1.2"
            " = 47 days → ready from 2026-03-23",
        ),
        (
            "留学",
            "no published figure for 留学 (Extension of period of stay): the average across 6"
            " statuses is 39.2 days (12/2025) × 1.2 = 48 days → ready from 2026-03-23",
        ),
    ],
)
def test_the_reason_names_the_figure_used(db: Database, status: str, expected: str) -> None:
    case_id = _renewal_case(db, status)
    assert _benchmark_reason(db, case_id) == f"Filed 2026-02-02, 58 days ago; {expected}"


def test_with_no_figure_for_the_procedure_the_settings_value_is_used(db: Database) -> None:
    case_id = _renewal_case(db, "特定技能1号")
    with db.write_session() as session:
        session.execute(
            delete(ProcessingBenchmark).where(ProcessingBenchmark.procedure == "在留期間更新")
        )
    # Settings: 45 days for an extension × 1.2 = 54 → 2026-03-28 (Sat) → Mon 03-30.
    assert _benchmark_reason(db, case_id) == (
        "Filed 2026-02-02, 58 days ago; no published figure for Extension of period of stay,"
        " using the value in Settings, 45 days × 1.2 = 54 days → ready from 2026-03-30"
    )
    detail = cases.get_case(db, case_id, today=TODAY)
    reasons = [r.text.render() for r in detail.assessment.reasons if r.rule == "benchmark"]
    assert reasons == [_benchmark_reason(db, case_id)]  # the detail reads the same facts
