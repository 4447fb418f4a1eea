"""One running COE Tracker per database file, and a small cross-process file lock.

:class:`InstanceLock` keeps ``<database>.lock`` beside the database (``coetracker.sqlite3.lock``)
open and locked with the operating system's advisory lock: ``fcntl.flock`` on POSIX, a one-byte
``msvcrt.locking`` region on Windows. The kernel drops that lock when the process ends, however
it ends (``SIGKILL``, a crash, a power cut), so a crashed instance never blocks the next start.
The file also holds ``{"host", "pid", "started"}`` as JSON, which serves two purposes:

* the refusal message names who holds the lock (:class:`~coetracker.errors.AlreadyRunningError`);
* a lock written by *another computer* is respected even when the local OS lock is free, because
  advisory locks are not reliable across network file systems and we cannot test whether a
  process on another machine is alive. ``acquire(force=True)`` overrides it after the user
  confirms that the other computer crashed.

On the same host the OS lock is the authority: if it is free, whoever wrote the JSON is no
longer running (the kernel released its lock), so a stale lock is taken over silently. We
deliberately do not also ask "is that PID alive?": after a reboot the old PID often belongs to an
unrelated process, and such a check would lock the user out for no reason.

``release()`` deletes the lock file while still holding the lock. A process that opened the file
just before the deletion would then lock a file nobody else can see; :meth:`InstanceLock.acquire`
therefore re-checks that the path still names the locked file and retries if not.

:func:`exclusive_file_lock` is the same OS lock as a blocking context manager, used to serialise
backups and rotation between processes (the GUI's timer and ``coetracker backup``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from coetracker.errors import AlreadyRunningError

__all__ = [
    "AlreadyRunningError",
    "InstanceLock",
    "LockHolder",
    "exclusive_file_lock",
    "lock_path_for",
    "read_lock_holder",
]

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte far past the JSON so readers can still read it
_MAX_JSON = 4096
_ACQUIRE_ATTEMPTS = 5


def lock_path_for(db_path: Path) -> Path:
    """The lock file for a database: ``coetracker.sqlite3`` → ``coetracker.sqlite3.lock``."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _try_lock(fd: int) -> bool:
    """Take the OS lock on ``fd`` without waiting; ``False`` if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    else:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _open_lock_file(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def _still_same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (POSIX; always true on Windows)."""
    if sys.platform == "win32":
        return True  # an open file cannot be deleted there
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def exclusive_file_lock(path: Path, *, timeout: float = 30.0) -> Iterator[None]:
    """Hold the OS lock on ``path`` (created 0600 if missing) for the ``with`` block.

    Waits up to ``timeout`` seconds for another process to let go, then raises
    :class:`TimeoutError`. The file is left in place: deleting it would let two processes lock
    two different files of the same name.
    """
    deadline = time.monotonic() + timeout
    while True:
        fd = _open_lock_file(path)
        if _try_lock(fd):
            if _still_same_file(fd, path):
                break
            _unlock(fd)
        os.close(fd)
        if time.monotonic() >= deadline:
            raise TimeoutError(f"could not lock {path} within {timeout:.0f} s")
        time.sleep(0.05)
    try:
        yield
    finally:
        _unlock(fd)
        os.close(fd)


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who wrote a lock file: the JSON part, used for messages and the other-host check."""

    host: str
    pid: int
    started: dt.datetime | None


def _parse_holder(raw: bytes) -> LockHolder | None:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    host, pid, started = data.get("host"), data.get("pid"), data.get("started")
    if not isinstance(host, str) or not isinstance(pid, int) or isinstance(pid, bool):
        return None
    when: dt.datetime | None = None
    if isinstance(started, str):
        with contextlib.suppress(ValueError):
            when = dt.datetime.fromisoformat(started)
    return LockHolder(host=host, pid=pid, started=when)


def _read_fd(fd: int) -> LockHolder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    return _parse_holder(os.read(fd, _MAX_JSON))


def read_lock_holder(db_path: Path) -> LockHolder | None:
    """The holder recorded in the database's lock file, or ``None`` if absent or unreadable."""
    try:
        raw = lock_path_for(db_path).read_bytes()[:_MAX_JSON]
    except OSError:
        return None
    return _parse_holder(raw)


def _this_host() -> str:
    if hasattr(os, "uname"):  # what socket.gethostname() gives, without importing sockets
        return os.uname().nodename
    import socket

    return socket.gethostname()


class InstanceLock:
    """The lock that lets one COE Tracker process at a time open a database.

    Use as a context manager, or call :meth:`acquire` and :meth:`release`::

        with InstanceLock(db_path):
            run_app()

    :meth:`acquire` raises :class:`~coetracker.errors.AlreadyRunningError` when another process
    holds the lock; its message names that process's host and PID.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path.resolve()
        self.lock_path = lock_path_for(self.db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object currently holds the lock."""
        return self._fd is not None

    def acquire(self, *, force: bool = False) -> None:
        """Take the lock, or raise :class:`AlreadyRunningError`.

        A lock left by a process on this host that is no longer running is taken over. A lock
        written on another host is respected unless ``force`` is true (ask the user first).
        """
        if self._fd is not None:
            raise RuntimeError(f"{self.lock_path} is already held by this object")
        me = _this_host()
        for _attempt in range(_ACQUIRE_ATTEMPTS):
            fd = _open_lock_file(self.lock_path)
            try:
                if not _try_lock(fd):
                    holder = _read_fd(fd)
                    raise AlreadyRunningError(
                        host=holder.host if holder else None,
                        pid=holder.pid if holder else None,
                        started=holder.started if holder else None,
                        other_host=holder is not None and holder.host != me,
                        detail=f"lock held: {self.lock_path}",
                    )
                if not _still_same_file(fd, self.lock_path):
                    _unlock(fd)
                    os.close(fd)
                    continue  # the previous holder deleted it as we opened it: start again
                holder = _read_fd(fd)
                if holder is not None and holder.host != me and not force:
                    _unlock(fd)
                    raise AlreadyRunningError(
                        host=holder.host,
                        pid=holder.pid,
                        started=holder.started,
                        other_host=True,
                        detail=f"lock written on another host: {self.lock_path}",
                    )
                if holder is not None:
                    log.warning(
                        "Taking over the stale instance lock %s (was process %d on %s)",
                        self.lock_path,
                        holder.pid,
                        "this host" if holder.host == me else "another host, forced",
                    )
                self._write_holder(fd, me)
            except BaseException:
                os.close(fd)
                raise
            self._fd = fd
            log.info("Instance lock %s acquired by process %d", self.lock_path, os.getpid())
            return
        raise AlreadyRunningError(
            host=None, pid=None, detail=f"lock file kept changing: {self.lock_path}"
        )

    @staticmethod
    def _write_holder(fd: int, host: str) -> None:
        record = {
            "host": host,
            "pid": os.getpid(),
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        data = json.dumps(record).encode("utf-8")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)
        os.fsync(fd)

    def release(self) -> None:
        """Delete the lock file and let go of the lock. Does nothing if not held."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":
            _unlock(fd)
            os.close(fd)
            with contextlib.suppress(OSError):  # another process may already have it open
                self.lock_path.unlink()
        else:
            try:
                if _still_same_file(fd, self.lock_path):
                    self.lock_path.unlink()
            finally:
                _unlock(fd)
                os.close(fd)
        log.info("Instance lock %s released", self.lock_path)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
