"""Online backups on real files: consistency under a concurrent writer, change detection,
failure atomicity (disk full), rotation over 400 simulated days, verification and restore."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coetracker import fsutil
from coetracker.errors import (
    CorruptDatabaseError,
    DatabaseLockedError,
    DiskFullError,
    InvalidBackupError,
    NewerSchemaError,
    StrayJournalError,
)
from coetracker.storage import backup
from coetracker.storage.backup import (
    last_backup_time,
    latest_good_backup,
    list_backups,
    make_backup,
    plan_rotation,
    restore_backup,
    rotate,
    verify_backup,
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
JST = dt.timezone(dt.timedelta(hours=9), "JST")
T0 = dt.datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def snapshot_dir(directory: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(directory.iterdir()) if p.is_file()}


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- make_backup


def test_backup_is_a_private_verified_copy_and_leaves_the_live_files_alone(tmp_path: Path):
    db = make_family_db(tmp_path / "coetracker.sqlite3")
    keeper = connect(db)  # keeps the -wal/-shm in place, as a running app does
    try:
        add_family(keeper, "only in the wal")
        wal = db.with_name(db.name + "-wal")
        wal_before = sha256(wal)
        companions = sorted(p.name for p in tmp_path.glob("coetracker.sqlite3-*"))
        assert companions == ["coetracker.sqlite3-shm", "coetracker.sqlite3-wal"]
        main_before = sha256(db)
        backup_dir = tmp_path / "new" / "backups"

        made = make_backup(db, backup_dir, now=T0, reason="Close")

        assert made is not None
        assert made.name == "coetracker-20260301-093000-close.sqlite3"
        assert mode_of(made) == 0o600
        assert mode_of(backup_dir) == 0o700
        assert mode_of(backup_dir.parent) == 0o700
        assert sha256(db) == main_before
        # The -shm is SQLite's shared-memory index, which every reader updates; the -wal and
        # the main file are byte-identical, and no companion file appeared or vanished.
        assert sha256(wal) == wal_before
        assert sorted(p.name for p in tmp_path.glob("coetracker.sqlite3-*")) == companions
        assert read_families(made) == read_families(db)
        assert assert_consistent_snapshot(made) == 51
        # A self-contained rollback-journal file: no -wal is needed or created beside it.
        assert made.read_bytes()[18:20] == b"\x01\x01"
        assert sorted(p.name for p in backup_dir.iterdir()) == [
            ".coetracker-backup.lock",
            made.name,
        ]
    finally:
        keeper.close()


def test_name_is_utc_and_sorts_chronologically(tmp_path: Path):
    db = make_family_db(tmp_path / "db.sqlite3", families=2)
    conn = connect(db)
    made = []
    # 2026-03-01 08:59 JST is 2026-02-28 23:59 UTC: the name uses UTC.
    times = [
        dt.datetime(2026, 3, 1, 8, 59, tzinfo=JST),
        dt.datetime(2026, 3, 1, 0, 1, tzinfo=UTC),
        dt.datetime(2026, 3, 1, 10, 0, tzinfo=JST),
    ]
    for when in times:
        add_family(conn, when.isoformat())
        path = make_backup(db, tmp_path / "b", now=when)
        assert path is not None
        made.append(path)
    conn.close()
    assert made[0].name == "coetracker-20260228-235900.sqlite3"
    assert sorted(p.name for p in made) == [p.name for p in made]
    assert [b.path for b in list_backups(tmp_path / "b")] == made
    assert last_backup_time(tmp_path / "b") == dt.datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="timezone-aware"):
        make_backup(db, tmp_path / "b", now=dt.datetime(2026, 3, 1), force=True)


def test_unchanged_database_makes_no_new_backup(tmp_path: Path):
    db = make_family_db(tmp_path / "db.sqlite3")
    backups = tmp_path / "backups"
    first = make_backup(db, backups, now=T0)
    assert first is not None

    assert make_backup(db, backups, now=T0 + dt.timedelta(hours=1)) is None
    # A checkpoint rewrites the main file but changes no data: still nothing to back up.
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("UPDATE parent SET label = label WHERE id = 1")  # writes, but identical data
    assert make_backup(db, backups, now=T0 + dt.timedelta(hours=2)) is None
    assert [b.path for b in list_backups(backups)] == [first]

    add_family(conn, "changed")
    conn.close()
    second = make_backup(db, backups, now=T0 + dt.timedelta(hours=3))
    assert second is not None
    assert len(read_families(second)) == len(read_families(first)) + 1

    forced = make_backup(
        db, backups, now=T0 + dt.timedelta(hours=4), reason="pre-migration", force=True
    )
    assert forced is not None and forced.name.endswith("-pre-migration.sqlite3")
    assert not list(backups.glob(".coetracker-backup-*"))


def test_min_interval_skips_without_copying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = make_family_db(tmp_path / "db.sqlite3", families=3)
    backups = tmp_path / "backups"
    assert make_backup(db, backups, now=T0) is not None
    conn = connect(db)
    add_family(conn, "new")
    conn.close()

    def no_copy(source: Path, target: Path, *, live: bool) -> None:
        raise AssertionError("min_interval must skip before copying")

    monkeypatch.setattr(backup, "_copy_database", no_copy)
    assert (
        make_backup(
            db, backups, now=T0 + dt.timedelta(minutes=29), min_interval=dt.timedelta(minutes=30)
        )
        is None
    )
    monkeypatch.undo()
    made = make_backup(
        db, backups, now=T0 + dt.timedelta(minutes=30), min_interval=dt.timedelta(minutes=30)
    )
    assert made is not None
    # A newest backup dated in the future (a clock that was wrong) must not block backups.
    conn = connect(db)
    add_family(conn, "newer")
    conn.close()
    assert (
        make_backup(
            db, backups, now=T0 - dt.timedelta(days=1), min_interval=dt.timedelta(minutes=30)
        )
        is not None
    )


def test_same_second_never_overwrites(tmp_path: Path):
    db = make_family_db(tmp_path / "db.sqlite3", families=1)
    backups = tmp_path / "backups"
    conn = connect(db)
    paths = []
    for i in range(3):
        add_family(conn, f"f{i}")
        made = make_backup(db, backups, now=T0, reason="close")
        assert made is not None
        paths.append(made)
    conn.close()
    assert [p.name for p in paths] == [
        "coetracker-20260301-093000-close.sqlite3",
        "coetracker-20260301-093000-close-2.sqlite3",
        "coetracker-20260301-093000-close-3.sqlite3",
    ]
    assert [len(read_families(p)) for p in paths] == [2, 3, 4]
    assert list_backups(backups)[-1].path == paths[-1]


def test_backup_while_a_writer_commits_continuously_is_a_consistent_snapshot(tmp_path: Path):
    initial = 2000
    db = make_family_db(tmp_path / "db.sqlite3", families=initial, payload_size=300)
    stop = threading.Event()
    committed: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        conn = connect(db)
        try:
            i = 0
            while not stop.is_set():
                committed.append(add_family(conn, f"live {i}", payload_size=300))
                i += 1
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    counts = []
    commits_during_backups = 0
    try:
        for n in range(8):
            while len(committed) < 20 * (n + 1):  # let the writer make progress between backups
                assert thread.is_alive()
                stop.wait(0.001)
            before = len(committed)
            made = make_backup(db, tmp_path / "backups", now=T0 + dt.timedelta(minutes=n))
            commits_during_backups += len(committed) - before
            assert made is not None
            counts.append(assert_consistent_snapshot(made))
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert commits_during_backups > 0  # the writer really ran while backups were taken
    assert counts == sorted(counts) and counts[0] < counts[-1]
    assert initial + 20 <= counts[0] and counts[-1] <= initial + len(committed)
    assert assert_consistent_snapshot(db) == initial + len(committed)


@pytest.mark.parametrize("failing_step", ["sqlite_full", "enospc_on_fsync"])
def test_target_out_of_space_keeps_every_earlier_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_step: str
):
    db = make_family_db(tmp_path / "db.sqlite3", families=100, payload_size=500)
    backups = tmp_path / "backups"
    conn = connect(db)
    for n in range(3):
        add_family(conn, f"extra {n}")
        assert make_backup(db, backups, now=T0 + dt.timedelta(hours=n)) is not None
    add_family(conn, "not yet backed up")
    conn.close()
    before = snapshot_dir(backups)

    if failing_step == "sqlite_full":
        real_open = backup._open_destination

        def tiny_disk(path: Path) -> sqlite3.Connection:
            dst = real_open(path)
            dst.execute("PRAGMA max_page_count=20")  # the copy runs out of room half-way
            return dst

        monkeypatch.setattr(backup, "_open_destination", tiny_disk)
    else:

        def full_disk(path: Path) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

        monkeypatch.setattr(fsutil, "fsync_file", full_disk)  # the step before the rename

    with pytest.raises(DiskFullError) as caught:
        make_backup(db, backups, now=T0 + dt.timedelta(hours=5))
    assert snapshot_dir(backups) == before
    assert not [p for p in backups.iterdir() if p.name.startswith(".coetracker-backup-")]
    assert "disk is full" in str(caught.value)

    monkeypatch.undo()  # space freed: the next backup works and holds the latest family
    made = make_backup(db, backups, now=T0 + dt.timedelta(hours=6))
    assert made is not None and read_families(made)[-1][1] == "not yet backed up"


def test_a_damaged_source_gives_no_backup(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "db.sqlite3", families=300, payload_size=200))
    backups = tmp_path / "backups"
    good = make_backup(db, backups, now=T0)
    assert good is not None
    overwrite_middle_table_page(db)
    with pytest.raises(CorruptDatabaseError):
        make_backup(db, backups, now=T0 + dt.timedelta(hours=1))
    assert [b.path for b in list_backups(backups)] == [good]
    assert not list(backups.glob(".coetracker-backup-*"))


def test_a_crashed_backup_leaves_a_temp_file_that_the_next_one_removes(tmp_path: Path):
    db = make_family_db(tmp_path / "db.sqlite3", families=2)
    backups = tmp_path / "backups"
    backups.mkdir()
    leftover = backups / ".coetracker-backup-abc123.tmp"
    leftover.write_bytes(b"half a copy")
    (backups / ".coetracker-backup-abc123.tmp-journal").write_bytes(b"j")
    foreign = backups / ".coetracker-backup-notes.txt"
    foreign.write_text("not ours")
    assert make_backup(db, backups, now=T0) is not None
    assert not leftover.exists()
    assert foreign.exists()


# --------------------------------------------------------------------------- rotation


def expected_kept(created: list[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """The promised set, computed independently: walk the calendar back from ``now``."""
    local_day = {t: t.astimezone(now.tzinfo).date() for t in created}
    keep = {t for t in created if now - t < dt.timedelta(hours=48)}
    keep.add(max(created))

    def newest_per(bucket_of) -> dict[object, dt.datetime]:
        newest: dict[object, dt.datetime] = {}
        for t, day in local_day.items():
            bucket = bucket_of(day)
            newest[bucket] = max(newest.get(bucket, t), t)
        return newest

    today = now.date()
    by_day = newest_per(lambda d: d)
    for k in range(14):
        keep.update([by_day[d]] if (d := today - dt.timedelta(days=k)) in by_day else [])
    by_week = newest_per(lambda d: d - dt.timedelta(days=d.weekday()))
    monday = today - dt.timedelta(days=today.weekday())
    for k in range(8):
        keep.update([by_week[w]] if (w := monday - dt.timedelta(weeks=k)) in by_week else [])
    by_month = newest_per(lambda d: (d.year, d.month))
    year, month = today.year, today.month
    for _ in range(12):
        keep.update([by_month[(year, month)]] if (year, month) in by_month else [])
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keep


def test_rotation_over_400_simulated_days_keeps_exactly_the_promised_set(tmp_path: Path):
    db = make_family_db(tmp_path / "db.sqlite3", families=1, payload_size=1)
    backups = tmp_path / "backups"
    backups.mkdir()
    # Files that are not ours must never be touched, even with a similar name.
    strangers = {
        "notes.txt": b"mine",
        "coetracker-20200101-000000.sqlite3.bak": b"old",
        "coetracker-backup.sqlite3": b"other",
        "Coetracker-20200101-000000.sqlite3": b"case differs",
    }
    for name, content in strangers.items():
        (backups / name).write_bytes(content)
    (backups / "coetracker-20200101-000000-folder.sqlite3").mkdir()

    conn = connect(db)
    start = dt.datetime(2025, 1, 1, 0, 0, tzinfo=JST)
    created: list[dt.datetime] = []
    removed_total = 0
    for step in range(400 * 4):
        now = start + dt.timedelta(hours=6 * step)
        conn.execute("UPDATE parent SET label = ? WHERE id = 1", (f"step {step}",))
        made = make_backup(db, backups, now=now)
        assert made is not None
        created.append(now.astimezone(UTC))
        removed_total += len(rotate(backups, now=now))
        if step % 4 == 3 or step > 400 * 4 - 12:
            kept = {b.created for b in list_backups(backups)}
            assert kept == expected_kept(created, now), now
    conn.close()

    final = {b.created for b in list_backups(backups)}
    assert max(created) in final
    assert removed_total == len(created) - len(final)
    # 8 from the last 48 hours, then at most one per day, week and month: a few dozen files.
    assert 20 <= len(final) <= 8 + 14 + 8 + 12
    for name, content in strangers.items():
        assert (backups / name).read_bytes() == content
    assert (backups / "coetracker-20200101-000000-folder.sqlite3").is_dir()


def test_rotation_keeps_the_newest_even_when_everything_is_old(tmp_path: Path):
    db = make_family_db(tmp_path / "db.sqlite3", families=1)
    backups = tmp_path / "backups"
    made = make_backup(db, backups, now=T0)
    assert made is not None
    assert rotate(backups, now=T0 + dt.timedelta(days=3000)) == []
    assert made.exists()
    assert rotate(tmp_path / "no such folder", now=T0) == []


aware_times = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),  # hypothesis wants naive bounds
    max_value=dt.datetime(2027, 1, 1),
    timezones=st.just(UTC),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(aware_times, min_size=1, max_size=60, unique=True), aware_times)
def test_plan_rotation_matches_the_policy_and_is_stable(times: list[dt.datetime], now: dt.datetime):
    now = now.astimezone(JST)
    kept = {times[i] for i in plan_rotation(times, now)}
    future = {t for t in times if t > now}
    assert kept == expected_kept(times, now) | future
    again = sorted(kept)
    assert {again[i] for i in plan_rotation(again, now)} == kept


# --------------------------------------------------------------------------- verification


def test_verify_backup_reads_revision_and_case_count(tmp_path: Path):
    db = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY);"
        "INSERT INTO alembic_version VALUES ('0007_abc');"
        'CREATE TABLE "case" (id INTEGER PRIMARY KEY);'
        'INSERT INTO "case" DEFAULT VALUES; INSERT INTO "case" DEFAULT VALUES;'
    )
    conn.commit()
    conn.close()
    made = make_backup(db, tmp_path / "b", now=T0)
    assert made is not None
    info = verify_backup(made)
    assert info.ok and info.is_sqlite and info.integrity_ok
    assert info.alembic_revision == "0007_abc"
    assert info.case_count == 2
    assert info.created == T0
    assert info.size == made.stat().st_size

    plain = verify_backup(make_family_db(tmp_path / "plain.sqlite3", families=1))
    assert plain.ok and plain.alembic_revision is None and plain.case_count is None


def test_verify_backup_reports_damage_without_raising(tmp_path: Path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    assert not verify_backup(junk).is_sqlite
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert not verify_backup(empty).ok
    header_only = tmp_path / "header.sqlite3"
    header_only.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    assert not verify_backup(header_only).ok

    damaged = checkpointed(make_family_db(tmp_path / "d.sqlite3", families=300, payload_size=200))
    overwrite_middle_table_page(damaged)
    info = verify_backup(damaged)
    assert info.is_sqlite and not info.integrity_ok and info.problems
    assert not verify_backup(tmp_path / "missing.sqlite3").ok


def test_verify_does_not_create_files_beside_a_copied_wal_database(tmp_path: Path):
    (tmp_path / "live").mkdir()
    db = make_family_db(tmp_path / "live" / "db.sqlite3", families=5)
    checkpointed_copy = tmp_path / "copy.sqlite3"
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpointed_copy.write_bytes(db.read_bytes())  # a user's file copy: WAL header, no -wal
    conn.close()
    assert checkpointed_copy.read_bytes()[18:20] == b"\x02\x02"
    assert verify_backup(checkpointed_copy).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "live"]


def test_latest_good_backup_skips_a_damaged_newest(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "db.sqlite3", families=300, payload_size=200))
    backups = tmp_path / "backups"
    assert latest_good_backup(backups) is None
    assert last_backup_time(backups) is None
    older = make_backup(db, backups, now=T0)
    conn = connect(db)
    add_family(conn, "more")
    conn.close()
    newer = make_backup(db, backups, now=T0 + dt.timedelta(hours=1))
    assert older is not None and newer is not None
    assert latest_good_backup(backups) == newer
    overwrite_middle_table_page(newer)
    assert latest_good_backup(backups) == older
    assert last_backup_time(backups) == T0 + dt.timedelta(hours=1)


# --------------------------------------------------------------------------- restore


def test_restore_moves_the_current_file_aside_complete_and_never_deletes(tmp_path: Path):
    db = make_family_db(tmp_path / "coetracker.sqlite3", families=10)
    backups = tmp_path / "backups"
    made = make_backup(db, backups, now=T0)
    assert made is not None
    wanted = read_families(made)
    run_killed_writer(db, families=5)  # committed work that lives only in the -wal
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0
    current = read_families(db)
    assert len(current) == 15
    names_before = {p.name for p in tmp_path.iterdir()}

    moved = restore_backup(made, db, now=T0 + dt.timedelta(hours=1))

    assert moved is not None
    assert moved.name == "coetracker.sqlite3.before-restore-20260301-103000"
    assert read_families(db) == wanted
    assert read_families(moved) == current  # the WAL's commits were folded in before the move
    assert_consistent_snapshot(moved)
    assert not wal.exists() or wal.stat().st_size == 0
    assert mode_of(db) == 0o600
    assert names_before - {p.name for p in tmp_path.iterdir()} <= {
        "coetracker.sqlite3-wal",
        "coetracker.sqlite3-shm",
    }  # only SQLite itself removed its own WAL files on close
    assert not list(tmp_path.glob(".coetracker.sqlite3.restore-*"))
    assert verify_backup(made).ok  # the backup itself is untouched

    crashed = tmp_path / ".coetracker.sqlite3.restore-x1y2.tmp"  # left by a crashed restore
    crashed.write_bytes(b"partial copy")

    again = restore_backup(made, db, now=T0 + dt.timedelta(hours=1))
    assert again is not None and again.name == moved.name + "-2"
    assert moved.exists() and again.exists()
    assert not crashed.exists()


def test_restore_refuses_bad_files_and_leaves_the_database_unchanged(tmp_path: Path):
    db = checkpointed(make_family_db(tmp_path / "coetracker.sqlite3", families=3))
    before = sha256(db)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(InvalidBackupError) as caught:
        restore_backup(junk, db, now=T0)
    assert not caught.value.is_sqlite
    damaged = checkpointed(
        make_family_db(tmp_path / "damaged.sqlite3", families=300, payload_size=200)
    )
    overwrite_middle_table_page(damaged)
    with pytest.raises(InvalidBackupError) as caught:
        restore_backup(damaged, db, now=T0)
    assert caught.value.is_sqlite

    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.executescript(
        "CREATE TABLE alembic_version (version_num TEXT); "
        "INSERT INTO alembic_version VALUES ('9999_future');"
    )
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchemaError) as newer_error:
        restore_backup(newer, db, now=T0, is_known_revision=lambda rev: rev in {None, "0001"})
    assert newer_error.value.revision == "9999_future"
    assert sha256(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "coetracker.sqlite3",
        "damaged.sqlite3",
        "junk.sqlite3",
        "newer.sqlite3",
    ]


def test_restore_refuses_while_another_connection_is_open(tmp_path: Path):
    db = make_family_db(tmp_path / "coetracker.sqlite3", families=3)
    made = make_backup(db, tmp_path / "backups", now=T0)
    assert made is not None
    other = connect(db)
    try:
        other.execute("SELECT count(*) FROM parent").fetchone()
        with pytest.raises(DatabaseLockedError):
            restore_backup(made, db, now=T0)
        assert db.exists()
        assert not list(tmp_path.glob("*.before-restore-*"))
    finally:
        other.close()


def test_restore_into_an_empty_place_and_refusal_next_to_a_stray_wal(tmp_path: Path):
    db = make_family_db(tmp_path / "coetracker.sqlite3", families=4)
    made = make_backup(db, tmp_path / "backups", now=T0)
    assert made is not None
    run_killed_writer(db, families=2)
    wal = db.with_name(db.name + "-wal")
    wal_bytes = wal.read_bytes()
    aside = tmp_path / "elsewhere.sqlite3"
    db.rename(aside)  # the main file gone, its WAL left behind

    with pytest.raises(StrayJournalError) as caught:
        restore_backup(made, db, now=T0)
    assert wal.name in str(caught.value)
    assert not db.exists()
    assert wal.read_bytes() == wal_bytes

    wal.rename(tmp_path / "elsewhere.sqlite3-wal")  # what the message asks the user to do
    assert restore_backup(made, db, now=T0) is None
    assert read_families(db) == read_families(made)
