"""The main window: filters on the left, the case table, the selected case's tabs on the right.

The window owns no data: it holds an :class:`OpenDatabase` (the database, its instance lock and
whether it is the sample), loads the case list through the background :class:`DbWorker`, and
passes an :class:`AppContext` to the panes and dialogs it opens. It can be shown before the
database is open (:meth:`MainWindow.open_database_in_background`), which is how ``coetracker``
starts: the window is on screen while SQLAlchemy loads and the file is checked.

The window is composed of parts: :attr:`MainWindow.chrome` builds the widgets, actions and
menus (:mod:`coetracker.ui.window.main_chrome`), :attr:`MainWindow.commands` runs the case commands
(:mod:`coetracker.ui.window.case_actions`), :attr:`MainWindow.live` shows other people's changes
(:mod:`coetracker.ui.window.live_refresh`). Other features attach through the hooks
:meth:`~MainWindow.add_file_action`, :meth:`~MainWindow.add_help_action`,
:meth:`~MainWindow.add_banner` and :meth:`~MainWindow.set_backup_text`;
:meth:`MainWindow.visible_rows` and :meth:`MainWindow.current_case_id` tell an export or print
what the user is looking at; :attr:`MainWindow.context` gives the open database.

Signals:
    aboutRequested(): Help ▸ About was chosen.
    importRequested(): the welcome panel's import button (when no import action is installed).
    rowsLoaded(int): the case list was (re)loaded with this many cases.
    caseReloaded(int): one case was reloaded after a change.
    databaseChanged(): another database (the sample, or back to the real one) was opened.
    databaseAttached(): a database is now shown (after opening in the background).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMainWindow,
    QWidget,
)

from coetracker import APP_NAME, __version__
from coetracker.domain.model import Level
from coetracker.domain.periods import months_between, period_end_month, period_label
from coetracker.domain.readiness import STALE_AFTER_MONTHS
from coetracker.services.case_row import CaseRow, sort_in_urgency_order
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common.context import AppContext
from coetracker.ui.common.icons import clear_cache
from coetracker.ui.common.palette import LevelPalette, level_colours, placeholder_colour
from coetracker.ui.common.text import date_text, render, translate
from coetracker.ui.common.worker import DbWorker
from coetracker.ui.models.case_filter_proxy import CaseFilterProxy
from coetracker.ui.models.case_table_model import ID_ROLE, CaseTableModel
from coetracker.ui.panes.detail_tabs import DetailTabs
from coetracker.ui.window.case_actions import CaseCommands
from coetracker.ui.window.live_refresh import LiveRefresh
from coetracker.ui.window.main_chrome import WindowChrome
from coetracker.ui.window.open_database import OpenDatabase

if TYPE_CHECKING:  # the services and SQLAlchemy load in the background, not at start-up
    from coetracker.services.change_stamp import ChangeStamp
    from coetracker.storage.engine import Database
    from coetracker.ui.dialogs.case_editor import CaseEditor
    from coetracker.ui.dialogs.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What the background load hands to the window."""

    rows: list[CaseRow]
    due_soon: int
    bureaus: list[Any]
    statuses: list[Any]
    special_warning_days: int = 21


__all__ = ["MainWindow", "OpenDatabase"]


class MainWindow(QMainWindow):
    """The application's main window (see the module documentation)."""

    aboutRequested = Signal()  # noqa: N815 - Qt signal naming
    importRequested = Signal()  # noqa: N815 - Qt signal naming
    rowsLoaded = Signal(int)  # noqa: N815 - Qt signal naming
    loadFailed = Signal()  # noqa: N815 - Qt signal naming
    caseReloaded = Signal(int)  # noqa: N815 - Qt signal naming
    databaseChanged = Signal()  # noqa: N815 - Qt signal naming
    databaseAttached = Signal()  # noqa: N815 - Qt signal naming

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
        self._loaded_once = False
        self._first_rows: list[CaseRow] | None = None
        self._first_stamp: ChangeStamp | None = None
        self._first_day: dt.date | None = None
        self._pending_select: int | None = None
        self._due_soon = 3
        self._special_warning_days = 21
        self.active_editor: CaseEditor | None = None
        self.active_settings: SettingsDialog | None = None

        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.chrome = WindowChrome(self, self.model, self.proxy)
        chrome = self.chrome
        # The parts that panes, features and commands work with, named on the window.
        self.table = chrome.table
        self.details = chrome.details
        self.filter_pane = chrome.filter_pane
        self.today_view = chrome.today_view
        self.welcome = chrome.welcome
        self.search = chrome.search
        self.pages = chrome.pages
        self.file_actions = chrome.file_actions
        self.commands = CaseCommands(self)
        self.live = LiveRefresh(self)
        chrome.restore_state(settings)
        self._connect_actions()
        self._connect()
        self._paint_search()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self._set_opening()
        if database is not None:
            self.attach_database(database)

    def _connect_actions(self) -> None:
        """Each action of the chrome runs its command."""
        chrome, commands = self.chrome, self.commands
        slots: list[tuple[QAction, Callable[[], object]]] = [
            (chrome.new_case_action, commands.new_case),
            (chrome.find_action, self.focus_search),
            (chrome.edit_case_action, commands.edit_case),
            (chrome.copy_number_action, commands.copy_number),
            (chrome.settings_action, commands.open_settings),
            (chrome.quit_action, self.close),
            (chrome.refresh_action, self.reload),
            (chrome.log_inquiry_action, commands.log_inquiry),
            (chrome.add_request_action, commands.add_request),
            (chrome.extension_action, commands.record_extension),
            (chrome.submitted_action, commands.mark_submitted),
            (chrome.archive_action, commands.toggle_archive),
            (chrome.card_action, commands.edit_card),
            (chrome.renewal_action, commands.start_renewal),
            (chrome.sample_action, self.open_sample),
            (chrome.about_action, self._about),
        ]
        for action, slot in slots:
            action.triggered.connect(lambda _checked=False, run=slot: run())

    def _connect(self) -> None:
        chrome = self.chrome
        self.search.textChanged.connect(lambda _text: chrome.search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        chrome.search_timer.timeout.connect(self._search_now)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self.commands.edit_case())
        self.table.activated.connect(lambda _index: self.details.show_tab(DetailTabs.OVERVIEW))
        # A filter change can remove thousands of row ranges: count once per event-loop turn.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self.update_counts)
        for signal in (
            self.proxy.countsChanged,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
        ):
            signal.connect(lambda *_args: self._counts_timer.start())
        self.details.changed.connect(self.case_changed)
        self.details.editRequested.connect(self.commands.edit_case)
        self.details.renewalRequested.connect(self.commands.start_renewal)
        self.today_view.openCase.connect(self.select_case)
        self.today_view.hideRequested.connect(lambda: chrome.today_action.setChecked(False))
        self.today_view.addFiguresRequested.connect(self.commands.open_settings)
        chrome.today_action.toggled.connect(self.today_view.setVisible)
        chrome.filters_action.toggled.connect(self.filter_pane.setVisible)
        self.welcome.newCaseRequested.connect(self.commands.new_case)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.userNameEntered.connect(self._save_user_name)
        self.welcome.importRequested.connect(self._import_from_welcome)
        chrome.leave_sample.clicked.connect(self.close_sample)
        self.worker.busyChanged.connect(self._busy_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._search_now()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus()
                if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            clear_cache()
            self.model.set_palette(self.palette())
            if self.details.built:  # else they take the palette when built
                self.details.requests.model.set_palette(self.palette())
            self._paint_banner()
            self._paint_search()
            if self.model.rowCount():  # the Today view's rows carry their level colours
                self.refresh_today()
        super().changeEvent(event)

    def _paint_search(self) -> None:
        """A placeholder that reads on the search field's colour in every palette."""
        palette = self.search.palette()
        colour = placeholder_colour(self.palette())
        if palette.color(QPalette.ColorRole.PlaceholderText) != colour:
            palette.setColor(QPalette.ColorRole.PlaceholderText, colour)
            self.search.setPalette(palette)

    # -- hooks for other features -----------------------------------------------------------

    def add_file_action(self, key: str, action: QAction, *, toolbar: bool = False) -> QAction:
        """Install an Import…, Export… or Print… action (``key``: import / export / print).

        It goes into the File menu in that order after "New case"; export gets Ctrl+E and
        print Ctrl+P unless the action has a shortcut. The welcome panel's import button
        triggers the "import" action. It is enabled while a database is shown.
        """
        self.chrome.place_file_action(key, action, toolbar=toolbar)
        action.setEnabled(self._database is not None)
        self._update_welcome_import()
        return action

    def add_help_action(self, action: QAction) -> QAction:
        """Add an action to the Help menu, above About."""
        self.chrome.help_menu.insertAction(self.chrome.about_action, action)
        return action

    def add_banner(self, banner: QWidget) -> None:
        """Show a banner (such as "read-only") across the window, above the case list."""
        self.chrome.place_banner(banner)

    def set_backup_text(self, text: str, tooltip: str = "") -> None:
        """Show the last backup in the status bar (blank hides the slot)."""
        self.chrome.set_backup_text(text, tooltip)

    def _about(self) -> None:
        if self.isSignalConnected(
            self.metaObject().method(self.metaObject().indexOfSignal("aboutRequested()"))
        ):
            self.aboutRequested.emit()
            return
        dialogs.inform(
            self,
            translate("WindowChrome", "About COE Tracker"),
            translate("WindowChrome", "%1 %2\nTracks Certificate of Eligibility applications.")
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

    # -- the open database ------------------------------------------------------------------

    def show_first_rows(
        self,
        rows: list[CaseRow],
        *,
        unchanged: ChangeStamp | None = None,
        read_on: dt.date | None = None,
    ) -> None:
        """Show cases read before the database is open (the fast first read at start-up).

        Nothing can be edited yet: every action that writes or needs the open database stays
        disabled, and a selected case shows its details only once the database is attached;
        the status bar says so. The rows are replaced when the open database's rows differ.
        ``unchanged``: the stamp taken before they were read on ``read_on``; when nothing was
        committed since, the first load after the opening keeps them instead of reading every
        case again.
        """
        rows = list(rows)
        sort_in_urgency_order(rows)
        self._first_rows = rows
        self.drop_first_stamp()
        self._first_day = self._today
        if unchanged is not None and read_on == self._today:
            self._first_stamp = unchanged
        elif unchanged is not None:
            unchanged.close()
        self.model.set_rows(rows, presorted=True, search_folded=False)
        self.filter_pane.set_rows(rows)
        self.refresh_today()
        self.pages.setCurrentIndex(1 if not rows else 0)
        self.update_counts()
        self._set_opening()

    def fold_search_in_steps(self) -> None:
        """Fold the first rows' search texts in idle steps, once they are painted (a search typed
        before the last step folds the rest at once)."""
        timer = QTimer(self)
        timer.setInterval(0)

        def step() -> None:
            if self.model.fold_search_step():
                timer.stop()
                timer.deleteLater()

        timer.timeout.connect(step)
        timer.start()

    def _set_opening(self) -> None:
        """No database yet: the window is shown while it opens in the background."""
        self.chrome.busy_label.setText(
            self.tr("Opening the database: editing is possible in a moment…")
            if self._first_rows is not None
            else self.tr("Opening the database…")
        )
        self.setWindowTitle(APP_NAME)
        for action in (
            self.chrome.new_case_action,
            self.chrome.sample_action,
            self.chrome.settings_action,
            self.chrome.refresh_action,
            *self.file_actions.values(),
        ):
            action.setEnabled(False)
        self.today_view.add_figures.setEnabled(False)
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

    def release_database(self) -> None:
        """Stop using the database until another is attached: nothing reads or writes it
        meanwhile. Its instance lock stays with the caller."""
        self.live.stop()
        self.drop_first_stamp()
        database, self._database = self._database, None
        self.context = None
        self.details.set_context(None)
        if database is not None:
            database.db.dispose()
        self._set_opening()

    def _database_opened(self, database: OpenDatabase) -> None:
        if self._closing:
            database.close()
            return
        self.attach_database(database)

    def attach_database(self, database: OpenDatabase) -> None:
        """Show ``database``: its cases load in the background."""
        self.live.stop()
        self._database = database
        self._apply_context()
        self.databaseAttached.emit()
        self.reload()

    def _apply_context(self) -> None:
        database = self._database
        assert database is not None
        self.context = AppContext(
            database.db,
            self._today,
            is_sample=database.is_sample,
            user_name=lambda: str(self.settings.value("user/name", "")),
            db_role=self._server_role(database.db),
        )
        self.details.set_context(self.context)
        chrome = self.chrome
        chrome.db_label.setText(self.tr("Database: %1").replace("%1", database.label))
        chrome.db_label.setToolTip(database.label)
        # Qt appends the application's display name ("… — COE Tracker") on Windows and Linux.
        title = database.label.replace("\\", "/").rsplit("/", 1)[-1]
        if database.is_sample:
            title = self.tr("SAMPLE DATA")
        self.setWindowTitle(title)
        chrome.sample_banner.setVisible(database.is_sample)
        for action in (
            chrome.new_case_action,
            chrome.settings_action,
            chrome.refresh_action,
            *self.file_actions.values(),
        ):
            action.setEnabled(True)
        self.today_view.add_figures.setEnabled(True)
        chrome.sample_action.setEnabled(not database.is_sample and self._open_sample is not None)
        self._paint_banner()
        self._update_welcome_import()
        self._update_case_actions()

    @staticmethod
    def _server_role(db: Database) -> str | None:
        """The role an office server knows this app by (None for a file, or unreachable)."""
        from coetracker.services.connection import server_role

        return server_role(db)

    def _save_user_name(self, name: str) -> None:
        """The name the history records (Settings › user), asked for on the welcome panel."""
        from coetracker.services.settings import save_office

        if self.context is None or self.context.office().user_name == name:
            return
        office = dataclasses.replace(self.context.office(), user_name=name)
        try:
            save_office(self.context.db, office, actor=name)
        except Exception as problem:  # a known failure is one sentence; a bug re-raises
            dialogs.report(self, problem)

    def _paint_banner(self) -> None:
        banner, label = self.chrome.sample_banner, self.chrome.sample_label
        colours = level_colours(Level.DOCS_DUE, self.palette())
        palette = banner.palette()
        palette.setColor(banner.backgroundRole(), colours.background)
        palette.setColor(banner.foregroundRole(), colours.foreground)
        banner.setPalette(palette)
        label_palette = label.palette()
        label_palette.setColor(label.foregroundRole(), colours.foreground)
        label.setPalette(label_palette)

    @property
    def database(self) -> OpenDatabase | None:
        """The database shown (None while it opens)."""
        return self._database

    def today(self) -> dt.date:
        """The day cases are assessed on."""
        return self._today

    def _check_day(self) -> None:
        if self._pinned_today is None and dt.date.today() != self._today:
            self._today = dt.date.today()
            if self._database is not None:
                self._apply_context()
                self.reload()

    # -- loading ----------------------------------------------------------------------------

    def drop_first_stamp(self) -> None:
        """Read every case at the next load, whatever the first read's stamp would say (the
        database shown may not be the file first read, such as after a recovery)."""
        stamp, self._first_stamp = self._first_stamp, None
        if stamp is not None:
            stamp.close()

    def reload(self) -> None:
        """Read and assess every case in the background, then show them.

        The first load after the fast first read keeps its rows when nothing was committed to
        the file since they were read (and the day is the same)."""
        if self._database is None:
            return
        db, today = self._database.db, self._today
        first, stamp, self._first_stamp = self._first_rows, self._first_stamp, None
        if first is None or today != self._first_day:
            if stamp is not None:
                stamp.close()
            stamp = None

        def job() -> _Loaded:
            from coetracker.services.caselist import list_cases
            from coetracker.services.reference import list_bureaus, list_statuses
            from coetracker.services.settings import policy_of

            if first is not None and stamp is not None and stamp.unchanged():
                rows = first  # sorted by urgency when shown
            else:
                rows = list_cases(db, today=today)
                sort_in_urgency_order(rows)
            policy = policy_of(db)
            return _Loaded(
                rows,
                policy.due_soon_business_days,
                list_bureaus(db),
                list_statuses(db),
                policy.special_period_warning_days,
            )

        self.chrome.busy_label.setText(self.tr("Loading cases…"))
        self.worker.submit(job, self._rows_loaded, self._load_failed, key="list")

    def _rows_loaded(self, loaded: _Loaded) -> None:
        rows = loaded.rows
        self._due_soon = loaded.due_soon
        self._special_warning_days = loaded.special_warning_days
        keep = self._pending_select or self.current_case_id()
        self._pending_select = None
        self.filter_pane.set_reference(loaded.bureaus, loaded.statuses)
        first, self._first_rows = self._first_rows, None
        if first is None or (rows is not first and rows != first):
            self.model.set_rows(rows, presorted=True)
            self.filter_pane.set_rows(rows)
        else:  # the first read's rows stay; a repaint tells who waits for painted rows
            self.table.viewport().update()
        self.refresh_today()
        self._loaded_once = True
        self.pages.setCurrentIndex(1 if not rows else 0)
        if not rows and self.context is not None:
            self.welcome.set_user_name(self.context.office().user_name)
        if keep is None or not self.select_case(keep, clear_filters=False):
            self.details.show_case(None)
        self.update_counts()
        self._update_case_actions()
        self.live.start()
        self.rowsLoaded.emit(len(rows))
        self._refresh_assessment_store()

    def _refresh_assessment_store(self) -> None:
        """Store the assessments that were stale on the worker, after the rows are shown, so that
        the next start's first read assesses only what can have changed. Failing to store is
        never a problem for the user: the next start assesses those cases again."""
        if self._database is None or self._database.db.read_only:
            return
        db, today = self._database.db, self._today

        def job() -> int:
            from coetracker.services.assessment_store import refresh_assessment_store

            return refresh_assessment_store(db, today=today)

        def failed(problem: BaseException) -> None:
            if not isinstance(problem, Exception):
                raise problem
            log.info("Assessment store not refreshed: %s", type(problem).__name__)

        self.worker.submit(job, lambda _count: None, failed, key="assessment-store")

    def _load_failed(self, problem: BaseException) -> None:
        self.drop_first_stamp()
        self.chrome.busy_label.setText("")
        self.loadFailed.emit()
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
            from coetracker.services.residence import same_person_case_ids

            # The person's other cases too: a renewal filed ends their RENEWAL_DUE.
            return list_cases(db, today=today, case_ids=same_person_case_ids(db, case_id))

        def done(rows: list[CaseRow]) -> None:
            if rows:
                self.model.upsert_rows(rows)
                self.filter_pane.add_rows(rows)
            if not any(row.id == case_id for row in rows):
                self.model.remove_ids([case_id])
            self.refresh_today()
            if self.pages.currentIndex() == 1 and self.model.rowCount():
                self.pages.setCurrentIndex(0)
            self.select_case(case_id, clear_filters=False, reload_details=False)
            self.update_counts()
            self.caseReloaded.emit(case_id)

        self.worker.submit(job, done, self._load_failed)

    def case_changed(self, case_id: int) -> None:
        """Something of ``case_id`` was written: show it at once, everywhere."""
        if self.details.case_id == case_id:
            self.details.show_case(case_id)
        self.reload_case(case_id)

    def case_saved(self, case_id: int) -> None:
        """An editor saved ``case_id``: show it, and select it once the list has it."""
        self._pending_select = case_id
        self.details.show_case(case_id)
        self.reload_case(case_id)

    def refresh_today(self) -> None:
        """Fill the Today view from the rows the model holds."""
        self.today_view.set_rows(
            self.model.rows_by_urgency(),
            presorted=True,
            today_text=f"{date_text(self._today)} {_weekday_name(self._today)}",
            due_soon_business_days=self._due_soon,
            colours=LevelPalette(self.palette()),
            today=self._today,
            special_warning_days=self._special_warning_days,
        )
        if self.context is None:
            return
        from coetracker.services.reference import newest_benchmark_period

        newest = newest_benchmark_period(self.context.db)
        start = period_end_month(newest) if newest else None
        self.today_view.set_figures_month(
            render(period_label(newest)) if newest else "",
            stale=start is None or months_between(start, self._today) > STALE_AFTER_MONTHS,
        )

    def _busy_changed(self, busy: bool) -> None:
        if not busy:
            self.chrome.busy_label.setText("")

    def update_counts(self) -> None:
        """Say in the status bar how many cases are shown of how many."""
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        locale = QLocale()
        if shown == total:
            text = (
                self.tr("1 case")
                if total == 1
                else self.tr("%1 cases").replace("%1", locale.toString(total))
            )
        else:
            text = (
                self.tr("%1 of %2 cases shown")
                .replace("%1", locale.toString(shown))
                .replace("%2", locale.toString(total))
            )
        self.chrome.count_label.setText(text)

    # -- search, filters and columns --------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_now(self) -> None:
        self.chrome.search_timer.stop()
        self.proxy.set_search_text(self.search.text())
        self.update_counts()
        self._keep_current_visible()

    def _keep_current_visible(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    # -- selection --------------------------------------------------------------------------

    def current_case_id(self) -> int | None:
        """The id of the selected case (None when nothing is selected)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(ID_ROLE)
        return int(value) if value is not None else None

    def current_row(self) -> CaseRow | None:
        """The list row of the selected case."""
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
        chrome = self.chrome
        has_case = self.details.detail is not None
        for action in (
            chrome.edit_case_action,
            chrome.log_inquiry_action,
            chrome.add_request_action,
            chrome.archive_action,
            chrome.copy_number_action,
            chrome.card_action,
        ):
            action.setEnabled(has_case)
        chrome.renewal_action.setEnabled(
            bool(self.details.detail and self.details.detail.assessment.level == Level.RENEWAL_DUE)
        )
        requests = self.details.detail.document_requests if self.details.detail else ()
        has_open = any(r.submitted_on is None for r in requests)
        chrome.extension_action.setEnabled(has_open)
        chrome.submitted_action.setEnabled(has_open)
        archived = bool(self.details.detail and self.details.detail.archived)
        chrome.archive_action.setText(
            self.tr("Bring back from &archive") if archived else self.tr("&Archive case")
        )

    # -- sample data ------------------------------------------------------------------------

    def open_sample(self) -> bool:
        """Switch to the sample database, written afresh in the background for today."""
        if self._open_sample is None or self._database is None or self._database.is_sample:
            return False
        self.chrome.busy_label.setText(self.tr("Preparing the sample data…"))
        self.chrome.sample_action.setEnabled(False)
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
            self.chrome.sample_action.setEnabled(True)
            self._load_failed(problem)

        open_sample = self._open_sample
        self.worker.submit(open_sample, opened, failed)
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
        self.live.stop()
        self._database = database
        self.details.clear()
        self.model.set_rows([])
        self._apply_context()
        self.reload()
        self.databaseChanged.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.chrome.fit_default_split()

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.chrome.save_state(self.settings)
        self.chrome.search_timer.stop()
        self._day_timer.stop()
        self.live.timer.stop()
        self.worker.wait()
        self.live.stop()
        self.drop_first_stamp()
        if self._real is not None and self._database is not None:
            self._database.close()  # the sample; the app closes the office's database
            self._database, self._real = self._real, None
        super().closeEvent(event)


def _weekday_name(day: dt.date) -> str:
    """The weekday in the interface language (金曜日 in Japanese), not the system locale's."""
    from coetracker.i18n import current_language

    locale = QLocale(
        QLocale.Language.Japanese if current_language() == "ja" else QLocale.Language.English
    )
    return locale.dayName(day.isoweekday())
