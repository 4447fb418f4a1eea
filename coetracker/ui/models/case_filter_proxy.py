"""Filtering the case list: typed setters, decided for every row at once.

Every filter is a typed setter (levels, bureau, status of residence, client, assignee, show
closed, search text) over the values the model exposes as roles (``LEVEL_ROLE``,
``BUREAU_ROLE`` …). A change decides every row at once with list comprehensions over column
arrays of those values (kept in step with the source rows), counts the rows per level for the
chips' live counts, and stores the decisions in a byte mask; ``filterAcceptsRow`` then only
reads the mask. Deciding inside ``filterAcceptsRow`` through ``index.data(role)`` would cost
several Python calls per row per keystroke (100,000 rows). The mask is rebuilt whenever the
source rows change; the handlers that do so are connected before the base class's own, so the
proxy never reads a stale mask.

Filter changes use ``beginFilterChange()``/``endFilterChange()`` (Qt ≥ 6.10) when they narrow
the visible set; a change that widens it re-maps in one layout change instead, which is cheaper
than inserting thousands of scattered row ranges.

Search matches reference, application number, applicant (romanised, kanji, kana) and client,
ignoring case, width and hiragana/katakana (``domain.text.search_key``, the fold the rows'
``search_text`` was made with); every word typed must match.

Sorting is delegated to the source model (see ``case_table_model``); the proxy keeps source order.

Signals:
    countsChanged(): the per-level counts or the visible count changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from coetracker.domain.model import Level
from coetracker.domain.procedures import Procedure
from coetracker.domain.text import search_key
from coetracker.services.records import CaseRow
from coetracker.services.residence import card_details_missing
from coetracker.ui.models.case_table_model import ROW_ROLE, CaseTableModel

UNASSIGNED = ""
"""``set_assignee(UNASSIGNED)`` shows the cases nobody is assigned to."""

Predicate = Callable[[CaseRow], bool]


class CaseFilterProxy(QSortFilterProxyModel):
    """The case table's filters (see the module documentation)."""

    countsChanged = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._levels: frozenset[Level] = frozenset()
        self._bureau_id: int | None = None
        self._status_id: int | None = None
        self._client_id: int | None = None
        self._assignee: str | None = None
        self._procedure: Procedure | None = None
        self._card_missing = False
        self._show_closed = False
        self._only_ids: frozenset[int] | None = None
        self._search = ""
        self._terms: tuple[str, ...] = ()
        self._mask: bytearray | None = None
        self._counts: dict[Level, int] = dict.fromkeys(Level, 0)
        self._matching = 0
        self._connected: QAbstractItemModel | None = None
        self._columns: _Columns | None = None

    # -- typed setters ----------------------------------------------------------------------

    def set_levels(self, levels: Iterable[Level]) -> None:
        """Show only these levels; an empty set shows every level."""
        value = frozenset(levels)
        if value != self._levels:
            self._apply(lambda: setattr(self, "_levels", value))

    def set_bureau(self, bureau_id: int | None) -> None:
        """Show one bureau's cases (None: all)."""
        if bureau_id != self._bureau_id:
            self._apply(lambda: setattr(self, "_bureau_id", bureau_id))

    def set_status(self, status_id: int | None) -> None:
        """Show one status of residence (None: all)."""
        if status_id != self._status_id:
            self._apply(lambda: setattr(self, "_status_id", status_id))

    def set_client(self, organization_id: int | None) -> None:
        """Show one client's cases (None: all)."""
        if organization_id != self._client_id:
            self._apply(lambda: setattr(self, "_client_id", organization_id))

    def set_assignee(self, assignee: str | None) -> None:
        """Show one assignee's cases (None: all; ``UNASSIGNED``: nobody's)."""
        if assignee != self._assignee:
            self._apply(lambda: setattr(self, "_assignee", assignee))

    def set_procedure(self, procedure: Procedure | None) -> None:
        """Show one procedure's cases: COE, extension, change of status (None: all)."""
        if procedure != self._procedure:
            self._apply(lambda: setattr(self, "_procedure", procedure))

    def set_card_missing(self, only: bool) -> None:
        """Show only entered cases whose residence card details are missing (closed included)."""
        if only != self._card_missing:
            self._apply(lambda: setattr(self, "_card_missing", only))

    def set_only_ids(self, ids: frozenset[int] | None) -> None:
        """Show only these case ids (None: no such filter), e.g. the unpaid cases."""
        if ids != self._only_ids:
            self._apply(lambda: setattr(self, "_only_ids", ids))

    def set_show_closed(self, show: bool) -> None:
        """Whether closed cases (entered, denied, withdrawn, expired, archived) are listed."""
        if show != self._show_closed:
            self._apply(lambda: setattr(self, "_show_closed", show))

    def set_search_text(self, text: str) -> None:
        """Show cases whose reference, number, applicant or client contain every word typed."""
        terms = tuple(key for key in (search_key(word) for word in text.split()) if key)
        self._search = text
        if terms != self._terms:
            self._apply(lambda: setattr(self, "_terms", terms))

    def clear_filters(self) -> None:
        """Every case again (closed ones stay as chosen)."""

        def reset() -> None:
            self._levels = frozenset()
            self._bureau_id = self._status_id = self._client_id = None
            self._assignee = None
            self._procedure = None
            self._card_missing = False
            self._terms = ()
            self._search = ""

        self._apply(reset)

    # -- state ------------------------------------------------------------------------------

    @property
    def levels(self) -> frozenset[Level]:
        return self._levels

    @property
    def show_closed(self) -> bool:
        return self._show_closed

    @property
    def search_text(self) -> str:
        return self._search

    def is_filtered(self) -> bool:
        """Whether any filter other than "hide closed" is active."""
        return bool(
            self._levels
            or self._terms
            or self._bureau_id is not None
            or self._status_id is not None
            or self._client_id is not None
            or self._assignee is not None
            or self._procedure is not None
            or self._card_missing
            or self._only_ids is not None
        )

    def counts(self) -> dict[Level, int]:
        """Cases per level that pass every filter except the level chips and "show closed"."""
        return dict(self._counts)

    def accepts(self, row: CaseRow) -> bool:
        """Whether ``row`` passes the current filters (the same decision the view shows)."""
        base = self._base_predicate()
        return (base is None or base(row)) and row.assessment.level in self._allowed_levels()

    # -- source handling --------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        old = self._connected
        if old is not None:
            for signal in self._source_signals(old):
                signal.disconnect(self._source_changed)
            old.dataChanged.disconnect(self._source_data_changed)
        # Connected first, so the mask is rebuilt before the base class re-filters.
        if model is not None:
            for signal in self._source_signals(model):
                signal.connect(self._source_changed)
            model.dataChanged.connect(self._source_data_changed)
        self._connected = model
        self._recompute()
        super().setSourceModel(model)
        self.countsChanged.emit()

    @staticmethod
    def _source_signals(model: QAbstractItemModel) -> Sequence[Any]:
        return (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.rowsMoved,
        )

    def _source_changed(self, *_args: object) -> None:
        self._columns = None
        self._recompute()
        self.countsChanged.emit()

    def _source_data_changed(
        self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # colours or icons only
        columns = self._columns
        if columns is not None and top.isValid() and bottom.isValid():
            rows = self._rows()
            for position in range(top.row(), bottom.row() + 1):
                columns.update(position, rows[position])
        else:
            self._columns = None
        self._recompute()
        self.countsChanged.emit()

    def _rows(self) -> Sequence[CaseRow]:
        source = self._connected
        if isinstance(source, CaseTableModel):
            return source.rows()
        if source is None:
            return ()
        return [source.index(r, 0).data(ROW_ROLE) for r in range(source.rowCount())]

    # -- filtering --------------------------------------------------------------------------

    def _allowed_levels(self) -> frozenset[Level]:
        return frozenset(
            level
            for level in Level
            if (not self._levels or level in self._levels)
            and (self._show_closed or self._card_missing or level != Level.CLOSED)
        )

    def _base_predicate(self) -> Predicate | None:
        """Every filter except levels and "show closed", as one function (None: no filter)."""
        tests: list[Predicate] = []
        if self._bureau_id is not None:
            bureau = self._bureau_id
            tests.append(lambda row: row.bureau_id == bureau)
        if self._status_id is not None:
            status = self._status_id
            tests.append(lambda row: row.residence_status_id == status)
        if self._client_id is not None:
            client = self._client_id
            tests.append(lambda row: row.organization_id == client)
        if self._assignee is not None:
            assignee = self._assignee or None
            tests.append(lambda row: (row.assignee or None) == assignee)
        if self._procedure is not None:
            procedure = self._procedure
            tests.append(lambda row: row.procedure == procedure)
        if self._card_missing:
            tests.append(card_details_missing)
        if self._only_ids is not None:
            only = self._only_ids
            tests.append(lambda row: row.id in only)
        if self._terms:
            terms = self._terms
            if len(terms) == 1:
                term = terms[0]
                tests.append(lambda row: term in row.search_text)
            else:
                tests.append(lambda row: all(t in row.search_text for t in terms))
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)

    def _compute(self) -> tuple[bytearray, dict[Level, int], int]:
        """Decide every row at once: a few list comprehensions over column arrays."""
        if self._columns is None or self._columns.count != len(self._rows()):
            self._columns = _Columns(self._rows())
        columns = self._columns
        candidates: list[int] | None = None  # None: every row

        def narrow(values: list[Any], wanted: object) -> None:
            nonlocal candidates
            if candidates is None:
                candidates = [i for i, value in enumerate(values) if value == wanted]
            else:
                candidates = [i for i in candidates if values[i] == wanted]

        for term in self._terms:
            texts = columns.texts
            if candidates is None:
                candidates = [i for i, text in enumerate(texts) if term in text]
            else:
                candidates = [i for i in candidates if term in texts[i]]
        if self._bureau_id is not None:
            narrow(columns.bureaus, self._bureau_id)
        if self._status_id is not None:
            narrow(columns.statuses, self._status_id)
        if self._client_id is not None:
            narrow(columns.clients, self._client_id)
        if self._assignee is not None:
            narrow(columns.assignees, self._assignee or None)
        if self._procedure is not None:
            narrow(columns.procedures, self._procedure)
        if self._card_missing:
            narrow(columns.card_missing, True)
        if self._only_ids is not None:
            only = self._only_ids
            ids = columns.ids
            if candidates is None:
                candidates = [i for i, case_id in enumerate(ids) if case_id in only]
            else:
                candidates = [i for i in candidates if ids[i] in only]

        levels = columns.levels
        allowed = self._allowed_levels()
        if candidates is None:
            counted = Counter(levels)
            mask = bytearray(map(allowed.__contains__, levels))
        else:
            counted = Counter(levels[i] for i in candidates)
            mask = bytearray(columns.count)
            for i in candidates:
                if levels[i] in allowed:
                    mask[i] = 1
        counts = {level: counted.get(level, 0) for level in Level}
        return mask, counts, sum(counts[level] for level in allowed)

    def _recompute(self) -> None:
        self._mask, self._counts, self._matching = self._compute()

    def _apply(self, change: Callable[[], None]) -> None:
        old = self._mask
        change()
        mask, counts, matching = self._compute()
        narrowing = old is not None and len(old) == len(mask) and _is_subset(mask, old)
        if narrowing and hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._mask, self._counts, self._matching = mask, counts, matching
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        elif narrowing:
            self._mask, self._counts, self._matching = mask, counts, matching
            self.invalidateFilter()
        else:
            self._mask, self._counts, self._matching = mask, counts, matching
            self.invalidate()
        self.countsChanged.emit()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        mask = self._mask
        if mask is not None and source_row < len(mask):
            return bool(mask[source_row])
        source = self.sourceModel()
        row = source.index(source_row, 0, source_parent).data(ROW_ROLE)
        return row is not None and self.accepts(row)

    # -- sorting ----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the source model (fast); the proxy itself keeps the source order."""
        source = self.sourceModel()
        if isinstance(source, CaseTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)


class _Columns:
    """The filtered fields of every source row as parallel lists (rebuilt when rows change)."""

    __slots__ = (
        "assignees",
        "bureaus",
        "card_missing",
        "clients",
        "count",
        "ids",
        "levels",
        "procedures",
        "statuses",
        "texts",
    )

    def __init__(self, rows: Sequence[CaseRow]) -> None:
        self.count = len(rows)
        self.ids = [row.id for row in rows]
        self.texts = [row.search_text for row in rows]
        self.levels = [row.assessment.level for row in rows]
        self.bureaus = [row.bureau_id for row in rows]
        self.statuses = [row.residence_status_id for row in rows]
        self.clients = [row.organization_id for row in rows]
        self.assignees = [row.assignee or None for row in rows]
        self.procedures = [row.procedure for row in rows]
        self.card_missing = [card_details_missing(row) for row in rows]

    def update(self, position: int, row: CaseRow) -> None:
        self.ids[position] = row.id
        self.texts[position] = row.search_text
        self.levels[position] = row.assessment.level
        self.bureaus[position] = row.bureau_id
        self.statuses[position] = row.residence_status_id
        self.clients[position] = row.organization_id
        self.assignees[position] = row.assignee or None
        self.procedures[position] = row.procedure
        self.card_missing[position] = card_details_missing(row)


def _is_subset(new: bytearray, old: bytearray) -> bool:
    """Whether every row accepted by ``new`` was accepted by ``old``."""
    return int.from_bytes(new, "little") & ~int.from_bytes(old, "little") == 0
