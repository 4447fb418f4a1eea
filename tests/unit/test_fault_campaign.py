"""Fault campaign: 30 truncations and 30 random page flips of a demo database.

After each fault, two starts in a row (the services the window and the command line share):
either the database opens, passes ``integrity_check`` and lists its cases, or the start is
refused with a user-facing error, the second start is refused too, no database file is made in
its place, and the damaged bytes are kept byte-identical (where they were, or moved aside).
Never an empty database, never any other exception. Seeded, so a failure reproduces.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from coetracker.errors import UserFacingError
from coetracker.paths import AppPaths, resolve_paths
from coetracker.services.backups import backup_now
from coetracker.services.caselist import list_cases
from coetracker.services.demo import fill_demo
from coetracker.services.opening import DamagedDatabaseError, open_app_database

pytestmark = pytest.mark.slow

TODAY = dt.date(2026, 11, 27)
RUNS = 30


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, int]:
    """A demo database (checkpointed, one file) and a backup of it; the case count."""
    paths = resolve_paths(data_dir=tmp_path_factory.mktemp("template"), environ={})
    db = open_app_database(paths).database
    try:
        fill_demo(db, today=TODAY)
        count = len(list_cases(db, today=TODAY, include_closed=True))
    finally:
        db.dispose()
    made = backup_now(paths, force=True)
    assert made is not None and paths.db_path is not None
    return paths.db_path.read_bytes(), made.read_bytes(), count


def prepare(root: Path, data: bytes, backup: bytes) -> AppPaths:
    paths = resolve_paths(data_dir=root, environ={})
    assert paths.db_path is not None
    paths.backup_dir.mkdir(parents=True)
    (paths.backup_dir / "coetracker-20261126-090000.sqlite3").write_bytes(backup)
    paths.db_path.write_bytes(data)
    return paths


def truncated(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(0, len(data))]


def page_flipped(data: bytes, rng: random.Random) -> bytes:
    page_size = int.from_bytes(data[16:18], "big") or 65536
    pages = len(data) // page_size
    page = rng.randrange(pages)
    changed = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        offset = page * page_size + rng.randrange(page_size)
        changed[offset] ^= 1 << rng.randrange(8)
    return bytes(changed)


def start(paths: AppPaths) -> int | UserFacingError:
    """One start: the number of cases listed, or the refusal."""
    try:
        db = open_app_database(paths).database
    except UserFacingError as refused:
        return refused
    try:
        assert paths.db_path is not None
        with sqlite3.connect(paths.db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
        return len(list_cases(db, today=TODAY, include_closed=True))
    except UserFacingError as refused:  # found damaged while reading: one sentence
        return refused
    finally:
        db.dispose()


def kept_somewhere(paths: AppPaths, damaged: str) -> bool:
    assert paths.db_path is not None
    folder = paths.db_path.parent
    return any(
        digest(path.read_bytes()) == damaged
        for path in folder.iterdir()
        if path.is_file() and path.name.startswith(paths.db_path.name)
    )


@pytest.mark.parametrize("fault", ["truncation", "page flip"])
def test_every_start_opens_an_intact_database_or_keeps_refusing(
    tmp_path: Path, template: tuple[bytes, bytes, int], fault: str
):
    data, backup, cases = template
    rng = random.Random(f"coetracker-{fault}")
    outcomes: dict[str, int] = {"opened": 0, "refused": 0}
    for run in range(RUNS):
        damaged_bytes = (truncated if fault == "truncation" else page_flipped)(data, rng)
        paths = prepare(tmp_path / f"{run}", damaged_bytes, backup)
        assert paths.db_path is not None
        damaged = digest(damaged_bytes)
        first = start(paths)
        if isinstance(first, int):
            outcomes["opened"] += 1
            assert first == cases, (run, first)  # never an empty (or shrunken) database
            continue
        outcomes["refused"] += 1
        assert kept_somewhere(paths, damaged), run
        second = start(paths)
        assert isinstance(second, UserFacingError), (run, second)
        assert kept_somewhere(paths, damaged), run
        if isinstance(first, DamagedDatabaseError):
            assert not paths.db_path.exists(), run  # no new database in its place
            assert isinstance(second, DamagedDatabaseError), run
    assert outcomes["refused"] > 0
