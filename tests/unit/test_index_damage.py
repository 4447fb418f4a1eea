"""Index damage (an index that disagrees with its table) passes ``quick_check`` but not
``integrity_check``: start-up rebuilds the indexes after keeping a copy, and backups keep being
made of what can be read, instead of refusing until a restart that never helped."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from coetracker.paths import AppPaths
from coetracker.services.backups import backup_now
from coetracker.services.opening import check_database, open_app_database
from coetracker.storage import backup as storage
from tests.helpers.db import add_cases, app_paths, case_references

ORIGINAL = "CREATE INDEX ix_applicant_family_name ON applicant (family_name)"
ELSEWHERE = "CREATE INDEX ix_applicant_family_name ON applicant (given_name)"


def damage_an_index(path: Path) -> None:
    """Change the family names while SQLite believes the index covers another column."""
    for sql, work in ((ELSEWHERE, True), (ORIGINAL, False)):
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA writable_schema=ON")
        conn.execute(
            "UPDATE sqlite_schema SET sql = ? WHERE name = 'ix_applicant_family_name'", (sql,)
        )
        conn.commit()
        conn.close()
        if work:
            conn = sqlite3.connect(path)
            conn.execute("UPDATE applicant SET family_name = family_name || 'X'")
            conn.commit()
            conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    conn.close()


def make(tmp_path: Path) -> AppPaths:
    paths = app_paths(tmp_path)
    db = open_app_database(paths).database
    add_cases(db, 6)
    db.dispose()
    assert paths.db_path is not None
    damage_an_index(paths.db_path)
    return paths


def test_check_reports_index_damage_and_backups_keep_what_can_be_read(tmp_path: Path):
    paths = make(tmp_path)
    assert paths.db_path is not None
    report = check_database(paths)
    assert not report.ok
    assert "missing from index" in "\n".join(line.render() for line in report.lines)

    made = backup_now(paths, force=True, now=dt.datetime(2026, 11, 27, tzinfo=dt.UTC))
    assert made is not None and "reindexed" in made.name
    info = storage.verify_backup(made)
    assert info.ok and info.case_count == 6


def test_start_up_rebuilds_the_indexes_and_keeps_the_file_as_it_was(tmp_path: Path):
    paths = make(tmp_path)
    assert paths.db_path is not None
    before = case_references(paths.db_path)
    opened = open_app_database(paths)  # quick_check passed this before; writes then went on
    opened.database.dispose()
    conn = sqlite3.connect(paths.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    assert case_references(paths.db_path) == before
    (kept,) = paths.db_path.parent.glob("*.before-rebuild")
    conn = sqlite3.connect(kept)
    assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]  # as it was
    conn.close()
    assert check_database(paths).ok
