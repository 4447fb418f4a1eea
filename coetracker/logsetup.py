"""Logging set-up: a private rotating log file, a personal-data safety net, and faulthandler.

The rule is structural: **our code never logs values** (names, passport numbers, dates of birth,
addresses, free text). It logs what happened, ids, counts, file names and exception types. We
cannot recognise every name, so no filter can make a careless log line safe; the
:class:`RedactingFilter` on every handler installed here is only the safety net for what slips
through anyway, mostly from libraries:

* SQLAlchemy's ``[parameters: …]`` section in error texts, and the parameter lines its engine
  logger writes (``[generated in 0.0001s] ('Yamada', …)``) — the engine should also be created
  with ``hide_parameters=True``;
* quoted literals in SQL text (``sqlite3`` trace callbacks expand parameters into the statement);
* date forms: ``1990-01-31``, ``1990/1/31``, ``31.01.1990``, ``1990年1月31日``, era dates
  (``平成2年1月31日``, ``H2.1.31``), ``31 Jan 1990``, ``datetime.date(1990, 1, 31)``;
* identity-document-like tokens: letters followed by 6–10 digits (``TK1234567``,
  ``AB12345678CD``), 8–12 bare digits (``19900131``, a My Number), e-mail addresses and phone
  numbers.

The filter rewrites the record itself (message, exception text, stack) before any handler
formats it. Our own backup and corrupt-file names (``coetracker-20260131-090000``) are left
readable. The log folder is made 0700 and log files are created 0600.

:func:`enable_faulthandler` makes a hard crash (segfault in Qt, say) leave the Python stacks of
every thread in ``faulthandler.log`` in the same folder; those hold code locations, not data.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
from pathlib import Path
from typing import IO, Any

__all__ = [
    "BACKUP_COUNT",
    "FAULT_FILE_NAME",
    "LOG_FILE_NAME",
    "MAX_BYTES",
    "PrivateRotatingFileHandler",
    "RedactingFilter",
    "configure_logging",
    "disable_faulthandler",
    "enable_faulthandler",
    "redact",
]

LOG_FILE_NAME = "coetracker.log"
FAULT_FILE_NAME = "faulthandler.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

_POSIX = sys.platform != "win32"
_OURS = "_coetracker_handler"

_SQL_WORDS = re.compile(r"\b(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|VALUES|WHERE)\b", re.I)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ERAS = r"(?:明治|大正|昭和|平成|令和)"

# (pattern, replacement), applied in order. \d also matches full-width digits (０-９).
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # SQLAlchemy error text: "[parameters: (...)]" runs to the end of its line.
    (re.compile(r"\[parameters: [^\n]*"), "[parameters: <hidden>]"),
    # SQLAlchemy engine log: "[generated in 0.0002s] (...)", "[cached since ...]", "[raw sql]"…
    (
        re.compile(
            r"^(\[(?:generated in|cached since|no key|raw sql|insertmanyvalues|dialect)"
            r"[^\]\n]*\]) [^\n]+",
            re.M,
        ),
        r"\1 <parameters hidden>",
    ),
    (re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), "<email>"),
    (
        re.compile(r"\b(?:datetime\.)?(?:date|datetime)\(\s*\d{4}\s*,\s*\d{1,2}\s*,[^)]*\)"),
        "<date>",
    ),
    (
        re.compile(_ERAS + r"\s*(?:\d{1,2}|元)\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"),
        "<date>",
    ),
    (re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"), "<date>"),
    (re.compile(r"\b[MTSHRmtshr]\s?\d{1,2}[./-]\d{1,2}[./-]\d{1,2}\b"), "<date>"),
    (re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"), "<date>"),
    (re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b"), "<date>"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b"), "<date>"),
    (re.compile(r"\b\d{1,2}\s+" + _MONTHS + r",?\s+\d{4}\b", re.I), "<date>"),
    (re.compile(r"\b" + _MONTHS + r"\s+\d{1,2},?\s+\d{4}\b", re.I), "<date>"),
    # Phone numbers: 03-1234-5678, 090-1234-5678, +81-90-1234-5678.
    (re.compile(r"(?<![\w+-])(?:\+\d{1,3}[-\s])?\d{1,4}-\d{2,4}-\d{3,4}\b"), "<phone>"),
    # Passport, residence-card and similar numbers.
    (re.compile(r"\b[A-Za-z]{1,3}\d{6,10}[A-Za-z]{0,2}\b"), "<id>"),
    (re.compile(r"(?<!\.)\b\d{6,10}[A-Za-z]{1,2}\b"), "<id>"),  # not "0.0028631s"
    # Bare 8–12 digit runs (compact dates, My Number, phone digits), but not our own
    # YYYYMMDD-HHMMSS file-name stamps.
    (re.compile(r"\b\d{8,12}\b(?!-\d{6}\b)"), "<number>"),
)
_SQL_LITERAL = re.compile(r"[xX]?'(?:[^']|'')*'")


def redact(text: str) -> str:
    """``text`` with parameter sections, SQL literals and personal-data-like tokens replaced."""
    if _SQL_WORDS.search(text):
        text = _SQL_LITERAL.sub("'?'", text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record so that no handler can write what :func:`redact` removes.

    The message is formatted once (``record.getMessage()``), redacted and frozen (``args``
    cleared); the exception traceback and stack text are rendered and redacted in advance, so a
    formatter uses the redacted ``exc_text`` instead of formatting the exception again.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("sqlalchemy.engine") and record.levelno < logging.INFO:
            # At DEBUG SQLAlchemy logs result rows ("Row ('NGUYEN', …)"): values we cannot
            # recognise as personal data by their shape. Keep the fact, drop the values.
            record.msg = "[result row hidden]"
            record.args = None
            return True
        try:
            text = record.getMessage()
        except Exception:  # a broken format string must neither leak its arguments nor crash
            text = f"{record.msg!s} <unformattable arguments hidden>"
        record.msg = redact(text)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _private_dir(path: Path) -> None:
    from coetracker.fsutil import ensure_private_dir

    ensure_private_dir(path, tighten=True)  # missing parents 0700 too, under any umask


def _open_private(path: Path, mode: str, encoding: str | None, errors: str | None) -> IO[Any]:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    if sys.platform != "win32":
        os.fchmod(fd, 0o600)  # an older file may have been created with looser permissions
    return open(fd, mode, encoding=encoding, errors=errors)  # noqa: PTH123 - opens an fd


class PrivateRotatingFileHandler(logging.FileHandler):
    """The log file, created readable by the user alone and rotated by size exactly as
    ``logging.handlers.RotatingFileHandler`` rotates it (``coetracker.log`` → ``.1`` → ``.2``
    …). Written here because ``logging.handlers`` imports sockets, pickle and queues that
    every start-up would pay for and none uses."""

    def __init__(
        self, filename: Path, *, max_bytes: int, backup_count: int, encoding: str | None = None
    ) -> None:
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        super().__init__(filename, mode="a", encoding=encoding)

    def _open(self) -> Any:
        return _open_private(Path(self.baseFilename), self.mode, self.encoding, self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.should_roll_over(record):
                self.roll_over()
            super().emit(record)
        except Exception:  # logging never raises into the program
            self.handleError(record)

    def should_roll_over(self, record: logging.LogRecord) -> bool:
        """Whether ``record`` would take the file past ``maxBytes`` (never for a first line)."""
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0:
            return False
        position = self.stream.tell()
        if not position:
            return False
        return position + len(self.format(record)) + 1 >= self.max_bytes and (
            Path(self.baseFilename).is_file() or not Path(self.baseFilename).exists()
        )

    def roll_over(self) -> None:
        """Close the file, shift ``.1`` … ``.N-1`` up by one (the oldest goes), start anew."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.backup_count > 0:
            base = self.baseFilename
            for number in range(self.backup_count - 1, 0, -1):
                older, newer = f"{base}.{number}", f"{base}.{number + 1}"
                if os.path.exists(older):  # noqa: PTH110 - as the standard handler does
                    if os.path.exists(newer):  # noqa: PTH110
                        os.remove(newer)  # noqa: PTH107
                    os.rename(older, newer)  # noqa: PTH104
            first = f"{base}.1"
            if os.path.exists(first):  # noqa: PTH110
                os.remove(first)  # noqa: PTH107
            if os.path.exists(base):  # noqa: PTH110
                os.rename(base, first)  # noqa: PTH104
        self.stream = self._open()


def configure_logging(
    log_dir: Path,
    level: int = logging.INFO,
    *,
    console: bool = False,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
) -> None:
    """Send all logging to ``log_dir/coetracker.log`` (rotated), redacted; optionally stderr.

    Safe to call again (handlers installed by an earlier call are replaced). SQLAlchemy's own
    loggers are set to WARNING so that a DEBUG run does not log every statement; raise
    ``logging.getLogger("sqlalchemy.engine")`` explicitly to see SQL (parameters stay hidden).
    """
    _private_dir(log_dir)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()
    redactor = RedactingFilter()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [
        PrivateRotatingFileHandler(
            log_dir / LOG_FILE_NAME,
            max_bytes=max_bytes,
            backup_count=backup_count,
            encoding="utf-8",
        )
    ]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.addFilter(redactor)
        handler.setFormatter(formatter)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "setup plugin" lines on every open
    logging.captureWarnings(True)


_fault_file: IO[Any] | None = None


def enable_faulthandler(log_dir: Path) -> Path:
    """Dump every thread's Python stack to ``log_dir/faulthandler.log`` on a fatal error.

    Returns the file's path. The file is opened 0600 in append mode and kept open for the
    process's lifetime, as :mod:`faulthandler` requires.
    """
    global _fault_file  # faulthandler needs the file kept open
    _private_dir(log_dir)
    path = log_dir / FAULT_FILE_NAME
    new_file = _open_private(path, "a", "utf-8", "backslashreplace")
    faulthandler.enable(file=new_file, all_threads=True)
    old_file, _fault_file = _fault_file, new_file
    if old_file is not None:
        old_file.close()
    return path


def disable_faulthandler() -> None:
    """Stop writing fatal errors to ``faulthandler.log`` and close it (a test run's end; the
    application keeps it until the process ends, so that a crash while it closes is kept)."""
    global _fault_file
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
