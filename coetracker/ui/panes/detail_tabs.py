"""The detail tabs of the selected case: Overview, Inquiries, Document requests, History, Fees.

:meth:`DetailTabs.show_case` reads one case (``get_case``) and its history on the GUI thread:
a handful of small indexed queries.

The tabs and their panes are built when first needed (:meth:`DetailTabs.build`, called once the
first rows are on screen; a database given to :meth:`~DetailTabs.set_context`; or the first use
of a pane): until then only the placeholder shows, and no case can be selected into them, so a
start does not wait for widgets nobody can see yet.

Signals:
    changed(int): something of this case id was written through a pane.
    editRequested(): the Overview's "Edit…" was pressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from coetracker.services.errors import NotFoundError
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.text import plain_label

if TYPE_CHECKING:
    from coetracker.services.records import CaseDetail
    from coetracker.ui.panes.fees_pane import FeesPane
    from coetracker.ui.panes.history_pane import HistoryPane
    from coetracker.ui.panes.inquiries_pane import InquiriesPane
    from coetracker.ui.panes.overview_pane import OverviewPane
    from coetracker.ui.panes.requests_pane import RequestsPane


@dataclass(frozen=True, slots=True)
class _Panes:
    """The tab widget and its panes, once built."""

    tabs: QTabWidget
    overview: OverviewPane
    inquiries: InquiriesPane
    requests: RequestsPane
    history: HistoryPane
    fees: FeesPane


class DetailTabs(QStackedWidget):
    """A placeholder while no case is selected, else the tabs."""

    changed = Signal(int)
    editRequested = Signal()  # noqa: N815 - Qt signal naming
    renewalRequested = Signal()  # noqa: N815 - Qt signal naming

    OVERVIEW, INQUIRIES, REQUESTS, HISTORY, FEES = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self._context: AppContext | None = None
        self._panes: _Panes | None = None
        self.detail: CaseDetail | None = None
        placeholder = plain_label(self.tr("Select a case to see what to do next and why."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        placeholder.setObjectName("detailPlaceholder")
        self.addWidget(placeholder)

    @property
    def built(self) -> bool:
        """Whether the tabs and their panes exist yet."""
        return self._panes is not None

    def build(self) -> None:
        """Build the tabs and their panes now, if not yet done (they start with the context
        already given)."""
        self._built()

    def _built(self) -> _Panes:
        if self._panes is not None:
            return self._panes
        from coetracker.ui.panes.fees_pane import FeesPane
        from coetracker.ui.panes.history_pane import HistoryPane
        from coetracker.ui.panes.inquiries_pane import InquiriesPane
        from coetracker.ui.panes.overview_pane import OverviewPane
        from coetracker.ui.panes.requests_pane import RequestsPane

        tabs = QTabWidget()
        tabs.setObjectName("detailTabs")
        tabs.setDocumentMode(True)
        panes = _Panes(
            tabs, OverviewPane(), InquiriesPane(), RequestsPane(), HistoryPane(), FeesPane()
        )
        tabs.addTab(panes.overview, self.tr("Overview"))
        tabs.addTab(panes.inquiries, self.tr("Inquiries"))
        tabs.addTab(panes.requests, self.tr("Document requests"))
        tabs.addTab(panes.history, self.tr("History"))
        tabs.addTab(panes.fees, self.tr("Fees"))
        self.addWidget(tabs)
        panes.overview.editRequested.connect(self.editRequested)
        panes.overview.renewalRequested.connect(self.renewalRequested)
        panes.overview.inquiriesRequested.connect(lambda: self.show_tab(self.INQUIRIES))
        panes.inquiries.changed.connect(self.changed)
        panes.requests.changed.connect(self.changed)
        panes.fees.changed.connect(self.changed)
        panes.requests.model.set_palette(self.palette())  # as the window's, light or dark
        self._panes = panes
        for pane in (panes.inquiries, panes.requests, panes.fees):
            if self._context is not None:
                pane.set_context(self._context)
            pane.show_detail(None)
        return panes

    @property
    def tabs(self) -> QTabWidget:
        return self._built().tabs

    @property
    def overview(self) -> OverviewPane:
        return self._built().overview

    @property
    def inquiries(self) -> InquiriesPane:
        return self._built().inquiries

    @property
    def requests(self) -> RequestsPane:
        return self._built().requests

    @property
    def history(self) -> HistoryPane:
        return self._built().history

    @property
    def fees(self) -> FeesPane:
        return self._built().fees

    def set_context(self, context: AppContext | None) -> None:
        """The open database (None: none yet); with one, the panes are built if not yet."""
        self._context = context
        if context is not None:
            self._built()
        if self._panes is not None:
            for pane in (self._panes.inquiries, self._panes.requests, self._panes.fees):
                pane.set_context(context)
        self.clear()

    def clear(self) -> None:
        self.detail = None
        if self._panes is not None:
            self._panes.inquiries.show_detail(None)
            self._panes.requests.show_detail(None)
            self._panes.fees.show_detail(None)
        self.setCurrentIndex(0)

    @property
    def case_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def show_case(self, case_id: int | None) -> CaseDetail | None:
        """Load and show one case (None: the placeholder)."""
        from coetracker.services.audit import history_of
        from coetracker.services.cases import get_case

        context = self._context
        if case_id is None or context is None:
            self.clear()
            return None
        try:
            detail = get_case(context.db, case_id, today=context.today)
        except NotFoundError:
            self.clear()
            return None
        events = history_of(context.db, case_id)
        if self.detail is None or self.detail.id != case_id:
            self.tabs.setCurrentIndex(self.OVERVIEW)  # another case starts on its overview
        self.detail = detail
        self.overview.show_detail(detail, context.office())
        self.inquiries.show_detail(detail)
        self.requests.show_detail(detail)
        self.history.show_events(events)
        self.fees.show_detail(detail)
        self.setCurrentIndex(1)
        self._update_titles()
        return detail

    def _update_titles(self) -> None:
        detail = self.detail
        inquiries = len(detail.inquiries) if detail else 0
        open_requests = (
            sum(1 for r in detail.document_requests if r.submitted_on is None) if detail else 0
        )
        self.tabs.setTabText(
            self.INQUIRIES,
            self.tr("Inquiries (%1)").replace("%1", str(inquiries))
            if inquiries
            else self.tr("Inquiries"),
        )
        self.tabs.setTabText(
            self.REQUESTS,
            self.tr("Document requests (%1 open)").replace("%1", str(open_requests))
            if open_requests
            else self.tr("Document requests"),
        )

    def show_tab(self, index: int) -> None:
        if self.detail is not None:
            self.tabs.setCurrentIndex(index)
