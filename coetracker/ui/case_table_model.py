"""The case list as a Qt table model: plain :class:`CaseRow` values, fed in one call.

The model never opens a database session. The window's background loader hands it the rows of
one ``list_cases`` query (:meth:`CaseTableModel.set_rows`); after an edit the changed case is
reloaded and swapped in (:meth:`CaseTableModel.upsert_rows`).

Sorting happens here, not in the proxy: a Python ``list.sort`` over 100,000 rows takes tens of
milliseconds, whereas a proxy sort calls back into Python for every comparison (seconds). Rows
keep the urgency order as a tie-break for every column, because the rows are always sorted by
urgency first (stable sorts).

Roles: :data:`SORT_ROLE` gives native values (dates, ints, :class:`Level`), :data:`ROW_ROLE` the
row itself; the filter proxy reads the ``*_ROLE`` values it filters on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from coetracker.domain.model import FILED_STAGES, Level
from coetracker.services.records import CaseRow
from coetracker.ui import labels
from coetracker.ui.icons import level_icon
from coetracker.ui.palette import LevelPalette
from coetracker.ui.text import date_text, plain_tooltip, render

# The columns of DESIGN.md §6, ordered so that what needs doing reads first: the level, whose
# case it is, why, and when. Users can move, hide and sort every column (remembered).
COL_LEVEL = 0
COL_REFERENCE = 1
COL_APPLICANT = 2
COL_CLIENT = 3
COL_HEADLINE = 4
COL_NEXT_CHECK = 5
COL_DEADLINE = 6
COL_FILED = 7
COL_ELAPSED = 8
COL_STATUS = 9
COL_BUREAU = 10
COL_APPLICATION_NUMBER = 11
COL_STAGE = 12
COL_ASSIGNEE = 13
COLUMN_COUNT = 14

HIDDEN_BY_DEFAULT = frozenset({COL_STAGE, COL_ASSIGNEE})

_HEADERS = (
    QT_TRANSLATE_NOOP("CaseTableModel", "Readiness"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Reference"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Applicant"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Client"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Why"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Next check"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Deadline"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Filed"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Days"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Status of residence"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Bureau"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Application no."),
    QT_TRANSLATE_NOOP("CaseTableModel", "Stage"),
    QT_TRANSLATE_NOOP("CaseTableModel", "Assignee"),
)
_HEADER_TIPS = {
    COL_ELAPSED: QT_TRANSLATE_NOOP("CaseTableModel", "Days since filing (filed cases only)"),
    COL_DEADLINE: QT_TRANSLATE_NOOP(
        "CaseTableModel",
        "The nearest open document deadline, or for an issued certificate its expiry date",
    ),
    COL_HEADLINE: QT_TRANSLATE_NOOP("CaseTableModel", "What the readiness rules concluded"),
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

_URGENT = frozenset({Level.DOCS_OVERDUE, Level.COE_EXPIRING, Level.DOCS_DUE, Level.READY})
_FAR = dt.date.max


def urgency_key(row: CaseRow) -> tuple[int, dt.date, str, int]:
    """Most urgent first: level, then next check (or deadline), then reference."""
    a = row.assessment
    return (a.level, a.next_check or a.deadline or _FAR, row.reference or "", row.id)


def applicant_text(row: CaseRow) -> str:
    """Romanised name as in the passport, with the kanji name when there is one."""
    name = row.applicant_name
    return f"{name} ({row.name_kanji})" if row.name_kanji else name


def elapsed_days(row: CaseRow) -> int | None:
    """Days since filing while the case is under review; None once decided or not filed."""
    return row.elapsed_days if row.stage in FILED_STAGES else None


def deadline_of(row: CaseRow) -> dt.date | None:
    """The date by which something must happen: a document deadline or the COE expiry."""
    a = row.assessment
    if a.deadline is not None:
        return a.deadline
    if a.level in (Level.COE_EXPIRING, Level.ISSUED):
        return a.coe_expiry
    return None


def _sort_value(row: CaseRow, column: int) -> Any:
    if column == COL_LEVEL:
        return row.assessment.level
    if column == COL_REFERENCE:
        return row.reference
    if column == COL_CLIENT:
        return row.client
    if column == COL_APPLICANT:
        return row.applicant_name
    if column == COL_STATUS:
        return row.status_name
    if column == COL_BUREAU:
        return row.bureau_name
    if column == COL_FILED:
        return row.filing_date
    if column == COL_ELAPSED:
        return elapsed_days(row)
    if column == COL_APPLICATION_NUMBER:
        return row.application_number
    if column == COL_HEADLINE:
        return render(row.assessment.headline)
    if column == COL_NEXT_CHECK:
        return row.assessment.next_check
    if column == COL_DEADLINE:
        return deadline_of(row)
    if column == COL_STAGE:
        return row.stage
    if column == COL_ASSIGNEE:
        return row.assignee
    return None


def _sort_getter(column: int) -> Callable[[CaseRow], Any]:
    """A fast key for ``column`` (the same value as SORT_ROLE; text folded for case)."""
    if column in (COL_REFERENCE, COL_CLIENT, COL_APPLICANT, COL_STATUS, COL_BUREAU):
        return lambda row: (_sort_value(row, column) or "").casefold() or None
    if column == COL_APPLICATION_NUMBER:
        return lambda row: row.application_number
    if column == COL_STAGE:
        order = {stage: index for index, stage in enumerate(labels.STAGES)}
        return lambda row: order.get(row.stage, 99)
    return lambda row: _sort_value(row, column)


class CaseTableModel(QAbstractTableModel):
    """Rows of the case list (``CaseRow``), one column per field; read-only.

    The rows are held in two orders: ``_base`` by urgency (the order the loader delivers) and
    ``_rows``, the displayed order after the user's sort.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._base: list[CaseRow] = []
        self._rows: list[CaseRow] = []
        self._position: dict[int, int] = {}
        self._sort_column = COL_LEVEL
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._colours = LevelPalette(QApplication.palette())
        self._bold = QFont()
        self._bold.setBold(True)
        self._level_text = {level: labels.level_label(level) for level in Level}
        self._level_tips = {level: labels.level_tooltip(level) for level in Level}

    # -- feeding ---------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[CaseRow], *, presorted: bool = False) -> None:
        """Replace every row (``presorted``: already in urgency order)."""
        base = list(rows)
        if not presorted:
            base.sort(key=urgency_key)
        self.beginResetModel()
        self._base = base
        self._rows = self._ordered(base)
        self._reindex()
        self.endResetModel()

    def upsert_rows(self, rows: Iterable[CaseRow]) -> None:
        """Swap in reloaded rows by id; append rows not yet listed; keep the current sort."""
        fresh: list[CaseRow] = []
        for row in rows:
            position = self._position.get(row.id)
            if position is None:
                fresh.append(row)
                continue
            old = self._rows[position]
            self._rows[position] = row
            self._base[self._base_index(old)] = row
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, COLUMN_COUNT - 1), []
            )
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self._base.extend(fresh)
            for offset, row in enumerate(fresh):
                self._position[row.id] = start + offset
            self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> None:
        """Drop rows (a case that no longer exists)."""
        for case_id in ids:
            position = self._position.get(case_id)
            if position is None:
                continue
            self.beginRemoveRows(QModelIndex(), position, position)
            row = self._rows.pop(position)
            del self._base[self._base_index(row)]
            self._reindex()
            self.endRemoveRows()

    def resort(self) -> None:
        """Put rows back in the current sort order (after edits moved their levels)."""
        self._base.sort(key=urgency_key)
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
        self._level_tips = {level: labels.level_tooltip(level) for level in Level}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, COLUMN_COUNT - 1), []
            )

    # -- access -----------------------------------------------------------------------------

    def rows(self) -> Sequence[CaseRow]:
        """The rows in display order (do not modify)."""
        return self._rows

    def row_at(self, row: int) -> CaseRow:
        """The case shown in source row ``row``."""
        return self._rows[row]

    def row_of(self, case_id: int) -> int | None:
        """The source row showing case ``case_id``."""
        return self._position.get(case_id)

    def case(self, case_id: int) -> CaseRow | None:
        """The listed case with this id."""
        position = self._position.get(case_id)
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
        r, column = index.row(), index.column()
        if not 0 <= r < len(self._rows) or not 0 <= column < COLUMN_COUNT:
            return None
        row = self._rows[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        level = row.assessment.level
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._colours[level].background
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (COL_LEVEL, COL_HEADLINE):
                return self._colours[level].foreground
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return level_icon(level) if column == COL_LEVEL else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == COL_LEVEL and level in _URGENT else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == COL_ELAPSED:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == SORT_ROLE:
            return _sort_value(row, column)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == LEVEL_ROLE:
            return level
        if role == SEARCH_ROLE:
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
        self._sort_column = column if 0 <= column < COLUMN_COUNT else COL_LEVEL
        self._sort_order = order if 0 <= column < COLUMN_COUNT else Qt.SortOrder.AscendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [(index, self._rows[index.row()].id, index.column()) for index in persistent]
        self._rows = self._ordered(self._base)
        self._reindex()
        self.changePersistentIndexList(
            persistent,
            [self.index(self._position[case_id], column) for _i, case_id, column in moved],
        )
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _ordered(self, base: list[CaseRow]) -> list[CaseRow]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == COL_LEVEL:
            return list(reversed(base)) if descending else list(base)
        key = _sort_getter(self._sort_column)
        keyed = [(key(row), row) for row in base]
        present = [pair for pair in keyed if pair[0] is not None]
        missing = [row for value, row in keyed if value is None]
        present.sort(key=lambda pair: pair[0], reverse=descending)
        # Blank values go last in both directions: they are not "small" or "large".
        return [row for _value, row in present] + missing

    def _base_index(self, row: CaseRow) -> int:
        # Identity, not ==: comparing frozen dataclasses field by field is slow at 100,000 rows.
        for position, candidate in enumerate(self._base):
            if candidate is row:
                return position
        raise ValueError(row.id)

    def _reindex(self) -> None:
        self._position = {row.id: position for position, row in enumerate(self._rows)}
