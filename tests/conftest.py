"""Shared fixtures: real SQLite files in temporary folders, never mocks of the database."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read the English source texts whatever the machine's locale; the Japanese tests ask for
# Japanese explicitly (tests/gui/test_japanese_ui.py, tests/e2e/test_cli_japanese.py).
os.environ["COETRACKER_LANG"] = "en"

from coetracker.storage.engine import Database, open_database

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "coetracker.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database, _report = open_database(f"sqlite:///{db_path}")
    yield database
    database.dispose()


@pytest.fixture
def today() -> dt.date:
    return TODAY
