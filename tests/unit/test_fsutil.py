"""fsutil: the one atomic write, its durable rename and the one private-folder function."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO

import pytest

from coetracker import fsutil

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "list.csv"
    target.write_bytes(b"old")

    def half_then_fail(handle: IO[bytes]) -> None:
        handle.write(b"new, but not all of it")
        raise OSError(errno.ENOSPC, "full")

    with pytest.raises(OSError):
        fsutil.atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["list.csv"]


@posix_only
def test_a_written_file_is_private_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"

    def ten(handle: IO[bytes]) -> None:
        handle.write(b"x" * 10)

    fsutil.atomic_write(target, ten)
    assert target.read_bytes() == b"x" * 10
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_folder_that_cannot_be_fsynced_is_no_failure_but_an_io_error_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(code: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fsutil, "fsync_dir", lambda path: refuse(errno.EINVAL))
    fsutil.atomic_write_bytes(tmp_path / "a.csv", b"a")
    assert (tmp_path / "a.csv").read_bytes() == b"a"
    monkeypatch.setattr(fsutil, "fsync_dir", lambda path: refuse(errno.EIO))
    with pytest.raises(OSError):
        fsutil.atomic_write_bytes(tmp_path / "b.csv", b"b")


@posix_only
def test_tighten_makes_our_folder_private_but_never_a_shared_one(tmp_path: Path) -> None:
    ours = tmp_path / "data"
    ours.mkdir(mode=0o755)
    ours.chmod(0o755)
    fsutil.ensure_private_dir(ours)
    assert stat.S_IMODE(ours.stat().st_mode) == 0o755  # the user's folder is left alone
    fsutil.ensure_private_dir(ours, tighten=True)
    assert stat.S_IMODE(ours.stat().st_mode) == 0o700
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    fsutil.ensure_private_dir(shared, tighten=True)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    new = tmp_path / "a" / "b"
    fsutil.ensure_private_dir(new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o700
    assert stat.S_IMODE(new.parent.stat().st_mode) == 0o700
