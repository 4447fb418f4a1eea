"""A damaged database set aside is never followed by an empty one; only our own files are opened.

Real SQLite files in temporary folders. Each test here reproduces a finding of the data-safety
attack: it failed on the code before the set-aside marker and the application id.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.paths import AppPaths, resolve_paths
from coetracker.services import safe_start
from coetracker.services.backups import backup_now, restore
from coetracker.services.caselist import list_cases
from coetracker.services.opening import DamagedDatabaseError, open_app_database
from coetracker.storage import setaside
from coetracker.storage.ownership import APPLICATION_ID, header_application_id
from tests.helpers.db import add_cases, app_paths, case_references, sha256

TODAY = dt.date(2026, 11, 27)


def make_db(paths: AppPaths, cases: int = 5) -> None:
    db = open_app_database(paths).database
    try:
        add_cases(db, cases)
    finally:
        db.dispose()


def downgrade(path: Path, revision: str) -> None:
    """Take a database of ours back to ``revision``, as an older release would have left it."""
    from alembic import command
    from sqlalchemy import create_engine

    from coetracker.storage import migrate

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), revision)
    engine.dispose()


def case_count(paths: AppPaths) -> int:
    db = open_app_database(paths).database
    try:
        return len(list_cases(db, today=TODAY, include_closed=True))
    finally:
        db.dispose()


def truncate(path: Path, size: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(size)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return app_paths(tmp_path)


def test_new_databases_carry_the_application_id(paths: AppPaths):
    make_db(paths, 1)
    assert paths.db_path is not None
    assert header_application_id(paths.db_path) == APPLICATION_ID == 0x434F4554


@pytest.mark.parametrize("size", [0, 50, 50_000])
def test_after_a_damaged_file_was_set_aside_every_start_refuses_until_the_user_decides(
    paths: AppPaths, size: int
):
    make_db(paths, 30)
    assert paths.db_path is not None
    assert backup_now(paths, force=True) is not None
    truncate(paths.db_path, size)

    with pytest.raises(DamagedDatabaseError) as first:
        open_app_database(paths)
    moved = first.value.moved_to
    assert moved is not None and moved.exists() and moved.stat().st_size == size
    for _start in range(3):  # the old code made an empty database on the second start
        with pytest.raises(DamagedDatabaseError) as again:
            open_app_database(paths)
        text = again.value.message.render()
        assert str(moved) in text and "30 cases" in text and "--new-database" in text
        assert not paths.db_path.exists()

    assert safe_start.start_empty_database(paths) == moved
    assert case_count(paths) == 0  # explicitly chosen
    assert moved.stat().st_size == size  # the damaged file is kept as it was


def test_restoring_a_backup_ends_the_refusal(paths: AppPaths):
    make_db(paths, 12)
    assert paths.db_path is not None
    made = backup_now(paths, force=True)
    assert made is not None
    truncate(paths.db_path, 4096)
    with pytest.raises(DamagedDatabaseError):
        open_app_database(paths)
    restore(paths, made)
    assert not setaside.marker_path(paths.db_path).exists()
    assert case_count(paths) == 12


def test_new_database_is_refused_where_a_database_still_is(paths: AppPaths):
    make_db(paths, 2)
    assert paths.db_path is not None
    before = sha256(paths.db_path)
    with pytest.raises(safe_start.DatabaseInPlaceError):
        safe_start.start_empty_database(paths)
    assert sha256(paths.db_path) == before


def test_recovery_names_an_older_backup_holding_more_cases(paths: AppPaths):
    make_db(paths, 20)
    assert paths.db_path is not None
    older = backup_now(paths, force=True, now=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    assert older is not None
    # Cases lost before the damage was noticed: a newer backup holds fewer.
    with sqlite3.connect(paths.db_path) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute('DELETE FROM "case" WHERE id > 3')
    conn.close()
    newer = backup_now(paths, force=True, now=dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
    assert newer is not None
    truncate(paths.db_path, 100)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_app_database(paths)
    text = caught.value.message.render()
    assert str(newer) in text and "3 cases" in text
    assert str(older) in text and "20 cases" in text and "more cases" in text


RESTORE_KILLED_BETWEEN_RENAMES = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from coetracker.paths import resolve_paths
    from coetracker.services.backups import restore

    real_rename = Path.rename

    def rename_then_die(self, target):
        result = real_rename(self, target)
        if ".before-restore-" in str(target):
            os._exit(9)  # killed between the two renames
        return result

    Path.rename = rename_then_die
    paths = resolve_paths(data_dir=sys.argv[1], environ={})
    restore(paths, Path(sys.argv[2]))
    """
)


def test_a_restore_killed_between_its_renames_is_finished_at_the_next_start(
    paths: AppPaths, tmp_path: Path
):
    make_db(paths, 9)
    assert paths.db_path is not None
    made = backup_now(paths, force=True)
    assert made is not None
    db = open_app_database(paths).database
    try:
        add_cases(db, 4, start=100, prefix="LATER")
    finally:
        db.dispose()
    result = subprocess.run(
        [sys.executable, "-c", RESTORE_KILLED_BETWEEN_RENAMES, str(paths.data_dir), str(made)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 9, result.stderr
    assert not paths.db_path.exists()  # the moment the old code then made an empty database
    assert case_count(paths) == 9  # the verified copy was put in place
    assert [p for p in paths.db_path.parent.iterdir() if ".before-restore-" in p.name]
    assert case_references(paths.db_path)


# --------------------------------------------------------------------------- not our files


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    conn.commit()
    conn.close()


def other_application_id(path: Path) -> None:
    foreign_sqlite(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=1234")
    conn.commit()
    conn.close()


def csv_file(path: Path) -> None:
    path.write_bytes("氏名,番号\r\nNGUYEN,1\r\n".encode())


def text_file(path: Path) -> None:
    path.write_text("notes for Monday\n", encoding="utf-8")


FOREIGN: dict[str, Callable[[Path], None]] = {
    "csv": csv_file,
    "text": text_file,
    "sqlite of another program": foreign_sqlite,
    "sqlite with another application id": other_application_id,
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_file_that_is_not_ours_is_refused_and_left_byte_identical(tmp_path: Path, kind: str):
    target = tmp_path / "elsewhere" / "file.dat"
    target.parent.mkdir()
    FOREIGN[kind](target)
    before = sha256(target)
    listing = sorted(p.name for p in target.parent.iterdir())
    paths = resolve_paths(data_dir=tmp_path / "data", db=str(target), environ={})
    for _start in range(2):
        with pytest.raises(safe_start.ForeignFileError) as caught:
            open_app_database(paths)
        assert str(target) in caught.value.message.render()
        assert sha256(target) == before
        assert sorted(p.name for p in target.parent.iterdir()) == listing


def test_a_folder_given_as_the_database_is_refused_and_not_renamed(tmp_path: Path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inside.txt").write_text("x")
    paths = resolve_paths(data_dir=tmp_path / "data", db=str(folder), environ={})
    with pytest.raises(safe_start.ForeignFileError):
        open_app_database(paths)
    assert folder.is_dir() and (folder / "inside.txt").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_a_database_of_ours_opened_before_is_recognised_when_its_header_is_gone(
    tmp_path: Path,
):
    target = tmp_path / "office" / "cases.sqlite3"
    paths = resolve_paths(data_dir=tmp_path / "data", db=str(target), environ={})
    make_db(paths, 3)
    truncate(target, 10)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_app_database(paths)
    assert caught.value.moved_to is not None and caught.value.moved_to.stat().st_size == 10


def test_an_older_database_of_ours_without_the_id_is_opened_and_marked(tmp_path: Path):
    source = app_paths(tmp_path / "a")
    make_db(source, 4)
    assert source.db_path is not None
    downgrade(source.db_path, "0003_benchmark_source_text")  # as an older release left it
    with sqlite3.connect(source.db_path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (0,)
    conn.close()
    moved = tmp_path / "copied.sqlite3"
    source.db_path.rename(moved)
    paths = resolve_paths(data_dir=tmp_path / "b", db=str(moved), environ={})
    assert case_count(paths) == 4
    assert header_application_id(moved) == APPLICATION_ID


def test_an_empty_file_given_as_the_database_becomes_a_new_database(tmp_path: Path):
    target = tmp_path / "new.sqlite3"
    target.write_bytes(b"")
    paths = resolve_paths(data_dir=tmp_path / "data", db=str(target), environ={})
    assert case_count(paths) == 0
    assert header_application_id(target) == APPLICATION_ID


# --------------------------------------------------------------------------- schema


TAMPERING = {
    "trigger rewriting passports": (
        "CREATE TRIGGER t_passport AFTER INSERT ON inquiry BEGIN "
        "UPDATE applicant SET passport_number = 'X'; END"
    ),
    "hidden table": "CREATE TABLE collected (dob TEXT)",
    "view": "CREATE VIEW v_people AS SELECT * FROM applicant",
    "dropped table": "DROP TABLE inquiry",
    "extra index": "CREATE INDEX ix_extra ON applicant (passport_number)",
}


def tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_restore_refuses_a_backup_with_a_schema_we_did_not_make(paths: AppPaths, kind: str):
    make_db(paths, 3)
    assert paths.db_path is not None
    made = backup_now(paths, force=True)
    assert made is not None
    tamper(made, TAMPERING[kind])
    backup_hash, db_hash = sha256(made), sha256(paths.db_path)
    with pytest.raises(safe_start.ForeignSchemaError):
        restore(paths, made)
    assert sha256(made) == backup_hash and sha256(paths.db_path) == db_hash


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_start_and_check_refuse_a_database_with_a_schema_we_did_not_make(
    paths: AppPaths, kind: str
):
    from coetracker.services.opening import check_database

    make_db(paths, 3)
    assert paths.db_path is not None
    tamper(paths.db_path, TAMPERING[kind])
    before = sha256(paths.db_path)
    with pytest.raises(safe_start.ForeignSchemaError):
        open_app_database(paths)
    report = check_database(paths)
    assert not report.ok
    assert sha256(paths.db_path) == before


def test_an_older_revision_is_compared_with_that_revision_and_migrated(tmp_path: Path):
    paths = app_paths(tmp_path)
    make_db(paths, 2)
    assert paths.db_path is not None
    made = backup_now(paths, force=True)
    assert made is not None
    downgrade(made, "0003_benchmark_source_text")
    restore(paths, made)
    assert case_count(paths) == 2
