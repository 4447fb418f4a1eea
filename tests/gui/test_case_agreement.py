"""Every view of a case gives it the same level, next check and certificate expiry: the main
window's row, the CSV export of every case, ``list --format json`` and the case's details (what
printing and the detail pane show). A family case filed by its 代理人 without a client company
is among them: every view names its 代理人 where the client is (the CSV leaves the client blank
and holds the 代理人 in its own column)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from coetracker.cli import main
from coetracker.domain.levels import level_short_label
from coetracker.domain.messages import no_translation
from coetracker.domain.model import FilingChannel, Level, Stage
from coetracker.io.csv_codec import ColumnKind, HeaderStyle, unguard_cell
from coetracker.paths import AppPaths
from coetracker.services import reference
from coetracker.services.cases import create_case, get_case
from coetracker.services.csv_export import export_cases
from coetracker.services.inquiries import log_inquiry
from coetracker.services.records import ApplicantInput, CaseInput, InquiryInput
from coetracker.storage.engine import Database
from coetracker.ui.models.case_table_model import (
    COL_CLIENT,
    COL_DEADLINE,
    COL_NEXT_CHECK,
    ID_ROLE,
    LEVEL_ROLE,
    SORT_ROLE,
    CaseTableModel,
)
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

Seen = tuple[str, str, str]  # (level, next check, certificate expiry) as ISO text


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _window_rows(window: MainWindow) -> dict[int, tuple[Level, str, Any]]:
    return _model_rows(window.model)


def _model_rows(model: CaseTableModel) -> dict[int, tuple[Level, str, Any]]:
    seen = {}
    for row in range(model.rowCount()):
        case_id = model.data(model.index(row, 0), ID_ROLE)
        level = model.data(model.index(row, 0), LEVEL_ROLE)
        next_check = model.data(model.index(row, COL_NEXT_CHECK), SORT_ROLE)
        deadline = model.data(model.index(row, COL_DEADLINE), SORT_ROLE)
        seen[case_id] = (level, _iso(next_check), deadline)
    return seen


def _export_rows(db: Database, tmp_path: Path, today: dt.date) -> list[dict[str, str]]:
    target = tmp_path / "cases.csv"
    export_cases(db, target, today=today, header_style=HeaderStyle.EN)
    text = target.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _json_rows(
    paths: AppPaths, today: dt.date, capsys: pytest.CaptureFixture[str], monkeypatch
) -> list[dict[str, Any]]:
    monkeypatch.setenv("COETRACKER_TODAY", today.isoformat())
    monkeypatch.setenv("COETRACKER_LANG", "en")
    capsys.readouterr()
    assert main(["--db", str(paths.db_path), "list", "--format", "json"]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return rows


def test_window_export_json_and_details_agree_on_every_sample_case(
    window: MainWindow,
    window_db: Database,
    filled: AppPaths,
    today: dt.date,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
) -> None:
    spouse = next(s.id for s in reference.list_statuses(window_db) if s.code == "dependent")
    family_id = create_case(
        window_db,
        CaseInput(
            applicant=ApplicantInput(family_name="LIN", given_name="MEI"),
            residence_status_id=spouse,
            reference="26-FAM1",
            agent_name="林 伟",
            agent_relationship="夫",
            agent_prefecture="東京都",
            stage=Stage.FILED,
            channel=FilingChannel.COUNTER,
            filing_date=today - dt.timedelta(days=20),
            application_number="東家認T26-77",
        ),
        actor=None,
    )
    # An online-system check with a follow-up date on each waiting case: the follow-up must
    # move the next check in every view alike.
    waiting = [
        case_id
        for case_id, (level, _next, _deadline) in _window_rows(window).items()
        if level is Level.WAITING
    ]
    assert waiting
    for case_id in waiting:
        made = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(9))
        later = today + dt.timedelta(days=200)
        log_inquiry(
            window_db,
            case_id,
            InquiryInput(made, channel="online_system", follow_up_date=later),
            actor=None,
        )
    with qtbot.waitSignal(window.rowsLoaded, timeout=20_000):
        window.reload()
    shown = _window_rows(window)
    assert all(shown[case_id][1] >= _iso(today + dt.timedelta(days=200)) for case_id in waiting)
    listed = {int(item["id"]): item for item in _json_rows(filled, today, capsys, monkeypatch)}
    exported = _export_rows(window_db, tmp_path, today)
    labels = {level_short_label(level).render(no_translation): level for level in Level}

    assert len(shown) == len(listed) == len(exported) == 45
    model = window.model
    family_row = next(
        row
        for row in range(model.rowCount())
        if model.data(model.index(row, 0), ID_ROLE) == family_id
    )
    assert model.data(model.index(family_row, COL_CLIENT)) == "林 伟"
    assert listed[family_id]["client"] == "林 伟"
    family_cells = next(c for c in exported if c["reference"].lstrip("'") == "26-FAM1")
    assert (family_cells["client"], family_cells["agent_name"]) == ("", "林 伟")
    assert get_case(window_db, family_id, today=today).client_name == "林 伟"
    assert len({level for level, _next, _deadline in shown.values()}) >= 8  # every kind shows
    by_reference = {str(item["reference"]): int(item["id"]) for item in listed.values()}
    expiries = 0
    for cells in exported:
        case_id = by_reference[unguard_cell(cells["reference"], ColumnKind.IDENTIFIER)]
        item = listed[case_id]
        level, next_check, deadline = shown[case_id]
        detail = get_case(window_db, case_id, today=today).assessment
        assert labels[cells["readiness"]] is level, cells["reference"]
        assert Level[str(item["level"])] is level is detail.level
        assert cells["next_check"] == (item["next_check"] or "") == next_check
        assert next_check == _iso(detail.next_check)
        assert cells["coe_expiry_date"] == (item["coe_expiry"] or "") == _iso(detail.coe_expiry)
        if level in (Level.COE_EXPIRING, Level.ISSUED):
            # The window's deadline column shows the certificate's expiry for these levels.
            assert _iso(deadline) == cells["coe_expiry_date"] != ""
            expiries += 1
    assert expiries > 0


def test_list_export_json_and_printout_agree_on_10000_synthetic_cases(
    tmp_path: Path,
    today: dt.date,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same agreement at size: the window's model fed by the case list, the CSV export and
    ``list --format json`` for every one of 10,000 varied cases; the case details and the
    printed summary for every 100th."""
    from benchmarks.synthetic import build_database
    from coetracker.domain.levels import assessment_short_label, expired_label
    from coetracker.printing.documents import case_summary_for
    from coetracker.printing.html import esc
    from coetracker.services.caselist import list_cases
    from coetracker.services.print_documents import case_for_print

    path = tmp_path / "synthetic.sqlite3"
    db = build_database(path, 10_000, today=today)
    # Every 500th case a family case filed by its 代理人, without a client company.
    with db.write_session() as session:
        session.execute(
            text(
                'UPDATE "case" SET organization_id = NULL, agent_name = :agent WHERE id % 500 = 0'
            ),
            {"agent": "林 伟"},
        )
    try:
        model = CaseTableModel()
        model.set_rows(list_cases(db, today=today))
        shown = _model_rows(model)
        monkeypatch.setenv("COETRACKER_TODAY", today.isoformat())
        monkeypatch.setenv("COETRACKER_LANG", "en")
        capsys.readouterr()
        assert main(["--db", str(path), "list", "--format", "json"]) == 0
        listed = {int(item["id"]): item for item in json.loads(capsys.readouterr().out)}
        exported = _export_rows(db, tmp_path, today)
        labels = {level_short_label(level).render(no_translation): level for level in Level}
        labels[expired_label().render(no_translation)] = Level.COE_EXPIRING  # 期限切れ

        assert len(shown) == len(listed) == len(exported) == 10_000
        counts: dict[Level, int] = {}
        without_client = 0
        by_reference = {str(item["reference"]): case_id for case_id, item in listed.items()}
        for cells in exported:
            case_id = by_reference[unguard_cell(cells["reference"], ColumnKind.IDENTIFIER)]
            item = listed[case_id]
            level, next_check, _deadline = shown[case_id]
            label = cells["readiness"]
            assert labels[label] is level, cells["reference"]
            assert Level[str(item["level"])] is level
            assert cells["next_check"] == (item["next_check"] or "") == next_check
            assert cells["coe_expiry_date"] == (item["coe_expiry"] or "")
            if case_id % 500 == 0:
                assert (cells["client"], item["client"]) == ("", "林 伟")
                without_client += 1
            counts[level] = counts.get(level, 0) + 1
            if case_id % 100:
                continue
            detail = get_case(db, case_id, today=today).assessment
            assert detail.level is level and _iso(detail.next_check) == next_check
            assert _iso(detail.coe_expiry) == cells["coe_expiry_date"]
            summary = case_summary_for(case_for_print(db, case_id, today=today)).html
            assert esc(assessment_short_label(detail).render(no_translation)) in summary
        assert len(counts) >= 6, counts  # the synthetic cases reach most levels
        assert without_client == 20
    finally:
        db.dispose()
