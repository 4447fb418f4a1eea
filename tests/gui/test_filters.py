"""Search and every filter show exactly the matching cases (checked against SQL and the rows)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from coetracker.domain.model import Level
from coetracker.domain.text import search_key
from coetracker.services.records import CaseRow
from coetracker.storage.models import Applicant, Case
from coetracker.ui.models.case_table_model import ID_ROLE
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

CLOSED = Level.CLOSED


def shown_ids(window: MainWindow) -> set[int]:
    proxy = window.proxy
    return {proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())}


def open_ids(window: MainWindow) -> set[int]:
    return {r.id for r in window.model.rows() if r.assessment.level != CLOSED}


def type_japanese(widget, text: str) -> None:
    """Type as an input method does (keyClicks aborts on non-ASCII, DESIGN.md §12)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, window: MainWindow, text: str, *, japanese: bool = False) -> None:
    window.search.clear()
    if japanese:
        type_japanese(window.search, text)
    else:
        qtbot.keyClicks(window.search, text)
    assert window.search.text() == text
    # The search is debounced: the proxy follows once the timer has fired.
    qtbot.waitUntil(lambda: window.proxy.search_text == text, timeout=3000)


def matches(row: CaseRow, query: str) -> bool:
    """The documented search, written out independently of the proxy."""
    fields = [
        row.reference,
        row.application_number,
        row.family_name,
        row.given_name,
        row.name_kanji,
        row.name_kana,
        row.client,
    ]
    folded = [search_key(f) for f in fields if f]
    return all(any(search_key(word) in f for f in folded) for word in query.split())


def test_default_view_hides_closed_cases_only(window: MainWindow) -> None:
    assert shown_ids(window) == open_ids(window)
    assert (
        window.chrome.count_label.text()
        == f"{len(open_ids(window))} of {window.model.rowCount()} cases shown"
    )


@pytest.mark.parametrize(
    ("query", "japanese"),
    [
        ("nguyen", False),
        ("NGUYEN van", False),
        ("26-0012", False),
        ("ｻｸﾗ", True),  # half-width katakana finds さくら in the client name
        ("ぐえん", True),  # hiragana finds the katakana reading グエン
        ("株式会社", True),
        ("東就認", True),  # application numbers
    ],
)
def test_search_matches_reference_number_names_and_client(
    qtbot, window: MainWindow, query: str, japanese: bool
) -> None:
    search(qtbot, window, query, japanese=japanese)
    expected = {
        r.id for r in window.model.rows() if r.assessment.level != CLOSED and matches(r, query)
    }
    assert expected, query  # the sample has matches for every query above
    assert shown_ids(window) == expected


def test_search_finds_an_application_number_exactly(qtbot, window: MainWindow, window_db) -> None:
    with window_db.read_session() as session:
        case_id, number = session.execute(
            select(Case.id, Case.application_number)
            .where(Case.application_number.is_not(None), Case.archived.is_(False))
            .order_by(Case.id)
        ).first()
    search(qtbot, window, number, japanese=True)
    assert case_id in shown_ids(window)
    assert all(number in (_case(window, i).application_number or "") for i in shown_ids(window))


def test_search_by_kanji_name_matches_sql(qtbot, window: MainWindow, window_db) -> None:
    with window_db.read_session() as session:
        kanji = session.scalars(
            select(Applicant.name_kanji)
            .where(Applicant.name_kanji.is_not(None))
            .order_by(Applicant.id)
        ).first()
        expected = set(
            session.scalars(
                select(Case.id)
                .join(Applicant, Applicant.id == Case.applicant_id)
                .where(Applicant.name_kanji == kanji)
            )
        )
    search(qtbot, window, kanji, japanese=True)
    assert shown_ids(window) == expected & open_ids(window)


def test_escape_clears_the_search(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "zzzz-nothing")
    assert shown_ids(window) == set()
    assert window.chrome.count_label.text().startswith("0 of")
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert shown_ids(window) == open_ids(window)


def test_level_chips_filter_and_show_live_counts(qtbot, window: MainWindow) -> None:
    pane = window.filter_pane
    by_level: dict[Level, set[int]] = {level: set() for level in Level}
    for row in window.model.rows():
        by_level[row.assessment.level].add(row.id)
    for level, chip in pane.chips.items():
        assert chip.objectName() == f"levelChip_{level.name}"
        assert chip.text().endswith(f"  {len(by_level[level])}")
    qtbot.mouseClick(pane.chips[Level.READY], Qt.MouseButton.LeftButton)
    assert shown_ids(window) == by_level[Level.READY]
    qtbot.mouseClick(pane.chips[Level.DOCS_DUE], Qt.MouseButton.LeftButton)
    assert shown_ids(window) == by_level[Level.READY] | by_level[Level.DOCS_DUE]
    qtbot.mouseClick(pane.chips[Level.CLOSED], Qt.MouseButton.LeftButton)
    assert pane.show_closed.isChecked()  # asking for closed cases shows them
    assert shown_ids(window) == by_level[Level.READY] | by_level[Level.DOCS_DUE] | by_level[CLOSED]
    qtbot.mouseClick(pane.clear_levels, Qt.MouseButton.LeftButton)
    assert shown_ids(window) == {r.id for r in window.model.rows()}


def test_counts_follow_the_other_filters(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "株式会社", japanese=True)
    pane = window.filter_pane
    matching = [r for r in window.model.rows() if matches(r, "株式会社")]
    for level, chip in pane.chips.items():
        count = sum(1 for r in matching if r.assessment.level == level)
        assert chip.text().endswith(f"  {count}"), level


def _case_ids(window_db, *conditions) -> set[int]:
    with window_db.read_session() as session:
        return set(session.scalars(select(Case.id).where(*conditions)))


def test_bureau_filter_matches_sql(window: MainWindow, window_db) -> None:
    combo = window.filter_pane.bureau
    bureau_id = window.model.row_at(0).bureau_id
    combo.setCurrentIndex(combo.findData(bureau_id))
    assert shown_ids(window) == _case_ids(window_db, Case.bureau_id == bureau_id) & open_ids(window)


def test_status_filter_matches_sql(window: MainWindow, window_db) -> None:
    combo = window.filter_pane.status
    status_id = window.model.row_at(0).residence_status_id
    combo.setCurrentIndex(combo.findData(status_id))
    expected = _case_ids(window_db, Case.residence_status_id == status_id) & open_ids(window)
    assert expected and shown_ids(window) == expected


def test_client_filter_matches_sql(window: MainWindow, window_db) -> None:
    combo = window.filter_pane.client
    organization_id = window.model.row_at(0).organization_id
    combo.setCurrentIndex(combo.findData(organization_id))
    expected = _case_ids(window_db, Case.organization_id == organization_id) & open_ids(window)
    assert expected and shown_ids(window) == expected


def test_assignee_filter_matches_sql(window: MainWindow, window_db) -> None:
    combo = window.filter_pane.assignee
    combo.setCurrentIndex(combo.findText("佐藤"))
    expected = _case_ids(window_db, Case.assignee == "佐藤") & open_ids(window)
    assert expected and shown_ids(window) == expected


def test_show_closed_adds_exactly_the_closed_cases(qtbot, window: MainWindow, window_db) -> None:
    qtbot.mouseClick(window.filter_pane.show_closed, Qt.MouseButton.LeftButton)
    assert window.filter_pane.show_closed.isChecked()
    assert shown_ids(window) == _case_ids(window_db)
    closed = _case_ids(
        window_db,
        (Case.archived.is_(True)) | Case.stage.in_(["entered", "denied", "withdrawn", "expired"]),
    )
    # An entered person whose residence card is in its renewal window is RENEWAL_DUE instead.
    renewal_due = {
        i for i in shown_ids(window) if _case(window, i).assessment.level == Level.RENEWAL_DUE
    }
    assert renewal_due and renewal_due <= closed
    assert {
        i for i in shown_ids(window) if _case(window, i).assessment.level == CLOSED
    } == closed - renewal_due


def test_filters_combine_and_reset(qtbot, window: MainWindow, window_db) -> None:
    pane = window.filter_pane
    organization_id = window.model.row_at(0).organization_id
    pane.client.setCurrentIndex(pane.client.findData(organization_id))
    qtbot.mouseClick(pane.chips[Level.WAITING], Qt.MouseButton.LeftButton)
    expected = {
        r.id
        for r in window.model.rows()
        if r.organization_id == organization_id and r.assessment.level == Level.WAITING
    }
    assert shown_ids(window) == expected
    qtbot.mouseClick(pane.reset, Qt.MouseButton.LeftButton)
    assert shown_ids(window) == open_ids(window)


def _case(window: MainWindow, case_id: int) -> CaseRow:
    row = window.model.case(case_id)
    assert row is not None, case_id
    return row
