"""The main window: filters on the left, the case table, the selected case's tabs on the right.

The window owns no data: it holds an :class:`OpenDatabase` (the database, its instance lock and
whether it is the sample), loads the case list through the background :class:`DbWorker`, and
passes an :class:`AppContext` to the panes and dialogs it opens.

Hooks for features built elsewhere:

* :meth:`MainWindow.add_file_action` puts an Import…, Export… or Print… action into the File
  menu (and optionally the tool bar) at its place, with the standard shortcut if it has none;
* :meth:`MainWindow.set_backup_text` fills the "last backup" slot of the status bar;
* :meth:`MainWindow.add_help_action` adds to the Help menu; ``aboutRequested`` is emitted by
  Help ▸ About;
* :meth:`MainWindow.visible_rows` and :meth:`MainWindow.current_case_id` tell an export or
  print what the user is looking at; :attr:`MainWindow.context` gives the open database.

Signals:
    aboutRequested(): Help ▸ About was chosen.
    importRequested(): the welcome panel's import button (when no import action is installed).
    rowsLoaded(int): the case list was (re)loaded with this many cases.
    caseReloaded(int): one case was reloaded after a change.
    databaseChanged(): another database (the sample, or back to the real one) was opened.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
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

from coetracker import APP_NAME, __version__
from coetracker.domain.model import Level
from coetracker.services.records import CaseRow
from coetracker.ui import dialogs, window_state
from coetracker.ui.case_filter_proxy import CaseFilterProxy
from coetracker.ui.case_table_model import (
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
    COL_REFERENCE,
    COL_STATUS,
    COLUMN_COUNT,
    HIDDEN_BY_DEFAULT,
    ID_ROLE,
    CaseTableModel,
    urgency_key,
)
from coetracker.ui.context import AppContext
from coetracker.ui.detail_tabs import DetailTabs
from coetracker.ui.filter_pane import FilterPane
from coetracker.ui.icons import clear_cache
from coetracker.ui.palette import LevelPalette, level_colours
from coetracker.ui.text import plain_label
from coetracker.ui.today_view import TodayView
from coetracker.ui.welcome import WelcomePanel
from coetracker.ui.worker import DbWorker

if TYPE_CHECKING:  # the services and SQLAlchemy load in the background, not at start-up
    from coetracker.storage.engine import Database
    from coetracker.storage.instance_lock import InstanceLock
    from coetracker.ui.case_editor import CaseEditor
    from coetracker.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150
_COLUMN_WIDTHS = {
    COL_LEVEL: 140,
    COL_REFERENCE: 74,
    COL_APPLICANT: 190,
    COL_CLIENT: 170,
    COL_HEADLINE: 330,
    COL_NEXT_CHECK: 88,
    COL_DEADLINE: 88,
    COL_FILED: 88,
    COL_ELAPSED: 48,
    COL_STATUS: 170,
    COL_BUREAU: 90,
    COL_APPLICATION_NUMBER: 140,
}
_FILE_ACTION_ORDER = ("import", "export", "print")


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What the background load hands to the window."""

    rows: list[CaseRow]
    due_soon: int
    bureaus: list[Any]
    statuses: list[Any]


@dataclass(slots=True)
class OpenDatabase:
    """A database the window shows: the connection, its instance lock, how to name it."""

    db: Database
    lock: InstanceLock | None
    label: str
    is_sample: bool = False

    def close(self) -> None:
        self.db.dispose()
        if self.lock is not None:
            self.lock.release()


class MainWindow(QMainWindow):
    """The application's main window (see the module documentation)."""

    aboutRequested = Signal()  # noqa: N815 - Qt signal naming
    importRequested = Signal()  # noqa: N815 - Qt signal naming
    rowsLoaded = Signal(int)  # noqa: N815 - Qt signal naming
    caseReloaded = Signal(int)  # noqa: N815 - Qt signal naming
    databaseChanged = Signal()  # noqa: N815 - Qt signal naming

    def __init__(
        self,
        database: OpenDatabase | None = None,
        *,
        settings: QSettings,
        today: dt.date | None = None,
        open_sample: Callable[[], OpenDatabase] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self._pinned_today = today
        self._today = today or dt.date.today()
        self._open_sample = open_sample
        self._database: OpenDatabase | None = None
        self._real: OpenDatabase | None = None  # the office's database while the sample is open
        self._closing = False
        self.context: AppContext | None = None
        self.worker = DbWorker(self)
        self.file_actions: dict[str, QAction] = {}
        self._loaded_once = False
        self._pending_select: int | None = None
        self._due_soon = 3
        self.active_editor: CaseEditor | None = None
        self.active_settings: SettingsDialog | None = None

        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._restore_state()
        self._connect()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self._set_opening()
        if database is not None:
            self.attach_database(database)

    # -- construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
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
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        for column in range(COLUMN_COUNT):
            header.resizeSection(column, _COLUMN_WIDTHS.get(column, 100))
        self.table.setSortingEnabled(True)
        header.setSortIndicator(COL_LEVEL, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(self.tr("Cases"))

        self.filter_pane = FilterPane(self.proxy)
        self.filter_pane.setMinimumWidth(190)
        self.details = DetailTabs()
        self.details.setMinimumWidth(380)
        self.today_view = TodayView()
        self.welcome = WelcomePanel()

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search reference, application no., name, client…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setToolTip(
            self.tr("Case, width and kana insensitive; every word must match (Ctrl+F)")
        )
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)

        self.sample_banner = QFrame()
        self.sample_banner.setObjectName("sampleBanner")
        self.sample_banner.setAutoFillBackground(True)
        banner_row = QHBoxLayout(self.sample_banner)
        banner_row.setContentsMargins(10, 4, 10, 4)
        self.sample_label = plain_label(
            self.tr(
                "SAMPLE DATA — invented cases for trying COE Tracker. "
                "Your own database is not open."
            )
        )
        self.sample_label.setObjectName("sampleLabel")
        bold = self.sample_label.font()
        bold.setBold(True)
        self.sample_label.setFont(bold)
        banner_row.addWidget(self.sample_label, 1)
        self.leave_sample = QPushButton(self.tr("Return to my database"))
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
        self.splitter = splitter

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.welcome)
        host = QWidget()
        column = QVBoxLayout(host)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.sample_banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(host)

        status = self.statusBar()
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
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut
                else tip
            )
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action(
            "newCaseAction",
            self.tr("&New case…"),
            self.new_case,
            QKeySequence.StandardKey.New,
            self.tr("Add a case"),
        )
        self.find_action = self._action(
            "findAction",
            self.tr("&Find…"),
            self.focus_search,
            QKeySequence.StandardKey.Find,
            self.tr("Search the cases"),
        )
        self.edit_case_action = self._action(
            "editCaseAction",
            self.tr("&Edit case…"),
            self.edit_case,
            "Ctrl+Return",
            self.tr("Change the selected case"),
        )
        self.copy_number_action = self._action(
            "copyNumberAction",
            self.tr("&Copy application number"),
            self.copy_number,
            "Ctrl+Shift+C",
        )
        self.settings_action = self._action(
            "settingsAction", self.tr("&Settings…"), self.open_settings, "Ctrl+,"
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action(
            "quitAction", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.refresh_action = self._action(
            "refreshAction",
            self.tr("&Refresh"),
            self.reload,
            QKeySequence.StandardKey.Refresh,
            self.tr("Read the cases again and re-assess them"),
        )
        self.today_action = QAction(self.tr("&Today view"), self)
        self.today_action.setObjectName("todayAction")
        self.today_action.setCheckable(True)
        self.today_action.setShortcut(QKeySequence("Ctrl+T"))
        self.filters_action = QAction(self.tr("F&ilters"), self)
        self.filters_action.setObjectName("filtersAction")
        self.filters_action.setCheckable(True)
        self.filters_action.setChecked(True)
        self.log_inquiry_action = self._action(
            "logInquiryAction",
            self.tr("Log &inquiry…"),
            self.log_inquiry,
            "Ctrl+I",
            self.tr("Record a status check with the bureau"),
        )
        self.add_request_action = self._action(
            "addRequestAction",
            self.tr("Add &document request…"),
            self.add_request,
            "Ctrl+D",
            self.tr("Record a 資料提出通知書"),
        )
        self.extension_action = self._action(
            "extensionAction", self.tr("Record &extension…"), self.record_extension
        )
        self.submitted_action = self._action(
            "submittedAction", self.tr("Mark documents &submitted…"), self.mark_submitted
        )
        self.archive_action = self._action(
            "archiveAction", self.tr("&Archive case"), self.toggle_archive
        )
        self.sample_action = self._action(
            "sampleAction", self.tr("Open &sample data"), self.open_sample
        )
        self.about_action = QAction(self.tr("&About COE Tracker"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.new_case_action)
        self._file_hook = self.file_menu.addSeparator()
        self.file_menu.addAction(self.sample_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.edit_case_action)
        self.edit_menu.addAction(self.copy_number_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.today_action)
        self.view_menu.addAction(self.filters_action)
        self.columns_menu = self.view_menu.addMenu(self.tr("&Columns"))
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

        self.case_menu = bar.addMenu(self.tr("&Case"))
        self.case_menu.setObjectName("caseMenu")
        self.case_menu.addAction(self.log_inquiry_action)
        self.case_menu.addAction(self.add_request_action)
        self.case_menu.addAction(self.extension_action)
        self.case_menu.addAction(self.submitted_action)
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.edit_case_action)
        self.case_menu.addAction(self.archive_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

        self.tool_bar = QToolBar(self.tr("Main tool bar"))
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
        self.addToolBar(self.tool_bar)

    # -- state ------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.settings
        window_state.restore_window(self, settings)
        header = self.table.horizontalHeader()
        if not window_state.restore_header(header, settings):
            hidden = window_state.read_ints(settings, window_state.KEY_HIDDEN)
            for column in HIDDEN_BY_DEFAULT if hidden is None else hidden:
                header.setSectionHidden(column, True)
        header.setSectionHidden(COL_LEVEL, False)
        for column, action in self.column_actions.items():
            action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(column))
            action.blockSignals(False)
        if not window_state.restore_splitter(self.splitter, settings):
            self.splitter.setSizes([200, 960, 440])
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

    def save_state(self) -> None:
        settings = self.settings
        window_state.save_window(self, settings)
        window_state.save_header(self.table.horizontalHeader(), settings)
        window_state.save_splitter(self.splitter, settings)
        window_state.save_splitter(self.centre_splitter, settings)
        settings.setValue(window_state.KEY_TODAY, self.today_action.isChecked())
        settings.setValue(window_state.KEY_FILTERS, self.filters_action.isChecked())
        settings.sync()

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self.search_timer.timeout.connect(self._search_now)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_case())
        self.table.activated.connect(lambda _index: self.details.show_tab(DetailTabs.OVERVIEW))
        self.table.horizontalHeader().customContextMenuRequested.connect(self._header_menu)
        self.proxy.countsChanged.connect(self._update_counts)
        self.proxy.layoutChanged.connect(self._update_counts)
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        self.proxy.modelReset.connect(self._update_counts)
        self.details.changed.connect(self.case_changed)
        self.details.editRequested.connect(self.edit_case)
        self.today_view.openCase.connect(self.select_case)
        self.today_view.hideRequested.connect(lambda: self.today_action.setChecked(False))
        self.today_action.toggled.connect(self.today_view.setVisible)
        self.filters_action.toggled.connect(self.filter_pane.setVisible)
        self.welcome.newCaseRequested.connect(self.new_case)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.importRequested.connect(self._import_from_welcome)
        self.leave_sample.clicked.connect(self.close_sample)
        self.worker.busyChanged.connect(self._busy_changed)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._search_now()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus()
                if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            clear_cache()
            self.model.set_palette(self.palette())
            self.details.requests.model.set_palette(self.palette())
            self._paint_banner()
        super().changeEvent(event)

    # -- the open database ------------------------------------------------------------------

    def _set_opening(self) -> None:
        """No database yet: the window is shown while it opens in the background."""
        self.busy_label.setText(self.tr("Opening the database…"))
        self.setWindowTitle(APP_NAME)
        for action in (self.new_case_action, self.sample_action, self.settings_action):
            action.setEnabled(False)
        self._update_case_actions()

    def open_database_in_background(
        self,
        opener: Callable[[], OpenDatabase],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Open the database on the worker thread (check, back up, migrate), then show it.

        The window is interactive meanwhile; ``failed`` receives the exception if opening fails.
        """
        self._set_opening()
        self.worker.submit(opener, self._database_opened, failed, key="open")

    def _database_opened(self, database: OpenDatabase) -> None:
        if self._closing:
            database.close()
            return
        self.attach_database(database)

    def attach_database(self, database: OpenDatabase) -> None:
        """Show ``database``: its cases load in the background."""
        self._database = database
        self._apply_context()
        self.reload()

    def _apply_context(self) -> None:
        database = self._database
        assert database is not None
        self.context = AppContext(database.db, self._today, is_sample=database.is_sample)
        self.details.set_context(self.context)
        self.db_label.setText(self.tr("Database: %1").replace("%1", database.label))
        self.db_label.setToolTip(database.label)
        title = f"{APP_NAME} — {database.label}"
        if database.is_sample:
            title = f"{APP_NAME} — " + self.tr("SAMPLE DATA")
        self.setWindowTitle(title)
        self.sample_banner.setVisible(database.is_sample)
        self.new_case_action.setEnabled(True)
        self.settings_action.setEnabled(True)
        self.sample_action.setEnabled(not database.is_sample and self._open_sample is not None)
        self._paint_banner()
        self._update_welcome_import()
        self._update_case_actions()

    def _paint_banner(self) -> None:
        colours = level_colours(Level.DOCS_DUE, self.palette())
        palette = self.sample_banner.palette()
        palette.setColor(self.sample_banner.backgroundRole(), colours.background)
        palette.setColor(self.sample_banner.foregroundRole(), colours.foreground)
        self.sample_banner.setPalette(palette)
        label_palette = self.sample_label.palette()
        label_palette.setColor(self.sample_label.foregroundRole(), colours.foreground)
        self.sample_label.setPalette(label_palette)

    @property
    def database(self) -> OpenDatabase | None:
        return self._database

    def today(self) -> dt.date:
        return self._today

    def _check_day(self) -> None:
        if self._pinned_today is None and dt.date.today() != self._today:
            self._today = dt.date.today()
            if self._database is not None:
                self._apply_context()
                self.reload()

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read and assess every case in the background, then show them."""
        if self._database is None:
            return
        db, today = self._database.db, self._today

        def job() -> _Loaded:
            from coetracker.services.caselist import list_cases
            from coetracker.services.reference import list_bureaus, list_statuses
            from coetracker.services.settings import load_policy

            rows = list_cases(db, today=today)
            rows.sort(key=urgency_key)
            with db.read_session() as session:
                due_soon = load_policy(session).due_soon_business_days
            return _Loaded(rows, due_soon, list_bureaus(db), list_statuses(db))

        self.busy_label.setText(self.tr("Loading cases…"))
        self.worker.submit(job, self._rows_loaded, self._load_failed, key="list")

    def _rows_loaded(self, loaded: _Loaded) -> None:
        rows = loaded.rows
        self._due_soon = loaded.due_soon
        keep = self._pending_select or self.current_case_id()
        self._pending_select = None
        self.filter_pane.set_reference(loaded.bureaus, loaded.statuses)
        self.model.set_rows(rows, presorted=True)
        self.filter_pane.set_rows(rows)
        self._refresh_today()
        self._loaded_once = True
        self.pages.setCurrentIndex(1 if not rows else 0)
        if keep is None or not self.select_case(keep, clear_filters=False):
            self.details.show_case(None)
        self._update_counts()
        self._update_case_actions()
        self.rowsLoaded.emit(len(rows))

    def _load_failed(self, problem: BaseException) -> None:
        self.busy_label.setText("")
        if isinstance(problem, Exception):
            dialogs.report(self, problem)
        else:
            raise problem

    def reload_case(self, case_id: int) -> None:
        """Re-read one case after a change and update its row, its colour and the counts."""
        if self._database is None:
            return
        db, today = self._database.db, self._today

        def job() -> list[CaseRow]:
            from coetracker.services.caselist import list_cases

            return list_cases(db, today=today, case_ids=[case_id])

        def done(rows: list[CaseRow]) -> None:
            if rows:
                self.model.upsert_rows(rows)
                self.filter_pane.add_rows(rows)
            else:
                self.model.remove_ids([case_id])
            self._refresh_today()
            if self.pages.currentIndex() == 1 and self.model.rowCount():
                self.pages.setCurrentIndex(0)
            self.select_case(case_id, clear_filters=False, reload_details=False)
            self._update_counts()
            self.caseReloaded.emit(case_id)

        self.worker.submit(job, done, self._load_failed)

    def case_changed(self, case_id: int) -> None:
        """Something of ``case_id`` was written: show it at once, everywhere."""
        if self.details.case_id == case_id:
            self.details.show_case(case_id)
        self.reload_case(case_id)

    def _refresh_today(self) -> None:
        self.today_view.set_rows(
            self.model.rows(),
            today_text=QLocale().toString(self._today_qdate(), QLocale.FormatType.LongFormat),
            due_soon_business_days=self._due_soon,
            colours=LevelPalette(self.palette()),
        )

    def _today_qdate(self) -> QDate:
        return QDate(self._today.year, self._today.month, self._today.day)

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            self.busy_label.setText("")

    def _update_counts(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        locale = QLocale()
        if shown == total:
            text = self.tr("%1 cases").replace("%1", locale.toString(total))
        else:
            text = (
                self.tr("%1 of %2 cases shown")
                .replace("%1", locale.toString(shown))
                .replace("%2", locale.toString(total))
            )
        self.count_label.setText(text)

    # -- search, filters and columns --------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_now(self) -> None:
        self.search_timer.stop()
        self.proxy.set_search_text(self.search.text())
        self._keep_current_visible()

    def _keep_current_visible(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def set_column_visible(self, column: int, shown: bool) -> None:
        if column == COL_LEVEL:
            return
        self.table.horizontalHeader().setSectionHidden(column, not shown)
        action = self.column_actions[column]
        if action.isChecked() != shown:
            action.setChecked(shown)

    def _header_menu(self, position: object) -> None:
        menu = QMenu(self)
        for action in self.column_actions.values():
            menu.addAction(action)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))  # type: ignore[arg-type]

    # -- selection --------------------------------------------------------------------------

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(ID_ROLE)
        return int(value) if value is not None else None

    def current_row(self) -> CaseRow | None:
        case_id = self.current_case_id()
        return self.model.case(case_id) if case_id is not None else None

    def visible_rows(self) -> list[CaseRow]:
        """The cases the table shows, in its order (for export and printing of the list)."""
        proxy, model = self.proxy, self.model
        return [
            model.row_at(proxy.mapToSource(proxy.index(r, 0)).row())
            for r in range(proxy.rowCount())
        ]

    def select_case(
        self, case_id: int, *, clear_filters: bool = True, reload_details: bool = True
    ) -> bool:
        """Select a case in the table (showing it even if filtered out); True if found."""
        source_row = self.model.row_of(case_id)
        if source_row is None:
            return False
        source = self.model.index(source_row, 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and clear_filters:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.filter_pane.reset_filters()
            self.proxy.set_search_text("")
            if self.model.row_at(source_row).assessment.level == Level.CLOSED:
                self.filter_pane.show_closed.setChecked(True)
            index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        same = self.current_case_id() == case_id
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if same and reload_details and self.details.case_id != case_id:
            self.details.show_case(case_id)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.siblingAtColumn(0).data(ID_ROLE) if current.isValid() else None
        if case_id != self.details.case_id:
            self.details.show_case(case_id)
        self._update_case_actions()

    def _update_case_actions(self) -> None:
        has_case = self.details.detail is not None
        for action in (
            self.edit_case_action,
            self.log_inquiry_action,
            self.add_request_action,
            self.archive_action,
            self.copy_number_action,
        ):
            action.setEnabled(has_case)
        requests = self.details.detail.document_requests if self.details.detail else ()
        has_open = any(r.submitted_on is None for r in requests)
        self.extension_action.setEnabled(has_open)
        self.submitted_action.setEnabled(has_open)
        archived = bool(self.details.detail and self.details.detail.archived)
        self.archive_action.setText(
            self.tr("Bring back from &archive") if archived else self.tr("&Archive case")
        )

    # -- case actions -----------------------------------------------------------------------

    def _assignees(self) -> list[str]:
        return sorted({row.assignee for row in self.model.rows() if row.assignee})

    def new_case(self) -> CaseEditor | None:
        """Open the case editor for a new case (non-blocking); returns it."""
        from coetracker.ui.case_editor import CaseEditor

        if self.context is None:
            return None
        editor = CaseEditor(self.context, assignees=self._assignees(), parent=self)
        return self._open_editor(editor)

    def edit_case(self) -> CaseEditor | None:
        """Open the case editor on the selected case (non-blocking); returns it."""
        from coetracker.ui.case_editor import CaseEditor

        detail = self.details.detail
        if detail is None or self.context is None:
            return None
        editor = CaseEditor(self.context, detail, assignees=self._assignees(), parent=self)
        return self._open_editor(editor)

    def _open_editor(self, editor: CaseEditor) -> CaseEditor:
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._case_saved)
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self.active_editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: CaseEditor) -> None:
        if self.active_editor is editor:
            self.active_editor = None

    def _case_saved(self, case_id: int) -> None:
        self._pending_select = case_id
        self.details.show_case(case_id)
        self.reload_case(case_id)

    def log_inquiry(self) -> object:
        if self.details.detail is None:
            return None
        self.details.show_tab(DetailTabs.INQUIRIES)
        return self.details.inquiries.log_inquiry()

    def add_request(self) -> object:
        if self.details.detail is None:
            return None
        self.details.show_tab(DetailTabs.REQUESTS)
        return self.details.requests.add_request()

    def record_extension(self) -> object:
        self.details.show_tab(DetailTabs.REQUESTS)
        return self.details.requests.record_extension()

    def mark_submitted(self) -> object:
        self.details.show_tab(DetailTabs.REQUESTS)
        return self.details.requests.mark_submitted()

    def toggle_archive(self) -> bool:
        from coetracker.services import cases

        detail = self.details.detail
        if detail is None or self.context is None:
            return False
        archive = not detail.archived
        name = detail.values.reference or detail.applicant.display_name
        if archive:
            question = self.tr(
                "Archive case %1? It will be listed as closed; you can bring it back later."
            ).replace("%1", name)
            title = self.tr("Archive case")
        else:
            question = self.tr("Bring case %1 back from the archive?").replace("%1", name)
            title = self.tr("Bring back case")
        if not dialogs.confirm(self, title, question):
            return False
        try:
            cases.set_archived(
                self.context.db,
                detail.id,
                archived=archive,
                expected_version=detail.version_id,
                actor=self.context.actor(),
            )
        except Exception as problem:
            dialogs.report(self, problem)
            self.case_changed(detail.id)
            return False
        self.case_changed(detail.id)
        return True

    def copy_number(self) -> None:
        detail = self.details.detail
        if detail is None:
            return
        text = detail.values.application_number or detail.values.reference or ""
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Copied: %1").replace("%1", text), 4000)

    def open_settings(self) -> SettingsDialog | None:
        """Open the Settings dialog (non-blocking); returns it."""
        from coetracker.ui.settings_dialog import SettingsDialog

        if self.context is None:
            return None
        dialog = SettingsDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._settings_changed)
        self.active_settings = dialog
        dialog.finished.connect(lambda _r: setattr(self, "active_settings", None))
        dialog.open()
        return dialog

    def _settings_changed(self) -> None:
        self.reload()
        if self.details.case_id is not None:
            self.details.show_case(self.details.case_id)

    # -- hooks for other features -----------------------------------------------------------

    def add_file_action(self, key: str, action: QAction, *, toolbar: bool = False) -> QAction:
        """Install an Import…, Export… or Print… action (``key``: import / export / print).

        It goes into the File menu in that order after "New case"; export gets Ctrl+E and
        print Ctrl+P unless the action has a shortcut. The welcome panel's import button
        triggers the "import" action.
        """
        defaults = {"export": "Ctrl+E", "print": QKeySequence.StandardKey.Print}
        if action.shortcut().isEmpty() and key in defaults:
            action.setShortcut(QKeySequence(defaults[key]))
        if not action.objectName():
            action.setObjectName(f"{key}Action")
        old = self.file_actions.pop(key, None)
        if old is not None:
            self.file_menu.removeAction(old)
            self.tool_bar.removeAction(old)
        self.file_actions[key] = action
        order = [k for k in _FILE_ACTION_ORDER if k in self.file_actions] + [
            k for k in self.file_actions if k not in _FILE_ACTION_ORDER
        ]
        following = [self.file_actions[k] for k in order[order.index(key) + 1 :]]
        before = following[0] if following else self._file_hook
        self.file_menu.insertAction(before, action)
        if toolbar:
            self.tool_bar.insertAction(self._toolbar_hook, action)
        self.addAction(action)
        self._update_welcome_import()
        return action

    def add_help_action(self, action: QAction) -> QAction:
        """Add an action to the Help menu, above About."""
        self.help_menu.insertAction(self.about_action, action)
        return action

    def set_backup_text(self, text: str, tooltip: str = "") -> None:
        """Show the last backup in the status bar (blank hides the slot)."""
        self.backup_label.setText(text)
        self.backup_label.setToolTip(tooltip)
        self.backup_label.setVisible(bool(text))

    def _about(self) -> None:
        if self.isSignalConnected(
            self.metaObject().method(self.metaObject().indexOfSignal("aboutRequested()"))
        ):
            self.aboutRequested.emit()
            return
        dialogs.inform(
            self,
            self.tr("About COE Tracker"),
            self.tr("%1 %2\nTracks Certificate of Eligibility applications.")
            .replace("%1", APP_NAME)
            .replace("%2", __version__),
        )

    def _update_welcome_import(self) -> None:
        available = "import" in self.file_actions or (
            importlib.util.find_spec("coetracker.services.csv_import") is not None
        )
        sample = self._database is not None and self._database.is_sample
        self.welcome.set_import_available(available and not sample)
        self.welcome.set_sample_available(self._open_sample is not None)

    def _import_from_welcome(self) -> None:
        action = self.file_actions.get("import")
        if action is not None:
            action.trigger()
        else:
            self.importRequested.emit()

    # -- sample data ------------------------------------------------------------------------

    def open_sample(self) -> bool:
        """Switch to the sample database, written afresh in the background for today."""
        if self._open_sample is None or self._database is None or self._database.is_sample:
            return False
        self.busy_label.setText(self.tr("Preparing the sample data…"))
        self.sample_action.setEnabled(False)
        self.welcome.sample_button.setEnabled(False)

        def opened(sample: OpenDatabase) -> None:
            self.welcome.sample_button.setEnabled(True)
            if self._closing:
                sample.close()
                return
            self._real = self._database
            self._switch_to(sample)

        def failed(problem: BaseException) -> None:
            self.welcome.sample_button.setEnabled(True)
            self.sample_action.setEnabled(True)
            self._load_failed(problem)

        self.worker.submit(self._open_sample, opened, failed)
        return True

    def close_sample(self) -> bool:
        """Close the sample database and show the office's again."""
        if self._real is None:
            return False
        self.worker.wait()
        sample, real = self._database, self._real
        self._real = None
        if sample is not None:
            sample.close()
        self._switch_to(real)
        return True

    def _switch_to(self, database: OpenDatabase) -> None:
        self._database = database
        self.details.clear()
        self.model.set_rows([])
        self._apply_context()
        self.reload()
        self.databaseChanged.emit()

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.save_state()
        self.search_timer.stop()
        self._day_timer.stop()
        self.worker.wait()
        if self._real is not None and self._database is not None:
            self._database.close()  # the sample; the app closes the office's database
            self._database, self._real = self._real, None
        super().closeEvent(event)
