"""Crash reporting end to end in a running Qt application: a bug raised in a slot reaches the
hook, lands in the log file and opens the dialog (replaced by a recorder here), with no personal
data in either; the dialog itself, the About box and the application icon."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QPushButton

from coetracker import APP_NAME, __version__
from coetracker.crash import CrashHandler, CrashReport, install_crash_handler
from coetracker.logsetup import LOG_FILE_NAME
from coetracker.paths import resolve_paths
from coetracker.ui.common.app_icon import app_icon, icon_path
from coetracker.ui.dialogs.about_dialog import AboutDialog, database_location
from coetracker.ui.dialogs.crash_dialog import CrashDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]

CANARY_PASSPORT = "TK7654321"
CANARY_NAME = "Canaryname Hanako"


@pytest.fixture
def restore_logging(request: pytest.FixtureRequest) -> Iterator[None]:
    """install_crash_handler configures logging and faulthandler: put them back afterwards
    (faulthandler to pytest's own copy of standard error, so that a hard crash later in the
    run still prints its stacks)."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    saved_hooks = (sys.excepthook, threading.excepthook)
    yield
    for handler in list(root.handlers):
        if handler not in saved_handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(saved_level)
    logging.captureWarnings(False)
    sys.excepthook, threading.excepthook = saved_hooks
    import faulthandler

    from _pytest.faulthandler import fault_handler_stderr_fd_key

    stderr_fd = request.config.stash.get(fault_handler_stderr_fd_key, None)
    if stderr_fd is None:
        faulthandler.disable()
    else:
        faulthandler.enable(file=stderr_fd, all_threads=True)


@pytest.fixture
def shown(
    tmp_path: Path, restore_logging: None
) -> Iterator[tuple[CrashHandler, list[CrashReport]]]:
    reports: list[CrashReport] = []
    handler = install_crash_handler(
        tmp_path / "logs", show_dialog=True, dialog_factory=reports.append
    )
    yield handler, reports
    handler.uninstall()


def log_text(handler: CrashHandler) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return handler.log_file.read_text("utf-8")


def apply_for_visa() -> None:
    """A slot with personal data in its locals and a bug."""
    passport_number = CANARY_PASSPORT  # noqa: F841 - the canary the report must not show
    applicant = {"name": CANARY_NAME, "passport": CANARY_PASSPORT}
    _ = applicant["visa_number"]  # KeyError: a bug


def test_exception_in_button_slot_reaches_log_and_dialog(qtbot, shown) -> None:
    handler, reports = shown
    button = QPushButton("apply")
    qtbot.addWidget(button)
    button.clicked.connect(apply_for_visa)

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert len(reports) == 1
    report = reports[0]
    assert report.summary == "KeyError"
    assert "apply_for_visa" in report.text
    assert "visa_number" in report.text
    assert f"{APP_NAME} {__version__}" in report.text
    assert "Qt " in report.text and "Python " in report.text
    assert report.log_file == handler.log_file
    logged = log_text(handler)
    assert "Unexpected error" in logged and "apply_for_visa" in logged
    for text in (report.text, logged):
        assert CANARY_PASSPORT not in text
        assert CANARY_NAME not in text
    # No home folder (hence no login name) in the file names of the frames.
    assert str(Path.home()) not in report.text or str(Path.home()) == "/"
    assert 'File "tests/gui/test_crash.py"' in report.text


def test_exception_in_timer_slot_reaches_hook(qtbot, shown) -> None:
    handler, reports = shown

    def tick() -> None:
        raise ZeroDivisionError(f"passport {CANARY_PASSPORT} of {CANARY_NAME}")

    QTimer.singleShot(0, tick)
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=5000)
    report = reports[0]
    assert report.summary == "ZeroDivisionError"
    # The message is kept, redacted: the passport-like token is gone.
    assert "ZeroDivisionError: passport <id>" in report.text
    assert CANARY_PASSPORT not in report.text
    assert CANARY_PASSPORT not in log_text(handler)


def test_exception_in_worker_thread_logs_and_posts_dialog_to_gui_thread(qtbot, shown) -> None:
    handler, reports = shown
    shown_in: list[bool] = []

    def show(report: CrashReport) -> None:
        reports.append(report)
        shown_in.append(threading.current_thread() is threading.main_thread())

    handler.dialog_factory = show

    def work() -> None:
        raise RuntimeError("worker failed")

    thread = threading.Thread(target=work, name="db-worker")
    thread.start()
    thread.join()
    assert "Unexpected error in thread db-worker" in log_text(handler)
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=5000)
    assert shown_in == [True]
    assert reports[0].thread_name == "db-worker"


def test_no_crash_dialog_logs_only(qtbot, tmp_path, restore_logging) -> None:
    reports: list[CrashReport] = []
    handler = install_crash_handler(
        tmp_path / "logs", show_dialog=False, dialog_factory=reports.append
    )
    try:
        QTimer.singleShot(0, apply_for_visa)
        qtbot.waitUntil(lambda: len(handler.reports) == 1, timeout=5000)
    finally:
        handler.uninstall()
    assert reports == []
    assert "apply_for_visa" in log_text(handler)


def test_error_while_dialog_is_open_is_logged_without_second_dialog(qtbot, shown) -> None:
    handler, reports = shown

    def dialog(report: CrashReport) -> None:
        reports.append(report)
        try:
            raise ValueError("second bug while the dialog is open")
        except ValueError as second:
            handler.excepthook(ValueError, second, second.__traceback__)

    handler.dialog_factory = dialog
    QTimer.singleShot(0, apply_for_visa)
    qtbot.waitUntil(lambda: len(handler.reports) == 2, timeout=5000)
    assert len(reports) == 1
    assert "while the crash dialog was open" in log_text(handler)
    assert not handler.disabled


def test_failing_dialog_disables_the_hook(qtbot, shown, capfd) -> None:
    handler, _reports = shown

    def broken(report: CrashReport) -> None:
        raise RuntimeError("the dialog itself is broken")

    handler.dialog_factory = broken
    QTimer.singleShot(0, apply_for_visa)
    qtbot.waitUntil(lambda: handler.disabled, timeout=5000)
    assert sys.excepthook != handler.excepthook
    assert threading.excepthook != handler.threading_excepthook
    assert "The crash handler failed and was disabled" in log_text(handler)
    assert "the crash handler failed and was disabled" in capfd.readouterr().err


def test_crash_dialog_copies_the_report_and_opens_the_log_folder(qtbot, tmp_path, monkeypatch):
    report = CrashReport(
        text="COE Tracker 0.1.0\n\nTraceback (most recent call last):\nKeyError: 'x'\n",
        summary="KeyError",
        log_file=tmp_path / LOG_FILE_NAME,
        thread_name="MainThread",
    )
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: _record(opened, url))
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == report.text
    assert dialog.text.isReadOnly()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == report.text
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_about_dialog_shows_versions_locations_and_opens_the_data_folder(
    qtbot, tmp_path, monkeypatch
):
    paths = resolve_paths(data_dir=tmp_path / "data", environ={})
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: _record(opened, url))
    dialog = AboutDialog(paths)
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version.text()
    assert dialog.database.text() == str(paths.db_path)
    assert dialog.data_folder.text() == str(paths.data_dir)
    assert "MIT" in dialog.licence.text()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(paths.data_dir)]


def test_about_hides_a_database_password(tmp_path) -> None:
    paths = resolve_paths(data_dir=tmp_path, db="postgresql://office:s3cret@server/coe", environ={})
    shown = database_location(paths)
    assert "s3cret" not in shown and "server/coe" in shown


def test_application_icon_renders_at_small_and_large_sizes(qapp) -> None:
    assert icon_path().is_file()
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 48, 256):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        # Opaque in the middle (the tile), so it is not an empty rendering.
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def _record(opened: list[QUrl], url: QUrl) -> bool:
    """QDesktopServices.openUrl's stand-in: note the address, report success."""
    opened.append(url)
    return True
