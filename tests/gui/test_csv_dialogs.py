"""CSV export and import dialogs (issue 5): offscreen, no modal loops.

``QFileDialog`` statics and the dialogs' ``exec`` are replaced by functions that set the widgets
the way a user would and answer; message boxes are recorded by the ``answers`` fixture. Text is
put into widgets with ``setText`` (``keyClicks`` with non-ASCII aborts the process, DESIGN §12).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel
from sqlalchemy import func, select

from coetracker.io.csv_codec import read_csv
from coetracker.io.xlsx_read import read_xlsx_file
from coetracker.paths import AppPaths
from coetracker.services.caselist import list_cases, sort_by_urgency
from coetracker.services.opening import open_app_database
from coetracker.storage.engine import Database
from coetracker.storage.models import Case, Organization
from coetracker.ui.features import csv_actions as csv_dialogs
from coetracker.ui.features.csv_actions import (
    COL_PROBLEMS,
    COL_REFERENCE,
    COL_STATUS,
    PLANNED_ROW_ROLE,
    PROBLEM_COUNT_ROLE,
    ColumnMappingModel,
    EncodingProblemsDialog,
    ExportDialog,
    ImportPreviewDialog,
    ImportPreviewModel,
    run_export,
    run_import,
)

pytestmark = pytest.mark.gui

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def db(filled: AppPaths):
    database = open_app_database(filled).database
    yield database
    database.dispose()


def case_count(db: Database) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []

    def fake(*args: Any, **_kw: Any) -> tuple[str, str]:
        calls.append(args)
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return calls


def open_from(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path) if path else "", "")
    )


def choose_export(
    monkeypatch: pytest.MonkeyPatch,
    *,
    every: bool = False,
    encoding: str = "utf-8-sig",
    headers: str = "ja",
    file_format: str = "csv",
) -> list[ExportDialog]:
    seen: list[ExportDialog] = []

    def fake_exec(self: ExportDialog) -> int:
        seen.append(self)
        (self.all_radio if every else self.shown_radio).setChecked(True)
        self.format_combo.setCurrentIndex(self.format_combo.findData(file_format))
        self.encoding_combo.setCurrentIndex(self.encoding_combo.findData(encoding))
        self.headers_combo.setCurrentIndex(self.headers_combo.findData(headers))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    return seen


def references_in(path: Path) -> list[str]:
    sheet = read_csv(path.read_bytes())
    assert sheet.ok
    return [r.reference for r in sheet.records]


# --- export -----------------------------------------------------------------------------------


def test_export_writes_the_rows_shown_in_their_order(
    qtbot, db: Database, answers, monkeypatch, tmp_path: Path, today: dt.date
) -> None:
    rows = sort_by_urgency(list_cases(db, today=today))[5:12][::-1]
    choose_export(monkeypatch)
    target = tmp_path / "shown"
    calls = save_to(monkeypatch, target)
    written = run_export(None, db, rows, today, tmp_path / "settings")
    assert written == tmp_path / "shown.csv"  # the suffix is added
    assert written.read_bytes().startswith(BOM)
    assert references_in(written) == [r.reference for r in rows]
    assert calls and str(calls[0][2]).endswith(f"coetracker-{today.isoformat()}.csv")
    assert any("Exported 7 cases" in text for text in answers.questions)


def test_export_every_case_with_english_headers(
    qtbot, db: Database, answers, monkeypatch, tmp_path: Path, today: dt.date
) -> None:
    choose_export(monkeypatch, every=True, headers="en")
    save_to(monkeypatch, tmp_path / "all.csv")
    written = run_export(None, db, [], today, tmp_path)
    assert written is not None
    assert len(references_in(written)) == case_count(db)
    assert written.read_bytes()[3:].startswith(b"reference,client,")


def test_cp932_problems_are_listed_and_utf8_is_offered(
    qtbot, db: Database, answers, monkeypatch, tmp_path: Path, today: dt.date
) -> None:
    choose_export(monkeypatch, every=True, encoding="cp932")
    target = tmp_path / "sjis.csv"
    save_to(monkeypatch, target)
    shown: list[str] = []

    def refuse(self: EncodingProblemsDialog) -> int:
        shown.append(self.list.toPlainText())
        assert not target.exists()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(EncodingProblemsDialog, "exec", refuse)
    assert run_export(None, db, [], today, tmp_path) is None
    assert not target.exists()
    (text,) = shown
    # 陳郁婷 in the sample data: named by 受託番号, applicant and column.
    assert "CHEN YU-TING, column 申請人(漢字)" in text and "U+5A77" in text
    assert text.startswith("26-")

    def utf8_instead(self: EncodingProblemsDialog) -> int:
        self.utf8_button.click()
        return self.result()

    monkeypatch.setattr(EncodingProblemsDialog, "exec", utf8_instead)
    assert run_export(None, db, [], today, tmp_path) == target
    assert target.read_bytes().startswith(BOM)
    assert "陳郁婷" in target.read_bytes().decode("utf-8-sig")

    def workbook_instead(self: EncodingProblemsDialog) -> int:
        assert self.xlsx_button.isVisibleTo(self)
        self.xlsx_button.click()
        return self.result()

    monkeypatch.setattr(EncodingProblemsDialog, "exec", workbook_instead)
    target.unlink()
    written = run_export(None, db, [], today, tmp_path)
    assert written == tmp_path / "sjis.xlsx" and not target.exists()
    assert any(r.name_kanji == "陳郁婷" for r in read_xlsx_file(written).records)


def test_export_dialog_remembers_choices(
    qtbot, tmp_path: Path, monkeypatch, db, answers, today
) -> None:
    choose_export(monkeypatch, every=True, encoding="cp932", headers="en")
    save_to(monkeypatch, None)  # cancelled at the file dialog: nothing written
    assert run_export(None, db, [], today, tmp_path) is None
    settings = csv_dialogs._settings(tmp_path)
    dialog = ExportDialog(None, shown=3, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.every_case and dialog.encoding == "cp932"
    assert dialog.header_style.value == "en"
    assert "3 cases shown" in dialog.shown_radio.text()
    empty = ExportDialog(None, shown=0)
    qtbot.addWidget(empty)
    assert empty.every_case and not empty.shown_radio.isEnabled()


def test_unwritable_target_is_reported(
    qtbot, db, answers, monkeypatch, tmp_path: Path, today
) -> None:
    choose_export(monkeypatch)
    save_to(monkeypatch, tmp_path / "missing-folder" / "x.csv")
    rows = list_cases(db, today=today)[:2]
    assert run_export(None, db, rows, today, tmp_path) is None
    assert answers.errors and "could not be written" in answers.errors[0]


# --- the preview model ------------------------------------------------------------------------

SHEET = (
    "受託番号,所属機関,申請人(姓),申請人(名),申請人(漢字),申請日,在留資格,申請先,進捗,社内メモ,有効期限\n"
    "N-1,<b>株式会社</b>,LI,WEI,李偉,令和7年11月3日,留学,東京,申請済,x,\n"
    "N-2,株式会社B,KIM,MIN,,2023-02-29,魔法,東京,申請済,,\n"
    "26-0001,株式会社C,NGUYEN,VAN AN,,2025-11-03,留学,東京,申請済,,\n"
)


def preview(
    qtbot, db: Database, text: str = SHEET, encoding: str = "utf-8", **kw: Any
) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(
        None,
        db=db,
        data=text.replace("\n", "\r\n").encode(encoding),
        file_name="/tmp/office.csv",
        actor="tester",
        **kw,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_preview_models_pass_the_model_tester(qtbot, qtmodeltester, db: Database) -> None:
    dialog = preview(qtbot, db)
    assert dialog.model.rowCount() == 3
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.mapping_model)
    empty = ImportPreviewModel()
    qtmodeltester.check(empty)
    empty.set_plan(dialog.plan)
    qtmodeltester.check(empty)
    mapping = ColumnMappingModel()
    mapping.set_sheet(None)
    qtmodeltester.check(mapping)


def test_preview_shows_every_row_its_problems_and_duplicates(qtbot, db: Database) -> None:
    before = case_count(db)
    dialog = preview(qtbot, db)
    model = dialog.model

    def cell(row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(row, column), role)

    assert [cell(r, COL_REFERENCE) for r in range(3)] == ["N-1", "N-2", "26-0001"]
    assert cell(0, COL_STATUS) == "New case"
    assert cell(1, COL_STATUS) == "Not importable"
    assert cell(2, COL_STATUS) == "Duplicate of 26-0001"
    assert cell(0, 0, PROBLEM_COUNT_ROLE) == 0
    assert cell(1, 0, PROBLEM_COUNT_ROLE) == 2
    assert "申請日:" in cell(1, COL_PROBLEMS) and "在留資格: Unknown status" in cell(
        1, COL_PROBLEMS
    )
    assert cell(1, 0, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(0, 0, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(2, COL_REFERENCE, Qt.ItemDataRole.BackgroundRole) is not None  # duplicate
    assert cell(2, 0, PLANNED_ROW_ROLE).duplicate
    assert model.data(QModelIndex()) is None
    # Client data is shown as written, and tool tips escape it.
    assert cell(0, 3) == "<b>株式会社</b>"
    assert "&lt;b&gt;" in cell(0, 3, Qt.ItemDataRole.ToolTipRole)
    problems = dialog.problem_list.toPlainText().splitlines()
    assert problems[0].startswith("Row 3, 申請日:")
    assert problems[1].startswith("Row 3, 在留資格:")
    assert problems[2].startswith("Row 4, 受託番号: Duplicate: case 26-0001")
    assert not dialog.import_button.isEnabled()
    summary = dialog.summary_label.text()
    assert "Rows: 3. New cases: 1. Updates: 0. Rows with problems: 2." in summary
    assert "Duplicates (受託番号 or 申請番号 of an existing case): 1" in summary
    assert "社内メモ" in summary and "(3 in all)" in summary
    assert dialog.summary_label.textFormat() == Qt.TextFormat.PlainText
    mapping = dialog.mapping_model
    pairs = [
        (mapping.data(mapping.index(r, 0)), mapping.data(mapping.index(r, 1)))
        for r in range(mapping.rowCount())
    ]
    assert ("申請人(姓)", "申請人(姓)") in pairs
    assert ("社内メモ", "ignored: unknown column") in pairs
    assert ("有効期限", "ignored: computed on export") in pairs
    # Ticking "update" turns the duplicate into an update; the other problems remain.
    dialog.update_check.setChecked(True)
    assert cell(2, COL_STATUS) == "Updates 26-0001"
    assert dialog.plan is not None and dialog.plan.updates == 1
    assert len(dialog.problem_list.toPlainText().splitlines()) == 2
    assert not dialog.import_button.isEnabled()
    assert dialog.import_now() is False
    assert case_count(db) == before


def test_encoding_is_detected_and_can_be_chosen(qtbot, db: Database) -> None:
    text = "所属機関,申請人(姓),申請日\n株式会社さくら,LI,R7.11.3\n"
    dialog = preview(qtbot, db, text, encoding="cp932")
    assert "Shift_JIS" in dialog.detected_label.text()
    assert dialog.import_button.isEnabled()
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("utf-8"))
    assert dialog.plan is None and "not valid utf-8 text" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("cp932"))
    assert dialog.plan is not None and dialog.plan.ok
    assert dialog.model.data(dialog.model.index(0, 3)) == "株式会社さくら"


def test_import_writes_every_row_after_a_backup(qtbot, db: Database, answers) -> None:
    before = case_count(db)
    taken: list[int] = []

    def backup() -> Path:
        taken.append(case_count(db))
        return Path("/backup.sqlite3")

    text = "所属機関,申請人(姓),申請日\n株式会社X,ONE,2025-11-03\n株式会社X,TWO,2025/11/4\n"
    dialog = preview(qtbot, db, text, backup=backup)
    assert case_count(db) == before  # nothing is written by the preview
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 2 rows"
    dialog.import_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert taken == [before]
    assert case_count(db) == before + 2
    assert dialog.result_summary is not None and dialog.result_summary.created == 2


def test_import_refused_when_the_database_changed(qtbot, db: Database, answers) -> None:
    text = "受託番号,所属機関,申請人(姓)\nLATE-1,株式会社X,ONE\n"
    dialog = preview(qtbot, db, text)
    assert dialog.import_button.isEnabled()
    from coetracker.services.csv_import import apply_import, read_import

    apply_import(db, read_import(db, text.encode()), actor="someone else")
    before = case_count(db)
    assert dialog.import_now() is False
    assert answers.errors and "changed" in answers.errors[0]
    assert case_count(db) == before
    assert dialog.model.data(dialog.model.index(0, COL_STATUS)) == "Duplicate of LATE-1"


# --- the whole import flow ---------------------------------------------------------------------


def test_run_import_after_confirmation(
    qtbot, filled: AppPaths, db: Database, answers, monkeypatch, tmp_path: Path, today
) -> None:
    sheet = tmp_path / "office.csv"
    sheet.write_bytes(
        "受託番号,所属機関,申請人(姓),申請日,最終問合せ日\r\nNEW-1,株式会社新規,PARK,令和7年11月3日,R7.11.20\r\n".encode(
            "cp932"
        )
    )
    open_from(monkeypatch, sheet)
    before = case_count(db)

    def confirm(self: ImportPreviewDialog) -> int:
        assert case_count(db) == before
        self.import_button.click()
        return self.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", confirm)
    assert run_import(None, db, filled, today) is True
    assert case_count(db) == before + 1
    assert list(filled.backup_dir.glob("*pre-import*.sqlite3"))
    assert any("1 cases added" in text for text in answers.questions)
    with db.read_session() as session:
        assert session.scalar(select(Organization.id).where(Organization.name == "株式会社新規"))


def test_run_import_cancelled_writes_nothing(
    qtbot, filled: AppPaths, db: Database, answers, monkeypatch, tmp_path: Path, today
) -> None:
    sheet = tmp_path / "office.csv"
    sheet.write_text("所属機関,申請人(姓)\n株式会社X,ONE\n", encoding="utf-8")
    open_from(monkeypatch, sheet)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    before = case_count(db)
    assert run_import(None, db, filled, today) is False
    assert case_count(db) == before
    assert not list(filled.backup_dir.glob("*pre-import*"))
    open_from(monkeypatch, None)
    assert run_import(None, db, filled, today) is False


def test_unreadable_file_is_explained(
    qtbot, filled: AppPaths, db: Database, answers, monkeypatch, tmp_path: Path, today
) -> None:
    sheet = tmp_path / "photo.csv"
    sheet.write_bytes(bytes(range(256)) * 4)
    open_from(monkeypatch, sheet)
    monkeypatch.setattr(
        ImportPreviewDialog, "exec", lambda self: pytest.fail("no preview for an unreadable file")
    )
    assert run_import(None, db, filled, today) is False
    assert answers.errors and "NUL bytes" in answers.errors[0]


def test_actions_in_the_file_menu(qtbot, window, answers, monkeypatch, tmp_path: Path) -> None:
    from coetracker.paths import resolve_paths

    context = window.context
    assert context is not None
    app_paths = resolve_paths(db=str(context.db.path), data_dir=tmp_path, environ={})
    import_action, export_action = csv_dialogs.install_actions(window, app_paths)
    assert import_action in window.chrome.file_menu.actions()
    assert export_action in window.chrome.file_menu.actions()
    assert export_action.shortcut().toString() == "Ctrl+E"
    choose_export(monkeypatch)
    written = tmp_path / "from-window.csv"
    save_to(monkeypatch, written)
    export_action.trigger()
    shown = window.visible_rows()
    assert shown and references_in(written) == [r.reference for r in shown]

    sheet = tmp_path / "in.csv"
    sheet.write_text("所属機関,申請人(姓)\n株式会社窓口,MENU\n", encoding="utf-8")
    open_from(monkeypatch, sheet)

    def confirm(self: ImportPreviewDialog) -> int:
        self.import_button.click()
        return self.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", confirm)
    before = case_count(context.db)
    with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
        import_action.trigger()
    assert case_count(context.db) == before + 1


# --- Excel workbooks ----------------------------------------------------------------------------


def test_export_dialog_offers_the_workbook_first_and_says_why(qtbot) -> None:
    dialog = ExportDialog(None, shown=3)
    qtbot.addWidget(dialog)
    assert dialog.file_format == "xlsx"
    assert not dialog.encoding_combo.isEnabled()  # an encoding is for CSV only
    advice = dialog.findChild(QLabel, "formatAdvice")
    assert advice is not None and "Excel" in advice.text()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    assert dialog.encoding_combo.isEnabled()


def test_export_as_workbook_writes_typed_cells(
    qtbot, db: Database, answers, monkeypatch, tmp_path: Path, today: dt.date
) -> None:
    from openpyxl import load_workbook

    rows = sort_by_urgency(list_cases(db, today=today))[:5]
    choose_export(monkeypatch, file_format="xlsx")
    calls = save_to(monkeypatch, tmp_path / "shown")
    written = run_export(None, db, rows, today, tmp_path / "settings")
    assert written == tmp_path / "shown.xlsx"
    assert "xlsx" in str(calls[0][3])  # the file dialog's filter
    sheet = load_workbook(written).worksheets[0]
    assert [c.value for c in sheet["A"][1:]] == [r.reference for r in rows]


def test_workbook_preview_offers_its_sheets(qtbot, db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "メモ"
    book.active.append(["この台帳について"])
    ledger = book.create_sheet("台帳")
    ledger.append(["所属機関", "申請人(姓)"])
    ledger.append(["株式会社さくら", "LE"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    dialog = ImportPreviewDialog(
        None, db=db, data=path.read_bytes(), file_name=str(path), actor=None
    )
    qtbot.addWidget(dialog)
    assert dialog.sheet_combo.isVisibleTo(dialog) and dialog.sheet_combo.isEnabled()
    assert [dialog.sheet_combo.itemText(i) for i in range(2)] == ["メモ", "台帳"]
    assert dialog.sheet == "台帳" and dialog.plan is not None and dialog.plan.ok
    dialog.sheet_combo.setCurrentIndex(0)
    dialog.sheet_combo.activated.emit(0)
    assert dialog.plan is not None and not dialog.plan.ok  # the notes sheet has no headers
