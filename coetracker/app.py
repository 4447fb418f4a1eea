"""Starting the window: QApplication, translator, instance lock, database, main window.

``coetracker`` without a sub-command calls :func:`run_gui`. The order matters:

1. the QApplication (name, organisation, version), the translator for the language chosen
   (``--lang``, ``COETRACKER_LANG``, Settings, else the system's) and the date style;
2. the crash handler and the application icon, when those modules are present;
3. the instance lock of the database file: a second start on the same file is refused with a
   sentence naming the holder (host, process id) and an offer to quit; a lock left by a process
   that died is taken over silently; a lock written on another computer may be overridden only
   after the user confirms that computer crashed;
4. the database, opened through ``services.opening`` (corruption check, backup, migration);
   every known failure is one sentence in a message box, never a traceback;
5. the main window, whose UI state lives in an INI file under the data folder.

A usual database file (ours, current, writable: :mod:`coetracker.services.quick_open`) is shown
in two phases: its cases are read with the ``sqlite3`` module and painted first, with editing
disabled and the status bar saying so; once they are on screen the full opening of step 4 runs
on the worker thread (integrity check after it, as before) while the detail panes are built, and
the features are installed. The full opening keeps the first rows when nothing was committed to
the file since they were read (:mod:`coetracker.services.change_stamp`). Anything unusual skips
the first phase, so its dialogs are the same as ever.

Heavy modules (the window, SQLAlchemy) are imported only when needed, so the interpreter
reaches the event loop quickly.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coetracker import APP_ID, APP_NAME, ORGANIZATION, __version__
from coetracker.paths import ENV_TODAY, AppPaths, ensure_private_dir, sqlite_url
from coetracker.ui.common.collector import GuiCollector
from coetracker.ui.window.first_paint import after_rows_painted, read_first_rows

if TYPE_CHECKING:
    from coetracker.storage.instance_lock import InstanceLock
    from coetracker.ui.window.main_window import MainWindow, OpenDatabase

log = logging.getLogger(__name__)

SAMPLE_FILENAME = "sample.sqlite3"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, or the one that already exists (tests)."""
    from coetracker.ui.common import refcount_guard

    refcount_guard.install()  # before any other Qt call: see that module
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(argv or [sys.argv[0] if sys.argv else "coetracker"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def pinned_today(args: argparse.Namespace) -> dt.date | None:
    """``--today`` or ``COETRACKER_TODAY``; None means "the real date, following midnight"."""
    if getattr(args, "today", None) is not None:
        return args.today  # type: ignore[no-any-return]
    value = os.environ.get(ENV_TODAY)
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            log.warning("Ignoring %s: not a date in the form YYYY-MM-DD", ENV_TODAY)
    return None


def claim_database(db_path: Path) -> InstanceLock | None:
    """Take the database's instance lock, or tell the user who holds it.

    Returns the held lock, or None when the user chose to quit. The message names the holder
    (host and process id); "Try again" retries after the other window was closed, and for a
    lock written on another computer "Open anyway" overrides it.
    """
    from coetracker.storage.instance_lock import AlreadyRunningError, InstanceLock
    from coetracker.ui.common import message_boxes as dialogs
    from coetracker.ui.common.text import render

    ensure_private_dir(db_path.parent)
    lock = InstanceLock(db_path)
    force = False
    while True:
        try:
            lock.acquire(force=force)
        except AlreadyRunningError as busy:
            buttons = QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close
            if busy.other_host:
                buttons |= QMessageBox.StandardButton.Ignore
            answer = dialogs.choose(
                None,
                QCoreApplication.translate("App", "COE Tracker is already open"),
                render(busy.message),
                buttons,
                QMessageBox.StandardButton.Close,
            )
            if answer == QMessageBox.StandardButton.Retry:
                continue
            if answer == QMessageBox.StandardButton.Ignore and busy.other_host:
                force = True
                continue
            return None
        return lock


def open_database_now(
    paths: AppPaths, lock: InstanceLock | None, *, check_later: bool = False
) -> OpenDatabase:
    """Open (check, back up, migrate) the database; raises what ``open_app_database`` raises.

    Runs on the window's worker thread at start-up: SQLAlchemy, Alembic and the migration check
    load there while the window is already on screen. ``check_later``: see
    :func:`check_integrity_after_rows`.
    """
    from coetracker.services.opening import open_app_database
    from coetracker.ui.window.main_window import OpenDatabase

    opened = open_app_database(paths, check_later=check_later)
    label = str(paths.db_path) if paths.db_path is not None else _safe_url(paths.db_url)
    return OpenDatabase(
        opened.database,
        lock,
        label,
        read_only_reason=opened.read_only_reason,
        integrity_pending=opened.integrity_pending,
    )


def check_integrity_after_rows(
    window: MainWindow,
    paths: AppPaths,
    lock: InstanceLock | None,
    failed: Callable[[BaseException], None],
) -> None:
    """Run the integrity check a ``check_later`` opening left out, once the first rows are
    painted, on the worker thread. A database that fails it is let go and reopened with the full
    check, which repairs damaged indexes, or sets a damaged file aside and offers a backup
    (``failed`` receives that error, as at start-up)."""

    def start() -> None:
        from coetracker.services.opening import check_opened_database

        database = window.database
        if database is None or not database.integrity_pending:
            return
        database.integrity_pending = False
        window.worker.submit(lambda: check_opened_database(paths), checked, not_checked)

    def checked(sound: bool) -> None:
        if sound:
            return
        window.release_database()
        window.open_database_in_background(lambda: open_database_now(paths, lock), failed)

    def not_checked(problem: BaseException) -> None:
        if not isinstance(problem, Exception):
            raise problem
        # The file could not be read for the check (locked, unreadable): the next start
        # checks it again; the problem itself shows on the next read or write.
        log.warning("Integrity check after start-up not done: %s", type(problem).__name__)

    window.rowsLoaded.connect(lambda count: after_rows_painted(window, count, start))


def show_and_open(
    window: MainWindow,
    paths: AppPaths,
    lock: InstanceLock | None,
    failed: Callable[[BaseException], None],
    collector: GuiCollector,
    after_paint: Callable[[], None] | None = None,
) -> bool:
    """Show the window and open its database; True when the first rows came the fast way.

    A usual file's cases are painted first, read without SQLAlchemy; the full opening starts
    once they are on screen. Otherwise the window shows at once and the database opens in the
    background, with every check and dialog as before. Either way the integrity check runs
    after the first rows of the open database are painted (``failed``: see
    :func:`check_integrity_after_rows`). ``collector``, which has taken garbage collection over,
    starts collecting once the first rows are painted, or at once when there are none;
    ``after_paint`` (what can wait, such as the window icon) is called then too.
    """
    first = read_first_rows(paths, window.today())

    def open_fully() -> None:
        window.open_database_in_background(
            lambda: open_database_now(paths, lock, check_later=True), failed
        )
        # While the worker opens the database: the detail panes nobody could see yet.
        QTimer.singleShot(0, window, window.details.build)

    check_integrity_after_rows(window, paths, lock, failed)
    if first is not None and first.rows:
        # The rows just read are young objects without cycles: the collector's pass over them
        # (a quarter of a second at 100,000 cases) waits until they are on screen.

        def collect_then_open() -> None:
            collector.start()
            open_fully()
            window.fold_search_in_steps()
            if after_paint is not None:
                after_paint()

        window.show_first_rows(first.rows, unchanged=first.stamp, read_on=first.today)
        window.show()
        after_rows_painted(window, len(first.rows), collect_then_open)
        # A window never painted (minimised at once) still collects.
        QTimer.singleShot(5000, window, collector.start)
        return True
    if first is not None and first.stamp is not None:
        first.stamp.close()
    collector.start()
    open_fully()
    window.show()
    if after_paint is not None:
        QTimer.singleShot(0, window, after_paint)
    return False


def report_open_failure(parent: QWidget | None, problem: BaseException) -> None:
    """One sentence for a database that cannot be opened; a bug goes to the crash handler."""
    from coetracker.ui.common import message_boxes as dialogs

    text = dialogs.user_message(problem)
    if text is None:
        raise problem
    dialogs.error(
        parent, text, QCoreApplication.translate("App", "COE Tracker cannot open the database")
    )


def open_office_database(paths: AppPaths, lock: InstanceLock | None) -> OpenDatabase | None:
    """Open the database on this thread; a known failure is shown as one sentence."""
    try:
        return open_database_now(paths, lock)
    except Exception as problem:
        report_open_failure(None, problem)
        return None


def _safe_url(url: str) -> str:
    """A database URL without its password, for the status bar."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def sample_path(paths: AppPaths) -> Path:
    """Where the sample database lives: beside the office's database file."""
    folder = paths.db_path.parent if paths.db_path is not None else paths.data_dir
    return folder / SAMPLE_FILENAME


def sample_opener(paths: AppPaths, today: Callable[[], dt.date]) -> Callable[[], OpenDatabase]:
    """A function that (re)creates the sample database, fills it for today and opens it.

    The sample is rebuilt on every opening so that its dates are relative to today and every
    readiness level shows; it is a separate file and is never mixed into the office's data.
    """

    def open_sample() -> OpenDatabase:
        from coetracker.services.demo import fill_demo
        from coetracker.services.opening import open_app_database
        from coetracker.storage.instance_lock import InstanceLock
        from coetracker.ui.window.main_window import OpenDatabase

        path = sample_path(paths)
        ensure_private_dir(path.parent)
        lock = InstanceLock(path)
        lock.acquire()
        try:
            for stale in (
                path,
                path.with_name(path.name + "-wal"),
                path.with_name(path.name + "-shm"),
            ):
                stale.unlink(missing_ok=True)
            sample_paths = dataclasses.replace(
                paths,
                db_url=sqlite_url(path),
                db_path=path,
                backup_dir=path.parent / "sample-backups",
            )
            database = open_app_database(sample_paths).database
            fill_demo(database, today=today())
        except BaseException:
            lock.release()
            raise
        return OpenDatabase(database, lock, str(path), is_sample=True)

    return open_sample


def _install_optional(app: QApplication, args: argparse.Namespace, paths: AppPaths) -> None:
    """The crash handler, when its module is part of this build."""
    if importlib.util.find_spec("coetracker.crash") is not None:
        from coetracker.crash import install_crash_handler

        install_crash_handler(paths.log_dir, show_dialog=not args.no_crash_dialog)


def _install_icon(app: QApplication) -> None:
    """The application icon, when its module is part of this build. Called once the first rows
    are painted: reading the SVG loads Qt's SVG support (7 ms), and a window shown without
    its icon takes it when it is set."""
    if importlib.util.find_spec("coetracker.ui.common.app_icon") is not None:
        from coetracker.ui.common.app_icon import install_app_icon

        install_app_icon(app)


def connect_about(window: MainWindow, paths: AppPaths) -> None:
    """Help ▸ About shows the About box when that module is part of this build."""
    if importlib.util.find_spec("coetracker.ui.dialogs.about_dialog") is None:
        return

    def show() -> None:  # imported when chosen, not on the way to the first rows
        from coetracker.ui.dialogs.about_dialog import show_about

        show_about(window, paths)

    window.aboutRequested.connect(show)


def build_window(
    paths: AppPaths, database: OpenDatabase | None, *, today: dt.date | None
) -> MainWindow:
    """The main window, on an open database or (None) one still opening (tests use both)."""
    from coetracker.ui.common import preferences
    from coetracker.ui.common.window_state import open_settings
    from coetracker.ui.window.main_window import MainWindow

    settings = open_settings(paths.settings_file)
    preferences.apply_saved(settings)  # the date style chosen in Settings
    window = MainWindow(
        database,
        settings=settings,
        today=today,
        open_sample=sample_opener(paths, lambda: window.today()),
    )
    connect_about(window, paths)
    from coetracker.ui.features.installers import install_feature_actions

    if database is not None:
        install_feature_actions(window, paths)
    else:
        # The feature modules take a quarter of a second to load: install them once the first
        # rows are painted (or could not be read), not on the way to them.
        installed = False

        def install_once() -> None:
            nonlocal installed
            if not installed and window.database is not None:
                installed = True
                install_feature_actions(window, paths)

        window.rowsLoaded.connect(lambda count: after_rows_painted(window, count, install_once))
        window.loadFailed.connect(install_once)
    return window


def install_language(args: argparse.Namespace, paths: AppPaths) -> str:
    """Translator and locale for ``--lang``, else ``COETRACKER_LANG``, else the language chosen
    in Settings, else the system's. Returns the language installed."""
    from PySide6.QtCore import QLocale

    from coetracker.i18n import choose_language, install_translator
    from coetracker.ui.common import preferences
    from coetracker.ui.common.window_state import open_settings

    settings = open_settings(paths.settings_file)
    language = choose_language(getattr(args, "lang", None), preferences.saved_language(settings))
    if not install_translator(language):
        language = "en"
        install_translator(language)
    if language == "ja":
        QLocale.setDefault(QLocale("ja_JP"))
    elif QLocale().language() == QLocale.Language.Japanese:
        QLocale.setDefault(QLocale("en_US"))
    return language


def _office_server_paths(args: argparse.Namespace, paths: AppPaths) -> AppPaths | None:
    """The office server chosen in Settings › Database, unless ``--db``/``COETRACKER_DB``
    name a database (the password from the keyring, else asked now; None: the user cancelled,
    and the app does not open the file instead)."""
    import os

    from coetracker.paths import ENV_DB, resolve_paths
    from coetracker.ui.common.window_state import open_settings

    if args.db is not None or os.environ.get(ENV_DB):
        return paths
    settings = open_settings(paths.settings_file)
    if settings.value("database/mode", "file") != "server":
        return paths  # the file: nothing more is imported at start-up
    from coetracker.ui.dialogs.database_settings import database_url_at_start

    url = database_url_at_start(settings)
    return None if url is None else resolve_paths(data_dir=args.data_dir, db=url)


def _upgrade_agreed(paths: AppPaths) -> bool:
    """An office database from an older version is upgraded only when the user agrees (a
    snapshot first; only one app at a time, the others wait for it)."""
    from coetracker.services.connection import server_is_behind
    from coetracker.ui.common import message_boxes as dialogs

    if not server_is_behind(paths.db_url):
        return True
    return dialogs.confirm(
        None,
        QCoreApplication.translate("App", "Upgrade the office database"),
        QCoreApplication.translate(
            "App",
            "The office database was made by an older version of COE Tracker. Upgrade the "
            "office database now? A backup is taken first; other computers that open it "
            "meanwhile wait until the upgrade is done.",
        ),
    )


def run_gui(args: argparse.Namespace, paths: AppPaths) -> int:
    """Run the window until it is closed; return the process exit code.

    The window is shown first and the database opens on its worker thread, so the window is
    on screen and responsive while SQLAlchemy loads, the file is checked and the cases load.
    """
    app = make_application()
    # Garbage is collected on this thread only, from here on (see ui/common/collector).
    collector = GuiCollector(app)
    collector.take_over()
    install_language(args, paths)
    _install_optional(app, args, paths)
    from coetracker.ui.common.startup_probe import install_startup_probe

    install_startup_probe(app)  # benchmarks/bench_startup.py; inert unless its variable is set

    chosen = _office_server_paths(args, paths)
    if chosen is None:
        return 1
    paths = chosen
    if paths.db_path is None and not _upgrade_agreed(paths):
        return 1
    lock = None
    if paths.db_path is not None:
        try:
            lock = claim_database(paths.db_path)
        except OSError as problem:
            from coetracker.ui.common import message_boxes as dialogs

            dialogs.error(
                None,
                QCoreApplication.translate(
                    "App", "The folder of the database cannot be used: %1"
                ).replace("%1", str(problem)),
            )
            return 1
        if lock is None:
            return 1
    window = build_window(paths, None, today=pinned_today(args))
    failed: list[BaseException] = []

    def open_failed(problem: BaseException) -> None:
        from coetracker.services.opening import DamagedDatabaseError

        window.drop_first_stamp()
        if isinstance(problem, DamagedDatabaseError) and problem.moved_to is not None:
            from coetracker.ui.features.backup_actions import show_recovery_dialog

            # The damaged file has been moved aside unchanged; offer the newest good backup,
            # another backup, or (explicitly) an empty database. Quit leaves the marker: the
            # next start asks again.
            if show_recovery_dialog(window, problem, paths=paths, lock=lock) is not None:
                window.open_database_in_background(
                    lambda: open_database_now(paths, lock), open_failed
                )
                return
        failed.append(problem)
        try:
            report_open_failure(window, problem)
        finally:
            window.close()

    show_and_open(window, paths, lock, open_failed, collector, lambda: _install_icon(app))
    try:
        code = int(app.exec())
    finally:
        window.worker.wait()
        database = window.database
        if database is not None:
            database.close()
        elif lock is not None:
            lock.release()
    return 1 if failed else code
