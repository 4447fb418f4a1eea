"""Working through the widgets: create a case, log an inquiry, record and answer a document
request; the database changes and the row's level and colour follow the rules at once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from sqlalchemy import func, select

from coetracker.domain.model import Level, Stage
from coetracker.services import cases
from coetracker.services.reference import bureau_for_prefecture, list_statuses
from coetracker.services.settings import OfficeDetails, save_office
from coetracker.storage.models import Case, DocumentRequest, Inquiry
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.palette import LevelPalette
from coetracker.ui.dialogs.conflict_dialog import ConflictDialog, Difference, Resolution
from coetracker.ui.models.case_table_model import COL_CLIENT, COL_LEVEL, ID_ROLE
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def save(qtbot, window: MainWindow, dialog, case_id: int | None = None) -> None:
    """Press the dialog's Save button and wait for the table to show the change."""
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(
        window.caseReloaded,
        timeout=10_000,
        check_params_cb=(lambda c: c == case_id) if case_id is not None else None,
    ):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def row_level(window: MainWindow, case_id: int) -> Level:
    row = window.model.case(case_id)
    assert row is not None
    return row.assessment.level


def row_colour(window: MainWindow, case_id: int):
    source_row = window.model.row_of(case_id)
    assert source_row is not None
    return window.model.index(source_row, COL_CLIENT).data(Qt.ItemDataRole.BackgroundRole)


def colour_of(window: MainWindow, level: Level):
    return LevelPalette(window.palette())[level].background


def chip_count(window: MainWindow, level: Level) -> int:
    return int(window.filter_pane.chips[level].text().rsplit(" ", 1)[1].replace(",", ""))


def create_ready_case(qtbot, window: MainWindow) -> int:
    """Fill the case editor as a user would: a new client in Osaka, filed 87 days ago."""
    assert window.context is not None
    db = window.context.db
    ready_before = chip_count(window, Level.READY)
    editor = window.commands.new_case()
    assert editor is not None
    assert editor.isVisible()
    editor.client.setEditText("株式会社テスト商事")
    assert editor.new_client.isVisible()  # a new client: its details are asked for
    editor.org_prefecture.setCurrentIndex(editor.org_prefecture.findData("大阪府"))
    assert editor.bureau.currentData() == bureau_for_prefecture(db, "大阪府")
    assert "大阪府" in editor.bureau_note.text()
    qtbot.keyClicks(editor.family_name, "MENDOZA")
    qtbot.keyClicks(editor.given_name, "ANA MARIA")
    editor.name_kana.setText("メンドサ・アナ・マリア")
    qtbot.keyClicks(editor.reference, "26-9001")
    engineer = next(s.id for s in list_statuses(db) if s.code == "engineer_humanities")
    editor.status.setCurrentIndex(editor.status.findData(engineer))
    editor.stage.setCurrentIndex(editor.stage.findData(Stage.FILED.value))
    editor.channel.setCurrentIndex(editor.channel.findData("counter"))
    qtbot.keyClicks(editor.filing_date.date_edit.line, "R8.9.1")  # Reiwa 8 = 2026
    editor.application_number.setText("阪就認T26-00001")
    save(qtbot, window, editor)
    assert window.active_editor is None  # saved and closed

    with db.read_session() as session:
        stored = session.scalars(select(Case).where(Case.reference == "26-9001")).one()
        assert stored.filing_date == dt.date(2026, 9, 1)
        assert stored.application_number == "阪就認T26-00001"
        assert stored.bureau_id == bureau_for_prefecture(db, "大阪府")
        assert stored.organization is not None
        assert stored.organization.name == "株式会社テスト商事"
        case_id = stored.id
    # 87 days since filing > 63.2 × 1.2 = 76: ready for a status check.
    assert row_level(window, case_id) == Level.READY
    assert row_colour(window, case_id) == colour_of(window, Level.READY)
    assert chip_count(window, Level.READY) == ready_before + 1
    assert window.current_case_id() == case_id
    assert window.details.overview.headline.text().startswith("Ready for a status check")
    return case_id


def test_create_case_log_inquiry_and_answer_a_document_request(
    qtbot, window: MainWindow, today: dt.date
) -> None:
    assert window.context is not None
    db = window.context.db
    save_office(db, OfficeDetails(user_name="山田"), actor=None)
    case_id = create_ready_case(qtbot, window)

    # Log an inquiry: the cool-down makes the case wait 21 days.
    waiting_before = chip_count(window, Level.WAITING)
    dialog = window.commands.log_inquiry()
    assert dialog is not None
    assert window.details.tabs.currentWidget() is window.details.inquiries
    assert dialog.made_by.text() == "山田"  # the office user from Settings
    assert dialog.when_date.date() == today
    dialog.question.setPlainText("審査状況の確認")
    dialog.answer.setPlainText("審査中です。")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("under_review"))
    save(qtbot, window, dialog, case_id)
    with db.read_session() as session:
        inquiry = session.scalars(select(Inquiry).where(Inquiry.case_id == case_id)).one()
        assert (inquiry.made_by, inquiry.outcome, inquiry.answer) == (
            "山田",
            "under_review",
            "審査中です。",
        )
    assert row_level(window, case_id) == Level.WAITING
    waiting = window.model.case(case_id)
    assert waiting is not None
    assert waiting.assessment.next_check == today + dt.timedelta(days=21)
    assert row_colour(window, case_id) == colour_of(window, Level.WAITING)
    assert chip_count(window, Level.WAITING) == waiting_before + 1
    assert window.details.inquiries.model.rowCount() == 1

    # A document request arrives: documents due, not a call.
    request_dialog = window.commands.add_request()
    assert request_dialog is not None
    assert request_dialog.notice_date.date() == today
    qtbot.keyClicks(request_dialog.deadline.date_edit.line, "2026/12/11")
    request_dialog.items.setPlainText("雇用契約書の写し")
    save(qtbot, window, request_dialog, case_id)
    with db.read_session() as session:
        request = session.scalars(
            select(DocumentRequest).where(DocumentRequest.case_id == case_id)
        ).one()
        assert request.deadline == dt.date(2026, 12, 11)
        assert request.submitted_on is None
    assert row_level(window, case_id) == Level.DOCS_DUE
    assert row_colour(window, case_id) == colour_of(window, Level.DOCS_DUE)
    assert window.details.requests.submit_button.isEnabled()

    # Mark it submitted through its button: the case waits again.
    qtbot.mouseClick(window.details.requests.submit_button, Qt.MouseButton.LeftButton)
    submitted = window.details.requests.active_dialog
    assert submitted is not None and submitted.submitted_on.date() == today
    submitted.method.setCurrentIndex(submitted.method.findData("post"))
    save(qtbot, window, submitted, case_id)
    with db.read_session() as session:
        request = session.scalars(
            select(DocumentRequest).where(DocumentRequest.case_id == case_id)
        ).one()
        assert (request.submitted_on, request.submission_method) == (today, "post")
    assert row_level(window, case_id) == Level.WAITING
    assert row_colour(window, case_id) == colour_of(window, Level.WAITING)
    history = window.details.history.model
    assert history.rowCount() >= 4  # case, inquiry, request created; request changed


def test_a_request_past_its_deadline_turns_the_row_red(qtbot, window: MainWindow) -> None:
    case_id = create_ready_case(qtbot, window)
    dialog = window.commands.add_request()
    assert dialog is not None
    dialog.notice_date.date_edit.setText("2026-11-01")
    dialog.deadline.date_edit.setText("2026-11-20")
    save(qtbot, window, dialog, case_id)
    assert row_level(window, case_id) == Level.DOCS_OVERDUE
    assert row_colour(window, case_id) == colour_of(window, Level.DOCS_OVERDUE)
    model = window.details.requests.model
    assert model.index(0, model.COL_LEFT).data().startswith("OVERDUE")
    # The overdue case is first in urgency order.
    assert window.proxy.index(0, COL_LEVEL).data(ID_ROLE) in {
        r.id for r in window.model.rows() if r.assessment.level == Level.DOCS_OVERDUE
    }


def test_edit_and_delete_an_inquiry_with_confirmation(qtbot, window: MainWindow, answers) -> None:
    assert window.context is not None
    db = window.context.db
    asked = next(
        r for r in window.model.rows() if r.last_inquiry and r.assessment.level != Level.CLOSED
    )
    window.select_case(asked.id)
    pane = window.details.inquiries
    before = pane.model.rowCount()
    assert before >= 1
    dialog = pane.edit_selected()
    assert dialog is not None
    dialog.answer.setPlainText("結果発送済とのこと")
    save(qtbot, window, dialog, asked.id)
    assert pane.model.row_at(0).answer == "結果発送済とのこと"
    answers.confirm = False
    assert not pane.delete_selected()
    assert pane.model.rowCount() == before
    answers.confirm = True
    with qtbot.waitSignal(window.caseReloaded, timeout=10_000):
        assert pane.delete_selected()
    assert pane.model.rowCount() == before - 1
    assert "Delete the inquiry" in answers.questions[-1]
    with db.read_session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Inquiry).where(Inquiry.case_id == asked.id)
            )
            == before - 1
        )


def test_invalid_dates_are_marked_at_the_field_and_nothing_typed_is_lost(
    qtbot, window: MainWindow
) -> None:
    assert window.context is not None
    db = window.context.db
    target = next(r for r in window.model.rows() if r.assessment.level == Level.READY)
    window.select_case(target.id)
    editor = window.commands.edit_case()
    assert editor is not None
    editor.notes.setPlainText("連絡先変更あり")
    editor.filing_date.date_edit.line.setText("2026-02-30")
    qtbot.keyClicks(editor.planned_entry.date_edit.line, "hello")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.filing_date.error.text() == "“2026-02-30”: month 2 of 2026 has no day 30."
    assert not editor.filing_date.error.isHidden()
    assert "is not a date" in editor.planned_entry.error.text()
    assert editor.filing_date.date_edit.text() == "2026-02-30"
    assert editor.notes.toPlainText() == "連絡先変更あり"
    with db.read_session() as session:
        stored_case = session.get(Case, target.id)
        assert stored_case is not None and stored_case.version_id == target.version_id

    # A rule of the services (issued before filing) is shown at its field too.
    editor.filing_date.date_edit.line.setText("2026-09-01")
    editor.planned_entry.date_edit.line.clear()
    editor.issued.date_edit.line.setText("2026-08-01")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.issued.error.text() == "The certificate cannot be issued before the filing date."
    assert editor.filing_date.error.text() == ""
    assert editor.notes.toPlainText() == "連絡先変更あり"
    editor.reject()


def test_a_stale_save_shows_both_values_and_keeps_the_input(
    qtbot, window: MainWindow, answers, today
) -> None:
    assert window.context is not None
    db = window.context.db
    target = next(r for r in window.model.rows() if r.assessment.level == Level.WAITING)
    window.select_case(target.id)
    editor = window.commands.edit_case()
    assert editor is not None
    detail = cases.get_case(db, target.id, today=today)
    # Someone else saves a new application number meanwhile.
    theirs = detail.values.__class__(
        **{
            **{f: getattr(detail.values, f) for f in detail.values.__dataclass_fields__},
            "application_number": "東就認T26-99999",
        }
    )
    cases.update_case(db, target.id, theirs, expected_version=detail.version_id, actor="other")

    editor.application_number.setText("東就認T26-11111")
    editor.notes.setPlainText("mine")
    answers.resolution = Resolution.KEEP_EDITING
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    message, differences = answers.conflicts[-1]
    assert "Someone else changed this case" in message
    number = next(d for d in differences if d.label == "Application no.")
    assert (number.stored, number.yours) == ("東就認T26-99999", "東就認T26-11111")
    assert editor.application_number.text() == "東就認T26-11111"
    assert editor.notes.toPlainText() == "mine"

    answers.resolution = Resolution.OVERWRITE
    save(qtbot, window, editor, target.id)
    with db.read_session() as session:
        stored = session.get(Case, target.id)
        assert stored is not None
        assert (stored.application_number, stored.notes) == ("東就認T26-11111", "mine")


def test_taking_theirs_reloads_the_form(qtbot, window: MainWindow, answers, today) -> None:
    assert window.context is not None
    db = window.context.db
    target = next(r for r in window.model.rows() if r.assessment.level == Level.WAITING)
    window.select_case(target.id)
    editor = window.commands.edit_case()
    assert editor is not None
    detail = cases.get_case(db, target.id, today=today)
    fields = {f: getattr(detail.values, f) for f in detail.values.__dataclass_fields__}
    cases.update_case(
        db,
        target.id,
        detail.values.__class__(**{**fields, "assignee": "鈴木"}),
        expected_version=detail.version_id,
        actor="other",
    )
    editor.assignee.setText("me")
    answers.resolution = Resolution.RELOAD
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.assignee.text() == "鈴木"
    editor.reject()


def test_conflict_dialog_shows_both_sides() -> None:
    dialog = ConflictDialog(
        "Someone else changed this case after you opened it. Nothing was saved.",
        [Difference("Notes", "<b>theirs</b>", "mine")],
    )
    stored, yours = dialog.findChild(QLabel, "stored_1"), dialog.findChild(QLabel, "yours_1")
    assert stored is not None and yours is not None
    assert (stored.text(), yours.text()) == ("<b>theirs</b>", "mine")
    assert stored.textFormat() == Qt.TextFormat.PlainText
    dialog.overwrite_button.click()
    assert dialog.resolution is Resolution.OVERWRITE
    dialog = ConflictDialog("x", [])
    dialog.reload_button.click()
    assert dialog.resolution is Resolution.RELOAD


def test_client_text_that_looks_like_html_is_shown_literally(qtbot, window: MainWindow) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    editor.client.setEditText("<b>x</b> 商事")
    qtbot.keyClicks(editor.family_name, "<b>x</b>")
    editor.notes.setPlainText("<b>x</b>")
    save(qtbot, window, editor)
    case_id = window.current_case_id()
    assert case_id is not None
    overview = window.details.overview
    assert overview.fields.values["notes"].text() == "<b>x</b>"
    assert overview.call.values["client"].text() == "<b>x</b> 商事"
    rich = [
        label
        for label in window.findChildren(QLabel)
        if "<b>" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    ]
    assert rich == []
    source_row = window.model.row_of(case_id)
    assert source_row is not None
    tooltip = window.model.index(source_row, COL_CLIENT).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tooltip and "<b>" not in tooltip.replace("<qt>", "")
    box = dialogs._box(
        None,
        QMessageBox.Icon.Warning,
        "t",
        "<b>x</b>",
        dialogs.StandardButton.Ok,
        dialogs.StandardButton.Ok,
    )
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_today_view_opens_the_case(qtbot, window: MainWindow) -> None:
    view = window.today_view
    assert view.isVisible()
    first = view.model.index(0, 0)
    expected = first.data(Qt.ItemDataRole.UserRole + 1)
    rect = view.list.visualRect(first)
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_case_id() == expected
    assert window.details.case_id == expected


def test_archiving_closes_the_case(qtbot, window: MainWindow, answers) -> None:
    target = next(r for r in window.model.rows() if r.assessment.level == Level.READY)
    window.select_case(target.id)
    closed_before = chip_count(window, Level.CLOSED)
    with qtbot.waitSignal(window.caseReloaded, timeout=10_000):
        window.chrome.archive_action.trigger()
    assert row_level(window, target.id) == Level.CLOSED
    assert chip_count(window, Level.CLOSED) == closed_before + 1
    assert answers.questions and "Archive case" in answers.questions[-1]


def test_keyboard_shortcuts_and_object_names(window: MainWindow) -> None:
    shortcuts = {
        window.chrome.new_case_action: "Ctrl+N",
        window.chrome.find_action: "Ctrl+F",
        window.chrome.log_inquiry_action: "Ctrl+I",
        window.chrome.add_request_action: "Ctrl+D",
        window.chrome.refresh_action: "F5",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys
    for name in (
        "caseTable",
        "searchBox",
        "filterPane",
        "detailTabs",
        "todayView",
        "statusBar",
        "levelChip_READY",
        "levelChip_DOCS_OVERDUE",
        "showClosed",
        "bureauFilter",
    ):
        assert window.findChild(QObject, name) is not None, name


def test_a_stale_inquiry_edit_offers_both_versions(qtbot, window: MainWindow, answers) -> None:
    from coetracker.services.inquiries import update_inquiry
    from coetracker.services.records import InquiryInput

    assert window.context is not None
    db = window.context.db
    asked = next(
        r for r in window.model.rows() if r.last_inquiry and r.assessment.level != Level.CLOSED
    )
    window.select_case(asked.id)
    pane = window.details.inquiries
    record = pane.model.row_at(0)
    dialog = pane.edit_selected()
    assert dialog is not None
    # Someone else edits the same inquiry first.
    fields = {f: getattr(record, f) for f in InquiryInput.__dataclass_fields__}
    update_inquiry(
        db,
        record.id,
        InquiryInput(**{**fields, "answer": "theirs"}),
        expected_version=record.version_id,
        actor="x",
    )
    dialog.answer.setPlainText("mine")
    answers.resolution = Resolution.KEEP_EDITING
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.answer.toPlainText() == "mine"
    _message, differences = answers.conflicts[-1]
    assert [(d.label, d.stored, d.yours) for d in differences] == [("Answer", "theirs", "mine")]
    answers.resolution = Resolution.OVERWRITE
    save(qtbot, window, dialog, asked.id)
    with db.read_session() as session:
        stored_inquiry = session.get(Inquiry, record.id)
        assert stored_inquiry is not None and stored_inquiry.answer == "mine"
