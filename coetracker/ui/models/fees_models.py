"""Table models of the Fees tab: fee lines, payments received, invoices and receipts issued."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from coetracker.domain.ledger import FeeLine, LineKind, yen
from coetracker.ui.common.text import date_text

if TYPE_CHECKING:
    from coetracker.services.fees import PaymentRecord
    from coetracker.services.issued import IssuedDocumentRecord

_INDEX = QModelIndex()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _RowsModel(QAbstractTableModel):
    """Rows of plain values shown as text, amounts aligned right."""

    amount_column = -1

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._cells: list[list[str]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cells):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() == self.amount_column else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        return None

    def _set(self, cells: list[list[str]]) -> None:
        self.beginResetModel()
        self._cells = cells
        self.endResetModel()


class FeeLineTableModel(_RowsModel):
    """A case's fee lines: kind, description, tax rate, amount excluding tax."""

    amount_column = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Kind"), self.tr("Description"), self.tr("Tax rate"), self.tr("Amount")],
            parent,
        )
        self.lines: list[FeeLine] = []

    def kind_label(self, kind: LineKind) -> str:
        return {
            LineKind.FEE: self.tr("Fee"),
            LineKind.EXPENSE: self.tr("Expense (taxed)"),
            LineKind.ADVANCE: self.tr("Advance (立替金)"),
        }[kind]

    def set_lines(self, lines: Sequence[FeeLine]) -> None:
        self.lines = list(lines)
        self._set(
            [
                [
                    self.kind_label(line.kind),
                    line.description,
                    self.tr("not taxed") if line.kind is LineKind.ADVANCE else f"{line.tax_rate} %",
                    yen(line.amount),
                ]
                for line in lines
            ]
        )


class PaymentTableModel(_RowsModel):
    """Payments received: date, method, amount."""

    amount_column = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([self.tr("Date"), self.tr("Method"), self.tr("Amount")], parent)
        self.payments: tuple[PaymentRecord, ...] = ()

    def set_payments(self, payments: Sequence[PaymentRecord]) -> None:
        self.payments = tuple(payments)
        self._set(
            [[date_text(item.paid_on), item.method or "", yen(item.amount)] for item in payments]
        )


class IssuedDocumentTableModel(_RowsModel):
    """Invoices and receipts issued: number, kind, date, amount, and whether it was voided."""

    amount_column = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Number"), self.tr("Document"), self.tr("Issued"), self.tr("Amount"),
             self.tr("State")],
            parent,
        )  # fmt: skip
        self.documents: tuple[IssuedDocumentRecord, ...] = ()

    def set_documents(self, documents: Sequence[IssuedDocumentRecord]) -> None:
        self.documents = tuple(documents)
        kinds = {"invoice": self.tr("Invoice"), "receipt": self.tr("Receipt")}
        cells = []
        for item in documents:
            state = self.tr("Valid")
            if item.voided_on is not None:
                state = (
                    self.tr("Void since %1: %2")
                    .replace("%1", date_text(item.voided_on))
                    .replace("%2", item.void_reason or "")
                )
            cells.append(
                [
                    item.number,
                    kinds.get(item.kind, item.kind),
                    date_text(item.issued_on),
                    yen(item.amount),
                    state,
                ]
            )
        self._set(cells)
