"""The editing dialogs keep what was typed: errors stay until fixed, nothing closes unasked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from coetracker.domain.model import Level, Stage
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _leave(qtbot, line) -> None:
    """Type is done: the field loses focus as with Tab."""
    line.editingFinished.emit()


def test_save_after_a_shown_date_error_keeps_the_message_and_focus(
    qtbot, window: MainWindow
) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    editor.client.setEditText("株式会社テスト商事")
    qtbot.keyClicks(editor.family_name, "MENDOZA")
    qtbot.keyClicks(editor.issued.date_edit.line, "2026/13/45")
    _leave(qtbot, editor.issued.date_edit.line)
    assert editor.issued.error_text()
    for _attempt in range(2):  # every time, not only the first
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.isVisible()
        assert "no month 13" in editor.issued.error.text()
        assert not editor.issued.error.isHidden()
        assert editor.focusWidget() is editor.issued.date_edit.line
        assert editor.issued.date_edit.text() == "2026/13/45"
    editor.issued.date_edit.line.clear()
    editor.reject()


def test_inquiry_follow_up_error_survives_save(qtbot, window: MainWindow, answers) -> None:
    target = next(r for r in window.model.rows() if r.assessment.level == Level.READY)
    window.select_case(target.id)
    dialog = window.commands.log_inquiry()
    assert dialog is not None
    dialog.question.setPlainText("審査状況の確認")
    qtbot.keyClicks(dialog.follow_up.date_edit.line, "abc")
    _leave(qtbot, dialog.follow_up.date_edit.line)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "is not a date" in dialog.follow_up.error.text()
    assert not dialog.follow_up.error.isHidden()
    answers.confirm = True
    dialog.reject()


def test_escape_on_a_typed_case_asks_before_discarding(qtbot, window: MainWindow, answers) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    qtbot.keyClicks(editor.family_name, "MENDOZA")
    answers.confirm = False  # "Discard changes?" → No
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(answers.questions) == 1
    assert editor.isVisible()
    assert editor.family_name.text() == "MENDOZA"
    editor.close()  # the window's close button asks too
    assert len(answers.questions) == 2 and editor.isVisible()
    answers.confirm = True
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_an_untouched_editor_closes_without_asking(qtbot, window: MainWindow, answers) -> None:
    target = next(iter(window.model.rows()))
    window.select_case(target.id)
    editor = window.commands.edit_case()
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    dialog = window.commands.add_request()
    assert dialog is not None
    dialog.reject()
    assert not dialog.isVisible()
    assert answers.questions == []


def test_request_dialog_asks_before_discarding(qtbot, window: MainWindow, answers) -> None:
    target = next(iter(window.model.rows()))
    window.select_case(target.id)
    dialog = window.commands.add_request()
    assert dialog is not None
    dialog.items.setPlainText("雇用契約書の写し")
    answers.confirm = False
    dialog.reject()
    assert dialog.isVisible() and len(answers.questions) == 1
    answers.confirm = True
    dialog.reject()
    assert not dialog.isVisible()


def test_a_problem_clears_when_its_field_is_filled(qtbot, window: MainWindow, answers) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    qtbot.keyClicks(editor.family_name, "MENDOZA")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert (
        editor.fields["organization"].error_text().startswith("Choose or enter the client company.")
    )
    assert editor.focusWidget() in (editor.client, editor.client.lineEdit())
    editor.client.setEditText("株式会社テスト商事")
    assert editor.fields["organization"].error_text() == ""
    assert editor.fields["organization"].error.isHidden()
    answers.confirm = True
    editor.reject()


def test_dates_without_a_year_take_the_sensible_year(qtbot, window: MainWindow, answers) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    today = dt.date(2026, 12, 4)
    for field in (editor.filing_date, editor.planned_entry):
        field.date_edit.today = lambda: today
    qtbot.keyClicks(editor.filing_date.date_edit.line, "12/15")  # filed: in the past
    _leave(qtbot, editor.filing_date.date_edit.line)
    assert editor.filing_date.date() == dt.date(2025, 12, 15)
    assert editor.filing_date.error_text() == ""
    assert "2025" in editor.filing_date.date_edit.text()  # the full date, shown at once
    qtbot.keyClicks(editor.planned_entry.date_edit.line, "12/3")  # planned: in the future
    _leave(qtbot, editor.planned_entry.date_edit.line)
    assert editor.planned_entry.date() == dt.date(2027, 12, 3)
    answers.confirm = True
    editor.reject()


def test_stage_follows_a_filing_date(qtbot, window: MainWindow, answers) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    assert editor.stage.currentData() == Stage.PREPARING.value
    qtbot.keyClicks(editor.filing_date.date_edit.line, "2026-11-02")
    _leave(qtbot, editor.filing_date.date_edit.line)
    assert editor.stage.currentData() == Stage.FILED.value
    assert editor.stage_note.isVisible() or not editor.stage_note.isHidden()
    qtbot.keyClicks(editor.issued.date_edit.line, "2026-11-30")
    _leave(qtbot, editor.issued.date_edit.line)
    assert editor.stage.currentData() == Stage.ISSUED.value
    # The user's own later choice is never overridden by an earlier date.
    editor.stage.setCurrentIndex(editor.stage.findData(Stage.VISA_APPLIED.value))
    editor.filing_date.date_edit.line.clear()
    qtbot.keyClicks(editor.filing_date.date_edit.line, "2026-11-03")
    _leave(qtbot, editor.filing_date.date_edit.line)
    assert editor.stage.currentData() == Stage.VISA_APPLIED.value
    answers.confirm = True
    editor.reject()


def test_a_filed_case_asks_for_the_department_phone(qtbot, window: MainWindow, answers) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    assert editor.fields["department_phone"].error_text() == ""
    assert editor.phone_note.isHidden()
    qtbot.keyClicks(editor.filing_date.date_edit.line, "2026-11-02")
    _leave(qtbot, editor.filing_date.date_edit.line)
    assert not editor.phone_note.isHidden()
    assert "receipt slip" in editor.phone_note.text()
    editor.department_phone.setText("03-1234-5678")
    assert editor.phone_note.isHidden()
    answers.confirm = True
    editor.reject()


def test_an_empty_inquiry_or_a_follow_up_before_it_is_refused(
    qtbot, window: MainWindow, answers
) -> None:
    target = next(r for r in window.model.rows() if r.assessment.level == Level.READY)
    window.select_case(target.id)
    dialog = window.commands.log_inquiry()
    assert dialog is not None
    qtbot.keyClicks(dialog.follow_up.date_edit.line, "2018-01-05")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "empty" in dialog.fields["question"].error_text()
    assert "before the inquiry" in dialog.follow_up.error_text()
    dialog.question.setPlainText("審査状況の確認")
    assert dialog.fields["question"].error_text() == ""  # cleared as soon as it is written
    answers.confirm = True
    dialog.reject()


def test_small_things(qtbot, window: MainWindow, answers) -> None:
    # One mnemonic per letter in the File menu.
    letters = [
        a.text().split("&", 1)[1][0].lower()
        for a in window.chrome.file_menu.actions()
        if "&" in a.text()
    ]
    assert len(letters) == len(set(letters)), [a.text() for a in window.chrome.file_menu.actions()]
    # The same word for posting in the filing channel and the submission method.
    from coetracker.ui.common import labels

    assert labels.label(labels.FILING_CHANNELS, "mail") == labels.label(
        labels.SUBMISSION_METHODS, "post"
    )
    # A long status of residence shows its beginning in the editor.
    editor = window.commands.new_case()
    assert editor is not None
    longest = max(range(editor.status.count()), key=lambda i: len(editor.status.itemText(i)))
    editor.status.setCurrentIndex(longest)
    line_edit = editor.status.lineEdit()
    assert line_edit is not None and line_edit.cursorPosition() == 0
    editor.reject()
    # Another case opens on its Overview, not the tab last used for the previous one.
    rows = list(window.model.rows())
    window.select_case(rows[0].id)
    window.details.show_tab(window.details.HISTORY)
    window.select_case(rows[1].id)
    assert window.details.tabs.currentIndex() == window.details.OVERVIEW


def test_one_case_is_not_one_cases(qtbot, window: MainWindow) -> None:
    shown = next(iter(window.model.rows()))
    window.model.set_rows([shown])
    window.update_counts()
    assert window.chrome.count_label.text() == "1 case"


def test_a_date_of_birth_needs_its_year(qtbot, window: MainWindow, answers) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    qtbot.keyClicks(editor.birth_date.date_edit.line, "12/3")
    _leave(qtbot, editor.birth_date.date_edit.line)
    assert "is not a date" in editor.birth_date.error_text()
    answers.confirm = True
    editor.reject()


def test_the_first_start_asks_for_the_users_name_for_the_history(
    qtbot, open_window, gui_paths
) -> None:
    from coetracker.services.opening import open_app_database

    open_app_database(gui_paths).database.dispose()  # an empty database: the welcome panel
    window = open_window(gui_paths)
    assert window.pages.currentWidget() is window.welcome
    field = window.welcome.user_name
    assert field.text() == ""
    field.setText("山田 花子")
    field.editingFinished.emit()
    assert window.context.office().user_name == "山田 花子"
    assert window.context.actor() == "山田 花子"  # not the login name
