"""The case editor offers the statuses of residence valid on the filing date (today before
filing) and keeps showing a stored case's status when it is no longer valid."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coetracker.services import cases, reference
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _offered(editor) -> set[str]:
    names = {s.id: s.name_ja for s in editor.statuses}
    return {names[editor.status.itemData(i)] for i in range(1, editor.status.count())}


def _type_date(qtbot, field, text: str) -> None:
    field.date_edit.line.clear()
    qtbot.keyClicks(field.date_edit.line, text)
    field.date_edit.line.editingFinished.emit()


def test_new_case_offers_what_is_valid_on_the_filing_date(qtbot, window: MainWindow) -> None:
    editor = window.commands.new_case()  # today 2026-11-27, not filed yet
    assert editor is not None
    offered = _offered(editor)
    assert "技能実習1号イ" in offered and "特定技能1号" in offered
    assert "育成就労" not in offered  # from 2027-04-01
    _type_date(qtbot, editor.filing_date, "2027-04-01")
    offered = _offered(editor)
    assert "育成就労" in offered
    assert "技能実習1号イ" in offered  # plans certified before 2027-04-01: until 2027-06-30
    _type_date(qtbot, editor.filing_date, "2027-07-01")
    assert "技能実習1号イ" not in _offered(editor)
    assert "技能実習3号イ" in _offered(editor)  # no published end
    editor.filing_date.date_edit.line.clear()
    editor.reject()


def test_a_chosen_status_never_disappears_and_says_why(qtbot, window: MainWindow) -> None:
    editor = window.commands.new_case()
    assert editor is not None
    tit = next(s.id for s in editor.statuses if s.name_ja == "技能実習1号イ")
    editor.status.setCurrentIndex(editor.status.findData(tit))
    _type_date(qtbot, editor.filing_date, "2027-07-01")
    assert editor.status.currentData() == tit
    assert not editor.status_note.isHidden()
    assert editor.status_note.text() == "技能実習1号イ could be applied for until 2027-06-30."
    _type_date(qtbot, editor.filing_date, "2027-06-30")
    assert editor.status_note.isHidden()
    editor.filing_date.date_edit.line.clear()
    editor.status.setCurrentIndex(0)
    editor.reject()


def test_a_stored_case_keeps_its_status_outside_the_validity(
    qtbot, window: MainWindow, window_db, answers
) -> None:
    ikusei = next(s for s in reference.list_statuses(window_db) if s.name_ja == "育成就労")
    target = next(iter(window.model.rows()))
    detail = cases.get_case(window_db, target.id, today=dt.date(2026, 11, 27))
    # A case recorded with a status before it can be applied for (e.g. imported from a sheet).
    cases.update_case(
        window_db,
        target.id,
        dataclasses.replace(detail.values, residence_status_id=ikusei.id, filing_date=None),
        expected_version=detail.version_id,
        actor="tester",
    )
    window.reload()
    window.select_case(target.id)
    editor = window.commands.edit_case()
    assert editor is not None
    assert editor.status.currentData() == ikusei.id
    assert "育成就労" in _offered(editor)
    assert editor.status_note.text() == "育成就労 can be applied for from 2027-04-01."
    answers.confirm = True
    editor.reject()
