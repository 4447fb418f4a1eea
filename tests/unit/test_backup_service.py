"""The backup service on real files: on-demand backups and rotation, the automatic-backup policy
(change detection with ``PRAGMA data_version``, a fake clock), listing, and restore with its
refusals."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coetracker.errors import (
    AlreadyRunningError,
    DatabaseLockedError,
    InvalidBackupError,
    NewerSchemaError,
    UserFacingError,
)
from coetracker.paths import AppPaths
from coetracker.services import backups
from coetracker.services.backups import (
    AutoBackupPolicy,
    BackupFailedError,
    BackupUnavailableError,
    MissingBackupError,
    SameFileError,
    backup_now,
    check_restorable,
    list_backup_infos,
    restore,
)
from coetracker.services.opening import local_now, open_app_database
from coetracker.storage import backup as storage
from coetracker.storage import migrate
from coetracker.storage.engine import Database, create_database_engine
from coetracker.storage.instance_lock import InstanceLock
from tests.helpers.backup import FakeClock, overwrite_middle_table_page
from tests.helpers.db import (
    add_cases,
    app_paths,
    case_references,
    open_db,
    sha256,
)

JST = dt.timezone(dt.timedelta(hours=9), "JST")
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=JST)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return app_paths(tmp_path)


@pytest.fixture
def db(paths: AppPaths) -> Iterator[Database]:
    database = open_db(paths)
    yield database
    database.dispose()


class CountingBackups:
    """Counts make_backup calls (copies) while letting them run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = storage.make_backup

        def counting(*args: object, **kwargs: object) -> Path | None:
            self.calls += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(storage, "make_backup", counting)


# --------------------------------------------------------------------------- backup_now


def test_backup_now_makes_a_verified_backup_and_skips_an_unchanged_database(
    paths: AppPaths, db: Database
):
    add_cases(db, 3)
    first = backup_now(paths, db, reason="manual", now=T0)
    assert first is not None and first.parent == paths.backup_dir
    assert first.name == "coetracker-20261102-000000-manual.sqlite3"
    info = storage.verify_backup(first)
    assert info.ok and info.case_count == 3
    assert info.alembic_revision == migrate.head_revision()

    assert backup_now(paths, db, now=T0 + dt.timedelta(minutes=1)) is None  # nothing changed
    forced = backup_now(paths, db, force=True, now=T0 + dt.timedelta(minutes=2))
    assert forced is not None and forced != first

    add_cases(db, 1, start=10)
    changed = backup_now(paths, db, now=T0 + dt.timedelta(minutes=3))
    assert changed is not None
    assert storage.verify_backup(changed).case_count == 4
    assert [b.path for b in storage.list_backups(paths.backup_dir)] == [first, forced, changed]


def test_backup_now_rotates_the_backup_folder_but_never_another_folder(
    paths: AppPaths, db: Database, tmp_path: Path
):
    add_cases(db, 1)
    seed = backup_now(paths, db, now=T0 - dt.timedelta(days=500))
    assert seed is not None
    other = tmp_path / "usb"
    other.mkdir()
    old_names = [
        storage.backup_name(T0 - dt.timedelta(days=days)) for days in (400, 399, 398, 200, 199)
    ]
    for name in old_names:
        (paths.backup_dir / name).write_bytes(seed.read_bytes())
        (other / name).write_bytes(seed.read_bytes())
    planned = storage.plan_rotation(
        [b.created for b in storage.list_backups(paths.backup_dir)] + [T0.astimezone(dt.UTC)],
        T0,
    )
    add_cases(db, 1, start=1)
    made = backup_now(paths, db, now=T0)
    assert made is not None
    kept = storage.list_backups(paths.backup_dir)
    assert len(kept) == len(planned) < len(old_names) + 2
    assert kept[-1].path == made

    add_cases(db, 1, start=2)
    elsewhere = backup_now(paths, db, backup_dir=other, now=T0)
    assert elsewhere is not None and elsewhere.parent == other
    assert {p.name for p in other.iterdir()} >= set(old_names)  # the user's folder: untouched


def test_backup_now_reports_an_unwritable_target_and_a_server_database(
    paths: AppPaths, db: Database, tmp_path: Path
):
    add_cases(db, 1)
    before = backup_now(paths, db, now=T0)
    assert before is not None
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    with pytest.raises(BackupFailedError) as caught:
        backup_now(paths, db, backup_dir=blocked / "backups", force=True, now=T0)
    assert str(blocked) in str(caught.value)
    assert storage.list_backups(paths.backup_dir)[-1].path == before

    server = AppPaths(
        data_dir=tmp_path,
        db_url="postgresql://office/coe",
        db_path=None,
        backup_dir=tmp_path / "b",
        log_dir=tmp_path / "l",
        settings_file=tmp_path / "s.ini",
    )
    with pytest.raises(BackupUnavailableError):
        backup_now(server)


# --------------------------------------------------------------------------- the automatic policy


def test_auto_policy_backs_up_only_while_changes_are_made(
    paths: AppPaths, db: Database, monkeypatch: pytest.MonkeyPatch
):
    add_cases(db, 2)
    clock = FakeClock(T0)
    counting = CountingBackups(monkeypatch)
    policy = AutoBackupPolicy(paths, db, clock=clock)
    try:
        # Unknown at start (a command may have changed it while no window was open): one copy.
        first = policy.periodic()
        assert first is not None and first.name.endswith("-auto.sqlite3")
        assert counting.calls == 1

        for _ in range(3):  # nothing changed: no copy at all
            clock.advance(minutes=30)
            assert policy.periodic() is None
        assert counting.calls == 1
        assert not policy.changes_pending()

        add_cases(db, 1, start=10)
        assert policy.changes_pending()
        clock.advance(minutes=30)
        second = policy.periodic()
        assert second is not None and storage.verify_backup(second).case_count == 3
        assert counting.calls == 2

        # A change made right after a backup waits for the interval (a tick may come early).
        add_cases(db, 1, start=11)
        clock.advance(minutes=10)
        assert policy.periodic() is None
        assert counting.calls == 2 and policy.changes_pending()
        clock.advance(minutes=18)  # 28 minutes: within the early-tick tolerance
        third = policy.periodic()
        assert third is not None and storage.verify_backup(third).case_count == 4

        # On close: nothing changed since the last backup, so none.
        clock.advance(minutes=1)
        assert policy.on_close() is None
        assert counting.calls == 3
    finally:
        policy.close()


def test_auto_policy_sees_changes_from_another_process_and_backs_up_on_close(
    paths: AppPaths, db: Database
):
    add_cases(db, 1)
    clock = FakeClock(T0)
    policy = AutoBackupPolicy(paths, db, clock=clock)
    try:
        assert policy.periodic() is not None
        assert not policy.changes_pending()
        assert paths.db_path is not None
        code = (
            "import sqlite3, sys\n"
            "conn = sqlite3.connect(sys.argv[1])\n"
            "conn.execute(\"UPDATE 'case' SET notes = 'x'\")\n"
            "conn.commit()\n"
        )
        subprocess.run([sys.executable, "-c", code, str(paths.db_path)], check=True)
        assert policy.changes_pending()
        clock.advance(minutes=5)
        closing = policy.on_close()
        assert closing is not None and closing.name.endswith("-close.sqlite3")
    finally:
        policy.close()


def test_auto_policy_is_off_for_a_read_only_database(paths: AppPaths, db: Database):
    add_cases(db, 1)
    db.dispose()
    read_only = open_app_database(paths, read_only=True).database
    try:
        policy = AutoBackupPolicy(paths, read_only, clock=FakeClock(T0))
        assert not policy.enabled
        assert policy.periodic() is None and policy.on_close() is None
        assert storage.list_backups(paths.backup_dir) == []
    finally:
        read_only.dispose()


def test_auto_policy_keeps_no_connection_after_close(paths: AppPaths, db: Database):
    add_cases(db, 1)
    policy = AutoBackupPolicy(paths, db, clock=FakeClock(T0))
    assert policy.periodic() is not None
    policy.close()
    db.dispose()
    assert paths.db_path is not None
    wal = paths.db_path.with_name(paths.db_path.name + "-wal")
    # The last connection to close removes the -wal: none is left open by the policy.
    probe = sqlite3.connect(paths.db_path)
    probe.execute("SELECT 1").fetchone()
    probe.close()
    assert not wal.exists()


# --------------------------------------------------------------------------- listing


def test_list_backup_infos_newest_first_with_case_counts_and_damage(paths: AppPaths, db: Database):
    add_cases(db, 2)
    older = backup_now(paths, db, now=T0)
    add_cases(db, 3, start=5)
    newer = backup_now(paths, db, now=T0 + dt.timedelta(hours=1))
    assert older is not None and newer is not None
    add_cases(db, 1, start=20)
    damaged = backup_now(paths, db, now=T0 + dt.timedelta(hours=2))
    assert damaged is not None
    overwrite_middle_table_page(damaged, seed=3)

    infos = list_backup_infos(paths.backup_dir)
    assert [i.path for i in infos] == [damaged, newer, older]
    assert [i.ok for i in infos] == [False, True, True]
    assert [i.case_count for i in infos[1:]] == [5, 2]
    assert list_backup_infos(paths.data_dir / "nowhere") == []


# --------------------------------------------------------------------------- restore


def test_restore_moves_the_current_database_aside_and_brings_the_backup_back(
    paths: AppPaths, db: Database
):
    add_cases(db, 2, prefix="OLD")
    chosen = backup_now(paths, db, now=T0)
    assert chosen is not None
    add_cases(db, 3, prefix="NEW")
    assert paths.db_path is not None
    wanted = case_references(chosen)
    current = case_references(paths.db_path)

    result = restore(paths, chosen, db=db, now=T0 + dt.timedelta(days=1))

    assert result.db_path == paths.db_path and result.backup == chosen
    assert result.case_count == 2
    assert case_references(paths.db_path) == wanted
    assert result.moved_aside is not None
    assert result.moved_aside.name.startswith("coetracker.sqlite3.before-restore-")
    assert case_references(result.moved_aside) == current  # kept complete, never deleted
    assert result.safety_backup is not None
    assert case_references(result.safety_backup) == current
    assert storage.verify_backup(chosen).ok  # the backup itself is untouched
    # The caller's engine was disposed and now reads the restored file.
    with db.read_session() as session:
        from sqlalchemy import text

        count = session.execute(text('SELECT count(*) FROM "case"')).scalar()
    assert count == 2
    add_cases(db, 1, start=99, prefix="AFTER")  # and it can write again
    assert case_references(paths.db_path)[-1] == "AFTER-00099"


def test_restore_migrates_a_backup_from_an_older_version(paths: AppPaths, tmp_path: Path):
    from alembic import command

    old = tmp_path / "old" / "coetracker-20260101-000000-manual.sqlite3"
    old.parent.mkdir()
    engine = create_database_engine(f"sqlite:///{old}")
    try:
        with engine.begin() as connection:
            command.upgrade(migrate.alembic_config(connection), "0001_initial_schema")
    finally:
        engine.dispose()
    assert migrate.read_revision(old) == "0001_initial_schema"

    result = restore(paths, old, now=T0)

    assert result.moved_aside is None  # there was no database yet
    assert paths.db_path is not None
    assert migrate.read_revision(paths.db_path) == migrate.head_revision()
    assert migrate.read_revision(old) == "0001_initial_schema"  # the backup is not migrated
    pre_migration = [b for b in storage.list_backups(paths.backup_dir)]
    assert [b.reason for b in pre_migration] == ["pre-migration"]


def make_schemaless(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()


def make_newer(path: Path, source: Path) -> None:
    path.write_bytes(source.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", ["not sqlite", "damaged", "newer", "no schema", "same", "missing"])
def test_restore_refuses_a_bad_file_and_changes_nothing(
    paths: AppPaths, db: Database, tmp_path: Path, kind: str
):
    add_cases(db, 3)
    good = backup_now(paths, db, now=T0)
    assert good is not None and paths.db_path is not None
    db.dispose()
    bad = tmp_path / "offered.sqlite3"
    expected: type[UserFacingError]
    if kind == "not sqlite":
        bad.write_text("name,passport\n")
        expected = InvalidBackupError
    elif kind == "damaged":
        bad.write_bytes(good.read_bytes())
        overwrite_middle_table_page(bad, seed=5)
        expected = InvalidBackupError
    elif kind == "newer":
        make_newer(bad, good)
        expected = NewerSchemaError
    elif kind == "no schema":
        make_schemaless(bad)
        expected = InvalidBackupError
    elif kind == "same":
        bad = paths.db_path
        expected = SameFileError
    else:
        bad = tmp_path / "nothing-here.sqlite3"
        expected = MissingBackupError
    before = sha256(paths.db_path)
    listing = sorted(p.name for p in paths.db_path.parent.iterdir())
    backups_before = storage.list_backups(paths.backup_dir)

    with pytest.raises(expected) as caught:
        restore(paths, bad, db=db, now=T0 + dt.timedelta(hours=1))

    text = str(caught.value)
    assert "\n" not in text and "Traceback" not in text
    assert "not changed" in text or "Nothing was changed" in text or "choose an older" in text
    assert sha256(paths.db_path) == before
    assert sorted(p.name for p in paths.db_path.parent.iterdir()) == listing
    assert storage.list_backups(paths.backup_dir) == backups_before


def test_check_restorable_reports_what_a_good_backup_holds(paths: AppPaths, db: Database):
    add_cases(db, 4)
    good = backup_now(paths, db, now=T0)
    assert good is not None
    info = check_restorable(good, db_path=paths.db_path)
    assert info.ok and info.case_count == 4


def test_restore_is_refused_while_another_process_holds_the_database(paths: AppPaths, db: Database):
    add_cases(db, 1)
    good = backup_now(paths, db, now=T0)
    assert good is not None and paths.db_path is not None
    db.dispose()
    before = sha256(paths.db_path)
    window = InstanceLock(paths.db_path)  # as the window holds it
    window.acquire()
    try:
        with pytest.raises(AlreadyRunningError):
            restore(paths, good, now=T0)
        assert sha256(paths.db_path) == before
        # The window itself restores with the lock it holds.
        result = restore(paths, good, db=db, lock=window, now=T0 + dt.timedelta(seconds=1))
        assert result.moved_aside is not None and window.held
    finally:
        window.release()


def test_restore_refuses_while_a_connection_is_still_open(paths: AppPaths, db: Database):
    add_cases(db, 1)
    good = backup_now(paths, db, now=T0)
    assert good is not None and paths.db_path is not None
    add_cases(db, 1, start=1)
    still_open = sqlite3.connect(paths.db_path)
    still_open.execute('SELECT count(*) FROM "case"').fetchone()
    try:
        with pytest.raises(DatabaseLockedError):
            restore(paths, good, db=db, now=T0 + dt.timedelta(hours=1))
    finally:
        still_open.close()
    assert len(case_references(paths.db_path)) == 2
    assert not list(paths.db_path.parent.glob("*.before-restore-*"))


def test_restore_closes_the_policy_and_it_watches_the_restored_file(paths: AppPaths, db: Database):
    add_cases(db, 1)
    clock = FakeClock(T0)
    policy = AutoBackupPolicy(paths, db, clock=clock)
    try:
        chosen = policy.periodic()
        assert chosen is not None
        add_cases(db, 2, start=1)
        result = restore(paths, chosen, db=db, policy=policy, now=T0 + dt.timedelta(minutes=1))
        assert result.moved_aside is not None
        assert policy.changes_pending()  # a restored file counts as changed
        clock.advance(hours=1)
        after = policy.periodic()
        assert after is not None and storage.verify_backup(after).case_count == 1
    finally:
        policy.close()


def test_local_now_is_aware():
    assert local_now().tzinfo is not None
    assert dt.timedelta(minutes=30) == backups.AUTO_BACKUP_INTERVAL
