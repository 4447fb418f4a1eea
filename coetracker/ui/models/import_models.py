"""The import preview's models: every planned row with its problems and duplicates
(:class:`ImportPreviewModel`) and how each column of the file was mapped
(:class:`ColumnMappingModel`). They hold plain values and never open a session; client data is
shown as plain text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from coetracker.domain.messages import QT_TRANSLATE_NOOP
from coetracker.io.csv_codec import (
    ParsedSheet,
)
from coetracker.services.csv_import import (
    ImportPlan,
)
from coetracker.services.import_row_plan import PlannedRow, RowAction
from coetracker.ui.common.text import date_text, plain_tooltip, render
from coetracker.ui.features.transfer_common import (
    tr,
)

__all__ = [
    "COL_PROBLEMS",
    "COL_REFERENCE",
    "COL_STATUS",
    "PLANNED_ROW_ROLE",
    "PROBLEM_COUNT_ROLE",
    "ColumnMappingModel",
    "ImportPreviewModel",
    "status_text",
]


# --- import: the preview model ---------------------------------------------------------------

COL_ROW, COL_STATUS, COL_REFERENCE, COL_CLIENT, COL_APPLICANT = range(5)
COL_NUMBER, COL_FILED, COL_RESIDENCE, COL_BUREAU, COL_STAGE, COL_PROBLEMS = range(5, 11)
_PREVIEW_HEADERS = (
    QT_TRANSLATE_NOOP("Csv", "Row"),
    QT_TRANSLATE_NOOP("Csv", "Import as"),
    QT_TRANSLATE_NOOP("Csv", "受託番号"),
    QT_TRANSLATE_NOOP("Csv", "Client"),
    QT_TRANSLATE_NOOP("Csv", "Applicant"),
    QT_TRANSLATE_NOOP("Csv", "申請番号"),
    QT_TRANSLATE_NOOP("Csv", "Filed"),
    QT_TRANSLATE_NOOP("Csv", "Status of residence"),
    QT_TRANSLATE_NOOP("Csv", "Bureau"),
    QT_TRANSLATE_NOOP("Csv", "Stage"),
    QT_TRANSLATE_NOOP("Csv", "Problems"),
)
PLANNED_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""``data(index, PLANNED_ROW_ROLE)`` is the row's :class:`PlannedRow`."""
PROBLEM_COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
"""``data(index, PROBLEM_COUNT_ROLE)`` is how many problems the row has (an int)."""

_PROBLEM_COLOUR = QColor("#b3261e")
_PROBLEM_BACKGROUND = QColor("#fde7e4")
_DUPLICATE_BACKGROUND = QColor("#fff4d6")


def status_text(row: PlannedRow) -> str:
    """What importing the row does, in words: New case, Updates 26-0001, Duplicate of …"""
    if row.action == RowAction.UPDATE:
        return tr(QT_TRANSLATE_NOOP("Csv", "Updates {case}")).format(case=row.case_label)
    if row.duplicate:
        return tr(QT_TRANSLATE_NOOP("Csv", "Duplicate of {case}")).format(case=row.case_label)
    if row.problems:
        return tr(QT_TRANSLATE_NOOP("Csv", "Not importable"))
    return tr(QT_TRANSLATE_NOOP("Csv", "New case"))


def _problems_text(row: PlannedRow, separator: str) -> str:
    return separator.join(
        f"{p.column}: {render(p.message)}" if p.column else render(p.message) for p in row.problems
    )


class ImportPreviewModel(QAbstractTableModel):
    """Every data row of a file and what importing it does, with its problems.

    Display text is plain; problem rows are drawn in red, duplicates on a yellow background;
    :data:`PLANNED_ROW_ROLE` gives the :class:`PlannedRow`.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[PlannedRow, ...] = ()

    def set_plan(self, plan: ImportPlan | None) -> None:
        """Show the rows of ``plan`` (none for ``None``)."""
        self.beginResetModel()
        self._rows = plan.rows if plan is not None else ()
        self.endResetModel()

    def planned_row(self, row: int) -> PlannedRow:
        """The planned row shown at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_PREVIEW_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_PREVIEW_HEADERS):
            return tr(_PREVIEW_HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(self._rows[section].row)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(_PREVIEW_HEADERS):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (COL_PROBLEMS, COL_STATUS) and row.problems:
                return plain_tooltip(_problems_text(row, "\n"))
            text = self._display(row, column)
            return plain_tooltip(text) if isinstance(text, str) and text else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_PROBLEM_COLOUR) if row.problems else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.problems and column in (COL_STATUS, COL_PROBLEMS):
                return QBrush(_PROBLEM_BACKGROUND)
            return QBrush(_DUPLICATE_BACKGROUND) if row.duplicate else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PLANNED_ROW_ROLE:
            return row
        if role == PROBLEM_COUNT_ROLE:
            return len(row.problems)
        return None

    @staticmethod
    def _display(row: PlannedRow, column: int) -> str | int:
        record = row.record
        if column == COL_ROW:
            return row.row
        if column == COL_STATUS:
            return status_text(row)
        if column == COL_REFERENCE:
            return record.raw.get("reference", "")
        if column == COL_CLIENT:
            return record.client
        if column == COL_APPLICANT:
            romanised = " ".join(p for p in (record.family_name, record.given_name) if p.strip())
            return " / ".join(p for p in (romanised, record.name_kanji.strip()) if p)
        if column == COL_NUMBER:
            return record.raw.get("application_number", "")
        if column == COL_FILED:
            return (
                date_text(record.filing_date)
                if record.filing_date
                else record.raw.get("filing_date", "")
            )
        if column == COL_RESIDENCE:
            return record.residence_status
        if column == COL_BUREAU:
            return record.bureau
        if column == COL_STAGE:
            return record.raw.get("stage", "")
        return _problems_text(row, "; ")


class ColumnMappingModel(QAbstractTableModel):
    """How each header of the file was read: the column it fills, or why it is ignored."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []

    def set_sheet(self, sheet: ParsedSheet | None) -> None:
        """Show the mapping of ``sheet`` (nothing for ``None``)."""
        self.beginResetModel()
        self._rows = []
        if sheet is not None:
            ignored = set(sheet.ignored_columns)
            for header, column in zip(sheet.headers, sheet.columns, strict=True):
                if column is not None:
                    target = column.header_ja
                elif header in ignored:
                    target = tr(QT_TRANSLATE_NOOP("Csv", "ignored: computed on export"))
                elif header.strip():
                    target = tr(QT_TRANSLATE_NOOP("Csv", "ignored: unknown column"))
                else:
                    target = tr(QT_TRANSLATE_NOOP("Csv", "ignored: no header"))
                self._rows.append((header, target))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return tr(QT_TRANSLATE_NOOP("Csv", "Column in the file"))
        if section == 1:
            return tr(QT_TRANSLATE_NOOP("Csv", "Read as"))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= index.column() < 2:
            return self._rows[index.row()][index.column()]
        return None
