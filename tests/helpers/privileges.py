"""Real file permissions for tests that run as root: a child process gives up the
capabilities that let root ignore file modes (:func:`drop_file_privileges`), then tries to open
and save (:func:`child_open_and_try_to_save`)."""

from __future__ import annotations

import ctypes
import os
import tempfile

from sqlalchemy import text

from coetracker.errors import ReadOnlyDatabaseError
from coetracker.services.cases import create_case
from coetracker.services.opening import ReadOnlyOpenError, open_app_database
from tests.helpers.db import case_input

# Capabilities that let root ignore file modes (linux/capability.h).
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
CAP_FOWNER = 3
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def drop_file_privileges() -> None:
    """Make this process obey file modes even when it runs as root (Linux).

    Removes CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER from the effective, permitted
    and inheritable sets: for root, a file's owner bits then apply as for anyone else. Not
    reversible; used in child processes only. Does nothing for an ordinary user.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    mask = ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH) | (1 << CAP_FOWNER))
    data[0].effective &= mask
    data[0].permitted &= mask
    data[0].inheritable &= mask
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")
    fd, name = tempfile.mkstemp()
    os.close(fd)
    try:
        os.chmod(name, 0o444)
        try:
            os.close(os.open(name, os.O_RDWR))
        except PermissionError:
            return
        raise RuntimeError("file modes are still ignored after dropping the capabilities")
    finally:
        os.unlink(name)


def child_open_and_try_to_save(data_dir: str) -> dict[str, object]:
    """In the unprivileged child: open, read, try to save; report what happened as JSON."""
    from coetracker.paths import resolve_paths

    paths = resolve_paths(data_dir=data_dir, environ={})
    try:
        opened = open_app_database(paths)
    except ReadOnlyOpenError as refused:
        return {"refused": str(refused), "type": type(refused).__name__}
    report: dict[str, object] = {
        "reason": None if opened.read_only_reason is None else opened.read_only_reason.render(),
        "read_only": opened.database.read_only,
    }
    try:
        with opened.database.read_session() as session:
            report["cases"] = session.execute(text('SELECT count(*) FROM "case"')).scalar()
        try:
            create_case(opened.database, case_input(999), actor="child")
            report["saved"] = True
        except ReadOnlyDatabaseError as refused:
            report["save_refused"] = str(refused)
    finally:
        opened.database.dispose()
    return report
