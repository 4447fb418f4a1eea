"""Table models of the Settings dialog: processing benchmarks and bureaus (reference data)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from coetracker.domain.messages import N_
from coetracker.domain.periods import period_label
from coetracker.services.reference import BenchmarkRecord, BureauRecord
from coetracker.ui.common import labels
from coetracker.ui.common.text import plain_tooltip, render
from coetracker.ui.models.detail_models import SORT_ROLE, _RecordModel


class BenchmarkTableModel(_RecordModel[BenchmarkRecord]):
    """Published average processing times, newest period first."""

    CONTEXT = "BenchmarkTableModel"
    HEADERS = (
        N_("BenchmarkTableModel", "Period"),
        N_("BenchmarkTableModel", "Status of residence"),
        N_("BenchmarkTableModel", "Average days"),
        N_("BenchmarkTableModel", "Source"),
    )

    def _data(self, record: BenchmarkRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                render(period_label(record.period)),
                record.status_name,
                f"{record.average_days:.1f}",
                record.source or "",
            )[column]
        if role == SORT_ROLE:
            return (record.period, record.status_name, record.average_days, record.source)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return plain_tooltip(record.source or "")
        return None


class BureauTableModel(_RecordModel[BureauRecord]):
    """Bureaus, district and branch offices with their phone numbers and inquiry policy."""

    CONTEXT = "BureauTableModel"
    HEADERS = (
        N_("BureauTableModel", "Bureau"),
        N_("BureauTableModel", "Area served"),
        N_("BureauTableModel", "Phone"),
        N_("BureauTableModel", "Progress inquiries"),
        N_("BureauTableModel", "Takes COE applications"),
    )

    def _data(self, record: BureauRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return record.name_ja
            if column == 1:
                return record.area_served or "、".join(record.prefectures)
            if column == 2:
                return record.phone or ""
            if column == 3:
                return labels.label(labels.INQUIRY_POLICIES, record.inquiry_policy)
            if column == 4:
                return self.tr("Yes") if record.accepts_coe else self.tr("No")
        if role == SORT_ROLE:
            return (
                record.name_ja,
                record.area_served or "、".join(record.prefectures),
                record.phone,
                record.inquiry_policy,
                record.accepts_coe,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(record.name_en)
        return None
