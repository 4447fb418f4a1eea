"""Read-only database file, folder or drive: detected, opened read-only with a reason for the
banner, never written, every save refused with one clear sentence; refused clearly when it
cannot even be shown.

Tests run as root in CI, where file modes do not stop writes (root has CAP_DAC_OVERRIDE) and
``os.access`` says "writable" for everything. Two things make the real permission checks work
anyway: the detection is unit-tested with ``os.access``, ``os.open``, the probe file and the
mount flags patched, and the real cases run in a child process that first gives up the
capabilities that let root ignore file modes (:func:`drop_file_privileges`), so a 0444 file
and a 0555 folder are as read-only for it as for an ordinary user.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from coetracker.domain.messages import message
from coetracker.errors import ReadOnlyDatabaseError
from coetracker.paths import AppPaths
from coetracker.services import opening
from coetracker.services.cases import create_case
from coetracker.services.opening import ReadOnlyOpenError, detect_read_only, open_app_database
from coetracker.storage import migrate
from coetracker.storage.engine import create_database_engine
from tests.helpers.db import (
    add_cases,
    app_paths,
    case_input,
    case_references,
    open_db,
    sha256,
)

REPO = Path(__file__).resolve().parents[2]

CHILD = """
import json, sys
from tests.helpers.privileges import child_open_and_try_to_save, drop_file_privileges
drop_file_privileges()
print(json.dumps(child_open_and_try_to_save(sys.argv[1])))
"""

CLI_CHILD = """
import sys
from tests.helpers.privileges import drop_file_privileges
drop_file_privileges()
from coetracker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_unprivileged(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"},
    )


def open_as_unprivileged(paths: AppPaths) -> dict[str, object]:
    result = run_unprivileged(CHILD, str(paths.data_dir))
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.fixture
def made(tmp_path: Path) -> Iterator[AppPaths]:
    """A database with two cases, closed cleanly (WAL mode, no -wal or -shm left)."""
    paths = app_paths(tmp_path)
    db = open_db(paths)
    add_cases(db, 2)
    db.dispose()
    assert paths.db_path is not None
    assert not paths.db_path.with_name(paths.db_path.name + "-wal").exists()
    yield paths
    for path in (paths.data_dir, paths.db_path):  # let pytest clean up
        if path.exists():
            path.chmod(stat.S_IMODE(path.stat().st_mode) | stat.S_IWUSR | stat.S_IXUSR)


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


# --------------------------------------------------------------------------- real permissions


def test_the_child_really_cannot_write_a_read_only_file(tmp_path: Path):
    target = tmp_path / "locked.txt"
    target.write_text("x")
    target.chmod(0o444)
    code = (
        "import os, sys\n"
        "from tests.helpers.privileges import drop_file_privileges\n"
        "drop_file_privileges()\n"
        "try:\n"
        "    os.open(sys.argv[1], os.O_RDWR)\n"
        "except PermissionError:\n"
        "    print('refused')\n"
    )
    result = run_unprivileged(code, str(target))
    assert result.stdout.strip() == "refused", result.stderr


def test_a_read_only_file_opens_read_only_and_refuses_saves(made: AppPaths):
    assert made.db_path is not None
    made.db_path.chmod(0o444)
    before = sha256(made.db_path)

    report = open_as_unprivileged(made)

    assert report["read_only"] is True and report["cases"] == 2
    reason = str(report["reason"])
    assert str(made.db_path) in reason and "cannot be written" in reason
    assert "open read-only" in reason
    refused = str(report["save_refused"])
    assert "read-only" in refused and "nothing was saved" in refused and "\n" not in refused
    assert "saved" not in report
    assert sha256(made.db_path) == before
    assert case_references(made.db_path) == ["T-00000", "T-00001"]


def test_a_read_only_folder_opens_read_only_without_creating_any_file(made: AppPaths):
    assert made.db_path is not None
    folder = made.db_path.parent
    before = folder_state(folder)
    folder.chmod(0o555)

    report = open_as_unprivileged(made)

    assert report["read_only"] is True and report["cases"] == 2
    reason = str(report["reason"])
    assert str(folder) in reason and "folder" in reason
    assert "read-only" in str(report["save_refused"])
    assert folder_state(folder) == before  # nothing created, nothing changed


def test_a_read_only_folder_with_changes_in_the_wal_is_refused_clearly(made: AppPaths):
    assert made.db_path is not None
    folder = made.db_path.parent
    # A writer that died with its last commit only in the -wal; its -shm is gone too.
    code = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA wal_autocheckpoint=0')\n"
        "conn.execute(\"UPDATE 'case' SET notes = 'late'\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(made.db_path)], check=True)
    made.db_path.with_name(made.db_path.name + "-shm").unlink()
    assert made.db_path.with_name(made.db_path.name + "-wal").stat().st_size > 0
    before = folder_state(folder)
    folder.chmod(0o555)

    report = open_as_unprivileged(made)

    assert report["type"] == "ReadOnlyOpenError"
    refused = str(report["refused"])
    assert "-wal" in refused and "Nothing was changed" in refused
    assert folder_state(folder) == before


def test_a_missing_database_in_a_read_only_folder_is_refused_clearly(tmp_path: Path):
    paths = app_paths(tmp_path)
    paths.data_dir.mkdir(mode=0o555)
    try:
        report = open_as_unprivileged(paths)
    finally:
        paths.data_dir.chmod(0o755)
    assert report["type"] == "ReadOnlyOpenError"
    assert "There is no database" in str(report["refused"])
    assert list(paths.data_dir.iterdir()) == []


def test_a_writable_database_still_opens_for_writing_in_the_child(made: AppPaths):
    report = open_as_unprivileged(made)
    assert report["reason"] is None and report["read_only"] is False
    assert report["saved"] is True


def test_the_cli_lists_a_read_only_database_and_refuses_to_write_without_a_traceback(
    made: AppPaths,
):
    assert made.db_path is not None
    made.db_path.parent.chmod(0o555)
    listing = run_unprivileged(
        CLI_CHILD, "--data-dir", str(made.data_dir), "list", "--format", "json"
    )
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 2

    demo = run_unprivileged(CLI_CHILD, "--data-dir", str(made.data_dir), "demo")
    assert demo.returncode == 1
    lines = demo.stderr.strip().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0], demo.stderr
    assert "Traceback" not in demo.stderr


# --------------------------------------------------------------------------- detection, patched


@pytest.fixture
def writable(made: AppPaths) -> Path:
    assert made.db_path is not None
    return made.db_path


def test_a_writable_location_has_no_reason(writable: Path):
    assert detect_read_only(writable) is None
    assert not list(writable.parent.glob(".coetracker-write-test-*"))  # the probe is removed


def test_os_access_denial_of_the_file_or_folder_is_detected(
    writable: Path, monkeypatch: pytest.MonkeyPatch
):
    real_access = os.access

    def deny(target: Path) -> object:
        def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
            if Path(str(path)) == target and mode & os.W_OK:
                return False
            return real_access(path, mode)  # type: ignore[arg-type]

        return access

    monkeypatch.setattr(os, "access", deny(writable))
    reason = detect_read_only(writable)
    assert reason is not None and "cannot be written" in reason.render()
    assert reason.params["path"] == writable

    monkeypatch.setattr(os, "access", deny(writable.parent))
    reason = detect_read_only(writable)
    assert reason is not None and reason.params["folder"] == writable.parent


def test_an_unwritable_wal_or_shm_file_is_detected(writable: Path, monkeypatch: pytest.MonkeyPatch):
    shm = writable.with_name(writable.name + "-shm")
    shm.write_bytes(b"")
    real_open = os.open

    def fake_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == shm and flags & os.O_RDWR:
            raise PermissionError(errno.EPERM, "Operation not permitted")  # chattr +i
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    reason = detect_read_only(writable)
    assert reason is not None and reason.params["path"] == shm


def test_a_read_only_mount_is_detected(writable: Path, monkeypatch: pytest.MonkeyPatch):
    real = os.statvfs(writable.parent)

    class ReadOnlyMount:
        f_flag = real.f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", lambda _path: ReadOnlyMount())
    reason = detect_read_only(writable)
    assert reason is not None and "mounted read-only" in reason.render()


@pytest.mark.parametrize(
    ("code", "read_only"), [(errno.EACCES, True), (errno.EROFS, True), (errno.ENOSPC, False)]
)
def test_the_folder_probe_decides_what_os_access_cannot(
    writable: Path, monkeypatch: pytest.MonkeyPatch, code: int, read_only: bool
):
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    reason = detect_read_only(writable)
    assert (reason is not None) is read_only  # a full disk is not a read-only folder


def test_a_missing_folder_is_judged_by_its_nearest_existing_parent(tmp_path: Path):
    deep = tmp_path / "a" / "b" / "coetracker.sqlite3"
    assert detect_read_only(deep) is None
    assert not (tmp_path / "a").exists()  # detection creates nothing


# --------------------------------------------------------------------------- opening, in-process


def test_opening_read_only_on_request_never_writes(made: AppPaths):
    assert made.db_path is not None
    folder = made.db_path.parent
    before = sha256(made.db_path)
    mtime = made.db_path.stat().st_mtime_ns

    opened = open_app_database(made, read_only=True)
    try:
        assert opened.read_only_reason is not None
        assert "as requested" in opened.read_only_reason.render()
        with opened.database.read_session() as session:
            assert session.execute(text('SELECT count(*) FROM "case"')).scalar() == 2
        with pytest.raises(ReadOnlyDatabaseError) as caught:
            create_case(opened.database, case_input(7), actor="t")
        assert str(made.db_path) in str(caught.value)
        assert caught.value.__cause__ is None
    finally:
        opened.database.dispose()
    assert sha256(made.db_path) == before and made.db_path.stat().st_mtime_ns == mtime
    assert not list(folder.glob("*.corrupt")) and not (made.backup_dir).exists()


def test_a_detected_reason_opens_read_only_and_immutable_when_no_shm_can_be_made(
    made: AppPaths, monkeypatch: pytest.MonkeyPatch
):
    assert made.db_path is not None
    folder_reason = message("DataSafety", "The folder {folder} …", folder=made.data_dir)
    monkeypatch.setattr(opening, "detect_read_only", lambda _path: folder_reason)
    monkeypatch.setattr(opening, "_folder_writable", lambda _folder: False)
    before = folder_state(made.db_path.parent)

    opened = open_app_database(made)
    try:
        assert opened.read_only_reason is folder_reason
        assert "immutable=1" in str(opened.database.engine.url)
        assert opened.report.revision_after == migrate.head_revision()
        with opened.database.read_session() as session:
            assert session.execute(text('SELECT count(*) FROM "case"')).scalar() == 2
        with pytest.raises(ReadOnlyDatabaseError):
            add_cases(opened.database, 1, start=50)
    finally:
        opened.database.dispose()
    assert folder_state(made.db_path.parent) == before


def test_a_damaged_read_only_database_is_left_where_it_is(made: AppPaths):
    assert made.db_path is not None
    made.db_path.write_bytes(b"\0" * 4096)
    before = sha256(made.db_path)
    with pytest.raises(ReadOnlyOpenError) as caught:
        open_app_database(made, read_only=True)
    assert "damaged" in str(caught.value) and "left exactly as it is" in str(caught.value)
    assert made.db_path.exists() and sha256(made.db_path) == before
    assert not list(made.db_path.parent.glob("*.corrupt"))


def test_an_old_schema_is_not_migrated_when_read_only(tmp_path: Path):
    from alembic import command

    paths = app_paths(tmp_path)
    assert paths.db_path is not None
    paths.db_path.parent.mkdir(parents=True)
    engine = create_database_engine(f"sqlite:///{paths.db_path}")
    try:
        with engine.begin() as connection:
            command.upgrade(migrate.alembic_config(connection), "0001_initial_schema")
    finally:
        engine.dispose()
    before = sha256(paths.db_path)
    with pytest.raises(ReadOnlyOpenError) as caught:
        open_app_database(paths, read_only=True)
    assert "must be updated" in str(caught.value)
    assert sha256(paths.db_path) == before
    assert migrate.read_revision(paths.db_path) == "0001_initial_schema"
