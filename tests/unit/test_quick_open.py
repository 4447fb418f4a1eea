"""The fast first read opens only a usual database; anything unusual goes the full way.

Real SQLite files in temporary folders. Each unusual case must give ``None`` (so that the caller
takes :func:`~coetracker.services.opening.open_app_database`, with its dialogs and messages) and
leave the file byte-identical; the usual one gives a connection that cannot write.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker.paths import AppPaths, resolve_paths
from coetracker.services import quick_open
from coetracker.services.opening import open_app_database
from coetracker.services.quick_open import HEAD_SCHEMA, open_for_first_read, unusual
from coetracker.storage import migrate, setaside
from coetracker.storage.migrations import head
from coetracker.storage.schema_check import differences, expected_schema, metadata_schema
from tests.helpers.backup import overwrite_middle_table_page
from tests.helpers.db import add_cases, app_paths, sha256
from tests.unit.test_safe_start import downgrade

PREVIOUS_REVISION = "0008_offices_agents"
"""A revision before head, at which an older release left its databases."""


def test_the_generated_head_constants_are_what_the_migrations_make() -> None:
    """If this fails after adding a migration: ``python scripts/update_head_schema.py``."""
    assert migrate.script_directory().get_current_head() == head.HEAD_REVISION
    assert migrate.head_revision() == head.HEAD_REVISION
    assert differences(HEAD_SCHEMA, expected_schema(head.HEAD_REVISION)) == []
    assert differences(HEAD_SCHEMA, metadata_schema()) == []
    assert quick_open.SET_ASIDE_SUFFIX == setaside.MARKER_SUFFIX


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    made = app_paths(tmp_path)
    db = open_app_database(made).database
    try:
        add_cases(db, 30)
    finally:
        db.dispose()
    return made


@pytest.fixture
def opened(paths: AppPaths) -> Iterator[sqlite3.Connection]:
    conn = open_for_first_read(paths, check_integrity=True)
    assert conn is not None
    yield conn
    conn.close()


def _files(folder: Path | None) -> dict[str, str]:
    """Every file's hash, but for a WAL reader's working files (an empty ``-wal``, and the
    ``-shm`` index SQLite makes beside a WAL database it reads, as any reader does)."""
    if folder is None:
        return {}
    found = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith("-shm") or not path.is_file():
            continue
        if path.name.endswith("-wal") and path.stat().st_size == 0:
            continue
        found[path.name] = sha256(path)
    return found


def _state(paths: AppPaths) -> dict[str, str]:
    assert paths.db_path is not None
    return _files(paths.db_path.parent)


def test_a_usual_database_reads_and_cannot_be_written(
    paths: AppPaths, opened: sqlite3.Connection
) -> None:
    assert opened.execute('SELECT count(*) FROM "case"').fetchone() == (30,)
    with pytest.raises(sqlite3.OperationalError):
        opened.execute('DELETE FROM "case"')
    assert opened.execute('SELECT count(*) FROM "case"').fetchone() == (30,)


def test_nothing_is_written_by_the_checks(paths: AppPaths) -> None:
    before = _state(paths)
    conn = open_for_first_read(paths, check_integrity=True)
    assert conn is not None
    conn.close()
    assert _state(paths) == before


def _foreign(paths: AppPaths, tmp_path: Path) -> AppPaths:
    other = tmp_path / "elsewhere" / "other.sqlite3"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    return resolve_paths(data_dir=paths.data_dir, db=str(other), environ={})


def _set_aside(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    setaside.marker_path(paths.db_path).write_text("{}", encoding="utf-8")
    return paths


def _old_revision(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    downgrade(paths.db_path, PREVIOUS_REVISION)
    return paths


def _newer_revision(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    conn = sqlite3.connect(paths.db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    return paths


def _extra_trigger(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    conn = sqlite3.connect(paths.db_path)
    conn.execute(
        "CREATE TRIGGER leak AFTER UPDATE ON applicant BEGIN "
        "UPDATE applicant SET notes = NEW.passport_number WHERE id = NEW.id; END"
    )
    conn.commit()
    conn.close()
    return paths


def _not_a_database(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    paths.db_path.write_bytes(b"SQLite format 3\x00" + bytes(84) + b"garbage" * 500)
    return paths


def _damaged_page(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    db = open_app_database(paths).database
    try:
        add_cases(db, 400, start=100)
    finally:
        db.dispose()
    conn = sqlite3.connect(paths.db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    overwrite_middle_table_page(paths.db_path)
    return paths


def _hot_journal(paths: AppPaths, _tmp: Path) -> AppPaths:
    assert paths.db_path is not None
    paths.db_path.with_name(paths.db_path.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9" * 64)
    return paths


def _missing(paths: AppPaths, tmp_path: Path) -> AppPaths:
    return resolve_paths(data_dir=paths.data_dir, db=str(tmp_path / "none.sqlite3"), environ={})


def _server(paths: AppPaths, _tmp: Path) -> AppPaths:
    return resolve_paths(
        data_dir=paths.data_dir, db="postgresql://office@localhost/coe", environ={}
    )


def _read_only_location(paths: AppPaths, _tmp: Path) -> AppPaths:
    from coetracker.domain.messages import message

    reason = message("DataSafety", "The folder {folder} …", folder=paths.data_dir)
    _PATCHES.append(("detect_read_only", lambda _path: reason))
    return paths


_PATCHES: list[tuple[str, object]] = []
"""Functions of :mod:`quick_open` a case replaces (the test puts them back)."""

UNUSUAL = {
    "foreign file": _foreign,
    "set aside": _set_aside,
    "old revision": _old_revision,
    "newer revision": _newer_revision,
    "schema differs": _extra_trigger,
    "not a database": _not_a_database,
    "damaged page": _damaged_page,
    "hot journal": _hot_journal,
    "missing": _missing,
    "office server": _server,
    "read-only location": _read_only_location,
}


@pytest.mark.parametrize("case", sorted(UNUSUAL))
def test_anything_unusual_goes_the_full_way_untouched(
    case: str, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _PATCHES.clear()
    changed = UNUSUAL[case](paths, tmp_path)
    for name, replacement in _PATCHES:
        monkeypatch.setattr(quick_open, name, replacement)
    folder = changed.db_path.parent if changed.db_path is not None else None
    before = _files(folder)
    assert open_for_first_read(changed, check_integrity=True) is None
    assert _files(folder) == before


def test_a_database_of_ours_at_another_path_is_recognised(tmp_path: Path) -> None:
    """The application id marks the file as ours wherever it is (``--db``)."""
    source = app_paths(tmp_path / "one")
    db = open_app_database(source).database
    db.dispose()
    assert source.db_path is not None
    copy = tmp_path / "copy" / "office.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(source.db_path, copy)
    other = resolve_paths(data_dir=tmp_path / "two", db=str(copy), environ={})
    assert unusual(other) is None
    conn = open_for_first_read(other)
    assert conn is not None
    conn.close()
