"""The table models: Qt's model contract (qtmodeltester) and what the cells mean."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from coetracker.domain.model import Level, Policy
from coetracker.services.audit import case_history
from coetracker.services.caselist import list_cases, sort_by_urgency
from coetracker.services.cases import get_case
from coetracker.services.reference import list_benchmarks, list_bureaus
from coetracker.storage.engine import Database
from coetracker.ui.common.palette import LevelPalette, contrast, is_dark, level_colours
from coetracker.ui.models.case_filter_proxy import CaseFilterProxy
from coetracker.ui.models.case_table_model import (
    COL_APPLICANT,
    COL_DEADLINE,
    COL_ELAPSED,
    COL_FILED,
    COL_HEADLINE,
    COL_LEVEL,
    COL_REFERENCE,
    COLUMN_COUNT,
    ID_ROLE,
    LEVEL_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    CaseTableModel,
)
from coetracker.ui.models.detail_models import (
    HistoryTableModel,
    InquiryTableModel,
    RequestTableModel,
)
from coetracker.ui.models.settings_models import BenchmarkTableModel, BureauTableModel
from coetracker.ui.panes.today_view import TodayModel, today_rows

pytestmark = pytest.mark.gui


@pytest.fixture
def rows(demo_database: Database, today: dt.date, qapp):
    return list_cases(demo_database, today=today)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def _light_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    return palette


def test_case_model_passes_the_model_tester(qtmodeltester, rows) -> None:
    model = CaseTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(COL_FILED, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_filter_proxy_passes_the_model_tester(qtmodeltester, rows) -> None:
    model = CaseTableModel()
    model.set_rows(rows)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("株式会社")
    proxy.set_levels({Level.WAITING, Level.READY})
    qtmodeltester.check(proxy)


def test_case_model_cells_mean_what_they_say(rows) -> None:
    model = CaseTableModel()
    model.set_rows(rows)
    urgent = sort_by_urgency(rows)
    assert model.rowCount() == len(rows)
    assert model.columnCount() == COLUMN_COUNT
    first = model.index(0, COL_LEVEL)
    assert first.data(ROW_ROLE) is model.row_at(0)
    assert first.data(ID_ROLE) == urgent[0].id
    assert first.data(LEVEL_ROLE) == Level.DOCS_OVERDUE
    assert first.data(SORT_ROLE) == Level.DOCS_OVERDUE
    assert first.data() == "Docs overdue"
    assert isinstance(first.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert model.headerData(COL_LEVEL, Qt.Orientation.Horizontal) == "Readiness"
    assert model.headerData(COL_HEADLINE, Qt.Orientation.Horizontal) == "Why"
    row = model.row_at(0)
    assert model.index(0, COL_REFERENCE).data() == row.reference
    assert model.index(0, COL_HEADLINE).data().startswith("Documents overdue")
    assert model.index(0, COL_FILED).data(SORT_ROLE) == row.filing_date
    assert isinstance(model.index(0, COL_FILED).data(SORT_ROLE), dt.date)
    assert model.index(0, COL_ELAPSED).data(SORT_ROLE) == row.elapsed_days
    assert model.index(0, COL_DEADLINE).data(SORT_ROLE) == row.assessment.deadline
    colours = LevelPalette(QApplication.palette())
    for r in range(model.rowCount()):
        assessment = model.row_at(r).assessment
        level = assessment.level
        if level == Level.RENEWAL_DUE and assessment.extra.get("renewal_urgent"):
            level = Level.DOCS_OVERDUE  # a residence card in its last 30 days: overdue red
        background = model.index(r, COL_APPLICANT).data(Qt.ItemDataRole.BackgroundRole)
        assert background == colours[level].background
        assert (
            model.index(r, COL_LEVEL).data(Qt.ItemDataRole.ForegroundRole)
            == colours[level].foreground
        )


def test_every_level_appears_in_the_sample_and_has_its_own_tint(rows) -> None:
    assert {r.assessment.level for r in rows} == set(Level)
    colours = LevelPalette(QApplication.palette())
    tints = {colours[level].background.name() for level in Level}
    assert len(tints) >= len(Level) - 1  # PREPARING is the untinted base


def test_sorting_keeps_blanks_last_in_both_directions(rows) -> None:
    model = CaseTableModel()
    model.set_rows(rows)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(COL_FILED, order)
        dates = [model.index(r, COL_FILED).data(SORT_ROLE) for r in range(model.rowCount())]
        present = [d for d in dates if d is not None]
        assert dates[: len(present)] == present
        assert present == sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)
    model.sort(COL_LEVEL)
    levels = [model.index(r, COL_LEVEL).data(SORT_ROLE) for r in range(model.rowCount())]
    assert levels == sorted(levels)


def test_level_colours_read_on_light_and_dark_palettes() -> None:
    for palette in (_light_palette(), _dark_palette()):
        for level in Level:
            colours = level_colours(level, palette)
            assert contrast(colours.foreground, colours.background) >= 4.5, (level, palette)
            text = palette.color(QPalette.ColorRole.Text)
            assert contrast(text, colours.background) >= 4.5, level
    assert is_dark(_dark_palette())
    assert not is_dark(_light_palette())
    dark_tint = level_colours(Level.READY, _dark_palette()).background
    light_tint = level_colours(Level.READY, _light_palette()).background
    assert dark_tint.lightnessF() < 0.5 < light_tint.lightnessF()


def test_detail_models_pass_the_tester_and_show_the_records(
    qtmodeltester, demo_database: Database, rows, today: dt.date
) -> None:
    db = demo_database
    with_requests = next(r for r in rows if r.assessment.level == Level.DOCS_OVERDUE)
    detail = get_case(db, with_requests.id, today=today)
    requests = RequestTableModel()
    requests.set_context(today=today, policy=Policy())
    requests.set_rows(detail.document_requests)
    qtmodeltester.check(requests)
    overdue = requests.row_at(0)
    assert requests.is_overdue(overdue)
    assert requests.index(0, RequestTableModel.COL_LEFT).data().startswith("OVERDUE")
    assert (
        requests.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
        == level_colours(Level.DOCS_OVERDUE, QApplication.palette()).background
    )

    asked = next(r for r in rows if r.last_inquiry is not None)
    detail = get_case(db, asked.id, today=today)
    inquiries = InquiryTableModel()
    inquiries.set_rows(detail.inquiries)
    qtmodeltester.check(inquiries)
    times = [inquiries.index(r, 0).data(SORT_ROLE) for r in range(inquiries.rowCount())]
    assert times == sorted(times, reverse=True)  # newest first

    history = HistoryTableModel()
    with db.read_session() as session:
        history.set_rows(case_history(session, asked.id))
    qtmodeltester.check(history)
    assert history.rowCount() >= 1

    benchmarks = BenchmarkTableModel()
    benchmarks.set_rows(list_benchmarks(db))
    qtmodeltester.check(benchmarks)
    bureaus = BureauTableModel()
    bureaus.set_rows(list_bureaus(db))
    qtmodeltester.check(bureaus)
    assert bureaus.index(0, 0).data() == "札幌出入国在留管理局"


def test_today_model_lists_what_is_due(qtmodeltester, rows) -> None:
    chosen = today_rows(rows, due_soon_business_days=3)
    model = TodayModel()
    model.set_rows(chosen, LevelPalette(QApplication.palette()))
    qtmodeltester.check(model)
    levels = {r.assessment.level for r in chosen}
    assert levels <= {
        Level.DOCS_OVERDUE,
        Level.DOCS_DUE,
        Level.COE_EXPIRING,
        Level.RENEWAL_DUE,
        Level.READY,
    }
    assert Level.DOCS_OVERDUE in levels and Level.READY in levels
    assert Level.RENEWAL_DUE in levels  # the sample's people whose cards expire soon
    assert all(
        r.assessment.business_days_left is not None and r.assessment.business_days_left <= 3
        for r in chosen
        if r.assessment.level == Level.DOCS_DUE
    )
    expected = sorted(
        r.id
        for r in rows
        if r.assessment.level
        in (Level.DOCS_OVERDUE, Level.COE_EXPIRING, Level.RENEWAL_DUE, Level.READY)
        or (
            r.assessment.level == Level.DOCS_DUE
            and r.assessment.business_days_left is not None
            and r.assessment.business_days_left <= 3
        )
    )
    assert sorted(r.id for r in chosen) == expected


def _reassessed(row, level: Level, next_check: dt.date | None = None):
    import dataclasses

    assessment = dataclasses.replace(row.assessment, level=level, next_check=next_check)
    return dataclasses.replace(row, assessment=assessment)


@pytest.mark.parametrize(
    ("column", "order"),
    [
        (COL_LEVEL, Qt.SortOrder.AscendingOrder),
        (COL_LEVEL, Qt.SortOrder.DescendingOrder),
        (COL_APPLICANT, Qt.SortOrder.AscendingOrder),
        (COL_FILED, Qt.SortOrder.DescendingOrder),
    ],
)
def test_a_changed_row_moves_to_where_a_full_sort_puts_it(
    qtmodeltester, rows, column, order
) -> None:
    model = CaseTableModel()
    model.set_rows(rows)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    model.sort(column, order)
    qtmodeltester.check(model)
    waiting = next(r for r in model.rows() if r.assessment.level == Level.WAITING)
    changed = _reassessed(waiting, Level.DOCS_OVERDUE)
    model.upsert_rows([changed])
    reference = CaseTableModel()
    reference.set_rows([changed if r.id == changed.id else r for r in rows])
    reference.sort(column, order)
    assert [r.id for r in model.rows()] == [r.id for r in reference.rows()]
    changed_row = model.row_of(changed.id)
    assert changed_row is not None
    assert model.row_at(changed_row) is changed
    # The proxy's view of it follows: it is listed, with its new level, in source order.
    shown = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert shown == sorted(shown)
    assert model.row_of(changed.id) in shown
    assert proxy.counts()[Level.DOCS_OVERDUE] == sum(
        1 for r in model.rows() if r.assessment.level == Level.DOCS_OVERDUE
    )


def test_a_new_row_is_inserted_in_order(rows) -> None:
    model = CaseTableModel()
    model.set_rows(rows[1:])
    model.upsert_rows([rows[0]])
    reference = CaseTableModel()
    reference.set_rows(rows)
    assert [r.id for r in model.rows()] == [r.id for r in reference.rows()]
    model.remove_ids([rows[0].id])
    assert model.row_of(rows[0].id) is None
    assert all(model.row_of(r.id) == i for i, r in enumerate(model.rows()))


def test_the_worker_delivers_results_failures_and_drops_superseded_jobs(qtbot) -> None:
    from coetracker.ui.common.worker import DbWorker

    worker = DbWorker()
    got: list[object] = []
    worker.submit(lambda: 1, got.append, key="list")
    worker.submit(lambda: 2, got.append, key="list")  # supersedes the first
    worker.submit(lambda: 1 / 0, got.append, got.append)
    worker.submit(lambda: None, got.append)
    qtbot.waitUntil(lambda: not worker.busy, timeout=5000)
    assert got[0] == 2
    assert isinstance(got[1], ZeroDivisionError)
    assert got[2] is None
    assert len(got) == 3


def test_today_rows_keep_the_urgency_order_they_are_given(rows) -> None:
    from coetracker.services.records import row_urgency

    ordered = sorted(rows, key=row_urgency)
    assert today_rows(ordered, due_soon_business_days=3, presorted=True) == today_rows(
        list(reversed(ordered)), due_soon_business_days=3
    )
