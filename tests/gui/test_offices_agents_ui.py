"""The case editor's 代理人 and the office it proposes; Settings adds a branch office."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from coetracker.services import cases, reference
from coetracker.ui.dialogs.settings_dialog import SettingsDialog
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _select_data(combo, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _status_id(window: MainWindow, code: str) -> int:
    assert window.context is not None
    return next(s.id for s in reference.list_statuses(window.context.db) if s.code == code)


def _office_id(window: MainWindow, code: str) -> int:
    assert window.context is not None
    return next(b.id for b in reference.list_bureaus(window.context.db) if b.code == code)


def test_family_case_proposes_the_office_of_the_relatives_residence(
    qtbot, window: MainWindow
) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    editor.client.setEditText("個人依頼 佐藤")
    _select_data(editor.org_prefecture, "大阪府")
    assert editor.bureau.currentData() == _office_id(window, "osaka")  # the client's, so far
    _select_data(editor.status, _status_id(window, "spouse_of_japanese"))
    editor.agent_name.setText("佐藤 一郎")
    editor.agent_relationship.setCurrentText("配偶者")
    _select_data(editor.agent_prefecture, "埼玉県")
    assert editor.bureau.currentData() == _office_id(window, "tokyo")
    note = editor.bureau_note.text()
    assert "representative's prefecture (埼玉県)" in note
    assert "さいたま出張所" in note
    assert editor.bureau_note.textFormat() == Qt.TextFormat.PlainText
    # The user files at the branch: the choice is kept and saved with the 代理人.
    _select_data(editor.bureau, _office_id(window, "saitama"))
    editor.agent_address.setText("さいたま市浦和区高砂3-1-1")
    editor.family_name.setText("SANTOS")
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert window.context is not None
    detail = cases.get_case(window.context.db, saved.args[0], today=window.context.today)
    values = detail.values
    assert values.bureau_id == _office_id(window, "saitama")
    assert (values.agent_name, values.agent_relationship) == ("佐藤 一郎", "配偶者")
    assert (values.agent_prefecture, values.agent_address) == (
        "埼玉県",
        "さいたま市浦和区高砂3-1-1",
    )
    assert detail.bureau_name == "東京出入国在留管理局さいたま出張所"

    window.select_case(saved.args[0])
    shown = window.details.overview.call.values["agent"].text()
    assert shown == "佐藤 一郎（配偶者）, 埼玉県さいたま市浦和区高砂3-1-1"
    again = window.commands.edit_case()
    assert again is not None
    assert again.agent_name.text() == "佐藤 一郎"
    assert again.agent_prefecture.currentData() == "埼玉県"
    assert again.bureau.currentData() == _office_id(window, "saitama")
    again.reject()


def test_work_case_ignores_the_agent_for_the_office(qtbot, window: MainWindow) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    editor.client.setEditText("株式会社びわこ精機")
    _select_data(editor.status, _status_id(window, "engineer_humanities"))
    _select_data(editor.agent_prefecture, "埼玉県")
    _select_data(editor.org_prefecture, "滋賀県")
    assert editor.bureau.currentData() == _office_id(window, "osaka")
    assert "大津出張所" in editor.bureau_note.text()
    editor.family_name.clear()
    editor.client.setEditText("")
    editor.agent_prefecture.setCurrentIndex(0)
    editor.org_prefecture.setCurrentIndex(0)
    editor.status.setCurrentIndex(0)
    editor.mark_clean()
    editor.reject()


def test_settings_adds_an_office_that_the_editor_offers(qtbot, window: MainWindow) -> None:
    assert window.context is not None
    dialog = SettingsDialog(window.context, window, user_settings=window.settings)
    qtbot.addWidget(dialog)
    box = dialog.add_office_box
    _select_data(box.parent_bureau, _office_id(window, "nagoya"))
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert box.name_field.error_text()  # no name: refused at the field, nothing stored
    box.name.setText("名古屋出入国在留管理局静岡出張所")
    box.area.setText("静岡県")
    with qtbot.waitSignal(box.added, timeout=5000) as added:
        qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    office_id = added.args[0]
    selected = dialog.selected_bureau()
    assert selected is not None and selected.id == office_id
    assert dialog.bureau_area.isEnabled() and dialog.bureau_area.text() == "静岡県"
    model = dialog.bureau_model
    row = next(i for i, r in enumerate(model.rows()) if r.id == office_id)
    assert model.index(row, 1).data() == "静岡県"
    dialog.reject()

    editor = window.commands.new_case()
    assert editor is not None
    assert editor.bureau.findData(office_id) >= 0
    editor.client.setEditText("株式会社富士山茶園")
    _select_data(editor.org_prefecture, "静岡県")
    assert editor.bureau.currentData() == _office_id(window, "nagoya")
    assert "静岡出張所" in editor.bureau_note.text()
    editor.client.setEditText("")
    editor.org_prefecture.setCurrentIndex(0)
    editor.mark_clean()
    editor.reject()
