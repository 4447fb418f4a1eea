"""After arrival in the window: the Today view's residence cards and special periods, the card
dialog's proposed expiry, one-click renewal cases, and the procedure and card filters."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from coetracker.domain.model import Level
from coetracker.domain.procedures import Procedure
from coetracker.printing.html import PrintDocument
from coetracker.services import cards
from coetracker.services.residence import card_details_missing
from coetracker.ui.models.case_table_model import ID_ROLE
from coetracker.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def _shown(window: MainWindow) -> set[int]:
    proxy = window.proxy
    return {proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())}


def _renewal_due(window: MainWindow) -> list[int]:
    return [r.id for r in window.model.rows() if r.assessment.level == Level.RENEWAL_DUE]


def test_today_view_counts_residence_cards_and_warns_of_special_periods(
    window: MainWindow,
) -> None:
    today = window.today_view
    due = _renewal_due(window)
    assert len(due) == 2
    listed = {r.id for r in today.model.rows()}
    assert set(due) <= listed
    figures = today.summary.text().split("   ·   ")
    assert "Residence\u00a0cards\u00a0expiring:\u00a02" in figures  # kept whole when the line wraps
    assert "Special\u00a0periods\u00a0ending:\u00a01" in figures
    lines = [today.model.index(r, 0).data() for r in range(today.model.rowCount())]
    assert sum("special period (特例期間) ends" in line for line in lines) == 1


def test_start_the_renewal_case_in_one_click(qtbot, window: MainWindow, window_db) -> None:
    due = _renewal_due(window)[0]
    window.select_case(due)
    qtbot.waitUntil(lambda: window.details.case_id == due, timeout=3000)
    qtbot.waitUntil(lambda: window.chrome.renewal_action.isEnabled(), timeout=3000)
    before = window.model.case(due)
    assert before is not None
    button = window.details.overview.renewal_button
    assert button.isVisibleTo(window.details.overview)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 45, timeout=5000)
    new = [r for r in window.model.rows() if r.procedure is Procedure.RENEWAL and r.id > 44]
    assert len(new) == 1
    created = new[0]
    assert created.applicant_name == before.applicant_name
    assert created.client == before.client
    assert created.residence_status_id == before.residence_status_id
    assert created.assessment.level == Level.PREPARING
    # Prepared, not filed: the person is still due, with the action to file it.
    qtbot.waitUntil(
        lambda: (
            (row := window.model.case(due)) is not None
            and "File the renewal" in str(row.assessment.action)
        ),
        timeout=5000,
    )


def test_card_dialog_proposes_the_expiry_and_saves_the_typed_one(
    qtbot, window: MainWindow, window_db
) -> None:
    missing = [r for r in window.model.rows() if card_details_missing(r)]
    assert missing
    case_id = missing[0].id
    window.select_case(case_id)
    qtbot.waitUntil(lambda: window.details.case_id == case_id, timeout=3000)
    dialog = window.commands.edit_card()
    assert dialog is not None
    dialog.landing.date_edit.setText("2024-02-29")
    dialog.landing.date_edit._finished()
    dialog.period.setCurrentIndex(dialog.period.findData(12))
    assert dialog.proposal.text() == "Proposed expiry: 2025-02-28"
    dialog.use_proposal.click()
    assert dialog.expiry.date() == dt.date(2025, 2, 28)
    dialog.expiry.set_date(dt.date(2025, 3, 1))  # the date on the card wins
    dialog.number.setText("ab12345678cd")
    dialog.accept()
    assert window.details.detail is not None
    person = window.details.detail.applicant.id
    card = cards.get_card(window_db, person)
    assert card is not None
    assert card.expiry_date == dt.date(2025, 3, 1)
    assert card.card_number == "AB12345678CD"


def test_procedure_and_card_missing_filters(qtbot, window: MainWindow) -> None:
    pane = window.filter_pane
    pane.procedure.setCurrentIndex(pane.procedure.findData(Procedure.CHANGE))
    shown = _shown(window)
    assert shown and all(
        (row := window.model.case(i)) is not None and row.procedure is Procedure.CHANGE
        for i in shown
    )
    pane.reset_filters()
    pane.card_missing.setChecked(True)
    shown = _shown(window)
    expected = {r.id for r in window.model.rows() if card_details_missing(r)}
    assert shown == expected and expected  # closed cases listed although "show closed" is off
    assert not pane.show_closed.isChecked()


def test_print_the_expiry_list_for_the_client_in_the_filters(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coetracker.ui.features import print_actions

    shown: list[PrintDocument] = []

    def preview(_parent: object, doc: PrintDocument, *_args: object) -> bool:
        shown.append(doc)
        return True

    monkeypatch.setattr(print_actions, "show_print_preview", preview)
    combo = window.filter_pane.client
    combo.setCurrentIndex(combo.findText("株式会社神戸マリンテック"))
    window.file_actions["print_expiries"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    (document,) = shown
    assert document.title == "Residence cards expiring — 株式会社神戸マリンテック"
    html = document.html
    assert "THAPA" in html and "SILVA" in html and "LEE" not in html  # LEE: another client
    assert html.index("2026-10-08") < html.index("2027-01-31")  # earliest first


def test_filing_the_renewal_case_clears_renewal_due_at_once(
    qtbot, window: MainWindow, window_db
) -> None:
    import dataclasses

    from coetracker.domain.model import Stage
    from coetracker.services import cases

    due = _renewal_due(window)[0]
    renewal_id = cards.start_renewal_case(window_db, due, actor="test")
    detail = cases.get_case(window_db, renewal_id, today=window.today())
    filed = dataclasses.replace(
        detail.values,
        stage=Stage.FILED,
        filing_date=window.today(),
        application_number="東就更T26-99",
    )
    cases.update_case(
        window_db, renewal_id, filed, expected_version=detail.version_id, actor="test"
    )
    window.case_changed(renewal_id)  # what the editor's save does
    qtbot.waitUntil(
        lambda: (
            (row := window.model.case(due)) is not None and row.assessment.level == Level.CLOSED
        ),
        timeout=5000,
    )
    renewal = window.model.case(renewal_id)
    assert renewal is not None and renewal.procedure is Procedure.RENEWAL
    assert renewal.assessment.level == Level.WAITING  # its own readiness


def test_export_the_expiry_list_as_csv(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from coetracker.ui.features import print_actions

    target = tmp_path / "kobe"
    monkeypatch.setattr(print_actions, "ask_csv_path", lambda *_args: str(target))
    combo = window.filter_pane.client
    combo.setCurrentIndex(combo.findText("株式会社神戸マリンテック"))
    window.file_actions["export_expiries"].trigger()
    rows = target.with_suffix(".csv").read_bytes().decode("utf-8-sig").splitlines()
    assert rows[0].startswith("在留期限,残日数,所属機関")
    assert [row.split(",")[0] for row in rows[1:]] == ["2026-10-08", "2027-01-31"]
