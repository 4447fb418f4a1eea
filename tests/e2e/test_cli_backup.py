"""``coetracker backup``, ``backups`` and ``restore`` as a user runs them: ``main(argv)`` in
this process (a real process beside a window's lock), real files. Refusals are one line on
stderr with exit code 1, never a traceback; the previous database is moved aside, never
deleted; a running window's lock stops a restore."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from coetracker.paths import AppPaths
from coetracker.services.backups import backup_now
from coetracker.storage import backup as storage
from coetracker.storage.instance_lock import InstanceLock
from tests.helpers.backup import overwrite_middle_table_page
from tests.helpers.cli import CliResult, run_cli, run_cli_subprocess
from tests.helpers.db import (
    add_cases,
    app_paths,
    case_references,
    open_db,
    sha256,
)


def run_in(paths: AppPaths, *args: str) -> CliResult:
    """``coetracker --data-dir DATA ARGS`` in this process."""
    return run_cli("--data-dir", paths.data_dir, *args)


def assert_one_line_refusal(
    result: CliResult | subprocess.CompletedProcess[str], *needles: str
) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def demo(tmp_path: Path, copy_demo: Callable[[Path], Path]) -> AppPaths:
    """A data folder holding a copy of the sample cases."""
    paths = app_paths(tmp_path)
    assert paths.db_path is not None
    copy_demo(paths.db_path)
    return paths


def test_backup_prints_the_path_says_when_nothing_changed_and_can_be_forced(demo: AppPaths):
    first = run_in(demo, "backup")
    assert first.returncode == 0, first.stderr
    made = Path(first.stdout.strip())
    assert made.parent == demo.backup_dir and made.is_file()
    assert storage.verify_backup(made).ok

    again = run_in(demo, "backup")
    assert again.returncode == 0
    assert "Nothing changed" in again.stdout and made.name in again.stdout
    assert len(storage.list_backups(demo.backup_dir)) == 1

    forced = run_in(demo, "backup", "--force")
    assert forced.returncode == 0
    assert Path(forced.stdout.strip()) != made
    assert len(storage.list_backups(demo.backup_dir)) == 2


def test_backup_to_another_folder(demo: AppPaths, tmp_path: Path):
    target = tmp_path / "usb stick"
    result = run_in(demo, "backup", "--to", str(target))
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == target
    assert storage.verify_backup(made).case_count == 44
    assert not demo.backup_dir.exists()


def test_backups_lists_time_case_count_and_check(demo: AppPaths):
    empty = run_in(demo, "backups")
    assert empty.returncode == 0 and "No backups" in empty.stdout
    assert run_in(demo, "backup").returncode == 0
    db = open_db(demo)
    add_cases(db, 2, prefix="LATER")
    db.dispose()
    assert run_in(demo, "backup").returncode == 0

    listing = run_in(demo, "backups")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert str(demo.backup_dir) in lines[0]
    rows = [line for line in lines if "coetracker-" in line and ".sqlite3" in line]
    assert len(rows) == 2
    assert " 46 " in rows[0] and " 44 " in rows[1]  # newest first
    assert all(" ok " in row for row in rows)


def test_restore_moves_the_database_aside_and_prints_where(demo: AppPaths):
    made = run_in(demo, "backup")
    backup = Path(made.stdout.strip())
    db = open_db(demo)
    add_cases(db, 3, prefix="AFTER")
    db.dispose()
    assert demo.db_path is not None
    current = case_references(demo.db_path)

    result = run_in(demo, "restore", str(backup))

    assert result.returncode == 0, result.stderr
    moved = next(demo.db_path.parent.glob("coetracker.sqlite3.before-restore-*"))
    assert str(moved) in result.stdout and "not deleted" in result.stdout
    assert case_references(moved) == current
    assert case_references(demo.db_path) == case_references(backup)
    assert len(case_references(demo.db_path)) == 44
    check = run_in(demo, "check")
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("kind", ["text file", "damaged backup", "missing file"])
def test_restore_refuses_a_bad_file_with_one_line(demo: AppPaths, tmp_path: Path, kind: str):
    assert demo.db_path is not None
    good = backup_now(demo, force=True)
    assert good is not None
    bad = tmp_path / "bad.sqlite3"
    if kind == "text file":
        bad.write_text("not a database\n")
        needles: tuple[str, ...] = (str(bad), "not a COE Tracker database")
    elif kind == "damaged backup":
        bad.write_bytes(good.read_bytes())
        overwrite_middle_table_page(bad, seed=9)
        needles = (str(bad), "damaged")
    else:
        needles = (str(bad), "There is no file")
    before = sha256(demo.db_path)

    assert_one_line_refusal(run_in(demo, "restore", str(bad)), *needles)

    assert sha256(demo.db_path) == before
    assert not list(demo.db_path.parent.glob("*.before-restore-*"))


@pytest.mark.e2e
def test_restore_is_refused_while_the_window_holds_the_database(demo: AppPaths):
    assert demo.db_path is not None
    good = backup_now(demo, force=True)
    assert good is not None
    before = sha256(demo.db_path)
    window = InstanceLock(demo.db_path)
    window.acquire()
    try:
        refused = run_cli_subprocess("--data-dir", demo.data_dir, "restore", good)
        line = assert_one_line_refusal(refused, "already running")
        assert str(os.getpid()) in line
    finally:
        window.release()
    assert sha256(demo.db_path) == before


def test_a_corrupt_database_is_set_aside_and_the_backup_named(demo: AppPaths):
    assert demo.db_path is not None
    good = run_in(demo, "backup")
    backup = Path(good.stdout.strip())
    overwrite_middle_table_page(demo.db_path, seed=4)
    damaged = sha256(demo.db_path)

    line = assert_one_line_refusal(run_in(demo, "backup"), str(backup), ".corrupt")

    (moved,) = demo.db_path.parent.glob("*.corrupt")
    assert str(moved) in line and sha256(moved) == damaged
    assert not demo.db_path.exists()
    nothing = run_in(demo, "backup")  # no new empty database was made to back up
    assert_one_line_refusal(nothing, "There is no database")

    restored = run_in(demo, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "There was no database in its place" in restored.stdout
    assert len(case_references(demo.db_path)) == 44


def test_a_server_database_has_no_file_backup(tmp_path: Path):
    paths = app_paths(tmp_path)
    result = run_in(paths, "--db", "postgresql://office.example/coe", "backup")
    assert_one_line_refusal(result, "server")


def test_after_truncation_every_list_refuses_until_restore_or_new_database(demo: AppPaths):
    """The attack's reproduction: demo; backup; truncate -s 50000; list; list (was "No cases.")."""
    assert run_in(demo, "backup").returncode == 0
    assert demo.db_path is not None
    with demo.db_path.open("r+b") as handle:
        handle.truncate(50_000)
    first = assert_one_line_refusal(run_in(demo, "list"), ".corrupt", "44 cases")
    for command in ("list", "due", "export", "check"):
        args = (command, str(demo.data_dir / "out.csv")) if command == "export" else (command,)
        again = run_in(demo, *args)
        assert again.returncode == 1, (command, again.stdout)
        assert "No cases." not in again.stdout
        assert "--new-database" in again.stdout + again.stderr
    assert not demo.db_path.exists()
    started = run_in(demo, "--new-database", "list")
    assert started.returncode == 0, started.stderr
    assert "No cases." in started.stdout and ".corrupt" in started.stderr
    assert first
