"""The detail tabs of the selected case: Overview, Inquiries, Document requests, History, Fees.

:meth:`DetailTabs.show_case` reads one case (``get_case``) and its history on the GUI thread:
a handful of small indexed queries.

Signals:
    changed(int): something of this case id was written through a pane.
    editRequested(): the Overview's "Edit…" was pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from coetracker.services.errors import NotFoundError
from coetracker.services.records import CaseDetail
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.text import plain_label
from coetracker.ui.panes.fees_pane import FeesPane
from coetracker.ui.panes.history_pane import HistoryPane
from coetracker.ui.panes.inquiries_pane import InquiriesPane
from coetracker.ui.panes.overview_pane import OverviewPane
from coetracker.ui.panes.requests_pane import RequestsPane


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
        self.detail: CaseDetail | None = None
        placeholder = plain_label(self.tr("Select a case to see what to do next and why."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setWordWrap(True)
        placeholder.setObjectName("detailPlaceholder")
        self.addWidget(placeholder)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        self.overview = OverviewPane()
        self.inquiries = InquiriesPane()
        self.requests = RequestsPane()
        self.history = HistoryPane()
        self.fees = FeesPane()
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self.tabs.addTab(self.inquiries, self.tr("Inquiries"))
        self.tabs.addTab(self.requests, self.tr("Document requests"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.fees, self.tr("Fees"))
        self.addWidget(self.tabs)
        self.overview.editRequested.connect(self.editRequested)
        self.overview.renewalRequested.connect(self.renewalRequested)
        self.overview.inquiriesRequested.connect(lambda: self.show_tab(self.INQUIRIES))
        self.inquiries.changed.connect(self.changed)
        self.requests.changed.connect(self.changed)
        self.fees.changed.connect(self.changed)

    def set_context(self, context: AppContext | None) -> None:
        self._context = context
        self.inquiries.set_context(context)
        self.requests.set_context(context)
        self.fees.set_context(context)
        self.clear()

    def clear(self) -> None:
        self.detail = None
        self.inquiries.show_detail(None)
        self.requests.show_detail(None)
        self.fees.show_detail(None)
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
