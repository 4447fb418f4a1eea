"""Corrupt start-up on real files: each kind of damage is detected, the original is preserved
byte-identical, and the offered backup restores the data. Nothing is ever deleted."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.errors import DatabaseLockedError, StrayJournalError
from coetracker.storage.backup import make_backup, restore_backup
from coetracker.storage.recovery import (
    Health,
    HealthStatus,
    check_database_file,
    move_aside_corrupt,
    recover_if_damaged,
)
from tests.helpers.backup import (
    add_family,
    assert_consistent_snapshot,
    checkpointed,
    connect,
    make_family_db,
    overwrite_middle_table_page,
    read_families,
    run_killed_writer,
    sha256,
)

UTC = dt.UTC
T0 = dt.datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
LATER = T0 + dt.timedelta(days=2, hours=3, minutes=4, seconds=5)


def zero_length(path: Path) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(path.stat().st_size))


def damaged_header(path: Path) -> None:
    """Keep the magic string, garble page size, format versions and payload fractions."""
    data = bytearray(path.read_bytes())
    data[16:24] = bytes([0x00, 0x03, 0x07, 0x09, 0xFF, 0x11, 0x22, 0x33])
    path.write_bytes(bytes(data))


def overwritten_page(path: Path) -> None:
    overwrite_middle_table_page(path, seed=11)


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "zero-length": zero_length,
    "random bytes": random_bytes,
    "damaged header": damaged_header,
    "overwritten page": overwritten_page,
}


@pytest.fixture(params=["wal", "rollback"])
def db_with_backup(
    tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[Path, Path, list[tuple[int, str, int]]]:
    """A multi-page database closed cleanly (in WAL mode as the app leaves it, or in rollback
    mode), a backup of it, then more work after the backup."""
    db = make_family_db(tmp_path / "coetracker.sqlite3", families=300, payload_size=200)
    backups = tmp_path / "backups"
    made = make_backup(db, backups, now=T0)
    assert made is not None
    conn = connect(db)
    add_family(conn, "after the backup")
    conn.close()
    if request.param == "rollback":
        checkpointed(db)
    assert not db.with_name(db.name + "-wal").exists()
    return db, backups, read_families(made)


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_corrupt_start_up_preserves_the_original_and_the_backup_restores_it(
    db_with_backup: tuple[Path, Path, list[tuple[int, str, int]]], kind: str
):
    db, backups, backed_up = db_with_backup
    CORRUPTIONS[kind](db)
    damaged_hash = sha256(db)
    folder = db.parent
    before = {p.name for p in folder.iterdir()}

    health = check_database_file(db)
    assert health.status is HealthStatus.CORRUPT, health
    assert not health.usable and health.reason

    report = recover_if_damaged(db, backups, now=LATER)

    assert report.needs_attention
    assert report.moved_to == folder / "coetracker.sqlite3.20260403-110405.corrupt"
    assert sha256(report.moved_to) == damaged_hash
    assert not db.exists()
    assert report.backup is not None and report.backup.ok
    assert report.backup.path == backups / "coetracker-20260401-080000.sqlite3"
    assert report.journals == ()
    (text,) = [m.render() for m in report.messages]
    assert str(report.moved_to) in text and str(report.backup.path) in text
    assert before - {p.name for p in folder.iterdir()} == {"coetracker.sqlite3"}

    assert restore_backup(report.backup.path, db, now=LATER) is None
    assert read_families(db) == backed_up
    assert_consistent_snapshot(db)
    assert check_database_file(db).status is HealthStatus.OK
    assert sha256(report.moved_to) == damaged_hash


def test_without_a_good_backup_the_report_says_so(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "coetracker.sqlite3", families=300))
    backups = tmp_path / "backups"
    made = make_backup(db, backups, now=T0)
    assert made is not None
    overwrite_middle_table_page(made)  # the only backup is damaged too
    random_bytes(db)

    report = recover_if_damaged(db, [backups, tmp_path / "no such folder"], now=LATER)

    assert report.moved_to is not None and report.moved_to.exists()
    assert report.backup is None
    (text,) = [m.render() for m in report.messages]
    assert str(report.moved_to) in text and "No intact backup" in text
    assert made.exists()


def test_the_newest_good_backup_across_folders_is_offered(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "coetracker.sqlite3", families=300))
    first, second = tmp_path / "auto", tmp_path / "usb"
    older = make_backup(db, first, now=T0)
    conn = connect(db)
    add_family(conn, "newer")
    conn.close()
    newer = make_backup(db, second, now=T0 + dt.timedelta(hours=1))
    assert older is not None and newer is not None
    zero_length(db)
    report = recover_if_damaged(db, [first, second], now=LATER)
    assert report.backup is not None and report.backup.path == newer


def test_healthy_missing_and_new_files_need_no_attention(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    assert check_database_file(db) == Health(db, HealthStatus.MISSING)
    assert not recover_if_damaged(db, tmp_path / "b", now=T0).needs_attention

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    assert check_database_file(db).status is HealthStatus.EMPTY_NEW

    db.unlink()
    make_family_db(db, families=3)
    keeper = connect(db)  # a live WAL database with a non-empty -wal is healthy
    add_family(keeper, "pending")
    report = recover_if_damaged(db, tmp_path / "b", now=T0)
    keeper.close()
    assert report.health.status is HealthStatus.OK
    assert not report.needs_attention and report.messages == () and report.moved_to is None
    assert db.exists()


def test_a_killed_wal_writer_is_healthy_and_keeps_its_commits(tmp_path: Path):
    db = make_family_db(tmp_path / "coetracker.sqlite3", families=3)
    run_killed_writer(db, families=4)
    assert check_database_file(db).status is HealthStatus.OK
    assert len(read_families(db)) == 7


def test_a_hot_rollback_journal_is_rolled_back_not_called_corrupt(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "coetracker.sqlite3", families=200))
    families = read_families(db)
    code = f"""
import os, signal, sqlite3
conn = sqlite3.connect({str(db)!r}, isolation_level=None)
conn.execute("PRAGMA cache_size=2")  # spill the change into the file before commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE child SET payload = randomblob(300)")
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run([sys.executable, "-c", code], check=False)
    assert result.returncode == -signal.SIGKILL
    journal = db.with_name(db.name + "-journal")
    assert journal.stat().st_size > 0

    health = check_database_file(db)

    assert health.status is HealthStatus.OK
    assert read_families(db) == families
    assert_consistent_snapshot(db)


def test_a_locked_file_is_not_called_corrupt_and_is_not_moved(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "coetracker.sqlite3", families=3))
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError):
            recover_if_damaged(db, tmp_path / "b", now=T0, timeout=0.1)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert db.exists()
    assert not list(tmp_path.glob("*.corrupt"))


def test_a_corrupt_file_with_a_wal_full_of_changes_leaves_it_and_blocks_restore(tmp_path: Path):
    db = make_family_db(tmp_path / "coetracker.sqlite3", families=10)
    backups = tmp_path / "backups"
    assert make_backup(db, backups, now=T0) is not None
    run_killed_writer(db, families=3)
    wal = db.with_name(db.name + "-wal")
    wal_bytes = wal.read_bytes()
    assert wal_bytes
    data = bytearray(db.read_bytes())
    data[0:16] = b"garbage garbage!"
    db.write_bytes(bytes(data))

    report = recover_if_damaged(db, backups, now=LATER)

    assert report.health.status is HealthStatus.CORRUPT
    assert report.moved_to is not None and report.moved_to.read_bytes() == bytes(data)
    assert report.journals == (wal,)
    assert wal.read_bytes() == wal_bytes
    texts = [m.render() for m in report.messages]
    assert len(texts) == 2 and str(wal) in texts[1]
    assert report.backup is not None
    with pytest.raises(StrayJournalError):
        restore_backup(report.backup.path, db, now=LATER)
    assert not db.exists()

    # At the next start the main file is missing but the WAL is still there: still refused.
    again = check_database_file(db)
    assert again.status is HealthStatus.STRAY_JOURNAL and again.journals == (wal,)
    assert recover_if_damaged(db, backups, now=LATER).needs_attention


def test_move_aside_never_overwrites(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    contents = []
    moved = []
    for _ in range(3):
        content = os.urandom(100)
        db.write_bytes(content)
        contents.append(content)
        moved.append(move_aside_corrupt(db, now=T0))
    assert [p.name for p in moved] == [
        "coetracker.sqlite3.20260401-080000.corrupt",
        "coetracker.sqlite3.20260401-080000-2.corrupt",
        "coetracker.sqlite3.20260401-080000-3.corrupt",
    ]
    assert [p.read_bytes() for p in moved] == contents
    with pytest.raises(ValueError, match="timezone-aware"):
        move_aside_corrupt(db, now=dt.datetime(2026, 1, 1))
