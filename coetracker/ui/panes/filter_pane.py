"""The filters on the left: a chip per readiness level with its live count, bureau, status of
residence, client, assignee and "show closed".

The pane drives a :class:`CaseFilterProxy` through its typed setters and repaints the counts
whenever the proxy says they changed. No chip checked means every level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coetracker.domain.model import Level
from coetracker.domain.procedures import Procedure
from coetracker.services.case_row import CaseRow
from coetracker.ui.common import labels
from coetracker.ui.common.icons import level_icon
from coetracker.ui.models.case_filter_proxy import UNASSIGNED, CaseFilterProxy

if TYPE_CHECKING:
    from coetracker.services.reference import BureauRecord, StatusRecord

_ALL = None
_ORGANIZATION = attrgetter("organization_id")
_CLIENT = attrgetter("client")
_ASSIGNEE = attrgetter("assignee")


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class FilterPane(QFrame):
    """Level chips with counts and the other filters (see the module documentation)."""

    def __init__(self, proxy: CaseFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterPane")
        self.proxy = proxy
        self._updating = False
        # The filters scroll when the window is short (150 % scaling, a small screen): the pane
        # must never make the window taller than the screen, and Japanese lines are taller.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("filterScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.viewport().setAutoFillBackground(False)
        outer.addWidget(self.scroll_area)
        content = QWidget()
        content.setObjectName("filterContent")
        content.setAutoFillBackground(False)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)

        layout.addWidget(_heading(self.tr("Readiness")))
        self.chips: dict[Level, QToolButton] = {}
        for level in Level:
            chip = QToolButton(self)
            chip.setObjectName(f"levelChip_{level.name}")
            chip.setCheckable(True)
            chip.setAutoRaise(True)
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setIcon(level_icon(level))
            chip.setIconSize(QSize(16, 16))
            chip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            chip.setToolTip(labels.level_tooltip(level))
            chip.toggled.connect(self._levels_changed)
            self.chips[level] = chip
            layout.addWidget(chip)
        self.clear_levels = QPushButton(self.tr("All levels"))
        self.clear_levels.setObjectName("allLevelsButton")
        self.clear_levels.setFlat(True)
        self.clear_levels.clicked.connect(self._clear_levels)
        layout.addWidget(self.clear_levels)

        layout.addSpacing(8)
        layout.addWidget(_heading(self.tr("Bureau")))
        self.bureau = QComboBox(self)
        self.bureau.setObjectName("bureauFilter")
        self.bureau.currentIndexChanged.connect(
            lambda _i: self.proxy.set_bureau(self.bureau.currentData())
        )
        layout.addWidget(self.bureau)

        layout.addWidget(_heading(self.tr("Status of residence")))
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status.currentData())
        )
        layout.addWidget(self.status)

        layout.addWidget(_heading(self.tr("Client")))
        self.client = QComboBox(self)
        self.client.setObjectName("clientFilter")
        self.client.setEditable(True)
        self.client.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.client.completer()
        if completer is not None:  # an editable combo box always has one
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.client.currentIndexChanged.connect(
            lambda _i: self.proxy.set_client(self.client.currentData())
        )
        layout.addWidget(self.client)

        layout.addWidget(_heading(self.tr("Assignee")))
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assigneeFilter")
        self.assignee.currentIndexChanged.connect(
            lambda _i: self.proxy.set_assignee(self.assignee.currentData())
        )
        layout.addWidget(self.assignee)

        layout.addWidget(_heading(self.tr("Procedure")))
        self.procedure = QComboBox(self)
        self.procedure.setObjectName("procedureFilter")
        self.procedure.addItem(self.tr("All procedures"), None)
        for procedure in Procedure:
            self.procedure.addItem(labels.label(labels.PROCEDURES, procedure), procedure)
        self.procedure.currentIndexChanged.connect(
            lambda _i: self.proxy.set_procedure(self.procedure.currentData())
        )
        layout.addWidget(self.procedure)
        self.card_missing = QCheckBox(self.tr("Card details missing"), self)
        self.card_missing.setObjectName("cardMissingFilter")
        self.card_missing.setToolTip(
            self.tr("Entered cases whose residence card expiry is not recorded yet")
        )
        self.card_missing.toggled.connect(self.proxy.set_card_missing)
        layout.addWidget(self.card_missing)

        layout.addSpacing(8)
        self.show_closed = QCheckBox(self.tr("Show closed cases"), self)
        self.show_closed.setObjectName("showClosed")
        self.show_closed.setToolTip(
            self.tr("Entered, denied, withdrawn, expired unused or archived cases")
        )
        self.show_closed.toggled.connect(self._show_closed_changed)
        layout.addWidget(self.show_closed)
        self.unpaid_only = QCheckBox(self.tr("Unpaid only"), self)
        self.unpaid_only.setObjectName("unpaidOnly")
        self.unpaid_only.setToolTip(self.tr("Cases with fees still to be received"))
        self.unpaid_only.toggled.connect(self.refresh_unpaid)
        self.unpaid_only.hide()  # shown once a source of unpaid cases is set
        self._unpaid_source: Callable[[], Iterable[int]] | None = None
        layout.addWidget(self.unpaid_only)
        self.reset = QPushButton(self.tr("Reset filters"))
        self.reset.setObjectName("resetFilters")
        self.reset.clicked.connect(self.reset_filters)
        layout.addWidget(self.reset)
        layout.addStretch(1)

        for combo in (self.bureau, self.status, self.client, self.assignee, self.procedure):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.set_reference((), ())
        self.set_rows(())
        proxy.countsChanged.connect(self.update_counts)
        self.update_counts()

    # -- options ----------------------------------------------------------------------------

    def set_reference(
        self, bureaus: Sequence[BureauRecord], statuses: Sequence[StatusRecord]
    ) -> None:
        """The bureau and status choices (reference data)."""
        self._fill(
            self.bureau,
            self.tr("All bureaus"),
            [(b.short_name_ja if b.parent_id else b.name_ja, b.id) for b in bureaus],
        )
        self._fill(
            self.status,
            self.tr("All statuses"),
            [(s.name_ja, s.id) for s in statuses],
        )

    def set_rows(self, rows: Iterable[CaseRow]) -> None:
        """The client and assignee choices, from the cases listed."""
        listed = rows if isinstance(rows, Sequence) else list(rows)
        # One client name per client id (the rows of one client all show its name).
        clients: dict[int | None, str] = dict(
            zip(map(_ORGANIZATION, listed), map(_CLIENT, listed), strict=True)
        )
        clients.pop(None, None)  # a family case may have no client company
        assignees: set[str | None] = set(map(_ASSIGNEE, listed))
        unassigned = None in assignees or "" in assignees
        assignees -= {None, ""}
        self._fill(
            self.client,
            self.tr("All clients"),
            sorted(((name, key) for key, name in clients.items()), key=lambda p: p[0]),
        )
        choices: list[tuple[str, str | None]] = [
            (name, name) for name in sorted(name for name in assignees if name)
        ]
        if unassigned:
            choices.append((self.tr("(nobody)"), UNASSIGNED))
        self._fill(self.assignee, self.tr("Everyone"), choices)

    def add_rows(self, rows: Iterable[CaseRow]) -> None:
        """Offer the client and assignee of changed cases if they are new (cheap per edit)."""
        for row in rows:
            if row.organization_id is not None and self.client.findData(row.organization_id) < 0:
                self.client.addItem(row.client, row.organization_id)
            key = row.assignee or UNASSIGNED
            if self.assignee.findData(key) < 0:
                self.assignee.addItem(row.assignee or self.tr("(nobody)"), key)

    def _fill(
        self, combo: QComboBox, everything: str, choices: Sequence[tuple[str, object]]
    ) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, _ALL)
        for text, key in choices:
            combo.addItem(text, key)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if combo.currentData() != current:
            combo.currentIndexChanged.emit(combo.currentIndex())

    # -- events -----------------------------------------------------------------------------

    def _levels_changed(self, _checked: bool) -> None:
        if self._updating:
            return
        levels = {level for level, chip in self.chips.items() if chip.isChecked()}
        if Level.CLOSED in levels and not self.show_closed.isChecked():
            self.show_closed.setChecked(True)  # asking for closed cases means showing them
        self.proxy.set_levels(levels)

    def _clear_levels(self) -> None:
        self._updating = True
        for chip in self.chips.values():
            chip.setChecked(False)
        self._updating = False
        self.proxy.set_levels(())

    def set_unpaid_source(self, source: Callable[[], Iterable[int]] | None) -> None:
        """Where "Unpaid only" gets the ids of unpaid cases (None hides the option)."""
        self._unpaid_source = source
        self.unpaid_only.setVisible(source is not None)
        self.refresh_unpaid()

    def refresh_unpaid(self) -> None:
        """Re-read the unpaid cases when "Unpaid only" is ticked (after a payment, a reload)."""
        source = self._unpaid_source
        if source is None or not self.unpaid_only.isChecked():
            self.proxy.set_only_ids(None)
        else:
            self.proxy.set_only_ids(frozenset(source()))

    def _show_closed_changed(self, checked: bool) -> None:
        if not checked and self.chips[Level.CLOSED].isChecked():
            self._updating = True
            self.chips[Level.CLOSED].setChecked(False)
            self._updating = False
            self.proxy.set_levels({level for level, chip in self.chips.items() if chip.isChecked()})
        self.proxy.set_show_closed(checked)

    def reset_filters(self) -> None:
        """Every level, bureau, status, client and assignee (search is the window's)."""
        self._clear_levels()
        for combo in (self.bureau, self.status, self.client, self.assignee, self.procedure):
            combo.setCurrentIndex(0)
        self.card_missing.setChecked(False)
        self.unpaid_only.setChecked(False)

    def update_counts(self) -> None:
        counts = self.proxy.counts()
        for level, chip in self.chips.items():
            chip.setText(f"{labels.level_label(level)}  {counts.get(level, 0):,}")
        self.chips[Level.CLOSED].setEnabled(True)
