"""Shared fixtures: real SQLite files in temporary folders, never mocks of the database."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read the English source texts whatever the machine's locale; the Japanese tests ask for
# Japanese explicitly (tests/gui/test_japanese_ui.py, tests/e2e/test_cli_japanese.py).
os.environ["COETRACKER_LANG"] = "en"

from coetracker.logsetup import disable_faulthandler
from coetracker.pacing import collect_due
from coetracker.storage.engine import Database, open_database
from tests.helpers.db import TODAY, build_demo, copy_database
from tests.pgserver import TEMPLATE, PostgresServer


@pytest.fixture(scope="session", autouse=True)
def collection_on_the_test_thread() -> Iterator[None]:
    """Garbage is collected on the tests' own thread only, as in the window
    (coetracker/ui/common/collector.py): an automatic pass on a worker thread (an import, an
    export, a database opening) could free a finished test's widgets there and crash Qt."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(scope="session", autouse=True)
def fault_log_closed_at_the_end() -> Iterator[None]:
    """The last ``faulthandler.log`` a test opened is closed when the run ends (the
    application keeps its own open until the process ends)."""
    yield
    disable_faulthandler()


@pytest.fixture(autouse=True)
def collect_after_each_test() -> Iterator[None]:
    yield
    collect_due()


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Automatic collection on for a test of code that pauses it (every finished test's garbage
    collected first, here, so no automatic pass finds a widget)."""
    gc.collect()
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "coetracker.sqlite3"


BACKENDS = ("sqlite", "postgresql")
BOTH_BACKENDS = (
    "tests/unit/test_storage.py",
    "tests/unit/test_services.py",
    "tests/unit/test_csv_services.py",
    "tests/unit/test_import_bulk.py",
    "tests/unit/test_office.py",
    "tests/unit/test_optional_client.py",
    "tests/e2e/test_cli.py",
    "tests/e2e/test_cli_office.py",
    "tests/e2e/test_office_concurrency.py",
)
"""Modules whose database tests run on both back ends; elsewhere ``backend`` is SQLite only.
A test that asks for ``db_path`` checks something of the SQLite file itself: SQLite only."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    module = Path(str(metafunc.definition.fspath)).as_posix()
    both = any(module.endswith(name) for name in BOTH_BACKENDS)
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    if both and not sqlite_only and "db_path" not in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, indirect=True)
    else:
        metafunc.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the session, with a template migrated to head."""
    server = PostgresServer().start()
    try:
        server.create_database(name=TEMPLATE)
        template, _report = open_database(server.url(TEMPLATE))
        template.dispose()
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty (migrated) database on the test's back end."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'coetracker.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = server.create_database(template=TEMPLATE)
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database, _report = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample cases as of ``TODAY`` in a database file, built once per session.

    Never open it: copy it (:func:`copy_demo`); a file copy costs far less than a rebuild."""
    return build_demo(tmp_path_factory.mktemp("demo-template") / "demo.sqlite3")


@pytest.fixture(scope="session")
def copy_demo(demo_template: Path) -> Callable[[Path], Path]:
    """A factory: a private copy of the sample database at the path given; returns the path."""

    def copy(target: Path) -> Path:
        return copy_database(demo_template, target)

    return copy


@pytest.fixture
def demo_database(copy_demo: Callable[[Path], Path], tmp_path: Path) -> Iterator[Database]:
    """An open database on a private copy of the sample cases (SQLite)."""
    path = copy_demo(tmp_path / "demo" / "coetracker.sqlite3")
    database, _report = open_database(f"sqlite:///{path}")
    yield database
    database.dispose()
