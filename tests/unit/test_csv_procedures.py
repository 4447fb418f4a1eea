"""CSV with the after-arrival columns: 申請種別, 在留期間 and 在留期限 survive a round trip through
two real databases; a sheet without them (the offices' old sheets) imports as COE cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coetracker.domain.model import Level
from coetracker.domain.procedures import Procedure
from coetracker.io.csv_columns import lookup_period, period_text
from coetracker.services import cards
from coetracker.services.caselist import list_cases
from coetracker.services.csv_export import export_cases
from coetracker.services.csv_import import apply_import, read_import
from coetracker.storage.engine import Database, open_database

TODAY = dt.date(2026, 11, 27)


def _by_reference(db: Database) -> dict[str | None, tuple[Procedure, dt.date | None, Level]]:
    # The archived sample case is left out (the window's list hides it).
    return {
        r.reference: (r.procedure, r.card_expiry, r.assessment.level)
        for r in list_cases(db, today=TODAY)
        if not r.archived
    }


def test_round_trip_keeps_procedures_and_cards(demo_database: Database, tmp_path: Path) -> None:
    db = demo_database
    out = tmp_path / "all.csv"
    export_cases(db, out, today=TODAY)
    text = out.read_bytes().decode("utf-8-sig")
    header = text.split("\r\n", 1)[0]
    assert "申請種別,在留期間,在留期限," in header
    assert "在留期間更新" in text and "在留資格変更" in text and ",1年," in text

    target, _ = open_database(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    try:
        plan = read_import(target, out.read_bytes())
        assert plan.ok, plan.sheet.problems
        apply_import(target, plan, actor="test")
        copied = _by_reference(target)
        archived = {r.reference for r in list_cases(db, today=TODAY) if r.archived}
        assert {k: v for k, v in copied.items() if k not in archived} == _by_reference(db)
        assert (
            sum(level is Level.RENEWAL_DUE for _p, _e, level in _by_reference(target).values()) == 2
        )
        expiries = cards.upcoming_expiries(target, today=TODAY)
        assert [r.expiry_date for r in expiries] == [
            r.expiry_date for r in cards.upcoming_expiries(db, today=TODAY)
        ]
    finally:
        target.dispose()


def test_a_sheet_without_the_new_columns_imports_as_coe_cases(db: Database) -> None:
    sheet = (
        "受託番号,所属機関,申請人(姓),申請人(名),進捗,申請日,申請番号\r\n"
        "R-1,株式会社テスト,NGUYEN,AN,申請済,2026-10-01,東就認T26-1\r\n"
        "R-2,株式会社テスト,TRAN,HOA,入国済,2026-01-05,東就認T26-2\r\n"
    ).encode("utf-8-sig")
    plan = read_import(db, sheet)
    assert plan.ok, plan.sheet.problems
    apply_import(db, plan, actor="test")
    rows = {r.reference: r for r in list_cases(db, today=TODAY)}
    assert {r.procedure for r in rows.values()} == {Procedure.COE}
    assert rows["R-2"].card_expiry is None
    assert rows["R-2"].assessment.level is Level.CLOSED  # card details missing: not an error


def test_import_proposes_the_expiry_from_entry_and_period(db: Database) -> None:
    sheet = (
        "所属機関,申請人(姓),進捗,入国日,申請種別,在留期間\r\n"
        "株式会社テスト,LE,入国済,2024-02-29,在留資格認定,1年\r\n"
        "株式会社テスト,DO,申請済,,更新,\r\n"
    ).encode("utf-8-sig")
    plan = read_import(db, sheet)
    assert plan.ok, plan.sheet.problems
    apply_import(db, plan, actor="test")
    rows = {r.family_name: r for r in list_cases(db, today=TODAY)}
    assert rows["LE"].card_expiry == dt.date(2025, 2, 28)
    assert rows["DO"].procedure is Procedure.RENEWAL


def test_new_cases_written_in_bulk_keep_their_procedure(db: Database) -> None:
    sheet = (
        "所属機関,申請人(姓),進捗,申請日,申請種別\r\n"
        "株式会社テスト,LE,申請済,2026-10-01,在留期間更新\r\n"
        "株式会社テスト,DO,申請済,2026-10-02,在留資格変更\r\n"
        "株式会社テスト,VU,申請済,2026-10-03,\r\n"
    ).encode("utf-8-sig")
    plan = read_import(db, sheet)
    assert plan.ok, plan.sheet.problems
    apply_import(db, plan, actor="test")
    rows = {r.family_name: r.procedure for r in list_cases(db, today=TODAY)}
    assert rows == {"LE": Procedure.RENEWAL, "DO": Procedure.CHANGE, "VU": Procedure.COE}


def test_unknown_procedure_is_a_problem_by_row_and_column(db: Database) -> None:
    sheet = "所属機関,申請人(姓),申請種別\r\n株式会社テスト,LE,永住\r\n".encode("utf-8-sig")
    plan = read_import(db, sheet)
    assert not plan.ok
    (problem,) = plan.sheet.problems
    assert (problem.row, problem.column) == (2, "申請種別")


def test_period_words() -> None:
    assert lookup_period("1年") == 12
    assert lookup_period("6か月") == 6
    assert lookup_period("３年") == 36
    assert lookup_period("5 years") == 60
    assert lookup_period("6") == 6
    assert lookup_period("0年") is None
    assert lookup_period("ずっと") is None
    assert period_text(12) == "1年" and period_text(6) == "6か月"
