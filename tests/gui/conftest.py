"""GUI test fixtures: a real SQLite database in a temporary folder, the real main window.

Every test here runs offscreen (``QT_QPA_PLATFORM=offscreen``, set by ``tests/conftest.py``).
Dialogs that would block in a modal loop (message boxes, the conflict choice) are replaced by
recorders through :func:`answers`; the editing dialogs are opened with ``open()`` and driven
through their widgets.

Qt warnings fail the test that caused them (qutebrowser's "logfail" idea): a warning from Qt
about our widgets or models is a bug. The offscreen platform's own notices are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType

from coetracker.app import build_window, claim_database, open_office_database
from coetracker.paths import AppPaths, resolve_paths
from coetracker.storage.engine import Database
from coetracker.ui.common import message_boxes as dialogs
from coetracker.ui.common import refcount_guard
from coetracker.ui.dialogs import conflict_dialog
from coetracker.ui.dialogs.conflict_dialog import Difference, Resolution
from coetracker.ui.features import backup_actions
from coetracker.ui.window.main_window import MainWindow
from coetracker.ui.window.open_database import OpenDatabase

# Some PySide6 builds drop references to None/True on Python 3.11 (see refcount_guard): a
# long GUI test session would abort the interpreter without the guard the application installs.
refcount_guard.install()

_IGNORED_QT_MESSAGES = (
    re.compile(r"This plugin does not support"),  # offscreen: propagateSizeHints, raise …
    re.compile(r"QFont::setPointSize"),
)


@pytest.fixture(autouse=True)
def _fail_on_qt_warnings(qtlog: pytest.FixtureRequest) -> Iterator[None]:
    yield
    bad = [
        record.message
        for record in qtlog.records  # type: ignore[attr-defined]
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(pattern.search(record.message) for pattern in _IGNORED_QT_MESSAGES)
    ]
    if bad:
        pytest.fail("Qt warned:\n" + "\n".join(bad))


@pytest.fixture
def gui_paths(tmp_path: Path) -> AppPaths:
    """Every file of the application under a temporary data folder."""
    return resolve_paths(data_dir=tmp_path / "data", environ={})


@pytest.fixture
def filled(gui_paths: AppPaths, copy_demo: Callable[[Path], Path]) -> AppPaths:
    """The data folder's database holding the sample cases (every readiness level): a copy of
    the session's sample database, assessed as of ``today``."""
    assert gui_paths.db_path is not None
    copy_demo(gui_paths.db_path)
    return gui_paths


@dataclass
class Answers:
    """What the replaced dialogs were shown, and what they answer."""

    confirm: bool = True
    resolution: Resolution = Resolution.KEEP_EDITING
    choice: object = None
    errors: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, list[Difference]]] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Replace every modal message box and the conflict dialog by recorders."""
    recorded = Answers()

    def confirm(_parent: object, _title: str, text: str, **_kw: object) -> bool:
        recorded.questions.append(text)
        return recorded.confirm

    def error(_parent: object, text: str, _title: str | None = None) -> None:
        recorded.errors.append(text)

    def inform(_parent: object, _title: str, text: str) -> None:
        recorded.questions.append(text)

    def choose(
        _parent: object, _title: str, text: str, _buttons: object, default: object, **_kw: object
    ) -> object:
        recorded.questions.append(text)
        return recorded.choice if recorded.choice is not None else default

    def resolve(_parent: object, message: str, differences: list[Difference]) -> Resolution:
        recorded.conflicts.append((message, list(differences)))
        return recorded.resolution

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "error", error)
    monkeypatch.setattr(dialogs, "inform", inform)
    monkeypatch.setattr(dialogs, "choose", choose)
    monkeypatch.setattr(conflict_dialog, "ask_resolution", resolve)

    def ask_choice(
        _parent: object, _title: str, text: str, _choices: list[str], default: int
    ) -> int | None:
        recorded.questions.append(text)
        return recorded.choice if isinstance(recorded.choice, int) else None

    monkeypatch.setattr(backup_actions, "ask_choice", ask_choice)
    return recorded


def _open_window(qtbot, paths: AppPaths, today: dt.date) -> tuple[MainWindow, OpenDatabase]:
    assert paths.db_path is not None
    lock = claim_database(paths.db_path)
    assert lock is not None
    database = open_office_database(paths, lock)
    assert database is not None
    window = build_window(paths, database, today=today)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.rowsLoaded, timeout=10_000):
        window.show()
    return window, database


@pytest.fixture
def open_window(qtbot, answers: Answers, today: dt.date):
    """A factory: the main window on ``paths``; every window opened is closed at the end."""
    opened: list[tuple[MainWindow, OpenDatabase]] = []

    def make(paths: AppPaths) -> MainWindow:
        window, database = _open_window(qtbot, paths, today)
        opened.append((window, database))
        return window

    yield make
    for window, database in opened:
        window.close()
        window.worker.wait()
        database.close()


@pytest.fixture
def window(open_window: Callable[[AppPaths], MainWindow], filled: AppPaths) -> MainWindow:
    """The main window on the sample cases, loaded."""
    return open_window(filled)


@pytest.fixture
def window_db(window: MainWindow) -> Database:
    """The window's database (for checking what the widgets wrote)."""
    assert window.context is not None
    return window.context.db
