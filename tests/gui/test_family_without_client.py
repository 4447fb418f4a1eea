"""The case editor: a family case naming its 代理人 may be saved without a client company;
any other case without one is refused with a sentence at the client field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from coetracker.services import cases, reference
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _select_data(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _status_id(window: MainWindow, code: str) -> int:
    assert window.context is not None
    return next(s.id for s in reference.list_statuses(window.context.db) if s.code == code)


def test_a_family_case_with_its_agent_saves_without_a_client(qtbot, window: MainWindow) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    assert editor.client.currentText() == ""
    line = editor.client.lineEdit()
    assert line is not None
    assert "Optional" not in line.placeholderText()
    _select_data(editor.status, _status_id(window, "spouse_of_japanese"))
    editor.agent_name.setText("佐藤 一郎")
    assert line.placeholderText() == "Optional: the 代理人 files this family case"
    editor.agent_relationship.setCurrentText("夫")
    _select_data(editor.agent_prefecture, "埼玉県")
    editor.family_name.setText("SANTOS")
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.context is not None
    case_id = saved.args[0]
    detail = cases.get_case(window.context.db, case_id, today=window.context.today)
    assert detail.organization is None
    assert detail.client_name == "佐藤 一郎"

    window.select_case(case_id)
    call = window.details.overview.call.values
    assert call["client"].text() == "–"  # 所属機関: none
    assert call["agent"].text().startswith("佐藤 一郎（夫）")
    again = window.commands.edit_case()
    assert again is not None
    assert again.client.currentText() == ""
    assert again.agent_name.text() == "佐藤 一郎"
    again.notes.setPlainText("再保存")
    with qtbot.waitSignal(again.saved, timeout=5000):
        qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    detail = cases.get_case(window.context.db, case_id, today=window.context.today)
    assert (detail.organization, detail.values.notes) == (None, "再保存")


@pytest.mark.parametrize(
    ("status", "agent"),
    [("engineer_humanities", "佐藤 一郎"), ("spouse_of_japanese", ""), (None, "佐藤 一郎")],
)
def test_other_cases_without_a_client_are_refused_with_a_sentence(
    qtbot, window: MainWindow, answers, status: str | None, agent: str
) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    if status is not None:
        _select_data(editor.status, _status_id(window, status))
    editor.agent_name.setText(agent)
    editor.family_name.setText("SANTOS")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    error = editor.fields["organization"].error_text()
    assert error.startswith("Choose or enter the client company.")
    assert "代理人" in error
    assert editor.isVisible()
    # Typing a client clears the sentence; nothing typed was lost.
    editor.client.setEditText("株式会社テスト商事")
    assert editor.fields["organization"].error_text() == ""
    assert editor.family_name.text() == "SANTOS"
    answers.confirm = True
    editor.reject()
