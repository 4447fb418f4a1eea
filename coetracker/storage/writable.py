"""Can a database file be written? Decided without writing to it, and without SQLAlchemy.

:func:`detect_read_only` does not trust :func:`os.access` alone, which says "writable" for
everything when running as root or ignores attributes such as ``chattr +i``: it also checks the
mount flags, opens the file for writing (without writing) and creates and removes a probe file
in the folder. :mod:`coetracker.services.opening` opens such a database read-only;
:mod:`coetracker.services.quick_open` leaves it to that full path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from coetracker.domain.messages import QT_TRANSLATE_NOOP, Message, message

__all__ = ["detect_read_only"]

_READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_PROBE_PREFIX = ".coetracker-write-test-"


def _nearest_existing(path: Path) -> Path:
    current = path
    while not current.exists() and current.parent != current:
        current = current.parent
    return current


def _on_read_only_mount(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)  # POSIX only
    if statvfs is None:
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _file_writable(path: Path) -> bool:
    """Whether ``path`` can be opened for writing (it is opened, never written or truncated)."""
    if not os.access(path, os.W_OK):
        return False
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return exc.errno not in _READ_ONLY_ERRNOS  # another failure is not ours to judge
    os.close(fd)
    return True


def _folder_writable(folder: Path) -> bool:
    """Whether files can be created in ``folder``: a probe file is made and removed."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        fd, name = tempfile.mkstemp(prefix=_PROBE_PREFIX, suffix=".tmp", dir=folder)
    except OSError as exc:
        return exc.errno not in _READ_ONLY_ERRNOS
    os.close(fd)
    with contextlib.suppress(OSError):
        Path(name).unlink()
    return True


def _companion_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def detect_read_only(db_path: Path) -> Message | None:
    """Why the database at ``db_path`` cannot be written, or ``None`` if it can.

    Looks, in this order, at the drive (mounted read-only), the database file and its ``-wal``,
    ``-shm`` and ``-journal`` files (opened for writing, never written), and the folder (a probe
    file is created and removed). A missing folder is judged by its nearest existing parent.
    """
    folder = db_path.parent
    existing = _nearest_existing(folder)
    if _on_read_only_mount(existing):
        return message(
            "DataSafety",
            QT_TRANSLATE_NOOP(
                "DataSafety",
                "The database {path} is on a drive that is mounted read-only, so it is open "
                "read-only: you can look at everything, but changes cannot be saved.",
            ),
            path=db_path,
        )
    files = [db_path, *_companion_files(db_path)] if existing == folder else []
    for path in files:
        if path.is_file() and not _file_writable(path):
            return message(
                "DataSafety",
                QT_TRANSLATE_NOOP(
                    "DataSafety",
                    "The database file {path} cannot be written (its permissions or attributes "
                    "do not allow it), so it is open read-only: you can look at everything, but "
                    "changes cannot be saved.",
                ),
                path=path,
            )
    if not _folder_writable(existing):
        return message(
            "DataSafety",
            QT_TRANSLATE_NOOP(
                "DataSafety",
                "The folder {folder} cannot be written, and the database needs it to save, so "
                "the database is open read-only: you can look at everything, but changes cannot "
                "be saved.",
            ),
            folder=existing,
        )
    return None
