"""A guard against a reference-counting defect of some PySide6 builds on Python < 3.12.

The PySide6 6.12 build in use here returns ``None`` (from every ``void`` C++ method: ``setText``,
``processEvents``, ``beginResetModel`` …) and ``True`` (from ``SignalInstance.emit``) without
taking a reference, so each such call leaves the interpreter one reference short. On Python 3.12
and later ``None``, ``True`` and ``False`` are immortal and nothing happens; on 3.11 their counts
fall with every call until the interpreter deallocates ``None`` and aborts ("Fatal Python error:
none_dealloc") — minutes into a working day, sooner with 100,000 cases.

:func:`install` detects the defect with a few harmless calls and, only if it is present, gives
the three singletons a reference count so large that it cannot run out (2**40 calls), which is
what Python 3.12 does for them anyway. The proper cure is a fixed PySide6 or Python ≥ 3.12; the
guard then finds nothing to do.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_RESERVE = 1 << 40
_installed = False


def defect_present() -> bool:
    """Whether calls into PySide6 drop references to ``None`` or ``True`` (measured)."""
    if sys.version_info >= (3, 12):
        return False  # the singletons are immortal
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(16):
        probe.setObjectName("probe")
        probe.ping.emit()
    lost_none = none_before - sys.getrefcount(None)
    lost_true = true_before - sys.getrefcount(True)
    return lost_none >= 16 or lost_true >= 16


def install() -> bool:
    """Protect ``None``, ``True`` and ``False`` if PySide6 drops references to them."""
    global _installed
    if _installed:
        return True
    if not defect_present():
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _installed = True
    log.warning(
        "PySide6 drops references to None/True on this Python (%s); guard installed",
        sys.version.split()[0],
    )
    return True
