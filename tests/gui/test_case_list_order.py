"""The case list's sort and filter shortcuts give exactly what the plain algorithms give.

The model sorts by cached ranks and the proxy narrows a search from the previous one's rows;
these tests compare both with the straightforward computations (a stable sort on each column's
key, blanks last; a fresh filter over every row) on a generated set full of ties and blanks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from coetracker.domain.model import Level, Stage
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import search_key
from coetracker.services.caselist import list_cases
from coetracker.services.records import CaseRow
from coetracker.storage.engine import Database
from coetracker.ui.common.text import render
from coetracker.ui.models.case_filter_proxy import UNASSIGNED, CaseFilterProxy
from coetracker.ui.models.case_order import (
    COL_LEVEL,
    COL_OUTSTANDING,
    COLUMN_COUNT,
    column_key,
    urgency_key,
)
from coetracker.ui.models.case_table_model import CaseTableModel

pytestmark = pytest.mark.gui

ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _pick(rng: random.Random, *values: Any) -> Any:
    return rng.choice(values)


def _generated(rows: Sequence[CaseRow], count: int = 400, seed: int = 3) -> list[CaseRow]:
    """``count`` rows made from the sample's, every field drawn from a few values and blanks."""
    rng = random.Random(seed)
    day = dt.date(2026, 11, 1)
    dates = (None, day, day + dt.timedelta(days=3), day - dt.timedelta(days=40))
    made = []
    for i in range(count):
        row = rows[i % len(rows)]
        family = _pick(rng, "NGUYEN", "nguyen", "TRAN", "Lê", "")
        given = _pick(rng, None, "VAN AN", "an", "")
        client = _pick(rng, "", "株式会社テスト", "ｶﾌﾞｼｷｶﾞｲｼｬ", "Acme", "acme")
        reference = _pick(rng, None, "", "R-1", "r-1", f"R-{i:04d}")
        number = _pick(rng, None, "", "東就認T0001", "東就認t0002")
        assignee = _pick(rng, None, "", "Sato", "sato", "Ito")
        assessment = dataclasses.replace(
            row.assessment,
            level=rng.choice(list(Level)),
            next_check=rng.choice(dates),
            deadline=rng.choice(dates),
            coe_expiry=rng.choice(dates),
        )
        made.append(
            dataclasses.replace(
                row,
                id=10_000 + i,
                reference=reference,
                client=client,
                organization_id=_pick(rng, None, 1, 2),
                family_name=family,
                given_name=given,
                status_name=_pick(rng, None, "技術・人文知識・国際業務", "特定技能"),
                residence_status_id=_pick(rng, None, 1, 2),
                bureau_name=_pick(rng, None, "東京", "大阪"),
                bureau_id=_pick(rng, None, 1, 2),
                application_number=number,
                assignee=assignee,
                filing_date=rng.choice(dates),
                elapsed_days=_pick(rng, None, 0, 5, 5, 120),
                stage=rng.choice(list(Stage)),
                procedure=rng.choice(list(Procedure)),
                assessment=assessment,
                search_text=search_key(
                    "\x1f".join(p or "" for p in (reference, number, family, given, client))
                ),
            )
        )
    return made


def _reference_order(
    rows: Sequence[CaseRow], column: int, order: Qt.SortOrder, owed: dict[int, int]
) -> list[int]:
    """The ids in the order a plain stable sort gives: urgency first, then the column's key,
    blanks last in both directions."""
    base = sorted(rows, key=urgency_key)
    descending = order == DESCENDING
    if column == COL_LEVEL:
        return [row.id for row in (reversed(base) if descending else base)]
    key: Callable[[CaseRow], Any] = column_key(column, lambda row: render(row.assessment.headline))
    if column == COL_OUTSTANDING:
        key = _owed(owed)
    keyed = [(key(row), row) for row in base]
    present = [pair for pair in keyed if pair[0] is not None]
    present.sort(key=lambda pair: pair[0], reverse=descending)  # stable both ways
    return [row.id for _value, row in present] + [row.id for value, row in keyed if value is None]


def _owed(owed: dict[int, int]) -> Callable[[CaseRow], Any]:
    return lambda row: owed.get(row.id)


@pytest.fixture
def generated(demo_database: Database, today: dt.date, qapp) -> list[CaseRow]:
    return _generated(list_cases(demo_database, today=today))


def test_every_column_sorts_as_a_plain_stable_sort_does(generated) -> None:
    owed = {row.id: random.Random(row.id).choice((0, 500, 500, 12000)) for row in generated[::3]}
    model = CaseTableModel()
    model.set_rows(generated)
    model.set_outstanding(owed)
    for column in range(COLUMN_COUNT):
        # Fresh ranks, then the cached ones in both directions.
        for order in (ASCENDING, DESCENDING, ASCENDING):
            model.sort(column, order)
            got = [row.id for row in model.rows()]
            assert got == _reference_order(generated, column, order, owed), (column, order)
    # After an edit the ranks are made again from the changed rows.
    changed = dataclasses.replace(generated[7], client="AAA first", reference=None)
    model.sort(3, DESCENDING)
    model.upsert_rows([changed])
    rows = [changed if row.id == changed.id else row for row in generated]
    for order in (ASCENDING, DESCENDING):
        model.sort(3, order)
        assert [row.id for row in model.rows()] == _reference_order(rows, 3, order, owed)
        model.sort(1, order)
        assert [row.id for row in model.rows()] == _reference_order(rows, 1, order, owed)


def _shown(proxy: CaseFilterProxy, model: CaseTableModel) -> list[int]:
    return [
        model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()).id for r in range(proxy.rowCount())
    ]


def _fresh(model: CaseTableModel, text: str, **filters: Any) -> tuple[list[int], dict[Level, int]]:
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    for name, value in filters.items():
        getattr(proxy, f"set_{name}")(value)
    proxy.set_search_text(text)
    return _shown(proxy, model), proxy.counts()


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"levels": {Level.WAITING, Level.READY, Level.CLOSED}, "show_closed": True},
        {"assignee": UNASSIGNED, "client": 1},
    ],
)
def test_typing_narrows_to_exactly_what_a_fresh_search_finds(
    qtmodeltester, generated, filters
) -> None:
    model = CaseTableModel()
    model.set_rows(generated)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)  # stays attached: checks every change below
    for name, value in filters.items():
        getattr(proxy, f"set_{name}")(value)
    typed = ["n", "ng", "ngu", "nguyen", "nguyen a", "nguyen an", "nguyen", "", "r", "r-",
             "r-1", "r-00", "r-001", "テ", "テスト", "て", "a", "ac", "acme", "acme r-1",
             "r-1 acme"]  # fmt: skip
    for text in typed:
        proxy.set_search_text(text)
        shown, counts = _shown(proxy, model), proxy.counts()
        assert (shown, counts) == _fresh(model, text, **filters), text
        assert all(proxy.accepts(model.case(case_id)) for case_id in shown)  # type: ignore[arg-type]
    assert 0 < proxy.rowCount() < model.rowCount()
    # A re-sort keeps the decisions: the same cases, in the new source order.
    before = set(_shown(proxy, model))
    model.sort(3, DESCENDING)
    assert set(_shown(proxy, model)) == before
    assert _shown(proxy, model) == [row.id for row in model.rows() if row.id in before]


def test_selection_follows_its_case_through_sorts_and_filters(qtmodeltester, generated) -> None:
    model = CaseTableModel()
    model.set_rows(generated)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    chosen = next(row for row in model.rows() if "nguyen" in row.search_text and row.reference)
    source_row = model.row_of(chosen.id)
    assert source_row is not None
    held = QPersistentModelIndex(proxy.mapFromSource(model.index(source_row, 2)))
    assert held.isValid()

    def held_id() -> int:
        return model.row_at(proxy.mapToSource(proxy.index(held.row(), 0)).row()).id

    for column, order in ((3, ASCENDING), (1, DESCENDING), (COL_LEVEL, DESCENDING)):
        proxy.sort(column, order)
        assert held_id() == chosen.id and held.column() == 2
    proxy.set_search_text("nguyen")
    assert held_id() == chosen.id
    proxy.set_search_text(chosen.search_text[:12])
    assert held_id() == chosen.id
    proxy.set_search_text("")
    assert held_id() == chosen.id
    # A live refresh replaces the row (now overdue, so it moves) and adds another.
    moved = dataclasses.replace(
        chosen, assessment=dataclasses.replace(chosen.assessment, level=Level.DOCS_OVERDUE)
    )
    added = dataclasses.replace(generated[0], id=99_999)
    model.sort(COL_LEVEL, ASCENDING)
    model.upsert_rows([moved, added])
    assert held_id() == chosen.id
    assert proxy.counts()[Level.DOCS_OVERDUE] == sum(
        1 for row in model.rows() if row.assessment.level == Level.DOCS_OVERDUE
    )
    _check_display_order(model)
    # Filtered away, the selection is dropped rather than moved to another case.
    proxy.set_search_text("no such case")
    assert proxy.rowCount() == 0 and not held.isValid()
    model.remove_ids([added.id])
    assert model.row_of(added.id) is None
    assert all(model.row_of(row.id) == i for i, row in enumerate(model.rows()))
    _check_display_order(model)


def _check_display_order(model: CaseTableModel) -> None:
    """The index of each listed row in the urgency order, kept in step through live edits."""
    base = model.rows_by_urgency()
    assert [id(row) for row in base] == [id(row) for row in sorted(base, key=urgency_key)]
    assert [base[index] for index in model.display_order()] == list(model.rows())


def test_live_edits_keep_the_display_order_in_step(generated) -> None:
    model = CaseTableModel()
    rng = random.Random(5)
    for column, order in ((COL_LEVEL, ASCENDING), (COL_LEVEL, DESCENDING), (3, ASCENDING)):
        model.set_rows(generated[:300])
        model.sort(column, order)
        for step in range(40):
            row = rng.choice(generated)
            level = rng.choice(list(Level))
            changed = dataclasses.replace(
                row, assessment=dataclasses.replace(row.assessment, level=level)
            )
            if step % 5 == 4:
                model.remove_ids([row.id])
            else:
                model.upsert_rows([changed])
            _check_display_order(model)


def test_a_changed_row_that_stays_shown_is_a_data_change(qtbot, generated) -> None:
    model = CaseTableModel()
    model.set_rows(generated)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_show_closed(True)
    row = model.row_at(5)
    renamed = dataclasses.replace(row, client=row.client + " 2")
    changed: list[int] = []
    proxy.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    with qtbot.assertNotEmitted(proxy.layoutChanged):
        model.upsert_rows([renamed])
    shown = proxy.mapFromSource(model.index(5, 0))
    assert changed == [shown.row()]
    assert shown.siblingAtColumn(3).data() == renamed.client
