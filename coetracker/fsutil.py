"""Writing files that hold personal data: private folders, private files, atomic replacement.

Every file the application writes with client data in it (database, backups, CSV, PDF, logs,
markers) is readable by the user alone: files 0600 in folders the application made 0700,
whatever the process's umask (``mkdir``'s and ``open``'s modes are filtered by the umask, so the
mode is set again explicitly after creating). An existing folder the user chose (a Documents
folder, say) keeps its permissions; the file in it is still 0600.

:func:`atomic_write` (and :func:`atomic_write_bytes`) writes to a hidden temporary file beside
the target, fsyncs it, renames it over the target and fsyncs the folder: a reader (or a crash)
sees the old content or the new, never half of it. Every export (CSV, workbook, ledger) and the
backups' final rename go through it or through the same :func:`fsync_file` / :func:`fsync_dir`
steps.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

__all__ = [
    "POSIX",
    "atomic_write",
    "atomic_write_blocks",
    "atomic_write_bytes",
    "ensure_private_dir",
    "fsync_dir",
    "fsync_file",
    "make_private",
    "private_file",
    "replace_durably",
]

POSIX = sys.platform != "win32"

_NO_DIR_FSYNC = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EPERM})

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def fsync_dir(path: Path) -> None:
    """Make a rename, create or unlink in ``path`` durable (POSIX; Windows has no dir handles)."""
    if not POSIX:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s content to the disk."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Create ``path`` and its missing parents 0700, under any umask; return ``path``.

    Folders that already existed keep their permissions (they may be the user's own), unless
    ``tighten``: then ``path`` itself is set to 0700 too (the application's own data, log and
    backup folders) — except a shared folder (sticky, like ``/tmp``), the home folder and the
    root, and a folder we may not change (its files are still 0600).
    """
    missing: list[Path] = []
    current = path
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if POSIX:
        for created in missing:
            with contextlib.suppress(OSError):
                created.chmod(PRIVATE_DIR_MODE)
        if tighten and path not in missing:
            mode = path.stat().st_mode
            shared = bool(mode & stat.S_ISVTX) or path.resolve() in {
                Path.home().resolve(),
                Path("/"),
            }
            if stat.S_IMODE(mode) != PRIVATE_DIR_MODE and not shared:
                with contextlib.suppress(PermissionError):
                    path.chmod(PRIVATE_DIR_MODE)
    return path


def replace_durably(temp: Path, path: Path) -> None:
    """Make the finished ``temp`` 0600, fsync it, rename it over ``path`` and fsync the folder:
    the last steps of every atomic write (exports, backups), so a crash leaves the old file or
    the new one, complete."""
    make_private(temp)
    fsync_file(temp)
    temp.replace(path)
    try:
        fsync_dir(path.parent)
    except OSError as error:
        # Some file systems (network shares, FUSE) cannot fsync a folder: the file itself is
        # on the disk, so that is no failure. An I/O error is.
        if error.errno not in _NO_DIR_FSYNC:
            raise


def make_private(path: Path) -> None:
    """Set ``path`` to 0600 (POSIX); a file we cannot change is left as it is."""
    if POSIX and path.is_file() and stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE_MODE:
        with contextlib.suppress(PermissionError):
            path.chmod(PRIVATE_FILE_MODE)


def private_file(path: Path) -> None:
    """Create ``path`` empty if missing, and make it 0600 whether new or not."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
        os.close(fd)
    make_private(path)


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Replace ``path`` with what ``write`` writes to the binary handle it is given, in one step.

    ``write`` fills a hidden temporary file ``.<name>.<random>.part`` beside ``path`` (0600
    from the start); the file is fsynced, renamed over ``path`` and the folder fsynced. On any
    failure (``write`` raising included) the temporary file is removed and ``path`` is unchanged.
    """
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if POSIX:
                os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            write(handle)
        replace_durably(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step, 0600 (see :func:`atomic_write`)."""
    atomic_write_blocks(path, [data])


def atomic_write_blocks(path: Path, blocks: Iterable[bytes]) -> None:
    """Replace ``path`` with the ``blocks`` one after another, in one step, 0600 (see
    :func:`atomic_write`)."""

    def write(handle: IO[bytes]) -> None:
        handle.writelines(blocks)

    atomic_write(path, write)
