"""The main window's chrome: widgets, actions, menus, tool bar, status bar and remembered state.

:class:`WindowChrome` builds every widget and action of the main window and lays them out; it
runs no commands. The window connects the actions to its commands
(:class:`~coetracker.ui.window.case_actions.CaseCommands`) and exposes the hooks through which other
features add actions and banners; the chrome holds the places those hooks fill (the File menu
slot, the tool-bar slot, the banner column, the backup text in the status bar).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from coetracker.ui.common import window_state
from coetracker.ui.common.key_column import KeyColumnFitter
from coetracker.ui.common.text import button_text, plain_label, translate
from coetracker.ui.models.case_filter_proxy import CaseFilterProxy
from coetracker.ui.models.case_table_model import (
    COL_APPLICANT,
    COL_APPLICATION_NUMBER,
    COL_BUREAU,
    COL_CLIENT,
    COL_DEADLINE,
    COL_ELAPSED,
    COL_FILED,
    COL_HEADLINE,
    COL_LEVEL,
    COL_NEXT_CHECK,
    COL_OUTSTANDING,
    COL_REFERENCE,
    COL_STATUS,
    COLUMN_COUNT,
    HIDDEN_BY_DEFAULT,
    CaseTableModel,
)
from coetracker.ui.panes.detail_tabs import DetailTabs
from coetracker.ui.panes.filter_pane import FilterPane
from coetracker.ui.panes.today_view import TodayView
from coetracker.ui.panes.welcome import WelcomePanel

SEARCH_DELAY_MS = 150
DETAILS_MIN_WIDTH = 260
_COLUMN_WIDTHS = {
    COL_LEVEL: 120,
    COL_REFERENCE: 74,
    COL_APPLICANT: 160,
    COL_CLIENT: 140,
    COL_HEADLINE: 330,  # then as wide as the others leave (KeyColumnFitter)
    COL_NEXT_CHECK: 84,
    COL_DEADLINE: 84,
    COL_FILED: 84,
    COL_ELAPSED: 44,
    COL_STATUS: 130,
    COL_BUREAU: 80,
    COL_APPLICATION_NUMBER: 120,
    COL_OUTSTANDING: 96,
}
FILE_ACTION_ORDER = ("import", "export", "print")
"""Where installed file actions go in the File menu: import, export, print, then the rest."""
_FILE_ACTION_SHORTCUTS: dict[str, QKeySequence.StandardKey | str] = {
    "export": "Ctrl+E",
    "print": QKeySequence.StandardKey.Print,
}


class WindowChrome:
    """Every widget, action and menu of the main window, laid out in ``window``."""

    def __init__(self, window: QMainWindow, model: CaseTableModel, proxy: CaseFilterProxy) -> None:
        self.window = window
        self.model = model
        self.proxy = proxy
        self.file_actions: dict[str, QAction] = {}
        self._build_widgets()
        self._build_actions()
        self._build_menus()

    # -- construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        window = self.window
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(window.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column in range(COLUMN_COUNT):
            header.resizeSection(column, _COLUMN_WIDTHS.get(column, 100))
        self.key_column = KeyColumnFitter(self.table, COL_HEADLINE)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(COL_LEVEL, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(translate("WindowChrome", "Cases"))

        self.filter_pane = FilterPane(self.proxy)
        self.filter_pane.setMinimumWidth(190)
        self.details = DetailTabs()
        self.details.setMinimumWidth(DETAILS_MIN_WIDTH)
        self.today_view = TodayView()
        self.welcome = WelcomePanel()

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(
            translate("WindowChrome", "Search reference, application no., name, client…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setToolTip(
            translate(
                "WindowChrome", "Case, width and kana insensitive; every word must match (Ctrl+F)"
            )
        )
        self.search_timer = QTimer(window)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)

        self.sample_banner = QFrame()
        self.sample_banner.setObjectName("sampleBanner")
        self.sample_banner.setAutoFillBackground(True)
        banner_row = QHBoxLayout(self.sample_banner)
        banner_row.setContentsMargins(10, 4, 10, 4)
        self.sample_label = plain_label(
            translate(
                "WindowChrome",
                "SAMPLE DATA — invented cases for trying COE Tracker. "
                "Your own database is not open.",
            )
        )
        self.sample_label.setObjectName("sampleLabel")
        bold = self.sample_label.font()
        bold.setBold(True)
        self.sample_label.setFont(bold)
        banner_row.addWidget(self.sample_label, 1)
        self.leave_sample = QPushButton(translate("WindowChrome", "Return to my database"))
        self.leave_sample.setObjectName("leaveSample")
        banner_row.addWidget(self.leave_sample)
        self.sample_banner.hide()

        centre = QSplitter(Qt.Orientation.Vertical)
        centre.setObjectName("centreSplitter")
        centre.addWidget(self.today_view)
        centre.addWidget(self.table)
        centre.setStretchFactor(0, 0)
        centre.setStretchFactor(1, 1)
        centre.setChildrenCollapsible(False)
        self.centre_splitter = centre
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.filter_pane)
        splitter.addWidget(centre)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setCollapsible(1, False)
        splitter.setCollapsible(2, True)  # the detail pane folds away for a wide table
        splitter.splitterMoved.connect(self._split_chosen)
        self._default_split = True
        self.splitter = splitter

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.welcome)
        host = QWidget()
        self.banner_column = QVBoxLayout(host)
        self.banner_column.setContentsMargins(0, 0, 0, 0)
        self.banner_column.setSpacing(0)
        self.banner_column.addWidget(self.sample_banner)
        self.banner_column.addWidget(self.pages, 1)
        window.setCentralWidget(host)

        status = window.statusBar()
        status.setObjectName("statusBar")
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.db_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backupLabel")
        self.backup_label.setTextFormat(Qt.TextFormat.PlainText)
        self.backup_label.hide()
        status.addWidget(self.db_label, 1)
        status.addPermanentWidget(self.busy_label)
        status.addPermanentWidget(self.count_label)
        status.addPermanentWidget(self.backup_label)

    def _action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str | None = None,
    ) -> QAction:
        """A window-wide action; the window connects it to its command."""
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setIconText(button_text(text))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut
                else tip
            )
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action(
            "newCaseAction",
            translate("WindowChrome", "&New case…"),
            QKeySequence.StandardKey.New,
            translate("WindowChrome", "Add a case"),
        )
        self.find_action = self._action(
            "findAction",
            translate("WindowChrome", "&Find…"),
            QKeySequence.StandardKey.Find,
            translate("WindowChrome", "Search the cases"),
        )
        self.edit_case_action = self._action(
            "editCaseAction",
            translate("WindowChrome", "&Edit case…"),
            "Ctrl+Return",
            translate("WindowChrome", "Change the selected case"),
        )
        self.copy_number_action = self._action(
            "copyNumberAction",
            translate("WindowChrome", "&Copy application number"),
            "Ctrl+Shift+C",
        )
        self.settings_action = self._action(
            "settingsAction", translate("WindowChrome", "Se&ttings…"), "Ctrl+,"
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action(
            "quitAction",
            translate("WindowChrome", "&Quit"),
            QKeySequence.StandardKey.Quit,
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.refresh_action = self._action(
            "refreshAction",
            translate("WindowChrome", "&Refresh"),
            QKeySequence.StandardKey.Refresh,
            translate("WindowChrome", "Read the cases again and re-assess them"),
        )
        self.today_action = QAction(translate("WindowChrome", "&Today view"), self.window)
        self.today_action.setObjectName("todayAction")
        self.today_action.setCheckable(True)
        self.today_action.setShortcut(QKeySequence("Ctrl+T"))
        self.filters_action = QAction(translate("WindowChrome", "F&ilters"), self.window)
        self.filters_action.setObjectName("filtersAction")
        self.filters_action.setCheckable(True)
        self.filters_action.setChecked(True)
        self.log_inquiry_action = self._action(
            "logInquiryAction",
            translate("WindowChrome", "Log &inquiry…"),
            "Ctrl+I",
            translate("WindowChrome", "Record a status check with the bureau"),
        )
        self.add_request_action = self._action(
            "addRequestAction",
            translate("WindowChrome", "Add &document request…"),
            "Ctrl+D",
            translate("WindowChrome", "Record a 資料提出通知書"),
        )
        self.extension_action = self._action(
            "extensionAction",
            translate("WindowChrome", "Record &extension…"),
        )
        self.submitted_action = self._action(
            "submittedAction",
            translate("WindowChrome", "Mark documents &submitted…"),
        )
        self.archive_action = self._action(
            "archiveAction", translate("WindowChrome", "&Archive case")
        )
        self.card_action = self._action(
            "cardAction",
            translate("WindowChrome", "Residence &card…"),
            None,
            translate("WindowChrome", "The person's residence card: number, period, expiry"),
        )
        self.renewal_action = self._action(
            "renewalAction",
            translate("WindowChrome", "Start the &renewal case"),
            None,
            translate("WindowChrome", "Create the extension-of-stay case for this person"),
        )
        self.sample_action = self._action(
            "sampleAction", translate("WindowChrome", "Open &sample data")
        )
        self.about_action = QAction(translate("WindowChrome", "&About COE Tracker"), self.window)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        self.file_menu = bar.addMenu(translate("WindowChrome", "&File"))
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.new_case_action)
        self._file_hook = self.file_menu.addSeparator()
        self.file_menu.addAction(self.sample_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(translate("WindowChrome", "&Edit"))
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.edit_case_action)
        self.edit_menu.addAction(self.copy_number_action)

        self.view_menu = bar.addMenu(translate("WindowChrome", "&View"))
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.today_action)
        self.view_menu.addAction(self.filters_action)
        self.columns_menu = self.view_menu.addMenu(translate("WindowChrome", "&Columns"))
        self.columns_menu.setObjectName("columnsMenu")
        self.column_actions: dict[int, QAction] = {}
        for column in range(COLUMN_COUNT):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = self.columns_menu.addAction(str(title))
            action.setObjectName(f"column_{column}")
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(column != COL_LEVEL)
            action.toggled.connect(lambda shown, c=column: self.set_column_visible(c, shown))
            self.column_actions[column] = action
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.refresh_action)

        self.case_menu = bar.addMenu(translate("WindowChrome", "&Case"))
        self.case_menu.setObjectName("caseMenu")
        self.case_menu.addAction(self.log_inquiry_action)
        self.case_menu.addAction(self.add_request_action)
        self.case_menu.addAction(self.extension_action)
        self.case_menu.addAction(self.submitted_action)
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.edit_case_action)
        self.case_menu.addAction(self.archive_action)
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.card_action)
        self.case_menu.addAction(self.renewal_action)

        self.help_menu = bar.addMenu(translate("WindowChrome", "&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

        self.tool_bar = QToolBar(translate("WindowChrome", "Main tool bar"))
        self.tool_bar.setObjectName("mainToolBar")
        self.tool_bar.setMovable(False)
        self.tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tool_bar.addAction(self.new_case_action)
        self.tool_bar.addAction(self.log_inquiry_action)
        self.tool_bar.addAction(self.add_request_action)
        self._toolbar_hook = self.tool_bar.addSeparator()
        self.tool_bar.addAction(self.refresh_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.tool_bar.addWidget(spacer)
        self.tool_bar.addWidget(self.search)
        self.window.addToolBar(self.tool_bar)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)

    # -- state ------------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> None:
        """Window geometry, columns, dividers and shown panes as the user left them."""
        window_state.restore_window(self.window, settings)
        header = self.table.horizontalHeader()
        if not window_state.restore_header(header, settings):
            # The reason right after the reference: readable even in a narrow window.
            header.moveSection(
                header.visualIndex(COL_HEADLINE), header.visualIndex(COL_REFERENCE) + 1
            )
            hidden = window_state.read_ints(settings, window_state.KEY_HIDDEN)
            for column in HIDDEN_BY_DEFAULT if hidden is None else hidden:
                header.setSectionHidden(column, True)
        header.setSectionHidden(COL_LEVEL, False)
        for column, action in self.column_actions.items():
            action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(column))
            action.blockSignals(False)
        self._default_split = not window_state.restore_splitter(self.splitter, settings)
        if self._default_split:
            self.fit_default_split()
        if not window_state.restore_splitter(self.centre_splitter, settings):
            self.centre_splitter.setSizes([170, 600])
        self.today_action.setChecked(window_state.read_bool(settings, window_state.KEY_TODAY, True))
        self.filters_action.setChecked(
            window_state.read_bool(settings, window_state.KEY_FILTERS, True)
        )
        self.today_view.setVisible(self.today_action.isChecked())
        self.filter_pane.setVisible(self.filters_action.isChecked())
        # The sort the header shows is the sort the model applies.
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def fit_default_split(self) -> None:
        """Share the width between filters, table and details until the user moves a divider.

        The table gets most of it: the detail pane takes a fifth of the window, within its
        minimum and 420 pixels.
        """
        if not self._default_split:
            return
        width = max(self.window.width(), 1)
        filters = 0 if self.filter_pane.isHidden() else 180
        details = min(max(width // 5, DETAILS_MIN_WIDTH), 420)
        self.splitter.setSizes([filters, max(width - filters - details, 1), details])

    def _split_chosen(self, _position: int, _index: int) -> None:
        self._default_split = False

    def save_state(self, settings: QSettings) -> None:
        """Remember geometry, columns, dividers and shown panes for the next start."""
        window_state.save_window(self.window, settings)
        window_state.save_header(self.table.horizontalHeader(), settings)
        window_state.save_splitter(self.splitter, settings)
        window_state.save_splitter(self.centre_splitter, settings)
        settings.setValue(window_state.KEY_TODAY, self.today_action.isChecked())
        settings.setValue(window_state.KEY_FILTERS, self.filters_action.isChecked())
        settings.sync()

    # -- columns ----------------------------------------------------------------------------

    def set_column_visible(self, column: int, shown: bool) -> None:
        """Show or hide a column of the case table (the level column always shows)."""
        if column == COL_LEVEL:
            return
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        action = self.column_actions[column]
        if action.isChecked() != shown:
            action.setChecked(shown)

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self.window)
        for action in self.column_actions.values():
            menu.addAction(action)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    # -- the places other features fill -----------------------------------------------------

    def place_file_action(self, key: str, action: QAction, *, toolbar: bool) -> None:
        """Put ``action`` into the File menu by :data:`FILE_ACTION_ORDER` (and the tool bar),
        replacing an earlier action of the same ``key``."""
        default = _FILE_ACTION_SHORTCUTS.get(key)
        if action.shortcut().isEmpty() and default is not None:
            action.setShortcut(QKeySequence(default))
        if not action.objectName():
            action.setObjectName(f"{key}Action")
        old = self.file_actions.pop(key, None)
        if old is not None:
            self.file_menu.removeAction(old)
            self.tool_bar.removeAction(old)
        self.file_actions[key] = action
        order = [k for k in FILE_ACTION_ORDER if k in self.file_actions] + [
            k for k in self.file_actions if k not in FILE_ACTION_ORDER
        ]
        following = [self.file_actions[k] for k in order[order.index(key) + 1 :]]
        before = following[0] if following else self._file_hook
        self.file_menu.insertAction(before, action)
        if toolbar:
            action.setIconText(button_text(action.text()))
            self.tool_bar.insertAction(self._toolbar_hook, action)
        self.window.addAction(action)

    def place_banner(self, banner: QWidget) -> None:
        """Show ``banner`` across the top of the window, above the sample-data banner."""
        self.banner_column.insertWidget(0, banner)

    def set_backup_text(self, text: str, tooltip: str = "") -> None:
        """Show the last backup in the status bar (blank hides the slot)."""
        self.backup_label.setText(text)
        self.backup_label.setToolTip(tooltip)
        self.backup_label.setVisible(bool(text))
