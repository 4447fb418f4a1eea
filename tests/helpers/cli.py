"""The command line in tests.

:func:`run_cli` runs ``coetracker.cli.main(argv)`` in this process, the way most CLI tests
should: output and exit code captured, and everything a run may change in the process put back
afterwards (environment, umask, logging handlers and levels, the translator), so one call never
leaks into the next. :func:`run_cli_subprocess` starts ``python -m coetracker`` for the few
tests where the process itself matters (start-up, signals, kills, concurrency, log files, umask
of a fresh process).

Both isolate the user's folders: unless the caller sets them, the XDG base folders point into
one temporary "home" for the session, so a test never reads or writes the real data folder.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "COETRACKER_LANG")
"""What picks the interface language; tests of the language clear these and set their own."""

_XDG_VARIABLES = ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
_DEVELOPER_CHOICES = ("COETRACKER_DB", "COETRACKER_DATA_DIR", "COETRACKER_TODAY")
"""Left out of every run unless a test gives them: a developer's own database is never used."""
_HOME: list[Path] = []

Arg = str | os.PathLike[str]


@dataclass(frozen=True)
class CliResult:
    """What a run printed and returned (the fields of ``subprocess.CompletedProcess``)."""

    returncode: int
    stdout: str
    stderr: str


def isolated_home() -> Path:
    """The session's temporary home for the XDG folders (made on first use, removed at exit)."""
    if not _HOME:
        home = Path(tempfile.mkdtemp(prefix="coetracker-home-"))
        atexit.register(shutil.rmtree, home, ignore_errors=True)
        _HOME.append(home)
    return _HOME[0]


def cli_environment(env: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """This process's environment for a CLI run: offscreen Qt, isolated XDG folders, no
    database, data folder or date from the developer's shell, then ``env`` on top (a value of
    None removes the variable)."""
    home = isolated_home()
    environment = {k: v for k, v in os.environ.items() if k not in _DEVELOPER_CHOICES}
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    for variable in _XDG_VARIABLES:
        environment[variable] = str(home / variable.lower())
    for key, value in (env or {}).items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return environment


def without_locale(**env: str) -> dict[str, str | None]:
    """``env`` with every language variable unset unless given (for ``env=``)."""
    cleared: dict[str, str | None] = dict.fromkeys(LOCALE_VARIABLES)
    cleared.update(env)
    return cleared


def _exit_code(code: object, stderr: io.StringIO) -> int:
    """``SystemExit.code`` as a process would report it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=stderr)
    return 1


@contextlib.contextmanager
def _restored_process_state(
    env: Mapping[str, str | None] | None, umask: int | None
) -> Iterator[None]:
    from coetracker import i18n

    saved_environ = dict(os.environ)
    root = logging.getLogger()
    saved_handlers = list(root.handlers)
    loggers = [root, *(logging.getLogger(name) for name in ("sqlalchemy", "alembic"))]
    saved_levels = [logger.level for logger in loggers]
    warnings_captured = logging._warnings_showwarning is not None  # type: ignore[attr-defined]
    language = i18n.current_language()
    saved_umask = os.umask(umask) if umask is not None else None
    try:
        os.environ.clear()
        os.environ.update(cli_environment(env))
        yield
    finally:
        if saved_umask is not None:
            os.umask(saved_umask)
        for handler in list(root.handlers):
            if handler not in saved_handlers:
                root.removeHandler(handler)
                handler.close()
        for logger, level in zip(loggers, saved_levels, strict=True):
            logger.setLevel(level)
        if not warnings_captured:
            logging.captureWarnings(False)
        os.environ.clear()
        os.environ.update(saved_environ)
        i18n.install_translator(language)


def _ensure_widget_application() -> None:
    """Printing needs a QGuiApplication: make it a QApplication, as later widget tests in the
    same process need (one application per process, never replaced)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication([sys.argv[0] if sys.argv else "coetracker"])


def run_cli(
    *args: Arg, env: Mapping[str, str | None] | None = None, umask: int | None = None
) -> CliResult:
    """``coetracker ARGS`` in this process through ``coetracker.cli.main``."""
    from coetracker.cli import main

    argv = [os.fspath(arg) for arg in args]
    _ensure_widget_application()
    stdout = io.StringIO(newline=None)
    stderr = io.StringIO(newline=None)
    with (
        _restored_process_state(env, umask),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = main(argv)
        except SystemExit as stop:
            code = _exit_code(stop.code, stderr)
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


def run_cli_subprocess(
    *args: Arg,
    env: Mapping[str, str | None] | None = None,
    umask: int | None = None,
    launcher: Sequence[str] = ("-m", "coetracker"),
    timeout: float = 180,
) -> subprocess.CompletedProcess[str]:
    """``python -m coetracker ARGS`` as a separate process (``launcher`` replaces ``-m
    coetracker``, for instance ``("-c", CODE)``)."""

    def set_umask() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run(
        [sys.executable, *launcher, *(os.fspath(arg) for arg in args)],
        capture_output=True,
        text=True,
        env=cli_environment(env),
        timeout=timeout,
        check=False,
        preexec_fn=set_umask if umask is not None and os.name == "posix" else None,
    )


def cases_in(db: Arg, today: str = "2026-11-27") -> list[dict[str, Any]]:
    """Every case of a database as ``list --format json`` prints it (assessed on ``today``)."""
    result = run_cli("--db", db, "--today", today, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    cases: list[dict[str, Any]] = json.loads(result.stdout)
    return cases
