"""The instance lock with real processes: a live holder is refused by name, a dead one (even one
killed with SIGKILL) is taken over, a lock from another host is respected unless forced."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coetracker.errors import AlreadyRunningError
from coetracker.storage.instance_lock import (
    InstanceLock,
    exclusive_file_lock,
    lock_path_for,
    read_lock_holder,
)

HOLD_LOCK = """
import sys, time
from pathlib import Path
from coetracker.storage.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
time.sleep(600)
"""

HOLD_FILE_LOCK = """
import sys, time
from pathlib import Path
from coetracker.storage.instance_lock import exclusive_file_lock
with exclusive_file_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def start_holder(script: str, path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL
    if child.stdout is not None:
        child.stdout.close()


def dead_pid() -> int:
    """The PID of a process that has exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
    return child.pid


def test_acquire_writes_holder_and_release_removes_the_file(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    lock = InstanceLock(db)
    lock.acquire()
    try:
        path = lock_path_for(db)
        assert path.name == "coetracker.sqlite3.lock"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        holder = read_lock_holder(db)
        assert holder is not None
        assert (holder.host, holder.pid) == (socket.gethostname(), os.getpid())
        assert holder.started is not None and holder.started.tzinfo is not None
        assert lock.held
        with pytest.raises(RuntimeError):
            lock.acquire()
    finally:
        lock.release()
    assert not lock.held
    assert not lock_path_for(db).exists()
    lock.release()  # harmless when not held


def test_a_second_instance_is_refused_naming_host_and_pid(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    with InstanceLock(db):
        with pytest.raises(AlreadyRunningError) as caught:
            InstanceLock(db).acquire()
        error = caught.value
        assert (error.host, error.pid, error.other_host) == (
            socket.gethostname(),
            os.getpid(),
            False,
        )
        text = str(error)
        assert str(os.getpid()) in text and socket.gethostname() in text
        assert error.message.context == "DataSafety"
    with InstanceLock(db):  # released by the with block: free again
        pass


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    pid = dead_pid()
    lock_path_for(db).write_text(
        json.dumps(
            {"host": socket.gethostname(), "pid": pid, "started": "2026-01-01T00:00:00+00:00"}
        )
    )
    with InstanceLock(db):
        holder = read_lock_holder(db)
        assert holder is not None and holder.pid == os.getpid()
    assert not lock_path_for(db).exists()


def test_a_garbled_lock_file_is_taken_over(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    lock_path_for(db).write_bytes(b"\x00\xff not json")
    with InstanceLock(db):
        assert read_lock_holder(db) is not None


def test_a_lock_held_by_a_child_is_refused_until_the_child_is_killed(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    child = start_holder(HOLD_LOCK, db)
    try:
        with pytest.raises(AlreadyRunningError) as caught:
            InstanceLock(db).acquire()
        assert caught.value.pid == child.pid
        assert caught.value.host == socket.gethostname()
        assert str(child.pid) in str(caught.value)
    finally:
        kill(child)
    # The child never released: its JSON is still there, but the kernel dropped its lock.
    holder = read_lock_holder(db)
    assert holder is not None and holder.pid == child.pid
    with InstanceLock(db):
        holder = read_lock_holder(db)
        assert holder is not None and holder.pid == os.getpid()


def test_a_lock_from_another_host_is_respected_unless_forced(tmp_path: Path):
    db = tmp_path / "coetracker.sqlite3"
    record = {"host": "office-pc-2", "pid": 4242, "started": "2026-01-01T09:00:00+09:00"}
    lock_path_for(db).write_text(json.dumps(record))
    with pytest.raises(AlreadyRunningError) as caught:
        InstanceLock(db).acquire()
    assert caught.value.other_host and caught.value.host == "office-pc-2"
    assert "office-pc-2" in str(caught.value) and "4242" in str(caught.value)
    assert json.loads(lock_path_for(db).read_text()) == record  # refused: left as it was

    lock = InstanceLock(db)
    lock.acquire(force=True)
    try:
        holder = read_lock_holder(db)
        assert holder is not None and holder.host == socket.gethostname()
    finally:
        lock.release()


def test_exclusive_file_lock_waits_then_times_out(tmp_path: Path):
    path = tmp_path / ".coetracker-backup.lock"
    child = start_holder(HOLD_FILE_LOCK, path)
    try:
        started = time.monotonic()
        with pytest.raises(TimeoutError), exclusive_file_lock(path, timeout=0.3):
            pass
        assert time.monotonic() - started >= 0.3
    finally:
        kill(child)
    with exclusive_file_lock(path, timeout=5):
        assert path.exists()
    assert path.exists()  # deliberately left in place


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_lock_file_deleted_under_us_is_retried_without_leaking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from coetracker.storage import instance_lock

    db = tmp_path / "coetracker.sqlite3"
    real = instance_lock._still_same_file
    calls: list[int] = []

    def first_time_gone(fd: int, path: Path) -> bool:
        calls.append(fd)
        return len(calls) > 1 and real(fd, path)

    monkeypatch.setattr(instance_lock, "_still_same_file", first_time_gone)
    before = open_fds()
    lock = InstanceLock(db)
    lock.acquire()
    assert len(calls) == 2
    assert open_fds() == before + 1  # only the held lock file is open
    lock.release()
    assert open_fds() == before
