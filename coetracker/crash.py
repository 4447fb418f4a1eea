"""Crash reporting: the exception hook for bugs (DESIGN.md §3 "Errors are classified").

Known environment errors (locked, disk full, corrupt …) are :class:`~coetracker.errors.
UserFacingError` values that the UI turns into a sentence. Everything else that escapes to the top
— an exception in a Qt slot, in start-up code, or in a worker thread — is a bug, and reaches the
hook installed by :func:`install_crash_handler`, which

1. builds a :class:`CrashReport`: application and Qt/Python versions, platform, thread, and the
   traceback;
2. logs it to the user's log folder (through :mod:`coetracker.logsetup`, whose redacting filter
   is a second line of defence);
3. shows it in a dialog with a copyable report, unless ``show_dialog`` is false
   (``--no-crash-dialog``: log only) or no widget application runs (a CLI sub-command).

**No personal data, by construction.** The traceback is formatted without local variables
(``capture_locals`` is never set), file names are cut down to their package-relative part (no home
folder, hence no login name), and each exception's message is reduced to its first line, run
through :func:`coetracker.logsetup.redact` (SQL parameters, dates, passport- and phone-like
tokens) and shortened.

**No recursion.** An exception raised while the dialog is open is logged but opens no second
dialog; an exception inside the reporting code itself uninstalls the hook (the interpreter's
default takes over) after writing both tracebacks to stderr.

Exceptions in threads other than the GUI thread are logged at once; their dialog is posted to the
GUI thread through a queued signal. ``faulthandler`` writes hard crashes (a segfault in Qt) to
``faulthandler.log`` in the same folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from coetracker import APP_NAME, __version__
from coetracker.logsetup import (
    LOG_FILE_NAME,
    PrivateRotatingFileHandler,
    configure_logging,
    enable_faulthandler,
    redact,
)

__all__ = [
    "MAX_MESSAGE_CHARS",
    "CrashHandler",
    "CrashReport",
    "DialogFactory",
    "build_report",
    "install_crash_handler",
    "safe_traceback",
]

log = logging.getLogger("coetracker.crash")

MAX_MESSAGE_CHARS = 200
"""An exception message is cut to this length (after redaction) in the report and the log."""
_MAX_CHAIN = 8


@dataclass(frozen=True, slots=True)
class CrashReport:
    """What the crash dialog shows and the log records."""

    text: str
    """The whole report: header lines, a blank line, the traceback. Safe to copy and send."""
    summary: str
    """The exception type's name, e.g. ``"ZeroDivisionError"``."""
    log_file: Path
    """The log file the report was written to."""
    thread_name: str


DialogFactory = Callable[[CrashReport], object]
"""Shows a report to the user (modal or not); its return value is ignored."""


def _short_path(filename: str) -> str:
    """A frame's file name relative to the import root it came from (no home folder in it)."""
    path = Path(filename)
    if not path.is_absolute():  # "<string>", "<frozen importlib._bootstrap>"
        return filename
    roots = [Path(entry) for entry in sys.path if entry and Path(entry).is_absolute()]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if isinstance(frozen_root, str):
        roots.append(Path(frozen_root))
    for root in sorted(roots, key=lambda r: len(r.parts), reverse=True):
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return path.name


def _safe_message(exc_type_name: str, message: str) -> str:
    first = message.strip().splitlines()[0] if message.strip() else ""
    text = redact(first)
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[: MAX_MESSAGE_CHARS - 1] + "…"
    return f"{exc_type_name}: {text}" if text else exc_type_name


def _message_of(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError):
        return exc.msg or ""  # str() would add the file's full path
    try:
        return str(exc)
    except Exception:  # a broken __str__ must not break the report
        return "<message unavailable>"


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` (with its causes) without values: the text the report carries.

    Frames show a package-relative file name, line number, function and source line; each
    exception shows its type and the redacted first line of its message. Local variables are
    never read.
    """
    return "".join(_format_chain(exc, set()))


def _format_chain(exc: BaseException, seen: set[int]) -> list[str]:
    lines: list[str] = []
    if id(exc) in seen or len(seen) >= _MAX_CHAIN:
        return lines
    seen.add(id(exc))
    if exc.__cause__ is not None:
        lines += _format_chain(exc.__cause__, seen)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif exc.__context__ is not None and not exc.__suppress_context__:
        lines += _format_chain(exc.__context__, seen)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    stack = traceback.extract_tb(exc.__traceback__)  # FrameSummary objects: no locals
    if stack:
        lines.append("Traceback (most recent call last):\n")
        for frame in stack:
            lines.append(
                f'  File "{_short_path(frame.filename)}", line {frame.lineno}, in {frame.name}\n'
            )
            if frame.line:
                lines.append(f"    {frame.line.strip()}\n")
    exc_type = type(exc)
    type_name = exc_type.__qualname__
    if exc_type.__module__ not in ("builtins", "__main__"):
        type_name = f"{exc_type.__module__}.{type_name}"
    lines.append(_safe_message(type_name, _message_of(exc)) + "\n")
    return lines


def _versions() -> list[str]:
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
    except Exception:  # the report must not fail because Qt is half-imported
        qt = "Qt unknown"
    import platform  # here: the start-up does not wait for it

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return [
        f"{APP_NAME} {__version__}{frozen}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        qt,
        f"Platform: {platform.system()} {platform.release()} {platform.machine()}",
    ]


def build_report(exc: BaseException, *, thread_name: str, log_file: Path) -> CrashReport:
    """The report for ``exc`` raised in ``thread_name``; contains no personal data."""
    header = [
        *_versions(),
        f"Time: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Thread: {thread_name}",
    ]
    text = "\n".join(header) + "\n\n" + safe_traceback(exc)
    return CrashReport(
        text=text,
        summary=type(exc).__name__,
        log_file=log_file,
        thread_name=thread_name,
    )


class _DialogBridge(QObject):
    """Carries a report from any thread to the GUI thread (queued connection)."""

    report_ready = Signal(object)


def _default_dialog(report: CrashReport) -> object:
    from coetracker.ui.dialogs.crash_dialog import show_crash_dialog

    return show_crash_dialog(report)


def _widgets_running() -> bool:
    app = QCoreApplication.instance()
    return app is not None and app.inherits("QApplication")


class CrashHandler:
    """The installed hooks; :meth:`uninstall` puts the previous ones back.

    Attributes: ``log_dir``, ``show_dialog``, ``reports`` (every report built, newest last),
    ``disabled`` (true once the hook has failed and stepped aside).
    """

    def __init__(
        self, log_dir: Path, *, show_dialog: bool, dialog_factory: DialogFactory | None = None
    ) -> None:
        self.log_dir = log_dir
        self.show_dialog = show_dialog
        self.dialog_factory: DialogFactory = dialog_factory or _default_dialog
        self.reports: list[CrashReport] = []
        self.disabled = False
        self._showing = False
        self._lock = threading.Lock()
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_threading_hook: Callable[[threading.ExceptHookArgs], Any] | None = None
        self._bridge = _DialogBridge()
        self._bridge.report_ready.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @property
    def log_file(self) -> Path:
        """The log file reports go to."""
        return self.log_dir / LOG_FILE_NAME

    # -- installation ----------------------------------------------------------------------

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        """Restore the hooks that were in place before :meth:`install` (if still ours)."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_excepthook or sys.__excepthook__
        if threading.excepthook == self.threading_excepthook:
            threading.excepthook = self._previous_threading_hook or threading.__excepthook__

    # -- the hooks -------------------------------------------------------------------------

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """``sys.excepthook``: an uncaught exception in the main thread (or a Qt slot)."""
        if not issubclass(exc_type, Exception) or self.disabled:
            # KeyboardInterrupt, SystemExit …: not a bug; the interpreter's default handles it.
            (self._previous_excepthook or sys.__excepthook__)(exc_type, exc, tb)
            return
        self._handle(exc.with_traceback(tb), threading.current_thread().name)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: an uncaught exception in a worker thread."""
        if args.exc_type is SystemExit:
            return
        if args.exc_value is None or self.disabled or not issubclass(args.exc_type, Exception):
            (self._previous_threading_hook or threading.__excepthook__)(args)
            return
        name = args.thread.name if args.thread is not None else "thread"
        self._handle(args.exc_value.with_traceback(args.exc_traceback), name)

    # -- reporting -------------------------------------------------------------------------

    def _handle(self, exc: BaseException, thread_name: str) -> None:
        try:
            report = build_report(exc, thread_name=thread_name, log_file=self.log_file)
            with self._lock:
                self.reports.append(report)
                nested = self._showing
            log.critical(
                "Unexpected error%s in thread %s\n%s",
                " while the crash dialog was open" if nested else "",
                thread_name,
                report.text,
            )
            if nested or not self.show_dialog or not _widgets_running():
                return
            if threading.current_thread() is threading.main_thread():
                self._show(report)
            else:
                self._bridge.report_ready.emit(report)
        except Exception as failure:
            self._step_aside(exc, failure)

    def _show(self, report: CrashReport) -> None:
        if self.disabled or self._showing:
            return
        self._showing = True
        try:
            self.dialog_factory(report)
        except Exception as failure:
            self._step_aside(None, failure)
        finally:
            self._showing = False

    def _step_aside(self, original: BaseException | None, failure: BaseException) -> None:
        """The reporting failed: uninstall, and leave both tracebacks on stderr and in the log."""
        self.disabled = True
        self.uninstall()
        stream = sys.__stderr__
        if stream is not None:
            with contextlib.suppress(Exception):  # nothing is left to report a broken stderr with
                print("coetracker: the crash handler failed and was disabled.", file=stream)
                if original is not None:
                    stream.write(safe_traceback(original))
                stream.write(safe_traceback(failure))
                stream.flush()
        with contextlib.suppress(Exception):  # logging itself broken: stderr has the text
            log.critical("The crash handler failed and was disabled\n%s", safe_traceback(failure))


def _logging_configured(log_dir: Path) -> bool:
    target = (log_dir / LOG_FILE_NAME).resolve()
    return any(
        isinstance(handler, PrivateRotatingFileHandler)
        and Path(handler.baseFilename).resolve() == target
        for handler in logging.getLogger().handlers
    )


def install_crash_handler(
    log_dir: Path, *, show_dialog: bool, dialog_factory: DialogFactory | None = None
) -> CrashHandler:
    """Install the exception hooks and faulthandler, logging to ``log_dir``.

    Call it in the GUI thread, once the paths are known (before or after the QApplication is
    made: the dialog is shown only while a QApplication exists). ``show_dialog=False`` is
    ``--no-crash-dialog``: reports go to the log only. ``dialog_factory`` replaces the dialog
    (tests). Logging is configured to ``log_dir`` unless it already writes there.
    """
    if not _logging_configured(log_dir):
        configure_logging(log_dir)
    enable_faulthandler(log_dir)
    handler = CrashHandler(log_dir, show_dialog=show_dialog, dialog_factory=dialog_factory)
    handler.install()
    return handler
