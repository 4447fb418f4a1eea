"""The Today view shown on launch: what needs doing now, each line opening its case.

Documents overdue, documents due soon, certificates expiring, and cases ready for a status
check, most urgent first; then cases whose work is done but whose fees are not all received
(when a source of unpaid amounts is set). It is computed from the rows already loaded for the
case list.

Signals:
    openCase(int): the user activated a line; the case id.
    hideRequested(): the user closed the view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.ledger import yen
from coetracker.domain.model import Level, Stage
from coetracker.domain.procedures import Procedure
from coetracker.services.case_row import CaseRow
from coetracker.ui.common.icons import level_icon
from coetracker.ui.common.palette import LevelPalette, warning_colour
from coetracker.ui.common.text import date_text, plain_tooltip, render
from coetracker.ui.models.case_table_model import urgency_key

BILLABLE_STAGES = frozenset(
    {
        Stage.ISSUED,
        Stage.SENT,
        Stage.VISA_APPLIED,
        Stage.ENTERED,
        Stage.DENIED,
        Stage.WITHDRAWN,
        Stage.EXPIRED,
    }
)
"""Stages at which the office's work on the application is done and its fee is due."""
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_INDEX = QModelIndex()


def special_period_ending(row: CaseRow, today: dt.date, warning_days: int) -> dt.date | None:
    """The end of a pending extension's or change's special period when it is near, else None."""
    if row.procedure is _COE:  # only an application made in Japan has a special period
        return None
    end = row.assessment.extra.get("special_period_end")
    if isinstance(end, dt.date) and (end - today).days <= warning_days:
        return end
    return None


_COE = Procedure.COE
_NEEDED_TODAY = frozenset({Level.DOCS_OVERDUE, Level.COE_EXPIRING, Level.RENEWAL_DUE, Level.READY})
"""The levels listed whatever else is true (documents due soon are listed when due soon)."""


def today_rows(
    rows: Iterable[CaseRow],
    *,
    due_soon_business_days: int,
    today: dt.date | None = None,
    special_warning_days: int = 21,
    presorted: bool = False,
) -> list[CaseRow]:
    """The cases that need something today, most urgent first: documents, certificates and
    residence cards running out, status checks due, special periods about to end.
    ``presorted``: ``rows`` are already most urgent first (their order is kept)."""
    chosen = []
    needed, docs_due, coe = _NEEDED_TODAY, Level.DOCS_DUE, _COE
    for row in rows:
        a = row.assessment
        level = a.level
        if (
            level in needed
            or (
                level is docs_due
                and a.business_days_left is not None
                and a.business_days_left <= due_soon_business_days
            )
            or (
                today is not None
                and row.procedure is not coe
                and special_period_ending(row, today, special_warning_days) is not None
            )
        ):
            chosen.append(row)
    if not presorted:
        chosen.sort(key=urgency_key)
    return chosen


class TodayModel(QAbstractListModel):
    """One line per case that needs attention today."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._colours: LevelPalette | None = None
        self._today: dt.date | None = None
        self._special_warning_days = 21
        self._owed: Mapping[int, int] = {}

    def set_rows(
        self,
        rows: list[CaseRow],
        colours: LevelPalette,
        owed: Mapping[int, int] | None = None,
        *,
        today: dt.date | None = None,
        special_warning_days: int = 21,
    ) -> None:
        self.beginResetModel()
        self._rows = rows
        self._colours = colours
        self._today = today
        self._special_warning_days = special_warning_days
        self._owed = owed or {}
        self.endResetModel()

    def _special_end(self, row: CaseRow) -> dt.date | None:
        if self._today is None:
            return None
        return special_period_ending(row, self._today, self._special_warning_days)

    def rows(self) -> list[CaseRow]:
        return self._rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column():
            return None
        row = self._rows[index.row()]
        a = row.assessment
        if role == Qt.ItemDataRole.DisplayRole:
            who = row.applicant_name + (f" ({row.name_kanji})" if row.name_kanji else "")
            line = f"{row.reference or '–'}   {who}  ·  {row.client}   —   {render(a.headline)}"
            end = self._special_end(row)
            if end is not None:
                warning = QCoreApplication.translate(
                    "TodayView", "special period (特例期間) ends %1 with no decision"
                )
                line += "   ⚠ " + warning.replace("%1", date_text(end))
            owed = self._owed.get(row.id)
            if owed:
                line += "   —   " + self.tr("unpaid %1").replace("%1", yen(owed))
            return line
        if role == Qt.ItemDataRole.DecorationRole:
            return level_icon(a.level)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(render(a.headline) + "\n→ " + render(a.action))
        if role == Qt.ItemDataRole.ForegroundRole and self._colours is not None:
            urgent = a.level == Level.DOCS_OVERDUE or (
                a.level == Level.RENEWAL_DUE and bool(a.extra.get("renewal_urgent"))
            )
            if self._special_end(row) is not None:
                urgent = True
            return self._colours[Level.DOCS_OVERDUE].foreground if urgent else None
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class TodayView(QFrame):
    """A summary line and the list of today's cases (see the module documentation)."""

    openCase = Signal(int)  # noqa: N815 - Qt signal naming
    hideRequested = Signal()  # noqa: N815 - Qt signal naming
    addFiguresRequested = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("todayTitle")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        top.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("todaySummary")
        self.summary.setWordWrap(True)  # long in Japanese; must not set the window's width
        top.addWidget(self.summary, 1)
        self.close_button = QToolButton()
        self.close_button.setObjectName("hideToday")
        self.close_button.setText(self.tr("Hide"))
        self.close_button.setToolTip(self.tr("Hide the Today view (View ▸ Today)"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hideRequested)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.model = TodayModel(self)
        self.list = QListView()
        self.list.setObjectName("todayList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        # A long line ends in "…" at the list's width (its tooltip has all of it): the
        # panel never needs a sideways scroll bar.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setIconSize(QSize(16, 16))
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        layout.addWidget(self.list, 1)
        figures = QHBoxLayout()
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setObjectName("todayFigures")
        figures.addWidget(self.figures, 1)
        self.add_figures = QToolButton()
        self.add_figures.setObjectName("addFigures")
        self.add_figures.setText(self.tr("Add a month…"))
        self.add_figures.setToolTip(
            self.tr("Add the newest processing times from ISA's 在留審査処理期間 page (Settings)")
        )
        self.add_figures.setAutoRaise(True)
        self.add_figures.clicked.connect(self.addFiguresRequested)
        figures.addWidget(self.add_figures)
        layout.addLayout(figures)
        self._unpaid_source: Callable[[], Mapping[int, int]] | None = None
        self.empty = QLabel(self.tr("Nothing is due today."))
        self.empty.setObjectName("todayEmpty")
        self.empty.hide()
        layout.addWidget(self.empty)

    def set_rows(
        self,
        rows: Iterable[CaseRow],
        *,
        today_text: str,
        due_soon_business_days: int,
        colours: LevelPalette,
        today: dt.date | None = None,
        special_warning_days: int = 21,
        presorted: bool = False,
    ) -> None:
        """Show the cases of ``rows`` that need something today (``presorted``: ``rows`` are
        most urgent first)."""
        rows = list(rows)
        chosen = today_rows(
            rows,
            due_soon_business_days=due_soon_business_days,
            today=today,
            special_warning_days=special_warning_days,
            presorted=presorted,
        )
        owed: dict[int, int] = {}
        if self._unpaid_source is not None:
            outstanding = self._unpaid_source()
            owed = {
                row.id: outstanding[row.id]
                for row in rows
                if row.id in outstanding and row.stage in BILLABLE_STAGES
            }
            shown = {row.id for row in chosen}
            chosen.extend(row for row in rows if row.id in owed and row.id not in shown)
        self.model.set_rows(
            chosen, colours, owed, today=today, special_warning_days=special_warning_days
        )
        self.title.setText(self.tr("Today, %1").replace("%1", today_text))
        counts = dict.fromkeys(Level, 0)
        special = 0
        for row in chosen:
            if today is not None and special_period_ending(row, today, special_warning_days):
                special += 1
            counts[row.assessment.level] += 1
        locale = QLocale()
        parts = [
            self.tr("Documents overdue: %1").replace(
                "%1", locale.toString(counts[Level.DOCS_OVERDUE])
            ),
            self.tr("Due soon: %1").replace("%1", locale.toString(counts[Level.DOCS_DUE])),
            self.tr("Certificates expiring: %1").replace(
                "%1", locale.toString(counts[Level.COE_EXPIRING])
            ),
            self.tr("Ready for a status check: %1").replace(
                "%1", locale.toString(counts[Level.READY])
            ),
            self.tr("Residence cards expiring: %1").replace(
                "%1", locale.toString(counts[Level.RENEWAL_DUE])
            ),
        ]
        if special:
            parts.append(
                self.tr("Special periods ending: %1").replace("%1", locale.toString(special))
            )
        if self._unpaid_source is not None:
            parts.append(self.tr("Unpaid: %1").replace("%1", locale.toString(len(owed))))
        # Each figure stays whole when the line wraps: spaces inside one are non-breaking.
        self.summary.setText("   ·   ".join(part.replace(" ", "\u00a0") for part in parts))
        self.list.setVisible(bool(chosen))
        self.empty.setVisible(not chosen)

    def set_figures_month(self, month: str, *, stale: bool) -> None:
        """Say which month the processing times were last updated for; warn when it is old."""
        if not month:
            self.figures.setText(self.tr("No processing times recorded: add them in Settings."))
        else:
            self.figures.setText(self.tr("Processing times last updated: %1").replace("%1", month))
        self._figures_warn = stale or not month
        self._paint_figures()

    def _paint_figures(self) -> None:
        """The processing-times line in the palette's warning colour while it warns."""
        warn = getattr(self, "_figures_warn", False)
        colour = warning_colour(self.palette()).name() if warn else ""
        self.figures.setStyleSheet(f"color: {colour};" if colour else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_figures()
        super().changeEvent(event)

    def set_unpaid_source(self, source: Callable[[], Mapping[int, int]] | None) -> None:
        """Where the amounts still owed per case come from (None: unpaid cases are not shown)."""
        self._unpaid_source = source

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(ID_ROLE)
        if case_id is not None:
            self.openCase.emit(int(case_id))
