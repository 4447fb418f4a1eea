"""The case list as a Qt table model: plain :class:`CaseRow` values, fed in one call.

The model never opens a database session. The window's background loader hands it the rows of
one ``list_cases`` query (:meth:`CaseTableModel.set_rows`); after an edit the changed case is
reloaded and swapped in (:meth:`CaseTableModel.upsert_rows`).

Sorting happens here, not in the proxy: one ``list.sort`` of row numbers keyed by the column's
ranks (:func:`~coetracker.ui.models.case_order.column_ranks`, made the first time a column is
sorted and kept until the rows change), whereas a proxy sort calls back into Python for every
comparison (seconds at 100,000 rows). Rows keep the urgency order as a tie-break for every
column, because the ranks follow the urgency order and the sort is stable.

Nothing is made per row at load: display texts are made in :meth:`CaseTableModel.data` for the
rows a view paints, and the list of row ids only when a case is first looked up by id.

Roles: :data:`SORT_ROLE` gives native values (dates, ints, :class:`Level`), :data:`ROW_ROLE` the
row itself. The filter proxy decides over :meth:`CaseTableModel.rows_by_urgency` (unchanged by a
sort; :attr:`CaseTableModel.generation` tells when the rows change) and shows the result through
:meth:`CaseTableModel.display_order`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from coetracker.domain.ledger import yen
from coetracker.domain.levels import certificate_expired, expired_label
from coetracker.domain.messages import N_
from coetracker.domain.model import Level
from coetracker.services.case_row import CaseRow, sort_in_urgency_order
from coetracker.services.case_rows import fold_search_texts
from coetracker.ui.common import labels
from coetracker.ui.common.icons import level_icon
from coetracker.ui.common.palette import LevelPalette
from coetracker.ui.common.text import date_text, plain_tooltip, render
from coetracker.ui.models.case_order import (
    COL_APPLICANT,
    COL_APPLICATION_NUMBER,
    COL_ASSIGNEE,
    COL_BUREAU,
    COL_CLIENT,
    COL_DEADLINE,
    COL_ELAPSED,
    COL_FILED,
    COL_HEADLINE,
    COL_LEVEL,
    COL_NEXT_CHECK,
    COL_OUTSTANDING,
    COL_PROCEDURE,
    COL_REFERENCE,
    COL_STAGE,
    COL_STATUS,
    COLUMN_COUNT,
    NEAR_UNIQUE,
    column_key,
    column_ranks,
    column_values,
    deadline_of,
    elapsed_days,
    insertion_index,
    rank_order,
    urgency_key,
)

HIDDEN_BY_DEFAULT = frozenset(
    {COL_STAGE, COL_ASSIGNEE, COL_FILED, COL_APPLICATION_NUMBER, COL_OUTSTANDING}
)
"""Shown through the header's menu; the detail pane and search cover them meanwhile.
"Unpaid only" shows the outstanding amounts."""

_HEADERS = (
    N_("CaseTableModel", "Readiness"),
    N_("CaseTableModel", "Reference"),
    N_("CaseTableModel", "Applicant"),
    N_("CaseTableModel", "Client"),
    N_("CaseTableModel", "Why"),
    N_("CaseTableModel", "Next check"),
    N_("CaseTableModel", "Deadline"),
    N_("CaseTableModel", "Filed"),
    N_("CaseTableModel", "Days"),
    N_("CaseTableModel", "Status of residence"),
    N_("CaseTableModel", "Bureau"),
    N_("CaseTableModel", "Application no."),
    N_("CaseTableModel", "Stage"),
    N_("CaseTableModel", "Assignee"),
    N_("CaseTableModel", "Procedure"),
    N_("CaseTableModel", "Outstanding"),
)
_HEADER_TIPS = {
    COL_ELAPSED: N_("CaseTableModel", "Days since filing (filed cases only)"),
    COL_DEADLINE: N_(
        "CaseTableModel",
        "The nearest open document deadline, or for an issued certificate its expiry date",
    ),
    COL_HEADLINE: N_("CaseTableModel", "What the readiness rules concluded"),
    COL_OUTSTANDING: N_("CaseTableModel", "Fees, tax and advances still to be received (yen)"),
}

_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = _ROLE + 1
ROW_ROLE = _ROLE + 2
ID_ROLE = _ROLE + 3
LEVEL_ROLE = _ROLE + 4
SEARCH_ROLE = _ROLE + 5
BUREAU_ROLE = _ROLE + 6
STATUS_ROLE = _ROLE + 7
CLIENT_ROLE = _ROLE + 8
ASSIGNEE_ROLE = _ROLE + 9

__all__ = [
    "ASSIGNEE_ROLE",
    "BUREAU_ROLE",
    "CLIENT_ROLE",
    "COLUMN_COUNT",
    "COL_APPLICANT",
    "COL_APPLICATION_NUMBER",
    "COL_ASSIGNEE",
    "COL_BUREAU",
    "COL_CLIENT",
    "COL_DEADLINE",
    "COL_ELAPSED",
    "COL_FILED",
    "COL_HEADLINE",
    "COL_LEVEL",
    "COL_NEXT_CHECK",
    "COL_OUTSTANDING",
    "COL_PROCEDURE",
    "COL_REFERENCE",
    "COL_STAGE",
    "COL_STATUS",
    "FOLD_STEP",
    "HIDDEN_BY_DEFAULT",
    "ID_ROLE",
    "LEVEL_ROLE",
    "ROW_ROLE",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "STATUS_ROLE",
    "CaseTableModel",
    "applicant_text",
    "urgency_key",
]

FOLD_STEP = 10_000
"""Rows whose search texts one idle step folds (about 15 ms)."""

_URGENT = frozenset(
    {Level.DOCS_OVERDUE, Level.COE_EXPIRING, Level.RENEWAL_DUE, Level.DOCS_DUE, Level.READY}
)


def _colour_level(row: CaseRow) -> Level:
    """The level whose colours the row wears: a renewal in its last days wears overdue red."""
    level = row.assessment.level
    if level is Level.RENEWAL_DUE and row.assessment.extra.get("renewal_urgent"):
        return Level.DOCS_OVERDUE
    return level


def applicant_text(row: CaseRow) -> str:
    """Romanised name as in the passport, with the kanji name when there is one."""
    name = row.applicant_name
    return f"{name} ({row.name_kanji})" if row.name_kanji else name


def _sort_value(row: CaseRow, column: int) -> Any:
    """SORT_ROLE: the native value shown in ``column``."""
    if column == COL_LEVEL:
        return row.assessment.level
    if column == COL_HEADLINE:
        return render(row.assessment.headline)
    if column == COL_STAGE:
        return row.stage
    if column == COL_APPLICANT:
        return row.applicant_name
    if column in _PLAIN:
        return getattr(row, _PLAIN[column])
    return column_key(column)(row)


_PLAIN = {
    COL_REFERENCE: "reference",
    COL_CLIENT: "client",
    COL_STATUS: "status_name",
    COL_BUREAU: "bureau_name",
    COL_APPLICATION_NUMBER: "application_number",
    COL_ASSIGNEE: "assignee",
}


class CaseTableModel(QAbstractTableModel):
    """Rows of the case list (``CaseRow``), one column per field; read-only.

    The rows are held in two orders: ``_base`` by urgency (the order the loader delivers) and
    ``_rows``, the displayed order after the user's sort; ``_order`` holds the ``_base`` index of
    each displayed row, kept in step through live edits.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._base: list[CaseRow] = []
        self._rows: list[CaseRow] = []
        self._ids: list[int] | None = []  # the ids of ``_rows``; None: not made yet
        self._ranks: dict[int, array[int]] = {}  # column → ranks of the rows of ``_base``
        self._order: list[int] | array[int] | range | None = range(0)  # ``_base`` index per row
        self._generation = 0  # counts changes of ``_base``
        self._unfolded: list[CaseRow] = []  # rows whose search texts are still to be folded
        self._sort_column = COL_LEVEL
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sorted = True
        self._colours = LevelPalette(QApplication.palette())
        self._bold = QFont()
        self._bold.setBold(True)
        self._level_text = {level: labels.level_label(level) for level in Level}
        self._expired_text = render(expired_label())
        self._level_tips = {level: labels.level_tooltip(level) for level in Level}
        self._outstanding: Mapping[int, int] = {}

    # -- feeding ---------------------------------------------------------------------------

    def set_rows(
        self, rows: Iterable[CaseRow], *, presorted: bool = False, search_folded: bool = True
    ) -> None:
        """Replace every row (``presorted``: already in urgency order; ``search_folded=False``:
        their search texts are still to be folded, by :meth:`fold_search_step` or, at the
        latest, when something reads them)."""
        base = list(rows)
        if not presorted:
            sort_in_urgency_order(base)
        self._unfolded = [] if search_folded else base[:]
        self.beginResetModel()
        self._base = base
        self._base_changed()
        self._rows = self._ordered(base)
        self._ids = None
        self.endResetModel()

    def upsert_rows(self, rows: Iterable[CaseRow]) -> None:
        """Swap in reloaded rows by id, each moved to its place in the current order; add rows
        not yet listed at their place."""
        for row in rows:
            position = self.row_of(row.id)
            base = self._base
            self._base_changed()
            if position is None:
                placed = insertion_index(base, row, COL_LEVEL, False, urgency_key)
                base.insert(placed, row)
                self._rebase(None, placed)
                target = self._target(row, None)
                self.beginInsertRows(QModelIndex(), target, target)
                self._insert(target, row, placed)
                self.endInsertRows()
                continue
            old = self._rows[position]
            was = self._base_index(old)
            del base[was]
            placed = insertion_index(base, row, COL_LEVEL, False, urgency_key)
            base.insert(placed, row)
            self._rebase(was, placed)
            self._rows[position] = row
            if isinstance(self._order, list):  # made a list by _rebase
                self._order[position] = placed
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, COLUMN_COUNT - 1), []
            )
            target = self._target(row, position)
            if target != position:
                destination = target + 1 if target > position else target
                self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
                self._delete(position)
                self._insert(target, row, placed)
                self.endMoveRows()

    def _target(self, row: CaseRow, skip: int | None) -> int:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return insertion_index(
            self._rows, row, self._sort_column, descending, self._key(), skip=skip
        )

    def remove_ids(self, ids: Iterable[int]) -> None:
        """Drop rows (a case that no longer exists)."""
        for case_id in ids:
            position = self.row_of(case_id)
            if position is None:
                continue
            self.beginRemoveRows(QModelIndex(), position, position)
            was = self._base_index(self._rows[position])
            self._delete(position)
            del self._base[was]
            self._rebase(was, None)
            self._base_changed()
            self.endRemoveRows()

    def resort(self) -> None:
        """Sort every row again (urgency first, then the current column)."""
        sort_in_urgency_order(self._base)
        self._base_changed()
        self._order = None
        self._sorted = False
        self.sort(self._sort_column, self._sort_order)

    def set_palette(self, palette: QPalette) -> None:
        """Recompute the level colours (light/dark theme change)."""
        self._colours = LevelPalette(palette)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, COLUMN_COUNT - 1),
                [
                    Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.DecorationRole,
                ],
            )

    def retranslate(self) -> None:
        """Refresh translated texts after a language change."""
        self._level_text = {level: labels.level_label(level) for level in Level}
        self._expired_text = render(expired_label())
        self._level_tips = {level: labels.level_tooltip(level) for level in Level}
        self._ranks.pop(COL_HEADLINE, None)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1), []
            )

    # -- access -----------------------------------------------------------------------------

    def set_outstanding(self, amounts: Mapping[int, int]) -> None:
        """Case id → yen still to be received (the Outstanding column); re-sorts if needed."""
        self._outstanding = dict(amounts)
        self._ranks.pop(COL_OUTSTANDING, None)
        if self._sort_column == COL_OUTSTANDING:
            self._sorted = False
            self.sort(self._sort_column, self._sort_order)
        elif self._rows:
            self.dataChanged.emit(
                self.index(0, COL_OUTSTANDING), self.index(len(self._rows) - 1, COL_OUTSTANDING)
            )

    def outstanding(self, case_id: int) -> int | None:
        """The amount still to be received for a case, if any."""
        return self._outstanding.get(case_id)

    def rows(self) -> Sequence[CaseRow]:
        """The rows in display order (do not modify)."""
        return self._rows

    def rows_by_urgency(self) -> Sequence[CaseRow]:
        """The rows most urgent first, whatever the display order (do not modify)."""
        return self._base

    def fold_search_step(self, count: int = FOLD_STEP) -> bool:
        """Fold the search texts of up to ``count`` more rows given unfolded; True once none is
        left (call it from idle time until then)."""
        pending = self._unfolded
        split = max(len(pending) - count, 0)
        if split < len(pending):
            fold_search_texts(pending[split:])
            del pending[split:]
        return not pending

    def ensure_search_folded(self) -> None:
        """Fold every search text still unfolded, now (a search is about to read them)."""
        self.fold_search_step(len(self._unfolded))

    def row_at(self, row: int) -> CaseRow:
        """The case shown in source row ``row``."""
        return self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        """The source row showing case ``case_id``."""
        if self._ids is None:
            self._ids = list(map(_ID, self._rows))
        try:
            return self._ids.index(case_id)  # a scan in C: no index of every row to keep
        except ValueError:
            return None

    def case(self, case_id: int) -> CaseRow | None:
        """The listed case with this id."""
        position = self.row_of(case_id)
        return None if position is None else self._rows[position]

    # -- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CaseTableModel", _HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section in _HEADER_TIPS:
            return QCoreApplication.translate("CaseTableModel", _HEADER_TIPS[section])
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, r: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """``data()`` of row ``r``, ``column`` (for the filter proxy, without a model index)."""
        if not 0 <= r < len(self._rows) or not 0 <= column < COLUMN_COUNT:
            return None
        row = self._rows[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        level = row.assessment.level
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._colours[_colour_level(row)].background
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (COL_LEVEL, COL_HEADLINE):
                return self._colours[_colour_level(row)].foreground
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return level_icon(level) if column == COL_LEVEL else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == COL_LEVEL and level in _URGENT else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_ELAPSED, COL_OUTSTANDING):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == SORT_ROLE:
            if column == COL_OUTSTANDING:
                return self._outstanding.get(row.id)
            return _sort_value(row, column)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == LEVEL_ROLE:
            return level
        if role == SEARCH_ROLE:
            self.ensure_search_folded()
            return row.search_text
        if role == BUREAU_ROLE:
            return row.bureau_id
        if role == STATUS_ROLE:
            return row.residence_status_id
        if role == CLIENT_ROLE:
            return row.organization_id
        if role == ASSIGNEE_ROLE:
            return row.assignee
        return None

    def _display(self, row: CaseRow, column: int) -> str | int | None:
        if column == COL_LEVEL:
            if certificate_expired(row.assessment):
                return self._expired_text
            return self._level_text[row.assessment.level]
        if column == COL_REFERENCE:
            return row.reference or ""
        if column == COL_CLIENT:
            return row.client
        if column == COL_APPLICANT:
            return applicant_text(row)
        if column == COL_STATUS:
            return row.status_name or ""
        if column == COL_BUREAU:
            return row.bureau_name or ""
        if column == COL_FILED:
            return date_text(row.filing_date)
        if column == COL_ELAPSED:
            days = elapsed_days(row)
            return "" if days is None else days
        if column == COL_APPLICATION_NUMBER:
            return row.application_number or ""
        if column == COL_HEADLINE:
            return render(row.assessment.headline)
        if column == COL_NEXT_CHECK:
            return date_text(row.assessment.next_check)
        if column == COL_DEADLINE:
            return date_text(deadline_of(row))
        if column == COL_STAGE:
            return labels.label(labels.STAGES, row.stage)
        if column == COL_ASSIGNEE:
            return row.assignee or ""
        if column == COL_PROCEDURE:
            return labels.label(labels.PROCEDURES, row.procedure)
        if column == COL_OUTSTANDING:
            owed = self._outstanding.get(row.id)
            return yen(owed) if owed else ""
        return None

    def _tooltip(self, row: CaseRow, column: int) -> str | None:
        if column == COL_LEVEL:
            return self._level_tips[row.assessment.level]
        if column == COL_HEADLINE:
            a = row.assessment
            return plain_tooltip(f"{render(a.headline)}\n→ {render(a.action)}")
        if column == COL_APPLICANT:
            parts = [row.applicant_name, row.name_kanji, row.name_kana, row.nationality_code]
            return plain_tooltip("\n".join(p for p in parts if p))
        if column == COL_CLIENT:
            return plain_tooltip(row.client)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- sorting ----------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (urgency breaks ties); -1 restores urgency order."""
        if not 0 <= column < COLUMN_COUNT:
            column, order = COL_LEVEL, Qt.SortOrder.AscendingOrder
        if self._sorted and (column, order) == (self._sort_column, self._sort_order):
            return  # the view asks twice for one header click
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [(self._rows[index.row()].id, index.column()) for index in persistent]
        self._rows = self._ordered(self._base)
        self._ids = None
        if persistent:
            ids = self._ids = list(map(_ID, self._rows))
            many = len(moved) > 32  # a scan in C per index, else one dict
            where = dict(zip(ids, range(len(ids)), strict=True)).__getitem__ if many else ids.index
            self.changePersistentIndexList(
                persistent, [self.index(where(case_id), col) for case_id, col in moved]
            )
        self._sorted = True
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _key(self, column: int | None = None) -> Callable[[CaseRow], Any]:
        column = self._sort_column if column is None else column
        if column == COL_OUTSTANDING:
            amounts = self._outstanding
            return lambda row: amounts.get(row.id)
        return column_key(column, lambda row: render(row.assessment.headline))

    def _ordered(self, base: list[CaseRow]) -> list[CaseRow]:
        """``base`` in the current sort order; notes each row's index in ``base``."""
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        column = self._sort_column
        count = len(base)
        if column == COL_LEVEL:
            self._order = range(count - 1, -1, -1) if descending else range(count)
            return base[::-1] if descending else base[:]
        ranks = self._ranks.get(column)
        if ranks is None:
            if column in (COL_OUTSTANDING, COL_HEADLINE):
                values = list(map(self._key(column), base))
            else:
                values = column_values(base, column)
            order, ranks = column_ranks(values, unique=column in NEAR_UNIQUE)
            self._ranks[column] = ranks
            if descending:
                order = rank_order(ranks, descending)
        else:
            order = rank_order(ranks, descending)
        self._order = array("i", order)
        return list(map(base.__getitem__, order))

    def _base_changed(self) -> None:
        self._ranks.clear()
        self._generation += 1

    def _rebase(self, removed: int | None, inserted: int | None) -> None:
        """Keep ``_order`` in step with ``_base`` after a row was removed from it at index
        ``removed`` and/or one inserted at ``inserted`` (an index after the removal)."""
        order = self._order
        if order is None:
            return
        if removed is not None:
            order = [index - (index > removed) for index in order]
        if inserted is not None:
            order = [index + (index >= inserted) for index in order]
        self._order = order if isinstance(order, list) else list(order)

    @property
    def generation(self) -> int:
        """A number that changes whenever the rows change (not when they are only re-sorted)."""
        return self._generation

    def display_order(self) -> Sequence[int]:
        """For each row in display order, its index in :meth:`rows_by_urgency`."""
        if self._order is None:
            where = dict(zip(map(id, self._base), range(len(self._base)), strict=True))
            self._order = array("i", map(where.__getitem__, map(id, self._rows)))
        return self._order

    def _base_index(self, row: CaseRow) -> int:
        # Identity, not ==: comparing frozen dataclasses field by field is slow at 100,000 rows.
        for position, candidate in enumerate(self._base):
            if candidate is row:
                return position
        raise ValueError(row.id)

    def _insert(self, position: int, row: CaseRow, base_index: int) -> None:
        order = self._order
        if order is not None:
            if isinstance(order, range):
                order = self._order = list(order)
            order.insert(position, base_index)
        self._rows.insert(position, row)
        if self._ids is not None:
            self._ids.insert(position, row.id)

    def _delete(self, position: int) -> None:
        order = self._order
        if order is not None:
            if isinstance(order, range):
                order = self._order = list(order)
            del order[position]
        del self._rows[position]
        if self._ids is not None:
            del self._ids[position]


_ID = attrgetter("id")
