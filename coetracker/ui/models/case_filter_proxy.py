"""Filtering the case list: typed setters over a proxy that maps with one list of row numbers.

Every filter is a typed setter (levels, bureau, status of residence, client, assignee, show
closed, search text). A change decides every row at once (:mod:`case_filtering`: a few loops
that run in C over column lists of the source rows, taken in urgency order so that they outlast
a re-sort), counts the rows per level for the chips' live counts, and keeps the source rows
shown as one ascending array; ``mapToSource`` indexes it, ``mapFromSource`` bisects it. A sort
of the source only re-maps the same decision through its new order. Nothing is decided per row
through Qt: a ``QSortFilterProxyModel`` would call Python once per row per keystroke (100,000
rows) and then tell the view about thousands of scattered removed ranges.

A change of the rows shown is one layout change: persistent indexes (the view's selection and
current row) follow their source rows, and drop out when their row is filtered away. The source
model's own changes (reset, sort, rows inserted, moved or removed by a live refresh) are passed
on the same way; a changed row that stays shown is passed on as a data change.

Search matches reference, application number, applicant (romanised, kanji, kana) and client,
ignoring case, width and hiragana/katakana (``domain.text.search_key``, the fold the rows'
``search_text`` was made with); every word typed must match.

Sorting is delegated to the source model (see ``case_table_model``); the proxy keeps source order.

Signals:
    countsChanged(): the per-level counts or the visible count changed.
"""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import compress
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from coetracker.domain.model import Level
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import search_key
from coetracker.services.case_row import CaseRow
from coetracker.ui.models.case_filtering import Decision, Filters, RowColumns, decide
from coetracker.ui.models.case_table_model import ROW_ROLE, CaseTableModel

UNASSIGNED = ""
"""``set_assignee(UNASSIGNED)`` shows the cases nobody is assigned to."""

_AnyIndex = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CaseFilterProxy(QAbstractProxyModel):
    """The case table's filters (see the module documentation)."""

    countsChanged = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filters = Filters()
        self._search = ""
        self._visible: array[int] = array("i")
        self._counts: dict[Level, int] = dict.fromkeys(Level, 0)
        self._matching = 0
        self._columns: RowColumns | None = None  # of the source rows in urgency order
        self._decision: tuple[Filters, Decision] | None = None
        self._saved: list[tuple[QModelIndex, QPersistentModelIndex]] = []

    # -- typed setters ----------------------------------------------------------------------

    def _set(self, **changes: Any) -> None:
        filters = dataclasses.replace(self._filters, **changes)
        if filters != self._filters:
            self._filters = filters
            self._refilter()

    def set_levels(self, levels: Iterable[Level]) -> None:
        """Show only these levels; an empty set shows every level."""
        self._set(levels=frozenset(levels))

    def set_bureau(self, bureau_id: int | None) -> None:
        """Show one bureau's cases (None: all)."""
        self._set(bureau_id=bureau_id)

    def set_status(self, status_id: int | None) -> None:
        """Show one status of residence (None: all)."""
        self._set(status_id=status_id)

    def set_client(self, organization_id: int | None) -> None:
        """Show one client's cases (None: all)."""
        self._set(client_id=organization_id)

    def set_assignee(self, assignee: str | None) -> None:
        """Show one assignee's cases (None: all; ``UNASSIGNED``: nobody's)."""
        self._set(assignee=assignee)

    def set_procedure(self, procedure: Procedure | None) -> None:
        """Show one procedure's cases: COE, extension, change of status (None: all)."""
        self._set(procedure=procedure)

    def set_card_missing(self, only: bool) -> None:
        """Show only entered cases whose residence card details are missing (closed included)."""
        self._set(card_missing=only)

    def set_only_ids(self, ids: frozenset[int] | None) -> None:
        """Show only these case ids (None: no such filter), e.g. the unpaid cases."""
        self._set(only_ids=ids)

    def set_show_closed(self, show: bool) -> None:
        """Whether closed cases (entered, denied, withdrawn, expired, archived) are listed."""
        self._set(show_closed=show)

    def set_search_text(self, text: str) -> None:
        """Show cases whose reference, number, applicant or client contain every word typed."""
        self._search = text
        self._set(terms=tuple(key for key in (search_key(word) for word in text.split()) if key))

    def clear_filters(self) -> None:
        """Every case again (closed ones stay as chosen)."""
        self._search = ""
        self._set(
            **{
                name.name: name.default
                for name in dataclasses.fields(Filters)
                if name.name not in ("show_closed", "only_ids")
            }
        )

    # -- state ------------------------------------------------------------------------------

    @property
    def levels(self) -> frozenset[Level]:
        return self._filters.levels

    @property
    def show_closed(self) -> bool:
        return self._filters.show_closed

    @property
    def search_text(self) -> str:
        return self._search

    def is_filtered(self) -> bool:
        """Whether any filter other than "hide closed" is active."""
        return dataclasses.replace(self._filters, show_closed=False) != Filters()

    def counts(self) -> dict[Level, int]:
        """Cases per level that pass every filter except the level chips and "show closed"."""
        return dict(self._counts)

    def accepts(self, row: CaseRow) -> bool:
        """Whether ``row`` passes the current filters (the same decision the view shows)."""
        self._searchable()
        return self._filters.accepts(row)

    def _searchable(self) -> None:
        """A search reads folded texts: the source folds those it still holds unfolded."""
        source = self.sourceModel()
        if self._filters.terms and isinstance(source, CaseTableModel):
            source.ensure_search_folded()

    # -- deciding ---------------------------------------------------------------------------

    def _rows_by_urgency(self) -> Sequence[CaseRow]:
        source = self.sourceModel()
        if isinstance(source, CaseTableModel):
            return source.rows_by_urgency()
        if source is None:
            return ()
        return [source.index(r, 0).data(ROW_ROLE) for r in range(source.rowCount())]

    def _rows_changed(self) -> bool:
        source = self.sourceModel()
        columns = self._columns
        return (
            columns is None
            or not isinstance(source, CaseTableModel)
            or columns.generation != source.generation
        )

    def _decide(self) -> Decision:
        """The decision for the current rows and filters (kept while neither changes: a sort
        only moves the rows)."""
        self._searchable()
        if self._rows_changed():
            source = self.sourceModel()
            generation = source.generation if isinstance(source, CaseTableModel) else None
            self._columns = RowColumns(self._rows_by_urgency(), generation=generation)
            self._decision = None
        elif self._decision is not None and self._decision[0] == self._filters:
            return self._decision[1]
        assert self._columns is not None
        decision = decide(self._columns, self._filters)
        self._decision = (self._filters, decision)
        return decision

    def _shown(self, decision: Decision) -> array[int]:
        """The source rows (display order) of the rows passing, ascending."""
        passing = decision.visible
        source = self.sourceModel()
        if not isinstance(source, CaseTableModel):
            return passing
        order = source.display_order()
        count = len(order)
        if isinstance(order, range):
            if order.step == 1:
                return passing
            return array("i", map((count - 1).__sub__, reversed(passing)))  # urgency reversed
        mask = bytearray(count)
        for index in passing:
            mask[index] = 1
        return array("i", compress(range(count), map(mask.__getitem__, order)))

    def _take(self, decision: Decision, shown: array[int] | None = None) -> None:
        self._visible = self._shown(decision) if shown is None else shown
        self._counts, self._matching = decision.counts, decision.matching

    def _refilter(self) -> None:
        """Apply a change of filters or rows: one layout change if the rows shown differ."""
        decision = self._decide()
        shown = self._shown(decision)
        if shown != self._visible:
            self._begin_layout()
            self._take(decision, shown)
            self._end_layout()
        else:
            self._take(decision, shown)
        self.countsChanged.emit()

    def _begin_layout(self) -> None:
        """Announce a layout change while the current mapping still holds."""
        self.layoutAboutToBeChanged.emit()
        self._saved = [
            (QModelIndex(index), QPersistentModelIndex(self.mapToSource(index)))
            for index in self.persistentIndexList()
        ]

    def _end_layout(self) -> None:
        saved, self._saved = self._saved, []
        if saved:
            self.changePersistentIndexList(
                [old for old, _source in saved],
                [self._from_persistent(old, source) for old, source in saved],
            )
        self.layoutChanged.emit()

    def _from_persistent(self, old: QModelIndex, source: QPersistentModelIndex) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        return self.mapFromSource(self.sourceModel().index(source.row(), old.column()))

    # -- source handling --------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._wiring(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(model)
        if model is not None:
            for signal, slot in self._wiring(model):
                signal.connect(slot)
        self._columns = None
        self._take(self._decide())
        self.endResetModel()
        self.countsChanged.emit()

    def _wiring(self, model: QAbstractItemModel) -> list[tuple[Any, Any]]:
        return [
            (model.modelAboutToBeReset, self._source_about_to_reset),
            (model.modelReset, self._source_reset),
            (model.layoutAboutToBeChanged, self._source_about_to_change),
            (model.layoutChanged, self._source_changed),
            (model.rowsAboutToBeInserted, self._source_about_to_change),
            (model.rowsInserted, self._source_changed),
            (model.rowsAboutToBeRemoved, self._source_about_to_change),
            (model.rowsRemoved, self._source_changed),
            (model.rowsAboutToBeMoved, self._source_about_to_change),
            (model.rowsMoved, self._source_changed),
            (model.dataChanged, self._source_data_changed),
            (model.headerDataChanged, self._source_header_changed),
        ]

    def _source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _source_reset(self) -> None:
        self._columns = None
        self._take(self._decide())
        self.endResetModel()
        self.countsChanged.emit()

    def _source_about_to_change(self, *_args: object) -> None:
        self._begin_layout()

    def _source_changed(self, *_args: object) -> None:
        self._take(self._decide())
        self._end_layout()
        self.countsChanged.emit()

    def _source_data_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if not top.isValid() or not bottom.isValid():
            return
        if self._rows_changed():  # a row replaced (a live refresh): it may now pass or not
            decision = self._decide()
            shown = self._shown(decision)
            if shown != self._visible:
                self._begin_layout()
                self._take(decision, shown)
                self._end_layout()
                self.countsChanged.emit()
                return
            self._take(decision, shown)
            self.countsChanged.emit()
        visible = self._visible
        first = bisect_left(visible, top.row())
        last = bisect_right(visible, bottom.row()) - 1
        if first <= last:
            self.dataChanged.emit(
                self.index(first, top.column()), self.index(last, bottom.column()), roles
            )

    def _source_header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        if orientation == Qt.Orientation.Horizontal:
            self.headerDataChanged.emit(orientation, first, last)

    # -- Qt model API -----------------------------------------------------------------------

    def mapToSource(self, proxy_index: _AnyIndex) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._visible):
            return QModelIndex()
        return source.index(self._visible[row], proxy_index.column())

    def mapFromSource(self, source_index: _AnyIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = source_index.row()
        position = bisect_left(self._visible, row)
        if position == len(self._visible) or self._visible[position] != row:
            return QModelIndex()
        return self.index(position, source_index.column())

    def index(self, row: int, column: int, parent: _AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._visible):
            return QModelIndex()
        if not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: _AnyIndex | None = None) -> Any:
        if child is None:
            return QObject.parent(self)  # the QObject overload
        return QModelIndex()

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        source = self.sourceModel()
        row = index.row()
        if not isinstance(source, CaseTableModel) or not 0 <= row < len(self._visible):
            return super().data(index, role)
        return source.cell(self._visible[row], index.column(), role)

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        source = self.sourceModel()
        if not index.isValid() or not isinstance(source, CaseTableModel):
            return super().flags(index)
        return _FLAGS

    def sibling(self, row: int, column: int, index: _AnyIndex) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def hasChildren(self, parent: _AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._visible)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return source.headerData(section, orientation, role)
        if not 0 <= section < len(self._visible):
            return None
        return source.headerData(self._visible[section], orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source model; the proxy keeps the source order."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
