"""A database given in a shared folder never changes that folder's permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coetracker.paths import ensure_private_dir


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_sticky_shared_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    ensure_private_dir(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_our_own_folder_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    ensure_private_dir(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    created = tmp_path / "new" / "deeper"
    ensure_private_dir(created)
    assert stat.S_IMODE(created.stat().st_mode) == 0o700
    assert stat.S_IMODE(created.parent.stat().st_mode) == 0o700
